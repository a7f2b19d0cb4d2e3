package dev.platen.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.store.Database;
import dev.platen.testing.LoadsTheMachine;
import dev.platen.testing.Pdfs;
import dev.platen.testing.ServerProcess;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** kill -9 of the server in the middle of 200 renders, then a restart on the same data: nothing is lost. */
@Tag("slow")
@ExtendWith(LoadsTheMachine.class)
class CrashRecoveryTest {
  static final String KEY = "ck_live_crashtestkey00000000000001";

  @Test
  void everyAcceptedRenderEndsSucceededExactlyOnceAfterKillNine(@TempDir Path dir) throws Exception {
    int port = TestServer.freePort();
    int n = 200;
    List<String> ids = new ArrayList<>();
    Map<String, Integer> statusAtKill = new HashMap<>();
    try (ServerProcess a = ServerProcess.start(dir, port, KEY, Map.of("PLATEN_RENDER_THREADS", "2"))) {
      Res t = send(a, "PUT", "/v1/templates/statement", Map.of("name", "Statement", "manifest", Map.of(
          "variables", List.of(Map.of("key", "owner", "dataType", "text")),
          "loops", List.of(Map.of("key", "rows", "label", "Rows", "itemFields", List.of(
              Map.of("key", "what", "label", "What", "dataType", "text"),
              Map.of("key", "amount", "label", "Amount", "dataType", "currency", "format", "currency:EUR")))))));
      assertThat(t.status()).as(t.text()).isEqualTo(201);
      ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
      try (var pool = Executors.newFixedThreadPool(8)) {
        for (int i = 0; i < n; i++) {
          int doc = i;
          pool.submit(() -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int r = 0; r < 60; r++) rows.add(Map.of("what", "Line " + r, "amount", r * 1.5));
            Res res = send(a, "POST", "/v1/templates/statement/render",
                Map.of("data", Map.of("owner", "Owner " + doc, "rows", rows)));
            if (res.status() == 202) accepted.add(res.json().path("id").asString());
          });
        }
      }
      ids.addAll(accepted);
      assertThat(ids).hasSize(n);
      a.kill9();
    }
    try (Database db = Database.sqlite(dir.resolve("platen.db"))) {
      db.jdbi().useHandle(h -> h.createQuery("SELECT status, COUNT(*) FROM renders GROUP BY status")
          .map((rs, c) -> Map.entry(rs.getString(1), rs.getInt(2))).forEach(e -> statusAtKill.put(e.getKey(),
              e.getValue())));
    }
    // the kill must have caught work in flight, or this test proves nothing
    assertThat(statusAtKill.getOrDefault("succeeded", 0)).as("status at kill: %s", statusAtKill).isLessThan(n);

    try (ServerProcess b = ServerProcess.start(dir, port, KEY, Map.of("PLATEN_RENDER_THREADS", "2"))) {
      for (String id : ids) {
        JsonNode done = awaitTerminal(b, id, Duration.ofSeconds(120));
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
        Res pdf = TestServer.send(HttpRequest.newBuilder(URI.create(done.path("downloadUrl").asString())).build());
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(Pdfs.pages(pdf.body())).isGreaterThanOrEqualTo(1);
      }
      b.terminate();
    }
    try (Database db = Database.sqlite(dir.resolve("platen.db"))) {
      List<Integer> successesPerRender = db.jdbi().withHandle(h -> h.createQuery(
              "SELECT COUNT(a.outcome) FROM renders r LEFT JOIN render_attempts a ON a.render_id = r.id "
                  + "AND a.outcome = 'succeeded' GROUP BY r.id")
          .mapTo(Integer.class).list());
      assertThat(successesPerRender).hasSize(n).allMatch(c -> c == 1);
    }
    System.out.printf("crash test: %d accepted, at kill %s, after restart %d/%d succeeded, 0 duplicates%n",
        n, statusAtKill, n, n);
  }

  @Test
  void sigtermLeavesNothingRenderingAndARestartFinishesTheRest(@TempDir Path dir) throws Exception {
    int port = TestServer.freePort();
    List<String> ids = new ArrayList<>();
    try (ServerProcess a = ServerProcess.start(dir, port, KEY, Map.of("PLATEN_RENDER_THREADS", "2"))) {
      send(a, "PUT", "/v1/templates/note", Map.of("name", "Note", "manifest", Map.of(
          "variables", List.of(Map.of("key", "text", "dataType", "text")), "loops", List.of())));
      for (int i = 0; i < 100; i++) {
        Res r = send(a, "POST", "/v1/templates/note/render", Map.of("data", Map.of("text", "note " + i)));
        assertThat(r.status()).isEqualTo(202);
        ids.add(r.json().path("id").asString());
      }
      assertThat(a.terminate()).as("exit code after SIGTERM").isIn(0, 143);
    }
    try (Database db = Database.sqlite(dir.resolve("platen.db"))) {
      int rendering = db.jdbi().withHandle(h -> h.createQuery(
          "SELECT COUNT(*) FROM renders WHERE status = 'rendering'").mapTo(Integer.class).one());
      assertThat(rendering).isZero();
    }
    try (ServerProcess b = ServerProcess.start(dir, port, KEY, Map.of())) {
      for (String id : ids) {
        assertThat(awaitTerminal(b, id, Duration.ofSeconds(60)).path("status").asString()).isEqualTo("succeeded");
      }
    }
  }

  static Res send(ServerProcess s, String method, String path, Object body) {
    return send(s, KEY, method, path, body);
  }

  static Res send(ServerProcess s, String key, String method, String path, Object body) {
    return TestServer.send(HttpRequest.newBuilder(URI.create(s.baseUrl + path))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(TestServer.JSON.writeValueAsString(body))).build());
  }

  static JsonNode awaitTerminal(ServerProcess s, String id, Duration timeout) throws InterruptedException {
    return awaitTerminal(s, KEY, id, timeout);
  }

  /** Polls until the render is terminal; with a zero timeout, answers its current record at once. */
  static JsonNode awaitTerminal(ServerProcess s, String key, String id, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Res r = TestServer.send(HttpRequest.newBuilder(URI.create(s.baseUrl + "/v1/renders/" + id))
          .header("Authorization", "Bearer " + key).build());
      JsonNode j = r.json();
      String st = j.path("status").asString();
      if (st.equals("succeeded") || st.equals("failed") || timeout.isZero()) return j;
      if (System.nanoTime() > deadline) throw new AssertionError("render " + id + " still " + st);
      Thread.sleep(50);
    }
  }
}
