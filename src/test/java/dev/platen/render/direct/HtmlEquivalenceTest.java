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
 * The HTML corpus (an invoice, a 1,000-row statement, a letter, a certificate, an invoice and a 1,000-row
 * statement whose tables size their columns by their text, and an invoice and a 1,000-row statement in grid
 * tables with footers) is drawn by the direct engine, and prints as the HTML
 * engine prints it: the same text on the same pages, and every page image within 1%.
 */
class HtmlEquivalenceTest {
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());
  private static final double PIXEL_TOLERANCE = 0.01;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"invoice", "statement", "letter", "certificate", "invoice-auto", "statement-auto",
      "invoice-grid", "statement-grid"})
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
   * Collapsed borders under the rows, and where borders meet (the invoice's total row has a top border over the
   * row above's bottom border), print as openhtmltopdf collapses them.
   */
  @Test
  void collapsedBordersUnderTheRowsPrintTheSame() throws Exception {
    assertSame("statement-collapsed", HtmlCorpus.input("statement", collapsed(HtmlCorpus.layout("statement"))));
    assertSame("invoice-collapsed", HtmlCorpus.input("invoice", collapsed(HtmlCorpus.layout("invoice"))));
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

  static void assertSame(String name, RenderInput input) throws Exception {
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
