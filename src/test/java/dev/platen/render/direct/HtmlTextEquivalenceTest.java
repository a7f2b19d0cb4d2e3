package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Text-level constructs of real invoices and statements, drawn directly and printed as openhtmltopdf prints them
 * (text per page, page breaks, page images within 1% and every word's start, as {@link HtmlEquivalenceTest}
 * compares): letter spacing on upper-case labels and headings, underlines and lines through. Colours are dark:
 * the image comparison does not see light grey, and the lines' colours are compared apart.
 */
class HtmlTextEquivalenceTest {
  private static ObjectNode layout(String html, String css) {
    return HtmlCorpus.of(html, css);
  }

  private static ObjectNode corpus(String name, String from, String to, String extraCss) {
    return HtmlCorpus.edited(name, from, to, extraCss);
  }

  /**
   * An invoice as templates write it: letter-spaced upper-case table heads and labels (em of their own size), a
   * spaced title right-aligned, a name drawn tighter, and a fixed-layout table whose heads are right-aligned.
   */
  @Test
  void letterSpacingInAnInvoicePrintsTheSame() throws Exception {
    // "Unit price", spaced, wraps in its cell in both engines; the text extraction then orders that cell's two
    // lines against its neighbours' one by hair-breadth differences in glyph height: one word keeps the order plain
    ObjectNode invoice = corpus("invoice-modern", "<th class=\"num\">Unit price</th>", "<th class=\"num\">Price</th>",
        "table.items th { letter-spacing: .05em; } .label { letter-spacing: 0.08em; }"
            + " .meta .title { letter-spacing: 2px; } .brand .name { letter-spacing: -0.5px; }"
            + " .footer p { letter-spacing: 0.3pt; }");
    assertSame("invoice-letter-spacing", HtmlCorpus.input("invoice-modern", invoice));
  }

  /**
   * The usual table head of an automatic-layout invoice and statement, upper case and letter-spaced: openhtmltopdf
   * sizes the columns by the heads without their spacing and draws them with it.
   */
  @Test
  void letterSpacedHeadsOfTablesWithAutomaticLayoutPrintTheSame() throws Exception {
    assertSame("invoice-auto-spaced-heads", HtmlCorpus.input("invoice-auto", corpus("invoice-auto", "<table",
        "<table", SPACED_HEADS)));
  }

  private static final String SPACED_HEADS =
      "table th { text-transform: uppercase; letter-spacing: .05em; font-size: 8pt; color: #000; }";

  /** The same heads over a statement's pages, the header repeated on each. */
  @Test
  @Tag("slow") // two engines over two pages of a statement: some 8 s on a busy machine
  void letterSpacedHeadsOfAStatementPrintTheSame() throws Exception {
    ObjectNode statement = corpus("statement-auto", "<table", "<table", SPACED_HEADS);
    // the first 60 rows: two pages, the header repeated; the 1,000 are for the slow suite
    RenderInput input = HtmlCorpus.input("statement", statement);
    ObjectNode data = (ObjectNode) input.data().deepCopy();
    tools.jackson.databind.node.ArrayNode rows = (tools.jackson.databind.node.ArrayNode) data.path("transactions");
    assertThat(rows.size()).isGreaterThan(60);
    while (rows.size() > 60) rows.remove(rows.size() - 1);
    assertSame("auto-statement-spaced-heads", new RenderInput(input.layout(), data, input.page(), input.title(),
        input.documentDate(), input.watermark()));
  }

