package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.ImageBombs;
import dev.platen.testing.OneAtATime;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 8's promise, as one hostile tenant and one ordinary one share a server with 2 render threads: the hostile
 * project sends 10 concurrent renders of every kind of bomb (absurd numbers for the canvas and the HTML helpers,
 * every image bomb on every path, templates whose expansion explodes) while the other project renders a note every
 * 100 ms. Every ordinary render succeeds within the render timeout plus 1 s of being accepted, {@code /health}
 * answers throughout, and at the end no render thread is still busy.
 */
@Tag("slow")
@ExtendWith(OneAtATime.class)
class TenantIsolationTest {
  static final long TIMEOUT_MS = 5_000;

  @Test
  void bombsFromOneProjectDoNotDelayAnother(@TempDir Path dir) throws Exception {
    try (TestServer server = TestServer.start(dir, Map.of("PLATEN_RENDER_THREADS", "2",
        "PLATEN_RENDER_TIMEOUT_MS", String.valueOf(TIMEOUT_MS)))) {
      String evil = server.liveKey;
      String good = server.newProjectKey(false);
      Res note = server.put("/v1/templates/note", good, Map.of("name", "Note", "manifest", Map.of(
          "variables", List.of(Map.of("key", "text", "dataType", "text")), "loops", List.of())));
      assertThat(note.status()).as(note.text()).isEqualTo(201);

      Map<String, Map<String, Object>> bombs = bombs();
      for (Map.Entry<String, Map<String, Object>> b : bombs.entrySet()) {
        Res t = server.put("/v1/templates/" + b.getKey(), evil, b.getValue());
        assertThat(t.status()).as(b.getKey() + ": " + t.text()).isEqualTo(201);
      }

      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger healthChecks = new AtomicInteger();
      ConcurrentLinkedQueue<String> healthFailures = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<String> ordinary = new ConcurrentLinkedQueue<>();
      ExecutorService background = Executors.newFixedThreadPool(2);
      Future<?> health = background.submit(() -> {
        while (running.get()) {
          Res h = server.get("/health", null);
          healthChecks.incrementAndGet();
          if (h.status() != 200) healthFailures.add(h.status() + " " + h.text());
          sleep(100);
        }
      });
      Future<?> stream = background.submit(() -> {
        int i = 0;
        while (running.get()) {
          Res r = server.post("/v1/templates/note/render", good, Map.of("data", Map.of("text", "note " + i++)));
          assertThat(r.status()).as(r.text()).isEqualTo(202);
          ordinary.add(r.json().path("id").asString());
          sleep(100);
        }
      });

      List<String> hostile = new ArrayList<>();
      try (ExecutorService senders = Executors.newFixedThreadPool(10)) {
        List<Future<String>> sent = new ArrayList<>();
        for (int copy = 0; copy < 10; copy++) {
          for (String slug : bombs.keySet()) {
            sent.add(senders.submit(() -> {
              Res r = server.post("/v1/templates/" + slug + "/render", evil, Map.of("data", Map.of("t",
                  "9e999999999", "a", LOOP)));
              assertThat(r.status()).as(slug + ": " + r.text()).isEqualTo(202);
              return r.json().path("id").asString();
            }));
          }
        }
        for (Future<String> f : sent) hostile.add(f.get());
      }
      for (String id : hostile) {
        JsonNode r = server.awaitTerminal(id, evil, Duration.ofSeconds(300));
        assertThat(r.path("errorMessage").asString()).as(r.toString()).doesNotContain("timed out");
      }
      sleep(1_000);
      running.set(false);
      stream.get();
      health.get();
      background.shutdown();

      long slowest = 0;
      for (String id : ordinary) {
        JsonNode r = server.awaitTerminal(id, good, Duration.ofSeconds(60));
        assertThat(r.path("status").asString()).as(r.toString()).isEqualTo("succeeded");
        long waited = Duration.between(Instant.parse(r.path("createdAt").asString()),
            Instant.parse(r.path("completedAt").asString())).toMillis();
        slowest = Math.max(slowest, waited);
      }
      assertThat(slowest).as("the slowest ordinary render, accepted to finished").isLessThanOrEqualTo(TIMEOUT_MS + 1_000);
      assertThat(healthFailures).as("/health while the bombs went off").isEmpty();
      assertThat(healthChecks.get()).isPositive();

      long busy = 0;
      for (int i = 0; i < 50; i++) {
        busy = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("render-") && t.getState() == Thread.State.RUNNABLE).count();
        if (busy == 0) break;
        sleep(100);
      }
      assertThat(busy).as("render threads still busy once every render ended").isZero();
      System.out.printf("tenant isolation: %d hostile renders of %d kinds, %d ordinary renders all succeeded, "
          + "slowest %d ms from accepted to finished; %d health checks all 200%n", hostile.size(), bombs.size(),
          ordinary.size(), slowest, healthChecks.get());
    }
  }

  /** 1,000 loop items: nested five deep over themselves they are 10^15 iterations. */
  static final List<Map<String, String>> LOOP = java.util.stream.IntStream.range(0, 1_000)
      .mapToObj(i -> Map.of("v", String.valueOf(i))).toList();

  /** Each kind of bomb as a template body; a render of it carries {@code t = "9e999999999"} and {@code a = LOOP}. */
  static Map<String, Map<String, Object>> bombs() {
    Map<String, Object> text = Map.of("variables", List.of(Map.of("key", "t", "dataType", "text")),
        "loops", List.of(Map.of("key", "a", "label", "A", "itemFields", List.of(Map.of("key", "v",
            "dataType", "text")))));
    Map<String, Map<String, Object>> all = new LinkedHashMap<>();
    all.put("number-canvas", Map.of("name", "Numbers", "manifest", text, "layout", HostileInputTest.canvas(Map.of(
        "type", "keyValue", "props", Map.of("items", List.of(
            Map.of("label", "Total", "path", "t", "dataType", "currency", "format", "currency:EUR"),
            Map.of("label", "Count", "path", "t", "dataType", "number")))))));
    all.put("number-html", Map.of("name", "Numbers HTML", "manifest", text, "layout", Map.of("html",
        "<p>{{format-number t}} {{format-number t 2}} {{format-currency t \"EUR\"}}</p>")));
    all.put("expansion-deep", Map.of("name", "Deep loops", "manifest", text, "layout", Map.of("html",
        "{{#each a}}{{#each @root.a}}{{#each @root.a}}{{#each @root.a}}{{#each @root.a}}{{@x}}"
            + "{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}")));
    all.put("expansion-wide", Map.of("name", "Wide loops", "manifest", text, "layout", Map.of("html",
        "{{#each a}}" + "{{@x}}{{#if @y}}{{/if}}".repeat(1_500) + "{{/each}}")));
    List<Function<String, Object>> paths = new ArrayList<>(HostileInputTest.IMAGE_PATHS.values());
    int i = 0;
    for (ImageBombs.Bomb bomb : ImageBombs.all().values()) {
      all.put("image-" + i, Map.of("name", "Image " + i, "manifest", text, "layout",
          paths.get(i % paths.size()).apply(bomb.dataUri())));
      i++;
    }
    return all;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
