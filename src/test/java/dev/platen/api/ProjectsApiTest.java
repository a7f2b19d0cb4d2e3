package dev.platen.api;

import static dev.platen.api.OpenApiTest.matches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.auth.Authenticator;
import dev.platen.testing.SettableClock;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The account API over HTTP (/v1/projects*, §f.5 of the reference, plus key listing and revocation): every route,
 * its errors, other projects' ids, and what a revoked key or a deleted project's key gets on the next request.
 */
class ProjectsApiTest {
  private static final String UNKNOWN = "0193c2c3-1111-7aaa-8bbb-000000000001";
  private static final Map<String, Object> TEMPLATE = Map.of("name", "Letter", "manifest", Map.of(
      "variables", List.of(Map.of("key", "name", "label", "Name", "dataType", "text", "required", true)),
      "loops", List.of()));

  @TempDir Path dir;

  private static JsonNode created(Res r) {
    matches("POST", "/v1/projects", r, 201);
    return r.json();
  }

  @Test
  void projectsAreCreatedListedReadRenamedAndDeleted() {
    try (TestServer s = TestServer.start(dir)) {
      String acct = s.accountKey;
      JsonNode acme = created(s.post("/v1/projects", acct, Map.of("name", "  Acme Billing ")));
      assertThat(acme.path("slug").asString()).isEqualTo("acme-billing");
      assertThat(acme.path("name").asString()).isEqualTo("Acme Billing");
      assertThat(acme.propertyNames()).containsExactly("id", "slug", "name");
      JsonNode acme2 = created(s.post("/v1/projects", acct, Map.of("name", "Acme Billing")));
      assertThat(acme2.path("slug").asString()).isEqualTo("acme-billing-2");
      JsonNode symbols = created(s.post("/v1/projects", acct, Map.of("name", "★★★")));
      assertThat(symbols.path("slug").asString()).isEqualTo("project");

      // the reference answers this operation's validation failures with 422
      Res missing = s.post("/v1/projects", acct, Map.of());
      matches("POST", "/v1/projects", missing, 422);
      assertThat(missing.json().at("/error/issues/fieldErrors/name/0").asString()).isEqualTo("Required");
      matches("POST", "/v1/projects", s.post("/v1/projects", acct, Map.of("name", "x".repeat(121))), 422);
      matches("POST", "/v1/projects", s.post("/v1/projects", acct, Map.of("name", "   ")), 422);
      matches("POST", "/v1/projects", s.post("/v1/projects", acct, Map.of("name", 42)), 422);
      matches("POST", "/v1/projects", s.post("/v1/projects", acct, Map.of("name", "a\nb")), 422);
      created(s.post("/v1/projects", acct, Map.of("name", "x".repeat(120))));
      matches("POST", "/v1/projects", s.postRaw("/v1/projects", acct, "{".getBytes()), 400);
      matches("POST", "/v1/projects", s.post("/v1/projects", acct, List.of()), 400);

      Res list = s.get("/v1/projects", acct);
      matches("GET", "/v1/projects", list, 200);
      List<String> slugs = new ArrayList<>();
      list.json().path("projects").forEach(p -> slugs.add(p.path("slug").asString()));
      assertThat(slugs).startsWith("default-project", "acme-billing", "acme-billing-2", "project").hasSize(5);

      String id = acme.path("id").asString();
      Res got = s.get("/v1/projects/" + id, acct);
      matches("GET", "/v1/projects/{id}", got, 200);
      assertThat(got.json()).isEqualTo(acme);
      matches("GET", "/v1/projects/{id}", s.get("/v1/projects/" + UNKNOWN, acct), 404);
      matches("GET", "/v1/projects/{id}", s.get("/v1/projects/not-an-id", acct), 404);

      // a rename keeps the slug; its limit is 200, not 120, and its failures are 400
      Res renamed = s.patch("/v1/projects/" + id, acct, Map.of("name", "Acme Billing (EU)"));
      matches("PATCH", "/v1/projects/{id}", renamed, 200);
      assertThat(renamed.json().path("slug").asString()).isEqualTo("acme-billing");
      assertThat(renamed.json().path("name").asString()).isEqualTo("Acme Billing (EU)");
      matches("PATCH", "/v1/projects/{id}", s.patch("/v1/projects/" + id, acct, Map.of("name", "y".repeat(200))),
          200);
      matches("PATCH", "/v1/projects/{id}", s.patch("/v1/projects/" + id, acct, Map.of("name", "y".repeat(201))),
          400);
      matches("PATCH", "/v1/projects/{id}", s.patch("/v1/projects/" + id, acct, Map.of()), 400);
      matches("PATCH", "/v1/projects/{id}", s.patch("/v1/projects/" + id, acct, "nope"), 400);
      matches("PATCH", "/v1/projects/{id}", s.patch("/v1/projects/" + UNKNOWN, acct, Map.of("name", "z")), 404);
      assertThat(s.get("/v1/projects/" + id, acct).json().path("name").asString()).isEqualTo("y".repeat(200));

      Res deleted = s.delete("/v1/projects/" + id, acct);
      matches("DELETE", "/v1/projects/{id}", deleted, 200);
      assertThat(deleted.json()).isEqualTo(TestServer.JSON.readTree("{\"id\":\"" + id + "\",\"deleted\":true}"));
      matches("DELETE", "/v1/projects/{id}", s.delete("/v1/projects/" + id, acct), 404);
      matches("GET", "/v1/projects/{id}", s.get("/v1/projects/" + id, acct), 404);
      matches("PATCH", "/v1/projects/{id}", s.patch("/v1/projects/" + id, acct, Map.of("name", "z")), 404);
      matches("DELETE", "/v1/projects/{id}", s.delete("/v1/projects/" + UNKNOWN, acct), 404);
      assertThat(s.get("/v1/projects", acct).text()).doesNotContain(id);
      // a deleted project keeps its slug reserved
      assertThat(created(s.post("/v1/projects", acct, Map.of("name", "Acme Billing"))).path("slug").asString())
          .isEqualTo("acme-billing-3");
    }
  }

