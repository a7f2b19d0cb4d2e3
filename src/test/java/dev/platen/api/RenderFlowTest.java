package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.Pdfs;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The Craftkit render flow over HTTP against a started server: template → render → poll → download. */
class RenderFlowTest {
  @TempDir static Path dir;
  static TestServer server;
  static String key;

  static final Map<String, Object> INVOICE = Map.of(
      "name", "Invoice",
      "manifest", Map.of(
          "variables", List.of(
              Map.of("key", "customer.name", "label", "Customer name", "dataType", "text", "required", true),
              Map.of("key", "invoice.total", "label", "Total", "dataType", "currency", "format", "currency:EUR"),
              Map.of("key", "invoice.date", "label", "Date", "dataType", "date"),
              Map.of("key", "paid", "label", "Paid", "dataType", "boolean")),
          "loops", List.of(Map.of("key", "items", "label", "Items", "itemFields", List.of(
              Map.of("key", "description", "label", "Description", "dataType", "text"),
              Map.of("key", "amount", "label", "Amount", "dataType", "number"))))));

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    key = server.liveKey;
    Res r = server.post("/v1/templates", key, INVOICE);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Map<String, Object> invoiceData(int rows) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 1; i <= rows; i++) items.add(Map.of("description", "Row item " + i, "amount", i));
    return Map.of("customer", Map.of("name", "Zoë Ångström"), "invoice", Map.of("total", "1234.5",
        "date", "2026-06-05"), "paid", "true", "items", items);
  }

  @Test
  void rendersPollsAndDownloadsARealPdf() {
    Res accepted = server.post("/v1/templates/invoice/render", key, Map.of("data", invoiceData(3)));
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    JsonNode a = accepted.json();
    assertThat(a.propertyNames()).containsExactly("id", "status", "pollUrl", "downloadUrl", "errorMessage",
        "createdAt");
    assertThat(a.path("status").asString()).isEqualTo("queued");
    assertThat(a.path("pollUrl").asString()).isEqualTo(server.baseUrl + "/v1/renders/" + a.path("id").asString());
    assertThat(a.path("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(a.path("id").asString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    JsonNode done = server.awaitTerminal(a.path("id").asString(), key, Duration.ofSeconds(30));
    assertThat(done.propertyNames()).containsExactly("id", "status", "pollUrl", "downloadUrl", "errorMessage",
        "createdAt", "completedAt", "durationMs");
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.path("errorMessage").isNull()).isTrue();
    assertThat(done.path("completedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(done.path("durationMs").isIntegralNumber()).isTrue();
    String url = done.path("downloadUrl").asString();
    assertThat(url).startsWith(server.baseUrl + "/files/" + a.path("id").asString() + "/")
        .endsWith("/invoice-" + a.path("id").asString() + ".pdf");

    Res pdf = server.get(url, null);
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
    assertThat(pdf.header("Content-Disposition")).contains("invoice-" + a.path("id").asString() + ".pdf");
    String text = Pdfs.text(pdf.body());
    assertThat(text).contains("Zoë Ångström").contains("1,234.50 EUR").contains("Row item 3");

    // the token is the secret: a wrong one is not found, and so is the project-key route of another project
    assertThat(server.get(url.replaceAll("/files/([^/]+)/[^/]+/", "/files/$1/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/"),
        null).status()).isEqualTo(404);
    Res priv = server.get("/v1/embed/renders/" + a.path("id").asString() + "/download", key);
    assertThat(priv.status()).isEqualTo(200);
    assertThat(priv.header("Content-Disposition")).startsWith("inline");
    assertThat(priv.header("Cache-Control")).isEqualTo("private, max-age=3600");
    Res alias = server.get("/v1/renders/" + a.path("id").asString() + "/download", key);
    assertThat(alias.status()).isEqualTo(200);
    assertThat(alias.header("Content-Disposition")).startsWith("attachment");
    assertThat(alias.body()).isEqualTo(pdf.body());
  }

  @Test
  void filenameOptionNamesTheDownload() {
    Res r = server.post("/v1/templates/invoice/render", key,
        Map.of("data", invoiceData(1), "options", Map.of("filename", "March statement")));
    assertThat(r.status()).isEqualTo(202);
    JsonNode done = server.awaitTerminal(r.json().path("id").asString(), key, Duration.ofSeconds(30));
    assertThat(done.path("downloadUrl").asString()).endsWith("/March%20statement.pdf");
    Res pdf = server.get(done.path("downloadUrl").asString(), null);
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.header("Content-Disposition")).contains("filename=\"March statement.pdf\"");

    Res bad = server.post("/v1/templates/invoice/render", key,
        Map.of("data", invoiceData(1), "options", Map.of("filename", "../etc/passwd")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorCode()).isEqualTo("invalid_request");
    assertThat(bad.json().at("/error/issues/fieldErrors").has("options.filename")).isTrue();
  }

  @Test
  void loopTableSpansPagesWithEveryRow() {
    Res r = server.post("/v1/templates/invoice/render", key, Map.of("data", invoiceData(300)));
    JsonNode done = server.awaitTerminal(r.json().path("id").asString(), key, Duration.ofSeconds(60));
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
    byte[] pdf = server.get(done.path("downloadUrl").asString(), null).body();
    List<String> pages = Pdfs.pageTexts(pdf);
    assertThat(pages.size()).isGreaterThan(2);
    String all = String.join("\n", pages);
    int last = -1;
    for (int i = 1; i <= 300; i++) {
      int at = all.indexOf("Row item " + i + "\n");
      if (at < 0) at = all.indexOf("Row item " + i + " ");
      assertThat(at).as("row %d present", i).isGreaterThan(last);
      last = at;
    }
    // the table's header row repeats on every page that carries rows
    for (String page : pages) {
      if (page.contains("Row item")) assertThat(page).contains("Description").contains("Amount");
    }
  }

  @Test
  void invalidDataIsRejectedWithDottedFieldErrorsAndQueuesNothing() {
    Res r = server.post("/v1/templates/invoice/render", key, Map.of("data", Map.of("invoice",
        Map.of("total", "abc"), "items", List.of(Map.of("amount", "x")))));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("invalid_input_data");
    JsonNode fe = r.json().at("/error/issues/fieldErrors");
    assertThat(fe.has("customer.name")).isTrue();
    assertThat(fe.has("invoice.total")).isTrue();
    assertThat(fe.has("items.0.amount")).isTrue();
    assertThat(r.json().at("/error/issues/formErrors").isArray()).isTrue();
  }

  @Test
  void aLoopOverTenThousandItemsIsRefused() {
    Res r = server.post("/v1/templates/invoice/render", key, Map.of("data", invoiceData(10_001)));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("invalid_input_data");
    assertThat(r.json().at("/error/issues/fieldErrors").has("items")).isTrue();
  }

  @Test
  void errorsUseTheEnvelope() {
    Res noKey = server.post("/v1/templates/invoice/render", null, Map.of("data", Map.of()));
    assertThat(noKey.status()).isEqualTo(401);
    assertThat(noKey.errorCode()).isEqualTo("unauthorized");
    assertThat(server.get("/v1/templates", "ck_live_nope0000000000000000").errorCode()).isEqualTo("unauthorized");
    assertThat(server.get("/v1/templates", "sk_live_wrongprefix000000000").status()).isEqualTo(401);

    Res badJson = server.postRaw("/v1/templates/invoice/render", key, "{\"data\":".getBytes());
    assertThat(badJson.status()).isEqualTo(400);
    assertThat(badJson.errorCode()).isEqualTo("invalid_json");
    assertThat(server.postRaw("/v1/templates/invoice/render", key, "{\"data\":{},\"data\":{}}".getBytes())
        .errorCode()).isEqualTo("invalid_json");

    Res noData = server.post("/v1/templates/invoice/render", key, Map.of("options", Map.of()));
    assertThat(noData.errorCode()).isEqualTo("invalid_request");
    assertThat(noData.json().at("/error/issues/fieldErrors").has("data")).isTrue();

    Res missing = server.post("/v1/templates/nope/render", key, Map.of("data", Map.of()));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errorCode()).isEqualTo("template_not_found");

    Res version = server.post("/v1/templates/invoice/render", key,
        Map.of("data", invoiceData(1), "options", Map.of("versionNumber", 99)));
    assertThat(version.status()).isEqualTo(404);
    assertThat(version.errorCode()).isEqualTo("version_not_found");
    for (Object bad : List.of(0, 1.5, "2", -1)) {
      Res v = server.post("/v1/templates/invoice/render", key,
          Map.of("data", invoiceData(1), "options", Map.of("versionNumber", bad)));
      assertThat(v.status()).as("versionNumber %s", bad).isEqualTo(400);
      assertThat(v.errorCode()).isEqualTo("invalid_request");
    }

    Res unknownRender = server.get("/v1/renders/0193c2c3-1111-7aaa-8bbb-000000000001", key);
    assertThat(unknownRender.status()).isEqualTo(404);
    assertThat(unknownRender.errorCode()).isEqualTo("not_found");
    assertThat(server.get("/v1/renders/not-a-uuid", key).errorCode()).isEqualTo("not_found");
    Res route = server.get("/v1/nothing-here", key);
    assertThat(route.status()).isEqualTo(404);
    assertThat(route.errorCode()).isEqualTo("not_found");

    byte[] big = new byte[10 * 1024 * 1024 + 10];
    java.util.Arrays.fill(big, (byte) ' ');
    Res tooBig = server.postRaw("/v1/templates/invoice/render", key, big);
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.errorCode()).isEqualTo("payload_too_large");
  }

  @Test
  void anotherProjectSeesNothing() {
    Res r = server.post("/v1/templates/invoice/render", key, Map.of("data", invoiceData(1)));
    String id = r.json().path("id").asString();
    String other = server.newProjectKey(false);
    assertThat(server.get("/v1/renders/" + id, other).status()).isEqualTo(404);
    assertThat(server.get("/v1/renders/" + id, other).errorCode()).isEqualTo("not_found");
    assertThat(server.get("/v1/renders/" + id + "/download", other).status()).isEqualTo(404);
    assertThat(server.get("/v1/embed/renders/" + id + "/download", other).status()).isEqualTo(404);
    assertThat(server.get("/v1/templates/invoice", other).errorCode()).isEqualTo("template_not_found");
    assertThat(server.post("/v1/templates/invoice/render", other, Map.of("data", invoiceData(1))).errorCode())
        .isEqualTo("template_not_found");
    assertThat(server.delete("/v1/templates/invoice", other).status()).isEqualTo(404);
    assertThat(server.get("/v1/templates", other).json().path("templates").size()).isZero();
  }

  @Test
  void idempotencyKeyReplaysTheSameRender() {
    Res first = server.post("/v1/templates/invoice/render", key, Map.of("data", invoiceData(1)),
        "Idempotency-Key", "order-42-checkout");
    assertThat(first.status()).isEqualTo(202);
    Res again = server.post("/v1/templates/invoice/render", key, Map.of("data", Map.of()),
        "Idempotency-Key", "order-42-checkout");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());

    Res byJobId = server.post("/v1/templates/invoice/render", key, Map.of("data", invoiceData(1), "jobId", "job-7"));
    Res byJobIdAgain = server.post("/v1/templates/invoice/render", key, Map.of("data", invoiceData(1),
        "jobId", "job-7"));
    assertThat(byJobId.status()).isEqualTo(202);
    assertThat(byJobIdAgain.status()).isEqualTo(200);
    assertThat(byJobIdAgain.json().path("id").asString()).isEqualTo(byJobId.json().path("id").asString());

    // the same key in another project is another render
    String other = server.newProjectKey(false);
    server.post("/v1/templates", other, INVOICE);
    Res otherProject = server.post("/v1/templates/invoice/render", other, Map.of("data", invoiceData(1)),
        "Idempotency-Key", "order-42-checkout");
    assertThat(otherProject.status()).isEqualTo(202);
    assertThat(otherProject.json().path("id").asString()).isNotEqualTo(first.json().path("id").asString());
  }

  /** The live template is kept in memory between renders: a new version, or a delete, holds from the next one. */
  @Test
  void aRepublishedOrDeletedTemplateHoldsFromTheNextRender() {
    Map<String, Object> v1 = Map.of("name", "Note", "manifest", Map.of("variables", List.of(
        Map.of("key", "a", "label", "A", "dataType", "text", "required", true))));
    Map<String, Object> v2 = Map.of("name", "Note", "manifest", Map.of("variables", List.of(
        Map.of("key", "b", "label", "B", "dataType", "text", "required", true))));
    assertThat(server.put("/v1/templates/note", key, v1).status()).isEqualTo(201);
    assertThat(server.post("/v1/templates/note/render", key, Map.of("data", Map.of("a", "x"))).status())
        .isEqualTo(202);
    Res published = server.put("/v1/templates/note", key, v2);
    assertThat(published.status()).as(published.text()).isEqualTo(200);
    // v2 requires b: a render checked against the cached v1 would pass with a alone
    assertThat(server.post("/v1/templates/note/render", key, Map.of("data", Map.of("a", "x"))).status())
        .isEqualTo(400);
    Res second = server.post("/v1/templates/note/render", key, Map.of("data", Map.of("b", "y")));
    assertThat(second.status()).as(second.text()).isEqualTo(202);
    assertThat(server.delete("/v1/templates/note", key).status()).isIn(200, 204);
    assertThat(server.post("/v1/templates/note/render", key, Map.of("data", Map.of("b", "y"))).status())
        .isEqualTo(404);
  }

  @Test
  void concurrentDuplicatesCreateExactlyOneRender() throws Exception {
    int n = 50;
    List<Res> results = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      var start = new java.util.concurrent.CountDownLatch(1);
      for (int i = 0; i < n; i++) {
        pool.submit(() -> {
          start.await();
          results.add(server.post("/v1/templates/invoice/render", key, Map.of("data", invoiceData(1)),
              "Idempotency-Key", "concurrent-one"));
          return null;
        });
      }
      start.countDown();
    }
    assertThat(results).hasSize(n);
    assertThat(results.stream().filter(r -> r.status() == 202).count()).isEqualTo(1);
    assertThat(results.stream().filter(r -> r.status() == 200).count()).isEqualTo(n - 1);
    assertThat(results.stream().map(r -> r.json().path("id").asString()).distinct().count()).isEqualTo(1);
  }

  @Test
  void testKeysWatermarkAndLiveKeysDoNot() {
    String testKey = server.addKeyToDefaultProject(true);
    Res t = server.post("/v1/templates/invoice/render", testKey, Map.of("data", invoiceData(1)));
    Res l = server.post("/v1/templates/invoice/render", key, Map.of("data", invoiceData(1)));
    JsonNode td = server.awaitTerminal(t.json().path("id").asString(), testKey, Duration.ofSeconds(30));
    JsonNode ld = server.awaitTerminal(l.json().path("id").asString(), key, Duration.ofSeconds(30));
    assertThat(Pdfs.text(server.get(td.path("downloadUrl").asString(), null).body())).contains("TEST");
    assertThat(Pdfs.text(server.get(ld.path("downloadUrl").asString(), null).body())).doesNotContain("TEST");
  }

  @Test
  void healthAndOpenApi() {
    Res h = server.get("/health", null);
    assertThat(h.status()).isEqualTo(200);
    assertThat(h.json().path("status").asString()).isEqualTo("ok");
    Res o = server.get("/openapi.yaml", null);
    assertThat(o.status()).isEqualTo(200);
    assertThat(o.text()).contains("openapi:");
  }
}
