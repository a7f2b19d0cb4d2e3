package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.PageSetup;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Table constructs of real invoices and statements, each drawn directly and printed as openhtmltopdf prints it
 * (text per page, page breaks, page images within 1%, as {@link HtmlEquivalenceTest} compares): footers,
 * colspans and lengths in automatic layout, tables without a width, collapsed grid borders. Borders are dark:
 * the image comparison does not see light grey.
 */
class HtmlTableEquivalenceTest {
  private static ObjectNode layout(String html, String css) {
    return HtmlCorpus.of(html, css);
  }

  private static ObjectNode corpus(String name, String from, String to, String extraCss) {
    return HtmlCorpus.edited(name, from, to, extraCss);
  }

  private static final String STATEMENT_FOOT = "</tbody>\n  <tfoot><tr><td colspan=\"3\">Closing balance</td>"
      + "<td colspan=\"2\" class=\"amount\">{{format-number closing 2}}</td></tr></tfoot>";

  /** A footer without -fs-table-paginate comes once, after the last row, wherever it is in the source. */
  @Test
  @Tag("slow") // 1,000 rows in both engines
  void aFooterFollowsTheBody() throws Exception {
    ObjectNode statement = corpus("statement", "</tbody>", STATEMENT_FOOT, "table.tx { -fs-table-paginate: auto; }");
    assertSame("statement-tfoot", HtmlCorpus.input("statement", statement));
    ObjectNode invoice = corpus("invoice", "<tbody>", "<tfoot><tr><td colspan=\"3\">Carried</td><td class=\"num\">"
        + "{{format-currency subtotal currency}}</td></tr></tfoot><tbody>", "");
    assertSame("invoice-tfoot-first", HtmlCorpus.input("invoice", invoice));
  }

  /** With -fs-table-paginate the footer closes every page of the table, as the header opens it. */
  @Test
  @Tag("slow") // 1,000 rows in both engines
  void aPaginatedFooterRepeatsAtTheBottomOfEachPage() throws Exception {
    ObjectNode statement = corpus("statement", "</tbody>", STATEMENT_FOOT, "");
    assertSame("statement-tfoot-paginated", HtmlCorpus.input("statement", statement));
    byte[] pdf = new DirectPdfEngine(dev.platen.render.EngineSettings.defaults())
        .render(HtmlCorpus.input("statement", statement));
    java.util.List<String> pages = HtmlEquivalenceTest.texts(pdf);
    assertThat(pages.get(0)).contains("Closingbalance");
    assertThat(pages.get(pages.size() / 2)).contains("Closingbalance");
  }

  /**
   * A totals row spanning columns, and a spanning cell that needs more than its columns have, which widens
   * them as openhtmltopdf's calcEffectiveWidth does.
   */
  @Test
  void colspanInAutomaticLayout() throws Exception {
    assertSame("invoice-auto-colspan", HtmlCorpus.input("invoice-auto", corpus("invoice-auto", "</tbody>",
        "<tr><td colspan=\"3\">Total</td><td class=\"n\">{{format-currency total currency}}</td></tr>"
            + "<tr><td>x</td><td colspan=\"3\">Payable within thirty days of the invoice date without deduction,"
            + " by transfer to the account on the letterhead</td></tr></tbody>", "")));
    String html = "<table class=\"t\"><tr><td>Item</td><td>1</td><td>2.00</td></tr>"
        + "<tr><td colspan=\"2\">A spanning cell with enough text to need more than its two columns</td>"
        + "<td>3.00</td></tr></table><p>after</p>";
    assertSame("colspan-spread", Canvas.input(layout(html, "table.t { border-collapse: collapse; width: 60%; }"
        + " td { border: 1px solid #000; padding: 4px; vertical-align: top; }"), "{}"));
  }

  /**
   * Addresses in cells of a table without a width: each line ended by a {@code <br>} is measured on its own, and
   * white space at the end of a cell is taken off its width as openhtmltopdf takes it off (then wraps its last
   * word, in both engines).
   */
  @Test
  void lineBreaksInCellsOfAutomaticLayout() throws Exception {
    String html = "<table class=\"t\"><tr><td>\n  <b>Bill to</b><br>\n  {{customer.name}}<br>\n  {{customer.street}}<br>"
        + "\n  {{customer.city}}\n</td><td>Invoice {{invoice.number}}<br>Issued {{format-date invoice.date}}</td>"
        + "<td>{{customer.name}}  </td></tr></table><p>after</p>";
    assertSame("br-in-cells", HtmlCorpus.input("invoice", layout(html, "table.t { border-collapse: collapse; }"
        + " td { border: 1px solid #000; padding: 4pt; vertical-align: top; }")));
  }

  /** Cell widths as lengths: a floor for the column, the rest shared as openhtmltopdf shares it. */
  @Test
  void cellWidthsAsLengthsInAutomaticLayout() throws Exception {
    assertSame("invoice-auto-lengths", HtmlCorpus.input("invoice-auto", corpus("invoice-auto", "<table", "<table",
        "table.items th.n { width: 25mm; } table.items td.n { width: 60px; }")));
  }

