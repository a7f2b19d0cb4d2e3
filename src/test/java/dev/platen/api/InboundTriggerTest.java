package dev.platen.api;

import static dev.platen.api.OpenApiTest.matches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.EmbeddedPg;
import dev.platen.testing.Pdfs;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import dev.platen.webhooks.Hooks;
import dev.platen.webhooks.Receiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The inbound trigger over HTTP (spec §c.6): {@code POST /v1/hooks/:token} with good, bad and missing signatures,
 * with and without {@code requireSignature}; rotation; idempotency shared with the render route; the reference's
 * error codes; the owner's routes and their project scoping; and the render webhooks an inbound render fires. Every
 * answer is checked against openapi.yaml.
 */
class InboundTriggerTest {
  @TempDir static Path dir;
  static TestServer server;

  static final Map<String, Object> NOTE = Map.of("name", "Note", "manifest", Map.of(
      "variables", List.of(
          Map.of("key", "customer.name", "label", "Customer", "dataType", "text", "required", true),
          Map.of("key", "count", "label", "Count", "dataType", "number")),
      "loops", List.of()));

  @BeforeAll
  static void start() throws java.io.IOException {
    OpenApiTest.load();
    server = TestServer.start(dir, Map.of("PLATEN_ALLOW_PRIVATE_WEBHOOKS", "true"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A fresh project with the note template; its key. */
  static String projectWithNote(TestServer s) {
    String key = s.newProjectKey(false);
    Res r = s.put("/v1/templates/note", key, NOTE);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return key;
  }

  static JsonNode inbound(TestServer s, String key) {
    Res r = s.get("/v1/templates/note/inbound", key);
    matches("GET", "/v1/templates/{slug}/inbound", r, 200);
    return r.json();
  }

  /** Computed here, independently of the server's code, as a sender following the documentation would. */
  static String sign(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  static Res hook(TestServer s, String token, String body, String... headers) {
    return s.postRaw("/v1/hooks/" + token, null, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  @Test
  void aTemplateHasATriggerThatRendersItsDataIntoItsProject() {
    String key = projectWithNote(server);
    JsonNode in = inbound(server, key);
    assertThat(in.propertyNames()).containsExactly("inboundUrl", "token", "secret", "requireSignature");
    String token = in.path("token").asString();
    assertThat(token).matches("[A-Za-z0-9_-]{32}");
    assertThat(in.path("secret").asString()).matches("ihsec_[A-Za-z0-9_-]{43}");
    assertThat(in.path("inboundUrl").asString()).isEqualTo(server.baseUrl + "/v1/hooks/" + token);
    assertThat(in.path("requireSignature").asBoolean()).isFalse();
    assertThat(inbound(server, key)).as("reading it again changes nothing").isEqualTo(in);

    Res accepted = TestServer.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(in.path("inboundUrl").asString()))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"customer\":{\"name\":\"Inbound Ada\"},\"count\":\"7\",\"unknown\":1}"))
        .build());
    matches("POST", "/v1/hooks/{token}", accepted, 202);
    JsonNode a = accepted.json();
    assertThat(a.propertyNames()).containsExactly("id", "status", "pollUrl");
    assertThat(a.path("status").asString()).isEqualTo("queued");
    String id = a.path("id").asString();
    assertThat(a.path("pollUrl").asString()).isEqualTo(server.baseUrl + "/v1/renders/" + id);
    assertThat(accepted.header("Location")).isEqualTo(a.path("pollUrl").asString());

    JsonNode done = server.awaitTerminal(id, key, Duration.ofSeconds(60));
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
    Res pdf = server.get(done.path("downloadUrl").asString(), null);
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(Pdfs.text(pdf.body())).contains("Inbound Ada").contains("7").doesNotContain("TEST");
    assertThat(server.get("/v1/renders/" + id, server.newProjectKey(false)).status())
        .as("the render is the template's project's, no other").isEqualTo(404);
    assertThat(server.get("/v1/renders?template=note", key).json().path("renders").get(0).path("id").asString())
        .as("it is in the project's list").isEqualTo(id);
  }

  @Test
  void signaturesAreCheckedWhenSentAndRequiredWhenTheTemplateSaysSo() throws Exception {
    String key = projectWithNote(server);
    JsonNode in = inbound(server, key);
    String token = in.path("token").asString();
    String secret = in.path("secret").asString();
    String body = "{\"customer\":{\"name\":\"Signed\"}}";
    String good = sign(secret, body.getBytes(StandardCharsets.UTF_8));
    String wrong = sign(secret + "x", body.getBytes(StandardCharsets.UTF_8));

    matches("POST", "/v1/hooks/{token}", hook(server, token, body, "x-craftkit-signature", good), 202);
    matches("POST", "/v1/hooks/{token}", hook(server, token, body), 202);
    Res bad = hook(server, token, body, "x-craftkit-signature", wrong);
    matches("POST", "/v1/hooks/{token}", bad, 401);
    assertThat(bad.errorCode()).isEqualTo("invalid_signature");
    assertThat(hook(server, token, body + " ", "x-craftkit-signature", good).errorCode())
        .as("the signature covers the raw bytes, whitespace included").isEqualTo("invalid_signature");
    assertThat(hook(server, token, body, "x-craftkit-signature", "").errorCode()).isEqualTo("invalid_signature");
    assertThat(hook(server, token, body, "x-craftkit-signature", "sha256=" + good).errorCode())
        .isEqualTo("invalid_signature");

    Res required = Hooks.patch(server, "/v1/templates/note/inbound", key, Map.of("requireSignature", true));
    matches("PATCH", "/v1/templates/{slug}/inbound", required, 200);
    assertThat(required.json().path("requireSignature").asBoolean()).isTrue();
    assertThat(required.json().path("token").asString()).as("the token is kept").isEqualTo(token);
    assertThat(inbound(server, key).path("requireSignature").asBoolean()).isTrue();
    Res missing = hook(server, token, body);
    matches("POST", "/v1/hooks/{token}", missing, 401);
    assertThat(missing.errorCode()).isEqualTo("invalid_signature");
    assertThat(missing.json().at("/error/message").asString()).contains("requires");
    assertThat(hook(server, token, body, "x-craftkit-signature", wrong).errorCode()).isEqualTo("invalid_signature");
    Res signed = hook(server, token, body, "x-craftkit-signature", good);
    matches("POST", "/v1/hooks/{token}", signed, 202);
    assertThat(server.awaitTerminal(signed.json().path("id").asString(), key, Duration.ofSeconds(60))
        .path("status").asString()).isEqualTo("succeeded");

    Res off = Hooks.patch(server, "/v1/templates/note/inbound", key, Map.of("requireSignature", false));
    matches("PATCH", "/v1/templates/{slug}/inbound", off, 200);
    matches("POST", "/v1/hooks/{token}", hook(server, token, body), 202);
  }

  @Test
  void rotationRetiresTheOldTokenAndSecretAtOnce() throws Exception {
    String key = projectWithNote(server);
    JsonNode old = inbound(server, key);
    String body = "{\"customer\":{\"name\":\"Rotated\"}}";
    matches("POST", "/v1/hooks/{token}", hook(server, old.path("token").asString(), body), 202);

    Res rotated = server.post("/v1/templates/note/inbound/rotate", key, "");
    matches("POST", "/v1/templates/{slug}/inbound/rotate", rotated, 200);
    JsonNode now = rotated.json();
    assertThat(now.path("token").asString()).isNotEqualTo(old.path("token").asString());
    assertThat(now.path("secret").asString()).isNotEqualTo(old.path("secret").asString());
    assertThat(inbound(server, key)).isEqualTo(now);

    Res gone = hook(server, old.path("token").asString(), body);
    matches("POST", "/v1/hooks/{token}", gone, 404);
    assertThat(gone.errorCode()).isEqualTo("invalid_token");
    byte[] raw = body.getBytes(StandardCharsets.UTF_8);
    assertThat(hook(server, now.path("token").asString(), body, "x-craftkit-signature",
        sign(old.path("secret").asString(), raw)).errorCode()).as("the old secret signs nothing").isEqualTo(
        "invalid_signature");
    matches("POST", "/v1/hooks/{token}", hook(server, now.path("token").asString(), body, "x-craftkit-signature",
        sign(now.path("secret").asString(), raw)), 202);
  }

  @Test
  void idempotencyKeysAreTheRenderRoutesOwn() {
    String key = projectWithNote(server);
    String token = inbound(server, key).path("token").asString();
    String body = "{\"customer\":{\"name\":\"Once\"}}";
    Res first = hook(server, token, body, "Idempotency-Key", "order-42");
    matches("POST", "/v1/hooks/{token}", first, 202);
    String id = first.json().path("id").asString();
    Res again = hook(server, token, "{\"customer\":{\"name\":\"Twice\"}}", "Idempotency-Key", "order-42");
    matches("POST", "/v1/hooks/{token}", again, 200);
    assertThat(again.json().path("id").asString()).isEqualTo(id);
    assertThat(again.json().propertyNames()).containsExactly("id", "status", "pollUrl");
    Res invalidButReplayed = hook(server, token, "{}", "Idempotency-Key", "order-42");
    assertThat(invalidButReplayed.status()).as("a replay answers before the data is checked").isEqualTo(200);

    // one key space per project, whichever route made the render
    Res viaRender = server.post("/v1/templates/note/render", key, Map.of("data", Map.of()),
        "Idempotency-Key", "order-42");
    assertThat(viaRender.status()).isEqualTo(200);
    assertThat(viaRender.json().path("id").asString()).isEqualTo(id);
    Res rendered = server.post("/v1/templates/note/render", key,
        Map.of("data", Map.of("customer", Map.of("name", "Api"))), "Idempotency-Key", "order-43");
    assertThat(rendered.status()).isEqualTo(202);
    Res viaHook = hook(server, token, body, "Idempotency-Key", "order-43");
    matches("POST", "/v1/hooks/{token}", viaHook, 200);
    assertThat(viaHook.json().path("id").asString()).isEqualTo(rendered.json().path("id").asString());

    Res tooLong = hook(server, token, body, "Idempotency-Key", "k".repeat(201));
    matches("POST", "/v1/hooks/{token}", tooLong, 400);
    assertThat(tooLong.errorCode()).isEqualTo("invalid_request");
    assertThat(server.get("/v1/renders?template=note", key).json().path("renders").size())
        .as("one render per key, two keys").isEqualTo(2);
  }

  @Test
  void badBodiesAndTokensGetTheReferencesCodes() {
    String key = projectWithNote(server);
    String token = inbound(server, key).path("token").asString();

    Res notJson = hook(server, token, "{\"customer\":");
    matches("POST", "/v1/hooks/{token}", notJson, 400);
    assertThat(notJson.errorCode()).isEqualTo("invalid_json");
    assertThat(hook(server, token, "").errorCode()).isEqualTo("invalid_json");

    Res badData = hook(server, token, "{\"customer\":{},\"count\":\"many\"}");
    matches("POST", "/v1/hooks/{token}", badData, 400);
    assertThat(badData.errorCode()).isEqualTo("invalid_input_data");
    assertThat(badData.json().at("/error/issues/fieldErrors").propertyNames()).contains("customer.name", "count");
    Res wrapped = hook(server, token, "{\"data\":{\"customer\":{\"name\":\"Wrapped\"}}}");
    assertThat(wrapped.errorCode()).as("the body is the data itself, not a render request")
        .isEqualTo("invalid_input_data");
    assertThat(hook(server, token, "[1,2]").errorCode()).isEqualTo("invalid_input_data");

    for (String t : List.of("A".repeat(32), "nope", "x".repeat(500), "%2e%2e", token + "a")) {
      Res unknown = hook(server, t, "{\"customer\":{\"name\":\"X\"}}");
      matches("POST", "/v1/hooks/{token}", unknown, 404);
      assertThat(unknown.errorCode()).as(t).isEqualTo("invalid_token");
    }

    assertThat(server.delete("/v1/templates/note", key).status()).isEqualTo(200);
    Res deleted = hook(server, token, "{\"customer\":{\"name\":\"X\"}}");
    matches("POST", "/v1/hooks/{token}", deleted, 404);
    assertThat(deleted.errorCode()).isEqualTo("invalid_token");
    assertThat(server.get("/v1/renders", key).json().path("renders").size()).as("nothing was queued").isZero();
  }

  /**
   * Every template made over the API is published, so an unpublished one is made here the way a dashboard draft
   * would leave it: a template row whose current version is null.
   */
  @Test
  void aTemplateWithoutAPublishedVersionCannotBeTriggered() {
    String key = projectWithNote(server);
    String token = inbound(server, key).path("token").asString();
    server.platen().database().jdbi().useHandle(h -> h.createUpdate(
        "UPDATE templates SET current_version = NULL WHERE id = (SELECT template_id FROM template_inbound "
            + "WHERE token = :token)").bind("token", token).execute());
    Res r = hook(server, token, "{\"customer\":{\"name\":\"Draft\"}}");
    matches("POST", "/v1/hooks/{token}", r, 409);
    assertThat(r.errorCode()).isEqualTo("no_published_version");
  }

  @Test
  void aTemplateFromBeforeTriggersGetsOneOnFirstUse() {
    String key = projectWithNote(server);
    String before = inbound(server, key).path("token").asString();
    server.platen().database().jdbi().useHandle(h -> h.createUpdate(
        "DELETE FROM template_inbound WHERE token = :token").bind("token", before).execute());
    JsonNode minted = inbound(server, key);
    assertThat(minted.path("token").asString()).isNotEqualTo(before).matches("[A-Za-z0-9_-]{32}");
    assertThat(inbound(server, key)).isEqualTo(minted);
    matches("POST", "/v1/hooks/{token}", hook(server, minted.path("token").asString(),
        "{\"customer\":{\"name\":\"Old\"}}"), 202);
  }

  @Test
  void theOwnersRoutesAreScopedToTheKeysProject() {
    String key = projectWithNote(server);
    String other = projectWithNote(server);
    String token = inbound(server, key).path("token").asString();
    String foreign = server.newProjectKey(false);

    matches("GET", "/v1/templates/{slug}/inbound", server.get("/v1/templates/note/inbound", foreign), 404);
    matches("PATCH", "/v1/templates/{slug}/inbound", Hooks.patch(server, "/v1/templates/note/inbound", foreign,
        Map.of("requireSignature", true)), 404);
    matches("POST", "/v1/templates/{slug}/inbound/rotate",
        server.post("/v1/templates/note/inbound/rotate", foreign, ""), 404);
    assertThat(server.get("/v1/templates/note/inbound", foreign).errorCode()).isEqualTo("template_not_found");
    assertThat(inbound(server, other).path("token").asString()).as("the same slug elsewhere has its own token")
        .isNotEqualTo(token);
    assertThat(inbound(server, key).path("token").asString()).as("a foreign rotate changed nothing")
        .isEqualTo(token);

    matches("GET", "/v1/templates/{slug}/inbound", server.get("/v1/templates/note/inbound", null), 401);
    matches("PATCH", "/v1/templates/{slug}/inbound", Hooks.patch(server, "/v1/templates/note/inbound",
        "ck_live_unknown00000000000000", Map.of("requireSignature", true)), 401);
    matches("POST", "/v1/templates/{slug}/inbound/rotate",
        server.post("/v1/templates/note/inbound/rotate", null, ""), 401);
    matches("GET", "/v1/templates/{slug}/inbound", server.get("/v1/templates/nope/inbound", key), 404);

    for (Object body : List.of(Map.of(), Map.of("requireSignature", "yes"),
        Map.of("requireSignature", true, "token", "mine"), List.of())) {
      Res bad = Hooks.patch(server, "/v1/templates/note/inbound", key, body);
      matches("PATCH", "/v1/templates/{slug}/inbound", bad, 400);
      assertThat(bad.errorCode()).as(body.toString()).isEqualTo("invalid_request");
    }
    matches("PATCH", "/v1/templates/{slug}/inbound", Hooks.patch(server, "/v1/templates/note/inbound", key, "{"),
        400);
    assertThat(inbound(server, key).path("requireSignature").asBoolean()).isFalse();
  }

  @Test
  void anInboundRenderFiresTheProjectsRenderWebhook() {
    String key = projectWithNote(server);
    try (Receiver receiver = Receiver.answering(200)) {
      Hooks.subscribe(server, key, receiver.url("/platen"));
      String token = inbound(server, key).path("token").asString();
      Res r = hook(server, token, "{\"customer\":{\"name\":\"Webhooked\"}}");
      assertThat(r.status()).as(r.text()).isEqualTo(202);
      String id = r.json().path("id").asString();
      Receiver.Hit hit = receiver.await(h -> id.equals(h.json().path("renderId").asString()), 1,
          Duration.ofSeconds(60)).get(0);
      assertThat(hit.event()).isEqualTo("render.succeeded");
      assertThat(hit.json().path("status").asString()).isEqualTo("succeeded");
      assertThat(hit.json().path("downloadUrl").asString()).isEqualTo(
          server.get("/v1/renders/" + id, key).json().path("downloadUrl").asString());
    }
  }

  @Test
  void aFullQueueAnswersQueueUnavailable(@TempDir Path own) {
    try (TestServer s = TestServer.start(own, Map.of("PLATEN_ROLE", "api", "PLATEN_MAX_QUEUE_DEPTH", "2",
        "PLATEN_MAX_QUEUE_DEPTH_PER_PROJECT", "2"))) {
      String key = projectWithNote(s);
      String token = inbound(s, key).path("token").asString();
      String body = "{\"customer\":{\"name\":\"Queued\"}}";
      matches("POST", "/v1/hooks/{token}", hook(s, token, body), 202);
      matches("POST", "/v1/hooks/{token}", hook(s, token, body), 202);
      Res full = hook(s, token, body);
      matches("POST", "/v1/hooks/{token}", full, 503);
      assertThat(full.errorCode()).isEqualTo("queue_unavailable");
      assertThat(full.header("Retry-After")).isEqualTo("5");
    }
  }

  /**
   * Two processes on one PostgreSQL database: a trigger minted lazily there, and a rotation on one process that the
   * other honours on the very next request (nothing is cached).
   */
  @Test
  @Tag("slow")
  void onPostgresARotationHoldsOnEveryProcess(@TempDir Path a, @TempDir Path b) throws Exception {
    String url = EmbeddedPg.newDatabase();
    Map<String, String> env = Map.of("PLATEN_DATABASE_URL", url, "PLATEN_DATABASE_USER", "postgres");
    try (TestServer one = TestServer.start(a, env); TestServer two = TestServer.start(b, env)) {
      String key = projectWithNote(one);
      one.platen().database().jdbi().useHandle(h -> h.execute("DELETE FROM template_inbound"));
      JsonNode minted = inbound(two, key);
      String body = "{\"customer\":{\"name\":\"Postgres\"}}";
      String signature = sign(minted.path("secret").asString(), body.getBytes(StandardCharsets.UTF_8));
      Res accepted = hook(one, minted.path("token").asString(), body, "x-craftkit-signature", signature);
      assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
      assertThat(one.awaitTerminal(accepted.json().path("id").asString(), key, Duration.ofSeconds(60))
          .path("status").asString()).isEqualTo("succeeded");

      JsonNode rotated = one.post("/v1/templates/note/inbound/rotate", key, "").json();
      assertThat(hook(two, minted.path("token").asString(), body).errorCode()).isEqualTo("invalid_token");
      assertThat(Hooks.patch(two, "/v1/templates/note/inbound", key, Map.of("requireSignature", true)).status())
          .isEqualTo(200);
      assertThat(hook(one, rotated.path("token").asString(), body).errorCode()).isEqualTo("invalid_signature");
      assertThat(hook(one, rotated.path("token").asString(), body, "x-craftkit-signature",
          sign(rotated.path("secret").asString(), body.getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(202);
    }
  }
}
