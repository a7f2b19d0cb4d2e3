package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rows of a table with a repeated header ({@code -fs-table-paginate} and a {@code <thead>}) that a page break cuts,
 * not kept whole: openhtmltopdf keeps the part of the row's cells above the break and goes on below the header on
 * the next page, each cell's background and separate border closed around its lines on each page. Drawn directly
 * and printed as openhtmltopdf prints them (text per page, page breaks, page images within 1%, word positions);
 * each test checks that a row was cut (a page goes on with a row's later line below the header, not a row's first).
 */
class HtmlPaginatedCutEquivalenceTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());
  private static final String LONG = "for services rendered in the month including travel expenses and other sundry"
      + " items billed separately";

  /** A statement's table: every fourth row's description wraps to three or four lines. */
  private static String rows(boolean foot, boolean wideAmounts) {
    StringBuilder html = new StringBuilder("<table class=\"t\"><thead><tr><th>Date</th><th>Description</th>"
        + "<th>Amount</th></tr></thead>");
    if (foot) html.append("<tfoot><tr><td>Total</td><td>all rows</td><td>999.00</td></tr></tfoot>");
    html.append("<tbody>");
    for (int i = 0; i < 60; i++) {
      boolean wraps = i % 4 == 1;
      html.append("<tr class=\"").append(i % 2 == 1 ? "odd" : "even").append("\"><td>2026-01-")
          .append(String.format("%02d", i % 28 + 1)).append("</td><td>Payment ").append(i)
          .append(wraps ? " " + LONG : "").append("</td><td>")
          .append(wraps && wideAmounts ? "line one two three four five six seven eight" : i * 7 + ".00")
          .append("</td></tr>");
    }
    return html.append("</tbody></table>").toString();
  }

  private static final String CSS = "body { font-family: Arial, sans-serif; font-size: 10pt; } table.t { width: 100%;"
      + " -fs-table-paginate: paginate; } td, th { vertical-align: top; } td:nth-child(2) { width: 40%; } ";

  /** Asserts the same print, and that a page goes on with a cut row's later line below the header. */
  private static void assertCut(String name, String html, String css) throws Exception {
    RenderInput input = HtmlEquivalenceTest.drawnDirectly(html, CSS + css);
    assertSame(name, input);
    byte[] pdf = DIRECT.render(input);
    boolean cut = false;
    for (int page = 1; page < HtmlEquivalenceTest.texts(pdf).size(); page++) {
      List<HtmlEquivalenceTest.Word> words = HtmlEquivalenceTest.words(pdf, page);
      cut |= words.size() > 3 && !words.get(3).text().matches("\\d{4}-\\d\\d-\\d\\d");
    }
    assertThat(cut).as("a page going on with a cut row's later line below its header").isTrue();
  }

  @Test
  void aRowWithPaddingAndCollapsedBorders() throws Exception {
    assertCut("cut-padding", rows(false, false), "table.t { border-collapse: collapse; } td, th { padding: 4pt 6pt; }");
  }

  @Test
  void collapsedCellBordersRunOverTheBreak() throws Exception {
    assertCut("cut-collapsed", rows(false, false),
        "table.t { border-collapse: collapse; } td, th { padding: 3pt; border: 1px solid #444; }");
  }

  /** Separate borders are closed on each page around the row's lines there (openhtmltopdf's content limits). */
  @Test
  void separateCellBordersCloseOnEachPage() throws Exception {
    assertCut("cut-separate", rows(false, false),
        "table.t { border-spacing: 0; } td, th { padding: 3pt; border: 1pt solid #444; }");
  }

  @Test
  void zebraStripesAndAHeaderBackground() throws Exception {
    assertCut("cut-zebra", rows(false, false), "table.t { border-collapse: collapse; } td { padding: 2pt; }"
        + " tr.odd td { background: #99aacc; } th { background: #cccccc; }");
  }

  /** A row background (painted over the cells' stretches on each page) under separate borders. */
  @Test
  void rowBackgroundsUnderSeparateBorders() throws Exception {
    assertCut("cut-row-background", rows(false, false), "table.t { border-spacing: 0; } td { padding: 2pt 4pt;"
        + " border-bottom: 1pt solid #333; } tr.odd { background: #aabbdd; }");
  }

  /** The running footer follows the cut row's part on the page it leaves. */
  @Test
  void aRunningFooter() throws Exception {
    assertCut("cut-footer", rows(true, false), "table.t { border-collapse: collapse; } td, th { padding: 2pt;"
        + " border-bottom: 0.5pt solid #999; } tfoot td { font-weight: bold; border-top: 1.5pt double #000;"
        + " background: #eeeeee; }");
  }

  /** Two cells of several lines and different heights, top-aligned or the shorter one middle-aligned. */
  @Test
  void multiLineCellsInSeveralColumns() throws Exception {
    assertCut("cut-columns", rows(false, true), "table.t { border-collapse: collapse; } td, th { padding: 2pt; }");
    assertCut("cut-columns-middle", rows(false, true), "table.t { border-collapse: collapse; } td, th { padding: 2pt; }"
        + " td:nth-child(3) { vertical-align: middle; }");
  }

  /** The default alignment (middle) with one-line cells beside the wrapped one. */
  @Test
  void middleAlignedOneLineCells() throws Exception {
    assertCut("cut-middle", rows(true, false), "table.t { border-collapse: collapse; } td, th { padding: 2pt;"
        + " vertical-align: middle; border-bottom: 0.5pt solid #999; }");
  }

  /**
   * The payroll ledger's structure (landscape, Times, collapsed rules, a month row spanning all columns, subtotals,
   * a running footer with a double rule and a background, page numbers), long employee names wrapping to two lines.
   */
  @Test
  void aPayrollLedgerWithLongValues() throws Exception {
    StringBuilder html = new StringBuilder("<h1>Payroll ledger</h1><table class=\"ledger\"><thead><tr><th class=\"d\">"
        + "Date</th><th>Employee</th><th>Dept</th><th class=\"n\">Gross</th><th class=\"n\">Tax</th><th class=\"n\">Net"
        + "</th></tr></thead><tfoot><tr><td colspan=\"3\">Q1 total</td><td class=\"n\">91,211.40</td><td class=\"n\">"
        + "24,627.08</td><td class=\"n\">66,584.32</td></tr></tfoot><tbody>");
    String[] names = {"A. Okafor", "Müller & Söhne GmbH, Abteilung Lohnbuchhaltung und Personalverwaltung",
        "B. Schmidt", "C. Duarte", "Consulting – phase 2 (on-site) with the long-standing client in Zürich"};
    for (int m = 0; m < 3; m++) {
      html.append("<tr class=\"month\"><td colspan=\"6\">Month ").append(m + 1).append("</td></tr>");
      for (int i = 0; i < 40; i++) {
        html.append("<tr><td class=\"d\">").append(String.format("%02d.%02d.2026", i % 28 + 1, m + 1))
            .append("</td><td>").append(names[(i * 7 + m) % names.length]).append("</td><td>Ops</td><td class=\"n\">")
            .append(String.format("%,.2f", 2000 + i * 37.5)).append("</td><td class=\"n\">")
            .append(String.format("%,.2f", 540 + i * 10.1)).append("</td><td class=\"n\">")
            .append(String.format("%,.2f", 1460 + i * 27.4)).append("</td></tr>");
      }
      html.append("<tr class=\"sub\"><td colspan=\"3\">Subtotal</td><td class=\"n\">1</td><td class=\"n\">2</td>"
          + "<td class=\"n\">3</td></tr>");
    }
    html.append("</tbody></table>");
    String css = "@page { size: A4 landscape; margin: 14mm 12mm 16mm; @bottom-center { content: \"Page \""
        + " counter(page); font-size: 8pt; } } body { font-family: \"Times New Roman\", serif; font-size: 9.5pt; }"
        + " h1 { font-size: 16pt; margin: 0; } table.ledger { width: 100%; border-collapse: collapse;"
        + " -fs-table-paginate: paginate; } .ledger th { border-top: 1.5pt solid #000; border-bottom: 0.75pt solid"
        + " #000; padding: 3pt 4pt; text-align: left; } .ledger td { padding: 1.5pt 4pt; vertical-align: top; }"
        + " .ledger .n { text-align: right; } .ledger .d { width: 18mm; } .ledger td:nth-child(2) { width: 40mm; }"
        + " .ledger tr.month td { font-weight: bold; padding-top: 5pt; border-bottom: 0.5pt solid #999; }"
        + " .ledger tr.sub td { font-weight: bold; border-top: 0.5pt solid #000; padding-bottom: 4pt; }"
        + " .ledger tfoot td { font-weight: bold; border-top: 1.5pt double #000; background: #eee; }";
    RenderInput input = HtmlEquivalenceTest.drawnDirectly(html.toString(), css);
    assertSame("cut-payroll", input);
  }

  /** Still openhtmltopdf's: a cut row of a table with border-spacing, and one without a {@code <thead>}. */
  @Test
  void cutRowsWithBorderSpacingOrWithoutAHeaderAreNamed() {
    RenderInput spaced = Canvas.input(HtmlCorpus.of(rows(false, false), CSS + "table.t { border-spacing: 4pt; }"
        + " td { padding: 2pt; border: 1px solid #888; }"), "{}");
    assertThatThrownBy(() -> DIRECT.render(spaced)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("cut by a page break, with border-spacing");
    RenderInput headless = Canvas.input(HtmlCorpus.of(rows(false, false).replaceAll("<thead>.*</thead>", ""),
        CSS + "table.t { border-collapse: collapse; } td { padding: 2pt; }"), "{}");
    assertThatThrownBy(() -> DIRECT.render(headless)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("cut by a page break, without a <thead>");
  }

  /**
   * Still openhtmltopdf's: a middle-aligned cell whose lines the break parts (measured, openhtmltopdf then moves
   * other cells' lines over the break too, which is not followed).
   */
  @Test
  void aMiddleAlignedCellPartedByTheBreakIsNamed() throws Exception {
    StringBuilder html = new StringBuilder("<table class=\"t\"><thead><tr><th>A</th><th>B</th></tr></thead><tbody>");
    for (int i = 0; i < 200; i++) {
      html.append("<tr><td>").append(i).append(" one two three four five six seven eight nine ten eleven twelve")
          .append("</td><td>two lines of text<br>second</td></tr>");
    }
    String css = "body { font-family: Arial, sans-serif; font-size: 10pt; } table.t { width: 100%; border-collapse:"
        + " collapse; -fs-table-paginate: paginate; } td { vertical-align: middle; } td:first-child { width: 12%; }";
    RenderInput input = Canvas.input(HtmlCorpus.of(html.toString(), css), "{}");
    assertThatThrownBy(() -> DIRECT.render(input)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("a cell aligned middle or bottom whose lines a page break parts");
  }

  /** The statement of the corpus with its rows no longer kept whole: its cut rows are drawn directly. */
  @Test
  void theCorpusStatementWithRowsNotKeptWhole() throws Exception {
    ObjectNode layout = (ObjectNode) HtmlCorpus.layout("statement").deepCopy();
    layout.put("css", layout.path("css").asString().replace("table.tx tr { page-break-inside: avoid; }", ""));
    assertSame("statement-cut", HtmlCorpus.input("statement", layout));
  }

  private static final String CARD = "body { font-family: Arial, sans-serif; font-size: 8.5pt; }"
      + " table.tx { width: 100%; border-collapse: collapse; } .tx th { text-align: left; font-size: 7.5pt;"
      + " border-bottom: 1px solid #999;"
      + " padding: 3px 4px; } .tx td { padding: 2px 4px; } .tx tr.first td { border-top: 1px solid #d5dbe3; }"
      + " .tx td.dt { width: 60px; vertical-align: top; font-weight: bold; } .tx .amt { text-align: right;"
      + " width: 80px; } ";

  /** A card statement's day: the date over the day's rows, made long by the data. */
  private static String day(String date, int rows, int from) {
    StringBuilder html = new StringBuilder("<tr class=\"first\"><td class=\"dt\" rowspan=\"" + rows + "\">" + date
        + "</td>");
    for (int i = 0; i < rows; i++) {
      html.append(i == 0 ? "" : "<tr>").append("<td>ITEM ").append(from + i).append("</td><td class=\"amt\">")
          .append(from + i).append(".00</td></tr>");
    }
    return html.toString();
  }

  /**
   * A cell spanning rows taller than its first row: openhtmltopdf's TableRowBox.calcRowHeight grows the last row it
   * spans to hold it (measured: a date of four lines over three one-line rows grows only the third, the other cells
   * aligned in it), with collapsed borders, separate ones with border-spacing and a bottom border on the date, and
   * bottom padding on it.
   */
  @Test
  void aCellSpanningRowsTallerThanItsFirstRowGrowsItsLast() throws Exception {
    String html = "<table class=\"tx\"><thead><tr><th class=\"dt\">Date</th><th>Description</th><th class=\"amt\">"
        + "Amount</th></tr></thead><tbody>" + day("Consulting phase two on site visit", 3, 1) + day("Nov 03", 2, 4)
        + day("Consulting phase two on site visit with more words to wrap", 2, 6) + day("Nov 09", 1, 8)
        + "</tbody></table><p>End</p>";
    assertSame("rowspan-tall", HtmlEquivalenceTest.drawnDirectly(html, CARD));
    assertSame("rowspan-tall-separate", HtmlEquivalenceTest.drawnDirectly(html, CARD.replace("border-collapse:"
        + " collapse", "border-collapse: separate; border-spacing: 0 3px") + ".tx td.dt { border-bottom: 1px solid"
        + " #000; }"));
    assertSame("rowspan-tall-padding", HtmlEquivalenceTest.drawnDirectly(html, CARD + ".tx td.dt { padding-bottom:"
        + " 24pt; }"));
  }

  /** A card statement of days, some dates long, under a repeated header: drawn where no break parts a day. */
  @Test
  void cardStatementDaysWithLongDates() throws Exception {
    StringBuilder html = new StringBuilder("<table class=\"tx\"><thead><tr><th class=\"dt\">Date</th><th>Description"
        + "</th><th class=\"amt\">Amount</th></tr></thead><tbody>");
    for (int d = 0; d < 8; d++) html.append(day(d % 3 == 1 ? "Transfer to savings ref. 2026/11" : "Nov 0" + (d + 1),
        d % 4 + 1, d * 10));
    html.append("</tbody></table>");
    assertSame("rowspan-days", HtmlEquivalenceTest.drawnDirectly(html.toString(), CARD
        + "table.tx { -fs-table-paginate: paginate; }"));
  }

  /** Still openhtmltopdf's: a page break among the rows of such a cell (its content reaches over them). */
  @Test
  void aPageBreakAmongTheRowsOfATallSpanningCellIsNamed() {
    StringBuilder html = new StringBuilder("<table class=\"tx\"><tbody>");
    for (int d = 0; d < 40; d++) html.append(day("Consulting phase two on site visit", 3, d * 3));
    RenderInput input = Canvas.input(HtmlCorpus.of(html.append("</tbody></table>").toString(), CARD), "{}");
    assertThatThrownBy(() -> DIRECT.render(input)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("a page break among the rows of a cell spanning rows taller than its first row");
  }
}
