package dev.platen.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.api.Json;
import dev.platen.blob.BlobStore;
import dev.platen.blob.FileBlobStore;
import dev.platen.metrics.Metrics;
import dev.platen.render.PdfEngine;
import dev.platen.render.RenderException;
import dev.platen.testing.OneAtATime;
import dev.platen.testing.PrometheusText;
import dev.platen.testing.SettableClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The worker step against a queue, with engines and stores that misbehave on purpose. Time is a settable clock: a
 * test calls {@link Worker#runOnce} and advances the clock instead of sleeping; one test runs the looping pool.
 */
@ExtendWith(OneAtATime.class)
class WorkerPoolTest {
  static final RetryPolicy RETRY = RetryPolicy.DEFAULT;
  static final long LEASE_MS = 5_000;
  @TempDir Path dir;
  InMemoryRenderQueue renders;
  FileBlobStore files;
  SettableClock clock;
  RenderThreads renderThreads;
  WorkerPool pool;

  @BeforeEach
  void setUp() throws IOException {
    renders = new InMemoryRenderQueue();
    files = new FileBlobStore(dir.resolve("files"));
    clock = new SettableClock(1_700_000_000_000L);
    renderThreads = WorkerPool.renderThreads(2, () -> { });
  }

  @AfterEach
  void tearDown() {
    if (pool != null) pool.stop(1_000);
    renderThreads.shutdownNow();
  }

  /** Versions come prepared for the engine: the cache is made per worker, for that worker's engine. */
  static VersionCache versions(PdfEngine engine) {
    return new VersionCache(id -> Optional.of(new VersionCache.StoredVersion("T", "{\"sections\":[]}",
        "{\"format\":\"A4\"}", 0)), Json.newMapper(), engine, 10);
  }

  Worker worker(String id, PdfEngine engine, BlobStore blobs, long timeoutMs) {
    return new Worker(renders, versions(engine), blobs, Json.newMapper(), clock,
        new Worker.Settings(LEASE_MS, timeoutMs, id, RETRY), renderThreads, new Metrics().renders());
  }

  String enqueue() {
    String id = UUID.randomUUID().toString();
    renders.insert(new NewRender(id, "p", "t", "v", "{}", "f.pdf", false, null, "tok" + id), clock.millis());
    return id;
  }

  RenderRecord record(String id) {
    return renders.find("p", id).orElseThrow();
  }

  /** Runs the worker, advancing the clock past each backoff, until the render is terminal. */
  RenderRecord runToTheEnd(Worker w, String id) {
    for (int i = 0; i < 20 && !record(id).status().terminal(); i++) {
      w.runOnce();
      clock.advance(Duration.ofMinutes(10));
    }
    return record(id);
  }

  @Test
  void storesThePdfBeforeMarkingSucceeded() throws Exception {
    Worker w = worker("w", in -> "%PDF-fake".getBytes(), files, 5_000);
    String id = enqueue();
    assertThat(w.runOnce()).isTrue();
    RenderRecord r = record(id);
    assertThat(r.status()).isEqualTo(RenderStatus.SUCCEEDED);
    try (InputStream in = files.open(r.blobKey())) {
      assertThat(new String(in.readAllBytes())).isEqualTo("%PDF-fake");
    }
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(w.runOnce()).as("nothing else is due").isFalse();
  }

  @Test
  void everyLineAboutARenderCarriesItsContextOnTheRenderThreadToo() {
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    var seen = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    seen.start();
    root.addAppender(seen);
    try {
      Worker w = worker("w", in -> {
        LoggerFactory.getLogger("test.engine").info("drawing");
        return "%PDF".getBytes();
      }, files, 5_000);
      String id = enqueue();
      assertThat(w.runOnce()).isTrue();
      var drawing = seen.list.stream().filter(e -> e.getFormattedMessage().equals("drawing")).findFirst().orElseThrow();
      assertThat(drawing.getThreadName()).startsWith("render-");
      Map<String, String> context = Map.of("renderId", id, "projectId", "p", "templateId", "t", "attempt", "1");
      assertThat(drawing.getMDCPropertyMap()).containsAllEntriesOf(context);
      var done = seen.list.stream().filter(e -> e.getFormattedMessage().startsWith("render " + id + " succeeded"))
          .findFirst().orElseThrow();
      assertThat(done.getMDCPropertyMap()).containsAllEntriesOf(context);
      assertThat(MDC.get("renderId")).as("the claim thread is clean afterwards").isNull();
    } finally {
      root.detachAppender(seen);
    }
  }

  @Test
  void queueWaitAndEngineTimeAreRecordedPerEngine() {
    Metrics metrics = new Metrics();
    PdfEngine fake = in -> "%PDF".getBytes();
    Worker w = new Worker(renders, versions(EngineProbe.html(fake)), files, Json.newMapper(), clock,
        new Worker.Settings(LEASE_MS, 5_000, "w", RETRY), renderThreads, metrics.renders());
    enqueue();
    clock.advance(Duration.ofMillis(1_500));
    assertThat(w.runOnce()).isTrue();
    Worker direct = new Worker(renders, versions(fake), files, Json.newMapper(), clock,
        new Worker.Settings(LEASE_MS, 5_000, "w2", RETRY), renderThreads, metrics.renders());
    enqueue();
    assertThat(direct.runOnce()).isTrue();
    PrometheusText text = PrometheusText.parse(metrics.scrape());
    assertThat(text.sum("platen_render_queue_wait_seconds_sum", Map.of("engine", "html"))).isEqualTo(1.5);
    assertThat(text.sum("platen_render_queue_wait_seconds_count", Map.of("engine", "direct"))).isEqualTo(1);
    assertThat(text.sum("platen_render_engine_seconds_count", Map.of("engine", "html"))).isEqualTo(1);
    assertThat(text.sum("platen_render_engine_seconds_count", Map.of("engine", "direct"))).isEqualTo(1);
    assertThat(text.sum("platen_renders_in_flight", Map.of())).isZero();
  }

  @Test
  void deterministicFailuresFailAtOnceWithTheUsersMessage() {
    Worker w = worker("w", in -> {
      throw new RenderException("image https://example.com/logo.png answered 404", false);
    }, files, 5_000);
    String id = enqueue();
    w.runOnce();
    RenderRecord r = record(id);
    assertThat(r.status()).isEqualTo(RenderStatus.FAILED);
    assertThat(r.errorMessage()).isEqualTo("image https://example.com/logo.png answered 404");
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.completedAt()).isEqualTo(clock.millis());
  }

  @Test
  void transientFailuresRetryAfterTheirBackoffThenSucceed() {
    AtomicInteger calls = new AtomicInteger();
    Worker w = worker("w", in -> {
      if (calls.incrementAndGet() < 3) throw new RenderException("temporary glitch", true);
      return "%PDF-ok".getBytes();
    }, files, 5_000);
    String id = enqueue();
    w.runOnce();
    assertThat(record(id).status()).isEqualTo(RenderStatus.QUEUED);
    // first backoff: 5 s ± 20%
    clock.advance(Duration.ofMillis(3_999));
    assertThat(w.runOnce()).as("not due before 4 s").isFalse();
    clock.advance(Duration.ofMillis(2_002));
    assertThat(w.runOnce()).as("due by 6 s").isTrue();
    assertThat(record(id).status()).isEqualTo(RenderStatus.QUEUED);
    // second backoff: 15 s ± 20%
    clock.advance(Duration.ofMillis(11_999));
    assertThat(w.runOnce()).isFalse();
    clock.advance(Duration.ofMillis(6_002));
    assertThat(w.runOnce()).isTrue();
    RenderRecord r = record(id);
    assertThat(r.status()).isEqualTo(RenderStatus.SUCCEEDED);
    assertThat(r.attempts()).isEqualTo(3);
  }

  @Test
  void anUnwritableStoreNeverYieldsASucceededRenderWithoutItsFile() {
    BlobStore broken = new BlobStore() {
      @Override
      public void put(String key, byte[] bytes) throws IOException {
        throw new IOException("No space left on device");
      }

      @Override
      public InputStream open(String key) throws IOException {
        throw new IOException("nothing stored");
      }

      @Override
      public long size(String key) {
        return -1;
      }
    };
    Worker w = worker("w", in -> "%PDF".getBytes(), broken, 5_000);
    RenderRecord r = runToTheEnd(w, enqueue());
    assertThat(r.status()).isEqualTo(RenderStatus.FAILED);
    assertThat(r.errorMessage()).contains("could not be stored").contains("No space left on device")
        .contains("5 attempts");
    assertThat(r.attempts()).isEqualTo(5);
    assertThat(r.blobKey()).isNull();
  }

  @Test
  void anExpiredLeaseIsTakenOverAndTheDeadWorkersResultIsDiscarded() {
    String id = enqueue();
    RenderJob dead = renders.claim("dead-worker", clock.millis(), LEASE_MS).orElseThrow();
    Worker w = worker("w", in -> "%PDF".getBytes(), files, 5_000);
    clock.advance(Duration.ofMillis(LEASE_MS - 1));
    assertThat(w.runOnce()).as("the lease still holds").isFalse();
    clock.advance(Duration.ofMillis(2));
    assertThat(w.runOnce()).isTrue();
    assertThat(record(id).status()).isEqualTo(RenderStatus.SUCCEEDED);
    assertThat(record(id).attempts()).isEqualTo(2);
    assertThat(renders.succeed(dead, "late", clock.millis())).isFalse();
    assertThat(renders.attempts(id)).extracting(InMemoryRenderQueue.Attempt::outcome)
        .containsExactly("lost", "succeeded");
  }

  @Test
  void aRenderInterruptedTooOftenIsGivenUp() {
    String id = enqueue();
    for (int i = 0; i < RETRY.maxAttempts(); i++) {
      renders.claim("crashing-worker", clock.millis(), LEASE_MS).orElseThrow();
      clock.advance(Duration.ofMillis(LEASE_MS + 1));
    }
    worker("w", in -> "%PDF".getBytes(), files, 5_000).runOnce();
    assertThat(record(id).status()).isEqualTo(RenderStatus.FAILED);
    assertThat(record(id).errorMessage()).isEqualTo("render was interrupted 5 times and was given up");
  }

  @Test
  void aRenderThatRunsTooLongTimesOutAndFreesTheWorker() {
    AtomicInteger calls = new AtomicInteger();
    Worker w = worker("w", in -> {
      if (calls.incrementAndGet() == 1) {
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end) Thread.onSpinWait();
      }
      return "%PDF".getBytes();
    }, files, 300);
    String slow = enqueue();
    w.runOnce();
    RenderRecord r = record(slow);
    assertThat(r.status()).isEqualTo(RenderStatus.FAILED);
    assertThat(r.errorMessage()).isEqualTo("render timed out after 300 ms");
    // the worker keeps working
    String next = enqueue();
    w.runOnce();
    assertThat(record(next).status()).isEqualTo(RenderStatus.SUCCEEDED);
  }

  /**
   * A render that ignores interruption keeps its thread after it times out; the pool stands a new thread in for it,
   * so with 2 render threads, 10 such renders from one project do not make another project's renders fail or wait
   * beyond the timeout.
   */
  @Test
  void rendersThatOverrunTheirTimeoutDoNotTakeTheCapacityWithThem() throws Exception {
    long timeoutMs = 500;
    RenderThreads threads = new RenderThreads(2, 20, () -> { });
    PdfEngine engine = in -> {
      if (in.data().path("bomb").asBoolean()) {
        // Deaf to interruption, like BigInteger or Batik, but parked rather than spinning: this is about the thread
        // coming back; CPU that a runaway burns is bounded by the limits applied before rendering.
        long end = System.nanoTime() + 2_500_000_000L;
        while (System.nanoTime() < end) java.util.concurrent.locks.LockSupport.parkNanos(end - System.nanoTime());
      }
      return "%PDF".getBytes();
    };
    InstantSource wall = InstantSource.system();
    VersionCache v = new VersionCache(id -> Optional.of(new VersionCache.StoredVersion("T", "{\"sections\":[]}",
        "{\"format\":\"A4\"}", 0)), Json.newMapper(), engine, 10);
    Worker w = new Worker(renders, v, files, Json.newMapper(), wall,
        new Worker.Settings(LEASE_MS, timeoutMs, "w", RETRY), threads, new Metrics().renders());
    pool = new WorkerPool(w, threads);
    pool.start();
    List<String> bombs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String id = UUID.randomUUID().toString();
      renders.insert(new NewRender(id, "evil", "t", "v", "{\"bomb\":true}", "f.pdf", false, null, "t" + id),
          wall.millis());
      bombs.add(id);
    }
    pool.wake();
    List<String> ordinary = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      ordinary.add(enqueueAt(wall.millis()));
      pool.wake();
      Thread.sleep(100);
    }
    for (String id : ordinary) {
      RenderRecord r = awaitTerminal("p", id);
      assertThat(r.status()).as("ordinary render %s: %s", id, r.errorMessage()).isEqualTo(RenderStatus.SUCCEEDED);
      assertThat(r.durationMs()).as("wait and render of an ordinary render").isLessThanOrEqualTo(timeoutMs + 1_000);
    }
    for (String id : bombs) {
      RenderRecord r = awaitTerminal("evil", id);
      assertThat(r.status()).isEqualTo(RenderStatus.FAILED);
      assertThat(r.errorMessage()).isEqualTo("render timed out after 500 ms");
    }
    for (int i = 0; i < 100 && threads.abandoned() > 0; i++) Thread.sleep(50);
    assertThat(threads.abandoned()).as("abandoned renders still running once they ended").isZero();
    for (int i = 0; i < 100 && threads.getPoolSize() > 2; i++) Thread.sleep(50);
    assertThat(threads.getCorePoolSize()).as("the pool shrinks back").isEqualTo(2);
  }

  /**
   * Past the stand-in limit the owner is told once (the process restarts), and a render that was claimed but found
   * no free thread goes back to the queue instead of failing for a timeout it never had.
   */
  @Test
  void whenStandInsRunOutTheOwnerIsToldOnceAndUnstartedRendersAreGivenBack() throws Exception {
    AtomicInteger told = new AtomicInteger();
    RenderThreads threads = new RenderThreads(1, 2, told::incrementAndGet);
    java.util.concurrent.CountDownLatch end = new java.util.concurrent.CountDownLatch(1);
    PdfEngine engine = in -> {
      if (in.data().path("bomb").asBoolean()) {
        // deaf to interruption until the test ends
        while (end.getCount() > 0) java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
      }
      return "%PDF".getBytes();
    };
    Worker w = new Worker(renders, versions(engine), files, Json.newMapper(), clock,
        new Worker.Settings(LEASE_MS, 200, "w", RETRY), threads, new Metrics().renders());
    try {
      List<String> bombs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String id = UUID.randomUUID().toString();
        renders.insert(new NewRender(id, "evil", "t", "v", "{\"bomb\":true}", "f.pdf", false, null, "t" + id),
            clock.millis());
        bombs.add(id);
        clock.advance(Duration.ofMillis(1)); // claimed in this order
      }
      for (int i = 0; i < 3; i++) w.runOnce();
      assertThat(threads.abandoned()).isEqualTo(3);
      assertThat(threads.exhausted()).isTrue();
      assertThat(told).hasValue(1);
      // every thread, stand-ins included, is held: the fourth bomb cannot even start
      w.runOnce();
      RenderRecord unstarted = renders.find("evil", bombs.get(3)).orElseThrow();
      assertThat(unstarted.status()).as(unstarted.errorMessage()).isEqualTo(RenderStatus.QUEUED);
      assertThat(told).as("told once").hasValue(1);
      for (String id : bombs.subList(0, 3)) {
        assertThat(renders.find("evil", id).orElseThrow().errorMessage()).isEqualTo("render timed out after 200 ms");
      }
    } finally {
      end.countDown();
      threads.shutdownNow();
    }
  }

  String enqueueAt(long now) {
    String id = UUID.randomUUID().toString();
    renders.insert(new NewRender(id, "p", "t", "v", "{}", "f.pdf", false, null, "tok" + id), now);
    return id;
  }

  RenderRecord awaitTerminal(String project, String id) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      RenderRecord r = renders.find(project, id).orElseThrow();
      if (r.status().terminal()) return r;
      Thread.sleep(25);
    }
    throw new AssertionError("not terminal: " + renders.find(project, id));
  }

  /** The pool's loops: they render what is queued, and an Error thrown under them does not end them. */
  @Test
  void thePoolKeepsClaimingAfterAnError() throws Exception {
    AtomicInteger claims = new AtomicInteger();
    RenderQueue flaky = new RenderQueue() {
      @Override public Optional<RenderRecord> insert(NewRender r, long now) { return renders.insert(r, now); }
      @Override public Optional<RenderRecord> findByIdempotencyKey(String p, String k) {
        return renders.findByIdempotencyKey(p, k);
      }
      @Override public Optional<RenderRecord> find(String p, String id) { return renders.find(p, id); }
      @Override public Optional<RenderRecord> findByDownloadToken(String id, String t) {
        return renders.findByDownloadToken(id, t);
      }
      @Override public long pendingCount() { return renders.pendingCount(); }
      @Override public long pendingCount(String p) { return renders.pendingCount(p); }
      @Override public java.util.Map<RenderStatus, Long> pendingByStatus() { return renders.pendingByStatus(); }
      @Override public Optional<Cancelled> cancel(String p, String id, long now) { return renders.cancel(p, id, now); }
      @Override public Optional<RenderJob> claim(String w, long now, long lease) {
        if (claims.incrementAndGet() == 1) throw new StackOverflowError("thrown on purpose");
        return renders.claim(w, now, lease);
      }
      @Override public boolean heartbeat(RenderJob j, long now, long lease) { return renders.heartbeat(j, now, lease); }
      @Override public boolean succeed(RenderJob j, Stored pdf, long now) { return renders.succeed(j, pdf, now); }
      @Override public boolean retryLater(RenderJob j, long at, String why, long now) {
        return renders.retryLater(j, at, why, now);
      }
      @Override public boolean fail(RenderJob j, String m, long now) { return renders.fail(j, m, now); }
    };
    Worker w = new Worker(flaky, versions(in -> "%PDF".getBytes()), files, Json.newMapper(), clock,
        new Worker.Settings(LEASE_MS, 5_000, "w", RETRY), renderThreads, new Metrics().renders());
    pool = new WorkerPool(w, renderThreads);
    pool.start();
    String id = enqueue();
    pool.wake();
    for (int i = 0; i < 200 && !record(id).status().terminal(); i++) Thread.sleep(25);
    assertThat(record(id).status()).isEqualTo(RenderStatus.SUCCEEDED);
    assertThat(claims.get()).isGreaterThan(1);
  }
}
