package dev.platen.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.LoadsTheMachine;
import dev.platen.testing.Pdfs;
import dev.platen.testing.PrometheusText;
import dev.platen.testing.ServerProcess;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The jar started with the start-up warm-up on: it pushes renders through a throwaway instance over HTTP before the
 * real one listens, and nothing of it is left in the real instance's database, files, metrics or log, nor in the
 * temporary directory it used.
 */
@Tag("slow")
@ExtendWith(LoadsTheMachine.class)
class StartUpWarmUpTest {
  static final String KEY = "ck_live_warmuptestkey0000000000001";
  static final String ACCOUNT = "ck_acct_warmuptestaccount00000001";

  @Test
  void theWarmUpLeavesNothingBehindAndTheRealInstanceRenders(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    // its own temporary directory, so the check below sees only this process's scratch files
    Map<String, String> env = Map.of("PLATEN_WARMUP", "10s", "PLATEN_RENDER_THREADS", "2",
        "PLATEN_BOOTSTRAP_ACCOUNT_KEY", ACCOUNT, "JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
    try (ServerProcess s = ServerProcess.start(data, TestServer.freePort(), KEY, env)) {
      Res ready = get(s, "/ready", null);
      assertThat(ready.status()).as(ready.text()).isEqualTo(200);

      // one line about the warm-up, and none from the throwaway instance's start, requests or shutdown
      String log = s.log();
      Matcher line = Pattern.compile("INFO  dev\\.platen\\.Platen - start-up warm-up: \\d+ ms, (\\d+) renders in "
          + "\\d+ rounds over HTTP, stopped: (rounds stopped getting faster and the compilers went quiet|time budget)")
          .matcher(log);
      assertThat(line.find()).as(log).isTrue();
      assertThat(Integer.parseInt(line.group(1))).as("renders the warm-up finished").isPositive();
      assertThat(count(log, "start-up warm-up")).isEqualTo(1);
      assertThat(count(log, "listening on http://")).as(log).isEqualTo(1);
      assertThat(count(log, "engine warm-up")).as(log).isEqualTo(1);
      // and then waited for what that queued for the JIT compilers (D74)
      assertThat(count(log, "JIT compilers quiet after")).as(log).isEqualTo(1);
      assertThat(log).doesNotContain(" WARN ").doesNotContain(" ERROR ").doesNotContain("warm-up-invoice")
          .doesNotContain("warm-up-receipt");
      try (Stream<Path> left = Files.list(tmp)) {
        assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("platen-warm-up-")))
            .as("the throwaway instance's directory is deleted").isEmpty();
      }

      // the real database has the bootstrap project only, with no template or render of the warm-up
      JsonNode projects = get(s, "/v1/projects", ACCOUNT).json();
      assertThat(projects.path("projects").findValuesAsString("slug")).as(projects.toString())
          .containsExactly("default-project");
      JsonNode templates = get(s, "/v1/templates", KEY).json().path("templates");
      assertThat(templates.isArray()).isTrue();
      assertThat(templates.size()).isZero();
      JsonNode renders = get(s, "/v1/renders", KEY).json().path("renders");
      assertThat(renders.isArray()).isTrue();
      assertThat(renders.size()).isZero();
      assertThat(pdfsUnder(data)).as("no PDF in the real files directory").isZero();
      PrometheusText before = PrometheusText.parse(get(s, "/metrics", null).text());
      assertThat(before.sum("platen_renders_total", Map.of())).as("render counts start at zero").isZero();

      // and the real instance renders
      Res put = send(s, "PUT", "/v1/templates/note", Map.of("name", "Note", "manifest", Map.of("variables",
          List.of(Map.of("key", "text", "dataType", "text")), "loops", List.of())));
      assertThat(put.status()).as(put.text()).isEqualTo(201);
      Res posted = send(s, "POST", "/v1/templates/note/render", Map.of("data", Map.of("text", "after the warm-up")));
      assertThat(posted.status()).as(posted.text()).isEqualTo(202);
      String id = posted.json().path("id").asString();
      JsonNode done = get(s, "/v1/renders/" + id + "?waitMs=30000", KEY).json();
      assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
      Res pdf = get(s, "/v1/renders/" + id + "/download", KEY);
      assertThat(pdf.status()).isEqualTo(200);
      assertThat(Pdfs.text(pdf.body())).contains("after the warm-up");
      assertThat(get(s, "/v1/renders", KEY).json().path("renders").size()).isEqualTo(1);
      assertThat(pdfsUnder(data)).isEqualTo(1);
      PrometheusText after = PrometheusText.parse(get(s, "/metrics", null).text());
      assertThat(after.sum("platen_renders_total", Map.of("outcome", "accepted"))).isEqualTo(1);
    }
  }

  private static long count(String text, String part) {
    return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
  }

  /** PDFs stored in the real installation: files, and those its database holds itself (D44). */
  private static long pdfsUnder(Path data) throws Exception {
    if (!Files.exists(data)) return 0;
    long files;
    try (Stream<Path> all = Files.walk(data)) {
      files = all.filter(p -> p.toString().endsWith(".pdf")).count();
    }
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("platen.db"));
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM inline_pdfs")) {
      rs.next();
      return files + rs.getLong(1);
    }
  }

  private static Res get(ServerProcess s, String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.baseUrl + path)).timeout(Duration.ofSeconds(60));
    if (key != null) b.header("Authorization", "Bearer " + key);
    return TestServer.send(b.build());
  }

  private static Res send(ServerProcess s, String method, String path, Object body) {
    return TestServer.send(HttpRequest.newBuilder(URI.create(s.baseUrl + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(TestServer.JSON.writeValueAsString(body))).build());
  }
}
