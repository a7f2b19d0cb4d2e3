package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import java.awt.geom.GeneralPath;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/**
 * What a DIN 5008 invoice uses: column widths from {@code <colgroup>} and {@code <col>} (its positions table), an
 * underlined block of text (the return address above the window), a double border with collapsed borders (under the
 * total), {@code hyphens: auto}; drawn directly and printed as openhtmltopdf prints them (text per page, page breaks,
 * page images within 1% and every word's start, as {@link HtmlEquivalenceTest} compares), column starts and thin
 * fills (rules, underlines) to half a point besides, and the variants that stay with openhtmltopdf, named.
 */
class HtmlColumnGroupEquivalenceTest {
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  private static final String CSS = "body { font-family: sans-serif; font-size: 10pt }"
      + " table { border-collapse: collapse; width: 100%; margin-bottom: 6pt }"
      + " td, th { border: 0.5pt solid #000; padding: 2pt 4pt; text-align: left }";

  private static final String MIXED = "<colgroup><col style=\"width:10%\"><col><col style=\"width:60px\">"
      + "<col style=\"width:20%\"></colgroup>";

  /** A table of four columns whose first row starts each column with its letter: A, B, C, D. */
  private static String table(String columns, String attributes) {
    StringBuilder rows = new StringBuilder();
    for (int i = 1; i <= 2; i++) {
      rows.append("<tr><td>").append(i).append("</td><td>Item ").append(i)
          .append(" with a longer description text</td><td>").append(i * 3).append(" h</td><td>")
          .append(i * 17).append(".50 EUR</td></tr>");
    }
    return "<table" + attributes + ">" + columns + "<thead><tr><th>A</th><th>B</th><th>C</th><th>D</th></tr></thead>"
        + "<tbody>" + rows + "</tbody></table>";
  }

  /** Where each header word (A to D) starts, table by table, in the order drawn. */
  private static List<Double> starts(byte[] pdf) {
    return HtmlEquivalenceTest.words(pdf, 0).stream().filter(w -> w.text().matches("[A-D]"))
        .map(HtmlEquivalenceTest.Word::x).toList();
  }

  /** Prints the same, with every column where openhtmltopdf puts it, to a third of a point. */
  private static void assertSameColumns(String name, RenderInput in) throws Exception {
    assertSame(name, in);
    List<Double> html = starts(HTML.render(in));
    List<Double> direct = starts(DIRECT.render(in));
    assertThat(direct).hasSameSizeAs(html);
    for (int i = 0; i < html.size(); i++) {
      assertThat(direct.get(i)).as("column start %d", i).isCloseTo(html.get(i), within(0.35));
    }
  }

  /**
   * The DIN invoice's positions table: percentages on four of five {@code <col>}s, automatic layout, collapsed
   * borders, a footer whose cells span four columns; the rest goes to the column without a width.
   */
  @Test
  void percentColumnsOfAnInvoicePrintTheSame() throws Exception {
    String html = "<table class=\"positionen\"><colgroup><col style=\"width:8%\"><col><col style=\"width:12%\">"
        + "<col style=\"width:16%\"><col style=\"width:18%\"></colgroup><thead><tr><th>Pos.</th><th>Bezeichnung</th>"
        + "<th class=\"r\">Menge</th><th class=\"r\">Einzelpreis</th><th class=\"r\">Gesamt</th></tr></thead><tbody>"
        + "{{#each items}}<tr><td>{{pos}}</td><td>{{name}}<br><small>{{sku}}</small></td><td class=\"r\">{{qty}} h</td>"
        + "<td class=\"r\">{{rate}} EUR</td><td class=\"r\">{{amount}} EUR</td></tr>{{/each}}</tbody><tfoot><tr>"
        + "<td colspan=\"4\" class=\"r\">Nettobetrag</td><td class=\"r\">1.234,00 EUR</td></tr></tfoot></table>";
    String css = "body { font-family: sans-serif; font-size: 10pt } table.positionen { width: 100%;"
        + " border-collapse: collapse; font-size: 9pt } table.positionen th { border-bottom: 0.75pt solid #000;"
        + " text-align: left; padding: 1.5mm 1mm } table.positionen td { padding: 1.5mm 1mm;"
        + " border-bottom: 0.25pt solid #999; vertical-align: top } table.positionen small { font-size: 7.5pt }"
        + " table.positionen .r { text-align: right } table.positionen tfoot td { border-bottom: none }";
    StringBuilder items = new StringBuilder();
    for (int i = 1; i <= 30; i++) {
      items.append(i == 1 ? "" : ",").append("{\"pos\":").append(i).append(",\"name\":\"Beratung Phase ").append(i)
          .append("\",\"sku\":\"SKU-").append(1000 + i).append("\",\"qty\":").append(i % 7 + 1)
          .append(",\"rate\":\"95,00\",\"amount\":\"").append((i % 7 + 1) * 95).append(",00\"}");
    }
    RenderInput in = Canvas.input(HtmlCorpus.of(html, css), "{\"items\":[" + items + "]}");
    assertSame("colgroup-invoice", in);
    double menge = HtmlEquivalenceTest.words(HTML.render(in), 0).stream().filter(w -> w.text().equals("Menge"))
        .findFirst().orElseThrow().x();
    double direct = HtmlEquivalenceTest.words(DIRECT.render(in), 0).stream().filter(w -> w.text().equals("Menge"))
        .findFirst().orElseThrow().x();
    assertThat(direct).isCloseTo(menge, within(0.35));
    // the columns are the <col>s' and not the text's: without them Menge starts elsewhere
    RenderInput bare = Canvas.input(HtmlCorpus.of(html.replaceAll("<colgroup>.*</colgroup>", ""), css),
        "{\"items\":[" + items + "]}");
    double unsized = HtmlEquivalenceTest.words(DIRECT.render(bare), 0).stream().filter(w -> w.text().equals("Menge"))
        .findFirst().orElseThrow().x();
    assertThat(Math.abs(unsized - menge)).isGreaterThan(5);
  }

