package dev.platen.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.SettableClock;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A started server deletes outbox rows a day after their fan-out, so the table no longer grows with every event
 * ever sent; the delivery log, which keeps its own copy of each body, is untouched.
 */
class OutboxRetentionTest {
  @Test
  void anEventsOutboxRowIsDeletedADayAfterItsFanOutAndItsDeliveryStaysListed(@TempDir Path dir) {
    SettableClock clock = new SettableClock(System.currentTimeMillis());
    try (TestServer s = TestServer.start(dir, Map.of("PLATEN_ALLOW_PRIVATE_WEBHOOKS", "true"), clock);
        Receiver receiver = Receiver.answering(204)) {
      String key = s.liveKey;
      Hooks.publishTemplates(s, key);
      String hook = Hooks.subscribe(s, key, receiver.url("/hooks/platen")).path("id").asString();
      String render = Hooks.render(s, key, "kept a day");
      receiver.await(h -> h.json().path("renderId").asString().equals(render), 1, Duration.ofSeconds(30));
      assertThat(outbox(s, render)).as("fanned out, kept for now").containsExactly("render.succeeded");

      clock.advance(Duration.ofHours(23));
      Receiver.sleep(1_000); // several rounds of the dispatcher's loop, each of which may prune
      assertThat(outbox(s, render)).as("23 hours after its fan-out").containsExactly("render.succeeded");

      clock.advance(Duration.ofHours(2));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!outbox(s, render).isEmpty() && System.nanoTime() < deadline) Receiver.sleep(100);
      assertThat(outbox(s, render)).as("25 hours after its fan-out").isEmpty();

      Res log = s.get("/v1/webhooks/" + hook + "/deliveries", key);
      assertThat(log.status()).as(log.text()).isEqualTo(200);
      List<JsonNode> deliveries = log.json().path("deliveries").valueStream()
          .filter(d -> d.path("renderId").asString().equals(render)).toList();
      assertThat(deliveries).as(log.text()).singleElement()
          .satisfies(d -> assertThat(d.path("status").asString()).isEqualTo("delivered"));
    }
  }

  private static List<String> outbox(TestServer s, String renderId) {
    return s.platen().database().jdbi().withHandle(h -> h.createQuery(
        "SELECT topic FROM outbox WHERE render_id = :r").bind("r", renderId).mapTo(String.class).list());
  }
}
