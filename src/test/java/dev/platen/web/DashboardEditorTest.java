package dev.platen.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.Pdfs;
import dev.platen.testing.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The template editor over plain HTTP, posting what its script posts: previews through the API's preview code
 * (the same PDF text as POST /v1/preview), the server's problems as the editor shows them, and publishing.
 */
class DashboardEditorTest {
  @TempDir static Path dir;
  static TestServer server;
  static ObjectNode invoice;
  static String data;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, Map.of("PLATEN_ROLE", "api"));
    invoice = (ObjectNode) TestServer.JSON.readTree(Files.readString(Path.of("examples/invoice.json")));
    data = Files.readString(Path.of("examples/invoice.data.json"));
    var r = server.put("/v1/templates/invoice-ed", server.liveKey, invoice);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
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

  private static Map<String, String> texts(JsonNode layout, String dataText) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("manifest", invoice.get("manifest").toString());
    f.put("layout", layout.toString());
    f.put("pageConfig", "");
    f.put("data", dataText);
    return f;
  }

  /** What the editor's script sends: the form's fields and the CSRF token in a header. */
  private static HttpResponse<byte[]> preview(WebClient c, String token, Map<String, String> form) throws Exception {
    String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl + "/app/templates/invoice-ed/preview"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", c.cookie)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) b.header("X-CSRF-Token", token);
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void theEditorOpensWithTheCurrentVersionAndSampleData() {
    WebClient c = signedIn();
    assertThat(c.get("/app/templates/invoice-ed").body()).contains("href=\"/app/templates/invoice-ed/edit\"");
    HttpResponse<String> page = c.get("/app/templates/invoice-ed/edit");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<textarea id=\"manifest\"").contains("<textarea id=\"layout\"")
        .contains("<textarea id=\"pageConfig\"").contains("<textarea id=\"data\"")
        .contains("data-preview=\"/app/templates/invoice-ed/preview\"").contains("<iframe id=\"preview-frame\"");
    // sample data: one value per manifest variable, nested per dot segment
    assertThat(page.body()).contains("\"customer\" : {\n    \"name\" : \"Customer\"").contains("\"issued\" : \"2026-01-15\"");
    assertThat(DashboardHttpTest.INLINE_SCRIPT.matcher(page.body()).find()).isFalse();
    assertThat(DashboardHttpTest.INLINE_STYLE.matcher(page.body()).find()).isFalse();
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'").contains("frame-src 'self' blob:")
        .doesNotContain("unsafe");
  }

  @Test
  void aPreviewIsThePdfThePreviewApiRendersAndFollowsTheEdit() throws Exception {
    WebClient c = signedIn();
    String token = c.csrf("/app/templates/invoice-ed/edit");
    HttpResponse<byte[]> first = preview(c, token, texts(invoice.get("layout"), data));
    assertThat(first.statusCode()).as(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type")).contains("application/pdf");
    String text = Pdfs.text(first.body());
    assertThat(text).contains("Zoë Ångström").contains("INV-2026-0042");

    ObjectNode api = invoice.deepCopy();
    api.set("data", TestServer.JSON.readTree(data));
    var viaApi = server.post("/v1/preview", server.liveKey, api);
    assertThat(viaApi.status()).isEqualTo(200);
    assertThat(Pdfs.text(viaApi.body())).isEqualTo(text);

    String edited = invoice.get("layout").toString().replace("Northwind Studio Ltd", "Southwind Works");
    HttpResponse<byte[]> second = preview(c, token, texts(TestServer.JSON.readTree(edited), data));
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(Pdfs.text(second.body())).contains("Southwind Works").doesNotContain("Northwind Studio Ltd");

    assertThat(preview(c, null, texts(invoice.get("layout"), data)).statusCode()).as("no CSRF token")
        .isEqualTo(403);
  }

  @Test
  void theServersProblemsComeBackForTheEditorToShow() throws Exception {
    WebClient c = signedIn();
    String token = c.csrf("/app/templates/invoice-ed/edit");
    Map<String, String> badJson = texts(invoice.get("layout"), data);
    badJson.put("layout", "{\n  \"html\": \"<p>x</p>\",\n  oops\n}");
    HttpResponse<byte[]> r = preview(c, token, badJson);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode problem = TestServer.JSON.readTree(r.body());
    assertThat(problem.path("problems").toString()).contains("layout: not valid JSON at line 3, column 3");

    Map<String, String> handlebars = texts(TestServer.JSON.readTree(
        "{\"html\": \"<p>one</p>\\n<p>{{#if customer.name}}open</p>\"}"), data);
    JsonNode hb = TestServer.JSON.readTree(preview(c, token, handlebars).body());
    assertThat(hb.toString()).containsPattern("line 2, column \\d+");

    ObjectNode manifest = (ObjectNode) invoice.get("manifest").deepCopy();
    ((ObjectNode) manifest.path("variables").get(1)).put("dataType", "colour");
    Map<String, String> badManifest = texts(invoice.get("layout"), data);
    badManifest.put("manifest", manifest.toString());
    HttpResponse<byte[]> m = preview(c, token, badManifest);
    assertThat(m.statusCode()).isEqualTo(400);
    assertThat(TestServer.JSON.readTree(m.body()).path("problems").toString())
        .contains("manifest.variables.1.dataType");
  }

  @Test
  void publishMakesANewVersionAsPutDoesAndARefusalKeepsTheText() {
    WebClient c = signedIn();
    String token = c.csrf("/app/templates/invoice-ed/edit");
    int before = server.get("/v1/templates/invoice-ed", server.liveKey).json().path("currentVersionNumber").asInt();
    Map<String, String> form = texts(TestServer.JSON.readTree(invoice.get("layout").toString()
        .replace("Northwind Studio Ltd", "Published Edit Ltd")), data);
    form.remove("data");
    form.put("_csrf", token);
    HttpResponse<String> ok = c.post("/app/templates/invoice-ed/publish", form);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(303);
    assertThat(ok.headers().firstValue("Location")).contains("/app/templates/invoice-ed?version=" + (before + 1));
    JsonNode t = server.get("/v1/templates/invoice-ed", server.liveKey).json();
    assertThat(t.path("currentVersionNumber").asInt()).isEqualTo(before + 1);
    var rendered = server.post("/v1/templates/invoice-ed/preview", server.liveKey,
        Map.of("data", TestServer.JSON.readTree(data)));
    assertThat(Pdfs.text(rendered.body())).contains("Published Edit Ltd");

    form.put("layout", "{\"html\": \"<p>{{#each}}</p>\"}");
    HttpResponse<String> refused = c.post("/app/templates/invoice-ed/publish", form);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("layout").contains("{{#each}}").contains("id=\"publish-error\"");
    assertThat(server.get("/v1/templates/invoice-ed", server.liveKey).json().path("currentVersionNumber").asInt())
        .isEqualTo(before + 1);
    form.remove("_csrf");
    assertThat(c.post("/app/templates/invoice-ed/publish", form).statusCode()).isEqualTo(403);
  }
}
