package dev.platen.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.EmbeddedPg;
import dev.platen.testing.TcpProxy;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database goes away for a few seconds: new renders get 503 and leave nothing behind; accepted ones finish. */
@Tag("slow")
class DatabaseOutageTest {

  @Test
  void aBriefDatabaseOutageLosesNoAcceptedRender(@TempDir Path dir) throws Exception {
    String direct = EmbeddedPg.newDatabase();
    URI u = URI.create(direct.substring("jdbc:".length()));
    try (TcpProxy proxy = new TcpProxy(u.getPort())) {
      String viaProxy = direct.replace(":" + u.getPort() + "/", ":" + proxy.port() + "/");
      try (TestServer s = TestServer.start(dir, Map.of("PLATEN_DATABASE_URL", viaProxy,
          "PLATEN_DATABASE_USER", "postgres"))) {
        assertThat(s.put("/v1/templates/note", s.liveKey, Map.of("name", "Note", "manifest", Map.of(
            "variables", List.of(Map.of("key", "text", "dataType", "text")), "loops", List.of()))).status())
            .isEqualTo(201);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          Res r = s.post("/v1/templates/note/render", s.liveKey, Map.of("data", Map.of("text", "before " + i)));
          assertThat(r.status()).isEqualTo(202);
          accepted.add(r.json().path("id").asString());
        }
        proxy.cut();
        int refused = 0;
        // sent together: each waits out the pool's connection timeout (3 s) before its 503
        List<CompletableFuture<Res>> during = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          int n = i;
          during.add(CompletableFuture.supplyAsync(() -> s.post("/v1/templates/note/render", s.liveKey,
              Map.of("data", Map.of("text", "during " + n)), "Idempotency-Key", "outage-" + n)));
        }
        for (CompletableFuture<Res> f : during) {
          Res r = f.join();
          assertThat(r.status()).as(r.text()).isGreaterThanOrEqualTo(500);
          assertThat(r.header("Content-Type")).startsWith("application/json");
          if (r.status() == 503) {
            refused++;
            // the render route speaks of its queue (Routes), every other route of the database (ApiErrors)
            assertThat(r.errorCode()).isEqualTo("queue_unavailable");
            assertThat(r.header("Retry-After")).isEqualTo("5");
          }
        }
        Res list = s.get("/v1/templates", s.liveKey);
        assertThat(list.status()).as(list.text()).isEqualTo(503);
        assertThat(list.errorCode()).isEqualTo("service_unavailable");
        assertThat(list.header("Retry-After")).isEqualTo("5");
        Res ready = s.get("/ready", null);
        assertThat(ready.status()).as(ready.text()).isEqualTo(503);
        assertThat(ready.json().path("failed").toString()).contains("database");
        assertThat(ready.json().at("/checks/database").asString()).isEqualTo("unreachable");
        assertThat(s.get("/health", null).status()).as("alive all the same: a restart would not help").isEqualTo(200);
        Thread.sleep(2_000);
        proxy.restore();
        // while the pool reconnects, polls may still answer 503: a client retries those
        for (String id : accepted) {
          long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
          String status = "";
          while (!status.equals("succeeded") && !status.equals("failed") && System.nanoTime() < deadline) {
            Res poll = s.get("/v1/renders/" + id, s.liveKey);
            assertThat(poll.status()).as(poll.text()).isIn(200, 503);
            status = poll.status() == 200 ? poll.json().path("status").asString() : "";
            if (!status.equals("succeeded")) Thread.sleep(100);
          }
          assertThat(status).as("render %s", id).isEqualTo("succeeded");
        }
        // nothing from the outage was left behind: the same idempotency keys now create fresh renders
        for (int i = 0; i < 5; i++) {
          Res r = s.post("/v1/templates/note/render", s.liveKey, Map.of("data", Map.of("text", "after " + i)),
              "Idempotency-Key", "outage-" + i);
          assertThat(r.status()).isEqualTo(202);
        }
        System.out.printf("database outage: %d accepted before, all succeeded; %d refused with 503 during%n",
            accepted.size(), refused);
        assertThat(refused).isEqualTo(5);
      }
    }
  }
}
