package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.EngineSettings;
import dev.platen.testing.Pdfs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A heading that fits at a page's foot while the first line after it does not: openhtmltopdf's document sheet gives
 * h1–h6 {@code page-break-after: avoid}, and its BlockBoxing lays the heading and what follows out again from the
 * heading with a page clear, so the heading's margin edge starts the next page, its own top margin kept, and what
 * follows keeps its place below it. Statements grouped by month with a heading per group meet it often. Each case is
 * printed as openhtmltopdf prints it (text per page, page breaks, page images, word positions).
 */
class HtmlHeadingBreakEquivalenceTest {
  private static final String CSS = "body { font-family: Helvetica, Arial, sans-serif; font-size: 9pt; }"
      + " h2 { font-size: 11pt; margin: 14px 0 4px 0; } ol.terms { padding-left: 20px; margin: 0; font-size: 8pt; }"
      + " ol.terms li { margin-bottom: 3px; } p { margin: 0 } table.t { width: 100%; border-collapse: collapse }"
      + " td, th { padding: 2px; border-bottom: 1px solid #ccc } h1 { font-size: 16pt; margin: 20px 0 6px }";
  private static final String ROWS = "<tr><td>1 Mar</td><td>Coffee</td><td>3.20</td></tr><tr><td>2 Mar</td>"
      + "<td>Tea</td><td>2.10</td></tr>";

  /** Lines of filler that leave the heading room at the page's foot and none for the line after it. */
  private static String page(int lines, String tail) {
    StringBuilder html = new StringBuilder("<div>");
    for (int i = 0; i < lines; i++) html.append("<p>Filler line ").append(i).append("</p>");
    return html.append("</div><div style=\"height: 12px\"></div>").append(tail).toString();
  }

  /**
   * Moved to the next page with what follows it: a paragraph, a div, a list, a second heading right after it (both
   * move, the run starting at the first), an h1 whose top margin the move keeps above it (with the filler one line
   * shorter too, where its margin collapsed with the one after it reaches past the bottom), a wrapping paragraph, a
   * loop table's first row (kept whole by the document sheet) and a row an author keeps whole.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"56|<h2>Terms</h2><p>First term text</p>", "56|<h2>Terms</h2><div>First term text</div>",
      "56|<h2>Terms</h2><ol class=\"terms\"><li>First term text</li><li>Second</li></ol>",
      "55|<h2>Terms</h2><h3>Payment</h3><p>First term text</p>", "56|<h1>Terms</h1><p>First term text</p>",
      "55|<h1>Terms</h1><p>First term text</p>",
      "56|<h2>Terms</h2><p>First term text, a longer paragraph that wraps over more than one line of the page so"
          + " that its second line goes on past the right edge.</p><p>Then another</p>",
      "56|<h2>March</h2><table class=\"t loop\">" + ROWS + "</table>",
      "56|<h2>March</h2><table class=\"t\"><tr style=\"page-break-inside: avoid\"><td>1 Mar</td><td>Coffee</td>"
          + "<td>3.20</td></tr></table>"})
  void aHeadingMovesToTheNextPageWithWhatFollowsIt(String row) throws Exception {
    String[] p = row.split("\\|", 2);
    var input = drawnDirectly(page(Integer.parseInt(p[0]), p[1]), CSS);
    var pdf = new DirectPdfEngine(EngineSettings.defaults()).render(input);
    assertThat(Pdfs.pageTexts(pdf).get(0)).doesNotContain("Terms").doesNotContain("March");
    assertSame("heading-moved", input);
  }

  /**
   * Left at the page's foot, as openhtmltopdf leaves them: a heading that ends its parent (only siblings are kept
   * together), a heading whose author sets {@code page-break-after: auto}, which overrides the document sheet, and a
   * heading followed by an empty spacer that fits (the run ends at the spacer, whose end is on the page: measured).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<div><h2>Terms</h2></div><p>First term text</p>",
      "<h2>Terms</h2><div style=\"height: 4px\"></div><p>First term text</p>",
      "<h2 style=\"page-break-after: auto\">Terms</h2><p>First term text</p>"})
  void aHeadingNotKeptWithWhatFollowsStaysAtTheFoot(String tail) throws Exception {
    var input = drawnDirectly(page(56, tail), CSS);
    var pdf = new DirectPdfEngine(EngineSettings.defaults()).render(input);
    assertThat(Pdfs.pageTexts(pdf).get(0)).contains("Terms").doesNotContain("First term");
    assertSame("heading-at-foot", input);
  }

  /**
   * Still sent to openhtmltopdf: a table whose first row is cut by the break (openhtmltopdf moves the heading when
   * the first cell's first line does not fit, which the direct engine does not know where it cuts the row), a
   * repeated table header that would not fit, and an author's {@code page-break-after: avoid} on a div before more
   * content.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<h2>March</h2><table class=\"t\">" + ROWS + "</table>|a page break right after a heading",
      "<h2>March</h2><table class=\"t\"><thead><tr><th>Date</th><th>Item</th><th>Amount</th></tr></thead><tbody>"
          + ROWS + "</tbody></table>|a table header across a page break",
      "<div style=\"page-break-after: avoid\">Terms</div><p>First term text</p>|page-break-after: avoid on div"
          + " before more content"})
  void whatIsStillRefused(String row) {
    String[] p = row.split("\\|", 2);
    String html = page(56, p[0]);
    String published = refusal(html, CSS);
    if (published != null) {
      assertThat(published).contains(p[1]);
      return;
    }
    var input = dev.platen.render.Canvas.input(dev.platen.render.HtmlCorpus.of(html, CSS), "{}");
    assertThatThrownBy(() -> new DirectPdfEngine(EngineSettings.defaults()).render(input)).hasMessageContaining(p[1]);
  }
}