  /**
   * Letter spacing where lines break and align: a long spaced paragraph wrapping at the same words, centred and
   * right-aligned lines, spacing inherited as a length (a child of another size keeps its parent's), spacing
   * changed inside a line, and tables sized by their text, whose letter-spaced heads openhtmltopdf measures
   * without their spacing (a spaced head then wraps in its column).
   */
  @Test
  void letterSpacingWhereLinesBreakAndAlign() throws Exception {
    String text = "Payment is due within thirty days of the invoice date. Please quote the invoice number with"
        + " your transfer so that it can be matched to this account without delay.";
    String html = "<h1 class=\"t\">Statement of account</h1>"
        + "<p class=\"w\">" + text + " " + text + "</p>"
        + "<p class=\"c\">Centred and spaced <span class=\"big\">larger words</span> after</p>"
        + "<p class=\"r\">RIGHT ALIGNED <b class=\"wide\">AND WIDER</b> THEN NOT</p>"
        + "<table class=\"t\"><tr><th>Invoice date</th><th>Amount due</th></tr>"
        + "<tr><td>5 June 2026</td><td>1,234.50 EUR</td></tr></table>"
        + "<table class=\"f\"><tr><th>Description of the service</th><th class=\"n\">Amount</th></tr>"
        + "<tr><td>" + text + "</td><td class=\"n\">1,234,567.50 EUR</td></tr></table>";
    String css = "body { color: #000; } h1.t { letter-spacing: 3px; text-align: center; }"
        + " p.w { letter-spacing: 1.5px; } p.c { text-align: center; letter-spacing: 0.1em; font-size: 12pt; }"
        + " .big { font-size: 16pt; } p.r { text-align: right; letter-spacing: 1px; } .wide { letter-spacing: 4px; }"
        + " table.t { border-collapse: collapse; } table.t th, table.t td { border: 1px solid #000; padding: 2pt 6pt; }"
        // cells top-aligned: a one-line cell centred beside a three-line one sits half-way between two lines,
        // where the text extraction's order of the two engines parts on a hair's breadth
        + " th, td { vertical-align: top; }"
        + " table.t th { text-transform: uppercase; letter-spacing: .1em; text-align: left; }"
        + " table.f { width: 100%; border-collapse: collapse; } table.f th { text-transform: uppercase;"
        + " letter-spacing: 2px; text-align: left; } table.f th, table.f td { border: 1px solid #000; padding: 4px; }"
        + " .n { text-align: right; }";
    assertSame("letter-spacing-lines", Canvas.input(layout(html, css), "{}"));
  }

  /**
   * Underlines and lines through as openhtmltopdf draws them: a link's default underline (in its colour), one that
   * wraps onto a second line, {@code <u>}, {@code <ins>}, {@code <s>}, {@code <del>} and {@code <strike>},
   * text-decoration on spans (both lines at once), bold and larger decorated text, a decoration over a child of
   * another colour (the line keeps the element's) and over letter-spaced text; and {@code <code>} and {@code <kbd>}
   * in a bundled family the template gives them.
   */
  @Test
  void underlinesAndLinesThroughPrintTheSame() throws Exception {
    String html = "<p>Pay online at <a href=\"https://pay.example.com/invoice/2026-001\">our payment page</a> or by"
        + " transfer; <u>underlined</u>, <ins>inserted</ins>, <s>struck</s>, <del>deleted 12.00</del> and"
        + " <strike>old</strike> text.</p>"
        + "<p class=\"narrow\">Questions? <a href=\"mailto:billing@example.com\">Write to our billing team, who answer"
        + " within two working days of your message</a> and quote the number.</p>"
        + "<p class=\"big\"><b>Total <u>1,234.50 EUR</u></b> instead of <span class=\"both\">1,400.00 EUR</span></p>"
        + "<p><a href=\"https://example.com\" class=\"dark\">a link with <b class=\"red\">red bold</b> inside</a>,"
        + " <span class=\"spaced\">SPACED AND UNDERLINED</span> and <del class=\"green\">green</del>.</p>"
        + "<p>Quote <code>INV-2026-0142</code> or press <kbd>Ctrl</kbd>: code in a bundled family the template gives it.</p>";
    String css = "body { color: #000; } a { color: #0000c0; } .narrow { width: 60%; } .big { font-size: 14pt; }"
        + " .both { text-decoration: underline line-through; color: #800000; } .dark { color: #003000; }"
        + " .red { color: #c00000; } .spaced { text-decoration: underline; letter-spacing: .1em; }"
        + " .green { color: #006000; } code, kbd { font-family: 'DejaVu Sans', sans-serif; font-weight: bold; }";
    RenderInput input = Canvas.input(layout(html, css), "{}");
    assertSame("decorations", input);
    // lines of a pixel or two: their colours are compared apart from the page images
    assertThat(HtmlEquivalenceTest.fillColours(new DirectPdfEngine(EngineSettings.defaults()).render(input)))
        .isEqualTo(HtmlEquivalenceTest.fillColours(new HtmlPdfEngine(EngineSettings.defaults()).render(input)));
  }

