package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.PrometheusText;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator reads from a started server: {@code /metrics} after real renders through HTTP (parsed as
 * Prometheus text), {@code /health} and {@code /ready}, request ids, and the API docs page with its local assets.
 */
class MonitoringTest {
  static final String METRICS_KEY = "metrics-test-key-0000000001";
  @TempDir static Path dir;
  static TestServer server;
  static String key;
  static String projectId;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir, Map.of("PLATEN_METRICS_KEY", METRICS_KEY));
    key = server.liveKey;
    projectId = server.platen().database().jdbi().withHandle(h -> h.createQuery("SELECT id FROM projects")
        .mapTo(String.class).one());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static PrometheusText scrape() {
    Res r = send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/metrics"))
        .header("Authorization", "Bearer " + METRICS_KEY));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/plain");
    return PrometheusText.parse(r.text());
  }

  static Res send(HttpRequest.Builder b) {
    return TestServer.send(b.timeout(Duration.ofSeconds(30)).build());
  }

  /** Publishes a template and answers its id. */
  static String publish(String slug, Map<String, Object> body) {
    Res r = server.put("/v1/templates/" + slug, key, body);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  static List<String> render(String slug, int n, Map<String, Object> data) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Res r = server.post("/v1/templates/" + slug + "/render", key, Map.of("data", data));
      assertThat(r.status()).as(r.text()).isEqualTo(202);
      ids.add(r.json().path("id").asString());
    }
    return ids;
  }

  static void awaitAll(List<String> ids, String status) {
    for (String id : ids) {
      assertThat(server.awaitTerminal(id, key, Duration.ofSeconds(60)).path("status").asString()).isEqualTo(status);
    }
  }

  static double delta(PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }

  static Map<String, String> outcome(String outcome, String templateId) {
    return Map.of("outcome", outcome, "project", projectId, "template", templateId);
  }

  @Test
  void rendersAreCountedByOutcomeTemplateAndEngine() throws Exception {
    String note = publish("m-note", Map.of("name", "Note", "manifest", Map.of(
        "variables", List.of(Map.of("key", "text", "label", "Text", "dataType", "text")), "loops", List.of())));
    String page = publish("m-page", Map.of("name", "Page", "manifest", Map.of(
        "variables", List.of(Map.of("key", "text", "label", "Text", "dataType", "text")), "loops", List.of()),
        // a text-indent in % is outside the direct engine's HTML subset (docs/html-layouts.md)
        "layout", Map.of("html", "<h1>{{text}}</h1>", "css", "h1 { color: #333; text-indent: 5%; }")));
    String logo = publish("m-logo", Map.of("name", "Logo", "manifest", Map.of(
        "variables", List.of(Map.of("key", "logo", "label", "Logo", "dataType", "image")), "loops", List.of())));
    PrometheusText before = scrape();

    List<String> notes = render("m-note", 5, Map.of("text", "synthesised, so the direct engine draws it"));
    List<String> pages = render("m-page", 3, Map.of("text", "an HTML layout outside the subset, so openhtmltopdf draws it"));
    // a loopback image is refused whatever the network: a deterministic failure
    List<String> logos = render("m-logo", 2,
        Map.of("logo", "http://127.0.0.1:" + TestServer.freePort() + "/logo.png"));
    Res replay1 = server.post("/v1/templates/m-note/render", key, Map.of("data", Map.of("text", "once")),
        "Idempotency-Key", "metrics-replay");
    Res replay2 = server.post("/v1/templates/m-note/render", key, Map.of("data", Map.of("text", "once")),
        "Idempotency-Key", "metrics-replay");
    assertThat(replay1.status()).isEqualTo(202);
    assertThat(replay2.status()).as("a replay").isEqualTo(200);
    notes.add(replay1.json().path("id").asString());
    awaitAll(notes, "succeeded");
    awaitAll(pages, "succeeded");
    awaitAll(logos, "failed");
    PrometheusText after = scrape();

    String renders = "platen_renders_total";
    assertThat(delta(before, after, renders, outcome("accepted", note))).as("a replay is not accepted twice")
        .isEqualTo(6);
    assertThat(delta(before, after, renders, outcome("succeeded", note))).isEqualTo(6);
    assertThat(delta(before, after, renders, outcome("accepted", page))).isEqualTo(3);
    assertThat(delta(before, after, renders, outcome("succeeded", page))).isEqualTo(3);
    assertThat(delta(before, after, renders, outcome("accepted", logo))).isEqualTo(2);
    assertThat(delta(before, after, renders, outcome("failed", logo))).isEqualTo(2);
    assertThat(delta(before, after, renders, outcome("succeeded", logo))).isZero();
    assertThat(after.sum(renders, Map.of("outcome", "cancelled"))).isZero();

    // histograms: one observation per drawn document in each engine's +Inf bucket, and the finite buckets exist
    String engine = "platen_render_engine_seconds_bucket";
    assertThat(delta(before, after, engine, Map.of("engine", "direct", "le", "+Inf"))).isEqualTo(6);
    assertThat(delta(before, after, engine, Map.of("engine", "html", "le", "+Inf"))).isEqualTo(3);
    assertThat(after.find(engine, Map.of("engine", "direct"))).hasSizeGreaterThan(10)
        .anyMatch(s -> s.labels().get("le").equals("0.01"));
    assertThat(delta(before, after, "platen_render_engine_seconds_count", Map.of("engine", "direct"))).isEqualTo(6);
    assertThat(after.sum("platen_render_engine_seconds_sum", Map.of("engine", "html"))).isPositive();
    String wait = "platen_render_queue_wait_seconds_bucket";
    assertThat(delta(before, after, wait, Map.of("engine", "direct", "le", "+Inf"))).isEqualTo(6);
    assertThat(delta(before, after, wait, Map.of("engine", "html", "le", "+Inf"))).isEqualTo(3);
    assertThat(delta(before, after, wait, Map.of("engine", "none", "le", "+Inf")))
        .as("a render that failed before any engine drew it").isEqualTo(2);

    assertThat(after.sum("platen_renders_in_flight", Map.of())).isZero();
    assertThat(after.find("platen_queue_depth", Map.of())).extracting(s -> s.labels().get("status"))
        .containsExactlyInAnyOrder("queued", "rendering");
    Thread.sleep(1_100); // the depth is read at most once a second
    assertThat(scrape().sum("platen_queue_depth", Map.of())).isZero();

    Map<String, String> accepted = Map.of("method", "POST", "route", "/v1/templates/{slug}/render", "status", "202");
    assertThat(delta(before, after, "http_server_requests_seconds_count", accepted)).isEqualTo(11);
    assertThat(delta(before, after, "http_server_requests_seconds_count",
        Map.of("route", "/v1/templates/{slug}/render", "status", "200"))).isEqualTo(1);
    assertThat(after.find("http_server_requests_seconds_bucket", accepted))
        .anyMatch(s -> s.labels().get("le").equals("0.05"));
    assertThat(after.sum("http_server_requests_seconds_count", Map.of("route", "/v1/renders/{id}", "status", "200")))
        .isPositive();

    // the JVM, the connection pool and the render threads. GC pauses are a series from the first collection on,
    // and a run that allocates little may not have had one yet (the server runs in this JVM): make one happen
    System.gc();
    PrometheusText jvm = scrape();
    for (long deadline = System.nanoTime() + 5_000_000_000L; !jvm.has("jvm_gc_pause_seconds_count")
        && System.nanoTime() < deadline; jvm = scrape()) {
      Thread.sleep(50); // the pause is reported by a JMX notification, after the collection
    }
    for (String name : List.of("jvm_memory_used_bytes", "jvm_gc_pause_seconds_count", "jvm_threads_live_threads",
        "process_cpu_usage", "system_cpu_count", "hikaricp_connections_active", "executor_pool_size_threads")) {
      assertThat(jvm.has(name)).as(name).isTrue();
    }
    assertThat(after.find("executor_pool_size_threads", Map.of("name", "render"))).isNotEmpty();
  }

  @Test
  void unknownPathsShareOneRouteLabel() {
    String path = "/v1/no-such-thing-" + System.nanoTime();
    assertThat(server.get(path, key).status()).isEqualTo(404);
    Res metrics = send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/metrics"))
        .header("Authorization", "Bearer " + METRICS_KEY));
    assertThat(metrics.text()).doesNotContain(path);
    assertThat(PrometheusText.parse(metrics.text()).sum("http_server_requests_seconds_count",
        Map.of("route", "unmatched", "status", "404"))).isPositive();
  }

  @Test
  void metricsNeedTheBearerWhenAKeyIsSet() {
    Res none = server.get("/metrics", null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.errorCode()).isEqualTo("unauthorized");
    assertThat(server.get("/metrics", "not-the-metrics-key-000000").status()).isEqualTo(401);
    assertThat(server.get("/metrics", key).status()).as("a project key is not the metrics key").isEqualTo(401);
    assertThat(server.get("/metrics", METRICS_KEY).status()).isEqualTo(200);
  }

  @Test
  void healthIsAliveAndReadyNamesEachCheck() {
    Res health = server.get("/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().toString()).isEqualTo("{\"status\":\"ok\"}");
    Res ready = server.get("/ready", null);
    assertThat(ready.status()).as(ready.text()).isEqualTo(200);
    assertThat(ready.json().path("status").asString()).isEqualTo("ready");
    assertThat(ready.json().path("checks").toString())
        .isEqualTo("{\"database\":\"ok\",\"migrations\":\"ok\",\"blobStore\":\"ok\",\"shutdown\":\"ok\"}");
  }

  @Test
  void aRequestIdIsEchoedOrMade() {
    Res given = send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/health"))
        .header("X-Request-Id", "lb-7f3a:42.x_y"));
    assertThat(given.header("X-Request-Id")).isEqualTo("lb-7f3a:42.x_y");
    Res made = server.get("/health", null);
    assertThat(made.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    assertThat(server.get("/health", null).header("X-Request-Id")).isNotEqualTo(made.header("X-Request-Id"));
    for (String hostile : List.of("a b", "x".repeat(129), "<script>", "id\u00e9")) {
      Res r = send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/v1/templates"))
          .header("X-Request-Id", hostile));
      assertThat(r.header("X-Request-Id")).as(hostile).matches("[0-9a-f-]{36}");
    }
    Res error = server.get("/v1/renders/nope", key);
    assertThat(error.status()).isEqualTo(404);
    assertThat(error.header("X-Request-Id")).as("errors carry it too").isNotBlank();
  }

  @Test
  void swaggerUiIsServedFromTheJarOverTheShippedDocument() {
    Res page = server.get("/docs", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    String html = page.text();
    assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
    Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
    List<String> assets = new ArrayList<>();
    while (m.find()) assets.add(m.group(1));
    assertThat(assets).contains("/docs/swagger-ui.css", "/docs/swagger-ui-bundle.js", "/docs/platen-docs.js");
    for (String asset : assets) {
      Res r = server.get(asset, null);
      assertThat(r.status()).as(asset).isEqualTo(200);
      assertThat(r.body().length).as(asset).isGreaterThan(100);
    }
    assertThat(server.get("/docs/swagger-ui-bundle.js", null).text()).contains("SwaggerUIBundle");
    assertThat(server.get("/docs/swagger-ui-bundle.js", null).header("Content-Type")).startsWith("text/javascript");
    assertThat(server.get("/docs/swagger-ui.css", null).header("Content-Type")).startsWith("text/css");
    String init = server.get("/docs/platen-docs.js", null).text();
    assertThat(init).contains("url: \"/openapi.yaml\"").contains("validatorUrl: null");
    assertThat(server.get("/openapi.yaml", null).status()).isEqualTo(200);
    Res other = server.get("/docs/index.html", null);
    assertThat(other.status()).as("only the page's own files").isEqualTo(404);
    assertThat(other.errorCode()).isEqualTo("not_found");
    assertThat(server.get("/docs/..%2Fopenapi.yaml", null).status()).isEqualTo(404);
  }
}
