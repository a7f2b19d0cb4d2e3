package dev.platen.render.html;

import static dev.platen.render.Canvas.block;
import static dev.platen.render.Canvas.blocks;
import static dev.platen.render.Canvas.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.platen.render.EngineSettings;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import dev.platen.render.images.AddressPolicy;
import dev.platen.testing.ImageBombs;
import dev.platen.testing.Pdfs;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Images fetched over HTTP from a local server: what loads, what is refused, and the messages users see. */
class ImageFetchTest {
  private static final byte[] PNG = png(40, 20);
  private static final String SVG =
      "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"30\" height=\"30\">"
      + "<rect width=\"30\" height=\"30\" fill=\"#336699\"/></svg>";
  private static final EngineSettings SETTINGS = EngineSettings.defaults()
      .withFetchTimeout(Duration.ofMillis(700))
      .withMaxImageBytes(8 * 1024);

  private static HttpServer server;
  private static String base;
  private static final ConcurrentHashMap<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  private final HtmlPdfEngine trusting = new HtmlPdfEngine(SETTINGS.withAllowPrivateFetch(true));
  private final HtmlPdfEngine guarded = new HtmlPdfEngine(SETTINGS);
  /** Refuses private addresses like production, except the test server's own 127.0.0.1. */
  private final HtmlPdfEngine guardedButLocalServer =
      new HtmlPdfEngine(SETTINGS, AddressPolicy.publicOnlyExcept(InetAddress.getLoopbackAddress()));

  @BeforeAll
  static void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ImageFetchTest::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stopServer() {
    server.stop(0);
  }

