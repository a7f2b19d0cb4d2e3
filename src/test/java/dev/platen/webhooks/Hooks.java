package dev.platen.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/** What the webhook tests do over HTTP: a one-field template, renders of it, subscriptions. */
public final class Hooks {
  private Hooks() {}

  /** A template that renders in a few milliseconds, and one whose image makes every render fail. */
  public static void publishTemplates(TestServer s, String key) {
    Res note = s.put("/v1/templates/note", key, Map.of("name", "Note", "manifest", Map.of(
        "variables", List.of(Map.of("key", "text", "label", "Text", "dataType", "text")), "loops", List.of())));
    assertThat(note.status()).as(note.text()).isEqualTo(201);
    Res picture = s.put("/v1/templates/picture", key, Map.of("name", "Picture", "manifest", Map.of(
        "variables", List.of(Map.of("key", "photo", "label", "Photo", "dataType", "image")), "loops", List.of())));
    assertThat(picture.status()).as(picture.text()).isEqualTo(201);
  }

  public static String render(TestServer s, String key, String text) {
    Res r = s.post("/v1/templates/note/render", key, Map.of("data", Map.of("text", text)));
    assertThat(r.status()).as(r.text()).isEqualTo(202);
    return r.json().path("id").asString();
  }

  /** A render that fails for good: its image is on a loopback address, which image fetches refuse. */
  public static String failingRender(TestServer s, String key) {
    Res r = s.post("/v1/templates/picture/render", key,
        Map.of("data", Map.of("photo", "http://127.0.0.1:9/nothing.png")));
    assertThat(r.status()).as(r.text()).isEqualTo(202);
    return r.json().path("id").asString();
  }

  /** {@code n} renders submitted by 8 clients at once; their ids. */
  public static List<String> renders(TestServer s, String key, int n) throws Exception {
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int doc = i;
        all.add(pool.submit(() -> ids.add(render(s, key, "Document " + doc))));
      }
      for (Future<?> f : all) f.get();
    }
    return ids;
  }

  public static JsonNode subscribe(TestServer s, String key, Object body) {
    Res r = s.post("/v1/webhooks", key, body);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json();
  }

  public static JsonNode subscribe(TestServer s, String key, String url) {
    return subscribe(s, key, Map.of("url", url));
  }

  public static Res patch(TestServer s, String path, String key, Object body) {
    String text = body instanceof String str ? str : TestServer.JSON.writeValueAsString(body);
    return TestServer.send(HttpRequest.newBuilder(URI.create(s.baseUrl + path))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(60))
        .method("PATCH", HttpRequest.BodyPublishers.ofString(text)).build());
  }

  /** Every delivery of a subscription, following the cursor to the end. */
  public static List<JsonNode> deliveries(TestServer s, String key, String webhookId, String query) {
    List<JsonNode> all = new ArrayList<>();
    String cursor = null;
    do {
      Res r = s.get("/v1/webhooks/" + webhookId + "/deliveries?limit=100" + query
          + (cursor == null ? "" : "&cursor=" + cursor), key);
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      r.json().path("deliveries").forEach(all::add);
      cursor = r.json().path("hasMore").asBoolean() ? r.json().path("nextCursor").asString() : null;
    } while (cursor != null);
    return all;
  }

  /** Polls the delivery log until {@code done} holds for it. */
  public static List<JsonNode> awaitDeliveries(TestServer s, String key, String webhookId,
      java.util.function.Predicate<List<JsonNode>> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<JsonNode> log = deliveries(s, key, webhookId, "");
      if (done.test(log)) return log;
      if (System.nanoTime() > deadline) throw new AssertionError("delivery log never got there: " + log);
      Receiver.sleep(100);
    }
  }
}