  /** A table without a width is as wide as its text, up to the page, as openhtmltopdf's automatic layout is. */
  @Test
  void tablesWithoutAWidthShrinkToTheirText() throws Exception {
    String html = "<table class=\"t\"><tr><th>Invoice date</th><td>5 June 2026</td></tr>"
        + "<tr><th>Customer</th><td>Zoë Ångström AB</td></tr></table><p>after</p>"
        + "<table class=\"t\"><tr><td>{{long}}</td><td>1.00</td></tr></table>";
    assertSame("no-width", Canvas.input(layout(html, "table.t { border-collapse: collapse; }"
        + " th, td { border: 1px solid #000; padding: 2pt 6pt; vertical-align: top; }"),
        "{\"long\":\"A description long enough to fill the width of the page and wrap onto a second line of the"
            + " cell, as a long one does\"}"));
  }

  /**
   * Grid borders collapse: where a 2px border meets a 1px one the wider is drawn, a table's own border is the
   * outer cells' border, and heights take the halves, over 1,000 rows with the header repeated.
   */
  @Test
  @Tag("slow") // 1,000 rows in both engines
  void collapsedGridBordersPrintTheSame() throws Exception {
    ObjectNode statement = corpus("statement", "<table class=\"tx\">", "<table class=\"tx\">",
        "table.tx { border-collapse: collapse; border: 3px solid #0b3d2e; }"
            + " table.tx td { border: 1px solid #333333; } table.tx th { border: 2px solid #000000; }");
    assertSame("statement-grid-mixed", HtmlCorpus.input("statement", statement));
  }

  /**
   * white-space: nowrap on amount and date columns: each such cell is as wide as its text on one line, over
   * 1,000 rows (separate borders; collapsed ones in HtmlBoxEquivalenceTest).
   */
  @Test
  @Tag("slow") // 1,000 rows in both engines
  void nowrapCellsInAutomaticLayout() throws Exception {
    ObjectNode statement = corpus("statement-auto", "<td>{{description}}</td>", "<td class=\"desc\">{{description}}</td>",
        "table.tx td { white-space: nowrap; } table.tx td.desc { white-space: normal; }");
    String css = statement.path("css").asString();
    assertThat(css).contains("border-collapse: collapse");
    statement.put("css", css.replace("border-collapse: collapse", "border-spacing: 0"));
    assertSame("statement-nowrap", HtmlCorpus.input("statement", statement));
    String cells = "<table class=\"t\"><tr><td>Zoë Ångström AB, Storgatan 7<br>114 51 Stockholm</td>"
        + "<td class=\"n\">1,000.00 EUR</td></tr></table>";
    assertSame("nowrap-lines", Canvas.input(layout(cells, "table.t { border-spacing: 0; } td { border: 1px solid #000;"
        + " padding: 4px; white-space: nowrap; vertical-align: top; }"), "{}"));
  }

  /**
   * Fixed layout: a header cell spanning two columns leaves them to share the rest equally; with collapsed grid
   * borders a length width counts the cell's halves of the borders, as openhtmltopdf's getOuterStyleWidth does.
   */
  @Test
  void fixedLayoutWithSpanningFirstRowAndCollapsedLengths() throws Exception {
    String rows = "<tbody>{{#each items}}<tr><td>{{qty}}</td><td>{{description}}</td><td class=\"n\">"
        + "{{format-currency amount ../currency}}</td></tr>{{/each}}</tbody></table>";
    String css = "table.t { width: 100%; table-layout: fixed; border-collapse: collapse; } th, td { border: 1px solid"
        + " #000; padding: 4px; vertical-align: top; } .n { text-align: right; } th.q { width: 25mm; }";
    assertSame("fixed-span", HtmlCorpus.input("invoice", layout("<table class=\"t\"><thead><tr><th colspan=\"2\">"
        + "Item</th><th class=\"n\">Amount</th></tr></thead>" + rows, css)));
    assertSame("fixed-grid-length", HtmlCorpus.input("invoice", layout("<table class=\"t\"><thead><tr><th class=\"q\">"
        + "Qty</th><th>Item</th><th class=\"n\">Amount</th></tr></thead>" + rows, css)));
  }

  /** What stays with openhtmltopdf is named. */
  @Test
  void tableConstructsNotMatchedKeepAReason() {
    String grid = "<table class=\"t\"><tr><td>a</td><td>b</td></tr></table>";
    assertThat(RoutingPdfEngine.choose(layout(grid, "table.t { border-collapse: collapse; }"
        + " tr { border-top: 3px double #000; }"), PageSetup.DEFAULT).reason())
        .isEqualTo("a double border with collapsed borders, on tr");
    // white space before a <br> is drawn directly (HtmlMailStyleEquivalenceTest); kept white space is not
    assertThat(RoutingPdfEngine.choose(layout("<table class=\"t\"><tr><td>a <br>b</td><td>c</td></tr></table>",
        "table.t { border-spacing: 0; } td { white-space: pre-wrap; }"), PageSetup.DEFAULT).reason())
        .isEqualTo("white-space: pre, pre-line or pre-wrap in a table with automatic layout");
    // a nowrap line that fits its box is drawn directly; one that overflows it is not (HtmlMiscEquivalenceTest)
    assertThat(RoutingPdfEngine.choose(layout("<p class=\"x\">x</p>", ".x { white-space: nowrap; }"),
        PageSetup.DEFAULT).reason()).isNull();
    assertThat(RoutingPdfEngine.choose(layout(grid, "table.t { border-spacing: 0; } td { white-space: pre; }"),
        PageSetup.DEFAULT).reason())
        .isEqualTo("white-space: pre, pre-line or pre-wrap in a table with automatic layout");
  }
}
