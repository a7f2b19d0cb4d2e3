package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.jobs.RenderJob;
import dev.platen.testing.OneAtATime;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** POST /v1/renders/:id/cancel over HTTP, for each status a render can be in. */
@ExtendWith(OneAtATime.class)
class RenderCancelTest {
  static final Map<String, Object> NOTE = Map.of("name", "Note", "manifest", Map.of("variables",
      List.of(Map.of("key", "title", "label", "Title", "dataType", "text"))));

  private static String queue(TestServer s, String key, String title) {
    Res r = s.post("/v1/templates/note/render", key, Map.of("data", Map.of("title", title)));
    assertThat(r.status()).as(r.text()).isEqualTo(202);
    return r.json().path("id").asString();
  }

  /** No workers in an API-only process, so renders stay queued until the test claims them as a worker would. */
  @Test
  void cancelsQueuedAndRenderingRendersAndRefusesTerminalOnes(@TempDir Path dir) {
    try (TestServer s = TestServer.start(dir, Map.of("PLATEN_ROLE", "api"))) {
      String key = s.liveKey;
      assertThat(s.post("/v1/templates", key, NOTE).status()).isEqualTo(201);
      String queued = queue(s, key, "queued");

      Res c = s.post("/v1/renders/" + queued + "/cancel", key, Map.of());
      assertThat(c.status()).as(c.text()).isEqualTo(200);
      JsonNode j = c.json();
      assertThat(j.propertyNames()).containsExactly("id", "status", "pollUrl", "downloadUrl", "errorMessage",
          "createdAt", "completedAt", "durationMs");
      assertThat(j.path("status").asString()).isEqualTo("cancelled");
      assertThat(j.path("downloadUrl").isNull()).isTrue();
      assertThat(j.path("completedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(j.path("durationMs").isIntegralNumber()).isTrue();
      Res polled = s.get("/v1/renders/" + queued, key);
      assertThat(polled.json()).as("the answer is the record as GET shows it").isEqualTo(j);
      assertThat(s.awaitTerminal(queued, key, Duration.ofSeconds(1)).path("status").asString())
          .isEqualTo("cancelled");

      Res again = s.post("/v1/renders/" + queued + "/cancel", key, Map.of());
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.errorCode()).isEqualTo("conflict");
      assertThat(again.json().path("error").path("message").asString()).contains("cancelled");

      // A render a worker holds: cancelling moves the fencing token on, so the worker's late result is dropped.
      String rendering = queue(s, key, "rendering");
      RenderJob job = s.platen().renders().claim("test-worker", System.currentTimeMillis(), 60_000).orElseThrow();
      assertThat(job.renderId()).isEqualTo(rendering);
      assertThat(s.get("/v1/renders/" + rendering, key).json().path("status").asString()).isEqualTo("rendering");
      Res cr = s.post("/v1/renders/" + rendering + "/cancel", key, Map.of());
      assertThat(cr.status()).as(cr.text()).isEqualTo(200);
      assertThat(cr.json().path("status").asString()).isEqualTo("cancelled");
      assertThat(s.platen().renders().heartbeat(job, System.currentTimeMillis(), 60_000)).isFalse();
      assertThat(s.platen().renders().succeed(job, "late/blob.pdf", System.currentTimeMillis()))
          .as("the worker's late result is discarded").isFalse();
      JsonNode after = s.get("/v1/renders/" + rendering, key).json();
      assertThat(after.path("status").asString()).isEqualTo("cancelled");
      assertThat(after.path("downloadUrl").isNull()).isTrue();
      assertThat(s.get("/v1/renders/" + rendering + "/download", key).status()).isEqualTo(409);
      assertThat(s.platen().renders().claim("test-worker", System.currentTimeMillis() + 120_000, 60_000))
          .as("a cancelled render is never claimed again, not even after its lease would have expired").isEmpty();

      // A failed render is terminal too.
      String failed = queue(s, key, "failed");
      RenderJob f = s.platen().renders().claim("test-worker", System.currentTimeMillis(), 60_000).orElseThrow();
      assertThat(s.platen().renders().fail(f, "broken", System.currentTimeMillis())).isTrue();
      Res cf = s.post("/v1/renders/" + failed + "/cancel", key, Map.of());
      assertThat(cf.status()).isEqualTo(409);
      assertThat(cf.errorCode()).isEqualTo("conflict");
      assertThat(s.get("/v1/renders/" + failed, key).json().path("status").asString()).isEqualTo("failed");

      // Another project's render, an unknown id and a non-UUID are not found; no key is 401.
      String other = queue(s, key, "other");
      String otherKey = s.newProjectKey(false);
      Res foreign = s.post("/v1/renders/" + other + "/cancel", otherKey, Map.of());
      assertThat(foreign.status()).isEqualTo(404);
      assertThat(foreign.errorCode()).isEqualTo("not_found");
      assertThat(s.get("/v1/renders/" + other, key).json().path("status").asString())
          .as("the foreign attempt changed nothing").isEqualTo("queued");
      assertThat(s.post("/v1/renders/0193c2c3-1111-7aaa-8bbb-000000000001/cancel", key, Map.of()).status())
          .isEqualTo(404);
      assertThat(s.post("/v1/renders/not-a-uuid/cancel", key, Map.of()).errorCode()).isEqualTo("not_found");
      assertThat(s.post("/v1/renders/" + other + "/cancel", null, Map.of()).status()).isEqualTo(401);
    }
  }

  /**
   * Cancelling a render a worker of this process is drawing interrupts its render thread. The render waits on an
   * image server that never answers (the fetch timeout is 10 s): with one render thread, the next render can only
   * start at once if the cancelled one let go of the thread; and nothing is stored for the cancelled render.
   */
  @Test
  void cancellingARenderingRenderInterruptsItsThreadAndStoresNothing(@TempDir Path dir) throws Exception {
    try (RenderWaitOnPostgresTest.Hanging images = RenderWaitOnPostgresTest.Hanging.start();
        TestServer s = TestServer.start(dir, Map.of("PLATEN_RENDER_THREADS", "1", "PLATEN_ALLOW_PRIVATE_FETCH", "true"))) {
      String key = s.liveKey;
      assertThat(s.post("/v1/templates", key, NOTE).status()).isEqualTo(201);
      assertThat(s.put("/v1/templates/picture", key, Map.of("name", "Picture", "manifest", Map.of("variables",
          List.of(Map.of("key", "photo", "label", "Photo", "dataType", "image"))))).status()).isEqualTo(201);
      Res r = s.post("/v1/templates/picture/render", key, Map.of("data", Map.of("photo", images.url())));
      assertThat(r.status()).as(r.text()).isEqualTo(202);
      String stuck = r.json().path("id").asString();
      assertThat(images.fetched.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("the render fetches its image")
          .isTrue();
      assertThat(s.get("/v1/renders/" + stuck, key).json().path("status").asString()).isEqualTo("rendering");

      long t0 = System.nanoTime();
      Res c = s.post("/v1/renders/" + stuck + "/cancel", key, Map.of());
      assertThat(c.status()).as(c.text()).isEqualTo(200);
      assertThat(c.json().path("status").asString()).isEqualTo("cancelled");
      String next = queue(s, key, "after the cancel");
      assertThat(s.awaitTerminal(next, key, Duration.ofSeconds(20)).path("status").asString())
          .isEqualTo("succeeded");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("the only render thread was freed by the interrupt, "
          + "not by the 10 s fetch timeout").isLessThan(Duration.ofSeconds(5));

      JsonNode after = s.get("/v1/renders/" + stuck, key).json();
      assertThat(after.path("status").asString()).isEqualTo("cancelled");
      assertThat(after.path("downloadUrl").isNull()).isTrue();
      try (var files = java.nio.file.Files.walk(dir.resolve("files"))) {
        assertThat(files.map(Path::toString).filter(f -> f.contains(stuck)).toList())
            .as("no PDF stored for the cancelled render").isEmpty();
      }
      // nor in the database, where small PDFs are kept (D44): the next render's is there
      try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("platen.db"));
          var st = db.createStatement(); var rs = st.executeQuery("SELECT blob_key FROM inline_pdfs")) {
        List<String> keys = new ArrayList<>();
        while (rs.next()) keys.add(rs.getString(1));
        assertThat(keys).as("the PDFs the database holds").noneMatch(k -> k.contains(stuck))
            .anyMatch(k -> k.contains(next));
      }
    }
  }

