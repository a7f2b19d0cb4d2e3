package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a seventh survey of templates written as outsiders write them (a German invoice with a legal footer, a
 * quote of fixed-layout columns with a caption, a Bootstrap-like invoice, a statement of one tbody per group, a
 * statement under a running header, a statement with a summary box and an appendix) met: each construct drawn
 * directly and printed as openhtmltopdf prints it (text per page, page breaks, page images within 1%, word
 * positions, as {@link HtmlEquivalenceTest} compares).
 */
class HtmlSurvey17EquivalenceTest {
  private static final String CAPTIONED = "<p class=\"a\">Scope of the work as agreed</p>"
      + "<table class=\"t\"><caption>Estimate breakdown (all amounts in AUD)</caption>"
      + "<colgroup><col style=\"width: 20%\"><col style=\"width: 55%\"><col style=\"width: 25%\"></colgroup>"
      + "<thead><tr><th>Item</th><th>Description</th><th>Amount</th></tr></thead>"
      + "<tbody><tr><td>DSC-01</td><td>Discovery &amp; requirements workshops</td><td>3,120.00</td></tr>"
      + "<tr><td>UX-02</td><td>Wireframes and interactive prototype, two review rounds</td><td>5,600.00</td></tr>"
      + "</tbody></table><p class=\"b\">Terms follow.</p>";

