package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a survey of 1,000-row statements written as outsiders write them (a utility bill's interval readings, a
 * payroll ledger by quarter and month, a card statement of transactions grouped by date, a bank statement with
 * floated header and summary) met: each construct drawn directly and printed as openhtmltopdf prints it (text per
 * page, page breaks, page images within 1%, word positions, as {@link HtmlEquivalenceTest} compares).
 */
class HtmlStatementSurveyEquivalenceTest {
  /** Days of transactions, the date in a cell over the day's rows; enough of them to cross two page breaks. */
  private static String days(int count) {
    StringBuilder rows = new StringBuilder();
    for (int d = 1; d <= count; d++) {
      int items = d % 4 + 1;
      for (int i = 1; i <= items; i++) {
        rows.append("<tr").append(i == 1 ? " class=\"first\"" : "").append(">");
        if (i == 1) rows.append("<td class=\"d\" rowspan=\"").append(items).append("\">Nov ").append(d).append("</td>");
        rows.append("<td>Card payment ").append(d).append('.').append(i).append("</td><td class=\"a\">")
            .append(d * 37 % 500).append('.').append(10 + i).append("</td></tr>");
      }
    }
    return "<p>Transactions</p><table class=\"t\"><thead><tr><th>Date</th><th>Description</th><th>Amount</th></tr>"
        + "</thead><tbody>" + rows + "</tbody></table><p>After</p>";
  }

  /**
   * A card statement's date over the day's transactions ({@code rowspan}), at the top of its rows: its text is laid
   * out in the first row and the rows below draw nothing of it, on the page where they fall (measured: openhtmltopdf
   * moves the rest of a day's rows to the next page as any rows, the date staying on the first); a collapsed top
   * border over the day, separate borders (the date's top one over its first row, its bottom one under its last),
   * a repeated header, a width on the date's column.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "table.t { width: 100%; border-collapse: collapse } td { padding: 2px 4px } td.d { vertical-align: top }"
          + " tr.first td { border-top: 1px solid #999999 }",
      "table.t { width: 100%; border-collapse: collapse; -fs-table-paginate: paginate } td, th { padding: 2px 4px }"
          + " th { border-bottom: 1px solid #000000 } td { vertical-align: top }"
          + " td.d { width: 60px; font-weight: bold }"
          + " .a { text-align: right } tr.first td { border-top: 0.5pt solid #cccccc }",
      "table.t { width: 100% } td { padding: 1px 3px; vertical-align: top } tr.first td { background: #eeeeee }"
          + " tr.first td.d { background: none }",
      "table.t { border-spacing: 0 } td { padding: 3px; vertical-align: top; font-size: 9pt }"
          + " tbody tr:nth-child(even) td { color: #555555 } td.d { color: #12355b }",
      "table.t { width: 100%; border-spacing: 0 } td { padding: 2px 6px; border-bottom: 1px solid #e3e3e3;"
          + " vertical-align: top } td.d { font-weight: bold; border-top: 2px solid #0b6e4f; border-bottom-width: 3px }"
          + " tbody tr:nth-child(odd) td { background: #fafdfb } tr.first td.d { background: none }"})
  void aDateCellSpanningItsDaysRows(String css) throws Exception {
    assertSame("rowspan", drawnDirectly(days(60), css));
  }

  /** The number of rows from the data: a template's tag in {@code rowspan}, judged on each document. */
  @Test
  void aRowspanFromTheData() throws Exception {
    String html = "<table class=\"t\"><tbody>{{#each days}}{{#each items}}<tr>{{#if @first}}<td class=\"d\""
        + " rowspan=\"{{../count}}\">{{../date}}</td>{{/if}}<td>{{text}}</td><td>{{amount}}</td></tr>{{/each}}"
        + "{{/each}}</tbody></table>";
    StringBuilder data = new StringBuilder("{\"days\":[");
    for (int d = 1; d <= 70; d++) {
      int n = d % 3 + 1;
      data.append(d > 1 ? "," : "").append("{\"date\":\"Nov ").append(d).append("\",\"count\":").append(n)
          .append(",\"items\":[");
      for (int i = 0; i < n; i++) data.append(i > 0 ? "," : "").append("{\"text\":\"Item ").append(i)
          .append("\",\"amount\":\"").append(d * 3 + i).append(".00\"}");
      data.append("]}");
    }
    data.append("]}");
    var layout = HtmlCorpus.of(html, "table.t { width: 100%; border-collapse: collapse } td { padding: 2px 4px;"
        + " border-bottom: 1px solid #dddddd } td.d { vertical-align: top; border-bottom: 1px solid #999999 }");
    assertThat(Plan.of(layout, PageSetup.DEFAULT).refusal()).isNull();
    assertSame("rowspan-data", Canvas.input(layout, data.toString()));
  }

