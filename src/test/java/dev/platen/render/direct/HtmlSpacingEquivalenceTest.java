package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderInput;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tables in the separated border model with border-spacing above 0: openhtmltopdf's default style sheet gives
 * every table 2px, so a template that never sets border-collapse or border-spacing has them. Each is drawn
 * directly and printed as openhtmltopdf prints it (text per page, page breaks, page images within 1%, word
 * positions, as {@link HtmlEquivalenceTest} compares), with dark fills the image comparison sees.
 */
class HtmlSpacingEquivalenceTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  private static RenderInput input(String html, String css) {
    ObjectNode layout = Canvas.JSON.createObjectNode();
    layout.put("html", html);
    layout.put("css", css);
    return Canvas.input(layout, "{}");
  }

  private static final String ITEMS = "<table class=\"t\"><thead><tr><th>Item</th><th>Qty</th><th>Amount</th></tr>"
      + "</thead><tbody><tr><td>Consulting, on site</td><td>3</td><td class=\"n\">1,200.00</td></tr>"
      + "<tr class=\"odd\"><td><strong>Travel</strong><br/><span class=\"d\">Train and hotel</span></td><td>1</td>"
      + "<td class=\"n\">340.50</td></tr><tr><td colspan=\"2\">Total</td><td class=\"n\">1,540.50</td></tr>"
      + "</tbody></table><p>after the table</p>";

  /** The default 2px in automatic layout: cells, their backgrounds and borders, a row background, a colspan. */
  @Test
  void theDefaultSpacingInAutomaticLayout() throws Exception {
    String css = "table.t { width: 100%; } th { text-align: left; background: #203040; color: #ffffff; }"
        + " td { border-bottom: 2px solid #000000; padding: 4px; vertical-align: top; }"
        + " tr.odd { background: #602020; color: #ffffff; } td.n { text-align: right; } .d { font-size: 9pt; }";
    RenderInput in = input(ITEMS, css);
    assertSame("spacing-default-auto", in);
    assertSameFills(in, 0x203040, 0x602020);
  }

  /** A table without a width is as wide as its text plus the spacing; an explicit spacing of 6px. */
  @Test
  void aTableWithoutAWidthAndAnExplicitSpacing() throws Exception {
    String css = "table.t { border-spacing: 6px; } td, th { background: #304050; color: #ffffff; padding: 2px 5px;"
        + " vertical-align: bottom; } td.n { text-align: right; }";
    RenderInput in = input(ITEMS, css);
    assertSame("spacing-6px-no-width", in);
    assertSameFills(in, 0x304050);
  }

  /** Fixed layout: the columns share the table's width less the spacing, widths and percentages as declared. */
  @Test
  void fixedLayoutWithSpacing() throws Exception {
    String html = "<table class=\"t\"><tr><td style=\"width: 40%\">Description of the work</td><td style=\"width:"
        + " 80px\">Qty</td><td>Amount</td></tr><tr><td>Design</td><td>2</td><td class=\"n\">800.00</td></tr>"
        + "<tr><td colspan=\"2\">Total</td><td class=\"n\">800.00</td></tr></table>";
    String css = "table.t { width: 90%; table-layout: fixed; border-spacing: 4px; }"
        + " td { border: 1px solid #000000; background: #404060; color: #ffffff; padding: 3px; } td.n { text-align: right; }";
    RenderInput in = input(html, css);
    assertSame("spacing-fixed", in);
    assertSameFills(in, 0x404060);
  }

  private static String rows(int n) {
    StringBuilder b = new StringBuilder("<h1>Statement</h1><table class=\"t\"><thead><tr><th>Date</th><th>Text</th>"
        + "<th>Amount</th></tr></thead><tbody>");
    for (int i = 1; i <= n; i++) {
      b.append("<tr><td>2026-01-").append(String.format("%02d", i % 28 + 1)).append("</td><td>Payment number ")
          .append(i).append(i % 7 == 0 ? "<br/>with a second line" : "").append("</td><td class=\"n\">")
          .append(i * 13 % 1000).append(".00</td></tr>");
    }
    return b.append("</tbody></table><p>End of statement</p>").toString();
  }

  /** A long table: the header repeats on each page (-fs-table-paginate), rows kept whole move to the next. */
  @Test
  void aPaginatedTableRepeatsItsHeaderWithTheSpacing() throws Exception {
    String css = "table.t { width: 100%; -fs-table-paginate: paginate; } tr { page-break-inside: avoid; }"
        + " th { background: #203040; color: #ffffff; text-align: left; } td { border-bottom: 1px solid #000000;"
        + " vertical-align: top; }"
        + " td.n { text-align: right; }";
    RenderInput in = input(rows(75), css);
    assertSame("spacing-paginated", in);
    java.util.List<String> pages = HtmlEquivalenceTest.texts(DIRECT.render(in));
    assertThat(pages).hasSizeGreaterThan(2);
    for (String page : pages.subList(1, pages.size())) assertThat(page).startsWith("DateTextAmount");
  }

  /**
   * Without a repeated header openhtmltopdf places a row moved to a new page 1.8 pt off the spacing model: the
   * direct path refuses the break, naming it, and the document goes to openhtmltopdf.
   */
  @Test
  void aBreakWithoutARepeatedHeaderIsRefused() throws Exception {
    String css = "table.t { width: 100%; border-spacing: 5px; } tr { page-break-inside: avoid; }"
        + " td { background: #303030; color: #ffffff; vertical-align: top; }";
    RenderInput in = input(rows(70), css);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DIRECT.render(in)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("a table row with border-spacing moved to a new page without a repeated header");
    assertThat(DIRECT.render(input(rows(20), css))).isNotEmpty();
  }

  /** Tables that never set border-collapse or border-spacing, as most invoice templates write them, go direct. */
  @Test
  void tablesWithTheDefaultSpacingAreRoutedDirect() {
    String[][] cases = {
        {"<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>x</td></tr></tbody></table>",
            "thead{display:table-header-group} tr{page-break-inside:avoid} table{width:100%}"},
        {"<table style=\"width:100%\"><tr class=\"total\"><td>Total</td><td>1</td></tr></table>",
            ".total td{border-top:2px solid #000;font-weight:700}"},
        {"<table><tr><th>a</th></tr></table>", "th{font-weight:normal;text-align:left} table{width:100%}"},
        {"<table class=\"t\"><tr><td>a</td></tr></table>", "table.t{border-spacing:3px}"}};
    for (String[] c : cases) {
      ObjectNode layout = Canvas.JSON.createObjectNode();
      layout.put("html", c[0]);
      layout.put("css", c[1]);
      assertThat(RoutingPdfEngine.choose(layout, PageSetup.DEFAULT)).as(c[1])
          .isEqualTo(new RoutingPdfEngine.Choice("direct", null));
    }
  }
}
