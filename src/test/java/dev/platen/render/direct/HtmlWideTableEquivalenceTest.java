package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A statement's table of automatic layout widened past the page's content area by a value with no place to break
 * (an IBAN, a URL, a reference code): openhtmltopdf lays the table out at its least width, from the content area's
 * left edge and past its right one, and its page shows only the content area (measured): a cell or line that starts
 * past the content area's right edge is left out (text too; PagedBoxCollector paints a box or line box only where
 * it meets the page's content window), and what starts inside it is drawn whole but cut off at that edge, the right
 * margin left blank. Those documents had all gone to openhtmltopdf.
 */
class HtmlWideTableEquivalenceTest {
  private static final String LONG = "ABCDEFGHIJ".repeat(9);

  private static final String CSS = "@page { size: letter; margin: 0.6in; }"
      + " body { font-family: Helvetica, Arial, sans-serif; font-size: 10pt; }"
      + " th, td { border: 1px solid #444; padding: 3px 5px; text-align: left; } th { background: #ddeeff; }"
      + " td.n { text-align: right; }";

  private static String table(String style, String c2, String c4) {
    return "<p>Statement heading</p><table style=\"" + style + "\"><thead><tr><th>Date</th><th>Description</th>"
        + "<th>Ref</th><th>Amount</th></tr></thead><tbody>"
        + "<tr><td>01.01.2026</td><td>Opening balance</td><td>R1</td><td class=\"n\">100.00</td></tr>"
        + "<tr><td>02.01.2026</td><td>" + c2 + "</td><td>R2</td><td class=\"n\">" + c4 + "</td></tr>"
        + "<tr><td>03.01.2026</td><td>Closing entry</td><td>R3</td><td class=\"n\">300.00</td></tr>"
        + "</tbody></table><p>After the table</p>";
  }

