package dev.platen.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Templates in the dashboard over HTTP: new ones from scratch or from an example (through POST /v1/templates' own
 * code), deleting behind a confirmation, the side-by-side diff of two versions, rendering one version, and the list's
 * keyset pages and search. The server runs workers, so a render queued here finishes.
 */
class DashboardTemplatesTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static WebClient signedIn() {
    WebClient c = new WebClient(server.baseUrl);
    assertThat(c.signIn(server.liveKey).statusCode()).isEqualTo(303);
    return c;
  }

  private static HttpResponse<String> create(WebClient c, String... kv) {
    String token = c.csrf("/app/templates/new");
    String[] all = Stream.concat(Stream.of("_csrf", token), Stream.of(kv)).toArray(String[]::new);
    return c.post("/app/templates", WebClient.form(all));
  }

  @Test
  void everyExampleInTheRepositoryIsOfferedAndShippedInTheJar() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      List<String> examples = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")
          && !n.endsWith(".data.json")).map(n -> n.substring(0, n.length() - 5)).sorted().toList();
      assertThat(TemplatePages.EXAMPLES).containsExactlyInAnyOrderElementsOf(examples);
    }
    for (String x : TemplatePages.EXAMPLES) {
      assertThat(TemplatePages.class.getResource("/examples/" + x + ".json")).as(x).isNotNull();
    }
    WebClient c = signedIn();
    String form = c.get("/app/templates/new").body();
    for (String x : TemplatePages.EXAMPLES) assertThat(form).contains("value=\"" + x + "\"");
  }

  @Test
  void aTemplateFromTheInvoiceExampleIsTheExampleAsTheApiStoresIt() throws Exception {
    WebClient c = signedIn();
    HttpResponse<String> made = create(c, "example", "invoice", "name", "Client invoice", "slug", "client-invoice");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(303);
    assertThat(made.headers().firstValue("Location")).contains("/app/templates/client-invoice/edit");
    JsonNode stored = server.get("/v1/templates/client-invoice", server.liveKey).json();
    assertThat(stored.path("name").asString()).isEqualTo("Client invoice");
    assertThat(stored.path("currentVersionNumber").asInt()).isEqualTo(1);
    JsonNode example = TestServer.JSON.readTree(Files.readString(Path.of("examples/invoice.json")));
    assertThat(stored.path("manifest").path("variables").size())
        .isEqualTo(example.path("manifest").path("variables").size());
    JsonNode v1 = server.get("/v1/templates/client-invoice/versions/1", server.liveKey).json();
    assertThat(v1.path("layout").toString()).contains("Northwind Studio Ltd");
    // the editor opens on it, and a render of it through the API works
    assertThat(c.get("/app/templates/client-invoice/edit").body()).contains("Northwind Studio Ltd");
    var r = server.post("/v1/templates/client-invoice/render", server.liveKey,
        Map.of("data", TestServer.JSON.readTree(Files.readString(Path.of("examples/invoice.data.json")))));
    assertThat(r.status()).as(r.text()).isEqualTo(202);
  }

  @Test
  void aTemplateFromScratchAndTheApisRefusalsOnTheForm() {
    WebClient c = signedIn();
    String hostile = "<img src=x onerror=alert(1)>";
    HttpResponse<String> made = create(c, "example", "", "name", hostile);
    assertThat(made.statusCode()).as(made.body()).isEqualTo(303);
    String slug = made.headers().firstValue("Location").orElseThrow().replaceAll(".*/app/templates/(.*)/edit", "$1");
    assertThat(slug).isEqualTo("img-src-x-onerror-alert-1");
    JsonNode stored = server.get("/v1/templates/" + slug, server.liveKey).json();
    assertThat(stored.path("manifest").path("variables").size()).isZero();
    String page = c.get("/app/templates/" + slug).body();
    assertThat(page).doesNotContain(hostile).contains("&lt;img src=x onerror=alert(1)&gt;");

    // a taken slug: 409 as the API answers it, the form comes back with what was typed
    HttpResponse<String> taken = create(c, "example", "", "name", "Again", "slug", slug);
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(taken.body()).contains("id=\"create-error\"").contains("already exists").contains("value=\"Again\"");
    // no name: the API's own field message
    HttpResponse<String> nameless = create(c, "example", "");
    assertThat(nameless.statusCode()).isEqualTo(400);
    assertThat(nameless.body()).contains("name");
    assertThat(create(c, "example", "../../etc/passwd", "name", "x").statusCode()).isEqualTo(400);
    // without the CSRF token nothing is made
    assertThat(c.post("/app/templates", WebClient.form("name", "No token")).statusCode()).isEqualTo(403);
    assertThat(server.get("/v1/templates/no-token", server.liveKey).status()).isEqualTo(404);
  }

  @Test
  void deletingAsksFirstThenFreesTheSlugAsTheApiDoes() {
    assertThat(server.post("/v1/templates", server.liveKey, DashboardHttpTest.template("doomed", "Doomed"))
        .status()).isEqualTo(201);
    WebClient c = signedIn();
    HttpResponse<String> confirm = c.get("/app/templates/doomed/delete");
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body()).contains("Delete template").contains("name=\"confirm\" value=\"yes\"");
    String token = c.csrf("/app/templates/doomed/delete");
    assertThat(c.post("/app/templates/doomed/delete", WebClient.form("_csrf", token)).statusCode())
        .as("without the confirmation").isEqualTo(400);
    assertThat(c.post("/app/templates/doomed/delete", WebClient.form("confirm", "yes")).statusCode())
        .as("without the CSRF token").isEqualTo(403);
    assertThat(server.get("/v1/templates/doomed", server.liveKey).status()).isEqualTo(200);
    HttpResponse<String> done = c.post("/app/templates/doomed/delete", WebClient.form("_csrf", token,
        "confirm", "yes"));
    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(done.headers().firstValue("Location")).contains("/app/templates?deleted=doomed");
    assertThat(server.get("/v1/templates/doomed", server.liveKey).status()).isEqualTo(404);
    assertThat(c.get("/app/templates?deleted=doomed").body()).contains("id=\"deleted-notice\"")
        .doesNotContain("href=\"/app/templates/doomed\"");
    assertThat(c.get("/app/templates/doomed").statusCode()).isEqualTo(404);
  }

  @Test
  void twoVersionsSideBySideEscapedAndOneOfThemRendered() {
    Map<String, Object> v1 = Map.of("name", "Greeting", "manifest", Map.of("variables", List.of(Map.of("key",
        "name", "label", "Name", "dataType", "text", "required", true))), "layout", Map.of("html",
        "<h1>Hello {{name}}</h1>\n<p>Kind regards</p>"));
    Map<String, Object> v2 = Map.of("name", "Greeting", "manifest", Map.of("variables", List.of(Map.of("key",
        "name", "label", "Name", "dataType", "text", "required", true))), "layout", Map.of("html",
        "<h1>Goodbye {{name}}</h1>\n<p>Kind regards</p><script>alert(1)</script>"));
    assertThat(server.put("/v1/templates/greeting-diff", server.liveKey, v1).status()).isEqualTo(201);
    assertThat(server.put("/v1/templates/greeting-diff", server.liveKey, v2).status()).isEqualTo(200);
    WebClient c = signedIn();
    assertThat(c.get("/app/templates/greeting-diff").body()).contains("action=\"/app/templates/greeting-diff/diff\"")
        .contains("href=\"/app/templates/greeting-diff/versions/2/render\"");
    HttpResponse<String> diff = c.get("/app/templates/greeting-diff/diff?a=1&b=2");
    assertThat(diff.statusCode()).isEqualTo(200);
    String body = diff.body();
    assertThat(body).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    // the layout's html line changed: old text left, new text right, on one row
    Matcher changed = Pattern.compile("<tr class=\"diff-changed\">(.*?)</tr>", Pattern.DOTALL).matcher(body);
    assertThat(changed.find()).isTrue();
    assertThat(changed.group(1)).contains("Hello {{name}}").contains("Goodbye {{name}}");
    // the manifest did not change
    assertThat(body).containsPattern("Manifest <span class=\"badge\">unchanged</span>");
    assertThat(c.get("/app/templates/greeting-diff/diff?a=1&b=9").statusCode()).isEqualTo(404);
    assertThat(c.get("/app/templates/greeting-diff/diff?a=x&b=1").statusCode()).isEqualTo(404);

    // render version 1: the form starts with sample data; bad data comes back with the API's message
    HttpResponse<String> form = c.get("/app/templates/greeting-diff/versions/1/render");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).containsPattern("<textarea id=\"data\"[^>]*>\\{\\s+(\"|&#34;)name(\"|&#34;)");
    String token = c.csrf("/app/templates/greeting-diff/versions/1/render");
    HttpResponse<String> notJson = c.post("/app/templates/greeting-diff/versions/1/render",
        WebClient.form("_csrf", token, "data", "{\"name\": "));
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("not valid JSON");
    HttpResponse<String> missing = c.post("/app/templates/greeting-diff/versions/1/render",
        WebClient.form("_csrf", token, "data", "{}"));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("id=\"render-error\"").contains("name");
    HttpResponse<String> queued = c.post("/app/templates/greeting-diff/versions/1/render",
        WebClient.form("_csrf", token, "data", "{\"name\": \"Ada\"}"));
    assertThat(queued.statusCode()).as(queued.body()).isEqualTo(303);
    String id = queued.headers().firstValue("Location").orElseThrow().replace("/app/renders/", "");
    JsonNode done = server.awaitTerminal(id, server.liveKey, Duration.ofSeconds(60));
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
    assertThat(c.get("/app/renders/" + id).body()).contains("Greeting (version 1)");
    var pdf = TestServer.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl + "/app/renders/"
        + id + "/pdf")).header("Cookie", c.cookie).build());
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(dev.platen.testing.Pdfs.text(pdf.body())).contains("Hello Ada").doesNotContain("Goodbye");
  }

  @Test
  void theListPagesByKeysetAndSearchesInTheDatabase() {
    String key = server.newProjectKey(false);
    for (int i = 0; i < 60; i++) {
      String name = i == 7 ? "Quarterly 100% report_" + i : "Doc " + i;
      var r = server.post("/v1/templates", key, Map.of("name", name, "slug", String.format("doc-%02d", i),
          "manifest", Map.of("variables", List.of())));
      assertThat(r.status()).as(r.text()).isEqualTo(201);
    }
    WebClient c = new WebClient(server.baseUrl);
    assertThat(c.signIn(key).statusCode()).isEqualTo(303);
    String first = c.get("/app/templates").body();
    List<String> firstSlugs = slugs(first);
    assertThat(firstSlugs).hasSize(TemplatePages.PAGE_SIZE).startsWith("doc-59");
    assertThat(first).contains("60 templates");
    Matcher next = Pattern.compile("href=\"(/app/templates\\?cursor=[^\"]+)\" rel=\"next\"").matcher(first);
    assertThat(next.find()).isTrue();
    List<String> second = slugs(c.get(next.group(1).replace("&amp;", "&")).body());
    assertThat(second).hasSize(10).endsWith("doc-00").doesNotContainAnyElementsOf(firstSlugs);
    assertThat(c.get("/app/templates?cursor=bm90LWEtY3Vyc29y").statusCode()).isEqualTo(400);

    // the search is the database's: by slug, by name whatever its case, and % or _ are plain characters
    assertThat(slugs(c.get("/app/templates?q=doc-0").body())).hasSize(10);
    assertThat(slugs(c.get("/app/templates?q=QUARTERLY").body())).containsExactly("doc-07");
    assertThat(slugs(c.get("/app/templates?q=100%25").body())).containsExactly("doc-07");
    assertThat(slugs(c.get("/app/templates?q=t_").body())).containsExactly("doc-07");
    assertThat(slugs(c.get("/app/templates?q=%25").body())).containsExactly("doc-07");
    assertThat(slugs(c.get("/app/templates?q=!").body())).isEmpty();
    assertThat(c.get("/app/templates?q=" + "x".repeat(101)).statusCode()).isEqualTo(400);
  }

  private static List<String> slugs(String page) {
    Matcher m = Pattern.compile("<td><code>([a-z0-9-]+)</code></td>").matcher(page);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) out.add(m.group(1));
    return out;
  }
}
