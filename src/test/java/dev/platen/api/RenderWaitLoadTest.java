package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.OneAtATime;
import dev.platen.testing.PrometheusText;
import dev.platen.testing.ServerProcess;
import dev.platen.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * 2,000 clients waiting at once ({@code ?waitMs=30000}) on one server process, the jar, API-only on SQLite: its OS
 * threads and memory before, while and after they wait, and how long after each render's completedAt its waiter
 * has the answer. Renders are completed by cancels through the API (the API-only process renders nothing), which
 * commit and signal exactly as a worker's write does; ten, sent with {@code ?waitMs=12000}, are left to answer at
 * their timeout. The numbers go to
 * docs/benchmarks.md ("Issue 11: waitMs"):
 * {@code ./platen build && mvn -B -o test -Dtest=RenderWaitLoadTest}.
 */
@Tag("slow")
@ExtendWith(OneAtATime.class)
class RenderWaitLoadTest {
  private static final int WAITERS = 2_000;
  private static final int LEFT_TO_TIME_OUT = 10;
  private static final long TIMED_OUT_WAIT_MS = 12_000;
  private static final String KEY = "ck_live_waitloadtestkey0000000001";

  private record Sample(long threads, long rssKb, double heapMb, double jvmThreads, double waiters) {
    @Override
    public String toString() {
      return String.format("OS threads %d, JVM live threads %.0f, RSS %.0f MB, heap used %.0f MB, waiters %.0f",
          threads, jvmThreads, rssKb / 1024.0, heapMb, waiters);
    }
  }

