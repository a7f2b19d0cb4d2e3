package dev.platen.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.EmbeddedPg;
import dev.platen.testing.LoadsTheMachine;
import dev.platen.testing.PrometheusText;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology of the README's "Deployment at scale", as real processes: an api-role process that only answers HTTP
 * and a worker-role process that only renders, on one PostgreSQL database and one shared files directory. A worker
 * process serves no API, only its own /health, /ready and /metrics; this also proves it runs until it is stopped.
 */
@Tag("slow")
@ExtendWith(LoadsTheMachine.class)
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
      String templateId = t.json().path("id").asString();
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
        // the worker's own port: what probes and Prometheus need, and no API
        assertThat(get(w, "/health").status()).isEqualTo(200);
        Res ready = get(w, "/ready");
        assertThat(ready.status()).as(ready.text()).isEqualTo(200);
        assertThat(ready.json().path("status").asString()).isEqualTo("ready");
        for (String apiPath : List.of("/v1/templates", "/v1/renders/" + ids.get(0), "/openapi.yaml", "/docs")) {
          Res r = get(w, apiPath);
          assertThat(r.status()).as(apiPath).isEqualTo(404);
          assertThat(r.errorCode()).isEqualTo("not_found");
        }
        for (String id : ids) {
          var done = CrashRecoveryTest.awaitTerminal(a, KEY, id, Duration.ofSeconds(60));
          assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
          Res pdf = TestServer.send(HttpRequest.newBuilder(URI.create(done.path("downloadUrl").asString())).build());
          assertThat(pdf.status()).as("the api process serves what the worker stored").isEqualTo(200);
        }
        // each process counts what it did: the api accepted, the worker rendered
        Map<String, String> note = Map.of("template", templateId);
        PrometheusText apiMetrics = PrometheusText.parse(get(a, "/metrics").text());
        // the worker counts a success just after its write commits, which a poll may see first
        PrometheusText workerMetrics = PrometheusText.parse(get(w, "/metrics").text());
        for (long end = System.nanoTime() + 5_000_000_000L; System.nanoTime() < end
            && workerMetrics.sum("platen_renders_total", with(note, "outcome", "succeeded")) < 20; Thread.sleep(100)) {
          workerMetrics = PrometheusText.parse(get(w, "/metrics").text());
        }
        assertThat(apiMetrics.sum("platen_renders_total", with(note, "outcome", "accepted"))).isEqualTo(20);
        assertThat(apiMetrics.sum("platen_renders_total", with(note, "outcome", "succeeded"))).isZero();
        assertThat(workerMetrics.sum("platen_renders_total", with(note, "outcome", "succeeded"))).isEqualTo(20);
        assertThat(workerMetrics.sum("platen_render_engine_seconds_count", Map.of("engine", "direct"))).isEqualTo(20);
        assertThat(workerMetrics.has("jvm_memory_used_bytes")).isTrue();
        Thread.sleep(3_000);
        assertThat(w.isAlive()).as("the worker is still running when idle: %s", w.log()).isTrue();
        assertThat(w.terminate()).as("exit code after SIGTERM").isIn(0, 143);
        assertThat(w.log()).doesNotContain("lost its lease").doesNotContain("Exception");
      }
    }
  }

  static Res get(ServerProcess s, String path) {
    return TestServer.send(HttpRequest.newBuilder(URI.create(s.baseUrl + path)).build());
  }

  static Map<String, String> with(Map<String, String> labels, String label, String value) {
    Map<String, String> all = new java.util.HashMap<>(labels);
    all.put(label, value);
    return all;
  }
}
