package dev.platen.jobs;

import dev.platen.blob.BlobStore;
import dev.platen.jobs.VersionCache.PreparedVersion;
import dev.platen.metrics.RenderMetrics;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

/**
 * One step of rendering, callable on its own: claim a due render, produce it — render → store the PDF → mark
 * succeeded, in that order, so a succeeded render always has its file — or record why not. {@link WorkerPool}
 * calls it in loops; tests call {@link #runOnce} with a settable clock.
 */
public final class Worker {
  private static final Logger log = LoggerFactory.getLogger(Worker.class);

  public record Settings(long leaseMs, long renderTimeoutMs, String workerId, RetryPolicy retry) {}

  private final RenderQueue queue;
  private final VersionCache versions;
  private final BlobStore blobs;
  private final JsonMapper json;
  private final InstantSource clock;
  private final Settings settings;
  private final RenderThreads renderThreads;
  private final RenderMetrics metrics;
  private final Map<String, RenderJob> inFlight = new ConcurrentHashMap<>();
  /** The renders being drawn, by id: where {@link #stop} finds the thread to interrupt. */
  private final Map<String, Drawing> drawing = new ConcurrentHashMap<>();

  /** One render being drawn; its monitor orders an interrupt against the render thread moving on to other work. */
  private static final class Drawing {
    private Thread thread;
    private boolean stopped;

    synchronized boolean stopped() { return stopped; }

    synchronized void stop() {
      stopped = true;
      if (thread != null) thread.interrupt();
    }

    /** False when the render was stopped before its thread took it up. */
    synchronized boolean begin() {
      if (stopped) return false;
      thread = Thread.currentThread();
      return true;
    }

    /** After this, {@link #stop} no longer reaches the thread, and an interrupt it sent is not carried on. */
    synchronized void end() {
      thread = null;
      Thread.interrupted();
    }
  }

  /**
   * @param versions also the engine: each version comes prepared for it
   * @param renderThreads where the engine runs, so a render can be abandoned when it overruns its timeout
   * @param metrics where engine time, queue wait and renders in flight are recorded (outcomes are counted by the
   *     queue, see {@link MeteredRenderQueue})
   */
  public Worker(RenderQueue queue, VersionCache versions, BlobStore blobs, JsonMapper json, InstantSource clock,
      Settings settings, RenderThreads renderThreads, RenderMetrics metrics) {
    this.queue = queue;
    this.versions = versions;
    this.blobs = blobs;
    this.json = json;
    this.clock = clock;
    this.settings = settings;
    this.renderThreads = renderThreads;
    this.metrics = metrics;
    metrics.inFlight(inFlight::size);
  }

  /**
   * Whether a render that succeeds may claim the next one in the same commit ({@link RenderQueue#succeedAndClaim});
   * a {@link WorkerPool} allows it while it is running. Off by default: {@link #process} of a job handed in by a test
   * then claims nothing behind its back.
   */
  private volatile java.util.function.BooleanSupplier claimNext = () -> false;

  /** Lets {@link #runOnce} take the next render in the commit that records the last one's success, while asked. */
  public void claimNextWhile(java.util.function.BooleanSupplier mayClaim) {
    this.claimNext = mayClaim;
  }

  /**
   * Claims one due render and produces it, then, while renders succeed and {@link #claimNextWhile} allows, the
   * ones claimed with each success; false when nothing was due.
   */
  public boolean runOnce() {
    Optional<RenderJob> job = queue.claim(settings.workerId(), clock.millis(), settings.leaseMs());
    if (job.isEmpty()) return false;
    while (job.isPresent()) job = process(job.get(), true);
    return true;
  }

  /**
   * Produces one claimed render and records its outcome (or, if the claim was lost meanwhile, nothing). Every line
   * logged meanwhile, on this thread or the render thread, carries the render's id, project, template and attempt.
   */
  public void process(RenderJob job) {
    process(job, false);
  }

  /** @return the render claimed along with this one's success, if {@code chain} allowed one */
  private Optional<RenderJob> process(RenderJob job, boolean chain) {
    putLogContext(job);
    try {
      return produce(job, chain);
    } finally {
      clearLogContext();
    }
  }

  private Optional<RenderJob> produce(RenderJob job, boolean chain) {
    if (job.attempts() > settings.retry().maxAttempts()) {
      String failure = "render was interrupted " + (job.attempts() - 1) + " times and was given up";
      if (queue.fail(job, failure, clock.millis())) log.info("render {} failed: {}", job.renderId(), failure);
      return Optional.empty();
    }
    inFlight.put(job.renderId(), job);
    Drawing attempt = new Drawing();
    drawing.put(job.renderId(), attempt);
    // From acceptance to the first claim; a retry's wait is mostly its deliberate backoff.
    long queueWait = job.attempts() == 1 ? clock.millis() - job.createdAt() : -1;
    String engine = "none";
    String failure;
    boolean retryable;
    try {
      EngineProbe.Drawn drawn = renderWithTimeout(job, attempt);
      if (attempt.stopped()) {
        dropStopped(job);
        return Optional.empty();
      }
      engine = drawn.engine();
      metrics.engineTime(engine, drawn.nanos());
      byte[] pdf = drawn.pdf();
      String key = blobKey(job);
      try {
        RenderQueue.Stored stored = new RenderQueue.Stored(key, engine, drawn.reason());
        RenderQueue.Handoff h = blobs.put(key, pdf, () -> {
          // Out of the heartbeat's sight before the terminal write, so a finished render is never reported as a
          // lost lease; the write itself is one fenced statement.
          inFlight.remove(job.renderId());
          if (chain && claimNext.getAsBoolean()) {
            return queue.succeedAndClaim(job, stored, clock.millis(), settings.workerId(), settings.leaseMs());
          }
          return new RenderQueue.Handoff(queue.succeed(job, stored, clock.millis()), Optional.empty());
        });
        boolean ok = h.succeeded();
        Optional<RenderJob> next = h.next();
        if (ok) {
          log.info("render {} succeeded: {} bytes drawn by the {} engine in {} ms", job.renderId(), pdf.length,
              engine, drawn.nanos() / 1_000_000);
        } else {
          log.info("render {} was drawn after its claim ended (cancelled or taken over); the result is dropped",
              job.renderId());
        }
        return next;
      } catch (Exception e) {
        failure = "the PDF could not be stored: " + e.getMessage();
        retryable = true;
      }
    } catch (RenderException e) {
      if (attempt.stopped()) {
        dropStopped(job);
        return Optional.empty();
      }
      failure = e.getMessage();
      retryable = e.retryable();
    } finally {
      drawing.remove(job.renderId());
      inFlight.remove(job.renderId());
      if (queueWait >= 0) metrics.queueWait(engine, queueWait);
    }
    if (retryable) {
      transientFailure(job, failure);
    } else if (queue.fail(job, failure, clock.millis())) {
      log.info("render {} failed: {}", job.renderId(), failure);
    }
    return Optional.empty();
  }

