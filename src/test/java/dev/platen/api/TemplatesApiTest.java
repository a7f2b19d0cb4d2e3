package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** /v1/templates over HTTP: publish, derived slugs, versions, soft delete, schema. */
class TemplatesApiTest {
  @TempDir static Path dir;
  static TestServer server;
  static String key;

  static Map<String, Object> template(String name, String varKey) {
    return Map.of("name", name, "manifest", Map.of(
        "variables", List.of(Map.of("key", varKey, "label", "Value", "dataType", "text", "required", true)),
        "loops", List.of()));
  }

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    key = server.liveKey;
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void derivedSlugsGetNumericSuffixesAndExplicitDuplicatesConflict() {
    Res a = server.post("/v1/templates", key, template("Delivery Note", "a"));
    Res b = server.post("/v1/templates", key, template("Delivery note", "a"));
    Res c = server.post("/v1/templates", key, template("delivery  NOTE!", "a"));
    assertThat(a.status()).isEqualTo(201);
    assertThat(a.json().path("slug").asString()).isEqualTo("delivery-note");
    assertThat(b.json().path("slug").asString()).isEqualTo("delivery-note-2");
    assertThat(c.json().path("slug").asString()).isEqualTo("delivery-note-3");
    assertThat(a.json().path("currentVersionNumber").asInt()).isEqualTo(1);
    assertThat(a.json().propertyNames()).containsExactly("id", "slug", "currentVersionNumber", "manifest");

    Map<String, Object> explicit = new java.util.HashMap<>(template("Anything", "a"));
    explicit.put("slug", "delivery-note");
    Res conflict = server.post("/v1/templates", key, explicit);
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.errorCode()).isEqualTo("slug_conflict");