  /**
   * Where openhtmltopdf centres the date in the rows (the cell's default vertical-align), paints a border beside
   * it over the rows, or shares out a taller cell's height, the document goes to openhtmltopdf, named.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"td.d { }|a cell spanning rows not at vertical-align: top, td.d",
      "td.d { vertical-align: top; height: 40px }|a background on a row a cell spans, or a height on the cell",
      "td.d { vertical-align: top; border-right: 1px solid #000000 }|a border beside a cell spanning rows, td.d"})
  void aSpanningCellOutsideTheSubsetIsNamed(String setup) {
    String[] parts = setup.split("\\|");
    assertThat(refusal(days(3), "table.t { border-collapse: collapse } " + parts[0])).startsWith(parts[1]);
  }

  /**
   * A background on a row the date spans, which a structural selector may give (zebra rows), is judged on each
   * document (the cell's own is drawn: HtmlUtilityBillEquivalenceTest).
   */
  @Test
  void aSpanningCellWithABackgroundGoesToOpenhtmltopdf() {
    RenderInput in = drawnDirectly(days(3),
        "td { vertical-align: top } tr:nth-child(odd) { background: #eeeeee }");
    assertThatThrownBy(() -> new DirectPdfEngine(EngineSettings.defaults()).render(in))
        .hasMessageContaining("a background on a row a cell spans, or a height on the cell, td.d");
  }

  /** One taller than its first row is drawn (HtmlPaginatedCutEquivalenceTest), but with a background. */
  @Test
  void aSpanningCellTallerThanItsFirstRowWithABackgroundGoesToOpenhtmltopdf() {
    RenderInput in = drawnDirectly("<table><tr><td class=\"d\" rowspan=\"2\">Nov 1<br>Tuesday</td><td>a</td></tr>"
        + "<tr><td>b</td></tr></table>", "td.d { vertical-align: top; background: #ddeeff }");
    assertThatThrownBy(() -> new DirectPdfEngine(EngineSettings.defaults()).render(in))
        .hasMessageContaining("a background on a cell spanning rows taller than its first row");
    RenderInput past = drawnDirectly("<table><tr><td class=\"d\" rowspan=\"3\">Nov 1</td><td>a</td></tr>"
        + "<tr><td>b</td></tr></table>", "td.d { vertical-align: top }");
    assertThatThrownBy(() -> new DirectPdfEngine(EngineSettings.defaults()).render(past))
        .hasMessageContaining("a rowspan reaching past the last row of its group");
  }

  private static final String HEADER = "<div class=\"header\"><div class=\"bank\">Harbor Savings Bank<br><small>125"
      + " Quay Street, Portsmouth</small></div><div class=\"stmt\"><div class=\"title\">Account Statement</div>"
      + "<div>1 to 30 November 2026</div></div></div><p>Opening balance 5,234.18</p>";

  /**
   * A float of no width, shrunk to its text as openhtmltopdf sizes it: the widest of its lines (a line break, a
   * smaller line, a title), left and right, with padding and a border, aligned inside.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".bank { float: left; font-size: 14pt } .stmt { float: right; text-align: right }",
      ".bank { float: left; padding: 4px 8px; border: 1px solid #7a1f2b } .stmt { float: right; margin-right: 10px }"
          + " .title { font-weight: bold; font-size: 12pt }",
      ".bank { float: left; width: 50% } .stmt { float: right; text-align: center; background: #eeeeee }",
      "* { box-sizing: border-box } .bank { float: right; padding: 5px } .stmt { float: right; padding: 0 12px }"})
  void aFloatOfNoWidthShrinksToItsText(String css) throws Exception {
    assertSame("float-shrink", drawnDirectly(HEADER, ".header { overflow: hidden; border-bottom: 2px solid #7a1f2b;"
        + " padding-bottom: 6px } " + css));
  }

  /** Shrunk, it would not fit beside the floats before: where openhtmltopdf then wraps it is not ported, named. */
  @Test
  void aFloatOfNoWidthThatWouldWrapGoesToOpenhtmltopdf() {
    RenderInput in = drawnDirectly(HEADER, ".header { overflow: hidden } .bank { float: left; width: 80% }"
        + " .stmt { float: right }");
    assertThatThrownBy(() -> new DirectPdfEngine(EngineSettings.defaults()).render(in))
        .hasMessageContaining("a float without a width whose text would wrap, div.stmt");
  }

