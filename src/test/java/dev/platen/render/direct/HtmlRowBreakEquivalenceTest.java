package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import java.awt.image.BufferedImage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Table rows that meet a page break without {@code tr { page-break-inside: avoid }}, as a statement written for a
 * browser has them, drawn directly and printed as openhtmltopdf prints them: the row is cut by the page's bottom,
 * its backgrounds and borders go on at the top of the next page, and a line of text reaching across the break
 * moves down to that page (or, in a table with a repeated header, the row moves whole).
 */
class HtmlRowBreakEquivalenceTest {
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  /** 89 one-line rows under a heading whose bottom margin moves where the page break falls in the row. */
  private static String rows(String description) {
    StringBuilder html = new StringBuilder("<h1>Statement</h1><table><thead><tr><th>Date</th><th>Details</th>"
        + "<th class=\"n\">Amount</th></tr></thead><tbody>");
    for (int i = 1; i < 90; i++) {
      html.append("<tr><td>2026-01-").append(String.format("%02d", i % 28 + 1)).append("</td><td>")
          .append(i % 7 == 3 ? description : "Payment number " + i).append("</td><td class=\"n\">")
          .append(String.format("%.2f", i * 13.5)).append("</td></tr>");
    }
    return html.append("</tbody></table><p>End of statement.</p>").toString();
  }

  private static final String PAGE = "@page { size: A4; margin: 20mm } body { font-family: sans-serif; font-size: 10pt;"
      + " margin: 0 } table { width: 100% } th, td { padding: 4pt 6pt; text-align: left } .n { text-align: right }";

  private static RenderInput input(String html, String css) {
    return HtmlEquivalenceTest.drawnDirectly(html, css);
  }

  /**
   * Where the break falls: in a row's top padding (its line lies wholly on the next page), across its line (which
   * moves down to the next page, the row growing by as much), in its bottom padding, and below its bottom border.
   * Striped cell backgrounds and row backgrounds dark enough for the page images to see them cut.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0|border-collapse: collapse|border-bottom: 1px solid #333",
      "4|border-collapse: collapse|border-bottom: 1px solid #333",
      "8|border-collapse: collapse|border-bottom: 1px solid #333",
      "12|border-collapse: collapse|border-bottom: 1px solid #333",
      "4|border-collapse: collapse|border-bottom: 1px dotted #333",
      "0|border-spacing: 2px|border: 1px solid #336",
      "4|border-spacing: 2px|border: 1px solid #336",
      "12|border-spacing: 2px|border: 1px solid #336",
      "30|border-spacing: 2px|border: 1px solid #336"})
  void aRowMeetingAPageBreakIsCutAsOpenhtmltopdfCutsIt(int above, String table, String cell) throws Exception {
    String css = PAGE + " h1 { margin: 0 0 " + above + "pt } table { " + table + " } th, td { " + cell + " }"
        + " tbody tr:nth-child(odd) td { background: #8899bb } tbody tr:nth-child(even) { background: #bb9977 }";
    RenderInput input = input(rows("Card payment"), css);
    assertSame("row-cut-" + above + "-" + table.charAt(7) + cell.charAt(17), input);
    assertSameCut(input);
  }

  /**
   * Where the cut row's paint ends at the bottom of the first page and where it goes on at the top of the second,
   * down a line through the middle column, without text, at 100 dpi: the same pixel row in both engines (one apart
   * at most). A piece of background a point or two off the break covers less than the equivalence check's 1% of a
   * page.
   */
  static void assertSameCut(RenderInput input) throws Exception {
    try (PDDocument a = Loader.loadPDF(HTML.render(input)); PDDocument b = Loader.loadPDF(DIRECT.render(input))) {
      int col = 300 * 100 / 72;
      int top = (int) Math.ceil(56.7 * 100 / 72);
      int bottom = (int) Math.floor(785.1 * 100 / 72);
      BufferedImage x = new Textless(a).renderImageWithDPI(0, 100, ImageType.RGB);
      BufferedImage y = new Textless(b).renderImageWithDPI(0, 100, ImageType.RGB);
      assertThat(painted(y, col, bottom, -1)).as("last painted pixel above the first page's bottom")
          .isCloseTo(painted(x, col, bottom, -1), org.assertj.core.data.Offset.offset(1));
      x = new Textless(a).renderImageWithDPI(1, 100, ImageType.RGB);
      y = new Textless(b).renderImageWithDPI(1, 100, ImageType.RGB);
      assertThat(painted(y, col, top, 1)).as("first painted pixel below the second page's top")
          .isCloseTo(painted(x, col, top, 1), org.assertj.core.data.Offset.offset(1));
    }
  }

  /** The first pixel row from {@code from} going {@code step} whose pixel in column {@code col} is not white. */
  private static int painted(BufferedImage image, int col, int from, int step) {
    for (int row = from; row >= 0 && row < image.getHeight(); row += step) {
      int p = image.getRGB(col, row);
      if ((p & 0xff) < 200 || (p >> 8 & 0xff) < 200 || (p >> 16 & 0xff) < 200) return row;
    }
    return -1;
  }

  /** Renders a page's fills, strokes and images, not its glyphs. */
  private static final class Textless extends PDFRenderer {
    Textless(PDDocument doc) {
      super(doc);
    }

