package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** GET /v1/templates/:slug/versions and /versions/:n over HTTP. */
class TemplateVersionsTest {
  @TempDir static Path dir;
  static TestServer server;
  static String key;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir, Map.of("PLATEN_ROLE", "api"));
    key = server.liveKey;
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Map<String, Object> variable(String k) {
    return Map.of("key", k, "label", k, "dataType", "text", "required", true);
  }

  @Test
  void listsEveryVersionAndReadsEachAsPublished() {
    Res created = server.post("/v1/templates", key, Map.of("name", "Letter", "slug", "letter",
        "manifest", Map.of("variables", List.of(variable("greeting")))));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    Res put = server.put("/v1/templates/letter", key, Map.of("name", "Letter v2",
        "manifest", Map.of("variables", List.of(variable("greeting"), variable("signature"))),
        "pageConfig", Map.of("format", "A5")));
    assertThat(put.status()).as(put.text()).isEqualTo(200);

    Res list = server.get("/v1/templates/letter/versions", key);
    assertThat(list.status()).as(list.text()).isEqualTo(200);
    JsonNode versions = list.json().path("versions");
    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).propertyNames()).containsExactly("versionNumber", "createdAt", "name");
    assertThat(versions.get(0).path("versionNumber").asInt()).isEqualTo(1);
    assertThat(versions.get(0).path("name").asString()).isEqualTo("Letter");
    assertThat(versions.get(1).path("versionNumber").asInt()).isEqualTo(2);
    assertThat(versions.get(1).path("name").asString()).isEqualTo("Letter v2");
    assertThat(versions.get(1).path("createdAt").asString())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")
        .isGreaterThanOrEqualTo(versions.get(0).path("createdAt").asString());

    Res v1 = server.get("/v1/templates/letter/versions/1", key);
    assertThat(v1.status()).as(v1.text()).isEqualTo(200);
    JsonNode one = v1.json();
    assertThat(one.propertyNames()).containsExactly("versionNumber", "manifest", "layout", "pageConfig",
        "jsonSchema", "createdAt");
    assertThat(one.path("versionNumber").asInt()).isEqualTo(1);
    assertThat(one.path("manifest").path("variables")).hasSize(1);
    assertThat(one.path("jsonSchema").path("required").toString()).contains("greeting")
        .doesNotContain("signature");
    assertThat(one.path("layout").isObject()).as("the synthesised layout is stored with the version").isTrue();
    assertThat(one.path("createdAt").asString()).isEqualTo(versions.get(0).path("createdAt").asString());

    JsonNode two = server.get("/v1/templates/letter/versions/2", key).json();
    assertThat(two.path("pageConfig").path("format").asString()).isEqualTo("A5");
    assertThat(two.path("manifest").path("variables")).hasSize(2);
    JsonNode current = server.get("/v1/templates/letter", key).json();
    assertThat(two.path("manifest")).as("the current version is what GET template shows")
        .isEqualTo(current.path("manifest"));
    assertThat(two.path("jsonSchema")).isEqualTo(current.path("jsonSchema"));
    assertThat(one.path("pageConfig")).isNotEqualTo(two.path("pageConfig"));
  }

  @Test
  void unknownVersionsAndForeignTemplatesAreNotFound() {
    assertThat(server.post("/v1/templates", key, Map.of("name", "Memo", "slug", "memo",
        "manifest", Map.of("variables", List.of(variable("body"))))).status()).isEqualTo(201);
    for (String n : List.of("2", "0", "-1", "abc", "1.0", "99999999999999999999")) {
      Res r = server.get("/v1/templates/memo/versions/" + n, key);
      assertThat(r.status()).as(n + ": " + r.text()).isEqualTo(404);
      assertThat(r.errorCode()).isEqualTo("version_not_found");
    }
    String other = server.newProjectKey(false);
    Res foreignList = server.get("/v1/templates/memo/versions", other);
    assertThat(foreignList.status()).isEqualTo(404);
    assertThat(foreignList.errorCode()).isEqualTo("template_not_found");
    Res foreignOne = server.get("/v1/templates/memo/versions/1", other);
    assertThat(foreignOne.status()).isEqualTo(404);
    assertThat(foreignOne.errorCode()).isEqualTo("template_not_found");
    assertThat(server.get("/v1/templates/memo/versions", null).status()).isEqualTo(401);

    assertThat(server.delete("/v1/templates/memo", key).status()).isEqualTo(200);
    assertThat(server.get("/v1/templates/memo/versions", key).errorCode()).isEqualTo("template_not_found");
    assertThat(server.get("/v1/templates/memo/versions/1", key).errorCode()).isEqualTo("template_not_found");
  }
}