  private static Sample sample(ServerProcess s) throws Exception {
    long threads = 0;
    long rss = 0;
    for (String line : Files.readAllLines(Path.of("/proc/" + s.pid() + "/status"))) {
      if (line.startsWith("Threads:")) threads = Long.parseLong(line.substring(8).trim());
      if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.substring(6).replace("kB", "").trim());
    }
    PrometheusText m = metrics(s);
    return new Sample(threads, rss, m.sum("jvm_memory_used_bytes", Map.of("area", "heap")) / 1e6,
        m.sum("jvm_threads_live_threads", Map.of()), m.sum("platen_render_waiters", Map.of()));
  }

  private static PrometheusText metrics(ServerProcess s) {
    return PrometheusText.parse(TestServer.send(HttpRequest.newBuilder(URI.create(s.baseUrl + "/metrics")).build())
        .text());
  }

  private static TestServer.Res call(ServerProcess s, String method, String path, Object body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.baseUrl + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json");
    return TestServer.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(TestServer.JSON.writeValueAsString(body))).build());
  }

  private record Answer(int status, JsonNode json, long receivedAt) {}

  @Test
  void twoThousandWaitersHoldNoPlatformThreadAndHearOfCompletionAtOnce(@TempDir Path dir) throws Exception {
    try (ServerProcess s = ServerProcess.start(dir, TestServer.freePort(), KEY, Map.of("PLATEN_ROLE", "api"));
        ExecutorService clients = Executors.newFixedThreadPool(8);
        HttpClient waiterClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build()) {
      assertThat(call(s, "POST", "/v1/templates", RenderCancelTest.NOTE).status()).isEqualTo(201);
      List<String> ids = Collections.synchronizedList(new ArrayList<>());
      List<Future<?>> queued = new ArrayList<>();
      for (int i = 0; i < WAITERS; i++) {
        int n = i;
        queued.add(clients.submit(() -> {
          TestServer.Res r = call(s, "POST", "/v1/templates/note/render", Map.of("data", Map.of("title", "w" + n)));
          assertThat(r.status()).as(r.text()).isEqualTo(202);
          ids.add(r.json().path("id").asString());
        }));
      }
      for (Future<?> f : queued) f.get();
      Thread.sleep(2_000);
      Sample before = sample(s);

      long sentAt = System.nanoTime();
      List<CompletableFuture<Answer>> answers = new ArrayList<>();
      for (int i = 0; i < WAITERS; i++) {
        // the ten left to time out wait less, so the test does not sit out 30 s: all are held long before either
        long waitMs = i < WAITERS - LEFT_TO_TIME_OUT ? 30_000 : TIMED_OUT_WAIT_MS;
        URI uri = URI.create(s.baseUrl + "/v1/renders/" + ids.get(i) + "?waitMs=" + waitMs);
        HttpRequest get = HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(90)).header("Authorization", "Bearer " + KEY).build();
        answers.add(waiterClient.sendAsync(get, HttpResponse.BodyHandlers.ofByteArray()).thenApply(r ->
            new Answer(r.statusCode(), TestServer.JSON.readTree(r.body()), System.currentTimeMillis())));
      }
      Sample during = null;
      for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(25); System.nanoTime() < end; ) {
        during = sample(s);
        if (during.waiters() >= WAITERS) break;
        Thread.sleep(200);
      }
      List<String> early = answers.stream().filter(CompletableFuture::isDone).map(f -> {
        try {
          return f.join().status() + " " + f.join().json();
        } catch (RuntimeException e) {
          return e.toString();
        }
      }).distinct().limit(5).toList();
      assertThat(during.waiters()).as("every client is being held: %s; answered early: %s", during, early)
          .isEqualTo(WAITERS);
      System.out.printf("waitMs load: all %d held %d ms after the first was sent%n", WAITERS,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt));
      Thread.sleep(1_000);
      during = sample(s);

      // complete all but a few, 8 at a time, as fast as the API takes cancels
      List<Future<?>> cancels = new ArrayList<>();
      for (String id : ids.subList(0, WAITERS - LEFT_TO_TIME_OUT)) {
        cancels.add(clients.submit(() -> assertThat(call(s, "POST", "/v1/renders/" + id + "/cancel", Map.of())
            .status()).isEqualTo(200)));
      }
      for (Future<?> f : cancels) f.get();
      List<Long> delays = new ArrayList<>();
      for (int i = 0; i < WAITERS - LEFT_TO_TIME_OUT; i++) {
        Answer a = answers.get(i).get(30, TimeUnit.SECONDS);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("status").asString()).isEqualTo("cancelled");
        delays.add(a.receivedAt() - Instant.parse(a.json().path("completedAt").asString()).toEpochMilli());
      }
      for (int i = WAITERS - LEFT_TO_TIME_OUT; i < WAITERS; i++) {
        Answer a = answers.get(i).get(60, TimeUnit.SECONDS);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("status").asString()).as("nothing happened: answered at the timeout")
            .isEqualTo("queued");
      }
      long timedOutAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
      Thread.sleep(2_000);
      Sample after = sample(s);

      Collections.sort(delays);
      long p50 = delays.get(delays.size() / 2);
      long p99 = delays.get(delays.size() * 99 / 100);
      long max = delays.getLast();
      System.out.printf("waitMs load: %d waiters on one process (%d answered by completion, %d at the timeout "
              + "after %d ms)%n  before: %s%n  during: %s%n  after:  %s%n  completedAt -> answer: p50 %d ms, "
              + "p99 %d ms, max %d ms%n", WAITERS, delays.size(), LEFT_TO_TIME_OUT, timedOutAfterMs, before, during,
          after, p50, p99, max);
      assertThat(during.threads() - before.threads()).as("OS threads added by 2,000 waiting clients")
          .isLessThan(100);
      assertThat(timedOutAfterMs).as("the last ten answered at their 12 s timeout")
          .isBetween(TIMED_OUT_WAIT_MS, TIMED_OUT_WAIT_MS + 15_000);
      assertThat(p50).as("median delay after completedAt").isLessThan(250);
      assertThat(p99).as("p99 delay after completedAt").isLessThan(2_000);
      assertThat(after.waiters()).isZero();
    }
  }
}
