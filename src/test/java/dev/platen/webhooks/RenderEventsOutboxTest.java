package dev.platen.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A render's event is written to the outbox only for a project with an active webhook (D61): without one the
 * dispatcher would stamp the row and deliver it nowhere, and building and writing it was a sixth of the SQLite
 * writer's work per render.
 */
class RenderEventsOutboxTest {
  @Test
  void aRenderOwesAnOutboxMessageOnlyWhileItsProjectHasAnActiveWebhook(@TempDir Path dir) {
    try (TestServer s = TestServer.start(dir)) {
      String key = s.liveKey;
      String other = s.newProjectKey(false);
      for (String k : List.of(key, other)) {
        Res put = s.put("/v1/templates/note", k, Map.of("name", "Note", "manifest", Map.of("variables",
            List.of(Map.of("key", "text", "dataType", "text")), "loops", List.of())));
        assertThat(put.status()).as(put.text()).isEqualTo(201);
      }

      assertThat(outbox(s, render(s, key))).as("no webhook").isEmpty();

      Res paused = s.post("/v1/webhooks", key, Map.of("url", "https://example.com/hooks/a", "active", false));
      assertThat(paused.status()).as(paused.text()).isEqualTo(201);
      assertThat(outbox(s, render(s, key))).as("an inactive webhook only").isEmpty();

      Res active = s.post("/v1/webhooks", key, Map.of("url", "https://example.com/hooks/b"));
      assertThat(active.status()).as(active.text()).isEqualTo(201);
      assertThat(outbox(s, render(s, key))).containsExactly("render.succeeded");
      assertThat(outbox(s, render(s, other))).as("another project's webhook does not count").isEmpty();

      Res off = s.patch("/v1/webhooks/" + active.json().path("id").asString(), key, Map.of("active", false));
      assertThat(off.status()).as(off.text()).isEqualTo(200);
      assertThat(outbox(s, render(s, key))).as("switched off").isEmpty();
    }
  }

  private static String render(TestServer s, String key) {
    Res posted = s.post("/v1/templates/note/render", key, Map.of("data", Map.of("text", "hello")));
    assertThat(posted.status()).as(posted.text()).isEqualTo(202);
    String id = posted.json().path("id").asString();
    assertThat(s.awaitTerminal(id, key, Duration.ofSeconds(30)).path("status").asString()).isEqualTo("succeeded");
    return id;
  }

  private static List<String> outbox(TestServer s, String renderId) {
    return s.platen().database().jdbi().withHandle(h -> h.createQuery(
        "SELECT topic FROM outbox WHERE render_id = :r ORDER BY id").bind("r", renderId).mapTo(String.class).list());
  }
}
