package dev.platen.jobs;

import dev.platen.blob.BlobStore;
import dev.platen.render.PageSetup;
import dev.platen.render.PdfEngine;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Claims renders from the queue and produces them: render → store the PDF → mark succeeded, in that order, so a
 * succeeded render always has its file. Rendering is CPU-bound and runs on a fixed pool of platform threads, one
 * per configured render thread (the engine keeps parsed fonts per thread); the claim loops wait on it.
 */
public final class WorkerPool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
  private static final long IDLE_POLL_MS = 250;

  public record Settings(int threads, long leaseMs, long renderTimeoutMs, String workerId, RetryPolicy retry) {}

  private final RenderQueue queue;
  private final PdfEngine engine;
  private final BlobStore blobs;
  private final Settings settings;
  private final JsonMapper json;
  private final ExecutorService renderThreads;
  private final List<Thread> loops = new ArrayList<>();
  private final ScheduledExecutorService heartbeats;
  private final Map<String, RenderJob> inFlight = new ConcurrentHashMap<>();
  private final Object signal = new Object();
  private final AtomicLong completed = new AtomicLong();
  private volatile boolean running;

  public WorkerPool(RenderQueue queue, PdfEngine engine, BlobStore blobs, JsonMapper json, Settings settings) {
    this.queue = queue;
    this.engine = engine;
    this.blobs = blobs;
    this.json = json;
    this.settings = settings;
    this.renderThreads = Executors.newFixedThreadPool(settings.threads(),
        Thread.ofPlatform().name("render-", 0).daemon(true).factory());
    this.heartbeats = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("lease-heartbeat").daemon(true).factory());
  }

  public void start() {
    running = true;
    for (int i = 0; i < settings.threads(); i++) {
      loops.add(Thread.ofVirtual().name("claim-" + i).start(this::loop));
    }
    long every = Math.max(100, settings.leaseMs() / 3);
    heartbeats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs {@code task} once on every render thread before they take work, so per-thread state (parsed fonts, the
   * JIT-compiled layout path) is ready and the first real render is not the slow one.
   */
  public void warmUp(Runnable task) {
    int n = settings.threads();
    java.util.concurrent.CountDownLatch allStarted = new java.util.concurrent.CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      renderThreads.submit(() -> {
        // holding each thread until all have started guarantees one warm-up per distinct thread
        allStarted.countDown();
        try {
          allStarted.await();
          task.run();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
          log.warn("engine warm-up failed: {}", e.toString());
        }
      });
    }
  }

  /** Wakes idle claim loops: a render was just queued in this process. */
  public void wake() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  public long completedCount() { return completed.get(); }

  private void loop() {
    while (running) {
      try {
        Optional<RenderJob> job = queue.claim(settings.workerId(), System.currentTimeMillis(), settings.leaseMs());
        if (job.isPresent()) {
          process(job.get());
        } else {
          synchronized (signal) {
            if (running) signal.wait(IDLE_POLL_MS);
          }
        }
      } catch (InterruptedException e) {
        if (!running) return;
      } catch (RuntimeException e) {
        // The database may be briefly away; a dead loop would silently stop rendering.
        log.warn("render loop error, retrying shortly: {}", e.toString());
        sleepQuietly(1_000);
      }
    }
  }

  private void process(RenderJob job) throws InterruptedException {
    if (job.attempts() > settings.retry().maxAttempts()) {
      queue.fail(job, "render was interrupted " + (job.attempts() - 1) + " times and was given up", now());
      return;
    }
    inFlight.put(job.renderId(), job);
    String failure;
    boolean retryable;
    try {
      byte[] pdf = renderWithTimeout(job);
      String key = blobKey(job);
      try {
        blobs.put(key, pdf);
        // Out of the heartbeat's sight before the terminal write, so a finished render is never reported as a
        // lost lease; the write itself is one fenced statement.
        inFlight.remove(job.renderId());
        if (queue.succeed(job, key, now())) completed.incrementAndGet();
        return;
      } catch (Exception e) {
        failure = "the PDF could not be stored: " + e.getMessage();
        retryable = true;
      }
    } catch (RenderException e) {
      failure = e.getMessage();
      retryable = e.retryable();
    } finally {
      inFlight.remove(job.renderId());
    }
    if (retryable) {
      transientFailure(job, failure);
    } else {
      queue.fail(job, failure, now());
    }
  }

  private void transientFailure(RenderJob job, String reason) {
    if (settings.retry().mayRetry(job.attempts())) {
      log.info("render {} attempt {} failed, will retry: {}", job.renderId(), job.attempts(), reason);
      queue.retryLater(job, now() + settings.retry().delayMs(job.attempts()), reason);
    } else {
      queue.fail(job, reason + " (gave up after " + job.attempts() + " attempts)", now());
    }
  }

  private byte[] renderWithTimeout(RenderJob job) throws RenderException, InterruptedException {
    RenderInput input;
    try {
      input = new RenderInput(json.readTree(job.layout()), json.readTree(job.data()),
          pageSetup(json.readTree(job.pageConfig())), job.templateName(), Instant.ofEpochMilli(job.publishedAt()),
          job.watermark());
    } catch (RuntimeException e) {
      throw new RenderException("the stored template version could not be read", false, e);
    }
    Future<byte[]> f = renderThreads.submit(() -> engine.render(input));
    try {
      return f.get(settings.renderTimeoutMs(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      long ms = settings.renderTimeoutMs();
      throw new RenderException("render timed out after " + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms"), false);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RenderException re) throw re;
      log.error("render {} crashed in the engine", job.renderId(), e.getCause());
      throw new RenderException("the document could not be rendered (internal engine error)", false, e.getCause());
    }
  }

  /**
   * Where a render's PDF is stored. The key carries the download token and ends with the file name, so a public
   * bucket can serve it directly at an unguessable, permanent address.
   */
  public static String blobKey(RenderJob job) {
    return "renders/" + job.projectId() + "/" + job.renderId() + "/" + job.downloadToken() + "/" + job.filename();
  }

  /** Reads the normalised pageConfig stored with a template version. */
  static PageSetup pageSetup(JsonNode pc) {
    PageSetup d = PageSetup.DEFAULT;
    JsonNode m = pc.path("margin");
    return new PageSetup(pc.path("format").asString(d.format()),
        "landscape".equals(pc.path("orientation").asString("portrait")),
        m.path("top").asString(d.marginTop()), m.path("right").asString(d.marginRight()),
        m.path("bottom").asString(d.marginBottom()), m.path("left").asString(d.marginLeft()),
        pc.path("printBackground").asBoolean(d.printBackground()), pc.path("pdfa").asBoolean(d.pdfa()));
  }

  private void heartbeat() {
    for (RenderJob job : inFlight.values()) {
      try {
        if (!queue.heartbeat(job, now(), settings.leaseMs())) {
          log.warn("render {} lost its lease; its result will be discarded", job.renderId());
        }
      } catch (RuntimeException e) {
        log.warn("lease heartbeat failed: {}", e.toString());
      }
    }
  }

  private static long now() { return System.currentTimeMillis(); }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops claiming, lets in-flight renders finish within {@code graceMs}, then puts any still running back in the
   * queue (the fencing token makes their late results harmless).
   */
  public void stop(long graceMs) {
    running = false;
    wake();
    long deadline = System.currentTimeMillis() + graceMs;
    for (Thread t : loops) {
      try {
        t.join(Math.max(1, deadline - System.currentTimeMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    heartbeats.shutdownNow();
    // Whatever did not finish in time goes back to the queue now rather than waiting for its lease to expire.
    for (RenderJob job : inFlight.values()) {
      try {
        queue.retryLater(job, now(), "worker shut down");
      } catch (RuntimeException e) {
        log.warn("could not release render {} on shutdown: {}", job.renderId(), e.toString());
      }
    }
    renderThreads.shutdownNow();
  }

  @Override
  public void close() {
    stop(10_000);
  }
}
