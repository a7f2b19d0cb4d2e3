package dev.platen.api;

import static dev.platen.api.OpenApiTest.matches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.Pdfs;
import dev.platen.testing.SettableClock;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Share links, their public pages and document engagement over HTTP against a started server whose clock the test
 * moves (expiry, the 5-minute de-duplication window). Outbox rows are read back from the database.
 */
class SharingApiTest {
  @TempDir static Path dir;
  static TestServer server;
  static SettableClock clock;
  static String key;

  /** The name is the viewer's title: every character that means something in HTML is in it. */
  static final String TITLE = "Quarterly <Report> & \"Co\" 'Q3'";

  static final Map<String, Object> LETTER = Map.of(
      "name", TITLE,
      "manifest", Map.of(
          "variables", List.of(Map.of("key", "name", "label", "Name", "dataType", "text", "required", true)),
          "loops", List.of()));

  @BeforeAll
  static void start() {
    clock = new SettableClock(System.currentTimeMillis());
    server = TestServer.start(dir, Map.of(), clock);
    key = server.liveKey;
    publish(server, key);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void publish(TestServer s, String key) {
    Res r = s.put("/v1/templates/letter", key, LETTER);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
  }

  /** A succeeded render of the letter template, named {@code q3-report.pdf}. */
  static String succeededRender(TestServer s, String key) {
    Res r = s.post("/v1/templates/letter/render", key, Map.of("data", Map.of("name", "Ada Lovelace"),
        "options", Map.of("filename", "q3-report.pdf")));
    assertThat(r.status()).as(r.text()).isEqualTo(202);
    String id = r.json().path("id").asString();
    JsonNode done = s.awaitTerminal(id, key, Duration.ofSeconds(60));
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
    return id;
  }

  static Res getAccepting(TestServer s, String path, String accept) {
    return TestServer.send(HttpRequest.newBuilder(URI.create(s.baseUrl + path)).header("Accept", accept)
        .timeout(Duration.ofSeconds(30)).build());
  }

  static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  private static String sharePath(JsonNode share) {
    return "/share/" + share.path("shareToken").asString();
  }

  private static JsonNode shareById(String renderId, String shareId) {
    Res list = server.get("/v1/renders/" + renderId + "/shares", key);
    assertThat(list.status()).as(list.text()).isEqualTo(200);
    for (JsonNode s : list.json().path("shares")) if (s.path("id").asString().equals(shareId)) return s;
    throw new AssertionError("share " + shareId + " not listed: " + list.text());
  }

  private static JsonNode engagement(String renderId) {
    Res r = server.get("/v1/renders/" + renderId + "/engagement", key);
    matches("GET", "/v1/renders/{id}/engagement", r, 200);
    return r.json();
  }

  @Test
  void aLinkShareIsViewedDownloadedCountedAndRevokedAtTheNextRequest() {
    String render = succeededRender(server, key);
    Res created = server.post("/v1/renders/" + render + "/shares", key, Map.of("message", "For <you>\nwith love"));
    matches("POST", "/v1/renders/{id}/shares", created, 201);
    JsonNode share = created.json();
    assertThat(share.propertyNames()).containsExactly("id", "shareToken", "shareUrl", "channel", "recipientEmail",
        "message", "expiresAt", "revokedAt", "createdAt");
    String token = share.path("shareToken").asString();
    assertThat(token).matches("cks_[A-Za-z0-9_-]{32}");
    assertThat(share.path("shareUrl").asString()).isEqualTo(server.baseUrl + "/share/" + token);
    assertThat(share.path("channel").asString()).isEqualTo("link");
    assertThat(share.path("recipientEmail").isNull()).isTrue();
    assertThat(share.path("expiresAt").isNull()).isTrue();
    assertThat(share.path("revokedAt").isNull()).isTrue();
    assertThat(share.path("createdAt").asString()).isEqualTo(Json.time(clock.millis()));
    clock.advance(Duration.ofSeconds(1)); // events a second apart list in a known order

    Res page = getAccepting(server, sharePath(share), BROWSER);
    matches("GET", "/share/{token}", page, 200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'").doesNotContain("script");
    String html = page.text();
    assertThat(html).contains("<title>Quarterly &lt;Report&gt; &amp; &quot;Co&quot; &#39;Q3&#39;</title>")
        .doesNotContain("<Report>").doesNotContain("<you>")
        .contains("q3-report.pdf")
        .contains("For &lt;you&gt;<br>with love")
        .contains("href=\"" + token + "/pdf\" download=\"q3-report.pdf\"")
        .contains("<iframe src=\"" + token + "/pdf?inline=1\"");
    assertThat(shareById(render, share.path("id").asString()).path("clickCount").asLong()).isEqualTo(1);

    Res embedded = server.get(sharePath(share) + "/pdf?inline=1", null);
    matches("GET", "/share/{token}/pdf", embedded, 200);
    assertThat(embedded.header("Content-Disposition")).isEqualTo("inline; filename=\"q3-report.pdf\"");
    assertThat(Pdfs.text(embedded.body())).contains("Ada Lovelace");

    // a reload within 5 minutes is the same view; after them it is a new one
    assertThat(getAccepting(server, sharePath(share), BROWSER).status()).isEqualTo(200);
    assertThat(shareById(render, share.path("id").asString()).path("clickCount").asLong()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(6));
    assertThat(getAccepting(server, sharePath(share), BROWSER).status()).isEqualTo(200);
    assertThat(shareById(render, share.path("id").asString()).path("clickCount").asLong()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(1));
    Res download = server.get(sharePath(share) + "/pdf", null);
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"q3-report.pdf\"");
    assertThat(download.header("Cache-Control")).isEqualTo("no-store");
    assertThat(Pdfs.text(download.body())).contains("Ada Lovelace");

    clock.advance(Duration.ofSeconds(1));
    Res revoked = server.delete("/v1/renders/" + render + "/shares/" + share.path("id").asString(), key);
    matches("DELETE", "/v1/renders/{id}/shares/{shareId}", revoked, 200);
    assertThat(revoked.json().path("id").asString()).isEqualTo(share.path("id").asString());
    assertThat(revoked.json().path("revokedAt").asString()).isEqualTo(Json.time(clock.millis()));

    Res gone = getAccepting(server, sharePath(share), BROWSER);
    matches("GET", "/share/{token}", gone, 404);
    assertThat(gone.header("Content-Type")).startsWith("text/html");
    assertThat(gone.text()).contains("does not exist or has been revoked").doesNotContain("q3-report");
    Res goneJson = getAccepting(server, sharePath(share), "application/json");
    matches("GET", "/share/{token}", goneJson, 404);
    assertThat(goneJson.errorCode()).isEqualTo("not_found");
    matches("GET", "/share/{token}/pdf", getAccepting(server, sharePath(share) + "/pdf", "application/json"), 404);
    Res again = server.delete("/v1/renders/" + render + "/shares/" + share.path("id").asString(), key);
    matches("DELETE", "/v1/renders/{id}/shares/{shareId}", again, 404);

    JsonNode listed = shareById(render, share.path("id").asString());
    assertThat(listed.propertyNames()).containsExactly("id", "shareToken", "shareUrl", "channel", "recipientEmail",
        "message", "expiresAt", "revokedAt", "createdAt", "revokedReason", "clickCount");
    assertThat(listed.path("revokedAt").asString()).isEqualTo(revoked.json().path("revokedAt").asString());
    assertThat(listed.path("revokedReason").asString()).isEqualTo("revoked_by_partner");
    assertThat(listed.path("clickCount").asLong()).isEqualTo(2);
    assertThat(listed.path("message").asString()).isEqualTo("For <you>\nwith love");

    JsonNode e = engagement(render);
    assertThat(e.path("counts").propertyNames()).containsExactly("viewed", "downloaded", "printed", "email_opened",
        "email_sent", "share_created", "share_revoked");
    assertThat(counts(e)).isEqualTo(Map.of("viewed", 2L, "downloaded", 1L, "printed", 0L, "email_opened", 0L,
        "email_sent", 0L, "share_created", 1L, "share_revoked", 1L));
    assertThat(e.path("linkOpens").asLong()).isEqualTo(2);
    assertThat(e.path("total").asLong()).isEqualTo(5);
    List<String> recent = new ArrayList<>();
    e.path("recent").forEach(x -> recent.add(x.path("eventType").asString() + "/" + x.path("actorKind").asString()));
    assertThat(recent).containsExactly("share_revoked/partner", "downloaded/recipient", "viewed/recipient",
        "viewed/recipient", "share_created/partner");
    JsonNode view = e.path("recent").get(2);
    assertThat(view.propertyNames()).containsExactly("id", "eventType", "actorKind", "shareId", "sourceIp",
        "userAgent", "metadata", "createdAt");
    assertThat(view.path("shareId").asString()).isEqualTo(share.path("id").asString());
    assertThat(view.path("sourceIp").asString()).isNotBlank();
    assertThat(view.path("userAgent").asString()).startsWith("Java-http-client");
  }

  private static Map<String, Long> counts(JsonNode engagement) {
    Map<String, Long> m = new LinkedHashMap<>();
    engagement.path("counts").properties().forEach(c -> m.put(c.getKey(), c.getValue().asLong()));
    return m;
  }

  @Test
  void anExpiredLinkAnswers410FromItsExpiryOn() {
    String render = succeededRender(server, key);
    String expires = Instant.ofEpochMilli(clock.millis()).plus(Duration.ofHours(1)).toString();
    Res created = server.post("/v1/renders/" + render + "/shares", key, Map.of("expiresAt", expires));
    matches("POST", "/v1/renders/{id}/shares", created, 201);
    JsonNode share = created.json();
    assertThat(share.path("expiresAt").asString()).isEqualTo(Json.time(Instant.parse(expires).toEpochMilli()));

    Res live = getAccepting(server, sharePath(share), BROWSER);
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.text()).contains("This link works until");

    clock.advance(Duration.ofHours(2));
    Res expired = getAccepting(server, sharePath(share), BROWSER);
    matches("GET", "/share/{token}", expired, 410);
    assertThat(expired.header("Content-Type")).startsWith("text/html");
    assertThat(expired.text()).contains("This share link has expired.");
    Res expiredJson = getAccepting(server, sharePath(share), "application/json");
    matches("GET", "/share/{token}", expiredJson, 410);
    assertThat(expiredJson.errorCode()).isEqualTo("share_expired");
    matches("GET", "/share/{token}/pdf", getAccepting(server, sharePath(share) + "/pdf", "application/json"), 410);

    // a time already past (with an offset) makes a link that is expired from the start
    Res past = server.post("/v1/renders/" + render + "/shares", key, Map.of("expiresAt", "2020-01-01T01:00:00+01:00"));
    assertThat(past.status()).as(past.text()).isEqualTo(201);
    assertThat(past.json().path("expiresAt").asString()).isEqualTo("2020-01-01T00:00:00.000Z");
    assertThat(getAccepting(server, sharePath(past.json()), BROWSER).status()).isEqualTo(410);
  }

