package dev.platen.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.EmbeddedPg;
import dev.platen.testing.ServerProcess;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology of the README's "Deployment at scale", as real processes: an api-role process that only answers HTTP
 * and a worker-role process that only renders, on one PostgreSQL database and one shared files directory. A worker process has no HTTP server to
 * keep its JVM alive, so this also proves it runs until it is stopped.
 */
@Tag("slow")
class ApiAndWorkerRolesTest {
  static final String KEY = "ck_live_rolestestkey00000000000001";

  @Test
  void anApiProcessAcceptsAndAWorkerProcessRendersUntilStopped(@TempDir Path dir) throws Exception {
    Map<String, String> db = Map.of("PLATEN_DATABASE_URL", EmbeddedPg.newDatabase(), "PLATEN_DATABASE_USER",
        "postgres", "PLATEN_RENDER_THREADS", "1");
    Map<String, String> api = new java.util.HashMap<>(db);
    api.put("PLATEN_ROLE", "api");
    try (ServerProcess a = ServerProcess.start(dir, TestServer.freePort(), KEY, api)) {
      Res t = CrashRecoveryTest.send(a, KEY, "PUT", "/v1/templates/note", Map.of("name", "Note", "manifest",
          Map.of("variables", List.of(Map.of("key", "text", "dataType", "text")), "loops", List.of())));
      assertThat(t.status()).as(t.text()).isEqualTo(201);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Res r = CrashRecoveryTest.send(a, KEY, "POST", "/v1/templates/note/render",
            Map.of("data", Map.of("text", "note " + i)));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        ids.add(r.json().path("id").asString());
      }
      Thread.sleep(1_000);
      assertThat(CrashRecoveryTest.awaitTerminal(a, KEY, ids.get(0), Duration.ZERO).path("status").asString())
          .as("an api-role process renders nothing").isEqualTo("queued");

      try (ServerProcess w = ServerProcess.startWorker(dir, KEY, db)) {
        assertThat(w.log()).containsPattern("worker worker-\\S+ ready: 1 render threads");
        for (String id : ids) {
          var done = CrashRecoveryTest.awaitTerminal(a, KEY, id, Duration.ofSeconds(60));
          assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
          Res pdf = TestServer.send(HttpRequest.newBuilder(URI.create(done.path("downloadUrl").asString())).build());
          assertThat(pdf.status()).as("the api process serves what the worker stored").isEqualTo(200);
        }
        Thread.sleep(3_000);
        assertThat(w.isAlive()).as("the worker is still running when idle: %s", w.log()).isTrue();
        assertThat(w.terminate()).as("exit code after SIGTERM").isIn(0, 143);
        assertThat(w.log()).doesNotContain("lost its lease").doesNotContain("Exception");
      }
    }
  }
}