    explicit.put("slug", "Not A Slug");
    Res bad = server.post("/v1/templates", key, explicit);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/error/issues/fieldErrors").has("slug")).isTrue();
  }

  @Test
  void putCreatesThenPublishesNewVersionsAndRendersPinVersions() {
    Res created = server.put("/v1/templates/receipt", key, template("Receipt", "first"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("currentVersionNumber").asInt()).isEqualTo(1);
    Res v2 = server.put("/v1/templates/receipt", key, template("Receipt v2", "second"));
    assertThat(v2.status()).isEqualTo(200);
    assertThat(v2.json().path("currentVersionNumber").asInt()).isEqualTo(2);
    assertThat(v2.json().path("id").asString()).isEqualTo(created.json().path("id").asString());

    // v2 requires "second"; pinning v1 requires "first"
    Res current = server.post("/v1/templates/receipt/render", key, Map.of("data", Map.of("first", "x")));
    assertThat(current.errorCode()).isEqualTo("invalid_input_data");
    Res pinned = server.post("/v1/templates/receipt/render", key,
        Map.of("data", Map.of("first", "pinned value"), "options", Map.of("versionNumber", 1)));
    assertThat(pinned.status()).as(pinned.text()).isEqualTo(202);
    JsonNode done = server.awaitTerminal(pinned.json().path("id").asString(), key, Duration.ofSeconds(30));
    assertThat(done.path("status").asString()).isEqualTo("succeeded");

    JsonNode got = server.get("/v1/templates/receipt", key).json();
    assertThat(got.path("name").asString()).isEqualTo("Receipt v2");
    assertThat(got.path("currentVersionNumber").asInt()).isEqualTo(2);
    assertThat(got.path("published").asBoolean()).isTrue();
    assertThat(got.path("templateType").asString()).isEqualTo("document");
    assertThat(got.at("/jsonSchema/$schema").asString()).isEqualTo("http://json-schema.org/draft-07/schema#");
    assertThat(got.at("/jsonSchema/properties").has("second")).isTrue();
    assertThat(got.at("/manifest/variables/0/key").asString()).isEqualTo("second");

    Res badSlug = server.put("/v1/templates/Bad_Slug", key, template("x", "a"));
    assertThat(badSlug.status()).isEqualTo(400);
    assertThat(badSlug.errorCode()).isEqualTo("invalid_request");
  }

  @Test
  void deleteIsSoftFreesTheSlugAndKeepsRenders() {
    server.post("/v1/templates", key, Map.of("name", "Certificate", "slug", "certificate", "manifest",
        Map.of("variables", List.of(Map.of("key", "who", "dataType", "text")), "loops", List.of())));
    Res r = server.post("/v1/templates/certificate/render", key, Map.of("data", Map.of("who", "Ada")));
    String renderId = r.json().path("id").asString();
    server.awaitTerminal(renderId, key, Duration.ofSeconds(30));

    Res del = server.delete("/v1/templates/certificate", key);
    assertThat(del.status()).isEqualTo(200);
    assertThat(del.json().propertyNames()).containsExactly("id", "slug", "deletedAt");
    assertThat(server.delete("/v1/templates/certificate", key).status()).isEqualTo(404);
    assertThat(server.get("/v1/templates/certificate", key).errorCode()).isEqualTo("template_not_found");
    assertThat(server.post("/v1/templates/certificate/render", key, Map.of("data", Map.of())).errorCode())
        .isEqualTo("template_not_found");
    assertThat(server.get("/v1/templates", key).json().path("templates").findValuesAsString("slug"))
        .doesNotContain("certificate");
    // the render stays readable and downloadable
    JsonNode render = server.get("/v1/renders/" + renderId, key).json();
    assertThat(render.path("status").asString()).isEqualTo("succeeded");
    assertThat(server.get(render.path("downloadUrl").asString(), null).status()).isEqualTo(200);
    // and the slug is free again
    Res again = server.post("/v1/templates", key, Map.of("name", "Certificate", "slug", "certificate", "manifest",
        Map.of("variables", List.of(), "loops", List.of())));
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().path("id").asString()).isNotEqualTo(del.json().path("id").asString());
  }

  @Test
  void manifestErrorsAreReportedByPath() {
    Res dotted = server.post("/v1/templates", key, Map.of("name", "Bad loop", "manifest", Map.of(
        "variables", List.of(), "loops", List.of(Map.of("key", "handover.areas", "label", "Areas",
            "itemFields", List.of(Map.of("key", "name", "dataType", "text")))))));
    assertThat(dotted.status()).isEqualTo(400);
    assertThat(dotted.errorCode()).isEqualTo("invalid_loop_key");

    Res badType = server.post("/v1/templates", key, Map.of("name", "", "manifest", Map.of(
        "variables", List.of(Map.of("key", "a", "dataType", "colour")), "loops", List.of())));
    assertThat(badType.status()).isEqualTo(400);
    assertThat(badType.errorCode()).isEqualTo("invalid_request");
    JsonNode fe = badType.json().at("/error/issues/fieldErrors");
    assertThat(fe.has("name")).isTrue();
    assertThat(fe.has("manifest.variables.0.dataType")).isTrue();

    Res badPage = server.post("/v1/templates", key, Map.of("name", "Paper", "pageConfig",
        Map.of("format", "B7"), "manifest", Map.of("variables", List.of(), "loops", List.of())));
    assertThat(badPage.status()).isEqualTo(400);
    assertThat(badPage.json().at("/error/issues/fieldErrors").has("pageConfig.format")).isTrue();
  }

  @Test
  void listIsNewestUpdatedFirstWithoutManifests() {
    server.post("/v1/templates", key, template("Zeta list", "a"));
    server.post("/v1/templates", key, template("Omega list", "a"));
    JsonNode list = server.get("/v1/templates", key).json().path("templates");
    assertThat(list.get(0).path("slug").asString()).isEqualTo("omega-list");
    assertThat(list.get(0).propertyNames()).containsExactly("id", "name", "slug", "templateType",
        "currentVersionNumber", "published", "createdAt", "updatedAt");
  }
}