  /**
   * Justified text as openhtmltopdf justifies it: a two-page letter's paragraphs (bold numbers and coloured words
   * inside them), each line but the last spread to its box, a fifth of the room between letters and four fifths
   * in the spaces; lines a {@code <br>} ends and letter-spaced paragraphs stay as they are.
   */
  @Test
  void justifiedTextPrintsTheSame() throws Exception {
    ObjectNode letter = corpus("letter", "<p class=\"cc\">", "<p class=\"j\">Payment terms: thirty days net from the"
        + " date of the invoice,<br>without deduction, to the account given on the letterhead above and quoting the"
        + " invoice number in full.</p><p class=\"j spaced\">Letter-spaced text is not justified by openhtmltopdf,"
        + " however long its lines are, and it keeps its own spacing on every line it fills.</p><p class=\"cc\">",
        "p, .enclosure p { text-align: justify; } .j { color: #000; } .spaced { letter-spacing: 0.5px; }");
    assertSame("letter-justified", HtmlCorpus.input("letter", letter));
  }

  /** Where each decoration line is, to the dot: one rectangle per line of text, at the same place in both engines. */
  @Test
  void decorationLinesLieWhereOpenhtmltopdfDrawsThem() throws Exception {
    StringBuilder html = new StringBuilder();
    for (String size : new String[] {"7pt", "9pt", "10pt", "12pt", "18pt", "28pt"}) {
      html.append("<p style=\"font-size: ").append(size).append("\">x <u>under</u> <s>through</s>")
          .append(" <b><u>bold</u> <s>bold through</s></b></p>");
    }
    // decorated elements across line breaks, the space they break at theirs or not, and at a paragraph's end
    html.append("<p style=\"width: 50%\">Questions? <a href=\"mailto:billing@example.com\">Write to our billing team,")
        .append(" who answer within two working days</a> <u>and quote</u> the <s>number on the invoice you")
        .append(" received from us</s> as <u>the reference </u></p>");
    RenderInput input = Canvas.input(layout(html.toString(), "body { color: #000; }"), "{}");
    List<double[]> a = rects(new HtmlPdfEngine(EngineSettings.defaults()).render(input));
    List<double[]> b = rects(new DirectPdfEngine(EngineSettings.defaults()).render(input));
    // six sizes of four lines (the 28pt bold line through wraps onto a second line), and the wrapping paragraph
    assertThat(b).hasSameSizeAs(a).hasSize(30);
    for (int i = 0; i < a.size(); i++) {
      // thickness to PDF rounding; top within the drift of the text's own baselines down the page (0.12 pt
      // here, 3 dots), left and width within the text's own drift along the line
      assertThat(b.get(i)[1]).as("top of line %d", i).isCloseTo(a.get(i)[1], org.assertj.core.data.Offset.offset(0.2));
      assertThat(b.get(i)[3]).as("thickness of line %d", i).isCloseTo(a.get(i)[3], org.assertj.core.data.Offset.offset(0.01));
      assertThat(b.get(i)[0]).as("left of line %d", i).isCloseTo(a.get(i)[0], org.assertj.core.data.Offset.offset(1.0));
      assertThat(b.get(i)[2]).as("width of line %d", i).isCloseTo(a.get(i)[2], org.assertj.core.data.Offset.offset(1.0));
    }
  }

