package dev.platen.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.store.Database;
import dev.platen.testing.EmbeddedPg;
import dev.platen.testing.LoadsTheMachine;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The README's "Deployment at scale" as an operator runs it: on one fresh PostgreSQL and one shared files
 * directory, two api-role and two worker-role processes of the real jar started at the same moment; 400 renders
 * through both api nodes; one worker killed with SIGKILL while it renders and a replacement started. Every render
 * succeeds exactly once, every PDF downloads from both api nodes, the killed worker's attempts are closed as lost,
 * and no surviving worker reports a lease it did not lose.
 */
@Tag("slow")
@ExtendWith(LoadsTheMachine.class)
class ScaleOutTopologyTest {
  static final String KEY = "ck_live_scaleouttopologykey0000001";
  static final Pattern READY = Pattern.compile("worker (worker-\\S+) ready: 2 render threads");

  @Test
  void twoApiAndTwoWorkerProcessesSurviveAKilledWorker(@TempDir Path dir) throws Exception {
    String url = EmbeddedPg.newDatabase();
    Map<String, String> common = Map.of("PLATEN_DATABASE_URL", url, "PLATEN_DATABASE_USER", "postgres",
        "PLATEN_RENDER_THREADS", "2", "PLATEN_LEASE_MS", "10000");
    List<ServerProcess> all = new ArrayList<>();
    ExecutorService starter = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ServerProcess>> starting = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        boolean api = i < 2;
        starting.add(starter.submit(() -> {
          go.await();
          Map<String, String> env = new HashMap<>(common);
          env.put("PLATEN_ROLE", api ? "api" : "worker");
          return api ? ServerProcess.start(dir, TestServer.freePort(), KEY, env)
              : ServerProcess.startWorker(dir, KEY, env);
        }));
      }
      go.countDown();
      for (Future<ServerProcess> f : starting) all.add(f.get());
      ServerProcess api1 = all.get(0);
      ServerProcess api2 = all.get(1);
      ServerProcess victim = all.get(2);
      ServerProcess survivor = all.get(3);
      for (ServerProcess p : all) assertThat(p.isAlive()).as(p.log()).isTrue();
      String victimId = workerId(victim);

      Res t = CrashRecoveryTest.send(api1, KEY, "PUT", "/v1/templates/ticket", Map.of("name", "Ticket", "manifest",
          Map.of("variables", List.of(Map.of("key", "seat", "dataType", "text", "required", true)),
              "loops", List.of())));
      assertThat(t.status()).as(t.text()).isEqualTo(201);
      int n = 400;
      ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
      try (Database db = Database.postgres(url, "postgres", "", 2)) {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int i = 0; i < n; i++) {
          ServerProcess via = i % 2 == 0 ? api1 : api2;
          int seat = i;
          clients.submit(() -> {
            Res r = CrashRecoveryTest.send(via, KEY, "POST", "/v1/templates/ticket/render",
                Map.of("data", Map.of("seat", "S" + seat)));
            if (r.status() == 202) ids.add(r.json().path("id").asString());
          });
        }
        clients.shutdown();
        // kill the victim once it has rendered some, while it holds a render, so there is an attempt to take over.
        // It is stopped (SIGSTOP) before its attempts are counted: a render takes a few milliseconds, so counting a
        // running worker and then killing it races its next commit.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (succeeded(db, victimId) < 50 && System.nanoTime() < deadline) Thread.sleep(2);
        int orphaned = 0;
        while (System.nanoTime() < deadline) {
          victim.signal("STOP");
          orphaned = openAttempts(db, victimId);
          if (orphaned > 0) break;
          victim.signal("CONT");
          Thread.sleep(1);
        }
        assertThat(orphaned).as("the victim was rendering").isPositive();
        victim.kill9();
        ServerProcess replacement = ServerProcess.startWorker(dir, KEY, common);
        all.add(replacement);
        assertThat(clients.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(ids).hasSize(n);

        for (String id : ids) {
          JsonNode done = CrashRecoveryTest.awaitTerminal(api1, KEY, id, Duration.ofSeconds(300));
          assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
          for (ServerProcess via : List.of(api1, api2)) {
            String download = done.path("downloadUrl").asString().replace(api1.baseUrl, via.baseUrl);
            Res pdf = TestServer.send(HttpRequest.newBuilder(URI.create(download)).build());
            assertThat(pdf.status()).as("download %s", download).isEqualTo(200);
            assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");
          }
        }
        List<Integer> successes = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(a.outcome) FROM renders r "
            + "LEFT JOIN render_attempts a ON a.render_id = r.id AND a.outcome = 'succeeded' GROUP BY r.id")
            .mapTo(Integer.class).list());
        assertThat(successes).hasSize(n).allMatch(c -> c == 1);
        assertThat(openAttempts(db, victimId)).as("the killed worker's attempts are closed").isZero();
        int lost = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM render_attempts "
            + "WHERE worker = :w AND outcome = 'lost'").bind("w", victimId).mapTo(Integer.class).one());
        assertThat(lost).as("attempts open when the worker was killed").isEqualTo(orphaned);
        int projects = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM projects")
            .mapTo(Integer.class).one());
        assertThat(projects).as("one default project from four processes starting together").isEqualTo(1);
        List<String> workers = db.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT worker FROM render_attempts "
            + "WHERE outcome = 'succeeded'").mapTo(String.class).list());
        System.out.printf("scale-out topology: %d renders, each succeeded once; %d attempts of the killed worker "
            + "closed as lost; renders by %s%n", n, lost, workers);
      }
      for (ServerProcess p : List.of(api1, api2, survivor, all.get(4))) {
        assertThat(p.isAlive()).as("still running: %s", p.log()).isTrue();
        assertThat(p.log()).doesNotContain("lost its lease").doesNotContain(" ERROR ");
      }
    } finally {
      starter.shutdownNow();
      for (ServerProcess p : all) p.close();
    }
  }

  static String workerId(ServerProcess worker) {
    Matcher m = READY.matcher(worker.log());
    assertThat(m.find()).as(worker.log()).isTrue();
    return m.group(1);
  }

  static int succeeded(Database db, String worker) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM render_attempts WHERE worker = :w "
        + "AND outcome = 'succeeded'").bind("w", worker).mapTo(Integer.class).one());
  }

  static int openAttempts(Database db, String worker) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM render_attempts WHERE worker = :w "
        + "AND ended_at IS NULL").bind("w", worker).mapTo(Integer.class).one());
  }
}