    @Override protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
      return new PageDrawer(parameters) {
        @Override protected void showFontGlyph(Matrix matrix, PDFont font, int code, Vector displacement) {}
      };
    }
  }

  /**
   * A wrapped description whose second line reaches across the break moves down alone: no widows or orphans in
   * cells. With cells at their default vertical-align (middle) the one-line cells beside a wrapped one sit lower.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"0|top", "6|top", "10|top", "16|top", "6|middle", "20|middle", "31|middle"})
  void aWrappedCellLineMovesAloneToTheNextPage(int above, String align) throws Exception {
    String css = PAGE + " h1 { margin: 0 0 " + above + "pt } table { border-collapse: collapse; table-layout: fixed }"
        + " td { border-bottom: 0.5pt solid #555; vertical-align: " + align + " } td:nth-child(2) { width: 40% }";
    assertSame("row-cut-wrapped-" + align + "-" + above,
        input(rows("Direct debit Stadtwerke electricity and gas, customer 88213, March"), css));
  }

  /**
   * Cells aligned to the middle (the default) or bottom beside a three-line cell, the break swept through the row:
   * where an aligned cell's line, moved down, meets the break, openhtmltopdf lays that cell out again as far down
   * (TableRowBox.alignMiddleAndBottomAlignedCells), its line moves below the break and the row grows. Three lines,
   * not two: a one-line cell in the middle of two lies exactly between them, and PDFBox's text order then flips on
   * a hundredth of a point.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"0|middle", "3|middle", "6|middle", "9|middle", "12|middle", "15|middle",
      "18|middle", "21|middle", "24|middle", "27|middle", "30|middle", "33|middle", "36|middle", "39|middle",
      "42|middle", "0|bottom", "4|bottom", "8|bottom", "12|bottom", "16|bottom", "20|bottom", "24|bottom",
      "28|bottom", "32|bottom", "36|bottom", "40|bottom"})
  void anAlignedCellMeetingTheBreakIsLaidOutAgainBelowIt(int above, String align) throws Exception {
    String css = PAGE + " h1 { margin: 0 0 " + above + "pt } table { border-collapse: collapse }"
        + " td { border-bottom: 0.5pt solid #555; padding: 6pt; vertical-align: " + align + " }"
        + " td:nth-child(2) { vertical-align: top }";
    StringBuilder html = new StringBuilder("<h1>Statement</h1><table><tbody>");
    for (int i = 1; i < 40; i++) {
      html.append("<tr><td>2026-01-").append(String.format("%02d", i % 28 + 1))
          .append("</td><td>Direct debit ").append(i).append("<br>Stadtwerke electricity<br>customer 88213</td>")
          .append("<td class=\"n\">").append(String.format("%.2f", i * 13.5)).append("</td></tr>");
    }
    html.append("</tbody></table><p>End of statement.</p>");
    assertSame("row-cut-aligned-" + align + "-" + above, input(html.toString(), css));
  }

  /** The corpus statements without their avoid rule and without a repeated header: 28 pages cut mid-row. */
  @ParameterizedTest
  @ValueSource(strings = {"statement", "statement-grid"})
  void statementsWrittenWithoutAvoidPrintTheSame(String name) throws Exception {
    ObjectNode layout = (ObjectNode) HtmlCorpus.layout(name).deepCopy();
    String css = layout.path("css").asString();
    assertThat(css).contains("-fs-table-paginate: paginate;", "table.tx tr { page-break-inside: avoid; }");
    layout.put("css", css.replace("-fs-table-paginate: paginate;", "")
        .replace("table.tx tr { page-break-inside: avoid; }", ""));
    RenderInput input = HtmlCorpus.input(name, layout);
    assertSame(name + "-no-avoid", input);
    assertThat(texts(DIRECT.render(input))).hasSizeGreaterThan(20);
  }

  /**
   * With a repeated header ({@code -fs-table-paginate}) openhtmltopdf moves a row whole where the first line of each
   * cell met the break (one-line rows): drawn directly. A row it cuts below the repeated header (a wrapped cell whose
   * first line stays above the break) is left to openhtmltopdf, named.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 4, 8, 12, 16})
  void underARepeatedHeaderOneLineRowsMoveWhole(int above) throws Exception {
    String css = PAGE + " h1 { margin: 0 0 " + above + "pt } table { border-collapse: collapse;"
        + " -fs-table-paginate: paginate } th, td { border-bottom: 1px solid #333 }"
        + " tbody tr:nth-child(odd) td { background: #8899bb }";
    RenderInput input = input(rows("Card payment"), css);
    assertSame("row-whole-" + above, input);
    assertSameCut(input);
  }

  @org.junit.jupiter.api.Test
  void underARepeatedHeaderARowCutAfterItsFirstLineIsNamed() throws Exception {
    ObjectNode layout = (ObjectNode) HtmlCorpus.layout("statement").deepCopy();
    // cut rows are drawn directly (HtmlPaginatedCutEquivalenceTest) but for border-spacing
    layout.put("css", layout.path("css").asString().replace("table.tx tr { page-break-inside: avoid; }",
        "table.tx { border-collapse: separate; border-spacing: 0 1pt; }"));
    RenderInput input = HtmlCorpus.input("statement", layout);
    assertThatThrownBy(() -> DIRECT.render(input)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("a row of a table with a repeated header (-fs-table-paginate) cut by a page break");
  }
}