  /**
   * {@code renderId} reached a terminal status through someone else (cancelled, or finished by a worker that took
   * it over): if this worker is drawing it, its render thread is interrupted and its result will be neither stored
   * nor written back. Engines may not notice the interrupt; the render then runs to its end or its timeout as
   * before, but its PDF is dropped. The claim loop keeps waiting for it rather than standing in a new thread, so
   * cancels cannot grow the pool.
   */
  public void stop(String renderId) {
    Drawing d = drawing.get(renderId);
    if (d != null) d.stop();
  }

  private static void dropStopped(RenderJob job) {
    log.info("render {} ended elsewhere while it was drawn (cancelled); its render thread was interrupted and its "
        + "result is dropped", job.renderId());
  }

  /** Renders being produced right now. */
  public Collection<RenderJob> inFlight() { return inFlight.values(); }

  public long leaseMs() { return settings.leaseMs(); }

  /** Extends the lease of every render in flight; a render whose claim was lost meanwhile is logged. */
  public void heartbeat() {
    for (RenderJob job : inFlight.values()) {
      putLogContext(job);
      try {
        // The render may have finished between reading the set and this write: only one still in flight lost it.
        if (!queue.heartbeat(job, clock.millis(), settings.leaseMs()) && inFlight.get(job.renderId()) == job) {
          log.warn("render {} lost its lease; its result will be discarded", job.renderId());
        }
      } catch (RuntimeException e) {
        log.warn("lease heartbeat failed: {}", e.toString());
      } finally {
        clearLogContext();
      }
    }
  }

  /** Gives every render still in flight back to the queue, to be claimed again at once. */
  public void releaseInFlight(String reason) {
    for (RenderJob job : inFlight.values()) {
      putLogContext(job);
      try {
        long now = clock.millis();
        queue.retryLater(job, now, reason, now);
      } catch (RuntimeException e) {
        log.warn("could not release render {}: {}", job.renderId(), e.toString());
      } finally {
        clearLogContext();
      }
    }
  }

  private void transientFailure(RenderJob job, String reason) {
    long now = clock.millis();
    if (settings.retry().mayRetry(job.attempts())) {
      log.info("render {} attempt {} failed, will retry: {}", job.renderId(), job.attempts(), reason);
      queue.retryLater(job, now + settings.retry().delayMs(job.attempts()), reason, now);
    } else {
      queue.fail(job, reason + " (gave up after " + job.attempts() + " attempts)", now);
    }
  }

  private static final String[] LOG_CONTEXT = {"renderId", "projectId", "templateId", "attempt"};

  private static void putLogContext(RenderJob job) {
    MDC.put("renderId", job.renderId());
    MDC.put("projectId", job.projectId());
    if (job.templateId() != null) MDC.put("templateId", job.templateId());
    MDC.put("attempt", Integer.toString(job.attempts()));
  }

  private static void clearLogContext() {
    for (String k : LOG_CONTEXT) MDC.remove(k);
  }

  private EngineProbe.Drawn renderWithTimeout(RenderJob job, Drawing drawing) throws RenderException {
    PreparedVersion v = versions.get(job.templateVersionId());
    RenderInput input;
    try {
      input = new RenderInput(v.layout(), json.readTree(job.data()), v.page(), v.name(), v.publishedAt(),
          job.watermark());
    } catch (RuntimeException e) {
      throw new RenderException("the stored render data could not be read", false, e);
    }
    try {
      return renderThreads.call(() -> {
        if (!drawing.begin()) throw new RenderException("the render was cancelled before it started", false);
        // the render thread logs for this render too (image fetches, engine warnings); set from the job, as copying
        // the claim thread's map cost a map copy on each side per render
        putLogContext(job);
        try {
          return EngineProbe.draw(() -> v.engine().render(input));
        } finally {
          drawing.end();
          clearLogContext();
        }
      }, settings.renderTimeoutMs());
    } catch (RenderThreads.NotStarted e) {
      throw new RenderException("no render thread was free in this worker; the render is given to another", true);
    } catch (TimeoutException e) {
      long ms = settings.renderTimeoutMs();
      throw new RenderException("render timed out after " + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms"), false);
    } catch (InterruptedException e) {
      // Shutdown interrupted the wait: give the render back rather than fail it.
      Thread.currentThread().interrupt();
      throw new RenderException("worker shut down", true);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RenderException re) throw re;
      // whatever an interrupted engine threw is not a crash
      if (drawing.stopped()) throw new RenderException("the render was cancelled while it was drawn", false);
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
}