  /**
   * Automatic layout: lengths, the {@code width} attribute (digits are pixels), which wins over the sheets but not
   * over the style attribute, {@code span}, a group's width for its columns without one, a group without columns
   * spanning two, a {@code <col>} straight in the table, a cell's own width over its column's, a percentage's
   * whole percent, more columns than cells, separate borders, a table without a width.
   */
  @Test
  void columnWidthsInAutomaticLayoutPrintTheSame() throws Exception {
    String html = table("<colgroup><col style=\"width:40px\"><col><col style=\"width:60pt\"><col style=\"width:30mm\">"
        + "</colgroup>", "")
        + table("<colgroup><col width=\"40\"><col><col width=\"15%\"><col width=\"80\"></colgroup>", "")
        + table("<colgroup><col width=\"40\" style=\"width:80px\"><col><col width=\"15%\"><col class=\"w\"></colgroup>",
            " class=\"attrs\"")
        + table("<colgroup><col span=\"2\" style=\"width:20%\"><col style=\"width:60px\"><col></colgroup>", "")
        + table("<colgroup style=\"width:15%\"><col><col style=\"width:40%\"></colgroup><colgroup span=\"2\""
            + " style=\"width:70px\"></colgroup>", "")
        + table("<col style=\"width:10%\"><col><col style=\"width:20%\"><col style=\"width:20%\">", "")
        + table("<colgroup><col style=\"width:30%\"><col><col style=\"width:12.5%\"><col style=\"width:33.7%\">"
            + "</colgroup>", "").replace("<th>A</th>", "<th style=\"width:5%\">A</th>")
        + table("<colgroup><col style=\"width:100px\"><col><col style=\"width:12%\"><col style=\"width:16%\"><col"
            + " style=\"width:20%\"></colgroup>", "").replace("<th>A</th>", "<th style=\"width:20px\">A</th>")
        + table(MIXED, " class=\"sep\"") + table(MIXED, " class=\"free\"");
    String css = CSS + " col.w { width: 25% } table.attrs col { width: 50px }"
        + " table.sep { border-collapse: separate; border-spacing: 2pt } table.free { width: auto }";
    RenderInput in = drawnDirectly(html, css);
    // on one page: where a row is cut at a page break the engines clip its borders differently
    assertThat(HtmlEquivalenceTest.texts(HTML.render(in))).hasSize(1);
    assertSameColumns("colgroup-auto", in);
    assertSamePlaces(in, 0x000000);
  }

