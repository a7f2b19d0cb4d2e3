package dev.platen.render.direct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import dev.platen.testing.Golden;
import dev.platen.testing.Pdfs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTML corpus (an invoice, a 1,000-row statement, a letter, a certificate, and an invoice and a 1,000-row
 * statement whose tables size their columns by their text) is drawn by the direct engine, and prints as the HTML
 * engine prints it: the same text on the same pages, and every page image within 1%.
 */
class HtmlEquivalenceTest {
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());
  private static final double PIXEL_TOLERANCE = 0.01;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"invoice", "statement", "letter", "certificate", "invoice-auto", "statement-auto",
      "invoice-modern"})
  void theCorpusIsDrawnDirectlyAndPrintsTheSame(String name) throws Exception {
    assertSame(name, HtmlCorpus.input(name));
  }

  /** The layout's own @page rule sets paper and margins over pageConfig, in both engines. */
  @Test
  void aPageRuleInTheCssSetsThePage() throws Exception {
    tools.jackson.databind.node.ObjectNode layout = (tools.jackson.databind.node.ObjectNode) HtmlCorpus.layout("letter");
    layout.put("css", layout.path("css").asString() + "\n@page { size: A5 landscape; margin: 12mm 15mm 18mm; }");
    RenderInput input = dev.platen.render.Canvas.input(layout, HtmlCorpus.data("letter"));
    assertSame("letter-a5", input);
    org.apache.pdfbox.pdmodel.common.PDRectangle box = Pdfs.mediaBox(DIRECT.render(input), 0);
    assertThat(box.getWidth()).isCloseTo(595.3f, org.assertj.core.data.Offset.offset(0.5f));
    assertThat(box.getHeight()).isCloseTo(419.5f, org.assertj.core.data.Offset.offset(0.5f));
  }

  /**
   * Collapsed borders under the rows print as separate ones, but for the half border below the table; where
   * borders would meet (the invoice's total row has a top border) the template goes to the HTML engine.
   */
  @Test
  void collapsedBordersUnderTheRowsPrintTheSame() throws Exception {
    assertSame("statement-collapsed", HtmlCorpus.input("statement", collapsed(HtmlCorpus.layout("statement"))));
    JsonNode invoice = collapsed(HtmlCorpus.layout("invoice"));
    assertThat(Plan.of(invoice, null).refusal()).isEqualTo(
        "border-collapse: collapse with side borders, or top borders below the first row, on td");
  }

  /** Automatic table layout with percentage widths and one free column gives the columns fixed layout gives. */
  @Test
  void automaticTableLayoutWithPercentagesPrintsTheSame() throws Exception {
    ObjectNode statement = (ObjectNode) HtmlCorpus.layout("statement").deepCopy();
    String css = statement.path("css").asString().replace("table-layout: fixed;", "");
    assertThat(css).doesNotContain("fixed");
    statement.put("css", css);
    assertSame("statement-auto", HtmlCorpus.input("statement", statement));
  }

  /**
   * The modern invoice's structural pseudo-classes and box-sizing, made dark enough to show at the comparison's
   * threshold: zebra rows ({@code :nth-child(even)}), a first column ({@code :first-child}), a heavy border under
   * the last row ({@code :last-child}) and a border-box block whose padding would widen it under content-box.
   */
  @Test
  void structuralPseudoClassesAndBorderBoxPrintTheSame() throws Exception {
    ObjectNode modern = (ObjectNode) HtmlCorpus.layout("invoice-modern").deepCopy();
    String css = modern.path("css").asString();
    assertThat(css).contains("tr:nth-child(even) td", "tr:last-child td", "td:first-child", "box-sizing: border-box");
    modern.put("css", css + """
        table.items tbody tr:nth-child(even) td { background-color: #56698f; }
        table.items td:first-child { background-color: #333333; color: white; }
        table.items tr:last-child td { border-bottom: 12px solid #000000; }
        table.items tr:nth-child(3n+1) td.num { background-color: #222222; }
        .bill-to { padding: 8px 160px 8px 10px; background-color: #56698f; }
        """);
    assertSame("invoice-modern-dark", HtmlCorpus.input("invoice-modern", modern));
  }

  /**
   * A block with a width centred by auto side margins, side margins in percent of the containing block, a block
   * narrowed by max-width and a declaration won by {@code !important} over a more specific rule.
   */
  @Test
  void autoAndPercentMarginsMaxWidthAndImportantPrintTheSame() throws Exception {
    ObjectNode modern = (ObjectNode) HtmlCorpus.layout("invoice-modern").deepCopy();
    modern.put("css", modern.path("css").asString() + """
        .bill-to { width: 60%; margin: 0 auto 16px auto; background-color: #56698f; }
        .brand { max-width: 45%; background-color: #56698f; }
        .footer { margin-left: 12.5%; margin-right: 20%; background-color: #56698f; }
        .totals .row.grand { background-color: white; }
        .grand { background-color: #222222 !important; color: white; }
        """);
    assertSame("invoice-modern-margins", HtmlCorpus.input("invoice-modern", modern));
  }

  /**
   * A page that opens with a heading keeps the heading's top margin, as openhtmltopdf keeps it (only margins after
   * a page break are dropped), and the font shorthand with a line height sets size, weight, line height and family.
   */
  @Test
  void aLeadingHeadingAndTheFontShorthandPrintTheSame() throws Exception {
    ObjectNode modern = (ObjectNode) HtmlCorpus.layout("invoice-modern").deepCopy();
    String html = modern.path("html").asString().replace("<body>\n", "<body>\n<h1>Invoice {{invoice.number}}</h1>\n");
    assertThat(html).contains("<h1>");
    modern.put("html", html);
    modern.put("css", modern.path("css").asString().replace("body { font-family: \"Helvetica Neue\", Helvetica, Arial,"
        + " sans-serif; font-size: 10pt; color: #333; }", "body { font: 10pt/1.4 \"Helvetica Neue\", Helvetica, Arial,"
        + " sans-serif; color: #333; }\nh1 { font: bold 24pt/1.2 sans-serif; margin: 24pt 0 8pt; }"));
    assertThat(modern.path("css").asString()).contains("font: 10pt/1.4");
    assertSame("invoice-modern-font", HtmlCorpus.input("invoice-modern", modern));
  }

  /** Links without their underline: openhtmltopdf's blue, inline with the text; the target changes nothing drawn. */
  @Test
  void linksWithoutUnderlinePrintTheSame() throws Exception {
    ObjectNode letter = (ObjectNode) HtmlCorpus.layout("letter").deepCopy();
    String html = letter.path("html").asString().replace("<p class=\"cc\">Copy: project file 2026-RB-17</p>",
        "<p class=\"cc\">Copy: project file <a href=\"https://files.example/{{date}}?ref=2026-RB-17\">2026-RB-17</a>, terms at"
            + " <a class=\"terms\" href=\"https://example.com/terms\">example.com/terms</a> and <a>no target</a></p>");
    assertThat(html).contains("<a href");
    letter.put("html", html);
    letter.put("css", letter.path("css").asString() + "\na { text-decoration: none; } a.terms { color: #7a1f1f; }");
    RenderInput input = HtmlCorpus.input("letter", letter);
    assertSame("letter-links", input);
    // clickable in both engines: openhtmltopdf's link annotations, and the direct engine's (neither for an href
    // that is no URI, such as one with a space)
    assertThat(links(DIRECT.render(input))).containsExactly("https://files.example/2026-06-05?ref=2026-RB-17",
        "https://example.com/terms");
    assertThat(links(HTML.render(input))).containsExactlyElementsOf(links(DIRECT.render(input)));
  }

  private static List<String> links(byte[] pdf) throws IOException {
    List<String> uris = new java.util.ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      for (org.apache.pdfbox.pdmodel.PDPage page : doc.getPages()) {
        for (var a : page.getAnnotations()) {
          if (a instanceof org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink l
              && l.getAction() instanceof org.apache.pdfbox.pdmodel.interactive.action.PDActionURI u) {
            uris.add(u.getURI());
          }
        }
      }
    }
    return uris;
  }

  /** bench/Load.java's HTML invoice, an unsized three-column table in automatic layout, with its data. */
  @Test
  void theBenchInvoicePrintsTheSame() throws Exception {
    JsonNode layout = dev.platen.render.Canvas.JSON.readTree(HtmlCorpus.benchTemplate()).path("layout");
    StringBuilder items = new StringBuilder();
    for (int row = 1; row <= 10; row++) {
      items.append(row == 1 ? "" : ",").append("{\"description\":\"Item ").append(row).append(" of render 42\",")
          .append("\"quantity\":").append(row).append(",\"amount\":").append(row * 12.5 + 3).append('}');
    }
    assertSame("bench-invoice", dev.platen.render.Canvas.input(layout, "{\"customer\":{\"name\":\"Customer 42\"},"
        + "\"invoice\":{\"number\":\"B-1000042\",\"date\":\"2026-06-05\",\"total\":718.75},\"paid\":true,"
        + "\"items\":[" + items + "]}"));
  }

  private static JsonNode collapsed(JsonNode layout) {
    ObjectNode copy = (ObjectNode) layout.deepCopy();
    String css = copy.path("css").asString().replace("border-spacing: 0;", "border-collapse: collapse;");
    assertThat(css).contains("collapse");
    copy.put("css", css);
    return copy;
  }

  private static void assertSame(String name, RenderInput input) throws Exception {
    Plan plan = Plan.of(input.layout(), input.page());
    assertThat(plan.refusal()).as("why %s is not drawn directly", name).isNull();
    byte[] html = HTML.render(input);
    byte[] direct = DIRECT.render(input);

    // by position: openhtmltopdf draws a line's bold and coloured runs after its plain text
    List<String> htmlPages = texts(html);
    List<String> directPages = texts(direct);
    assertThat(directPages).as("page count").hasSameSizeAs(htmlPages);
    for (int i = 0; i < htmlPages.size(); i++) {
      assertThat(directPages.get(i)).as("text of page %d", i + 1).isEqualTo(htmlPages.get(i));
    }
    // every page of the short documents; the statement's first, second and last
    int n = htmlPages.size();
    for (int i : n <= 4 ? java.util.stream.IntStream.range(0, n).toArray() : new int[] {0, 1, n - 1}) {
      BufferedImage a = page(html, i);
      BufferedImage b = page(direct, i);
      double difference = Golden.difference(a, b);
      if (difference >= PIXEL_TOLERANCE) {
        // kept for a look when the engines part: target/html-equivalence/<name>-<page>-{html,direct}.png
        java.nio.file.Path dir = java.nio.file.Path.of("target/html-equivalence");
        java.nio.file.Files.createDirectories(dir);
        javax.imageio.ImageIO.write(a, "png", dir.resolve(name + "-" + (i + 1) + "-html.png").toFile());
        javax.imageio.ImageIO.write(b, "png", dir.resolve(name + "-" + (i + 1) + "-direct.png").toFile());
      }
      assertThat(difference).as("share of differing pixels on page %d", i + 1).isLessThan(PIXEL_TOLERANCE);
    }
    if (name.startsWith("statement")) assertThat(n).isGreaterThan(20);
  }

  static List<String> texts(byte[] pdf) {
    return Pdfs.pageTexts(pdf, true).stream().map(t -> t.replaceAll("\\s+", "")).toList();
  }

  static BufferedImage page(byte[] pdf, int index) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFRenderer(doc).renderImageWithDPI(index, 50, ImageType.GRAY);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