  /** The filled rectangles of the first page's body ({x, top, w, h} in points), top to bottom, left to right. */
  private static List<double[]> rects(byte[] pdf) throws java.io.IOException {
    List<double[]> out = new java.util.ArrayList<>();
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      org.apache.pdfbox.pdmodel.PDPage page = doc.getPage(0);
      float height = page.getMediaBox().getHeight();
      org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine engine = new org.apache.pdfbox.contentstream
          .PDFGraphicsStreamEngine(page) {
        private final java.awt.geom.GeneralPath path = new java.awt.geom.GeneralPath();
        @Override public void appendRectangle(java.awt.geom.Point2D p0, java.awt.geom.Point2D p1,
            java.awt.geom.Point2D p2, java.awt.geom.Point2D p3) {
          path.moveTo(p0.getX(), p0.getY());
          path.lineTo(p1.getX(), p1.getY());
          path.lineTo(p2.getX(), p2.getY());
          path.lineTo(p3.getX(), p3.getY());
          path.closePath();
        }
        @Override public void moveTo(float x, float y) { path.moveTo(x, y); }
        @Override public void lineTo(float x, float y) { path.lineTo(x, y); }
        @Override public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
          path.curveTo(x1, y1, x2, y2, x3, y3);
        }
        @Override public java.awt.geom.Point2D getCurrentPoint() { return path.getCurrentPoint(); }
        @Override public void closePath() { path.closePath(); }
        @Override public void endPath() { path.reset(); }
        @Override public void fillPath(int windingRule) {
          java.awt.geom.Rectangle2D r = path.getBounds2D();
          // the page's text area: the footer's rules and the clip are not decorations
          if (r.getHeight() < 3 && r.getMaxY() < height - 60 && r.getY() > 60) {
            out.add(new double[] {r.getX(), height - r.getMaxY(), r.getWidth(), r.getHeight()});
          }
          path.reset();
        }
        @Override public void strokePath() { path.reset(); }
        @Override public void fillAndStrokePath(int windingRule) { fillPath(windingRule); }
        @Override public void shadingFill(org.apache.pdfbox.cos.COSName name) {}
        @Override public void clip(int windingRule) {}
        @Override public void drawImage(org.apache.pdfbox.pdmodel.graphics.image.PDImage image) {}
      };
      engine.processPage(page);
    }
    out.sort(java.util.Comparator.comparingDouble((double[] r) -> Math.round(r[1] / 4)).thenComparingDouble(r -> r[0]));
    return out;
  }

  /** The constructs are drawn directly now. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "<h1>Invoice</h1>|h1 { letter-spacing: 2px; text-transform: uppercase; }",
      "<table><tr><th>Qty</th></tr></table>|table { border-spacing: 0; } th { text-transform: uppercase; letter-spacing: .05em; }",
      "<p>Pay at <a href=\"https://example.com\">example.com</a></p>|",
      "<p><u>a</u> <s>b</s> <del>c</del> <ins>d</ins> <strike>e</strike></p>|",
      "<p><span class=\"x\">old</span></p>|.x { text-decoration: line-through; letter-spacing: -0.5px; }",
      "<p>Terms of payment</p>|p { text-align: justify; }",
      "<p>Quote <code>INV-1</code></p>|code { font-family: Menlo, monospace; font-family: 'DejaVu Sans', sans-serif; }"})
  void textConstructsAreDrawnDirectly(String html, String css) {
    assertThat(RoutingPdfEngine.choose(layout(html, css == null ? "" : css), PageSetup.DEFAULT).reason()).isNull();
  }

  /** What stays with openhtmltopdf is named. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "<p class=\"x\">a <b>b</b></p>|.x { text-decoration: underline; }|CSS text-decoration on a block (only inline elements', such as <u>) on p.x",
      "<p><span class=\"x\">a</span></p>|.x { text-decoration: overline; }|CSS text-decoration 'overline' on span.x",
      "<p class=\"x\">a</p>|.x { letter-spacing: 1rem; }|CSS value '1rem' for 'letter-spacing' on p.x",
      "<ol><li class=\"x\">a</li></ol>|.x { letter-spacing: 1px; }|letter-spacing on a numbered list item",
      "<p>Quote <code>INV-1</code></p>|code { font-family: initial; }|CSS value 'initial' for 'font-family' on code"})
  void textConstructsNotMatchedKeepAReason(String html, String css, String reason) {
    assertThat(RoutingPdfEngine.choose(layout(html, css == null ? "" : css), PageSetup.DEFAULT).reason())
        .isEqualTo(reason);
  }

  /** Underlined text of another size inside the underlined element is named when a document meets it. */
  @Test
  void aSizeChangeInsideUnderlinedTextGoesToOpenhtmltopdf() throws Exception {
    RenderInput input = Canvas.input(layout("<p><u>big <small>small</small></u></p>", ""), "{}");
    assertThat(RoutingPdfEngine.choose(input.layout(), PageSetup.DEFAULT).reason()).isNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DirectPdfEngine(EngineSettings.defaults()).render(input))
        .hasMessageContaining("a font size changed inside underlined or struck-out text");
  }
}