  /**
   * Fixed layout: a column element's width is the whole column's, padding included, before the first row's cells,
   * which size only columns none has; a spanning {@code <col>} gives each column its width, a group its columns
   * without one theirs.
   */
  @Test
  void columnWidthsInFixedLayoutPrintTheSame() throws Exception {
    String html = table("<colgroup><col style=\"width:10%\"><col><col style=\"width:60px\"><col style=\"width:20%\">"
        + "</colgroup>", "")
        + table("<colgroup><col span=\"2\" style=\"width:15%\"><col><col style=\"width:80px\"></colgroup>", "")
        + table("<colgroup width=\"60\"><col><col style=\"width:30%\"></colgroup>", "")
        + table("<colgroup><col style=\"width:10%\"><col></colgroup>", "")
            .replace("<th>C</th>", "<th style=\"width:50px\">C</th>")
            .replace("<th>A</th>", "<th style=\"width:80px\">A</th>");
    RenderInput in = drawnDirectly(html, CSS + " table { table-layout: fixed }");
    assertSameColumns("colgroup-fixed", in);
    assertSamePlaces(in, 0x000000);
  }

  /** A table with column elements nested in a cell of automatic layout is measured with them. */
  @Test
  void columnWidthsOfANestedTablePrintTheSame() throws Exception {
    String html = "<table><tr><td>Left side text here</td><td>"
        + table("<colgroup><col style=\"width:30pt\"><col><col style=\"width:20%\"></colgroup>", "")
        + "</td></tr></table>";
    String css = CSS.replace("width: 100%;", "") + " table table { width: auto }";
    assertSameColumns("colgroup-nested", drawnDirectly(html, css));
  }

  /**
   * What openhtmltopdf draws from a column element that the direct path does not: its background and border (under
   * and collapsed with its cells'), a column a {@code <col>} adds past the cells in fixed layout, a font-relative
   * width, a span that is not a number.
   */
  @Test
  void columnDecorationsAndOddWidthsStayWithOpenhtmltopdf() {
    assertThat(refusal(table("<colgroup><col style=\"width:10%;background:#eee\"><col></colgroup>", ""), CSS))
        .isEqualTo("a border or background on col");
    assertThat(refusal(table("<colgroup><col style=\"border:2pt solid red\"><col></colgroup>", ""), CSS))
        .isEqualTo("a border or background on col");
    assertThat(refusal(table("<colgroup style=\"background:#eee\"></colgroup>", ""), CSS))
        .isEqualTo("a border or background on colgroup");
    assertThat(refusal(table("<colgroup><col><col><col><col><col style=\"width:20%\"></colgroup>", ""),
        CSS + " table { table-layout: fixed }")).isEqualTo("more <col> columns than cells in a row of table");
    assertThat(refusal(table("<colgroup><col style=\"width:4em\"><col></colgroup>", ""), CSS))
        .isEqualTo("the width '4em' on col");
    assertThat(refusal(table("<colgroup><col span=\"two\"><col></colgroup>", ""), CSS))
        .isEqualTo("the span 'two' on col");
  }

  /**
   * {@code text-decoration} on a block of plain text: openhtmltopdf draws it along each line box, which for text
   * alone is its one run, so it is drawn as an inline element's: a nowrap return address of 7pt in an absolutely
   * placed address field (the DIN window), a wrapped paragraph (one line per line box), centred and right-aligned
   * lines, a heading broken by {@code <br>}, a line-through, a large bold line.
   */
  @Test
  void decoratedBlocksOfTextPrintTheSame() throws Exception {
    String html = "<div class=\"abs\"><div class=\"r\">Lindqvist &amp; Partner GmbH · Hafenstraße 12 · 20457 Hamburg"
        + "</div><div>Max Mustermann</div></div><div class=\"gap\"></div>"
        + "<div class=\"u\">A plain underlined block line</div>"
        + "<p class=\"u wrap\">An underlined paragraph that is long enough to wrap over more than one line in this"
        + " narrow box, to see each line box get its own underline drawn.</p>"
        + "<div class=\"u c\">Centred underlined text</div><div class=\"u rt\">Right-aligned underlined text</div>"
        + "<h2 class=\"u\">A heading<br>with a break</h2><div class=\"s\">Struck block text here</div>"
        + "<div class=\"u big\">Large underlined text gyp</div>";
    String css = "body { font-family: sans-serif; font-size: 10pt; margin: 0 }"
        + " .abs { position: absolute; top: 0; left: 0; width: 85mm; height: 45mm; padding-top: 17.7mm }"
        + " .r { font-size: 7pt; text-decoration: underline; margin-bottom: 2mm; white-space: nowrap; color: #303030 }"
        + " .gap { height: 50mm } .u { text-decoration: underline } .wrap { width: 60mm; line-height: 1.35;"
        + " color: #204080 } .c { text-align: center } .rt { text-align: right }"
        + " .s { text-decoration: line-through; color: #800000 } .big { font-size: 18pt; font-weight: bold }";
    RenderInput in = drawnDirectly(html, css);
    assertSame("decorated-blocks", in);
    assertSamePlaces(in, 0x303030, 0x204080, 0x800000);
    assertThat(fills(DIRECT.render(in), 0x204080)).as("one underline per line of the paragraph").hasSizeGreaterThan(2);
  }

