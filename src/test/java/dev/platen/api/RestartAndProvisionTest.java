package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.config.ConfigException;
import dev.platen.testing.Pdfs;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** What survives a restart on the same data directory, and admin provisioning. */
class RestartAndProvisionTest {
  static final String ADMIN = "admin-secret-for-tests-0123456789";

  /** A second server on a busy port stops with one line naming the port and the variable, not a stack trace. */
  @Test
  void aBusyPortStopsStartUpWithOneLineNamingIt(@TempDir Path dir) {
    int port = TestServer.freePort();
    Map<String, String> env = Map.of("PLATEN_PORT", String.valueOf(port));
    try (TestServer first = TestServer.start(dir.resolve("a"), env)) {
      assertThatThrownBy(() -> TestServer.start(dir.resolve("b"), env))
          .isInstanceOf(ConfigException.class)
          .hasMessage("PLATEN_PORT " + port + " is already in use: stop what listens there or choose another port");
      assertThat(first.get("/health", null).status()).isEqualTo(200);
    }
  }

  @Test
  void rendersKeysAndDownloadUrlsSurviveARestart(@TempDir Path dir) {
    int port = TestServer.freePort();
    Map<String, String> env = Map.of("PLATEN_PORT", String.valueOf(port), "PLATEN_ADMIN_KEY", ADMIN);
    String renderId;
    String downloadUrl;
    String provisionedKey;
    byte[] before;
    try (TestServer s = TestServer.start(dir, env)) {
      assertThat(s.post("/v1/templates", s.liveKey, Map.of("name", "Letter", "manifest", Map.of(
          "variables", List.of(Map.of("key", "body", "dataType", "longtext")), "loops", List.of()))).status())
          .isEqualTo(201);
      Res r = s.post("/v1/templates/letter/render", s.liveKey, Map.of("data", Map.of("body", "Dear reader")));
      renderId = r.json().path("id").asString();
      JsonNode done = s.awaitTerminal(renderId, s.liveKey, Duration.ofSeconds(30));
      downloadUrl = done.path("downloadUrl").asString();
      before = s.get(downloadUrl, null).body();
      provisionedKey = s.post("/v1/admin/provision", ADMIN, Map.of("externalOrgId", "org-1")).json()
          .path("apiKey").asString();
    }
    try (TestServer s = TestServer.start(dir, env)) {
      JsonNode again = s.get("/v1/renders/" + renderId, s.liveKey).json();
      assertThat(again.path("status").asString()).isEqualTo("succeeded");
      assertThat(again.path("downloadUrl").asString()).isEqualTo(downloadUrl);
      Res pdf = s.get(downloadUrl, null);
      assertThat(pdf.status()).isEqualTo(200);
      assertThat(pdf.body()).isEqualTo(before);
      assertThat(Pdfs.text(pdf.body())).contains("Dear reader");
      assertThat(s.get("/v1/templates", provisionedKey).status()).isEqualTo(200);
      Res replay = s.post("/v1/admin/provision", ADMIN, Map.of("externalOrgId", "org-1"));
      assertThat(replay.status()).isEqualTo(200);
      assertThat(replay.json().path("apiKey").asString()).isEqualTo(provisionedKey);
    }
  }

  @Test
  void provisioningCreatesOnceThenReturnsTheSameKey(@TempDir Path dir) {
    try (TestServer s = TestServer.start(dir, Map.of("PLATEN_ADMIN_KEY", ADMIN))) {
      Res first = s.post("/v1/admin/provision", ADMIN, Map.of("externalOrgId", "acme-42", "name", "Acme"));
      assertThat(first.status()).as(first.text()).isEqualTo(201);
      JsonNode f = first.json();
      assertThat(f.propertyNames()).containsExactly("projectId", "externalOrgId", "name", "apiKey");
      assertThat(f.path("apiKey").asString()).startsWith("ck_live_");
      assertThat(f.path("name").asString()).isEqualTo("Acme");
      Res second = s.post("/v1/admin/provision", ADMIN, Map.of("externalOrgId", "acme-42"));
      assertThat(second.status()).isEqualTo(200);
      assertThat(second.json().path("apiKey").asString()).isEqualTo(f.path("apiKey").asString());
      assertThat(second.json().path("projectId").asString()).isEqualTo(f.path("projectId").asString());

      // the provisioned key is a working project key for its own project only
      String k = f.path("apiKey").asString();
      assertThat(s.get("/v1/templates", k).status()).isEqualTo(200);
      assertThat(s.post("/v1/admin/provision", k, Map.of("externalOrgId", "x")).status()).isEqualTo(401);
      assertThat(s.post("/v1/admin/provision", s.liveKey, Map.of("externalOrgId", "x")).status()).isEqualTo(401);
      assertThat(s.post("/v1/admin/provision", "wrong", Map.of("externalOrgId", "x")).errorCode())
          .isEqualTo("unauthorized");
      Res invalid = s.post("/v1/admin/provision", ADMIN, Map.of("name", "no org"));
      assertThat(invalid.status()).isEqualTo(400);
      assertThat(invalid.json().at("/error/issues/fieldErrors").has("externalOrgId")).isTrue();
    }
  }

  @Test
  void adminEndpointsAreOffWithoutAnAdminKey(@TempDir Path dir) {
    try (TestServer s = TestServer.start(dir)) {
      Res r = s.post("/v1/admin/provision", "anything", Map.of("externalOrgId", "x"));
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.errorCode()).isEqualTo("not_found");
    }
  }
}