  @Test
  void onlyTheAccountKeyOpensTheProjectsApiAndNothingElse() {
    try (TestServer s = TestServer.start(dir)) {
      matches("GET", "/v1/projects", s.get("/v1/projects", null), 401);
      Res projectKey = s.get("/v1/projects", s.liveKey);
      matches("GET", "/v1/projects", projectKey, 401);
      assertThat(projectKey.json().at("/error/message").asString()).contains("ck_acct_");
      matches("GET", "/v1/projects", s.get("/v1/projects", "ck_acct_unknownunknownunknown0"), 401);
      matches("POST", "/v1/projects", s.post("/v1/projects", s.liveKey, Map.of("name", "x")), 401);
      String id = s.get("/v1/projects", s.accountKey).json().at("/projects/0/id").asString();
      matches("GET", "/v1/projects/{id}", s.get("/v1/projects/" + id, s.liveKey), 401);
      matches("PATCH", "/v1/projects/{id}", s.patch("/v1/projects/" + id, s.liveKey, Map.of("name", "x")), 401);
      matches("DELETE", "/v1/projects/{id}", s.delete("/v1/projects/" + id, s.liveKey), 401);
      matches("POST", "/v1/projects/{id}/keys", s.post("/v1/projects/" + id + "/keys", s.liveKey, Map.of()), 401);
      matches("GET", "/v1/projects/{id}/keys", s.get("/v1/projects/" + id + "/keys", s.liveKey), 401);
      matches("DELETE", "/v1/projects/{id}/keys/{keyId}",
          s.delete("/v1/projects/" + id + "/keys/" + UNKNOWN, s.liveKey), 401);
      assertThat(s.get("/v1/projects/" + id, s.accountKey).status()).as("nothing was deleted").isEqualTo(200);

      // and the account key opens no project operation
      Res templates = s.get("/v1/templates", s.accountKey);
      matches("GET", "/v1/templates", templates, 401);
      assertThat(templates.json().at("/error/message").asString()).contains("project key");
      matches("GET", "/v1/renders/{id}", s.get("/v1/renders/" + UNKNOWN, s.accountKey), 401);
      matches("POST", "/v1/admin/provision", s.post("/v1/admin/provision", s.accountKey,
          Map.of("externalOrgId", "x")), 404);
    }
  }

