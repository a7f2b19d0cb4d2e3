package dev.platen.api;

import static dev.platen.api.OpenApiTest.matches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Small divergences from the reference that a client SDK would trip on, each checked over HTTP. */
class ReferenceDivergencesTest {
  private static final String ADMIN = "admin-key-0123456789abcdef";
  @TempDir static Path dir;
  static TestServer server;
  static String key;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir, Map.of("PLATEN_ADMIN_KEY", ADMIN));
    key = server.liveKey;
    assertThat(server.post("/v1/templates", key, RenderFlowTest.INVOICE).status()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void embedRoutesRefuseAMissingOrBadKeyWithInvalidCredentials() {
    String download = "/v1/embed/renders/0193c2c3-1111-7aaa-8bbb-000000000001/download";
    for (String bad : new String[] {null, "ck_live_unknownunknownunknown00", "not-a-key"}) {
      Res r = server.get(download, bad);
      matches("GET", "/v1/embed/renders/{id}/download", r, 401);
      assertThat(r.errorCode()).isEqualTo("invalid_credentials");
      Res list = server.get("/v1/embed/renders", bad);
      matches("GET", "/v1/embed/renders", list, 401);
      assertThat(list.errorCode()).isEqualTo("invalid_credentials");
    }
    // the core routes keep the reference's unauthorized
    assertThat(server.get("/v1/renders/0193c2c3-1111-7aaa-8bbb-000000000001/download", null).errorCode())
        .isEqualTo("unauthorized");
    // a good key gets past authentication: an unknown render is 404
    assertThat(server.get(download, key).status()).isEqualTo(404);
  }

  @Test
  void theEmbedListPagesByOffsetWithTheTotal() {
    String own = server.newProjectKey(false);
    assertThat(server.post("/v1/templates", own, RenderFlowTest.INVOICE).status()).isEqualTo(201);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(0, server.post("/v1/templates/invoice/render", own, Map.of("data", RenderFlowTest.invoiceData(1)))
          .json().path("id").asString());
    }
    server.awaitTerminal(ids.get(0), own, Duration.ofSeconds(60));
    List<String> seen = new ArrayList<>();
    for (int offset = 0; offset < 9; offset += 3) {
      Res page = server.get("/v1/embed/renders?limit=3&offset=" + offset, own);
      matches("GET", "/v1/embed/renders", page, 200);
      assertThat(page.json().path("total").asInt()).isEqualTo(7);
      for (JsonNode r : page.json().path("renders")) {
        assertThat(r.path("templateSlug").asString()).isEqualTo("invoice");
        seen.add(r.path("id").asString());
      }
    }
    // newest first, every render once (ids are time-ordered UUIDv7)
    assertThat(seen).isEqualTo(ids);
    Res defaults = server.get("/v1/embed/renders", own);
    assertThat(defaults.json().path("renders").size()).isEqualTo(7);
    // another project's renders are not listed
    assertThat(server.get("/v1/embed/renders", key).json().path("renders").valueStream()
        .map(r -> r.path("id").asString())).doesNotContainAnyElementsOf(ids);
    for (String q : new String[] {"limit=0", "limit=101", "offset=-1", "offset=x", "limit=1.5"}) {
      Res bad = server.get("/v1/embed/renders?" + q, own);
      matches("GET", "/v1/embed/renders", bad, 400);
      assertThat(bad.errorCode()).as(q).isEqualTo("invalid_request");
    }
  }

  @Test
  void invalidJsonSaysWhatAndWhereWithoutJavaNames() {
    Map<String, String> cases = Map.of(
        "{\"data\": {\"a\": 1, \"a\": 2}}", "the key 'a' appears twice in one object",
        "{\"data\": {}} {\"more\": 1}", "more content follows the JSON value",
        "[".repeat(300), "nested deeper than 200 levels",
        "{\"data\": " + "9".repeat(1200) + "}", "a number longer than 1000 characters",
        "{\n  \"data\": {\n    \"x\": tru\n  }\n}", "line 3",
        "{\"data\": {", "the JSON ends too early",
        "{\"data\": {} ,}", "line 1");
    Set<String> seen = new HashSet<>();
    for (var c : cases.entrySet()) {
      Res r = server.postRaw("/v1/templates/invoice/render", key, c.getKey().getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("invalid_json");
      String message = r.json().at("/error/message").asString();
      seen.add(message);
      assertThat(message).as(c.getKey()).contains(c.getValue()).contains("line ").contains("column ")
          .doesNotContainPattern("(?i)jackson|ObjectNode|JsonNode|DeserializationFeature|StreamReadConstraints"
              + "|java\\.|`|\\(code \\d+\\)");
    }
    assertThat(seen).hasSize(cases.size());
  }

  @Test
  void theAdminRefusalDoesNotHintAtProjectKeys() {
    for (String bad : new String[] {null, "wrong-admin-key-0000000000", key}) {
      Res r = server.post("/v1/admin/provision", bad, Map.of("externalOrgId", "org-1"));
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.json().at("/error/message").asString()).as(String.valueOf(bad))
          .doesNotContain("ck_live_").doesNotContain("ck_test_");
    }
  }

  @Test
  void aBadSlugInTheUrlIsReportedAsTheUrls() {
    Res r = server.put("/v1/templates/Not_A_Slug", key, RenderFlowTest.INVOICE);
    matches("PUT", "/v1/templates/{slug}", r, 400);
    assertThat(r.errorCode()).isEqualTo("invalid_request");
    assertThat(r.json().at("/error/issues/fieldErrors").has("slug")).isFalse();
    assertThat(r.json().at("/error/issues/formErrors/0").asString()).contains("URL").contains("Not_A_Slug");
    assertThat(r.json().at("/error/message").asString()).contains("URL");
  }

  @Test
  void manifestsKeepTheirDocumentedFields() {
    Map<String, Object> variable = Map.of("key", "customer.name", "label", "Customer", "dataType", "text",
        "required", true, "helpText", "As on the contract", "placeholder", "Ada Lovelace",
        "previewData", "Ada Lovelace");
    Map<String, Object> loop = Map.of("key", "items", "label", "Items", "helpText", "One row per product",
        "previewData", List.of(Map.of("description", "Widget", "amount", 3)),
        "itemFields", List.of(Map.of("key", "description", "label", "Description", "dataType", "text",
            "helpText", "What was sold", "previewData", "Widget"),
            Map.of("key", "amount", "label", "Amount", "dataType", "number", "previewData", 3)));
    Map<String, Object> manifest = Map.of("variables", List.of(variable), "loops", List.of(loop));
    Res created = server.post("/v1/templates", key, Map.of("name", "Documented", "manifest", manifest));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    JsonNode expected = TestServer.JSON.valueToTree(manifest);
    for (JsonNode echoed : List.of(created.json().path("manifest"),
        server.get("/v1/templates/documented", key).json().path("manifest"),
        server.get("/v1/templates/documented/versions/1", key).json().path("manifest"))) {
      JsonNode v = echoed.at("/variables/0");
      for (String f : List.of("helpText", "placeholder", "previewData")) {
        assertThat(v.path(f)).as(f).isEqualTo(expected.at("/variables/0/" + f));
      }
      JsonNode l = echoed.at("/loops/0");
      assertThat(l.path("helpText")).isEqualTo(expected.at("/loops/0/helpText"));
      assertThat(l.path("previewData")).isEqualTo(expected.at("/loops/0/previewData"));
      assertThat(l.at("/itemFields/0/helpText").asString()).isEqualTo("What was sold");
      assertThat(l.at("/itemFields/1/previewData").asInt()).isEqualTo(3);
    }
    // documentation is checked for shape, never rendered
    Res bad = server.post("/v1/templates", key, Map.of("name", "Bad docs", "manifest", Map.of(
        "variables", List.of(Map.of("key", "a", "dataType", "text", "helpText", 5, "placeholder", "x".repeat(281))),
        "loops", List.of(Map.of("key", "rows", "label", "Rows", "previewData", Map.of("not", "rows"),
            "itemFields", List.of(Map.of("key", "b", "dataType", "text")))))));
    matches("POST", "/v1/templates", bad, 400);
    assertThat(bad.json().at("/error/issues/fieldErrors").propertyNames()).containsExactlyInAnyOrder(
        "manifest.variables.0.helpText", "manifest.variables.0.placeholder", "manifest.loops.0.previewData");
  }
}