  /** Cancels racing real workers: each render ends exactly as the cancel's answer says, never a PDF when cancelled. */
  @Tag("slow")
  @Test
  void cancelRacingWorkersEndsEachRenderOneWay(@TempDir Path dir) {
    try (TestServer s = TestServer.start(dir)) {
      String key = s.liveKey;
      // Renders of tens of milliseconds each, so two workers cannot finish all 24 while the cancels are sent: a
      // value the direct subset refuses (HtmlRoutingTest holds it) keeps the table with openhtmltopdf.
      Res slow = s.post("/v1/templates", key, Map.of("name", "Note", "slug", "note", "manifest", Map.of(
          "variables", List.of(Map.of("key", "title", "label", "Title", "dataType", "text")),
          "loops", List.of(Map.of("key", "rows", "label", "Rows",
              "itemFields", List.of(Map.of("key", "a", "label", "A", "dataType", "text"))))),
          "layout", Map.of("html", "<h1>{{title}}</h1><table>{{#each rows}}<tr><td>{{a}}</td></tr>{{/each}}</table>",
              "css", "td { text-transform: full-width; }")));
      assertThat(slow.status()).as(slow.text()).isEqualTo(201);
      assertThat(s.get("/v1/templates/note", key).json().path("engine").asString()).isEqualTo("html");
      List<Map<String, String>> rows = new ArrayList<>();
      for (int i = 0; i < 300; i++) rows.add(Map.of("a", "row " + i));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        Res r = s.post("/v1/templates/note/render", key, Map.of("data", Map.of("title", "race " + i, "rows", rows)));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        ids.add(r.json().path("id").asString());
      }
      Map<String, Integer> answers = new java.util.HashMap<>();
      // Newest first: workers take the oldest, so the first cancels find renders still queued.
      for (int i = ids.size() - 1; i >= 0; i -= 2) {
        Res c = s.post("/v1/renders/" + ids.get(i) + "/cancel", key, Map.of());
        assertThat(c.status()).as(c.text()).isIn(200, 409);
        answers.put(ids.get(i), c.status());
      }
      int cancelled = 0;
      for (String id : ids) {
        JsonNode done = s.awaitTerminal(id, key, Duration.ofSeconds(60));
        String status = done.path("status").asString();
        Integer answer = answers.get(id);
        if (answer == null) {
          assertThat(status).isEqualTo("succeeded");
        } else if (answer == 200) {
          cancelled++;
          assertThat(status).isEqualTo("cancelled");
          assertThat(done.path("downloadUrl").isNull()).isTrue();
          assertThat(s.get("/v1/renders/" + id + "/download", key).status()).isEqualTo(409);
        } else {
          assertThat(status).as("a 409 means the render had already finished").isIn("succeeded", "failed");
        }
      }
      assertThat(cancelled).as("some cancels came before the workers").isPositive();
    }
  }
}