  @Test
  void keysAreMintedListedAndRevokedAndARevokedKeyIsRefusedOnTheNextRequest() {
    try (TestServer s = TestServer.start(dir)) {
      String acct = s.accountKey;
      String a = created(s.post("/v1/projects", acct, Map.of("name", "A"))).path("id").asString();
      String b = created(s.post("/v1/projects", acct, Map.of("name", "B"))).path("id").asString();

      Res minted = s.post("/v1/projects/" + a + "/keys", acct, Map.of("name", "CI"));
      matches("POST", "/v1/projects/{id}/keys", minted, 201);
      JsonNode live = minted.json();
      assertThat(live.propertyNames()).containsExactly("id", "projectId", "name", "prefix", "key", "createdAt");
      String liveKey = live.path("key").asString();
      assertThat(liveKey).startsWith("ck_live_");
      assertThat(live.path("prefix").asString()).isEqualTo(liveKey.substring(0, 16));
      assertThat(live.path("projectId").asString()).isEqualTo(a);
      assertThat(live.path("name").asString()).isEqualTo("CI");

      // no body at all: a live key named as the reference names it
      Res bare = TestServer.send(HttpRequest.newBuilder(URI.create(s.baseUrl + "/v1/projects/" + a + "/keys"))
          .header("Authorization", "Bearer " + acct).POST(HttpRequest.BodyPublishers.noBody()).build());
      matches("POST", "/v1/projects/{id}/keys", bare, 201);
      assertThat(bare.json().path("name").asString()).isEqualTo("API key");
      assertThat(bare.json().path("key").asString()).startsWith("ck_live_");

      Res test = s.post("/v1/projects/" + a + "/keys", acct, Map.of("mode", "test"));
      matches("POST", "/v1/projects/{id}/keys", test, 201);
      String testKey = test.json().path("key").asString();
      assertThat(testKey).startsWith("ck_test_");
      assertThat(test.json().path("prefix").asString()).isEqualTo(testKey.substring(0, 16));
      matches("POST", "/v1/projects/{id}/keys", s.post("/v1/projects/" + a + "/keys", acct, Map.of("mode", "prod")),
          400);
      matches("POST", "/v1/projects/{id}/keys", s.post("/v1/projects/" + a + "/keys", acct,
          Map.of("name", "n".repeat(201))), 400);
      matches("POST", "/v1/projects/{id}/keys", s.postRaw("/v1/projects/" + a + "/keys", acct, "{".getBytes()), 400);
      matches("POST", "/v1/projects/{id}/keys", s.post("/v1/projects/" + UNKNOWN + "/keys", acct, Map.of()), 404);

      // the new keys work, each in its own project only
      assertThat(s.put("/v1/templates/letter", liveKey, TEMPLATE).status()).isEqualTo(201);
      assertThat(s.get("/v1/templates/letter", testKey).status()).isEqualTo(200);
      assertThat(s.get("/v1/templates/letter", s.liveKey).status()).as("the default project's key").isEqualTo(404);
      String bKey = s.post("/v1/projects/" + b + "/keys", acct, Map.of()).json().path("key").asString();
      assertThat(s.get("/v1/templates/letter", bKey).status()).isEqualTo(404);

      Res listed = s.get("/v1/projects/" + a + "/keys", acct);
      matches("GET", "/v1/projects/{id}/keys", listed, 200);
      assertThat(listed.text()).doesNotContain(liveKey).doesNotContain(testKey).doesNotContain("\"key\"");
      List<String> modes = new ArrayList<>();
      listed.json().path("keys").forEach(k -> modes.add(k.path("name").asString() + "/" + k.path("mode").asString()));
      assertThat(modes).containsExactly("CI/live", "API key/live", "API key/test");
      JsonNode first = listed.json().at("/keys/0");
      assertThat(first.path("id").asString()).isEqualTo(live.path("id").asString());
      assertThat(first.path("revokedAt").isNull()).isTrue();
      assertThat(first.path("lastUsedAt").asString()).as("it was used above").isNotEmpty();
      assertThat(listed.json().at("/keys/1/lastUsedAt").isNull()).as("never used").isTrue();
      matches("GET", "/v1/projects/{id}/keys", s.get("/v1/projects/" + UNKNOWN + "/keys", acct), 404);

      // another project's key id through this project's path is not found, and stays valid
      String bKeyId = s.get("/v1/projects/" + b + "/keys", acct).json().at("/keys/0/id").asString();
      matches("DELETE", "/v1/projects/{id}/keys/{keyId}", s.delete("/v1/projects/" + a + "/keys/" + bKeyId, acct),
          404);
      assertThat(s.get("/v1/templates", bKey).status()).isEqualTo(200);

      String liveId = live.path("id").asString();
      Res revoked = s.delete("/v1/projects/" + a + "/keys/" + liveId, acct);
      matches("DELETE", "/v1/projects/{id}/keys/{keyId}", revoked, 200);
      assertThat(revoked.json().path("id").asString()).isEqualTo(liveId);
      assertThat(Instant.parse(revoked.json().path("revokedAt").asString())).isNotNull();
      Res refused = s.get("/v1/templates/letter", liveKey);
      matches("GET", "/v1/templates/{slug}", refused, 401);
      assertThat(refused.errorCode()).isEqualTo("unauthorized");
      assertThat(s.get("/v1/templates/letter", testKey).status()).as("the project's other keys").isEqualTo(200);
      matches("DELETE", "/v1/projects/{id}/keys/{keyId}", s.delete("/v1/projects/" + a + "/keys/" + liveId, acct),
          404);
      matches("DELETE", "/v1/projects/{id}/keys/{keyId}", s.delete("/v1/projects/" + a + "/keys/nope", acct), 404);
      assertThat(s.get("/v1/projects/" + a + "/keys", acct).json().at("/keys/0/revokedAt").asString())
          .isEqualTo(revoked.json().path("revokedAt").asString());
    }
  }

