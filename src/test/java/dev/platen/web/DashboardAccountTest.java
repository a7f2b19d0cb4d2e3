package dev.platen.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account key's dashboard over plain HTTP: sign-in, projects and keys, and a project picked to look at. Every
 * change is checked through the public API too, since the pages and /v1/projects share one code path.
 */
class DashboardAccountTest {
  @TempDir static Path dir;
  static TestServer server;

  private static final Pattern PROJECT_URL = Pattern.compile("/app/projects/([0-9a-f-]{36})$");
  private static final Pattern SECRET = Pattern.compile("ck_(live|test)_[A-Za-z0-9_-]{16,}");

  @BeforeAll
  static void start() {
    server = TestServer.start(dir, Map.of("PLATEN_ROLE", "api"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static WebClient account() {
    WebClient c = new WebClient(server.baseUrl);
    HttpResponse<String> r = c.signIn(server.accountKey);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).contains("/app/projects");
    return c;
  }

  /** Creates a project through the form; returns its id. */
  private static String createProject(WebClient c, String name) {
    HttpResponse<String> r = c.post("/app/projects", WebClient.form("name", name, "_csrf", c.csrf("/app/projects")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    Matcher m = PROJECT_URL.matcher(r.headers().firstValue("Location").orElseThrow());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void theAccountKeySignsInToProjectsAndPicksAProjectBeforeItsPages() {
    WebClient c = account();
    HttpResponse<String> list = c.get("/app/projects");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("Account key").contains("New project");
    assertThat(DashboardHttpTest.INLINE_SCRIPT.matcher(list.body()).find()).isFalse();
    assertThat(DashboardHttpTest.INLINE_STYLE.matcher(list.body()).find()).isFalse();
    assertThat(c.get("/app/templates").headers().firstValue("Location")).as("no project picked yet")
        .contains("/app/projects");

    String id = createProject(c, "Pick <me>");
    String key = server.post("/v1/projects/" + id + "/keys", server.accountKey, Map.of("name", "api")).json()
        .path("key").asString();
    assertThat(server.post("/v1/templates", key, DashboardHttpTest.template("picked-one", "Picked one")).status())
        .isEqualTo(201);
    HttpResponse<String> open = c.post("/app/projects/" + id + "/open", WebClient.form("_csrf",
        c.csrf("/app/projects")));
    assertThat(open.statusCode()).isEqualTo(303);
    HttpResponse<String> templates = c.get("/app/templates");
    assertThat(templates.statusCode()).isEqualTo(200);
    assertThat(templates.body()).contains("Picked one").contains(id);
    assertThat(c.get("/app/templates/picked-one").statusCode()).isEqualTo(200);

    // a project key sees no project management
    WebClient project = new WebClient(server.baseUrl);
    assertThat(project.signIn(server.liveKey).statusCode()).isEqualTo(303);
    assertThat(project.get("/app/projects").statusCode()).isEqualTo(403);
    assertThat(project.get("/app/renders").body()).doesNotContain("href=\"/app/projects\"");
  }

  @Test
  void createRenameAndDeleteAProjectWithAConfirmation() {
    WebClient c = account();
    String id = createProject(c, "<b>Acme</b> & Co");
    HttpResponse<String> page = c.get("/app/projects/" + id);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("&lt;b&gt;Acme&lt;/b&gt; &amp; Co").doesNotContain("<b>Acme");
    assertThat(server.get("/v1/projects/" + id, server.accountKey).json().path("name").asString())
        .isEqualTo("<b>Acme</b> & Co");

    String token = c.csrf("/app/projects/" + id);
    HttpResponse<String> empty = c.post("/app/projects/" + id + "/rename", WebClient.form("name", "  ",
        "_csrf", token));
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("name: Must be a string of 1 to 200 characters.");
    assertThat(c.post("/app/projects/" + id + "/rename", WebClient.form("name", "Acme GmbH", "_csrf", token))
        .statusCode()).isEqualTo(303);
    assertThat(server.get("/v1/projects/" + id, server.accountKey).json().path("name").asString())
        .isEqualTo("Acme GmbH");

    HttpResponse<String> confirm = c.get("/app/projects/" + id + "/delete");
    assertThat(confirm.body()).contains("Delete project").contains("name=\"confirm\" value=\"yes\"");
    HttpResponse<String> unconfirmed = c.post("/app/projects/" + id + "/delete", WebClient.form("_csrf", token));
    assertThat(unconfirmed.statusCode()).isEqualTo(303);
    assertThat(server.get("/v1/projects/" + id, server.accountKey).status()).as("not deleted without confirm")
        .isEqualTo(200);
    assertThat(c.post("/app/projects/" + id + "/delete", WebClient.form("confirm", "yes")).statusCode())
        .as("no CSRF token").isEqualTo(403);
    assertThat(c.post("/app/projects/" + id + "/delete", WebClient.form("confirm", "yes", "_csrf", token),
        "Origin", "https://evil.example").statusCode()).as("foreign origin").isEqualTo(403);
    assertThat(server.get("/v1/projects/" + id, server.accountKey).status()).isEqualTo(200);
    assertThat(c.post("/app/projects/" + id + "/delete", WebClient.form("confirm", "yes", "_csrf", token))
        .statusCode()).isEqualTo(303);
    assertThat(server.get("/v1/projects/" + id, server.accountKey).status()).isEqualTo(404);
    assertThat(c.get("/app/projects").body()).doesNotContain(id);
  }

  @Test
  void aKeysSecretIsShownOnceAndARevokedKeyIsRefusedAtTheNextCall() {
    WebClient c = account();
    String id = createProject(c, "Keys");
    String token = c.csrf("/app/projects/" + id);
    assertThat(c.post("/app/projects/" + id + "/keys", WebClient.form("name", "ci", "mode", "test")).statusCode())
        .as("no CSRF token").isEqualTo(403);
    HttpResponse<String> made = c.post("/app/projects/" + id + "/keys",
        WebClient.form("name", "ci", "mode", "test", "_csrf", token));
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    Matcher m = SECRET.matcher(made.body());
    assertThat(m.find()).as(made.body()).isTrue();
    String secret = m.group();
    assertThat(secret).startsWith("ck_test_");
    assertThat(made.body()).contains("data-copy=\"new-key\"");
    assertThat(made.headers().firstValue("Cache-Control")).contains("no-store");

    assertThat(c.get("/app/projects/" + id).body()).as("last use before any").contains("<td>never</td>");
    assertThat(server.get("/v1/templates", secret).status()).as("the new key works").isEqualTo(200);
    for (String path : new String[] {"/app/projects/" + id, "/app/projects", "/app/projects/" + id + "/delete"}) {
      HttpResponse<String> later = c.get(path);
      assertThat(later.body()).as(path).doesNotContain(secret).doesNotContain(secret.substring(8));
    }
    HttpResponse<String> listed = c.get("/app/projects/" + id);
    String prefix = secret.substring(0, 12);
    assertThat(listed.body()).contains(prefix).contains("<td>test</td>").doesNotContain("<td>never</td>")
        .doesNotContain(secret);
    String keyId = server.get("/v1/projects/" + id + "/keys", server.accountKey).json().path("keys").get(0)
        .path("id").asString();
    assertThat(listed.body()).contains("/keys/" + keyId + "/revoke");

    HttpResponse<String> revoke = c.post("/app/projects/" + id + "/keys/" + keyId + "/revoke",
        WebClient.form("_csrf", token));
    assertThat(revoke.statusCode()).isEqualTo(303);
    var refused = server.get("/v1/templates", secret);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(c.get("/app/projects/" + id).body()).contains("revoked");
  }

  @Test
  void aRevokedOrRotatedAccountKeyIsNotSignedIn() {
    WebClient c = new WebClient(server.baseUrl);
    HttpResponse<String> r = c.signIn("ck_acct_notthekey000000000000000");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(r.body()).contains("not valid");
  }

  @Test
  void deletingAProjectEndsTheSessionsOfItsKeys() {
    WebClient c = account();
    String id = createProject(c, "Short-lived");
    String key = server.post("/v1/projects/" + id + "/keys", server.accountKey, Map.of()).json().path("key")
        .asString();
    WebClient project = new WebClient(server.baseUrl);
    assertThat(project.signIn(key).statusCode()).isEqualTo(303);
    assertThat(project.get("/app/renders").statusCode()).isEqualTo(200);
    assertThat(c.post("/app/projects/" + id + "/open", WebClient.form("_csrf", c.csrf("/app/projects")))
        .statusCode()).isEqualTo(303);
    assertThat(c.get("/app/renders").statusCode()).isEqualTo(200);

    assertThat(c.post("/app/projects/" + id + "/delete", WebClient.form("confirm", "yes", "_csrf",
        c.csrf("/app/projects"))).statusCode()).isEqualTo(303);
    assertThat(project.get("/app/renders").statusCode()).as("the deleted project's key session").isEqualTo(303);
    assertThat(project.get("/app/renders").headers().firstValue("Location")).contains("/");
    assertThat(c.get("/app/renders").headers().firstValue("Location")).as("the account picks again")
        .contains("/app/projects");
  }
}
