package dev.platen.api;

import static dev.platen.api.OpenApiTest.matches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import dev.platen.webhooks.Hooks;
import dev.platen.webhooks.Receiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * /v1/webhooks over HTTP, every answer checked against openapi.yaml: subscriptions, secrets, the delivery log with
 * its cursor, retries and pings, and the errors of each. The receivers are on 127.0.0.1, so this server allows
 * private targets; {@code HostileWebhookTest} covers the refusals.
 */
class WebhooksApiTest {
  @TempDir static Path dir;
  static TestServer server;
  static final String UNKNOWN = "0193c2c3-1111-7aaa-8bbb-000000000001";

  @BeforeAll
  static void start() throws java.io.IOException {
    OpenApiTest.load();
    server = TestServer.start(dir, Map.of("PLATEN_ALLOW_PRIVATE_WEBHOOKS", "true"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aSubscriptionShowsItsSecretOnceAndIsReadWithoutIt() {
    String key = server.newProjectKey(false);
    Res created = server.post("/v1/webhooks", key, Map.of("url", "https://example.com/hooks/platen"));
    matches("POST", "/v1/webhooks", created, 201);
    JsonNode w = created.json();
    assertThat(w.propertyNames()).containsExactly("id", "url", "events", "active", "description", "secret",
        "createdAt", "updatedAt");
    assertThat(w.path("url").asString()).isEqualTo("https://example.com/hooks/platen");
    assertThat(w.path("events").valueStream().map(JsonNode::asString))
        .containsExactly("render.succeeded", "render.failed");
    assertThat(w.path("active").asBoolean()).isTrue();
    assertThat(w.path("description").isNull()).isTrue();
    String secret = w.path("secret").asString();
    assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(secret.substring(6))).hasSize(32);
    String id = w.path("id").asString();
    assertThat(Hooks.subscribe(server, key, "https://example.com/other").path("secret").asString())
        .as("every subscription has its own secret").isNotEqualTo(secret);

    Res one = server.get("/v1/webhooks/" + id, key);
    matches("GET", "/v1/webhooks/{id}", one, 200);
    assertThat(one.json().propertyNames()).containsExactly("id", "url", "events", "active", "description",
        "createdAt", "updatedAt");
    Res list = server.get("/v1/webhooks", key);
    matches("GET", "/v1/webhooks", list, 200);
    assertThat(list.json().path("webhooks")).hasSize(2);
    assertThat(list.text()).doesNotContain("whsec_");
    assertThat(list.json().path("webhooks").get(0).path("id").asString()).isEqualTo(id);
  }

  @Test
  void explicitFieldsAreKeptAndUnknownEventsAreNamed() {
    String key = server.newProjectKey(false);
    Res created = server.post("/v1/webhooks", key, Map.of("url", "http://hooks.example.com/x?y=1",
        "events", List.of("document.viewed", "render.failed", "document.viewed"), "active", false,
        "description", "crm"));
    matches("POST", "/v1/webhooks", created, 201);
    assertThat(created.json().path("events").valueStream().map(JsonNode::asString))
        .containsExactly("document.viewed", "render.failed");
    assertThat(created.json().path("active").asBoolean()).isFalse();
    assertThat(created.json().path("description").asString()).isEqualTo("crm");

    Res unknown = server.post("/v1/webhooks", key, Map.of("url", "https://example.com/h",
        "events", List.of("render.succeeded", "render.done", "signature.signed")));
    matches("POST", "/v1/webhooks", unknown, 400);
    assertThat(unknown.errorCode()).isEqualTo("invalid_request");
    assertThat(unknown.json().at("/error/message").asString()).contains("render.done", "signature.signed")
        .doesNotContain("render.succeeded");
    assertThat(unknown.json().at("/error/issues/fieldErrors/events/0").asString()).contains("render.done");
  }

  @Test
  void badBodiesAnswer400WithTheFieldAtFault() {
    String key = server.newProjectKey(false);
    Map<Object, String> cases = new HashMap<>();
    cases.put(Map.of(), "url");
    cases.put(Map.of("url", 42), "url");
    cases.put(Map.of("url", "file:///etc/passwd"), "url");
    cases.put(Map.of("url", "ftp://example.com/x"), "url");
    cases.put(Map.of("url", "example.com/hook"), "url");
    cases.put(Map.of("url", "https://user:pass@example.com/h"), "url");
    cases.put(Map.of("url", "https://example.com/h#frag"), "url");
    cases.put(Map.of("url", "https://example.com/" + "a".repeat(2048)), "url");
    cases.put(Map.of("url", "https://exa mple.com/"), "url");
    cases.put(Map.of("url", "https://example.com/", "events", List.of()), "events");
    cases.put(Map.of("url", "https://example.com/", "events", "render.succeeded"), "events");
    cases.put(Map.of("url", "https://example.com/", "events", List.of(1)), "events");
    cases.put(Map.of("url", "https://example.com/", "active", "yes"), "active");
    cases.put(Map.of("url", "https://example.com/", "description", "d".repeat(281)), "description");
    for (var c : cases.entrySet()) {
      Res r = server.post("/v1/webhooks", key, c.getKey());
      matches("POST", "/v1/webhooks", r, 400);
      assertThat(r.json().at("/error/issues/fieldErrors").has(c.getValue())).as("%s → %s", c.getKey(), r.text())
          .isTrue();
    }
    matches("POST", "/v1/webhooks", server.post("/v1/webhooks", key, "[1]"), 400);
    Res broken = server.postRaw("/v1/webhooks", key, "{\"url\":".getBytes());
    matches("POST", "/v1/webhooks", broken, 400);
    assertThat(broken.errorCode()).isEqualTo("invalid_json");
    matches("POST", "/v1/webhooks", server.post("/v1/webhooks", null, Map.of("url", "https://example.com")), 401);
    matches("GET", "/v1/webhooks", server.get("/v1/webhooks", "ck_live_nobody000000000000000000"), 401);
    assertThat(server.get("/v1/webhooks", key).json().path("webhooks")).as("nothing was created").isEmpty();
  }

  @Test
  void patchChangesOnlyWhatIsSentAndDeleteRemovesTheSubscription() {
    String key = server.newProjectKey(false);
    JsonNode w = Hooks.subscribe(server, key, Map.of("url", "https://example.com/a", "description", "first"));
    String id = w.path("id").asString();
    Receiver.sleep(5); // so updatedAt can move
    Res patched = Hooks.patch(server, "/v1/webhooks/" + id, key, Map.of("events", List.of("document.printed"),
        "active", false));
    matches("PATCH", "/v1/webhooks/{id}", patched, 200);
    JsonNode p = patched.json();
    assertThat(p.path("url").asString()).isEqualTo("https://example.com/a");
    assertThat(p.path("description").asString()).isEqualTo("first");
    assertThat(p.path("events").valueStream().map(JsonNode::asString)).containsExactly("document.printed");
    assertThat(p.path("active").asBoolean()).isFalse();
    assertThat(Instant.parse(p.path("updatedAt").asString())).isAfter(Instant.parse(w.path("createdAt").asString()));
    assertThat(p.path("createdAt").asString()).isEqualTo(w.path("createdAt").asString());

    Map<String, Object> clear = new HashMap<>();
    clear.put("description", null);
    clear.put("url", "https://example.com/b");
    JsonNode q = Hooks.patch(server, "/v1/webhooks/" + id, key, clear).json();
    assertThat(q.path("description").isNull()).isTrue();
    assertThat(q.path("url").asString()).isEqualTo("https://example.com/b");
    assertThat(server.get("/v1/webhooks/" + id, key).json()).isEqualTo(q);

    matches("PATCH", "/v1/webhooks/{id}", Hooks.patch(server, "/v1/webhooks/" + id, key, Map.of()), 400);
    matches("PATCH", "/v1/webhooks/{id}", Hooks.patch(server, "/v1/webhooks/" + id, key,
        Map.of("events", List.of("nope"))), 400);
    matches("PATCH", "/v1/webhooks/{id}", Hooks.patch(server, "/v1/webhooks/" + id, key,
        Map.of("url", "gopher://x")), 400);
    matches("PATCH", "/v1/webhooks/{id}", Hooks.patch(server, "/v1/webhooks/" + UNKNOWN, key,
        Map.of("active", true)), 404);

    Res deleted = server.delete("/v1/webhooks/" + id, key);
    matches("DELETE", "/v1/webhooks/{id}", deleted, 200);
    assertThat(deleted.json().path("id").asString()).isEqualTo(id);
    assertThat(deleted.json().path("deleted").asBoolean()).isTrue();
    matches("GET", "/v1/webhooks/{id}", server.get("/v1/webhooks/" + id, key), 404);
    matches("DELETE", "/v1/webhooks/{id}", server.delete("/v1/webhooks/" + id, key), 404);
  }

  @Test
  void anotherProjectsSubscriptionIsNotFoundEverywhere() {
    String mine = server.newProjectKey(false);
    String theirs = server.newProjectKey(false);
    String id = Hooks.subscribe(server, mine, "https://example.com/mine").path("id").asString();
    String base = "/v1/webhooks/" + id;
    matches("GET", "/v1/webhooks/{id}", server.get(base, theirs), 404);
    matches("PATCH", "/v1/webhooks/{id}", Hooks.patch(server, base, theirs, Map.of("active", false)), 404);
    matches("DELETE", "/v1/webhooks/{id}", server.delete(base, theirs), 404);
    matches("POST", "/v1/webhooks/{id}/rotate-secret", server.post(base + "/rotate-secret", theirs, Map.of()), 404);
    matches("POST", "/v1/webhooks/{id}/rotate-secret/complete",
        server.post(base + "/rotate-secret/complete", theirs, Map.of()), 404);
    matches("GET", "/v1/webhooks/{id}/deliveries", server.get(base + "/deliveries", theirs), 404);
    matches("POST", "/v1/webhooks/{id}/ping", server.post(base + "/ping", theirs, Map.of()), 404);
    matches("POST", "/v1/webhooks/{id}/deliveries/{deliveryId}/retry",
        server.post(base + "/deliveries/" + UNKNOWN + "/retry", theirs, Map.of()), 404);
    assertThat(server.get("/v1/webhooks", theirs).json().path("webhooks")).isEmpty();
    matches("GET", "/v1/webhooks/{id}", server.get("/v1/webhooks/not-an-id", mine), 404);
    assertThat(server.get(base, mine).json().path("active").asBoolean()).as("untouched").isTrue();
  }

  @Test
  void rotationAnswersTheNewSecretAndCompletesOnce() {
    String key = server.newProjectKey(false);
    JsonNode w = Hooks.subscribe(server, key, "https://example.com/r");
    String id = w.path("id").asString();
    matches("POST", "/v1/webhooks/{id}/rotate-secret/complete",
        server.post("/v1/webhooks/" + id + "/rotate-secret/complete", key, Map.of()), 409);

    long before = System.currentTimeMillis();
    Res rotated = server.postRaw("/v1/webhooks/" + id + "/rotate-secret", key, new byte[0]);
    matches("POST", "/v1/webhooks/{id}/rotate-secret", rotated, 200);
    JsonNode r = rotated.json();
    assertThat(r.path("id").asString()).isEqualTo(id);
    assertThat(r.path("secret").asString()).matches("whsec_[A-Za-z0-9_-]{43}")
        .isNotEqualTo(w.path("secret").asString());
    long ends = Instant.parse(r.path("overlapEndsAt").asString()).toEpochMilli();
    assertThat(ends - before).as("a day's overlap by default").isBetween(86_400_000L - 60_000, 86_400_000L + 60_000);
    Res shorter = server.post("/v1/webhooks/" + id + "/rotate-secret", key, Map.of("overlapSeconds", 60));
    matches("POST", "/v1/webhooks/{id}/rotate-secret", shorter, 200);
    assertThat(Instant.parse(shorter.json().path("overlapEndsAt").asString()).toEpochMilli() - before)
        .isLessThan(120_000);
    for (Object bad : List.of(-1, 604_801, "60", 1.5)) {
      matches("POST", "/v1/webhooks/{id}/rotate-secret", server.post("/v1/webhooks/" + id + "/rotate-secret", key,
          Map.of("overlapSeconds", bad)), 400);
    }

    Res done = server.post("/v1/webhooks/" + id + "/rotate-secret/complete", key, Map.of());
    matches("POST", "/v1/webhooks/{id}/rotate-secret/complete", done, 200);
    assertThat(done.json().path("id").asString()).isEqualTo(id);
    matches("POST", "/v1/webhooks/{id}/rotate-secret/complete",
        server.post("/v1/webhooks/" + id + "/rotate-secret/complete", key, Map.of()), 409);
  }

  @Test
  void theDeliveryLogPagesNewestFirstWithACursorAndFilters() {
    String key = server.newProjectKey(false);
    Hooks.publishTemplates(server, key);
    try (Receiver receiver = Receiver.answering(200)) {
      String id = Hooks.subscribe(server, key, receiver.url("/log")).path("id").asString();
      for (int i = 0; i < 7; i++) Hooks.render(server, key, "log " + i);
      Hooks.awaitDeliveries(server, key, id,
          l -> l.size() == 7 && l.stream().allMatch(d -> d.path("status").asString().equals("delivered")),
          Duration.ofSeconds(60));

      List<String> seen = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        Res page = server.get("/v1/webhooks/" + id + "/deliveries?limit=3"
            + (cursor == null ? "" : "&cursor=" + cursor), key);
        matches("GET", "/v1/webhooks/{id}/deliveries", page, 200);
        JsonNode p = page.json();
        assertThat(p.propertyNames()).containsExactly("deliveries", "nextCursor", "hasMore");
        p.path("deliveries").forEach(d -> seen.add(d.path("id").asString()));
        assertThat(p.path("deliveries").size()).isEqualTo(pages < 2 ? 3 : 1);
        assertThat(p.path("hasMore").asBoolean()).isEqualTo(pages < 2);
        cursor = p.path("nextCursor").isNull() ? null : p.path("nextCursor").asString();
        pages++;
      } while (cursor != null);
      assertThat(pages).isEqualTo(3);
      assertThat(seen).hasSize(7).doesNotHaveDuplicates();
      assertThat(seen).as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
      JsonNode first = server.get("/v1/webhooks/" + id + "/deliveries", key).json().path("deliveries").get(0);
      assertThat(first.propertyNames()).containsExactly("id", "event", "renderId", "status", "attempts",
          "lastStatusCode", "lastError", "nextAttemptAt", "createdAt", "deliveredAt");
      assertThat(first.path("event").asString()).isEqualTo("render.succeeded");

      assertThat(Hooks.deliveries(server, key, id, "&status=delivered")).hasSize(7);
      assertThat(Hooks.deliveries(server, key, id, "&status=failed")).isEmpty();
      for (String bad : List.of("status=done", "limit=0", "limit=101", "limit=x", "cursor=abc")) {
        Res r = server.get("/v1/webhooks/" + id + "/deliveries?" + bad, key);
        matches("GET", "/v1/webhooks/{id}/deliveries", r, 400);
        assertThat(r.json().at("/error/issues/fieldErrors").propertyNames()).containsExactly(bad.split("=")[0]);
      }
      matches("POST", "/v1/webhooks/{id}/deliveries/{deliveryId}/retry",
          server.post("/v1/webhooks/" + id + "/deliveries/" + UNKNOWN + "/retry", key, Map.of()), 404);
      matches("POST", "/v1/webhooks/{id}/deliveries/{deliveryId}/retry",
          server.post("/v1/webhooks/" + id + "/deliveries/nope/retry", key, Map.of()), 404);
      Res retried = server.post("/v1/webhooks/" + id + "/deliveries/" + seen.get(3) + "/retry", key, Map.of());
      matches("POST", "/v1/webhooks/{id}/deliveries/{deliveryId}/retry", retried, 202);
      receiver.await(h -> h.deliveryId().equals(seen.get(3)), 2, Duration.ofSeconds(30));
    }
  }

  @Test
  void pingSendsAtOnceAndAnswersTheOutcome() {
    String key = server.newProjectKey(false);
    try (Receiver ok = Receiver.answering(200); Receiver broken = Receiver.answering(500)) {
      JsonNode w = Hooks.subscribe(server, key, Map.of("url", ok.url("/ping"), "active", false));
      String id = w.path("id").asString();
      Res ping = server.post("/v1/webhooks/" + id + "/ping", key, Map.of());
      matches("POST", "/v1/webhooks/{id}/ping", ping, 200);
      JsonNode d = ping.json();
      assertThat(d.path("event").asString()).isEqualTo("webhook.ping");
      assertThat(d.path("status").asString()).isEqualTo("delivered");
      assertThat(d.path("attempts").asInt()).isEqualTo(1);
      assertThat(d.path("lastStatusCode").asInt()).isEqualTo(200);
      assertThat(d.path("renderId").isNull()).isTrue();
      Receiver.Hit hit = ok.hits().get(0);
      assertThat(hit.event()).isEqualTo("webhook.ping");
      assertThat(hit.deliveryId()).isEqualTo(d.path("id").asString());
      assertThat(hit.json().path("webhookId").asString()).isEqualTo(id);
      assertThat(hit.json().propertyNames()).containsExactly("event", "webhookId", "createdAt");

      Hooks.patch(server, "/v1/webhooks/" + id, key, Map.of("url", broken.url("/ping")));
      JsonNode failed = server.post("/v1/webhooks/" + id + "/ping", key, Map.of()).json();
      assertThat(failed.path("status").asString()).as("a ping is tried once").isEqualTo("abandoned");
      assertThat(failed.path("lastStatusCode").asInt()).isEqualTo(500);
      assertThat(failed.path("lastError").asString()).isEqualTo("answered 500");
      Receiver.sleep(1_000);
      assertThat(broken.hits()).hasSize(1);
      assertThat(Hooks.deliveries(server, key, id, "")).hasSize(2);
    }
  }

  @Test
  void anInactiveSubscriptionGetsNothingAndOnlyEventsAfterItsCreation() {
    String key = server.newProjectKey(false);
    Hooks.publishTemplates(server, key);
    try (Receiver receiver = Receiver.answering(200)) {
      String before = Hooks.render(server, key, "before any subscription");
      server.awaitTerminal(before, key, Duration.ofSeconds(60));
      JsonNode off = Hooks.subscribe(server, key, Map.of("url", receiver.url("/off"), "active", false));
      JsonNode on = Hooks.subscribe(server, key, Map.of("url", receiver.url("/on")));
      String after = Hooks.render(server, key, "after");
      receiver.await(h -> true, 1, Duration.ofSeconds(60));
      Receiver.sleep(1_000);
      assertThat(receiver.hits()).hasSize(1);
      assertThat(receiver.hits().get(0).path()).isEqualTo("/on");
      assertThat(receiver.hits().get(0).json().path("renderId").asString()).isEqualTo(after);
      assertThat(Hooks.deliveries(server, key, off.path("id").asString(), "")).isEmpty();
      assertThat(Hooks.deliveries(server, key, on.path("id").asString(), "")).hasSize(1);
    }
  }
}