  @Test
  void aDeletedProjectsKeysAreForbiddenEverywhere() {
    try (TestServer s = TestServer.start(dir)) {
      String acct = s.accountKey;
      String id = created(s.post("/v1/projects", acct, Map.of("name", "Doomed"))).path("id").asString();
      String key = s.post("/v1/projects/" + id + "/keys", acct, Map.of()).json().path("key").asString();
      assertThat(s.put("/v1/templates/letter", key, TEMPLATE).status()).isEqualTo(201);
      Res render = s.post("/v1/templates/letter/render", key, Map.of("data", Map.of("name", "Ada")));
      assertThat(render.status()).isEqualTo(202);
      String renderId = render.json().path("id").asString();
      s.awaitTerminal(renderId, key, Duration.ofSeconds(60));

      assertThat(s.delete("/v1/projects/" + id, acct).status()).isEqualTo(200);
      for (Res r : List.of(s.get("/v1/templates", key), s.get("/v1/renders/" + renderId, key),
          s.post("/v1/templates/letter/render", key, Map.of("data", Map.of("name", "Ada"))),
          s.put("/v1/templates/other", key, TEMPLATE), s.get("/v1/webhooks", key),
          // the after-the-render routes of issue 10 too, as in the reference
          s.get("/v1/renders/" + renderId + "/shares", key),
          s.post("/v1/renders/" + renderId + "/shares", key, Map.of()),
          s.post("/v1/renders/" + renderId + "/events", key, Map.of("eventType", "viewed")),
          s.get("/v1/renders/" + renderId + "/engagement", key))) {
        assertThat(r.status()).as(r.text()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("forbidden");
      }
      Res forbidden = s.get("/v1/templates", key);
      assertThat(forbidden.header("Content-Type")).startsWith("application/json");
      // its keys and the project itself are gone from the account API
      matches("GET", "/v1/projects/{id}/keys", s.get("/v1/projects/" + id + "/keys", acct), 404);
      matches("POST", "/v1/projects/{id}/keys", s.post("/v1/projects/" + id + "/keys", acct, Map.of()), 404);
      matches("DELETE", "/v1/projects/{id}/keys/{keyId}", s.delete("/v1/projects/" + id + "/keys/" + UNKNOWN, acct),
          404);
      // other projects are untouched
      assertThat(s.get("/v1/templates", s.liveKey).status()).isEqualTo(200);
    }
  }

  @Test
  void lastUsedAtIsWrittenAtMostOnceAMinutePerKey() {
    // whole seconds, so the stored times read back exactly
    long start = System.currentTimeMillis() / 1000 * 1000;
    SettableClock clock = new SettableClock(start);
    try (TestServer s = TestServer.start(dir, Map.of(), clock)) {
      String acct = s.accountKey;
      String project = s.get("/v1/projects", acct).json().at("/projects/0/id").asString();
      JsonNode minted = s.post("/v1/projects/" + project + "/keys", acct, Map.of("name", "metered")).json();
      String key = minted.path("key").asString();
      String keyId = minted.path("id").asString();
      assertThat(lastUsed(s, project, keyId)).isNull();

      assertThat(s.get("/v1/templates", key).status()).isEqualTo(200);
      assertThat(lastUsed(s, project, keyId)).isEqualTo(Json.time(start));

      // requests within the minute write nothing: any write would have stored its own, later, time
      for (int i = 0; i < 20; i++) {
        clock.advance(Duration.ofSeconds(2));
        assertThat(s.get("/v1/templates", key).status()).isEqualTo(200);
      }
      assertThat(lastUsed(s, project, keyId)).isEqualTo(Json.time(start));

      clock.advance(Duration.ofMillis(Authenticator.LAST_USED_RESOLUTION_MS - 40_000));
      assertThat(s.get("/v1/templates", key).status()).isEqualTo(200);
      assertThat(lastUsed(s, project, keyId)).isEqualTo(Json.time(start + 60_000));
    }
  }

  private static String lastUsed(TestServer s, String project, String keyId) {
    for (JsonNode k : s.get("/v1/projects/" + project + "/keys", s.accountKey).json().path("keys")) {
      if (k.path("id").asString().equals(keyId)) {
        return k.path("lastUsedAt").isNull() ? null : k.path("lastUsedAt").asString();
      }
    }
    throw new AssertionError("key " + keyId + " not listed");
  }
}
