package dev.platen.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Worker} continuously: one claim loop per render thread, a lease heartbeat, and an orderly stop.
 * Rendering is CPU-bound and runs on a fixed pool of platform threads, one per configured render thread (the
 * engine keeps parsed fonts per thread); the claim loops are virtual threads that wait on it.
 */
public final class WorkerPool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
  private static final long IDLE_POLL_MS = 250;

  private final Worker worker;
  private final RenderThreads renderThreads;
  private final List<Thread> loops = new ArrayList<>();
  private final ScheduledExecutorService heartbeats;
  private final Object signal = new Object();
  private volatile boolean running;

  /**
   * The render threads the worker's engine runs on; create them before the {@link Worker} that uses them. Up to four
   * times as many threads may stand in for timed-out renders that keep running; one more and {@code onExhausted}
   * runs (the process restarts).
   */
  public static RenderThreads renderThreads(int threads, Runnable onExhausted) {
    return new RenderThreads(threads, 4 * threads, onExhausted);
  }

  /** @param renderThreads the threads {@code worker} renders on: one claim loop runs per thread */
  public WorkerPool(Worker worker, RenderThreads renderThreads) {
    this.worker = worker;
    this.renderThreads = renderThreads;
    this.heartbeats = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("lease-heartbeat").daemon(true).factory());
  }

  public void start() {
    running = true;
    // a loop whose render succeeded takes its next one in the same commit, until the pool stops claiming
    worker.claimNextWhile(() -> running);
    for (int i = 0; i < renderThreads.threads(); i++) {
      loops.add(Thread.ofVirtual().name("claim-" + i).start(this::loop));
    }
    long every = Math.max(100, worker.leaseMs() / 3);
    heartbeats.scheduleWithFixedDelay(worker::heartbeat, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs {@code task} on every render thread before they take work, so per-thread state (parsed fonts) is ready and
   * the JIT has compiled the layout path, and returns when every thread is done: the process listens, and so
   * answers {@code /ready}, only once a render runs at speed. Each thread repeats the task until a round is fast
   * ({@link #WARM_ROUND_MS}: what a compiled engine takes, so a JVM warmed by an earlier start stops after one), or
   * it stops getting faster (a round less than 20% quicker than the best before it), or for at most
   * {@link #WARM_UP_MAX_MS}: every process start, and every test server, waits for it.
   */
  public void warmUp(Runnable task) {
    int threads = renderThreads.threads();
    CountDownLatch allStarted = new CountDownLatch(threads);
    CountDownLatch allDone = new CountDownLatch(threads);
    long started = System.nanoTime();
    int[] rounds = new int[threads];
    for (int i = 0; i < threads; i++) {
      int thread = i;
      renderThreads.submit(() -> {
        // holding each thread until all have started guarantees one warm-up per distinct thread
        allStarted.countDown();
        try {
          allStarted.await();
          long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WARM_UP_MAX_MS);
          long best = Long.MAX_VALUE;
          for (int round = 1; ; round++) {
            long t0 = System.nanoTime();
            task.run();
            long took = System.nanoTime() - t0;
            rounds[thread] = round;
            boolean plateau = round >= 2 && took * 5 >= best * 4;
            best = Math.min(best, took);
            if (took < TimeUnit.MILLISECONDS.toNanos(WARM_ROUND_MS) || plateau || System.nanoTime() > until) break;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
          log.warn("engine warm-up failed: {}", e.toString());
        } finally {
          allDone.countDown();
        }
      });
    }
    try {
      if (!allDone.await(WARM_UP_MAX_MS + 30_000, TimeUnit.MILLISECONDS)) {
        log.warn("engine warm-up did not finish; taking work anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("engine warm-up: {} ms, {} rounds per render thread", (System.nanoTime() - started) / 1_000_000,
        java.util.Arrays.toString(rounds));
  }

  /** The longest a render thread spends warming up at start-up (plus the round under way). */
  static final long WARM_UP_MAX_MS = 3_000;
  /**
   * A warm-up round this quick means the engines are compiled: about three times a warm round's time on this
   * 2-core machine (one direct and two openhtmltopdf renders of the two-page warm-up document), a tenth of a cold
   * one's.
   */
  static final long WARM_ROUND_MS = 300;

  /** Wakes idle claim loops: a render was just queued in this process. */
  public void wake() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  private void loop() {
    while (running) {
      try {
        if (!worker.runOnce()) {
          synchronized (signal) {
            if (running) signal.wait(IDLE_POLL_MS);
          }
        }
      } catch (InterruptedException e) {
        if (!running) return;
      } catch (Throwable e) {
        // The database may be briefly away, or a template drove the engine into an Error: a dead loop would
        // silently stop rendering, so log it and keep going.
        log.warn("render loop error, retrying shortly: {}", e.toString());
        sleepQuietly(1_000);
      }
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops taking new renders; those in flight go on. */
  public void stopClaiming() {
    running = false;
    wake();
  }

  /**
   * Stops claiming, lets in-flight renders finish within {@code graceMs}, then puts any still running back in the
   * queue (the fencing token makes their late results harmless).
   */
  public void stop(long graceMs) {
    running = false;
    wake();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMs);
    for (Thread t : loops) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    heartbeats.shutdownNow();
    // Whatever did not finish in time goes back to the queue now rather than waiting for its lease to expire.
    worker.releaseInFlight("worker shut down");
    renderThreads.shutdownNow();
  }

  @Override
  public void close() {
    stop(10_000);
  }
}
