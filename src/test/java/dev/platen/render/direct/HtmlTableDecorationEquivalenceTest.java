package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import java.awt.geom.GeneralPath;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Table decorations as real templates write them, drawn directly and printed as openhtmltopdf prints them: borders
 * on table rows with collapsed borders (Tailwind's {@code border-b} on the header row, a rule above every body row),
 * over several pages with and without a repeated header. Compared as {@link HtmlEquivalenceTest} compares (text per
 * page, page images within 1%, every word's start) and, since a 1px rule is a few hundred pixels of a page, by every
 * filled rectangle of every page: colour and place within a tenth of a point.
 */
class HtmlTableDecorationEquivalenceTest {
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  /** Tailwind's preflight gives every element a solid border of width 0: a row's 1px rule wins over its cells'. */
  private static final String TAILWIND = "*,::before,::after{box-sizing:border-box;border-width:0;border-style:solid;"
      + "border-color:#e5e7eb} body{margin:0;font-family:Helvetica,Arial,sans-serif;font-size:9pt;line-height:1.5}"
      + " table{text-indent:0;border-color:inherit;border-collapse:collapse;width:100%}"
      + " .border-b{border-bottom-width:1px} .border-gray-300{border-color:#d1d5db}"
      + " .py-2{padding-top:.5rem;padding-bottom:.5rem} .py-3{padding-top:.75rem;padding-bottom:.75rem}"
      + " .px-3{padding-left:.75rem;padding-right:.75rem} .text-right{text-align:right} .text-left{text-align:left}"
      // Tailwind's divide-y is written with '~', which openhtmltopdf drops: the same rule with '+' draws
      + " .divide-y>:not([hidden])~:not([hidden]){border-top-width:1px;border-bottom-width:0}"
      + " .rules>tr+tr{border-top-width:1px;border-color:#9ca3af}";

  private static String items(int rows) {
    StringBuilder html = new StringBuilder("<h1>Invoice</h1><table><thead><tr class=\"border-b border-gray-300 text-left\">"
        + "<th class=\"py-2 px-3\">Item</th><th class=\"py-2 px-3 text-right\">Qty</th>"
        + "<th class=\"py-2 px-3 text-right\">Amount</th></tr></thead><tbody class=\"divide-y rules\">");
    for (int r = 1; r <= rows; r++) {
      html.append("<tr><td class=\"py-3 px-3\">Item ").append(r).append(" of the order</td><td class=\"py-3 px-3 text-right\">")
          .append(r % 7 + 1).append("</td><td class=\"py-3 px-3 text-right\">").append(r * 37 % 900).append(".50</td></tr>");
    }
    return html.append("</tbody></table><p>Thank you for your business.</p>").toString();
  }

  /** The Tailwind invoice's table: a grey rule under the header row, one above every row but the first. */
  @Test
  void tailwindRowRulesPrintTheSame() throws Exception {
    RenderInput input = Canvas.input(HtmlCorpus.of(items(6), TAILWIND), "{}");
    assertSame("table-row-rules", input);
    assertSameFills(input, 0xd1d5db, 0x9ca3af);
    assertSameRectangles(input);
  }

  /**
   * The same table over two pages, its rows kept whole: moved to the next page with their top rule (3px and 2px).
   */
  @Test
  void rowRulesOverPagesPrintTheSame() throws Exception {
    rowRulesOverPages(" tr{page-break-inside:avoid} .border-b{border-bottom-width:3px} .rules>tr+tr{border-top-width:2px}");
  }

  /**
   * More of the same: rows cut by the page's bottom, and under a repeated header (the first row under it keeps its
   * rule against the row before it), with 1px and wider rules.
   */
  @Test
  @Tag("slow")
  void moreRowRulesOverPagesPrintTheSame() throws Exception {
    rowRulesOverPages("", " table{-fs-table-paginate:paginate}", " tr{page-break-inside:avoid} table{-fs-table-paginate:paginate}",
        " table{-fs-table-paginate:paginate} .border-b{border-bottom-width:3px} .rules>tr+tr{border-top-width:2px}");
  }

  private static void rowRulesOverPages(String... variants) throws Exception {
    for (int i = 0; i < variants.length; i++) {
      RenderInput input = Canvas.input(HtmlCorpus.of(items(30), TAILWIND + variants[i]), "{}");
      assertSame("table-row-rules-pages-" + i, input);
      assertThat(assertSameRectangles(input)).as("pages").isGreaterThan(1);
    }
  }

  /**
   * Row borders against cell borders and each other, as openhtmltopdf resolves them (CSS 2.1 17.6.2.1): the wider
   * wins, a cell's over its row's on a tie, a row's own over its neighbour's, a row's side at the table's edges.
   */
  @Test
  void rowBordersCollapseWithCellAndTableBorders() throws Exception {
    // away from the page's left edge: openhtmltopdf clips the outer half of a collapsed border there, which the
    // direct engine draws (a pre-existing sliver, a third of a point wide, that the page images tolerate)
    String html = "<div style=\"margin-left:20px\"><table style=\"width:300px\"><thead><tr class=\"h\"><th>Item</th><th>Qty</th></tr></thead><tbody>"
        + "<tr class=\"r1\"><td>a</td><td>1</td></tr><tr class=\"r2\"><td>b</td><td>2</td></tr>"
        + "<tr class=\"r3\"><td>c</td><td>3</td></tr></tbody></table></div><p>after</p>";
    String[] cases = {
        "tr.r1{border-bottom:2px solid #c00000} td{border-bottom:1px solid #0000c0}",
        "tr.r1{border-bottom:1px solid #c00000} td{border-bottom:1px solid #0000c0} tr.r2{border-top:1px solid #00a000}",
        "tr.r2{border-left:3px solid #00a000;border-right:4px solid #00c000} table{border:1px solid #333}"
            + " tr.h{border:1px solid #c00000}",
        "tr.r1{border-bottom:1px solid #c00000} tr.r2{border-top:1px solid #00a000}"
            + " tr.r3{border-top:3px solid #0000c0;border-bottom:5px solid #c000c0}",
        "table{border-bottom:2px solid #333;border-left:4px solid #c000c0} tr.h{border-bottom:1px solid #c00000}"};
    for (int i = 0; i < cases.length; i++) {
      String css = "table{border-collapse:collapse} th,td{padding:6px 8px} " + cases[i];
      RenderInput input = Canvas.input(HtmlCorpus.of("<p>before</p>" + html, css), "{}");
      assertSame("table-row-borders-" + i, input);
      assertSameRectangles(input);
    }
  }

  private static final String CELLS = "<table class=\"t\"><tr><td>Consulting</td><td>3</td><td>300.00</td></tr>"
      + "<tr><td>Travel</td><td>1</td><td>84.10</td></tr></table><p>after</p>";

  /**
   * A table's own border, padding and background with separate borders, as openhtmltopdf frames its rows
   * (measured): the background inside the border, the spacing around the cells inside the padding; a width is the
   * border box, but in automatic layout a length leaves the spacing out and openhtmltopdf adds it outside.
   */
  @Test
  void tableBordersPaddingAndBackgroundsPrintTheSame() throws Exception {
    String[] cases = {"width:300px;border:3px solid #c00000;background:#eeeeee",
        "width:300px;border:3px solid #c00000;background:#eeeeee;padding:5px",
        "width:300px;border-spacing:10px;border:1px solid #c00000;padding:5px",
        "width:300px;border-spacing:10px;table-layout:fixed;border:1px solid #c00000;padding:5px",
        "border-spacing:10px;border:1px solid #c00000;padding:5px",
        "width:100%;border-spacing:0;border:1px solid #c00000;background:#eeeeee",
        "width:50%;border-spacing:10px;border:1px solid #c00000",
        "width:450pt;border-spacing:0;border:1px solid #c00000;padding:5px",
        "width:100%;border-bottom:2px solid #000;margin-bottom:10pt",
        "width:300px", "width:300px;border-spacing:10px", "width:200px;margin-left:auto;border-spacing:6px"};
    for (int i = 0; i < cases.length; i++) {
      String css = "td{padding:6px 8px;background:#ccccff} table.t{" + cases[i] + "}";
      RenderInput input = Canvas.input(HtmlCorpus.of(CELLS, css), "{}");
      assertSame("table-frame-" + i, input);
      assertSameRectangles(input);
    }
  }

  /**
   * E-mail HTML: {@code bgcolor} on tables, a bordered, padded table nested in a cell of a table with automatic
   * layout, which openhtmltopdf measures with its border and padding, and one with a length width (the 600px body
   * of an e-mail), which it measures as that width and its spacing.
   */
  @Test
  void emailTablesWithBgcolorAndNestedFramesPrintTheSame() throws Exception {
    String html = "<table width=\"100%\" bgcolor=\"#f4f4f4\" cellspacing=\"0\" cellpadding=\"0\"><tr>"
        + "<td style=\"padding:10px\"><table width=\"100%\" cellspacing=\"0\" cellpadding=\"4\" bgcolor=\"#ffffff\""
        + " style=\"border:1px solid #e0e0e0;padding:3px\"><tr><td>Invoice INV-1 for the order of the customer</td>"
        + "<td bgcolor=\"#1a73e8\">Amount due 1,234.00</td></tr></table></td><td>Side column text</td></tr></table>"
        + "<table style=\"width:300px\" cellspacing=\"0\" cellpadding=\"0\"><tr><td><table cellspacing=\"3\""
        + " style=\"border:3px solid #a0a0a0;padding:13px\"><tr><td>Supercalifragilistic</td><td>Word</td></tr></table>"
        + "</td><td>Side column text here and more</td></tr></table>"
        // an e-mail's fixed-width body, centred in a full-width table: a length width nested in automatic layout
        + "<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" bgcolor=\"#f4f4f4\"><tr><td align=\"center\""
        + " style=\"padding:20px 10px\"><table width=\"400\" cellspacing=\"0\" cellpadding=\"0\" bgcolor=\"#ffffff\""
        + " style=\"border:1px solid #e0e0e0\"><tr><td style=\"padding:18px 24px\">Dear customer, thank you for your"
        + " order.</td></tr></table></td></tr></table>"
        + "<table style=\"width:300px\" cellspacing=\"0\"><tr><td><table width=\"150\" cellspacing=\"4\""
        + " bgcolor=\"#e0e0e0\"><tr><td>Nested</td><td>cells</td></tr></table></td><td>Beside it</td></tr></table>"
        + "<p>after</p>";
    RenderInput input = Canvas.input(HtmlCorpus.of(html, "body{font-size:10pt}"), "{}");
    assertSame("table-email-frames", input);
    assertSameFills(input, 0xf4f4f4, 0xe0e0e0, 0x1a73e8);
    assertSameRectangles(input);
  }

  private static final String FRAMED_CSS = "body{font-family:Helvetica,Arial,sans-serif;font-size:9pt}"
      + " table{width:100%;border:2px solid #c00000;background:#eeeeff;padding:3px} th,td{padding:4pt 6pt;text-align:left}"
      + " td{background:#ffffff}";

  private static String framed(int rows) {
    StringBuilder html = new StringBuilder("<h1>Invoice</h1><table><thead><tr><th>Item</th><th>Qty</th><th>Amount</th>"
        + "</tr></thead><tbody>");
    for (int r = 1; r <= rows; r++) {
      html.append("<tr><td>Item ").append(r).append(" with a longer name</td><td>").append(r).append("</td><td>")
          .append(r * 7 % 300).append(".50</td></tr>");
    }
    return html.append("</tbody></table><p>after</p>").toString();
  }

  /**
   * A framed table over two pages is one strip each page shows its part of, as openhtmltopdf paints it (its rows cut
   * by the page's bottom here); with a repeated header openhtmltopdf closes the frame on every page, which stays
   * with it.
   */
  @Test
  void framedTablesOverPagesPrintTheSame() throws Exception {
    RenderInput input = Canvas.input(HtmlCorpus.of(framed(40), FRAMED_CSS), "{}");
    assertSame("table-frame-pages", input);
    assertThat(assertSameRectangles(input)).as("pages").isGreaterThan(1);
    assertThat(HtmlEquivalenceTest.refusal(framed(40), FRAMED_CSS + " table{-fs-table-paginate:paginate}"))
        .isEqualTo("a border, padding or background on table with a repeated header or footer (-fs-table-paginate)");
  }

  /** The same with its rows kept whole, moved to the next page inside the frame. */
  @Test
  @Tag("slow")
  void framedTablesWithWholeRowsOverPagesPrintTheSame() throws Exception {
    String css = FRAMED_CSS + " table{border-spacing:0} tr{page-break-inside:avoid}";
    RenderInput input = Canvas.input(HtmlCorpus.of(framed(70), css), "{}");
    assertSame("table-frame-pages-whole", input);
    assertThat(assertSameRectangles(input)).as("pages").isGreaterThan(2);
  }

  /**
   * {@code page-break-after: avoid} on a group heading's cell, which openhtmltopdf ignores there (measured: on the
   * row it keeps the heading with the next row, which stays refused).
   */
  @Test
  void pageBreakAfterAvoidOnACellChangesNothing() throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int r = 1; r < 80; r++) {
      if (r % 10 == 0) rows.append("<tr class=\"mh\"><th colspan=\"3\">Group ").append(r).append("</th></tr>");
      rows.append("<tr><td>Item ").append(r).append("</td><td>").append(r).append("</td><td>").append(r * 7 % 300)
          .append(".50</td></tr>");
    }
    String html = "<h1>Statement</h1><p>x</p><table><thead><tr><th>Item</th><th>Qty</th><th>Amount</th></tr></thead>"
        + "<tbody>" + rows + "</tbody></table><p>after</p>";
    String css = "body{font-size:9pt} table{width:100%;border-collapse:collapse} td,th{padding:3pt}"
        + " tr.mh th{background:#cccccc;page-break-after:avoid}";
    assertSame("table-heading-cell-avoid", Canvas.input(HtmlCorpus.of(html, css), "{}"));
    assertThat(HtmlEquivalenceTest.refusal(html, css.replace("tr.mh th{", "tr.mh{"))).contains("page-break-after");
  }

  /** Every page of both engines fills the same rectangles in the same colours, each within a tenth of a point. */
  static int assertSameRectangles(RenderInput input) throws Exception {
    List<List<double[]>> html = rectangles(HTML.render(input));
    List<List<double[]>> direct = rectangles(DIRECT.render(input));
    assertThat(direct).as("pages").hasSameSizeAs(html);
    for (int p = 0; p < html.size(); p++) {
      List<double[]> left = new ArrayList<>(direct.get(p));
      for (double[] r : html.get(p)) {
        double[] match = null;
        for (double[] d : left) {
          if (d[0] == r[0] && Math.abs(d[1] - r[1]) < 0.1 && Math.abs(d[2] - r[2]) < 0.1 && Math.abs(d[3] - r[3]) < 0.1
              && Math.abs(d[4] - r[4]) < 0.1) {
            match = d;
            break;
          }
        }
        assertThat(match).as("page %d: a %06x fill at x %.2f..%.2f, y %.2f..%.2f drawn directly too", p + 1,
            (int) r[0], r[1], r[2], r[3], r[4]).isNotNull();
        left.remove(match);
      }
      assertThat(left).as("page %d: fills only the direct engine draws", p + 1).isEmpty();
    }
    return html.size();
  }

  /**
   * Each page's filled rectangles as {rgb, x0, x1, y0, y1}, cut to the clip they are drawn in; those the clip hides
   * whole (openhtmltopdf paints a cut row's border below the page's bottom) are left out.
   */
  static List<List<double[]>> rectangles(byte[] pdf) throws IOException {
    List<List<double[]>> pages = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      for (int p = 0; p < doc.getNumberOfPages(); p++) {
        List<double[]> out = new ArrayList<>();
        new PDFGraphicsStreamEngine(doc.getPage(p)) {
          private GeneralPath path = new GeneralPath();
          private boolean clipping;

          void run() throws IOException {
            processPage(getPage());
          }

          @Override
          public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
            path.moveTo(p0.getX(), p0.getY());
            path.lineTo(p1.getX(), p1.getY());
            path.lineTo(p2.getX(), p2.getY());
            path.lineTo(p3.getX(), p3.getY());
            path.closePath();
          }

          @Override
          public void fillPath(int windingRule) throws IOException {
            Rectangle2D b = path.getBounds2D();
            Rectangle2D clip = getGraphicsState().getCurrentClippingPath().getBounds2D();
            Rectangle2D seen = b.createIntersection(clip);
            path = new GeneralPath();
            if (seen.getWidth() <= 0 || seen.getHeight() <= 0) return;
            float[] c = getGraphicsState().getNonStrokingColor().getComponents();
            int rgb = 0;
            for (float v : c) rgb = rgb << 8 | Math.round(v * 255);
            out.add(new double[] {rgb, seen.getMinX(), seen.getMaxX(), seen.getMinY(), seen.getMaxY()});
          }

          @Override
          public void fillAndStrokePath(int windingRule) throws IOException {
            fillPath(windingRule);
          }

          @Override
          public void drawImage(PDImage image) {}

          @Override
          public void clip(int windingRule) {
            clipping = true;
          }

          @Override
          public void moveTo(float x, float y) {
            path.moveTo(x, y);
          }

          @Override
          public void lineTo(float x, float y) {
            path.lineTo(x, y);
          }

          @Override
          public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
            path.curveTo(x1, y1, x2, y2, x3, y3);
          }

          @Override
          public Point2D getCurrentPoint() {
            return path.getCurrentPoint();
          }

          @Override
          public void closePath() {
            path.closePath();
          }

          @Override
          public void endPath() {
            // a clip takes effect once its path is ended ('W n'), as PDFBox's own PageDrawer applies it
            if (clipping) getGraphicsState().intersectClippingPath(path);
            clipping = false;
            path = new GeneralPath();
          }

          @Override
          public void strokePath() {
            path = new GeneralPath();
          }

          @Override
          public void shadingFill(COSName shadingName) {}
        }.run();
        pages.add(out);
      }
    }
    return pages;
  }
}