  private static void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    switch (path) {
      case "/logo.png", "/counted.png", "/private.png" -> answer(ex, 200, PNG);
      case "/logo.svg" -> answer(ex, 200, SVG.getBytes(StandardCharsets.UTF_8));
      case "/doctype.svg" -> answer(ex, 200, SVG.replace("<svg", "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
          + "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg").getBytes(StandardCharsets.UTF_8));
      case "/entities.svg" -> answer(ex, 200, SVG.replace("<svg", "<!DOCTYPE svg [<!ENTITY x SYSTEM "
          + "\"file:///etc/hostname\">]><svg").getBytes(StandardCharsets.UTF_8));
      case "/notes.txt" -> answer(ex, 200, "just text".getBytes(StandardCharsets.UTF_8));
      case "/huge.png" -> answer(ex, 200, new byte[64 * 1024]);
      case "/bomb.png" -> answer(ex, 200, ImageBombs.png(40_000, 40_000, 1, 0));
      case "/bomb.svg" -> answer(ex, 200, ImageBombs.svgUseClones(6, 10));
      case "/redirect-ok" -> redirect(ex, "/logo.png");
      case "/redirect-private" -> redirect(ex, "http://10.20.30.40/logo.png");
      case "/redirect-file" -> redirect(ex, "file:///etc/passwd");
      case "/loop" -> redirect(ex, "/loop");
      case "/slow.png" -> {
        try {
          Thread.sleep(3_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        answer(ex, 200, PNG);
      }
      default -> answer(ex, 404, "not here".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void answer(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    } catch (IOException clientGone) {
      // the client may hang up on purpose (size cap, timeout)
    }
  }

  private static void redirect(HttpExchange ex, String location) throws IOException {
    ex.getResponseHeaders().add("Location", location);
    ex.sendResponseHeaders(302, -1);
    ex.close();
  }

  private static RenderInput imageDoc(String src) {
    return input(blocks(block("text", "{\"content\":\"with image\"}"),
        block("image", "{\"src\":\"{{logo}}\",\"alt\":\"Logo\",\"width\":120}")), "{\"logo\":\"" + src + "\"}");
  }

  @Test
  void loadsAnImageFromAnAllowedServer() throws Exception {
    byte[] pdf = trusting.render(imageDoc(base + "/logo.png"));

    assertThat(images(pdf)).singleElement().satisfies(img -> {
      assertThat(img.getWidth()).isEqualTo(40);
      assertThat(img.getHeight()).isEqualTo(20);
    });
    assertThat(Pdfs.text(pdf)).contains("with image");
  }

  @Test
  void followsARedirectToAnAllowedAddress() throws Exception {
    assertThat(images(guardedButLocalServer.render(imageDoc(base + "/redirect-ok")))).hasSize(1);
  }

  @Test
  void fetchesEachUrlOncePerRender() throws Exception {
    String url = base + "/counted.png";
    RenderInput twice = input(blocks(block("image", "{\"src\":\"" + url + "\"}"),
        block("keyValue", "{\"items\":[{\"label\":\"Logo\",\"path\":\"logo\",\"dataType\":\"image\"}]}")),
        "{\"logo\":\"" + url + "\"}");
    int before = hitsOf("/counted.png");

    byte[] pdf = trusting.render(twice);

    assertThat(hitsOf("/counted.png") - before).isEqualTo(1);
    assertThat(imageDraws(pdf)).isEqualTo(2);
  }

  @Test
  void drawsSvgImages() throws Exception {
    byte[] pdf = trusting.render(imageDoc(base + "/logo.svg"));

    assertThat(formXObjects(pdf)).isGreaterThan(0);
    assertThat(ContentStreams.usesFillAnywhere(pdf, 0x33 / 255f, 0x66 / 255f, 0x99 / 255f)).isTrue();
  }

  @Test
  void drawsSvgImagesThatCarryTheStandardDoctype() throws Exception {
    byte[] pdf = trusting.render(imageDoc(base + "/doctype.svg"));

    assertThat(ContentStreams.usesFillAnywhere(pdf, 0x33 / 255f, 0x66 / 255f, 0x99 / 255f)).isTrue();
  }

  @Test
  void refusesSvgImagesThatDeclareEntities() {
    String url = base + "/entities.svg";

    assertThatThrownBy(() -> trusting.render(imageDoc(url)))
        .hasMessage("image " + url + " is an SVG that declares entities, which is not allowed");
  }

  @Test
  void refusesLoopbackWhenPrivateFetchIsOff() {
    String url = base + "/private.png";

    assertThatThrownBy(() -> guarded.render(imageDoc(url)))
        .isInstanceOf(RenderException.class)
        .hasMessage("image " + url + " points to a private or loopback address")
        .satisfies(e -> assertThat(((RenderException) e).retryable()).isFalse());
    assertThat(hitsOf("/private.png")).isZero();
  }

  @Test
  void refusesARedirectToAPrivateAddress() {
    String url = base + "/redirect-private";

    assertThatThrownBy(() -> guardedButLocalServer.render(imageDoc(url)))
        .isInstanceOf(RenderException.class)
        .hasMessage("image " + url + " redirects to http://10.20.30.40/logo.png, which points to a private or"
            + " loopback address");
  }

  @Test
  void refusesARedirectToAnotherScheme() {
    String url = base + "/redirect-file";

    assertThatThrownBy(() -> trusting.render(imageDoc(url)))
        .hasMessage("image " + url + " redirects to file:///etc/passwd, which is not an http or https URL");
  }

  @Test
  void stopsAfterThreeRedirects() {
    String url = base + "/loop";
    int before = hitsOf("/loop");

    assertThatThrownBy(() -> trusting.render(imageDoc(url)))
        .hasMessage("image " + url + " redirected more than 3 times");
    assertThat(hitsOf("/loop") - before).isEqualTo(4);
  }

  @Test
  void reportsTheStatusOfAFailedFetch() {
    String url = base + "/missing.png";

    assertThatThrownBy(() -> trusting.render(imageDoc(url)))
        .isInstanceOf(RenderException.class)
        .hasMessage("image " + url + " answered 404");
  }

  @Test
  void refusesBodiesOverTheSizeLimit() {
    String url = base + "/huge.png";

    assertThatThrownBy(() -> trusting.render(imageDoc(url))).hasMessage("image " + url + " exceeds 8 KB");
  }

  @Test
  void givesUpAfterTheFetchTimeout() {
    String url = base + "/slow.png";
    long start = System.nanoTime();

    assertThatThrownBy(() -> trusting.render(imageDoc(url))).hasMessage("image " + url + " timed out after 700 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
  }

  @Test
  void refusesBytesThatAreNotAnImage() {
    String url = base + "/notes.txt";

    assertThatThrownBy(() -> trusting.render(imageDoc(url)))
        .hasMessage("image " + url + " is not a PNG, JPEG, GIF or SVG image");
  }

  @Test
  void reportsAnUnreachableHostAfterOneRetry() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/a.png";

    assertThatThrownBy(() -> trusting.render(imageDoc(url)))
        .hasMessage("image " + url + " is not reachable: connection refused");
  }

  @Test
  void refusesOtherSchemesOutright() {
    assertThatThrownBy(() -> trusting.render(imageDoc("file:///etc/passwd")))
        .hasMessage("image file:///etc/passwd is not an http or https URL");
  }

  @Test
  void fetchedImagesAreHeldToThePixelAndSvgLimitsBeforeDecoding() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> trusting.render(imageDoc(base + "/bomb.png")))
        .hasMessage("image " + base + "/bomb.png is 40,000×40,000 pixels; the limit is 40,000,000 pixels "
            + "(PLATEN_MAX_IMAGE_PIXELS)");
    assertThatThrownBy(() -> trusting.render(imageDoc(base + "/bomb.svg")))
        .hasMessageStartingWith("image " + base + "/bomb.svg is an SVG whose references (<use> and the like) draw");
    assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds for both").isLessThan(2_000);
  }

  @Test
  void acceptsImageDataUrisWithoutFetching() throws Exception {
    String dataUri = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(PNG);

    assertThat(images(guarded.render(imageDoc(dataUri)))).singleElement()
        .satisfies(img -> assertThat(img.getWidth()).isEqualTo(40));
  }

  @Test
  void anEmptyImageVariableDrawsNothing() throws Exception {
    byte[] pdf = guarded.render(imageDoc(""));

    assertThat(images(pdf)).isEmpty();
    assertThat(Pdfs.text(pdf)).contains("with image");
  }

  private static int hitsOf(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  private static byte[] png(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private static List<PDImageXObject> images(byte[] pdf) throws IOException {
    List<PDImageXObject> found = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDResources resources = doc.getPage(0).getResources();
      for (COSName name : resources.getXObjectNames()) {
        PDXObject x = resources.getXObject(name);
        if (x instanceof PDImageXObject img) found.add(img);
      }
    }
    return found;
  }

  private static int formXObjects(byte[] pdf) throws IOException {
    int n = 0;
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDResources resources = doc.getPage(0).getResources();
      for (COSName name : resources.getXObjectNames()) {
        if (resources.getXObject(name) instanceof PDFormXObject) n++;
      }
    }
    return n;
  }

  private static int imageDraws(byte[] pdf) {
    return ContentStreams.count(pdf, "Do");
  }
}
