package dev.platen.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.OneAtATime;
import dev.platen.testing.ServerProcess;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The last resort when renders overrun their timeout and Java cannot stop them: once they hold every thread this
 * process may stand in, it stops claiming, exits with status 75, and {@code ./platen serve} starts a fresh process
 * that gets the CPU and memory back. Real renders, no test hooks: with one render thread and a 1 s timeout, a
 * 10,000-row HTML table (several seconds in openhtmltopdf) is a render that overruns and cannot be interrupted.
 */
@Tag("slow")
@ExtendWith(OneAtATime.class)
class SelfRestartTest {
  static final String KEY = "ck_live_selfrestarttestkey000000001";

  @Test
  void aProcessWhoseThreadsAreAllHeldRestartsAndFinishesEveryRender(@TempDir Path dir) throws Exception {
    // warmed up (briefly), so the ordinary render is not a cold one that could overrun the 1 s itself
    Map<String, String> env = Map.of("PLATEN_RENDER_THREADS", "1", "PLATEN_RENDER_TIMEOUT_MS", "1000",
        "PLATEN_WARMUP", "1s");
    try (ServerProcess s = ServerProcess.startWithLauncher(dir, TestServer.freePort(), KEY, env)) {
      Res slow = CrashRecoveryTest.send(s, KEY, "PUT", "/v1/templates/long-table", Map.of("name", "Long table",
          "manifest", Map.of("variables", List.of(), "loops", List.of(Map.of("key", "rows", "label", "Rows",
              "itemFields", List.of(Map.of("key", "a", "label", "A", "dataType", "text"))))),
          // a value the direct subset refuses (HtmlRoutingTest holds it) keeps it with openhtmltopdf, which takes
          // seconds over 10,000 rows; the direct engine draws them inside the 1 s timeout
          "layout", Map.of("html", "<table>{{#each rows}}<tr><td>{{a}}</td><td>{{a}} {{a}}</td></tr>{{/each}}"
              + "</table>", "css", "td { text-transform: full-width; }")));
      assertThat(slow.status()).as(slow.text()).isEqualTo(201);
      JsonNode routed = TestServer.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(s.baseUrl + "/v1/templates/long-table")).header("Authorization", "Bearer " + KEY)
          .GET().build()).json();
      assertThat(routed.path("engine").asString()).as(routed.toString()).isEqualTo("html");
      Res note = CrashRecoveryTest.send(s, KEY, "PUT", "/v1/templates/note", Map.of("name", "Note",
          "manifest", Map.of("variables", List.of(Map.of("key", "text", "dataType", "text")), "loops", List.of())));
      assertThat(note.status()).as(note.text()).isEqualTo(201);

      List<Map<String, String>> rows = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) rows.add(Map.of("a", "row " + i + " with some text to lay out"));
      List<String> overrunning = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Res r = CrashRecoveryTest.send(s, KEY, "POST", "/v1/templates/long-table/render",
            Map.of("data", Map.of("rows", rows)));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        overrunning.add(r.json().path("id").asString());
      }
      Res ordinary = CrashRecoveryTest.send(s, KEY, "POST", "/v1/templates/note/render",
          Map.of("data", Map.of("text", "still rendered")));
      assertThat(ordinary.status()).as(ordinary.text()).isEqualTo(202);

      // 1 thread + 4 stand-ins; the fifth overrunning render exhausts them, and the process claims nothing more
      s.awaitLog("platen: restarting the server", Duration.ofSeconds(90));
      assertThat(s.log()).contains("exiting with status 75");
      s.awaitHealthy(Duration.ofSeconds(60));

      JsonNode done = CrashRecoveryTest.awaitTerminal(s, KEY, ordinary.json().path("id").asString(),
          Duration.ofSeconds(120));
      assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
      for (String id : overrunning) {
        JsonNode r = CrashRecoveryTest.awaitTerminal(s, KEY, id, Duration.ofSeconds(120));
        assertThat(r.path("status").asString()).as(r.toString()).isEqualTo("failed");
        assertThat(r.path("errorMessage").asString()).as(r.toString()).startsWith("render timed out after 1 s");
      }
      assertThat(s.terminate()).as("the launcher ends with its server's status after SIGTERM").isIn(0, 143);
      assertThat(s.liveChildren()).as("no server left running").isZero();
    }
  }
}
