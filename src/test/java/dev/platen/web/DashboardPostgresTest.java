package dev.platen.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.EmbeddedPg;
import dev.platen.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's own SQL on PostgreSQL (the other dashboard tests run on SQLite): the template list's keyset pages
 * and search, the renders list filtered by template, the overview and a render's attempts log.
 */
@Tag("slow")
class DashboardPostgresTest {
  @TempDir Path dir;

  @Test
  void theDashboardsQueriesRunOnPostgres() {
    try (TestServer server = TestServer.start(dir, Map.of("PLATEN_DATABASE_URL", EmbeddedPg.newDatabase(),
        "PLATEN_DATABASE_USER", "postgres"))) {
      for (int i = 0; i < 55; i++) {
        var r = server.post("/v1/templates", server.liveKey, Map.of("name", i == 3 ? "Special 50%_off" : "Doc " + i,
            "slug", String.format("doc-%02d", i), "manifest", Map.of("variables", List.of(Map.of("key", "title",
                "label", "Title", "dataType", "text")))));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
      }
      String id = DashboardHttpTest.queue(server, server.liveKey, "doc-03");
      assertThat(server.awaitTerminal(id, server.liveKey, Duration.ofSeconds(60)).path("status").asString())
          .isEqualTo("succeeded");
      DashboardHttpTest.queue(server, server.liveKey, "doc-04");

      WebClient c = new WebClient(server.baseUrl);
      assertThat(c.signIn(server.liveKey).statusCode()).isEqualTo(303);
      String first = c.get("/app/templates").body();
      assertThat(first).contains("55 templates").contains("<td><code>doc-54</code></td>");
      Matcher next = Pattern.compile("href=\"(/app/templates\\?cursor=[^\"]+)\" rel=\"next\"").matcher(first);
      assertThat(next.find()).isTrue();
      assertThat(c.get(next.group(1)).body()).contains("<td><code>doc-00</code></td>")
          .doesNotContain("<td><code>doc-54</code></td>");
      assertThat(c.get("/app/templates?q=SPECIAL").body()).contains("<td><code>doc-03</code></td>")
          .doesNotContain("<td><code>doc-04</code></td>");
      assertThat(c.get("/app/templates?q=0%25_").body()).contains("<td><code>doc-03</code></td>")
          .doesNotContain("<td><code>doc-30</code></td>");

      String filtered = c.get("/app/renders?template=doc-03").body();
      assertThat(filtered).contains("id=\"render-" + id + "\"");
      assertThat(c.get("/app/renders?template=doc-05").body()).doesNotContain("id=\"render-" + id + "\"");

      HttpAssert overview = new HttpAssert(c.get("/app/overview").body());
      overview.has("<path class=\"bar status-succeeded\"").hasPattern("<dd id=\"p50\">\\d+ ms</dd>")
          .has("<table id=\"workers\">").has("<dd>PostgreSQL</dd>");
      assertThat(c.get("/app/renders/" + id).body()).contains("<td class=\"outcome\">succeeded</td>")
          .contains("/v1/templates/doc-03/render");
    }
  }

  private record HttpAssert(String body) {
    HttpAssert has(String s) {
      assertThat(body).contains(s);
      return this;
    }

    HttpAssert hasPattern(String p) {
      assertThat(body).containsPattern(p);
      return this;
    }
  }
}