  /**
   * The long value in the second column (the columns after it start past the page and are left out, the value cut
   * off at the content area's edge) or in the last (all columns drawn, the last cut off): with collapsed or
   * separate borders, a width of 100% or none, header backgrounds.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "second|width: 100%; border-collapse: collapse",
      "second|border-collapse: collapse",
      "last|width: 100%; border-collapse: collapse",
      "last|border-collapse: collapse",
      "second|width: 100%; border-spacing: 0",
      "last|width: 100%; border-spacing: 2px",
      "last|border-spacing: 0; background: #f4f4f4; border: 2px solid #888"})
  void aLongValueWidensTheTablePastTheContentArea(String variant) throws Exception {
    String[] v = variant.split("\\|");
    boolean second = v[0].equals("second");
    assertSame("wide-" + variant, drawnDirectly(table(v[1], second ? LONG : "Payment", second ? "200.00" : LONG),
        CSS));
  }

  /**
   * A long value with places to break inside (a URL after its slashes, a reference code after its hyphens), in a
   * link or not: the column breaks it there at its least width, the longest piece widening the table past the
   * content area, as openhtmltopdf breaks it.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "https://portal.example.com/statements/2026/ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ"
          + "0123456789abcdefghij",
      "<a href=\"https://example.com/x\">https://example.com/download?id=ABCDEFGHIJABCDEFGHIJABCDEFGHIJ"
          + "ABCDEFGHIJABCDEFGHIJABCDEFGHIJ</a>",
      "REF-2026-ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJ-0001"})
  void aLongValueBrokenInsideWidensItToo(String value) throws Exception {
    assertSame("wide-inner", drawnDirectly(table("width: 100%; border-collapse: collapse", value, "200.00"), CSS));
    assertSame("wide-inner-last", drawnDirectly(table("border-spacing: 0", "Payment", value), CSS));
  }

  /**
   * The long value in the first column: the columns after it start in the right margin, between the content area
   * and the page's edge, and are left out too, borders and backgrounds with them.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"border-collapse: collapse", "border-spacing: 0"})
  void columnsStartingInTheMarginAreLeftOut(String style) throws Exception {
    String html = "<table style=\"width: 100%; " + style + "\"><tr><td>" + LONG + "</td><td>Two</td><td>Three</td>"
        + "<td>Four</td></tr><tr><td>a</td><td>b</td><td>c</td><td>d</td></tr></table><p>After</p>";
    assertSame("wide-first-" + style, drawnDirectly(html, CSS + " td { background: #eef; }"));
  }

  /**
   * A statement running over several pages, its header repeated ({@code -fs-table-paginate}), a long IBAN in one
   * row's description.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"border-collapse: collapse", "border-spacing: 0"})
  void aLongStatementWithARepeatedHeader(String style) throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 1; i <= 90; i++) {
      String what = i == 37 ? "Transfer to DE89370400440532013000DE89370400440532013000DE8937040044053201300012"
          : "Card payment " + i + " at a shop";
      rows.append("<tr><td>").append(String.format("%02d.%02d.2026", i % 28 + 1, i % 12 + 1)).append("</td><td>")
          .append(what).append("</td><td>REF").append(1000 + i).append("</td><td class=\"n\">").append(i * 7)
          .append(".50</td></tr>");
    }
    String html = "<h1>Statement</h1><table style=\"width: 100%; -fs-table-paginate: paginate; " + style + "\">"
        + "<thead><tr><th>Date</th><th>Description</th><th>Ref</th><th>Amount</th></tr></thead><tbody>" + rows
        + "</tbody></table><p>End of statement</p>";
    assertSame("wide-paginated-" + style, drawnDirectly(html, CSS + " tbody tr:nth-child(even) td {"
        + " background: #f6f6f6; }"));
  }

  /**
   * A table made wider than the content area by its own width (a length or a percentage over 100, automatic or fixed
   * layout): cut off at the content area's edge alike, the right-aligned amount starting past it left out.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"width: 800px; border-collapse: collapse",
      "width: 800px; table-layout: fixed; border-collapse: collapse", "width: 120%; border-spacing: 0"})
  void aTableWiderThanThePageByItsWidth(String style) throws Exception {
    String html = "<p>Before</p><table style=\"" + style + "\"><tr><th>Date</th><th>Description</th><th>Amount</th>"
        + "</tr><tr><td>01.01.2026</td><td>Some text here</td><td class=\"n\">12.00</td></tr></table><p>After</p>";
    assertSame("wide-by-width", drawnDirectly(html, CSS));
  }

  /**
   * Still sent to openhtmltopdf: a long value in a table whose ISO dates break after their hyphens at the column's
   * least width ("01-01" under "2026-" fills the column to the dot, and openhtmltopdf breaks it again; its rounding
   * of each piece is not followed), one centred
   * by auto margins, one nested in another table's cell, and one whose cells past the content area have dashed
   * borders.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "hyphens|width: 100%; border-collapse: collapse|filling its line in a column at its least width",
      "centred|width: 90%; margin: 0 auto; border-collapse: collapse|text wider than its container",
      "nested|width: 100%; border-collapse: collapse|text wider than its",
      "dashed|width: 100%; border-collapse: collapse|dashed, rounded or turned"})
  void whatIsStillRefused(String row) {
    String[] p = row.split("\\|");
    String html = table(p[1], "Payment", LONG);
    String css = CSS;
    if (p[0].equals("hyphens")) html = html.replaceAll("(\\d\\d)\\.(\\d\\d)\\.2026", "2026-$2-$1");
    if (p[0].equals("nested")) html = "<table><tr><td>" + html + "</td></tr></table>";
    if (p[0].equals("dashed")) css = CSS + " td.n { border: 1px dashed #444; }";
    RenderInput input = Canvas.input(HtmlCorpus.of(html, css), "{}");
    assertThatThrownBy(() -> new DirectPdfEngine(EngineSettings.defaults()).render(input))
        .isInstanceOf(Unsupported.class).hasMessageContaining(p[2]);
  }
}
