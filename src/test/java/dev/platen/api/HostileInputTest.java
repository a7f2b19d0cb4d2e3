package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.platen.auth.ApiKeys;
import dev.platen.store.ProjectStore;
import dev.platen.testing.ImageBombs;
import dev.platen.testing.OneAtATime;
import dev.platen.testing.Pdfs;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Input meant to break things: every one gets a clear 4xx in the envelope and the server stays healthy. */
@ExtendWith(OneAtATime.class)
class HostileInputTest {
  @TempDir static Path dir;
  static TestServer server;
  static String key;
  static int tried;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    key = server.liveKey;
    Res t = server.put("/v1/templates/target", key, Map.of("name", "Target", "manifest", Map.of(
        "variables", List.of(Map.of("key", "name", "dataType", "text"), Map.of("key", "n", "dataType", "number")),
        "loops", List.of(Map.of("key", "rows", "label", "Rows", "itemFields",
            List.of(Map.of("key", "v", "dataType", "text")))))));
    assertThat(t.status()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    System.out.println("hostile inputs tried: " + tried + ", 5xx seen: 0");
    server.close();
  }

  @AfterEach
  void stillHealthy() {
    assertThat(server.get("/health", null).status()).isEqualTo(200);
  }

  static void assert4xx(Res r, String code) {
    tried++;
    assertThat(r.status()).as(r.text()).isBetween(400, 499);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.json().path("error").path("message").asString()).isNotEmpty();
    if (code != null) assertThat(r.errorCode()).as(r.text()).isEqualTo(code);
  }

  Res raw(byte[] body) {
    return server.postRaw("/v1/templates/target/render", key, body);
  }

  @Test
  void brokenJson() {
    for (String s : List.of("", "{", "{\"data\":", "[1,2", "nul", "{\"data\":{}}}", "{'data':{}}",
        "{\"data\":{\"name\":\"x\"},\"data\":{}}", "\"just a string\"", "123")) {
      Res r = raw(s.getBytes(StandardCharsets.UTF_8));
      assert4xx(r, null);
      assertThat(r.errorCode()).isIn("invalid_json", "invalid_request");
    }
    assert4xx(raw("{\"data\":{\"name\":\"a\u0000b\"}}".getBytes(StandardCharsets.UTF_8)), "invalid_json");
    assert4xx(raw(new byte[] {'{', '"', 'd', '"', ':', (byte) 0xC3, (byte) 0x28, '}'}), "invalid_json");
    assert4xx(raw(("{\"data\":{\"name\":\"" + "\u00ff".repeat(10) + "\"}}").getBytes(StandardCharsets.ISO_8859_1)),
        "invalid_json");
  }

  @Test
  void deepNestingAndHugeValues() {
    String deep = "{\"data\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    assert4xx(raw(deep.getBytes()), "invalid_json");
    String deepObj = "{\"data\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}";
    assert4xx(raw(deepObj.getBytes()), "invalid_json");
    assert4xx(raw("{\"data\":{\"n\":1e999}}".getBytes()), "invalid_input_data");
    assert4xx(raw(("{\"data\":{\"n\":" + "9".repeat(5000) + "}}").getBytes()), null);
    String big = "{\"data\":{\"name\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}}";
    assert4xx(raw(big.getBytes()), "payload_too_large");
  }

  /**
   * A body over the limit is answered 413 whether its length is declared or it comes chunked, and the client reads
   * that answer: answering before the body is read and closing the connection on the unread rest made the client's
   * send fail with a reset now and then instead.
   */
  @Test
  void oversizedBodiesAreAnswered413EveryTime() {
    byte[] big = ("{\"data\":{\"name\":\"" + "x".repeat(Json.MAX_BODY_BYTES + 100) + "\"}}").getBytes();
    for (int i = 0; i < 40; i++) {
      assert4xx(sendOnce(key, i % 4 != 3 ? HttpRequest.BodyPublishers.ofByteArray(big)
          : HttpRequest.BodyPublishers.ofInputStream(() -> slowly(big)), false), "payload_too_large");
    }
    // An answer decided before the body is wanted reaches the client the same way.
    Res denied = sendOnce("pk_live_wrong", HttpRequest.BodyPublishers.ofInputStream(() -> slowly(big)), false);
    assertThat(denied.status()).as(denied.text()).isEqualTo(401);
    // A client that waits for 100 Continue is answered before it sends anything.
    assert4xx(sendOnce(key, HttpRequest.BodyPublishers.ofByteArray(big), true), "payload_too_large");
  }

  /** A render request sent once, without {@link TestServer#send}'s second try on a dead connection. */
  static Res sendOnce(String apiKey, HttpRequest.BodyPublisher body, boolean expectContinue) {
    return TestServer.sendOnce(HttpRequest.newBuilder(URI.create(server.baseUrl + "/v1/templates/target/render"))
        .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
        .expectContinue(expectContinue).POST(body).build());
  }

  /** {@code bytes} in 64 KB pieces with a pause before each: the client is still sending when the server answers. */
  static java.io.InputStream slowly(byte[] bytes) {
    return new java.io.ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return super.read(b, off, Math.min(len, 65536));
      }
    };
  }

  @Test
  void wrongTypesEverywhereInAManifest() {
    List<Object> junk = new ArrayList<>(List.of(1, "x", true, List.of(), Map.of("a", 1)));
    junk.add(null);
    for (Object j : junk) {
      if (!(j instanceof String)) {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", j);
        body.put("manifest", Map.of("variables", List.of(Map.of("key", j == null ? "k" : j, "dataType", "text"))));
        assert4xx(server.post("/v1/templates", key, body), null);
      }
      java.util.Map<String, Object> body2 = new java.util.HashMap<>();
      body2.put("name", "ok");
      if (!(j instanceof Map)) { // an object with unknown keys is a manifest without variables or loops
        body2.put("manifest", j);
        assert4xx(server.post("/v1/templates", key, body2), null);
      }
      body2.put("manifest", Map.of("variables", j == null ? "none" : j, "loops", List.of(Map.of("key", "l",
          "label", j == null ? 3 : j, "itemFields", j == null ? 5 : j))));
      assert4xx(server.post("/v1/templates", key, body2), null);
    }
  }

  @Test
  void hostileStringsAreDataNotCode() {
    String sql = "x'); DROP TABLE renders; --";
    Res t = server.post("/v1/templates", key, Map.of("name", sql, "description", sql, "manifest",
        Map.of("variables", List.of(Map.of("key", "v", "label", sql, "dataType", "text")), "loops", List.of())));
    assertThat(t.status()).as(t.text()).isEqualTo(201);
    String slug = t.json().path("slug").asString();
    assertThat(slug).matches("[a-z0-9]+(-[a-z0-9]+)*");
    Res r = server.post("/v1/templates/" + slug + "/render", key, Map.of("data", Map.of("v", sql),
        "jobId", sql));
    assertThat(r.status()).isEqualTo(202);
    assertThat(server.awaitTerminal(r.json().path("id").asString(), key, Duration.ofSeconds(30))
        .path("status").asString()).isEqualTo("succeeded");
    assertThat(server.get("/v1/templates/" + slug, key).json().path("name").asString()).isEqualTo(sql);

    Res proto = server.post("/v1/templates/target/render", key, Map.of("data",
        Map.of("__proto__", Map.of("admin", true), "constructor", "x", "name", "ok")));
    assertThat(proto.status()).isEqualTo(202);
  }

  @Test
  void slugsAndIdsThatAreNotWhatTheySeem() {
    for (String path : List.of("/v1/templates/..%2F..%2Fetc%2Fpasswd", "/v1/templates/%2e%2e",
        "/v1/templates/caf%C3%A9", "/v1/templates/" + "a".repeat(5000), "/v1/renders/..%2F..",
        "/v1/renders/' OR 1=1 --".replace(" ", "%20"), "/v1/renders/0193c2c3-1111-7aaa-8bbb-00000000000Z",
        "/files/x/y/z.pdf", "/files/0193c2c3-1111-7aaa-8bbb-000000000001/%00/a.pdf")) {
      Res r = server.get(path, key);
      assert4xx(r, null);
    }
    assert4xx(server.put("/v1/templates/caf%C3%A9", key, Map.of("name", "x", "manifest", Map.of())), null);
    assert4xx(server.put("/v1/templates/..%2Fx", key, Map.of("name", "x", "manifest", Map.of())), null);
  }

  /** Issue 8, finding 3: numbers whose formatting took minutes or all memory. */
  @Test
  void absurdNumbersAreRefusedOrPrintedAsWritten() {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      for (String n : List.of("\"9e999999999\"", "\"1e99999999\"", "\"-1e99999999\"")) {
        Res r = raw(("{\"data\":{\"n\":" + n + "}}").getBytes());
        assert4xx(r, "invalid_input_data");
        assertThat(r.text()).doesNotContain("java.", "Exception");
      }
      for (String n : List.of("1e16", "\"1e16\"", "-1000000000000001", "1e300")) {
        Res r = raw(("{\"data\":{\"n\":" + n + "}}").getBytes());
        assert4xx(r, "invalid_input_data");
        assertThat(r.json().at("/error/issues/fieldErrors/n/0").asString()).as(n)
            .isEqualTo("Must be between -1e15 and 1e15.");
      }
      assertThat(raw("{\"data\":{\"n\":1e15}}".getBytes()).status()).isEqualTo(202);

      // a currency cell reading a text variable is not checked as a number: it must print as written, fast
      Map<String, Object> keyValue = Map.of("type", "keyValue", "props", Map.of("items", List.of(
          Map.of("label", "Total", "path", "t", "dataType", "currency", "format", "currency:EUR"),
          Map.of("label", "Count", "path", "t", "dataType", "number"))));
      Map<String, Object> canvas = Map.of("sections", List.of(Map.of("type", "section", "rows", List.of(
          Map.of("type", "row", "columns", List.of(Map.of("type", "column", "blocks", List.of(keyValue))))))));
      Res t = server.put("/v1/templates/absurd-canvas", key, Map.of("name", "Absurd", "manifest", Map.of(
          "variables", List.of(Map.of("key", "t", "dataType", "text")), "loops", List.of()), "layout", canvas));
      assertThat(t.status()).as(t.text()).isEqualTo(201);
      Res h = server.put("/v1/templates/absurd-html", key, Map.of("name", "Absurd HTML", "manifest", Map.of(
          "variables", List.of(Map.of("key", "t", "dataType", "text")), "loops", List.of()), "layout",
          Map.of("html", "<p>{{format-number t}} {{format-number t 2}} {{format-number 3 t}} "
              + "{{format-currency t \"EUR\"}}</p>")));
      assertThat(h.status()).as(h.text()).isEqualTo(201);
      for (String slug : List.of("absurd-canvas", "absurd-html")) {
        for (String value : List.of("9e999999999", "1e99999999", "1e-99999999")) {
          Res r = server.post("/v1/templates/" + slug + "/render", key, Map.of("data", Map.of("t", value)));
          assertThat(r.status()).as(r.text()).isEqualTo(202);
          var done = server.awaitTerminal(r.json().path("id").asString(), key, Duration.ofSeconds(10));
          tried++;
          assertThat(done.path("status").asString()).as(slug + " " + value + ": " + done).isEqualTo("succeeded");
        }
      }
    });
  }

  @Test
  void methodOverrideHeadersAreIgnored() {
    assertThat(server.put("/v1/templates/keep-me", key, Map.of("name", "Keep", "manifest", Map.of(
        "variables", List.of(Map.of("key", "v", "dataType", "text")), "loops", List.of()))).status())
        .isEqualTo(201);
    for (String header : List.of("X-HTTP-Method-Override", "x-http-method-override")) {
      Res r = TestServer.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/v1/templates/keep-me"))
          .header("Authorization", "Bearer " + key).header(header, "DELETE").GET().build());
      tried++;
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      assertThat(r.json().path("slug").asString()).isEqualTo("keep-me");
    }
    Res post = server.post("/v1/templates/keep-me/render", key, Map.of("data", Map.of("v", "x")),
        "X-HTTP-Method-Override", "DELETE");
    assertThat(post.status()).as(post.text()).isEqualTo(202);
    assertThat(server.get("/v1/templates/keep-me", key).status()).isEqualTo(200);
  }

  @Test
  void authorizationHeadersThatMustNotPass() {
    assert4xx(server.get("/v1/templates", null), "unauthorized");
    for (String h : List.of("", "Bearer", "Bearer ", "Basic abc", "bearer ck_live_x", "Bearer sk_live_abc",
        "Bearer ck_acct_abcdefghijklmnop", "Bearer " + key + "x", "Bearer ck_live_" + "a".repeat(1000))) {
      Res r = TestServer.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/v1/templates"))
          .header("Authorization", h.isEmpty() ? " " : h).build());
      assert4xx(r, "unauthorized");
    }
    Res doubled = TestServer.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/v1/templates"))
        .header("Authorization", "Bearer " + key).header("Authorization", "Bearer " + key).build());
    assert4xx(doubled, "unauthorized");

    String revoked = server.addKeyToDefaultProject(false);
    assertThat(server.get("/v1/templates", revoked).status()).isEqualTo(200);
    // revoked as another process would: the server trusts a key it found active for 0.75 s, no longer
    new ProjectStore(server.platen().database()).revokeKey(ApiKeys.hash(revoked));
    long deadline = System.nanoTime() + 1_000_000_000L;
    Res refused;
    do {
      refused = server.get("/v1/templates", revoked);
    } while (refused.status() == 200 && System.nanoTime() < deadline);
    assert4xx(refused, "unauthorized");
  }

  @Test
  void imagesOnLoopbackOrPrivateAddressesFailTheRenderWithTheirUrl() {
    assertThat(server.put("/v1/templates/logo", key, Map.of("name", "Logo", "manifest", Map.of(
        "variables", List.of(Map.of("key", "logo", "label", "Logo", "dataType", "image")), "loops", List.of())))
        .status()).isEqualTo(201);
    for (String url : List.of("http://127.0.0.1:" + TestServer.freePort() + "/logo.png", "http://localhost/x.png",
        "http://10.0.0.1/x.png", "http://169.254.169.254/latest/meta-data/", "http://[::1]/x.png")) {
      Res r = server.post("/v1/templates/logo/render", key, Map.of("data", Map.of("logo", url)));
      assertThat(r.status()).isEqualTo(202);
      var done = server.awaitTerminal(r.json().path("id").asString(), key, Duration.ofSeconds(30));
      tried++;
      assertThat(done.path("status").asString()).isEqualTo("failed");
      assertThat(done.path("errorMessage").asString()).contains(url).contains("private or loopback");
    }
    assertThat(server.post("/v1/templates/logo/render", key, Map.of("data", Map.of("logo", "file:///etc/passwd")))
        .errorCode()).isEqualTo("invalid_input_data");
  }

  /** The ways an image gets into a document; each takes the image's URI and gives a layout. */
  static final Map<String, Function<String, Object>> IMAGE_PATHS = imagePaths();

  static Map<String, Function<String, Object>> imagePaths() {
    Map<String, Function<String, Object>> paths = new LinkedHashMap<>();
    paths.put("canvas image block", uri -> canvas(Map.of("type", "image", "props", Map.of("src", uri))));
    paths.put("html block <img>", uri -> canvas(Map.of("type", "html", "props",
        Map.of("html", "<p>x</p><img src=\"" + uri + "\"/>"))));
    paths.put("html block style url()", uri -> canvas(Map.of("type", "html", "props",
        Map.of("html", "<div style=\"background-image: url(" + uri + "); height: 40px\">x</div>"))));
    paths.put("HTML layout <img>", uri -> Map.of("html", "<p>x</p><img src=\"" + uri + "\"/>"));
    paths.put("HTML layout CSS url()", uri -> Map.of("html", "<div class=\"b\">x</div>",
        "css", ".b { background-image: url(" + uri + "); height: 40px }"));
    return paths;
  }

  static Map<String, Object> canvas(Map<String, Object> block) {
    return Map.of("sections", List.of(Map.of("type", "section", "rows", List.of(Map.of("type", "row",
        "columns", List.of(Map.of("type", "column", "blocks", List.of(block))))))));
  }

  /** Publishes a template of this layout, renders it and waits: the render as GET /v1/renders/:id shows it. */
  static JsonNode renderLayout(String slug, Object layout) {
    Res t = server.put("/v1/templates/" + slug, key, Map.of("name", slug, "manifest",
        Map.of("variables", List.of(), "loops", List.of()), "layout", layout));
    assertThat(t.status()).as(t.text()).isEqualTo(201);
    Res r = server.post("/v1/templates/" + slug + "/render", key, Map.of("data", Map.of()));
    assertThat(r.status()).as(r.text()).isEqualTo(202);
    tried++;
    return server.awaitTerminal(r.json().path("id").asString(), key, Duration.ofSeconds(30));
  }

  /**
   * Issue 8, finding 2: images declaring far more pixels or SVG elements than they weigh, on every path in. An
   * ordinary image goes each way first: it must still draw, and it warms the engines up, so the time measured
   * for a bomb is the bomb's.
   */
  @Test
  void imageBombsAreRefusedFromTheirHeaderOnEveryPathAndOrdinaryImagesStillDraw() {
    int n = 0;
    for (Map.Entry<String, Function<String, Object>> path : IMAGE_PATHS.entrySet()) {
      JsonNode done = renderLayout("ordinary-image-" + n++,
          path.getValue().apply(ImageBombs.dataUri(ImageBombs.smallPng())));
      assertThat(done.path("status").asString()).as(path.getKey() + ": " + done).isEqualTo("succeeded");
      byte[] pdf = server.get(done.path("downloadUrl").asString(), null).body();
      assertThat(Pdfs.images(pdf)).as(path.getKey()).isPositive();
    }
    long slowest = 0;
    for (Map.Entry<String, ImageBombs.Bomb> bomb : ImageBombs.all().entrySet()) {
      for (Map.Entry<String, Function<String, Object>> path : IMAGE_PATHS.entrySet()) {
        long start = System.nanoTime();
        JsonNode done = renderLayout("bomb-" + n++, path.getValue().apply(bomb.getValue().dataUri()));
        long ms = (System.nanoTime() - start) / 1_000_000;
        slowest = Math.max(slowest, ms);
        String what = bomb.getKey() + " via " + path.getKey() + ": " + done;
        assertThat(done.path("status").asString()).as(what).isEqualTo("failed");
        assertThat(done.path("errorMessage").asString()).as(what)
            .startsWith("image data:image/").contains(bomb.getValue().expected());
        assertThat(ms).as(what + " took " + ms + " ms").isLessThan(2_000);
      }
    }
    String pixels = renderLayout("bomb-message", IMAGE_PATHS.get("canvas image block")
        .apply(ImageBombs.dataUri(ImageBombs.png(40_000, 40_000, 1, 0)))).path("errorMessage").asString();
    assertThat(pixels).isEqualTo("image data:image/png;base64,… is 40,000×40,000 pixels; the limit is 40,000,000 "
        + "pixels (PLATEN_MAX_IMAGE_PIXELS)");
    System.out.printf("image bombs: %d renders refused, slowest %d ms from request to failure%n",
        ImageBombs.all().size() * IMAGE_PATHS.size(), slowest);
  }

  @Test
  @Tag("slow")
  void thePixelLimitIsTheConfiguredOne(@TempDir Path own) {
    try (TestServer s = TestServer.start(own, Map.of("PLATEN_MAX_IMAGE_PIXELS", "799"))) {
      Object layout = IMAGE_PATHS.get("canvas image block").apply(ImageBombs.dataUri(ImageBombs.smallPng()));
      assertThat(s.put("/v1/templates/small", s.liveKey, Map.of("name", "Small", "manifest",
          Map.of("variables", List.of(), "loops", List.of()), "layout", layout)).status()).isEqualTo(201);
      Res r = s.post("/v1/templates/small/render", s.liveKey, Map.of("data", Map.of()));
      JsonNode done = s.awaitTerminal(r.json().path("id").asString(), s.liveKey, Duration.ofSeconds(30));
      tried++;
      assertThat(done.path("errorMessage").asString())
          .isEqualTo("image data:image/png;base64,… is 40×20 pixels; the limit is 799 pixels (PLATEN_MAX_IMAGE_PIXELS)");
    }
  }

  /** Issue 8, finding 8: whatever breaks inside the engines, the message is about the template, not Java. */
  @Test
  void engineFailuresNeverShowJavaInternals() {
    String importSvg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
        + "<style>@import url(http://example.com/a.css);</style><rect width=\"5\" height=\"5\"/></svg>";
    String escapedImportSvg = importSvg.replace("@import", "@\\69mport");
    String xiSvg = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
        + "width=\"10\" height=\"10\"><xi:include href=\"file:///etc/passwd\" parse=\"text\"/></svg>";
    Map<String, Object> layouts = new LinkedHashMap<>();
    for (Map.Entry<String, Function<String, Object>> path : IMAGE_PATHS.entrySet()) {
      layouts.put("SVG @import via " + path.getKey(), path.getValue().apply(svgUri(importSvg)));
      layouts.put("SVG escaped @import via " + path.getKey(), path.getValue().apply(svgUri(escapedImportSvg)));
      layouts.put("SVG xi:include via " + path.getKey(), path.getValue().apply(svgUri(xiSvg)));
      layouts.put("billion laughs via " + path.getKey(),
          path.getValue().apply(ImageBombs.dataUri(ImageBombs.billionLaughs())));
    }
    layouts.put("CSS with CDATA", Map.of("html", "<p>x</p>", "css", "p { color: red } <![CDATA[ p { } ]]> p {}"));
    layouts.put("CSS opening CDATA", Map.of("html", "<p>x</p>", "css", "<![CDATA[ p { color: red }"));
    layouts.put("style element with CDATA", Map.of("html", "<style><![CDATA[ p {} ]]><b>x</b></style><p>x</p>"));
    layouts.put("xi:include in an HTML layout",
        Map.of("html", "<xi:include href=\"file:///etc/passwd\" parse=\"text\"/><p>x</p>"));
    layouts.put("xi:include in an html block", canvas(Map.of("type", "html", "props",
        Map.of("html", "<xi:include href=\"file:///etc/passwd\" parse=\"text\"/><p>x</p>"))));
    int n = 0;
    for (Map.Entry<String, Object> layout : layouts.entrySet()) {
      JsonNode done = renderLayout("internals-" + n++, layout.getValue());
      String message = done.path("errorMessage").asString("");
      assertThat(done.path("status").asString()).as(layout.getKey() + ": " + done).isIn("succeeded", "failed");
      assertThat(message).as(layout.getKey()).doesNotContain("org.", "java.", "javax.", "Exception", "SAX",
          "TRaX", "lineNumber");
      if (done.path("status").asString().equals("failed")) assertThat(message).as(layout.getKey()).isNotBlank();
    }
  }

  private static String svgUri(String svg) {
    return ImageBombs.dataUri(svg.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @Tag("slow")
  void randomMutationsOfValidRequestsNeverAnswer5xx() {
    Random rnd = new Random(42);
    String valid = "{\"data\":{\"name\":\"Ada\",\"n\":3,\"rows\":[{\"v\":\"a\"},{\"v\":\"b\"}]},"
        + "\"options\":{\"filename\":\"x\",\"versionNumber\":1},\"jobId\":\"j\"}";
    String tpl = "{\"name\":\"Fuzz\",\"manifest\":{\"variables\":[{\"key\":\"a.b\",\"dataType\":\"currency\","
        + "\"required\":true}],\"loops\":[{\"key\":\"l\",\"label\":\"L\",\"itemFields\":[{\"key\":\"x\","
        + "\"dataType\":\"date\"}]}]},\"pageConfig\":{\"format\":\"A5\",\"margin\":\"10mm\"}}";
    String alphabet = "{}[]\",:0123456789.eE-+ \\u0000abcnulltruefalse\u00e9\u4e2d";
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    int count = 0;
    int accepted = 0;
    while (System.nanoTime() < deadline) {
      String base = rnd.nextBoolean() ? valid : tpl;
      StringBuilder s = new StringBuilder(base);
      int edits = 1 + rnd.nextInt(6);
      for (int e = 0; e < edits && s.length() > 0; e++) {
        int at = rnd.nextInt(s.length());
        switch (rnd.nextInt(3)) {
          case 0 -> s.deleteCharAt(at);
          case 1 -> s.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
          default -> s.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
      }
      Res r = base == valid
          ? server.postRaw("/v1/templates/target/render", key, s.toString().getBytes(StandardCharsets.UTF_8),
              "Idempotency-Key", "fuzz-" + count)
          : server.postRaw("/v1/templates", key, s.toString().getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).as("mutation %s -> %s", s, r.text()).isLessThan(500);
      if (r.status() >= 400) {
        assertThat(r.json().path("error").path("code").asString()).isNotEmpty();
      } else {
        accepted++;
      }
      count++;
    }
    tried += count;
    System.out.printf("fuzz: %d mutated requests, %d accepted, 0 answered 5xx%n", count, accepted);
    assertThat(count).isGreaterThan(100);
  }

  // ---- Issue 8, finding 4: the no-partials rule and Handlebars expansion --------------------------------------

  static Res publishHtml(String slug, String html) {
    return server.put("/v1/templates/" + slug, key, Map.of("name", "Hostile " + slug, "manifest", Map.of(
        "variables", List.of(Map.of("key", "name", "dataType", "text")), "loops", List.of(Map.of("key", "a",
            "label", "A", "itemFields", List.of(Map.of("key", "v", "dataType", "text"))))), "layout",
        Map.of("html", html)));
  }

  static String refusal(Res r) {
    assert4xx(r, "invalid_request");
    return r.json().at("/error/issues/fieldErrors/layout.html/0").asString();
  }

  @Test
  void handlebarsPartialsCannotBeSmuggledPastPublish() {
    // the reproduction: a delimiter change hid an inline partial and its call from the text check
    assertThat(refusal(publishHtml("hb-bypass", "{{=<% %>=}}<%#*inline \"p\"%>RAN<%/inline%><%> p%>")))
        .isEqualTo("Handlebars template error at line 1, column 1: changing the delimiters ({{=<% %>=}}) is not "
            + "supported: write every tag with {{ and }}");
    assertThat(server.get("/v1/templates/hb-bypass", key).status()).isEqualTo(404);

    // 31 inline partials, each calling the one before twice: 2^31 copies, all in memory
    StringBuilder bomb = new StringBuilder("<p>report</p>\n{{#*inline \"p0\"}}x{{/inline}}");
    for (int i = 1; i <= 31; i++) {
      bomb.append("{{#*inline \"p").append(i).append("\"}}{{> p").append(i - 1).append("}}{{> p").append(i - 1)
          .append("}}{{/inline}}");
    }
    bomb.append("{{> p31}}");
    assertThat(refusal(publishHtml("hb-doubling", bomb.toString()))).isEqualTo("Handlebars template error at line "
        + "2, column 1: inline partials ({{#*inline \"name\"}}) are not supported: write the markup where it is used");

    Map<String, String> refused = new java.util.LinkedHashMap<>();
    refused.put("<p>\n{{> header}}", "line 2, column 1: partials ({{> name}})");
    refused.put("{{~> header ~}}", "line 1, column 1: partials ({{> name}})");
    refused.put("{{#if name}}{{else}}{{> (lookup . \"name\")}}{{/if}}", "line 1, column 21: partials");
    refused.put("x{{#> layout}}body{{/layout}}", "line 1, column 2: partials ({{#> name}}…{{/name}})");
    refused.put("{{*inline \"p\"}}", "decorators ({{*name}})");
    refused.put("{{#each rows}}\n  {{~#*inline \"p\"}}{{/inline}}{{/each}}", "line 2, column 3: inline partials");
    refused.put("{{=[[ ]]=}}[[> p]]", "changing the delimiters ({{=[[ ]]=}})");
    refused.put("{{{{raw}}}}{{=<% %>=}}{{{{/raw}}}}<%> p%>", "changing the delimiters");
    for (var e : refused.entrySet()) {
      assertThat(refusal(publishHtml("hb-refused", e.getKey()))).as(e.getKey()).contains(e.getValue());
    }

    // a published template cannot gain one in a new version either
    assertThat(publishHtml("hb-kept", "<p>{{name}}</p>").status()).isEqualTo(201);
    refusal(publishHtml("hb-kept", "<p>{{name}}</p>{{=<% %>=}}<%#*inline \"p\"%>RAN<%/inline%><%> p%>"));
    assertThat(server.get("/v1/templates/hb-kept", key).json().path("currentVersionNumber").asInt()).isEqualTo(1);
  }

  @Test
  void handlebarsExpansionFailsTheRenderQuicklyWithAPlainMessage() {
    StringBuilder items = new StringBuilder("[");
    for (int i = 0; i < 1000; i++) items.append(i == 0 ? "" : ",").append("{\"v\":\"").append(i).append("\"}");
    String data = "{\"data\":{\"name\":\"x\",\"a\":" + items + "]}}";
    Map<String, String> expected = Map.of(
        // nested each over the same array at depth 5: 10^15 iterations, writing nothing
        "hb-deep", "template loops exceed 100,000 iterations",
        // few iterations, each evaluating a long body that writes nothing
        "hb-wide", "the template expands to more than 10,000,000 characters of Handlebars (each loop body counts "
            + "once per iteration)");
    assertThat(publishHtml("hb-deep", "{{#each a}}{{#each @root.a}}{{#each @root.a}}{{#each @root.a}}"
        + "{{#each @root.a}}{{@x}}{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}").status()).isEqualTo(201);
    assertThat(publishHtml("hb-wide", "{{#each a}}" + "{{@x}}{{#if @y}}{{/if}}".repeat(1_500) + "{{/each}}")
        .status()).isEqualTo(201);
    for (var e : expected.entrySet()) {
      long started = System.nanoTime();
      Res r = server.postRaw("/v1/templates/" + e.getKey() + "/render", key, data.getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).as(r.text()).isEqualTo(202);
      var done = server.awaitTerminal(r.json().path("id").asString(), key, Duration.ofSeconds(60));
      tried++;
      assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("failed");
      assertThat(done.path("errorMessage").asString()).isEqualTo(e.getValue());
      System.out.printf("%s failed after %d ms%n", e.getKey(), (System.nanoTime() - started) / 1_000_000);
    }
  }
}
