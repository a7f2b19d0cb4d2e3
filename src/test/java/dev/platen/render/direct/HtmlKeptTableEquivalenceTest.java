package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static dev.platen.render.direct.HtmlEquivalenceTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.EngineSettings;
import dev.platen.render.RenderInput;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A table of {@code page-break-inside: avoid} (a totals table, signature lines) is kept whole as openhtmltopdf keeps
 * any block box: where a page break would cross it, it starts on the next page; one taller than a page goes to
 * openhtmltopdf. The quote of {@link HtmlSurvey23EquivalenceTest} put it on its signature table, which had sent the
 * whole template to openhtmltopdf. Compared as {@link HtmlEquivalenceTest} compares (text per page, page images,
 * word positions).
 */
class HtmlKeptTableEquivalenceTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  private static final String TOTALS = "<table class=\"totals\"><tr><td>Subtotal</td><td class=\"n\">4,200.00</td></tr>"
      + "<tr><td>VAT 20%</td><td class=\"n\">840.00</td></tr><tr><td>Shipping</td><td class=\"n\">35.00</td></tr>"
      + "<tr class=\"due\"><td>Total due</td><td class=\"n\">5,075.00</td></tr></table>";

  private static String filler(int lines) {
    StringBuilder b = new StringBuilder("<h1>Quote Q-2026-118</h1>");
    for (int i = 1; i <= lines; i++) b.append("<p>Item ").append(i).append(": consulting, one day on site.</p>");
    return b.toString();
  }

  private static final String CSS = "body { font-family: Helvetica, Arial, sans-serif; font-size: 11px }"
      + " p { margin: 4px 0 } table.totals { width: 50%; margin-left: auto; border-collapse: collapse;"
      + " page-break-inside: avoid } .totals td { padding: 4px 6px; border-bottom: 1px solid #dddddd }"
      + " .n { text-align: right } .due td { font-weight: bold; border-top: 2px solid #222222 }";

  /** From well clear of the page's foot, across it, to the next page's top: moved whole where a break would cross. */
  @ParameterizedTest(name = "{0} lines before")
  @ValueSource(ints = {10, 38, 40, 41, 42, 43, 44, 45, 46, 48})
  void aTotalsTableKeptWhole(int lines) throws Exception {
    RenderInput in = drawnDirectly(filler(lines) + TOTALS + "<p>Valid for 30 days.</p>", CSS);
    assertSame("kept-totals-" + lines, in);
    List<String> pages = texts(DIRECT.render(in));
    // never split: its first and last row stand on one page
    assertThat(pages.stream().filter(p -> p.contains("Subtotal")).findFirst().orElseThrow()).contains("Totaldue");
  }

  /** Some position in the range above does move the table: the test would not pass with the property ignored. */
  @Test
  void somePositionMovesIt() throws Exception {
    boolean moved = false;
    for (int lines = 38; lines <= 48 && !moved; lines++) {
      List<String> pages = texts(DIRECT.render(drawnDirectly(filler(lines) + TOTALS, CSS)));
      moved = pages.size() > 1 && pages.get(1).startsWith("Subtotal");
    }
    assertThat(moved).as("a position where the table starts the second page").isTrue();
  }

  private static final String SIGNATURES = "<h2>Acceptance</h2><table class=\"sig\"><tr><td>Accepted by (client)</td>"
      + "<td>Date</td></tr><tr><td class=\"line\"></td><td class=\"line\"></td></tr><tr><td>Name, title</td><td>Place</td>"
      + "</tr></table><p>Thank you for your business.</p>";

  /**
   * Margins, a heading before it, separate borders, an indent from a padded wrapper and a repeated header: what each
   * changes about where the kept table lands is as openhtmltopdf has it.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "table.sig { width: 100%; margin: 24px 0 30px; page-break-inside: avoid } .sig td { height: 28px; width: 50% }"
          + " .line { border-bottom: 1px solid #000000 }",
      "table.sig { width: 100%; page-break-inside: avoid; border: 1px solid #999999 } .sig td { padding: 8px }"
          + " .line { height: 30px; border-bottom: 1px solid #000000 } h2 { page-break-after: avoid }",
      ".wrap { padding: 0 20px } table.sig { width: 90%; page-break-inside: avoid; border-collapse: collapse }"
          + " .sig td { padding: 10px; border: 1px solid #cccccc }"})
  void signatureLines(String css) throws Exception {
    boolean moved = false;
    for (int lines = 34; lines <= 46; lines++) {
      String html = css.startsWith(".wrap") ? "<div class=\"wrap\">" + filler(lines) + SIGNATURES + "</div>"
          : filler(lines) + SIGNATURES;
      RenderInput in = drawnDirectly(html, "body { font-size: 11px } p { margin: 4px 0 } " + css);
      assertSame("kept-signatures-" + lines, in);
      List<String> pages = texts(DIRECT.render(in));
      assertThat(pages.stream().filter(p -> p.contains("Acceptedby")).findFirst().orElseThrow()).contains("Name,title");
      moved |= pages.size() > 1 && pages.get(1).matches("(Acceptance)?Acceptedby.*");
    }
    assertThat(moved).as("a position where the table starts the second page").isTrue();
  }

  /**
   * Taller than a page: openhtmltopdf lays it out again where it stood, its rows breaking about a pixel off where a
   * table not kept breaks (measured, 1.4% of page 2's pixels): the document goes to openhtmltopdf when drawn.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"", "thead { display: table-header-group } table { -fs-table-paginate: paginate }"})
  void tallerThanAPageIsDrawnByOpenhtmltopdf(String css) {
    StringBuilder b = new StringBuilder("<p>Statement of account</p><table class=\"tx\"><thead><tr><th>Date</th>"
        + "<th>Description</th><th>Amount</th></tr></thead><tbody>");
    for (int i = 1; i <= 90; i++) {
      b.append("<tr><td>Card payment ").append(i).append("</td><td>").append(i * 7).append(".00</td></tr>");
    }
    b.append("</tbody></table>");
    RenderInput in = drawnDirectly(b.toString(), "table.tx { width: 100%; page-break-inside: avoid;"
        + " border-collapse: collapse } .tx td { border-bottom: 1px solid #cccccc } " + css);
    assertThatThrownBy(() -> DIRECT.render(in)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("kept whole (page-break-inside: avoid) taller than a page");
  }

  /** Where it is not matched: a caption (laid out above the table's margin), a kept table floated or in a cell. */
  @Test
  void whatStaysRefused() {
    assertThat(refusal("<table><caption>Totals</caption><tr><td>1</td></tr></table>",
        "table { page-break-inside: avoid }")).contains("caption");
    assertThat(refusal("<table class=\"t\"><tr><td>1</td></tr></table>",
        "table.t { float: right; width: 40%; page-break-inside: avoid }")).contains("page-break-inside");
    assertThat(refusal("<table><tr><td><table class=\"t\"><tr><td>1</td></tr></table></td></tr></table>",
        "table.t { page-break-inside: avoid }")).contains("page-break-inside");
  }
}