  /**
   * A caption on a table with a top or side margin: openhtmltopdf puts the caption where the table's box would
   * start (a margin before it collapses above the caption) and the table's top margin between caption and rows,
   * collapsing with the caption's bottom margin; the caption keeps the container's width whatever the table's
   * side margins (measured, as the direct path already lays a caption out before the table's margin). It had been
   * sent to openhtmltopdf.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "table.t { width: 100%; margin-top: 12px; border-collapse: collapse; }",
      "table.t { width: 100%; table-layout: fixed; margin-top: 12px; border-collapse: collapse; }"
          + " caption { text-align: left; font-style: italic; padding-bottom: 4px; }",
      "table.t { width: 90%; margin: 30px 0 10px 40px; } .a { margin-bottom: 20px; } td { border: 1px solid #000; }",
      "table.t { width: 80%; margin: 10px 20px 30px 40px; table-layout: fixed; } caption { margin: 5px 0; }"
          + " .a { margin-bottom: 40px; }",
      "div.w { margin-top: 10px; } table.t { width: 100%; margin-top: 30px; } .a { display: none; }"})
  void aCaptionOnATableWithMargins(String css) throws Exception {
    String html = css.startsWith("div.w") ? "<div class=\"w\">" + CAPTIONED + "</div>" : CAPTIONED;
    assertSame("survey17-caption", drawnDirectly(html, css));
  }

  private static final String COLUMNS = "<table class=\"t\"><tr><td>DSC-01</td><td>Discovery &amp; requirements"
      + " workshops, two half-days on site</td><td>3,120.00</td></tr><tr><td>UX-02</td><td>Wireframes</td>"
      + "<td>5,600.00</td></tr></table><div class=\"d\">A block of 50% beside its margin</div>";

  /**
   * A table of a % width with side margins: openhtmltopdf takes the % as of the table's margin box, the margins
   * then coming off it (measured: width: 50% with margin-left: 40px or 80px ends where it would end without the
   * margin; width: 100% between margins of 40px and 30px fits between them), in automatic and fixed layout alike,
   * while a block's % stays of its container. The direct path had drawn such a table wider by its margins (the
   * quote's columns 6 to 20 pt off, its text wrapped elsewhere).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "table.t { width: 90%; margin: 0 0 0 40px; table-layout: fixed; border-collapse: collapse }"
          + " td { border: 1px solid #000; }",
      "table.t { width: 100%; margin: 0 30px 0 40px; table-layout: fixed } td { border: 1px solid #000; }",
      "table.t { width: 50%; margin: 0 0 0 40px; border-spacing: 0 } td { border: 1px solid #000; }"
          + " .d { width: 50%; margin-left: 40px; text-align: right; background: #eeeeee }",
      "table.t { width: 50%; margin: 10px 0 0 40px; border: 2px solid #cc0000; padding: 3px; border-spacing: 3px }"
          + " td { border: 1px solid #000; padding: 4px }",
      "table.t { width: 70%; margin: 0 20px; border-collapse: collapse } td { border: 1px solid #000; }",
      "table.t { width: 80%; margin: 0 0 0 15mm; border-collapse: collapse; table-layout: fixed }"
          + " td { border: 1px solid #000; }"})
  void aPercentWidthIsOfTheTablesMarginBox(String css) throws Exception {
    assertSame("survey17-percent-margins", drawnDirectly(COLUMNS, css));
  }

  /** A caption on a table with an auto side margin or a float is still left to openhtmltopdf. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"table.t { width: 60%; margin: 10px auto; }", "table.t { width: 60%; margin-left: auto; }"})
  void aCaptionOnATableWithAnAutoMarginIsRefused(String css) {
    assertThat(refusal(CAPTIONED, css)).contains("a <caption> on a table with an auto side margin");
  }

  private static final String WIDE = "<p>Before</p><table class=\"t\"><thead><tr><th>Date</th><th>Description</th>"
      + "<th>Amount</th></tr></thead><tr><td>{{d1}}</td><td>Short one here</td><td class=\"n\">1,234.00</td></tr>"
      + "<tr><td>{{d2}}</td><td>AVeryLongWordWithoutAnySpacesThatCannotBreakAnywhere1234567890 and more words after"
      + " it</td><td class=\"n\">-12,345.67</td></tr></table><p>After</p>";

  /**
   * Text a table of automatic layout cannot fit in its width (a 64-letter reference in a statement's description):
   * openhtmltopdf widens the table to its least width, every column at its least (measured), and so does the
   * direct engine now while the table stays in its container. It had sent every such document to openhtmltopdf.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "table.t { width: 60%; font-size: 9pt } td, th { border: 1px solid #000; padding: 2px 4px }"
          + " .n { text-align: right; white-space: nowrap }",
      "table.t { width: 300px; font-size: 8pt; border-collapse: collapse } td, th { border: 1px solid #000;"
          + " padding: 2px 4px } .n { text-align: right; white-space: nowrap }"})
  void textWiderThanItsTableWidensIt(String css) throws Exception {
    var input = dev.platen.render.Canvas.input(dev.platen.render.HtmlCorpus.of(WIDE, css),
        "{\"d1\": \"01.01.2026\", \"d2\": \"02.01.2026\"}");
    assertSame("survey17-widened", input);
  }

  /**
   * Widened past its container with auto side margins (HtmlWideTableEquivalenceTest draws it without) or breaking a
   * word inside at a column's least width (a date after its hyphens), such a table still goes to openhtmltopdf.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "01.01.2026|table.t { width: 90%; margin: 0 auto; font-size: 14pt } .n { white-space: nowrap }|text wider than"
          + " its container",
      "2026-01-01|table.t { width: 60%; font-size: 9pt } .n { white-space: nowrap }|breaking a word inside"})
  void aTableWidenedPastItsContainerOrBreakingWordsIsRefused(String row) {
    String[] p = row.split("\\|");
    var input = dev.platen.render.Canvas.input(dev.platen.render.HtmlCorpus.of(WIDE, p[1]),
        "{\"d1\": \"" + p[0] + "\", \"d2\": \"" + p[0] + "\"}");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> new DirectPdfEngine(dev.platen.render.EngineSettings.defaults()).render(input))
        .hasMessageContaining(p[2]);
  }

  private static final String TOTALS = "<p>Items above, and a line of text long enough to show where the float"
      + " stands beside the flow</p><table class=\"tot\"><tr><td>Subtotal</td><td class=\"r\">1,234.00</td></tr>"
      + "<tr><td>VAT 19%</td><td class=\"r\">234.46</td></tr><tr><td>Total</td><td class=\"r\">1,468.46</td></tr>"
      + "</table><div class=\"clear\"></div><p>After the totals</p>";

  /**
   * A floated table (a totals table or a letter's info block, {@code float: right} with a width): openhtmltopdf
   * lays it out as a table and floats a box as wide as the table comes out (measured: a floated table of 40% where
   * a floated div of 40% holding a table of 100% stands; one of 200px wider by its border spacing; its top and
   * bottom margins inside the float). It had been refused at publish ("CSS float on table").
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      ".tot { float: right; width: 40%; border-collapse: collapse } td { border-bottom: 1px solid #999;"
          + " padding: 2px 4px } .r { text-align: right } .clear { clear: both }",
      ".tot { float: right; width: 200px; } td { padding: 2px 4px } .r { text-align: right } .clear { clear: both }",
      ".tot { float: left; width: 45%; border: 2px solid #333; padding: 3px; background: #eeeeee }"
          + " td { padding: 2px 4px } .r { text-align: right } .clear { clear: both }",
      ".tot { float: right; width: 200px; margin: 10px 0 20px 0; border: 1px solid #000 } td { padding: 2px 4px }"
          + " .r { text-align: right } .clear { clear: both }"})
  void aFloatedTable(String css) throws Exception {
    assertSame("survey17-floated-table", drawnDirectly(TOTALS, css));
  }

  /**
   * A floated table without a width or with side margins is not ported; floats that end a parent holding them
   * below a block's bottom margin sit that margin lower again in openhtmltopdf (measured: twice the margin), so
   * such a document goes there.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "<table style=\"float: right\"><tr><td>x</td></tr></table><p style=\"clear: both\">y</p>|a floated table"
          + " without a width or with margins",
      "<table style=\"float: right; width: 40%; margin-left: 10px\"><tr><td>x</td></tr></table>"
          + "<p style=\"clear: both\">y</p>|a floated table without a width or with margins",
      "<div style=\"overflow: hidden\"><div style=\"margin-bottom: 3mm\">Sender line</div><div style=\"float:"
          + " left; width: 40%\">Address</div><table style=\"float: right; width: 40%\"><tr><td>Info</td></tr>"
          + "</table></div>|floats ending their parent below a bottom margin"})
  void floatsOutsideTheSubsetAreRefused(String row) {
    String[] p = row.split("\\|");
    refusedAtPublishOrWhenDrawn(p[0], p[1]);
  }

  private static void refusedAtPublishOrWhenDrawn(String html, String reason) {
    String published = refusal(html, "");
    if (published != null) {
      assertThat(published).contains(reason);
      return;
    }
    var input = dev.platen.render.Canvas.input(dev.platen.render.HtmlCorpus.of(html, ""), "{}");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> new DirectPdfEngine(dev.platen.render.EngineSettings.defaults()).render(input))
        .hasMessageContaining(reason);
  }

  /**
   * A heading that fits at a page's foot while what follows it does not: openhtmltopdf moves the heading to the next
   * page with it (measured: an h2 before a p, a div or an ol), now followed by the direct engine
   * (HtmlHeadingBreakEquivalenceTest); before a table whose first row the break cuts the document still goes to
   * openhtmltopdf. A div in the heading's place stays and is drawn directly.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<h2>Terms</h2><table><tr><td>First term text</td></tr><tr><td>Second</td></tr></table>",
      "<div class=\"x\">Terms</div><ol class=\"terms\"><li>First term text</li><li>Second</li></ol>"})
  void aHeadingAPageBreakWouldLeaveAtTheFootGoesToOpenhtmltopdf(String tail) throws Exception {
    StringBuilder html = new StringBuilder("<div>");
    for (int i = 0; i < 56; i++) html.append("<p>Filler line ").append(i).append("</p>");
    html.append("</div><div style=\"height: 12px\"></div>").append(tail);
    String css = "body { font-family: Helvetica, Arial, sans-serif; font-size: 9pt; } h2 { font-size: 11pt;"
        + " margin: 14px 0 4px 0; } ol.terms { padding-left: 20px; margin: 0; font-size: 8pt; }"
        + " ol.terms li { margin-bottom: 3px; } p { margin: 0 }";
    var input = drawnDirectly(html.toString(), css);
    if (tail.startsWith("<div")) {
      assertSame("survey17-heading-foot", input);
    } else {
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> new DirectPdfEngine(dev.platen.render.EngineSettings.defaults()).render(input))
          .hasMessageContaining("a page break right after a heading");
    }
  }

  private static final String CODES = "<p>Plain <code>x_mono</code> and <i><code>it_mono</code> <b><code>bold_it"
      + "</code></b> <tt>tt words here</tt></i> after</p><p class=\"c\">Class italic code line</p>"
      + "<table class=\"q\"><tr class=\"optional\"><td class=\"code\">OPT-60</td><td>Optional: support retainer</td>"
      + "<td>13,440.00</td></tr><tr><td class=\"code\">DEV-10</td><td>Front-end implementation</td><td>22,200.00"
      + "</td></tr></table>";

  /**
   * Italic text in a monospace family: openhtmltopdf draws it in its built-in Courier-Oblique (Courier-BoldOblique
   * when bold), unembedded, with Courier's metrics (measured: same advances and baselines as upright Courier), so
   * the direct engine now draws those faces too (a quote's optional rows in italics over a code column in
   * "Courier New", monospace). It had been sent to openhtmltopdf.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "code, tt { font-size: 9pt; line-height: 14pt } .c { font-family: \"Courier New\", monospace;"
          + " font-style: italic; line-height: 15pt } p { line-height: 16pt }",
      "table.q { width: 100%; table-layout: fixed; border-collapse: collapse; } td { padding: 4px 5px;"
          + " border-bottom: 1px solid #e2e2e2; } td.code { font-family: \"Courier New\", monospace; font-size: 8pt;"
          + " line-height: 12pt } tr.optional td { color: #888888; font-style: italic; }"
          + " code, tt { line-height: 14pt } .c { font-family: monospace; font-style: oblique; line-height: 15pt;"
          + " font-weight: bold }"})
  void italicMonospaceTextInCourierOblique(String css) throws Exception {
    assertSame("survey17-oblique", drawnDirectly(CODES, css));
  }
}
