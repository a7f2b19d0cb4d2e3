package dev.platen.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.store.Database;
import dev.platen.testing.OneAtATime;
import dev.platen.testing.ServerProcess;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import dev.platen.webhooks.Receiver.Hit;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 after renders succeeded but before their webhooks were sent: the receiver holds every request open (so
 * nothing is acknowledged and a few attempts are in flight), the server is killed, the receiver recovers, and a
 * restart on the same data delivers a render.succeeded for every render.
 */
@Tag("slow")
@ExtendWith(OneAtATime.class)
class WebhookCrashTest {
  static final String KEY = "ck_live_hookcrashtestkey000000001";

  @Test
  void everyWebhookOwedAtKillNineIsDeliveredAfterRestart(@TempDir Path dir) throws Exception {
    int port = TestServer.freePort();
    int n = 100;
    // many quick attempts, so however long the kill takes to come no delivery runs out of them
    Map<String, String> env = Map.of("PLATEN_RENDER_THREADS", "2", "PLATEN_ALLOW_PRIVATE_WEBHOOKS", "true",
        "PLATEN_WEBHOOK_RETRY_SCHEDULE", "0s,1s,2s,3s,4s,5s,6s,7s,8s,9s,10s,11s,12s,13s,14s,15s,16s,17s,18s,19s");
    CountDownLatch recovered = new CountDownLatch(1);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    List<String> ids = new ArrayList<>();
    try (Receiver receiver = Receiver.start(h -> {
      if (recovered.getCount() > 0) {
        // down: hold the request until the receiver recovers, then refuse it (its sender is dead by then)
        try {
          recovered.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return 503;
      }
      acknowledged.add(h.json().path("renderId").asString());
      return 200;
    })) {
      String webhookId;
      try (ServerProcess a = ServerProcess.start(dir, port, KEY, env)) {
        Res t = send(a, "PUT", "/v1/templates/note", Map.of("name", "Note", "manifest", Map.of(
            "variables", List.of(Map.of("key", "text", "label", "Text", "dataType", "text")), "loops", List.of())));
        assertThat(t.status()).as(t.text()).isEqualTo(201);
        Res hook = send(a, "POST", "/v1/webhooks", Map.of("url", receiver.url("/crash")));
        assertThat(hook.status()).as(hook.text()).isEqualTo(201);
        webhookId = hook.json().path("id").asString();
        for (int i = 0; i < n; i++) {
          Res r = send(a, "POST", "/v1/templates/note/render", Map.of("data", Map.of("text", "Doc " + i)));
          assertThat(r.status()).as(r.text()).isEqualTo(202);
          ids.add(r.json().path("id").asString());
        }
        for (String id : ids) {
          assertThat(awaitTerminal(a, id).path("status").asString()).isEqualTo("succeeded");
        }
        a.kill9();
      }
      assertThat(receiver.maxConcurrent()).as("at most the per-subscription share in flight")
          .isLessThanOrEqualTo(Dispatcher.Settings.DEFAULT.perWebhook());

      Map<String, Integer> atKill = new HashMap<>();
      int owed;
      try (Database db = Database.sqlite(dir.resolve("platen.db"))) {
        owed = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE topic = 'render.succeeded'")
            .mapTo(Integer.class).one());
        db.jdbi().useHandle(h -> h.createQuery("SELECT status, COUNT(*) FROM webhook_deliveries GROUP BY status")
            .map((rs, c) -> Map.entry(rs.getString(1), rs.getInt(2))).forEach(e -> atKill.put(e.getKey(),
                e.getValue())));
      }
      assertThat(owed).as("every success owes its event, written with it").isEqualTo(n);
      assertThat(atKill.getOrDefault("delivered", 0)).as("nothing was acknowledged before the kill: %s", atKill)
          .isZero();

      recovered.countDown();
      try (ServerProcess b = ServerProcess.start(dir, port, KEY, env)) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (acknowledged.size() < n && System.nanoTime() < deadline) Receiver.sleep(200);
        assertThat(acknowledged).as("a render.succeeded acknowledged for every render after the restart")
            .hasSize(n).containsExactlyInAnyOrderElementsOf(ids);
        Map<String, Set<String>> idsPerRender = receiver.hits().stream().collect(Collectors.groupingBy(
            h -> h.json().path("renderId").asString(), Collectors.mapping(Hit::deliveryId, Collectors.toSet())));
        assertThat(idsPerRender.values()).as("a retried delivery keeps its id").allSatisfy(s -> assertThat(s)
            .hasSize(1));
        // a receiver's 200 is recorded as delivered by the dispatcher's next round, a moment after it was sent
        String delivered = "/v1/webhooks/" + webhookId + "/deliveries?status=delivered&limit=100";
        JsonNode log = send(b, "GET", delivered, null).json();
        while (log.path("deliveries").size() < n && System.nanoTime() < deadline) {
          Receiver.sleep(100);
          log = send(b, "GET", delivered, null).json();
        }
        assertThat(log.path("deliveries")).hasSize(n);
        assertThat(log.path("hasMore").asBoolean()).isFalse();
        b.terminate();
      }
    }
    try (Database db = Database.sqlite(dir.resolve("platen.db"))) {
      int deliveries = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM webhook_deliveries")
          .mapTo(Integer.class).one());
      assertThat(deliveries).as("each outbox row fanned out once").isEqualTo(n);
    }
  }

  private static JsonNode awaitTerminal(ServerProcess s, String id) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      JsonNode r = send(s, "GET", "/v1/renders/" + id, null).json();
      String status = r.path("status").asString();
      if (status.equals("succeeded") || status.equals("failed")) return r;
      if (System.nanoTime() > deadline) throw new AssertionError("render " + id + " still " + status);
      Receiver.sleep(50);
    }
  }

  private static Res send(ServerProcess s, String method, String path, Object body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.baseUrl + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + KEY);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(TestServer.JSON.writeValueAsString(body)));
    }
    return TestServer.send(b.build());
  }
}