  /**
   * A block decoration openhtmltopdf draws along a line box holding more than the block's own text, or a justified
   * one, stays there.
   */
  @Test
  void decoratedBlocksWithMoreThanTextStayWithOpenhtmltopdf() {
    assertThat(refusal("<div class=\"u\">a <b>bold</b> word</div>", ".u { text-decoration: underline }"))
        .startsWith("CSS text-decoration on a block");
    assertThat(refusal("<p class=\"u\">justified</p>", ".u { text-decoration: underline; text-align: justify }"))
        .startsWith("CSS text-decoration on a block");
    assertThat(refusal("<div class=\"u\"><div>inner</div></div>", ".u { text-decoration: underline }"))
        .startsWith("CSS text-decoration on a block");
  }

  /**
   * Double borders with collapsed borders, painted on each cell's collapsed sides as openhtmltopdf's BorderPainter
   * paints a box's (two bands of a third each): the invoice's total under a double rule and a solid one above, a
   * cell's double top and bottom, double left and right sides, a wide double box meeting thinner solid ones, a grid of
   * double cells meeting each other.
   */
  @Test
  void collapsedDoubleBordersPrintTheSame() throws Exception {
    String html = "<table class=\"a\"><tr><th>Head</th><th>Second</th><th>Third</th></tr>"
        + "<tr><td>one</td><td class=\"d\">two</td><td>three</td></tr>"
        + "<tr><td>four</td><td>five</td><td class=\"v\">six</td></tr>"
        + "<tr class=\"sum\"><td>seven</td><td>eight</td><td>nine</td></tr></table>"
        + "<table class=\"b\"><tr><td>x</td><td>y</td></tr><tr><td class=\"w\">wide double</td><td>z</td></tr></table>"
        + "<table class=\"c\"><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>";
    String css = "body { font-family: sans-serif; font-size: 10pt }"
        + " table { border-collapse: collapse; width: 100%; margin-bottom: 10pt }"
        + " td, th { border-bottom: 0.5pt solid #999; padding: 4pt }"
        + " td.d { border-bottom: 3pt double #c00000; border-top: 1.5pt double #0000c0 }"
        + " td.v { border-left: 4pt double #008000; border-right: 2pt double #000 }"
        + " tr.sum td { border-top: 0.75pt solid #000; border-bottom: 2.25pt double #000 }"
        + " table.b td { border: 1pt solid #444 } table.b td.w { border: 6pt double #884400 }"
        + " table.c td { border: 3px double #206020 }";
    RenderInput in = drawnDirectly(html, css);
    assertSame("collapsed-double", in);
    assertSamePlaces(in, 0xc00000, 0x0000c0, 0x008000, 0x000000, 0x884400, 0x444444, 0x206020);
    // two bands for the total's rule
    assertThat(fills(DIRECT.render(in), 0x000000).stream().filter(f -> f.bottom() - f.top() < 1)).hasSizeGreaterThan(5);
  }

  /** Where a double border meets another style as wide, which one openhtmltopdf draws is not measured. */
  @Test
  void collapsedDoubleBordersMeetingAnotherStyleAsWideStayWithOpenhtmltopdf() {
    assertThat(refusal("<table><tr><td class=\"a\">a</td></tr><tr><td class=\"b\">b</td></tr></table>",
        "table { border-collapse: collapse } td.a { border-bottom: 3pt double #000 }"
            + " td.b { border-top: 3pt solid #000 }"))
        .isEqualTo("a double border meeting another style as wide, with collapsed borders");
    assertThat(refusal("<table><tr class=\"r\"><td>a</td></tr></table>",
        "table { border-collapse: collapse } tr.r { border-bottom: 3pt double #000 }"))
        .startsWith("a double border with collapsed borders");
  }