  private static final String PARTIES = "<div class=\"parties\"><div class=\"holder\"><b>Mr J. Smith</b><br>14 Harbour"
      + " View<br>Portsmouth PO1 3AX</div><div class=\"summary\"><div class=\"line\"><span class=\"k\">Opening"
      + " balance</span><span class=\"v\">5,234.18</span></div><div class=\"line\"><span class=\"k\">Money in</span>"
      + "<span class=\"v\">91,000.00</span></div><div class=\"line close\"><b class=\"k\">Closing balance</b>"
      + "<b class=\"v\">16,234.18</b></div></div></div>";

  /**
   * Floats whose parent does not hold them, followed by a block that clears them ({@code <div style="clear:
   * both">}, a legal note): openhtmltopdf puts the clearing block at the floats' bottom, where the parent holding
   * them would have ended, with its own top margin swallowed where the floats reach below it (measured). And a
   * summary's label and amount as floated spans, blocks as CSS makes any float.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<div style=\"clear: both\"></div>|",
      "<div class=\"legal\">Please check this statement.</div>|.legal { clear: both; margin-top: 14px }",
      "<div class=\"legal\">Please check this statement.</div>|.legal { clear: both; margin-top: 1em; font-size: 7pt }"
          + " .parties { margin-top: 10px }",
      "<p class=\"legal\">Please check this statement.</p>|.legal { clear: both }",
      "<div class=\"legal\">Please check this statement.</div>|.legal { clear: both; margin-top: 40px }"})
  void floatsClearedAfterTheirParent(String setup) throws Exception {
    String[] parts = setup.split("\\|", -1);
    String css = ".holder { float: left; width: 55% } .summary { float: right; width: 40%; border: 1px solid #7a1f2b;"
        + " padding: 6px 8px } .line { overflow: hidden } .k { float: left } .v { float: right }"
        + " .close { border-top: 1px solid #7a1f2b; font-weight: bold } " + parts[1];
    assertSame("floats-cleared", drawnDirectly("<p>Statement</p>" + PARTIES + parts[0] + "<p>Activity</p>", css));
  }

  /**
   * A parent that draws its height rounded or moved, or has a bottom margin, or a next block that does not clear,
   * keeps the refusal; named.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".parties { border-bottom: 1px solid #000000; border-radius: 4px }"
          + "|<div style=\"clear: both\"></div>",
      ".parties { padding-bottom: 4px; position: relative }|<div style=\"clear: both\"></div>",
      ".parties { margin-bottom: 4px }|<div style=\"clear: both\"></div>",
      ".parties { }|<div style=\"clear: left\"></div>", ".parties { }|<p>Activity</p>"})
  void floatsTheParentDoesNotHoldOutsideTheSubsetAreNamed(String setup) {
    String[] parts = setup.split("\\|");
    String css = ".holder { float: left; width: 55% } .summary { float: right; width: 40% } .line { overflow: hidden }"
        + " .k { float: left } .v { float: right } " + parts[0];
    assertThat(refusal(PARTIES + parts[1], css)).startsWith("floats their parent does not hold");
  }

  @Test
  void aClearingMarginTallerThanTheFloatsGoesToOpenhtmltopdf() {
    RenderInput in = drawnDirectly(PARTIES + "<div class=\"legal\">Note</div>", ".holder { float: left; width: 55% }"
        + " .summary { float: right; width: 40% } .line { overflow: hidden } .k { float: left } .v { float: right }"
        + " .legal { clear: both; margin-top: 200px }");
    assertThatThrownBy(() -> new DirectPdfEngine(EngineSettings.defaults()).render(in))
        .hasMessageContaining("a top margin below floats, taller than they are, on div.legal");
  }

  /**
   * Right floats on a line of text, as openhtmltopdf places a float that fits beside the line it meets (measured):
   * at the line's top right, the text on one line in the width left (a masthead's name with the statement period,
   * a heading with its date, an amount floated before its label, a float of a width, centred text beside one).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "<div class=\"m\"><span class=\"b\">NORTHWIND CARD</span><span class=\"f\">Statement period Oct 28 - Nov 27"
          + "</span></div>|.m { background: #12355b; color: #ffffff; padding: 8px 10px } .b { font-weight: bold;"
          + " font-size: 13pt } .f { float: right; padding-top: 3px }",
      "<h2>Transactions <span class=\"f\">November 2026</span></h2>|h2 { border-bottom: 2px solid #12355b }"
          + " .f { float: right; font-size: 9pt; font-weight: normal; color: #555555 }",
      "<div class=\"m\"><span class=\"f\">1,234.00</span>Opening balance</div><div class=\"m\"><span class=\"f\">"
          + "-50.00</span>Fees</div>|.m { border-bottom: 1px solid #dddddd; padding: 2px 0 } .f { float: right }",
      "<div class=\"m\"><div class=\"f\">Page total</div>Carried forward from the previous statement</div>|"
          + ".f { float: right; width: 30%; text-align: right; background: #eeeeee }",
      "<div class=\"m\">Thank you for banking with us <b class=\"f\">Harbor</b></div>|.m { text-align: center;"
          + " overflow: hidden } .f { float: right; font-size: 14pt; padding: 2px 6px; border: 1px solid #7a1f2b }"})
  void aFloatOnALineOfText(String setup) throws Exception {
    String[] parts = setup.split("\\|");
    assertSame("float-line", drawnDirectly("<p>Statement</p>" + parts[0] + "<p>After</p>", parts[1]));
  }

  /**
   * A left float beside text, text that would wrap beside the float, a float taller than the line in a parent that
   * does not hold it, or a floated span inside a line of text, stays refused, named.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<div class=\"m\">NORTHWIND <span class=\"f\" style=\"float: left\">Statement period</span>"
      + "</div>|a float beside text, span.f", "<p>Pay <b>now <span class=\"f\">x</span></b></p>|a float inside a line"
      + " of text, span.f"})
  void aFloatedSpanBesideTextIsNamed(String setup) {
    String[] parts = setup.split("\\|");
    assertThat(refusal(parts[0], ".f { float: right }")).isEqualTo(parts[1]);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<div class=\"m\">Carried forward from the previous statement, carried forward from the"
      + " statement before it, and from the one before that <span class=\"f\">Total</span></div>|.f { float: right }"
      + "|text beside a float on more than one line, in div.m",
      "<div class=\"m\">Total <span class=\"f\">1,234.00</span></div>|.f { float: right; font-size: 20pt }|a float"
          + " taller than the line of text beside it, in div.m"})
  void aFloatOnALineOfTextOutsideTheSubsetGoesToOpenhtmltopdf(String setup) {
    String[] parts = setup.split("\\|");
    RenderInput in = drawnDirectly(parts[0], parts[1]);
    assertThatThrownBy(() -> new DirectPdfEngine(EngineSettings.defaults()).render(in)).hasMessageContaining(parts[2]);
  }
  private static final String TOTALS = "<div class=\"sp\"></div><div class=\"wrap\"><div class=\"tot\"><table>"
      + "<tr><td>Subtotal</td><td class=\"a\">1,100.00</td></tr><tr><td>Tax 21%</td><td class=\"a\">231.00</td></tr>"
      + "<tr><td>Discount</td><td class=\"a\">-50.00</td></tr><tr><td>Shipping</td><td class=\"a\">12.00</td></tr>"
      + "<tr><td><b>Total due</b></td><td class=\"a\"><b>1,293.00</b></td></tr></table><p class=\"n\">Paid by"
      + " transfer</p></div></div><p>Thank you for your business.</p>";

  /**
   * A statement's totals box floated to the right after its last rows, which a page break crosses: openhtmltopdf
   * lays a float alone out as a block of its width in its place, its rows and lines moving over the break
   * (measured: as under a block with margin-left: auto), its border and background cut at the page's bottom.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"690pt|.tot { float: right; width: 40%; border: 1px solid #000000; padding: 4px }",
      "700pt|.tot { float: left; width: 50%; background: #eeeeee }",
      "720pt|.tot { float: right; padding: 0 6px; border-left: 3px solid #7a1f2b }",
      "655pt|.tot { float: right; width: 45%; border: 1.5px solid #7a1f2b; padding: 6px; margin-right: 10px }"})
  void aFloatAloneAcrossAPageBreak(String setup) throws Exception {
    String[] parts = setup.split("\\|");
    assertSame("float-across", drawnDirectly(TOTALS, ".sp { height: " + parts[0] + "; background: #f4f4f4 }"
        + " .wrap { overflow: hidden } .tot table { width: 100% } .a { text-align: right } .n { margin: 0;"
        + " font-size: 8pt } " + parts[1]));
  }

  /** Two floats side by side, or one with a vertical margin, across a page break stay refused, named. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "<div class=\"l\">Notes</div>|.tot { float: right; width: 40% } .l { float: left; width: 40% }",
      "|.tot { float: right; width: 40%; margin-top: 10px }"})
  void floatsAcrossAPageBreakOutsideTheSubsetAreNamed(String setup) {
    String[] parts = setup.split("\\|", -1);
    RenderInput in = drawnDirectly(TOTALS.replace("<div class=\"wrap\">", "<div class=\"wrap\">" + parts[0]),
        ".sp { height: 690pt } .wrap { overflow: hidden } " + parts[1]);
    assertThatThrownBy(() -> new DirectPdfEngine(EngineSettings.defaults()).render(in))
        .hasMessageContaining("floats across a page break");
  }
  private static final String NOTICE = "<h2>Notice</h2><div class=\"n\">Your meter was read on 2026-11-28. Usage in"
      + " this period was 12% higher than the same period last year. Visit riverside.coop/save for tips on lowering"
      + " your bill, or call us at 555-0134 any day of the week between eight and eight.</div><p class=\"after\">"
      + "Interval readings follow below</p>";

  /**
   * A box of a set height whose content is taller (a notice whose text the data lengthens, a certificate's inner
   * frame at 100% of a border-box frame plus its padding): openhtmltopdf keeps the box at its height and lets the
   * content overflow over what follows, its backgrounds painted in the order of the boxes and all text after them,
   * as the direct path paints; drawn directly where the content stays on the box's page.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "|.n { height: 40px; border: 1px solid #c9dcd3; background: #f1f8f5; padding: 6px 8px; font-size: 8.5pt;"
          + " width: 300px } .after { background: #dddddd; margin: 0 }",
      "|.n { height: 20pt; background: #f1f8f5 } .after { margin-top: 4pt }",
      "|* { box-sizing: border-box } .n { height: 30pt; padding: 6pt; border-left: 4pt solid #0b6e4f; font-size: 9pt }",
      "<div class=\"frame\"><div class=\"inner\"><h1>Certificate</h1><p>of completion</p></div></div>|"
          + "* { box-sizing: border-box } .frame { height: 120mm; border: 6px double #8a6d3b; padding: 8px }"
          + " .inner { height: 100%; border: 2px solid #8a6d3b; padding: 20px; background: #fbf7ee }"})
  void contentTallerThanItsBoxOverflows(String setup) throws Exception {
    String[] parts = setup.split("\\|");
    assertSame("overflow", drawnDirectly(NOTICE + parts[0] + "<p>After it</p>", parts[1]));
  }

  /** Past the page's bottom (openhtmltopdf shows it on the next page's top) it stays refused, named. */
  @Test
  void contentTallerThanItsBoxAcrossAPageBreakGoesToOpenhtmltopdf() {
    RenderInput in = drawnDirectly("<div class=\"sp\"></div>" + NOTICE, ".sp { height: 680pt } .n { height: 20pt }");
    assertThatThrownBy(() -> new DirectPdfEngine(EngineSettings.defaults()).render(in))
        .hasMessageContaining("content taller than the height of div.n across a page break");
  }
}