  @Test
  void unknownTokensAnswer404InBothForms() {
    for (String token : List.of("cks_" + "A".repeat(32), "nonsense", "cks_x", "%3Cscript%3E")) {
      Res html = getAccepting(server, "/share/" + token, BROWSER);
      assertThat(html.status()).as(token).isEqualTo(404);
      assertThat(html.header("Content-Type")).as(token).startsWith("text/html");
      assertThat(html.text()).doesNotContain("<script>");
      Res json = getAccepting(server, "/share/" + token, "application/json");
      assertThat(json.status()).as(token).isEqualTo(404);
      assertThat(json.errorCode()).isEqualTo("not_found");
    }
    Res pixel = server.get("/share/cks_" + "A".repeat(32) + "/open.gif", null);
    matches("GET", "/share/{token}/open.gif", pixel, 200);
    assertThat(new String(pixel.body(), 0, 6, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
  }

  @Test
  void anotherProjectsRenderIsNotFoundOnEveryRoute() {
    String render = succeededRender(server, key);
    String share = server.post("/v1/renders/" + render + "/shares", key, Map.of()).json().path("id").asString();
    String other = server.newProjectKey(false);
    String base = "/v1/renders/" + render;
    matches("POST", "/v1/renders/{id}/shares", server.post(base + "/shares", other, Map.of()), 404);
    matches("GET", "/v1/renders/{id}/shares", server.get(base + "/shares", other), 404);
    matches("DELETE", "/v1/renders/{id}/shares/{shareId}", server.delete(base + "/shares/" + share, other), 404);
    matches("POST", "/v1/renders/{id}/email", server.post(base + "/email", other, Map.of("to", "a@example.com")),
        404);
    matches("POST", "/v1/renders/{id}/events", server.post(base + "/events", other, Map.of("eventType", "viewed")),
        404);
    matches("GET", "/v1/renders/{id}/engagement", server.get(base + "/engagement", other), 404);
    // a share id under another of the project's own renders is not that render's share either
    String second = succeededRender(server, key);
    assertThat(server.delete("/v1/renders/" + second + "/shares/" + share, key).status()).isEqualTo(404);
    assertThat(shareById(render, share).path("revokedAt").isNull()).as("still live").isTrue();

    matches("GET", "/v1/renders/{id}/shares", server.get(base + "/shares", null), 401);
    matches("GET", "/v1/renders/{id}/engagement", server.get(base + "/engagement", null), 401);
    matches("POST", "/v1/renders/{id}/events", server.post(base + "/events", null, Map.of()), 401);
    matches("POST", "/v1/renders/{id}/email", server.post(base + "/email", null, Map.of()), 401);
    matches("GET", "/v1/renders/{id}/shares", server.get("/v1/renders/not-a-uuid/shares", key), 404);
    matches("DELETE", "/v1/renders/{id}/shares/{shareId}", server.delete(base + "/shares/not-a-uuid", key), 404);
  }

  @Test
  void onlyASucceededRenderIsSharedAndBadBodiesAreNamed() {
    String render = succeededRender(server, key);
    String base = "/v1/renders/" + render;
    Map<String, Object> bad = new HashMap<>();
    bad.put("channel", "fax");
    bad.put("message", "x".repeat(2001));
    bad.put("expiresAt", "tomorrow");
    Res r = server.post(base + "/shares", key, bad);
    matches("POST", "/v1/renders/{id}/shares", r, 400);
    assertThat(r.json().at("/error/issues/fieldErrors").propertyNames())
        .containsExactlyInAnyOrder("channel", "message", "expiresAt");
    assertThat(r.json().at("/error/issues/fieldErrors/channel/0").asString())
        .isEqualTo("Invalid enum value. Expected 'link' | 'email', received 'fax'");
    Res email = server.post(base + "/shares", key, Map.of("channel", "email"));
    matches("POST", "/v1/renders/{id}/shares", email, 400);
    assertThat(email.json().at("/error/issues/fieldErrors/recipientEmail/0").asString()).isEqualTo("Required");
    Res recorded = server.post(base + "/shares", key, Map.of("channel", "email", "recipientEmail", "ada@example.com"));
    matches("POST", "/v1/renders/{id}/shares", recorded, 201);
    assertThat(recorded.json().path("recipientEmail").asString()).isEqualTo("ada@example.com");
    matches("POST", "/v1/renders/{id}/shares", server.postRaw(base + "/shares", key, "{".getBytes()), 400);
    assertThat(server.postRaw(base + "/shares", key, "[]".getBytes()).errorCode()).isEqualTo("invalid_request");

    Res badEmail = server.post(base + "/email", key, Map.of("to", "not an address", "recipientName", "A\r\nBcc: x"));
    matches("POST", "/v1/renders/{id}/email", badEmail, 400);
    assertThat(badEmail.json().at("/error/issues/fieldErrors").propertyNames())
        .containsExactlyInAnyOrder("to", "recipientName");

    // an image on a loopback address fails the render: there is no PDF to share
    assertThat(server.put("/v1/templates/logo", key, Map.of("name", "Logo", "manifest", Map.of("variables",
        List.of(Map.of("key", "logo", "label", "Logo", "dataType", "image")), "loops", List.of()))).status())
        .isEqualTo(201);
    Res failing = server.post("/v1/templates/logo/render", key,
        Map.of("data", Map.of("logo", "http://127.0.0.1:" + TestServer.freePort() + "/logo.png")));
    String failed = failing.json().path("id").asString();
    assertThat(server.awaitTerminal(failed, key, Duration.ofSeconds(60)).path("status").asString())
        .isEqualTo("failed");
    Res notReady = server.post("/v1/renders/" + failed + "/shares", key, Map.of());
    matches("POST", "/v1/renders/{id}/shares", notReady, 409);
    assertThat(notReady.errorCode()).isEqualTo("not_ready");
    matches("POST", "/v1/renders/{id}/email", server.post("/v1/renders/" + failed + "/email", key,
        Map.of("to", "ada@example.com")), 409);
  }

  @Test
  void withoutSmtpSettingsEmailIsNotConfigured() {
    String render = succeededRender(server, key);
    Res r = server.post("/v1/renders/" + render + "/email", key, Map.of("to", "ada@example.com"));
    matches("POST", "/v1/renders/{id}/email", r, 503);
    assertThat(r.errorCode()).isEqualTo("email_not_configured");
    assertThat(r.json().at("/error/message").asString()).contains("PLATEN_SMTP_URL");
    assertThat(server.get("/v1/renders/" + render + "/shares", key).json().path("shares")).isEmpty();
  }

  @Test
  void partnerEventsAreDeduplicatedWithinFiveMinutesAndSummarised() {
    String render = succeededRender(server, key);
    String path = "/v1/renders/" + render + "/events";
    Res first = server.post(path, key, Map.of("eventType", "printed", "metadata", Map.of("printer", "front desk")));
    matches("POST", "/v1/renders/{id}/events", first, 200);
    assertThat(first.json().path("recorded").asBoolean()).isTrue();
    assertThat(server.post(path, key, Map.of("eventType", "printed")).json().path("recorded").asBoolean())
        .as("a repeat within 5 minutes").isFalse();
    assertThat(server.post(path, key, Map.of("eventType", "viewed")).json().path("recorded").asBoolean()).isTrue();
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(server.post(path, key, Map.of("eventType", "printed")).json().path("recorded").asBoolean()).isTrue();

    Res badType = server.post(path, key, Map.of("eventType", "email_opened"));
    matches("POST", "/v1/renders/{id}/events", badType, 400);
    assertThat(badType.json().at("/error/issues/fieldErrors/eventType/0").asString())
        .isEqualTo("Invalid enum value. Expected 'viewed' | 'downloaded' | 'printed', received 'email_opened'");
    assertThat(server.post(path, key, Map.of()).json().at("/error/issues/fieldErrors/eventType/0").asString())
        .isEqualTo("Required");
    assertThat(server.post(path, key, Map.of("eventType", "viewed", "metadata", List.of(1))).errorCode())
        .isEqualTo("invalid_request");
    assertThat(server.post(path, key, Map.of("eventType", "viewed", "metadata", Map.of("x", "y".repeat(5000))))
        .errorCode()).isEqualTo("invalid_request");

    JsonNode e = engagement(render);
    assertThat(counts(e)).isEqualTo(Map.of("viewed", 1L, "downloaded", 0L, "printed", 2L, "email_opened", 0L,
        "email_sent", 0L, "share_created", 0L, "share_revoked", 0L));
    assertThat(e.path("linkOpens").asLong()).as("no view came through a link").isZero();
    assertThat(e.path("total").asLong()).isEqualTo(3);
    JsonNode oldest = e.path("recent").get(2);
    assertThat(oldest.path("eventType").asString()).isEqualTo("printed");
    assertThat(oldest.path("actorKind").asString()).isEqualTo("partner");
    assertThat(oldest.path("shareId").isNull()).isTrue();
    assertThat(oldest.path("metadata").path("printer").asString()).isEqualTo("front desk");
    assertThat(e.path("recent").get(0).path("metadata").isNull()).isTrue();
  }

  @Test
  void recentListsTheNewest25() {
    String render = succeededRender(server, key);
    for (int i = 0; i < 30; i++) {
      clock.advance(Duration.ofMinutes(6));
      assertThat(server.post("/v1/renders/" + render + "/events", key, Map.of("eventType", "viewed",
          "metadata", Map.of("n", i))).json().path("recorded").asBoolean()).isTrue();
    }
    JsonNode e = engagement(render);
    assertThat(e.path("total").asLong()).isEqualTo(30);
    assertThat(e.path("recent")).hasSize(25);
    assertThat(e.path("recent").get(0).path("metadata").path("n").asInt()).isEqualTo(29);
    assertThat(e.path("recent").get(24).path("metadata").path("n").asInt()).isEqualTo(5);
  }

  @Test
  void everyEngagementFactWritesItsDocumentEventToTheOutboxWithIt() {
    String render = succeededRender(server, key);
    JsonNode share = server.post("/v1/renders/" + render + "/shares", key, Map.of()).json();
    clock.advance(Duration.ofSeconds(1));
    getAccepting(server, sharePath(share), BROWSER);
    getAccepting(server, sharePath(share), BROWSER); // a repeat: no event, no message
    clock.advance(Duration.ofSeconds(1));
    server.get(sharePath(share) + "/pdf", null);
    clock.advance(Duration.ofSeconds(1));
    server.post("/v1/renders/" + render + "/events", key, Map.of("eventType", "printed"));
    clock.advance(Duration.ofSeconds(1));
    server.delete("/v1/renders/" + render + "/shares/" + share.path("id").asString(), key);

    List<Map<String, Object>> rows = server.platen().database().jdbi().withHandle(h -> h.createQuery(
            "SELECT topic, project_id, payload, created_at FROM outbox "
                + "WHERE render_id = :r AND topic LIKE 'document.%' ORDER BY created_at, id")
        .bind("r", render).mapToMap().list());
    assertThat(rows).extracting(r -> r.get("topic")).containsExactly("document.share_created", "document.viewed",
        "document.downloaded", "document.printed", "document.share_revoked");
    String project = server.platen().database().jdbi().withHandle(h -> h.createQuery(
        "SELECT project_id FROM renders WHERE id = :r").bind("r", render).mapTo(String.class).one());
    List<String> actors = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      JsonNode payload = TestServer.JSON.readTree((String) row.get("payload"));
      assertThat(payload.propertyNames()).containsExactly("event", "renderId", "shareId", "eventType", "actorKind",
          "occurredAt");
      assertThat(payload.path("event").asString()).isEqualTo(row.get("topic"));
      assertThat(payload.path("event").asString()).isEqualTo("document." + payload.path("eventType").asString());
      assertThat(payload.path("renderId").asString()).isEqualTo(render);
      assertThat(payload.path("occurredAt").asString())
          .isEqualTo(Json.time(((Number) row.get("created_at")).longValue()));
      assertThat(row.get("project_id")).isEqualTo(project);
      if (payload.path("eventType").asString().equals("printed")) {
        assertThat(payload.path("shareId").isNull()).isTrue();
      } else {
        assertThat(payload.path("shareId").asString()).isEqualTo(share.path("id").asString());
      }
      actors.add(payload.path("actorKind").asString());
    }
    assertThat(actors).containsExactly("partner", "recipient", "recipient", "partner", "partner");
    long events = server.platen().database().jdbi().withHandle(h -> h.createQuery(
        "SELECT COUNT(*) FROM engagement_events WHERE render_id = :r").bind("r", render).mapTo(Long.class).one());
    assertThat(events).as("one message per stored event").isEqualTo(rows.size());
  }

  @Test
  void thePublicPagesAreRateLimitedPerAddressAndShareUrlsUseTheShareBase(@TempDir Path other) {
    // a clock that stands still: the four requests fall in one minute's window
    try (TestServer s = TestServer.start(other, Map.of("PLATEN_SHARE_RATE_LIMIT", "3",
        "PLATEN_SHARE_BASE_URL", "https://docs.example.com/"), new SettableClock(System.currentTimeMillis()))) {
      publish(s, s.liveKey);
      String render = succeededRender(s, s.liveKey);
      Res share = s.post("/v1/renders/" + render + "/shares", s.liveKey, Map.of());
      String token = share.json().path("shareToken").asString();
      assertThat(share.json().path("shareUrl").asString()).isEqualTo("https://docs.example.com/share/" + token);

      for (int i = 0; i < 3; i++) assertThat(getAccepting(s, "/share/" + token, BROWSER).status()).isEqualTo(200);
      Res limited = getAccepting(s, "/share/" + token, BROWSER);
      matches("GET", "/share/{token}", limited, 429);
      assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
      Res limitedJson = getAccepting(s, "/share/" + token + "/pdf", "application/json");
      matches("GET", "/share/{token}/pdf", limitedJson, 429);
      assertThat(limitedJson.errorCode()).isEqualTo("rate_limited");
      assertThat(s.get("/share/" + token + "/open.gif", null).header("Content-Type")).isEqualTo("image/gif");
    }
  }
}