  /**
   * {@code hyphens: auto}: openhtmltopdf breaks no word for it without a Hyphenator, which the HTML engine is not
   * given, so a justified German paragraph of long compounds prints as without it, in both engines.
   */
  @Test
  void hyphensChangeNothing() throws Exception {
    String html = "<p>Für unsere Leistungen erlauben wir uns, Ihnen folgende Positionen in Rechnung zu stellen:"
        + " Donaudampfschifffahrtsgesellschaftskapitänsmütze, Rechtsschutzversicherungsgesellschaften,"
        + " Geschwindigkeitsbegrenzung und Arbeitsunfähigkeitsbescheinigung.</p>";
    String css = "body { font-family: sans-serif; font-size: 10pt } p { width: 70mm; line-height: 1.35;"
        + " text-align: justify }";
    RenderInput in = drawnDirectly(html, css + " p { hyphens: auto }");
    assertSame("hyphens-auto", in);
    RenderInput without = drawnDirectly(html, css);
    assertThat(HtmlEquivalenceTest.words(HTML.render(in), 0))
        .isEqualTo(HtmlEquivalenceTest.words(HTML.render(without), 0));
    assertThat(HtmlEquivalenceTest.words(DIRECT.render(in), 0))
        .isEqualTo(HtmlEquivalenceTest.words(DIRECT.render(without), 0));
  }

  /** A filled path on the first page: its bounds in points from the top-left corner, and its colour as 0xrrggbb. */
  private record Fill(double left, double top, double right, double bottom, int rgb) {
    boolean near(Fill o) {
      return rgb == o.rgb && Math.abs(left - o.left) < 0.5 && Math.abs(top - o.top) < 0.5
          && Math.abs(right - o.right) < 0.5 && Math.abs(bottom - o.bottom) < 0.5;
    }
  }

  /** The first page's filled paths in {@code rgb}: rules, borders and underlines (text is not a path). */
  private static List<Fill> fills(byte[] pdf, int rgb) throws Exception {
    List<Fill> out = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      double height = doc.getPage(0).getMediaBox().getHeight();
      new PDFGraphicsStreamEngine(doc.getPage(0)) {
        private GeneralPath path = new GeneralPath();

        @Override public void appendRectangle(Point2D a, Point2D b, Point2D c, Point2D d) {
          path.moveTo(a.getX(), a.getY());
          path.lineTo(b.getX(), b.getY());
          path.lineTo(c.getX(), c.getY());
          path.lineTo(d.getX(), d.getY());
          path.closePath();
        }

        @Override public void fillPath(int windingRule) throws java.io.IOException {
          Rectangle2D r = path.getBounds2D();
          float[] c = getGraphicsState().getNonStrokingColor().getComponents();
          int colour = c.length < 3 ? -1
              : Math.round(c[0] * 255) << 16 | Math.round(c[1] * 255) << 8 | Math.round(c[2] * 255);
          if (colour == rgb) {
            out.add(new Fill(r.getMinX(), height - r.getMaxY(), r.getMaxX(), height - r.getMinY(), colour));
          }
          path = new GeneralPath();
        }

        @Override public void moveTo(float x, float y) {
          path.moveTo(x, y);
        }

        @Override public void lineTo(float x, float y) {
          path.lineTo(x, y);
        }

        @Override public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
          path.curveTo(x1, y1, x2, y2, x3, y3);
        }

        @Override public Point2D getCurrentPoint() {
          return path.getCurrentPoint();
        }

        @Override public void closePath() {
          path.closePath();
        }

        @Override public void endPath() {
          path = new GeneralPath();
        }

        @Override public void clip(int windingRule) {}

        @Override public void strokePath() {
          path = new GeneralPath();
        }

        @Override public void fillAndStrokePath(int windingRule) {
          path = new GeneralPath();
        }

        @Override public void shadingFill(org.apache.pdfbox.cos.COSName name) {}

        @Override public void drawImage(org.apache.pdfbox.pdmodel.graphics.image.PDImage image) {}

        void run() throws java.io.IOException {
          processPage(getPage());
        }
      }.run();
    }
    return out;
  }

  /** Both engines fill the same places in each of {@code colours} on the first page, and at least one. */
  private static void assertSamePlaces(RenderInput in, int... colours) throws Exception {
    byte[] html = HTML.render(in);
    byte[] direct = DIRECT.render(in);
    for (int rgb : colours) {
      List<Fill> a = fills(html, rgb);
      List<Fill> b = fills(direct, rgb);
      assertThat(a).as("openhtmltopdf's fills in %06x", rgb).isNotEmpty();
      for (Fill f : a) assertThat(b).as("a fill in %06x where openhtmltopdf has %s", rgb, f).anyMatch(f::near);
      for (Fill f : b) {
        assertThat(a).as("openhtmltopdf fills in %06x where the direct engine has %s", rgb, f).anyMatch(f::near);
      }
    }
  }
}
