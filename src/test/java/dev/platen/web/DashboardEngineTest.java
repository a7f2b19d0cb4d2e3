package dev.platen.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Which engine drew a render, and why openhtmltopdf where it did, on the render's dashboard page: a template inside
 * the direct subset, one of its documents whose data chose a style outside it, and a template outside it. The API's
 * render record keeps its eight fields (the contract's); the engine is the dashboard's to show.
 */
class DashboardEngineTest {
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

  private static void publish(String slug, String html, String css) {
    var r = server.put("/v1/templates/" + slug, server.liveKey, Map.of("name", slug, "manifest", Map.of("variables",
        List.of(Map.of("key", "note", "label", "Note", "dataType", "text"),
            Map.of("key", "tone", "label", "Tone", "dataType", "text"))), "layout", Map.of("html", html, "css", css)));
    assertThat(r.status()).as(r.text()).isIn(200, 201);
  }

  private static String render(String slug, Map<String, Object> data) {
    var r = server.post("/v1/templates/" + slug + "/render", server.liveKey, Map.of("data", data));
    assertThat(r.status()).as(r.text()).isEqualTo(202);
    String id = r.json().path("id").asString();
    JsonNode done = server.awaitTerminal(id, server.liveKey, Duration.ofSeconds(30));
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.propertyNames()).containsExactly("id", "status", "pollUrl", "downloadUrl", "errorMessage",
        "createdAt", "completedAt", "durationMs");
    return id;
  }

  private static String drawnBy(WebClient c, String id) {
    HttpResponse<String> page = c.get("/app/renders/" + id);
    assertThat(page.statusCode()).isEqualTo(200);
    int at = page.body().indexOf("id=\"engine\"");
    assertThat(at).as("the render page's engine row").isPositive();
    return page.body().substring(at, page.body().indexOf("</dd>", at)).replaceAll("<[^>]+>", "");
  }

  @Test
  void theRenderPageSaysWhichEngineDrewItAndWhy() {
    publish("direct-note", "<p class=\"note {{tone}}\">{{note}}</p>", ".note { color: #333333 } .loud { font-weight: bold }"
        + " .indented { text-indent: 5% }");
    publish("indented-note", "<p class=\"note\">{{note}}</p>", ".note { text-indent: 5% }");
    String direct = render("direct-note", Map.of("note", "Thank you for your order.", "tone", "loud"));
    String fellBack = render("direct-note", Map.of("note", "Thank you for your order.", "tone", "indented"));
    String refused = render("indented-note", Map.of("note", "Thank you for your order.", "tone", ""));

    WebClient c = new WebClient(server.baseUrl);
    assertThat(c.signIn(server.liveKey).statusCode()).isEqualTo(303);
    assertThat(drawnBy(c, direct)).isEqualTo("id=\"engine\">the direct engine");
    assertThat(drawnBy(c, fellBack)).startsWith("id=\"engine\">openhtmltopdf: ").contains("text-indent", "p.note");
    assertThat(drawnBy(c, refused)).startsWith("id=\"engine\">openhtmltopdf: ").contains("text-indent");
  }
}
