package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static dev.platen.render.direct.HtmlEquivalenceTest.words;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.html.HtmlPdfEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Divs styled {@code display: table}, {@code table-row} and {@code table-cell} (a footer's columns, two boxes side by
 * side), drawn directly as the table they stand for (HtmlDisplayTables) and printed as openhtmltopdf prints them.
 */
class HtmlDisplayTableEquivalenceTest {
  private static final String PAGE = "@page { size: A4; margin: 20mm } body { font-family: sans-serif;"
      + " font-size: 10pt; margin: 0 }";

  private static final String CELLS = "<p>Before</p><div class=\"t\"><div class=\"c\">Alpha one<br>two lines</div>"
      + "<div class=\"c\">Beta <b>bold</b></div><div class=\"c\">A much longer cell whose text wraps over several"
      + " lines in its column</div></div><p>After</p>";

  /** A table div holding cell divs directly: openhtmltopdf's anonymous row around them. */
  @ParameterizedTest
  @ValueSource(strings = {
      // a footer's columns: fixed layout, a rule and padding on the table, default (baseline) alignment
      ".t { display: table; width: 100%; table-layout: fixed; border-top: 0.5pt solid #123; padding-top: 2mm }"
          + " .c { display: table-cell; padding-right: 3mm; background: #eeeeee; border: 1px solid #999999 }",
      // boxes side by side: spacing between them, a third of the width each, top aligned
      ".t { display: table; width: 100%; border-spacing: 8pt } .c { display: table-cell; width: 33%;"
          + " vertical-align: top; border: 1px solid #dddddd; padding: 6pt; background: #eeeeee }",
      // automatic layout without a width, aligned at the bottom
      ".t { display: table } .c { display: table-cell; padding: 3pt; border: 1px solid #555555;"
          + " vertical-align: bottom; background: #eeeeee }"})
  void aTableDivOfCellDivsIsDrawnAsATable(String css) throws Exception {
    var input = drawnDirectly(CELLS, PAGE + " " + css);
    assertSame("dtab-cells-" + Integer.toHexString(css.hashCode()), input);
    assertSameFills(input, 0xeeeeee);
  }

  /** Rows of cells, with a border-spacing, over three pages: cut between rows as a table's are. */
  @ParameterizedTest
  @ValueSource(ints = {3, 70})
  void rowDivsOfCellDivsAreDrawnAsTableRows(int n) throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      rows.append("<div class=\"r\"><div class=\"c\">Row ").append(i).append("</div><div class=\"c\">Value number ")
          .append(i).append("</div></div>");
    }
    String css = PAGE + " .t { display: table; width: 80%; border-spacing: 4pt; border: 1px solid #333333 }"
        + " .r { display: table-row } .c { display: table-cell; padding: 2pt 6pt; background: #ddeeff;"
        + " border-bottom: 1px solid #555555; vertical-align: middle }";
    var input = drawnDirectly("<p>Start</p><div class=\"t\">" + rows + "</div><p>End</p>", css);
    assertSame("dtab-rows-" + n, input);
    assertSameFills(input, 0xddeeff, 0x555555);
  }

  /**
   * The premise: openhtmltopdf prints such divs exactly as the table elements without their user-agent rules
   * (border-spacing 0, no cell padding, top alignment where baseline meets the same first lines).
   */
  @Test
  void openhtmltopdfPrintsTheDivsAsTheTableTheyStandFor() throws Exception {
    HtmlPdfEngine html = new HtmlPdfEngine(EngineSettings.defaults());
    String cell = "padding-right: 3mm; border: 1px solid #999999";
    byte[] divs = html.render(Canvas.input(HtmlCorpus.of(CELLS, PAGE + " .t { display: table; width: 100%;"
        + " table-layout: fixed; padding-top: 2mm } .c { display: table-cell; " + cell + " }"), "{}"));
    String table = CELLS.replace("<div class=\"t\">", "<table class=\"t\"><tr>").replace("</div></div>",
        "</td></tr></table>").replace("<div class=\"c\">", "<td class=\"c\">").replace("</div>", "</td>");
    byte[] tables = html.render(Canvas.input(HtmlCorpus.of(table, PAGE + " .t { width: 100%; table-layout: fixed;"
        + " padding-top: 2mm; border-spacing: 0 } .c { padding: 0; vertical-align: top; " + cell + " }"), "{}"));
    assertThat(table).doesNotContain("div");
    assertThat(words(divs, 0)).isEqualTo(words(tables, 0));
  }

  /** What is not a plain table of cells (or rows of cells) stays with openhtmltopdf, named. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "<div class=\"t\">text<div class=\"c\">a</div></div>|.t{display:table} .c{display:table-cell}|text beside the cells",
      "<div class=\"c\">a</div>|.c{display:table-cell}|display: table-cell on div.c outside a display: table div",
      "<div class=\"r\"><div class=\"c\">a</div></div>|.r{display:table-row} .c{display:table-cell}|display: table-row on div.r outside",
      "<div class=\"t\"><div class=\"c\">a</div><p>b</p></div>|.t{display:table} .c{display:table-cell}|holding other than only",
      "<div class=\"t\"><div class=\"r\">a</div></div>|.t{display:table} .r{display:table-row}|text beside the cells of display: table-row",
      "<div class=\"t\"></div>|.t{display:table}|display: table on div.t without cells",
      "<div class=\"t\"><div class=\"c\" align=\"right\">a</div></div>|.t{display:table} .c{display:table-cell}|the attribute 'align'",
      "<span class=\"t\">a</span>|.t{display:table}|CSS display 'table'",
      // two lengths are drawn (HtmlUtilityBillEquivalenceTest); three are no border-spacing
      "<div class=\"t\"><div class=\"c\">a</div></div>|.t{display:table;border-spacing:8pt 0 1pt} .c{display:table-cell}|CSS value '8pt 0 1pt' for 'border-spacing'",
      "<table><tr><td>a</td></tr></table>|table{border-spacing:8pt 2pt 1pt}|CSS value '8pt 2pt 1pt' for 'border-spacing'"})
  void otherTableDisplaysAreRefused(String html, String css, String reason) {
    assertThat(refusal(html, PAGE + " " + css)).contains(reason);
  }
}
