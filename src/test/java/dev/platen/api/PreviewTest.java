package dev.platen.api;

import static dev.platen.api.OpenApiTest.matches;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.platen.testing.Pdfs;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Previews: the PDF at once, with the render's checks, byte for byte the PDF a render of the same data stores, and
 * nothing stored; unsaved layouts, page configs and whole templates; the bound on concurrent previews.
 */
class PreviewTest {
  @TempDir static Path dir;
  static TestServer server;
  static String key;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    key = server.liveKey;
    assertThat(server.post("/v1/templates", key, RenderFlowTest.INVOICE).status()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static byte[] stored(String apiKey, Map<String, Object> body) {
    Res accepted = server.post("/v1/templates/invoice/render", apiKey, body);
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    JsonNode done = server.awaitTerminal(accepted.json().path("id").asString(), apiKey, Duration.ofSeconds(60));
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
    return server.get(done.path("downloadUrl").asString(), null).body();
  }

  @Test
  void aPreviewIsByteForByteTheStoredRenderOfTheSameData() {
    Map<String, Object> data = RenderFlowTest.invoiceData(40);
    byte[] rendered = stored(key, Map.of("data", data));
    Res preview = server.post("/v1/templates/invoice/preview", key, Map.of("data", data));
    matches("POST", "/v1/templates/{slug}/preview", preview, 200);
    assertThat(preview.header("Content-Length")).isEqualTo(String.valueOf(preview.body().length));
    assertThat(preview.header("Cache-Control")).isEqualTo("no-store");
    assertThat(preview.body()).isEqualTo(rendered);

    // a ck_test_ key's watermark is drawn on both
    String testKey = server.addKeyToDefaultProject(true);
    byte[] watermarked = stored(testKey, Map.of("data", data));
    Res testPreview = server.post("/v1/templates/invoice/preview", testKey, Map.of("data", data));
    assertThat(testPreview.body()).isEqualTo(watermarked).isNotEqualTo(rendered);
    assertThat(Pdfs.text(testPreview.body())).contains("TEST");
  }

  @Test
  void aPinnedVersionIsPreviewedAsItWasPublished() {
    Map<String, Object> v2 = new HashMap<>(RenderFlowTest.INVOICE);
    v2.put("pageConfig", Map.of("format", "A5"));
    assertThat(server.put("/v1/templates/pinned", key, RenderFlowTest.INVOICE).status()).isEqualTo(201);
    assertThat(server.put("/v1/templates/pinned", key, v2).status()).isEqualTo(200);
    Map<String, Object> data = RenderFlowTest.invoiceData(2);
    PDRectangle current = Pdfs.mediaBox(server.post("/v1/templates/pinned/preview", key, Map.of("data", data))
        .body(), 0);
    PDRectangle first = Pdfs.mediaBox(server.post("/v1/templates/pinned/preview", key,
        Map.of("data", data, "versionNumber", 1)).body(), 0);
    assertThat(current.getWidth()).isCloseTo(PDRectangle.A5.getWidth(), org.assertj.core.data.Offset.offset(1f));
    assertThat(first.getWidth()).isCloseTo(PDRectangle.A4.getWidth(), org.assertj.core.data.Offset.offset(1f));
  }

  @Test
  void unsavedLayoutAndPageChangesArePreviewedAndNothingIsStored() {
    long before = total();
    Map<String, Object> data = RenderFlowTest.invoiceData(1);
    Res landscape = server.post("/v1/templates/invoice/preview", key,
        Map.of("data", data, "pageConfig", Map.of("format", "A4", "orientation", "landscape")));
    assertThat(landscape.status()).as(landscape.text()).isEqualTo(200);
    PDRectangle box = Pdfs.mediaBox(landscape.body(), 0);
    assertThat(box.getWidth()).isGreaterThan(box.getHeight());

    Map<String, Object> layout = Map.of("html", "<p>Draft for {{customer.name}}</p>", "css", "p { color: red; }");
    Res html = server.post("/v1/templates/invoice/preview", key, Map.of("data", data, "layout", layout));
    assertThat(html.status()).as(html.text()).isEqualTo(200);
    assertThat(Pdfs.text(html.body())).contains("Draft for Zoë Ångström");

    // the template itself did not change
    Res again = server.post("/v1/templates/invoice/preview", key, Map.of("data", data));
    assertThat(Pdfs.text(again.body())).doesNotContain("Draft for");
    assertThat(server.get("/v1/templates/invoice", key).json().path("currentVersionNumber").asInt()).isEqualTo(1);
    assertThat(total()).isEqualTo(before);
  }

  private static long total() {
    return server.get("/v1/embed/renders", key).json().path("total").asLong();
  }

  @Test
  void aWholeUnsavedTemplateIsPreviewed() {
    Map<String, Object> body = new HashMap<>(RenderFlowTest.INVOICE);
    body.put("data", RenderFlowTest.invoiceData(3));
    Res r = server.post("/v1/preview", key, body);
    matches("POST", "/v1/preview", r, 200);
    assertThat(Pdfs.text(r.body())).contains("Zoë Ångström").contains("Row item 3");
    assertThat(server.get("/v1/templates", key).json().path("templates").valueStream()
        .map(t -> t.path("name").asString())).doesNotContain("Draft only");

    Map<String, Object> bad = new HashMap<>(body);
    bad.remove("name");
    Res noName = server.post("/v1/preview", key, bad);
    matches("POST", "/v1/preview", noName, 400);
    assertThat(noName.json().at("/error/issues/fieldErrors/name").isArray()).isTrue();

    Map<String, Object> noData = new HashMap<>(RenderFlowTest.INVOICE);
    Res missing = server.post("/v1/preview", key, noData);
    matches("POST", "/v1/preview", missing, 400);
    assertThat(missing.json().at("/error/issues/fieldErrors/data/0").asString()).isEqualTo("Required");

    Map<String, Object> wrongData = new HashMap<>(RenderFlowTest.INVOICE);
    wrongData.put("data", Map.of("customer", Map.of()));
    Res invalid = server.post("/v1/preview", key, wrongData);
    assertThat(invalid.errorCode()).isEqualTo("invalid_input_data");
    assertThat(server.post("/v1/preview", null, body).errorCode()).isEqualTo("unauthorized");
  }

  @Test
  void previewsAnswerTheRendersErrors() {
    String path = "/v1/templates/{slug}/preview";
    Map<String, Object> data = RenderFlowTest.invoiceData(1);
    matches("POST", path, server.post("/v1/templates/invoice/preview", null, Map.of("data", data)), 401);
    Res json = server.postRaw("/v1/templates/invoice/preview", key, "{\"data\": ".getBytes());
    matches("POST", path, json, 400);
    assertThat(json.errorCode()).isEqualTo("invalid_json");
    Res noData = server.post("/v1/templates/invoice/preview", key, Map.of("versionNumber", 0));
    matches("POST", path, noData, 400);
    assertThat(noData.errorCode()).isEqualTo("invalid_request");
    assertThat(noData.json().at("/error/issues/fieldErrors").propertyNames()).containsExactly("data", "versionNumber");
    Res unknown = server.post("/v1/templates/nope/preview", key, Map.of("data", data));
    matches("POST", path, unknown, 404);
    assertThat(unknown.errorCode()).isEqualTo("template_not_found");
    Res version = server.post("/v1/templates/invoice/preview", key, Map.of("data", data, "versionNumber", 9));
    matches("POST", path, version, 404);
    assertThat(version.errorCode()).isEqualTo("version_not_found");
    Res input = server.post("/v1/templates/invoice/preview", key, Map.of("data", Map.of("paid", "perhaps")));
    matches("POST", path, input, 400);
    assertThat(input.errorCode()).isEqualTo("invalid_input_data");
    assertThat(input.json().at("/error/issues/fieldErrors").propertyNames()).contains("customer.name", "paid");
    Res page = server.post("/v1/templates/invoice/preview", key,
        Map.of("data", data, "pageConfig", Map.of("format", "B7")));
    matches("POST", path, page, 400);
    assertThat(page.json().at("/error/issues/fieldErrors").propertyNames()).containsExactly("pageConfig.format");
    Res layout = server.post("/v1/templates/invoice/preview", key, Map.of("data", data, "layout", "nope"));
    matches("POST", path, layout, 400);
    assertThat(layout.json().at("/error/issues/fieldErrors").propertyNames()).containsExactly("layout");
    // another project's template is not there
    String other = server.newProjectKey(false);
    assertThat(server.post("/v1/templates/invoice/preview", other, Map.of("data", data)).errorCode())
        .isEqualTo("template_not_found");
  }

  /**
   * One preview at a time: the first is held by an image that is not answered until the second has been refused.
   * A document that cannot be drawn (an image answering 404) is a 422 with the reason.
   */
  @Test
  void beyondTheBoundPreviewsAreRefusedWith503AndRetryAfter(@TempDir Path other) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch requested = new CountDownLatch(1);
    byte[] png = png();
    HttpServer images = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    images.createContext("/", ex -> {
      if (ex.getRequestURI().getPath().equals("/held.png")) {
        requested.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        answer(ex, 200, png);
      } else {
        answer(ex, 404, new byte[0]);
      }
    });
    images.setExecutor(Executors.newCachedThreadPool());
    images.start();
    String base = "http://127.0.0.1:" + images.getAddress().getPort();
    try (TestServer s = TestServer.start(other, Map.of("PLATEN_MAX_CONCURRENT_PREVIEWS", "1",
        "PLATEN_ALLOW_PRIVATE_FETCH", "true"))) {
      Map<String, Object> template = Map.of("name", "Logo", "manifest", Map.of("variables",
          List.of(Map.of("key", "logo", "label", "Logo", "dataType", "image")), "loops", List.of()));
      assertThat(s.post("/v1/templates", s.liveKey, template).status()).isEqualTo(201);
      CompletableFuture<Res> held = CompletableFuture.supplyAsync(() -> s.post("/v1/templates/logo/preview",
          s.liveKey, Map.of("data", Map.of("logo", base + "/held.png"))));
      assertThat(requested.await(30, TimeUnit.SECONDS)).as("the first preview fetches its image").isTrue();
      Res refused = s.post("/v1/templates/logo/preview", s.liveKey, Map.of("data", Map.of("logo", base + "/x.png")));
      matches("POST", "/v1/templates/{slug}/preview", refused, 503);
      assertThat(refused.errorCode()).isEqualTo("queue_unavailable");
      assertThat(refused.header("Retry-After")).isNotNull();
      release.countDown();
      Res first = held.get(60, TimeUnit.SECONDS);
      assertThat(first.status()).as(first.text()).isEqualTo(200);
      assertThat(Pdfs.images(first.body())).isEqualTo(1);

      // the slot is free again; a document that cannot be drawn says why
      Res failed = s.post("/v1/templates/logo/preview", s.liveKey, Map.of("data", Map.of("logo", base + "/x.png")));
      matches("POST", "/v1/templates/{slug}/preview", failed, 422);
      assertThat(failed.errorCode()).isEqualTo("render_failed");
      assertThat(failed.json().at("/error/message").asString()).contains("answered 404");
    } finally {
      release.countDown();
      images.stop(0);
    }
  }

  private static byte[] png() throws IOException {
    BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private static void answer(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().add("Content-Type", "image/png");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) ex.getResponseBody().write(body);
    ex.close();
  }
}
