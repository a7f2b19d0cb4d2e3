package dev.platen.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.platen.testing.SettableClock;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
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

  @Test
  void aPruneThatFailsIsLoggedAsSuchLeavesDeliveriesAloneAndIsTriedAgainAMinuteLater(@TempDir Path dir) {
    Logger dispatcherLog = (Logger) LoggerFactory.getLogger(Dispatcher.class);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    dispatcherLog.addAppender(seen);
    SettableClock clock = new SettableClock(System.currentTimeMillis());
    try (TestServer s = TestServer.start(dir, Map.of("PLATEN_ALLOW_PRIVATE_WEBHOOKS", "true"), clock);
        Receiver receiver = Receiver.answering(204)) {
      String key = s.liveKey;
      Hooks.publishTemplates(s, key);
      Hooks.subscribe(s, key, receiver.url("/hooks/platen"));
      String old = Hooks.render(s, key, "outlives a failing prune");
      receiver.await(h -> h.json().path("renderId").asString().equals(old), 1, Duration.ofSeconds(30));
      // the database refuses the prune's DELETE, and only that: fan-out and deliveries update, never delete
      s.platen().database().jdbi().useHandle(h -> h.execute("CREATE TRIGGER refuse_prune BEFORE DELETE ON outbox "
          + "BEGIN SELECT RAISE(ABORT, 'prune refused by the test'); END"));

      clock.advance(Duration.ofHours(25));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (pruneFailures(seen) == 0 && System.nanoTime() < deadline) Receiver.sleep(100);
      assertThat(pruneFailures(seen)).as("the refused prune is logged as one").isEqualTo(1);
      String next = Hooks.render(s, key, "sent while the prune fails");
      receiver.await(h -> h.json().path("renderId").asString().equals(next), 1, Duration.ofSeconds(30));
      assertThat(outbox(s, old)).as("not deleted").containsExactly("render.succeeded");
      assertThat(List.copyOf(seen.list)).as("the loop's own error path was not taken")
          .noneMatch(e -> e.getFormattedMessage().startsWith("webhook dispatch failed"));
      assertThat(pruneFailures(seen)).as("not tried again within the minute").isEqualTo(1);

      s.platen().database().jdbi().useHandle(h -> h.execute("DROP TRIGGER refuse_prune"));
      clock.advance(Duration.ofSeconds(61));
      deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!outbox(s, old).isEmpty() && System.nanoTime() < deadline) Receiver.sleep(100);
      assertThat(outbox(s, old)).as("deleted by the prune a minute later").isEmpty();
    } finally {
      dispatcherLog.detachAppender(seen);
    }
  }

  private static long pruneFailures(ListAppender<ILoggingEvent> seen) {
    return List.copyOf(seen.list).stream()
        .filter(e -> e.getFormattedMessage().startsWith("deleting outbox rows past their retention failed")).count();
  }

  private static List<String> outbox(TestServer s, String renderId) {
    return s.platen().database().jdbi().withHandle(h -> h.createQuery(
        "SELECT topic FROM outbox WHERE render_id = :r").bind("r", renderId).mapTo(String.class).list());
  }
}
