package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.EmbeddedPg;
import dev.platen.testing.OneAtATime;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An API-only server and a worker server on one PostgreSQL database: the API server finishes nothing itself, so a
 * client waiting on it can only be woken by the worker's NOTIFY; without it, it would answer at its 30 s timeout.
 * The same notifications carry a cancel made on the API server to the worker drawing the render.
 */
@Tag("slow")
@ExtendWith(OneAtATime.class)
class RenderWaitOnPostgresTest {
  private static final String IMAGE_TEMPLATE = "picture";

  private static String queue(TestServer s, String slug, Map<String, Object> data) {
    Res r = s.post("/v1/templates/" + slug + "/render", s.liveKey, Map.of("data", data));
    assertThat(r.status()).as(r.text()).isEqualTo(202);
    return r.json().path("id").asString();
  }

  private static CompletableFuture<Res> waitOn(TestServer s, String id) {
    return CompletableFuture.supplyAsync(() -> s.get("/v1/renders/" + id + "?waitMs=30000", s.liveKey),
        r -> Thread.ofVirtual().start(r));
  }

  private static void awaitWaiting(TestServer s, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (s.platen().completions().waiting() < n) {
      assertThat(System.nanoTime()).as("the server never started waiting").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void aWaiterOnTheApiServerIsWokenByTheWorkersNotify(@TempDir Path dir) throws Exception {
    Map<String, String> db = Map.of("PLATEN_DATABASE_URL", EmbeddedPg.newDatabase(), "PLATEN_DATABASE_USER",
        "postgres", "PLATEN_RENDER_THREADS", "1", "PLATEN_ALLOW_PRIVATE_FETCH", "true");
    Map<String, String> apiEnv = new HashMap<>(db);
    apiEnv.put("PLATEN_ROLE", "api");
    Map<String, String> workerEnv = new HashMap<>(db);
    workerEnv.put("PLATEN_ROLE", "worker");
    try (TestServer api = TestServer.start(dir, apiEnv)) {
      assertThat(api.post("/v1/templates", api.liveKey, RenderCancelTest.NOTE).status()).isEqualTo(201);
      // Waiting before any worker exists: only the worker's completions can wake these.
      List<String> ids = new ArrayList<>();
      List<CompletableFuture<Res>> waiting = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        ids.add(queue(api, "note", Map.of("title", "wait " + i)));
        waiting.add(waitOn(api, ids.getLast()));
      }
      awaitWaiting(api, 5);
      try (TestServer worker = TestServer.start(dir, workerEnv)) {
        List<Long> delays = new ArrayList<>();
        for (CompletableFuture<Res> w : waiting) {
          Res r = w.get(25, TimeUnit.SECONDS);
          long received = System.currentTimeMillis();
          JsonNode j = r.json();
          assertThat(j.path("status").asString()).as(r.text()).isEqualTo("succeeded");
          delays.add(received - Instant.parse(j.path("completedAt").asString()).toEpochMilli());
        }
        assertThat(delays).as("ms from completedAt to the answer on the other server").allMatch(d -> d < 2_000);
        assertThat(api.platen().completions().waiting()).isZero();

        // The notification connection is lost and comes back: waiting clients are not stranded meanwhile.
        int killed = api.platen().database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(pg_terminate_backend"
            + "(pid)) FROM pg_stat_activity WHERE application_name = :name")
            .bind("name", dev.platen.store.RenderNotifications.APPLICATION_NAME).mapTo(Integer.class).one());
        assertThat(killed).as("one listening connection per server").isEqualTo(2);
        Thread.sleep(1_500);
        String afterLoss = queue(api, "note", Map.of("title", "after the reconnect"));
        CompletableFuture<Res> w = waitOn(api, afterLoss);
        Res r = w.get(25, TimeUnit.SECONDS);
        assertThat(r.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(System.currentTimeMillis() - Instant.parse(r.json().path("completedAt").asString())
            .toEpochMilli()).isLessThan(2_000);

        // A cancel on the API server reaches the worker drawing the render (its one thread), which lets go of it.
        assertThat(api.put("/v1/templates/" + IMAGE_TEMPLATE, api.liveKey, Map.of("name", "Picture", "manifest",
            Map.of("variables", List.of(Map.of("key", "photo", "label", "Photo", "dataType", "image")))))
            .status()).isEqualTo(201);
        try (Hanging images = Hanging.start()) {
          String stuck = queue(api, IMAGE_TEMPLATE, Map.of("photo", images.url()));
          assertThat(images.fetched.await(30, TimeUnit.SECONDS)).as("the worker fetches the image").isTrue();
          long t0 = System.nanoTime();
          Res c = api.post("/v1/renders/" + stuck + "/cancel", api.liveKey, Map.of());
          assertThat(c.status()).as(c.text()).isEqualTo(200);
          String next = queue(api, "note", Map.of("title", "after the cancel"));
          assertThat(waitOn(api, next).get(25, TimeUnit.SECONDS).json().path("status").asString())
              .isEqualTo("succeeded");
          assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("freed by the interrupt, not the 10 s fetch "
              + "timeout").isLessThan(Duration.ofSeconds(5));
          assertThat(api.get("/v1/renders/" + stuck, api.liveKey).json().path("status").asString())
              .isEqualTo("cancelled");
        }
      }
    }
  }

  /** An image server that takes requests and never answers them. */
  static final class Hanging implements AutoCloseable {
    final java.util.concurrent.CountDownLatch fetched = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    private final com.sun.net.httpserver.HttpServer server;

    private Hanging(com.sun.net.httpserver.HttpServer server) {
      this.server = server;
    }

    static Hanging start() throws java.io.IOException {
      var s = com.sun.net.httpserver.HttpServer.create(
          new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 10);
      Hanging h = new Hanging(s);
      s.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
      s.createContext("/", ex -> {
        h.fetched.countDown();
        try {
          h.released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        ex.close();
      });
      s.start();
      return h;
    }

    String url() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/never.png"; }

    @Override
    public void close() {
      released.countDown();
      server.stop(0);
    }
  }
}
