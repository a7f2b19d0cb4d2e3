package dev.platen.render.handlebars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import dev.platen.testing.ImageBombs;
import dev.platen.testing.Pdfs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** HTML layouts through the real engine: the same fonts, page setup, limits and resource blocking as canvas. */
class HtmlLayoutEngineTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final EngineSettings SETTINGS = EngineSettings.defaults().withFetchTimeout(Duration.ofSeconds(5));

  static HttpServer server;
  static String base;
  static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  static final byte[] PNG = png();

  final HtmlPdfEngine engine = new HtmlPdfEngine(SETTINGS);
  final HtmlPdfEngine trusting = new HtmlPdfEngine(SETTINGS.withAllowPrivateFetch(true));

  @BeforeAll
  static void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      hits.computeIfAbsent(ex.getRequestURI().getPath(), p -> new AtomicInteger()).incrementAndGet();
      byte[] body = ex.getRequestURI().getPath().endsWith(".png") ? PNG
          : "body::before { content: 'LEAKED'; }".getBytes();
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @BeforeEach
  void forgetRequests() {
    hits.clear();
  }

  @AfterAll
  static void stopServer() {
    server.stop(0);
  }

  static final String INVOICE = """
      <h1>Invoice {{number}}</h1>
      <p class="customer">Bill to: {{customer.name}}</p>
      <p>Issued {{format-date issued}}, due {{format-date due "DD/MM/YYYY"}}</p>
      <table class="items">
        <thead><tr><th>Item</th><th>Qty</th><th>Amount</th></tr></thead>
        <tbody>
        {{#each items}}
          <tr><td>{{description}}</td><td>{{format-number qty}}</td><td>{{format-currency amount "EUR"}}</td></tr>
        {{/each}}
        </tbody>
      </table>
      {{#if (gt total 1000)}}<p>Large order: {{upper customer.name}}</p>{{/if}}
      <p>Total {{format-currency total "EUR"}}</p>
      <p>Note: {{default note "none"}}</p>
      {{qr number}} {{barcode number}}
      """;

  static final String DATA = """
      {"number":"INV-2026-001","customer":{"name":"Zoë <Ångström> & Co"},"issued":"2026-06-05",
       "due":"2026-07-05T10:00:00Z","total":1234.5,
       "items":[{"description":"Widget","qty":2,"amount":1000},{"description":"Gadget","qty":1,"amount":234.5}]}
      """;

  static RenderInput input(String html, String css, String data) {
    ObjectNode layout = JSON.createObjectNode().put("html", html);
    if (css != null) layout.put("css", css);
    return new RenderInput(layout, JSON.readTree(data), PageSetup.DEFAULT, "Invoice", Instant.EPOCH, false);
  }

  @Test
  void rendersAnInvoiceWithHelpersLoopsAndCodes() throws Exception {
    byte[] pdf = engine.render(input(INVOICE, ".customer { font-weight: bold; } td { padding: 2pt; }", DATA));
    String text = Pdfs.text(pdf);
    assertThat(text).contains("Invoice INV-2026-001").contains("Bill to: Zoë <Ångström> & Co")
        .contains("Issued 5 June 2026, due 05/07/2026").contains("Widget").contains("1,000.00 EUR")
        .contains("Gadget").contains("234.50 EUR").contains("Total 1,234.50 EUR")
        .contains("Large order: ZOË <ÅNGSTRÖM> & CO").contains("Note: none")
        .contains("Page 1 of 1"); // the page footer comes from pageConfig, as for canvas layouts
    assertThat(imagesOnFirstPage(pdf)).isEqualTo(2);
    // same input, same bytes: the HTML path keeps the engine's deterministic output
    assertThat(engine.render(input(INVOICE, null, DATA))).isEqualTo(engine.render(input(INVOICE, null, DATA)));
  }

  @Test
  void authorStylesApplyAndMalformedHtmlIsRepaired() throws Exception {
    String html = "<div><p>Unclosed <b>bold<p>second & third<br><img></div><table><td>cell</table>";
    String text = Pdfs.text(engine.render(input(html, "p { color: red } a < b { }", "{}")));
    assertThat(text).contains("Unclosed bold").contains("second & third").contains("cell");
    // a style sheet that tries to close its element stays inside it
    String sneaky = "p{}</style><script>x</script><style>";
    assertThat(Pdfs.text(engine.render(input("<p>ok</p>", sneaky, "{}")))).contains("ok").doesNotContain("x\n");
  }

  /**
   * Found by TemplateFuzzTest: a comment inside an element survived the clean-up (getElementsByTag("*") matches
   * no element in jsoup), and one holding "--" is not XML, which failed the render.
   */
  @Test
  void commentsFromDataInsertedAsHtmlAreDropped() throws Exception {
    for (String note : List.of("a <!-- b -- c", "<!-- x --- y --> after", "<?xml version=\"1.0\"?>after")) {
      String data = JSON.writeValueAsString(Map.of("note", note));
      String text = Pdfs.text(engine.render(input("<p>Note: {{{note}}}</p><table><tr><td>{{{note}}}</td></tr></table>",
          null, data)));
      assertThat(text).as(note).contains("Note:").doesNotContain("--").doesNotContain("<?xml");
    }
  }

  @Test
  void noResourceIsFetchedOrReadExceptGuardedImages(@TempDir Path dir) throws Exception {
    Path css = Files.writeString(dir.resolve("leak.css"), "body::after { content: 'FILELEAK'; }");
    Path img = Files.write(dir.resolve("leak.png"), PNG);
    String html = """
        <html><head>
        <link rel="stylesheet" href="%1$s/link.css">
        <link rel="stylesheet" href="%2$s">
        <script src="%1$s/script.js"></script>
        <style>@import url("%1$s/import.css"); @import url("%2$s");
          @font-face { font-family: X; src: url("%1$s/font.ttf"); }
          body { background-image: url("%1$s/bg.png"); }</style>
        <base href="%1$s/">
        </head><body>
        <p style="background: url('%1$s/inline.png')">Body text</p>
        <iframe src="%1$s/frame.html"></iframe>
        <object data="%1$s/object.bin"></object><embed src="%1$s/embed.bin">
        <img src="%3$s"><img src="relative.png"><img srcset="%1$s/srcset.png 2x">
        <svg xmlns="http://www.w3.org/2000/svg"><image href="%1$s/svg.png" width="10" height="10"/></svg>
        <table background="%1$s/table.png"><tr><td>cell</td></tr></table>
        <a href="file:///etc/passwd">local link</a>
        </body></html>
        """.formatted(base, css.toUri(), img.toUri());
    byte[] pdf = trusting.render(input(html, "h1 { background: url('" + base + "/layoutcss.png') }"
        + " @import url('" + css.toUri() + "');", "{}"));
    String text = Pdfs.text(pdf);
    assertThat(text).contains("Body text").contains("cell").doesNotContain("LEAKED").doesNotContain("FILELEAK");
    assertThat(hits).as("requests the engine made").isEmpty();
    assertThat(imagesOnFirstPage(pdf)).isZero();
  }

  /**
   * An inline SVG is drawn, and only its drawing: what would fetch, link or run is gone before Batik sees it, and
   * nothing it names is requested even from an engine allowed to fetch private addresses.
   */
  @Test
  void inlineSvgIsDrawnAndReachesNothing() throws Exception {
    String html = """
        <p>Logo</p>
        <svg width="120" height="60" viewBox="0 0 120 60" onload="alert(1)">
          <defs><linearGradient id="g"><stop offset="0" stop-color="#ff0000"/></linearGradient></defs>
          <rect id="r" width="120" height="60" fill="url(#g)"/>
          <script>document.title = 'SCRIPTED'</script>
          <foreignObject width="100" height="20"><p>FOREIGN</p></foreignObject>
          <image href="%1$s/svg-image.png" width="10" height="10"/>
          <use href="%1$s/use.svg#r"/><use xlink:href="%1$s/xuse.svg#r"/><use href="#r" x="0"/>
          <a href="%1$s/link"><circle cx="5" cy="5" r="4" fill="url(%1$s/paint.svg#p)"/></a>
          <style>@font-face { font-family: F; src: url(%1$s/font.ttf) }</style>
          <animate attributeName="width" to="0" dur="1s"/>
        </svg>
        <p>After</p>
        """.formatted(base);
    byte[] pdf = trusting.render(input(html, null, "{}"));
    assertThat(Pdfs.text(pdf)).contains("Logo").contains("After").doesNotContain("FOREIGN")
        .doesNotContain("SCRIPTED");
    assertThat(hits).as("requests the engine made").isEmpty();
    BufferedImage page;
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      page = new org.apache.pdfbox.rendering.PDFRenderer(doc).renderImageWithDPI(0, 72);
    }
    int red = 0;
    for (int y = 0; y < page.getHeight(); y++) {
      for (int x = 0; x < page.getWidth(); x++) {
        int rgb = page.getRGB(x, y);
        if ((rgb >> 16 & 0xff) > 200 && (rgb >> 8 & 0xff) < 60 && (rgb & 0xff) < 60) red++;
      }
    }
    // 120 × 60 CSS pixels are 90 × 45 points: the whole rectangle, filled through its gradient
    assertThat(red).isBetween(90 * 45 * 9 / 10, 90 * 45 * 11 / 10);
  }

  @Test
  void inlineSvgIsHeldToTheLimitsOfAnSvgImage() {
    String bomb = new String(ImageBombs.svgUseClones(10, 10), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> engine.render(input("<p>x</p>" + bomb, null, "{}")))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("image <svg> in the layout is an SVG whose references (<use> and the like) draw ")
        .hasMessageEndingWith(" elements; the limit is 10,000 (PLATEN_MAX_SVG_ELEMENTS)");
  }

  @Test
  void remoteImagesGoThroughTheGuardedLoader() throws Exception {
    String html = "<p>Logo</p><img src=\"" + base + "/logo.png\" style=\"width:20mm\">";
    // production settings: a private address is refused before any connection
    assertThatThrownBy(() -> engine.render(input(html, null, "{}")))
        .isInstanceOf(RenderException.class).hasMessageContaining(base + "/logo.png");
    assertThat(hits).doesNotContainKey("/logo.png");
    byte[] pdf = trusting.render(input(html + "<img src=\"" + base + "/logo.png\">", null, "{}"));
    assertThat(imagesOnFirstPage(pdf)).isEqualTo(1); // fetched once, drawn from one embedded image
    assertThat(hits.get("/logo.png").get()).isEqualTo(1);
  }

  @Test
  void watermarkAndPageCapApply() throws Exception {
    ObjectNode layout = JSON.createObjectNode().put("html", "<p>Hello</p>");
    RenderInput test = new RenderInput(layout, JSON.readTree("{}"), PageSetup.DEFAULT, "T", Instant.EPOCH, true);
    assertThat(Pdfs.text(engine.render(test))).contains("TEST");
    String pages = "<p style=\"page-break-after: always\">page</p>".repeat(5);
    HtmlPdfEngine capped = new HtmlPdfEngine(SETTINGS.withMaxPages(3));
    assertThatThrownBy(() -> capped.render(input(pages, null, "{}")))
        .isInstanceOf(RenderException.class).hasMessage("document exceeds 3 pages");
  }

  @Test
  void limitsAndBadTemplatesFailTheRenderWithAUserMessage() {
    StringBuilder items = new StringBuilder("[");
    for (int i = 0; i < 400; i++) items.append(i == 0 ? "" : ",").append(i);
    String data = "{\"a\":" + items + "]}";
    assertThatThrownBy(() -> engine.render(input("{{#each a}}{{#each ../a}}.{{/each}}{{/each}}", null, data)))
        .isInstanceOf(RenderException.class).hasMessage("template loops exceed 100,000 iterations")
        .matches(e -> !((RenderException) e).retryable());
    // a layout stored before publish-time checks existed
    assertThatThrownBy(() -> engine.render(input("{{#each a}}", null, data)))
        .isInstanceOf(RenderException.class).hasMessageStartingWith("the HTML layout has a Handlebars syntax error");
    assertThatThrownBy(() -> engine.render(input("{{barcode \"ABC\" \"ean13\"}}", null, "{}")))
        .isInstanceOf(RenderException.class).hasMessageContaining("EAN-13");
  }

  @Test
  void canvasLayoutsStillRender() throws Exception {
    JsonNode layout = JSON.readTree("""
        {"sections":[{"rows":[{"columns":[{"blocks":[
          {"type":"heading","props":{"content":"Canvas {{x}}"}}]}]}]}]}""");
    RenderInput in = new RenderInput(layout, JSON.readTree("{\"x\":\"ok\"}"), PageSetup.DEFAULT, "C", Instant.EPOCH,
        false);
    assertThat(Pdfs.text(engine.render(in))).contains("Canvas ok");
  }

  /** The complete example in docs/html-layouts.md renders as the page says it does. */
  @Test
  void documentedExampleRenders() throws Exception {
    String doc = Files.readString(Path.of("docs/html-layouts.md"));
    String example = doc.substring(doc.indexOf("## A complete example"));
    List<String> blocks = new ArrayList<>();
    for (int at = example.indexOf("```json"); at >= 0; at = example.indexOf("```json", at + 1)) {
      int start = example.indexOf('\n', at) + 1;
      blocks.add(example.substring(start, example.indexOf("```", start)));
    }
    String body = blocks.get(0).substring(blocks.get(0).indexOf('{'));
    JsonNode template = JSON.readTree(body);
    JsonNode data = JSON.readTree(blocks.get(1)).path("data");
    assertThat(dev.platen.render.html.LayoutCheck.check(template.path("layout"), "layout", new dev.platen.errors.Issues())
        .isEmpty()).isTrue();
    RenderInput in = new RenderInput(template.path("layout"), data, PageSetup.DEFAULT, "Doc", Instant.EPOCH, false);
    byte[] pdf = engine.render(in);
    assertThat(Pdfs.text(pdf)).contains("Invoice INV-2026-001").contains("ACME Ltd · 5 June 2026")
        .contains("1,000.00 EUR").contains("234.50 EUR").contains("Total 1,234.50 EUR")
        .contains("Payable in two instalments").contains("Note: —");
    assertThat(imagesOnFirstPage(pdf)).isEqualTo(2);
  }

  static int imagesOnFirstPage(byte[] pdf) throws IOException {
    try (PDDocument d = Loader.loadPDF(pdf)) {
      PDPage page = d.getPage(0);
      List<COSName> names = new ArrayList<>();
      page.getResources().getXObjectNames().forEach(names::add);
      int count = 0;
      for (COSName n : names) {
        if (page.getResources().isImageXObject(n)) count++;
      }
      return count;
    }
  }

  static byte[] png() {
    BufferedImage image = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
