package dev.platen.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.EmbeddedPg;
import dev.platen.testing.LoadsTheMachine;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two Platen servers on one PostgreSQL database share the queue: 1,000 renders, each produced exactly once. */
@Tag("slow")
@ExtendWith(LoadsTheMachine.class)
class TwoServersOnPostgresTest {

  @Test
  void twoServersRenderEachOfAThousandRendersExactlyOnce(@TempDir Path dir) throws Exception {
    String url = EmbeddedPg.newDatabase();
    Map<String, String> env = Map.of("PLATEN_DATABASE_URL", url, "PLATEN_DATABASE_USER", "postgres",
        "PLATEN_RENDER_THREADS", "2");
    int n = 1_000;
    try (TestServer a = TestServer.start(dir, env); TestServer b = TestServer.start(dir, env)) {
      Res t = a.put("/v1/templates/ticket", a.liveKey, Map.of("name", "Ticket", "manifest", Map.of(
          "variables", List.of(Map.of("key", "seat", "dataType", "text", "required", true)), "loops", List.of())));
      assertThat(t.status()).as(t.text()).isEqualTo(201);
      ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
      try (var pool = Executors.newFixedThreadPool(8)) {
        for (int i = 0; i < n; i++) {
          TestServer via = i % 2 == 0 ? a : b;
          int seat = i;
          pool.submit(() -> {
            Res r = via.post("/v1/templates/ticket/render", via.liveKey, Map.of("data", Map.of("seat", "S" + seat)));
            if (r.status() == 202) ids.add(r.json().path("id").asString());
          });
        }
      }
      assertThat(ids).hasSize(n);
      for (String id : ids) {
        assertThat(a.awaitTerminal(id, a.liveKey, Duration.ofSeconds(180)).path("status").asString())
            .isEqualTo("succeeded");
      }
      var jdbi = a.platen().database().jdbi();
      List<Integer> successes = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(a.outcome) FROM renders r "
          + "LEFT JOIN render_attempts a ON a.render_id = r.id AND a.outcome = 'succeeded' GROUP BY r.id")
          .mapTo(Integer.class).list());
      assertThat(successes).hasSize(n).allMatch(c -> c == 1);
      List<String> workers = jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT worker FROM render_attempts")
          .mapTo(String.class).list());
      assertThat(workers).as("both servers rendered").hasSize(2);
      System.out.printf("two servers on PostgreSQL: %d renders, each succeeded once, workers %s%n", n, workers);
    }
  }
}
