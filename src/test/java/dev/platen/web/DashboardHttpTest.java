package dev.platen.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.auth.ApiKeys;
import dev.platen.store.ProjectStore;
import dev.platen.testing.SettableClock;
import dev.platen.testing.TestServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard over plain HTTP, no browser: sessions, CSRF, headers, escaping and project scoping. The server runs
 * the API only (no workers), so renders stay queued and nothing moves unless a test moves it.
 */
class DashboardHttpTest {
  @TempDir static Path dir;
  static TestServer server;

  static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
  static final Pattern INLINE_STYLE = Pattern.compile("<style|<[^>]*\\s(style|on[a-z]+)=",
      Pattern.CASE_INSENSITIVE);

  @BeforeAll
  static void start() {
    server = TestServer.start(dir, Map.of("PLATEN_ROLE", "api"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Map<String, Object> template(String slug, String name) {
    return Map.of("name", name, "slug", slug, "manifest", Map.of("variables",
        List.of(Map.of("key", "title", "label", "Title", "dataType", "text"))));
  }

  static String queue(TestServer s, String key, String slug) {
    var r = s.post("/v1/templates/" + slug + "/render", key, Map.of("data", Map.of("title", "x")));
    assertThat(r.status()).as(r.text()).isEqualTo(202);
    return r.json().path("id").asString();
  }

  private static WebClient signedIn() {
    WebClient c = new WebClient(server.baseUrl);
    assertThat(c.signIn(server.liveKey).statusCode()).isEqualTo(303);
    return c;
  }

  @Test
  void withoutASessionEveryPageSendsToSignIn() {
    WebClient anonymous = new WebClient(server.baseUrl);
    for (String path : List.of("/app/renders", "/app/templates", "/app/webhooks", "/app/renders/events")) {
      HttpResponse<String> r = anonymous.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).as(path).contains("/");
    }
    HttpResponse<String> change = anonymous.post("/app/webhooks", WebClient.form("url", "https://example.com/x"));
    assertThat(change.statusCode()).isEqualTo(403);
    HttpResponse<String> home = anonymous.get("/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("name=\"key\"");
  }

  @Test
  void signInSetsAnHttpOnlyStrictCookieAndSignOutEndsTheSession() {
    WebClient bad = new WebClient(server.baseUrl);
    HttpResponse<String> refused = bad.signIn("ck_live_notakey");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();

    WebClient c = new WebClient(server.baseUrl);
    HttpResponse<String> ok = c.signIn(server.liveKey);
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(ok.headers().firstValue("Location")).contains("/app/renders");
    String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith(Dashboard.COOKIE + "=").contains("; HttpOnly").contains("; SameSite=Strict")
        .contains("; Path=/").doesNotContain("Secure");
    assertThat(c.get("/app/renders").statusCode()).isEqualTo(200);
    assertThat(c.get("/").headers().firstValue("Location")).contains("/app/renders");
    String before = c.cookie;
    c.signIn(server.liveKey);
    assertThat(c.cookie).as("a new session at every sign-in").isNotEqualTo(before);
    String now = c.cookie;
    c.cookie = before;
    assertThat(c.get("/app/renders").statusCode()).as("the session signed in over is gone").isEqualTo(303);
    c.cookie = now;

    String token = c.csrf("/app/renders");
    assertThat(c.post("/sign-out", WebClient.form()).statusCode()).as("sign-out without the token").isEqualTo(403);
    assertThat(c.get("/app/renders").statusCode()).isEqualTo(200);
    HttpResponse<String> out = c.post("/sign-out", WebClient.form("_csrf", token));
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(c.get("/app/renders").statusCode()).as("the old cookie after sign-out").isEqualTo(303);
  }

  @Test
  void aChangeWithoutTheCsrfTokenIsRefused() {
    WebClient c = signedIn();
    String url = "https://example.com/hooks/csrf-" + System.nanoTime();
    HttpResponse<String> without = c.post("/app/webhooks", WebClient.form("url", url, "events", "render.succeeded"));
    assertThat(without.statusCode()).isEqualTo(403);
    HttpResponse<String> wrong = c.post("/app/webhooks",
        WebClient.form("url", url, "events", "render.succeeded", "_csrf", "not-the-token"));
    assertThat(wrong.statusCode()).isEqualTo(403);
    String token = c.csrf("/app/webhooks");
    HttpResponse<String> crossSite = c.post("/app/webhooks",
        WebClient.form("url", url, "events", "render.succeeded", "_csrf", token), "Origin", "https://evil.example");
    assertThat(crossSite.statusCode()).as("right token, foreign Origin").isEqualTo(403);
    assertThat(server.get("/v1/webhooks", server.liveKey).text()).doesNotContain(url);

    HttpResponse<String> with = c.post("/app/webhooks",
        WebClient.form("url", url, "events", "render.succeeded", "_csrf", token), "Origin", server.baseUrl);
    assertThat(with.statusCode()).as(with.body()).isEqualTo(201);
    assertThat(with.body()).contains("whsec_");
    assertThat(server.get("/v1/webhooks", server.liveKey).text()).contains(url);
    // the secret is shown on the create answer only
    assertThat(c.get("/app/webhooks").body()).doesNotContain("whsec_");
  }

  @Test
  void everyPageCarriesTheSecurityHeadersAndNoInlineScriptOrStyle() {
    WebClient c = signedIn();
    assertThat(server.post("/v1/templates", server.liveKey, template("headers", "Headers")).status()).isEqualTo(201);
    String id = queue(server, server.liveKey, "headers");
    for (String path : List.of("/app/renders", "/app/renders?status=queued&template=headers", "/app/templates",
        "/app/templates/headers", "/app/webhooks", "/app/renders/" + id, "/app/renders/rows",
        "/app/renders/00000000-0000-0000-0000-000000000000")) {
      HttpResponse<String> r = c.get(path);
      assertThat(r.statusCode()).as(path).isIn(200, 404);
      assertThat(r.headers().firstValue("Content-Security-Policy")).as(path)
          .hasValueSatisfying(v -> assertThat(v).startsWith("default-src 'self'").contains("frame-ancestors 'none'")
              .doesNotContain("unsafe"));
      assertThat(r.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(path).contains("same-origin");
      assertThat(r.headers().firstValue("Cache-Control")).as(path).contains("no-store");
      assertThat(INLINE_SCRIPT.matcher(r.body()).find()).as(path + " inline script").isFalse();
      assertThat(INLINE_STYLE.matcher(r.body()).find()).as(path + " inline style or handler").isFalse();
    }
    HttpResponse<String> signIn = new WebClient(server.baseUrl).get("/");
    assertThat(signIn.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(signIn.headers().firstValue("X-Frame-Options")).contains("DENY");
  }

  @Test
  void assetsComeFromTheJarWithLongCacheHeaders() {
    WebClient c = signedIn();
    String page = c.get("/app/renders").body();
    var m = Pattern.compile("src=\"(/app/assets/htmx\\.js\\?v=[0-9a-f]+)\"").matcher(page);
    assertThat(m.find()).as(page).isTrue();
    HttpResponse<String> htmx = new WebClient(server.baseUrl).get(m.group(1));
    assertThat(htmx.statusCode()).isEqualTo(200);
    assertThat(htmx.body()).contains("htmx");
    assertThat(htmx.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
    assertThat(new WebClient(server.baseUrl).get("/app/assets/nothing.js").statusCode()).isEqualTo(404);
  }

  @Test
  void userTextIsEscaped() {
    String name = "<img src=x onerror=alert(1)>";
    assertThat(server.post("/v1/templates", server.liveKey, template("xss", name)).status()).isEqualTo(201);
    WebClient c = signedIn();
    for (String path : List.of("/app/templates", "/app/templates/xss", "/app/templates?q=" + "%3Cimg")) {
      String body = c.get(path).body();
      assertThat(body).as(path).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
    }
    String q = c.get("/app/templates?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E").body();
    assertThat(q).as("the search box's value").doesNotContain("\"><script>").doesNotContain("<script>alert(1)")
        .contains("&#34;>&lt;script>");
  }

  @Test
  void aTemplatesPageShowsEachVersionAsPublished() {
    assertThat(server.post("/v1/templates", server.liveKey, template("versions", "Versions")).status())
        .isEqualTo(201);
    Map<String, Object> second = Map.of("name", "Versions", "manifest", Map.of("variables",
        List.of(Map.of("key", "secondField", "label", "Second", "dataType", "text"))));
    assertThat(server.put("/v1/templates/versions", server.liveKey, second).status()).isEqualTo(200);
    WebClient c = signedIn();
    String current = c.get("/app/templates/versions").body();
    assertThat(current).contains("Version 2").contains("\"key\" : \"secondField\"")
        .doesNotContain("\"key\" : \"title\"");
    String first = c.get("/app/templates/versions?version=1").body();
    assertThat(first).contains("\"key\" : \"title\"").doesNotContain("secondField");
    assertThat(c.get("/app/templates/versions?version=3").statusCode()).isEqualTo(404);
    assertThat(c.get("/app/templates/nothing-here").statusCode()).isEqualTo(404);
    assertThat(c.get("/app/templates?q=versi").body()).contains("/app/templates/versions");
    assertThat(c.get("/app/templates?q=zzzz").body()).doesNotContain("/app/templates/versions");
  }

  @Test
  void anotherProjectsRenderIsNotFound() {
    String other = server.newProjectKey(false);
    assertThat(server.post("/v1/templates", other, template("theirs", "Theirs")).status()).isEqualTo(201);
    String theirs = queue(server, other, "theirs");
    WebClient c = signedIn();
    String token = c.csrf("/app/renders");
    assertThat(c.get("/app/renders/" + theirs).statusCode()).isEqualTo(404);
    assertThat(c.get("/app/renders/" + theirs + "/pdf").statusCode()).isEqualTo(404);
    assertThat(c.post("/app/renders/" + theirs + "/cancel", WebClient.form("_csrf", token)).statusCode())
        .isEqualTo(404);
    assertThat(c.post("/app/renders/" + theirs + "/again", WebClient.form("_csrf", token)).statusCode())
        .isEqualTo(404);
    assertThat(c.get("/app/renders").body()).doesNotContain(theirs);
    assertThat(server.get("/v1/renders/" + theirs, other).json().path("status").asString()).isEqualTo("queued");
  }

  @Test
  void cancelAndRenderAgainGoThroughTheQueue() {
    assertThat(server.post("/v1/templates", server.liveKey, template("again", "Again")).status()).isEqualTo(201);
    String id = queue(server, server.liveKey, "again");
    WebClient c = signedIn();
    String token = c.csrf("/app/renders/" + id);
    HttpResponse<String> again = c.post("/app/renders/" + id + "/again", WebClient.form("_csrf", token));
    assertThat(again.statusCode()).as(again.body()).isEqualTo(303);
    String newId = again.headers().firstValue("Location").orElseThrow().replace("/app/renders/", "");
    assertThat(newId).isNotEqualTo(id);
    var copy = server.get("/v1/renders/" + newId, server.liveKey);
    assertThat(copy.status()).isEqualTo(200);
    assertThat(copy.json().path("templateId").asString())
        .isEqualTo(server.get("/v1/renders/" + id, server.liveKey).json().path("templateId").asString());
    String page = c.get("/app/renders/" + id).body();
    assertThat(page).as("the request as curl").contains(server.baseUrl + "/v1/templates/again/render")
        .contains("versionNumber").contains("Bearer $PLATEN_KEY");
    HttpResponse<String> unfinished = c.get("/app/renders/" + id + "/state");
    assertThat(unfinished.body()).contains("queued").contains("hx-trigger=\"every 1s\"");
    assertThat(unfinished.headers().firstValue("HX-Refresh")).isEmpty();
    assertThat(c.post("/app/renders/" + id + "/cancel", WebClient.form("_csrf", token)).statusCode()).isEqualTo(303);
    HttpResponse<String> finished = c.get("/app/renders/" + id + "/state");
    assertThat(finished.body()).contains("cancelled");
    assertThat(finished.headers().firstValue("HX-Refresh")).as("a terminal render reloads its page").contains("true");
    assertThat(server.get("/v1/renders/" + id, server.liveKey).json().path("status").asString())
        .isEqualTo("cancelled");
    assertThat(c.post("/app/renders/" + id + "/cancel", WebClient.form("_csrf", token)).statusCode())
        .as("cancelling twice").isEqualTo(409);
  }

  @Test
  void theEventStreamAnnouncesANewRender() throws Exception {
    assertThat(server.post("/v1/templates", server.liveKey, template("live", "Live")).status()).isEqualTo(201);
    WebClient c = signedIn();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(
            URI.create(server.baseUrl + "/app/renders/events?template=live")).header("Cookie", c.cookie).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
        assertThat(v).startsWith("text/event-stream"));
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      CompletableFuture<String> event = CompletableFuture.supplyAsync(() -> {
        try {
          for (String line; (line = lines.readLine()) != null; ) if (line.startsWith("event: ")) return line;
          return "closed";
        } catch (java.io.IOException e) {
          return e.toString();
        }
      });
      Thread.sleep(1_500); // the stream has read its first picture of the list
      String id = queue(server, server.liveKey, "live");
      assertThat(event.get(10, TimeUnit.SECONDS)).isEqualTo("event: changed");
      assertThat(c.get("/app/renders/rows?template=live").body()).contains(id);
    }
  }

  @Test
  void theListFiltersByStatusTemplateAndDay() {
    assertThat(server.post("/v1/templates", server.liveKey, template("filter-a", "A")).status()).isEqualTo(201);
    assertThat(server.post("/v1/templates", server.liveKey, template("filter-b", "B")).status()).isEqualTo(201);
    String a = queue(server, server.liveKey, "filter-a");
    String b = queue(server, server.liveKey, "filter-b");
    assertThat(server.post("/v1/renders/" + b + "/cancel", server.liveKey, Map.of()).status()).isEqualTo(200);
    WebClient c = signedIn();
    assertThat(c.get("/app/renders?template=filter-a").body()).contains(a).doesNotContain(b);
    assertThat(c.get("/app/renders?status=cancelled").body()).contains(b).doesNotContain(a);
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
    assertThat(c.get("/app/renders?from=" + today + "&to=" + today).body()).contains(a).contains(b);
    assertThat(c.get("/app/renders?from=" + tomorrow).body()).doesNotContain(a).doesNotContain(b);
    assertThat(c.get("/app/renders/rows?template=filter-b&status=cancelled").body()).contains(b).doesNotContain(a);
    for (String bad : List.of("status=done", "template=Not%20A%20Slug", "from=yesterday", "cursor=zzz")) {
      HttpResponse<String> r = c.get("/app/renders?" + bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).as(bad).hasValueSatisfying(v ->
          assertThat(v).startsWith("text/html"));
    }
  }

  @Test
  void oneSessionHoldsAFewLiveListsAtMost() throws Exception {
    WebClient c = signedIn();
    HttpClient http = HttpClient.newHttpClient();
    List<HttpResponse<InputStream>> open = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < Pages.MAX_STREAMS; i++) {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl
            + "/app/renders/events")).header("Cookie", c.cookie).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        open.add(r);
      }
      assertThat(c.get("/app/renders/events").statusCode()).isEqualTo(429);
      assertThat(signedIn().get("/app/renders/events?status=bogus").statusCode()).as("another session").isEqualTo(400);
    } finally {
      for (var r : open) r.body().close();
    }
  }

  /** Its own server: its clock moves, its cookie is Secure, and its sign-in limit is spent. */
  @Test
  void idleSessionsExpireFailedSignInsAreLimitedAndHttpsMakesTheCookieSecure(@TempDir Path own) {
    SettableClock clock = new SettableClock(1_800_000_000_000L);
    try (TestServer s = TestServer.start(own, Map.of("PLATEN_ROLE", "api",
        "PLATEN_PUBLIC_URL", "https://platen.example.com"), clock)) {
      WebClient c = new WebClient(s.baseUrl);
      HttpResponse<String> ok = c.signIn(s.liveKey);
      assertThat(ok.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
      // behind a proxy that rewrites Host, a form from the public URL's origin still passes; another origin never
      String token = c.csrf("/app/webhooks");
      assertThat(c.post("/app/webhooks", WebClient.form("_csrf", token, "url", "ftp://x", "events", "render.failed"),
          "Origin", "https://platen.example.com").statusCode()).isEqualTo(400);
      assertThat(c.post("/app/webhooks", WebClient.form("_csrf", token, "url", "ftp://x", "events", "render.failed"),
          "Origin", "https://platen.example.com.evil.example").statusCode()).isEqualTo(403);
      clock.advance(Duration.ofHours(11));
      assertThat(c.get("/app/renders").statusCode()).isEqualTo(200);
      clock.advance(Duration.ofHours(11)); // 11 h since the last request: still within the idle limit
      assertThat(c.get("/app/renders").statusCode()).isEqualTo(200);
      clock.advance(Duration.ofHours(12));
      assertThat(c.get("/app/renders").statusCode()).as("12 h idle").isEqualTo(303);

      String key = s.addKeyToDefaultProject(false);
      WebClient again = new WebClient(s.baseUrl);
      again.signIn(s.liveKey);
      // revoked as another process would (its own store): the server trusts a key it found active for 0.75 s
      new ProjectStore(s.platen().database()).revokeKey(ApiKeys.hash(s.liveKey));
      long deadline = System.nanoTime() + 1_000_000_000L;
      int status;
      do {
        status = again.get("/app/renders").statusCode();
      } while (status != 303 && System.nanoTime() < deadline);
      assertThat(status).as("the key was revoked, within a second").isEqualTo(303);

      WebClient guesser = new WebClient(s.baseUrl);
      for (int i = 0; i < SignInLimit.FAILURES; i++) {
        assertThat(guesser.signIn("ck_live_guess" + i).statusCode()).isEqualTo(401);
      }
      HttpResponse<String> limited = guesser.signIn(key);
      assertThat(limited.statusCode()).as("even a right key, once the limit is spent").isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();
      clock.advance(Duration.ofMinutes(16));
      assertThat(guesser.signIn(key).statusCode()).isEqualTo(303);
    }
  }
}
