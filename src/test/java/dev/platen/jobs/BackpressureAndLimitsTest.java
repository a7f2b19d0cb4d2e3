package dev.platen.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Queue depth limits answer 503 and leave nothing behind; the page cap fails a render with a clear message. */
class BackpressureAndLimitsTest {
  static final Map<String, Object> TEMPLATE = Map.of("name", "Rows", "manifest", Map.of(
      "variables", List.of(), "loops", List.of(Map.of("key", "rows", "label", "Rows", "itemFields",
          List.of(Map.of("key", "v", "label", "Value", "dataType", "text"))))));

  static List<Map<String, Object>> rows(int n) {
    List<Map<String, Object>> r = new ArrayList<>();
    for (int i = 0; i < n; i++) r.add(Map.of("v", "row " + i));
    return r;
  }

  /** A project flooding the queue is held to its share; another project's renders are still accepted. */
  @Test
  void aProjectOverItsShareAnswers503WhileOthersAreAccepted(@TempDir Path dir) {
    try (TestServer s = TestServer.start(dir, Map.of("PLATEN_ROLE", "api", "PLATEN_MAX_QUEUE_DEPTH", "10",
        "PLATEN_MAX_QUEUE_DEPTH_PER_PROJECT", "3"))) {
      String other = s.newProjectKey(false);
      for (String key : List.of(s.liveKey, other)) {
        assertThat(s.put("/v1/templates/rows", key, TEMPLATE).status()).isEqualTo(201);
      }
      for (int i = 0; i < 3; i++) {
        assertThat(s.post("/v1/templates/rows/render", s.liveKey, Map.of("data", Map.of("rows", rows(1))))
            .status()).isEqualTo(202);
      }
      Res over = s.post("/v1/templates/rows/render", s.liveKey, Map.of("data", Map.of("rows", rows(1))));
      assertThat(over.status()).isEqualTo(503);
      assertThat(over.errorCode()).isEqualTo("queue_unavailable");
      assertThat(over.json().path("error").path("message").asString()).contains("its share of the queue");
      assertThat(over.header("Retry-After")).isNotNull();
      for (int i = 0; i < 3; i++) {
        Res r = s.post("/v1/templates/rows/render", other, Map.of("data", Map.of("rows", rows(1))));
        assertThat(r.status()).as("the other project is not starved: %s", r.text()).isEqualTo(202);
      }
      assertThat(s.platen().renders().pendingCount()).isEqualTo(6);
    }
  }

  @Test
  void aFullQueueAnswers503WithRetryAfterAndNoRow(@TempDir Path dir) {
    // an API-only process: nothing drains the queue
    try (TestServer s = TestServer.start(dir, Map.of("PLATEN_ROLE", "api", "PLATEN_MAX_QUEUE_DEPTH", "5",
        "PLATEN_MAX_QUEUE_DEPTH_PER_PROJECT", "5"))) {
      assertThat(s.put("/v1/templates/rows", s.liveKey, TEMPLATE).status()).isEqualTo(201);
      for (int i = 0; i < 5; i++) {
        assertThat(s.post("/v1/templates/rows/render", s.liveKey, Map.of("data", Map.of("rows", rows(1))))
            .status()).isEqualTo(202);
      }
      Res full = s.post("/v1/templates/rows/render", s.liveKey, Map.of("data", Map.of("rows", rows(1))),
          "Idempotency-Key", "when-full");
      assertThat(full.status()).isEqualTo(503);
      assertThat(full.errorCode()).isEqualTo("queue_unavailable");
      assertThat(full.header("Retry-After")).isNotNull();
      assertThat(s.platen().renders().pendingCount()).isEqualTo(5);
      assertThat(s.platen().renders().findByIdempotencyKey(
          s.platen().database().jdbi().withHandle(h -> h.createQuery("SELECT id FROM projects")
              .mapTo(String.class).one()), "when-full")).isEmpty();
      // reads stay available while the queue is full
      assertThat(s.get("/v1/templates/rows", s.liveKey).status()).isEqualTo(200);
    }
  }

  @Test
  @Tag("slow")
  void aDocumentOverThePageCapFailsWithAClearMessage(@TempDir Path dir) {
    try (TestServer s = TestServer.start(dir, Map.of("PLATEN_MAX_PAGES", "3"))) {
      s.put("/v1/templates/rows", s.liveKey, TEMPLATE);
      Res r = s.post("/v1/templates/rows/render", s.liveKey, Map.of("data", Map.of("rows", rows(2_000))));
      JsonNode done = s.awaitTerminal(r.json().path("id").asString(), s.liveKey, Duration.ofSeconds(60));
      assertThat(done.path("status").asString()).isEqualTo("failed");
      assertThat(done.path("errorMessage").asString()).isEqualTo("document exceeds 3 pages");
      assertThat(done.path("downloadUrl").isNull()).isTrue();
      // a small one still renders
      Res ok = s.post("/v1/templates/rows/render", s.liveKey, Map.of("data", Map.of("rows", rows(5))));
      assertThat(s.awaitTerminal(ok.json().path("id").asString(), s.liveKey, Duration.ofSeconds(60))
          .path("status").asString()).isEqualTo("succeeded");
    }
  }
}
