package dev.platen.jobs;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixed pool of platform threads renders run on, one per configured render thread, which gives back a
 * thread's capacity when a render overruns its timeout. openhtmltopdf, PDFBox, Batik and {@code BigInteger} never
 * check for interruption, so a timed-out render may keep its thread busy for minutes: rather than lose that thread,
 * the pool grows by one for as long as the abandoned render still runs, and shrinks back when it ends. Limits before
 * the work (numbers, pages, image pixels, template expansion) keep such renders rare; {@link #abandoned} counts
 * them, and past {@code maxAbandoned} the pool stops growing, so a flood of them cannot create threads without
 * bound, and {@code onExhausted} runs once: Java can no longer stop a thread, so the only way to get that CPU and
 * memory back is a new process, and the owner restarts this one.
 */
public final class RenderThreads extends ThreadPoolExecutor {
  private static final Logger log = LoggerFactory.getLogger(RenderThreads.class);
  private static final int QUEUED = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  private static final int ABANDONED = 3;

  private final int threads;
  private final int maxAbandoned;
  private final Runnable onExhausted;
  private int abandoned;
  private boolean exhausted;

  /** @param onExhausted runs once, the first time more than {@code maxAbandoned} renders are abandoned at once */
  public RenderThreads(int threads, int maxAbandoned, Runnable onExhausted) {
    super(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        Thread.ofPlatform().name("render-", 0).daemon(true).factory());
    this.threads = threads;
    this.maxAbandoned = maxAbandoned;
    this.onExhausted = onExhausted;
  }

  /**
   * Runs {@code task} on a render thread and waits at most {@code timeoutMs}; on timeout the task is interrupted
   * and, if it goes on running regardless, its thread is replaced until it ends.
   */
  public <T> T call(Callable<T> task, long timeoutMs) throws TimeoutException, ExecutionException,
      InterruptedException {
    AtomicInteger state = new AtomicInteger(QUEUED);
    Future<T> f = submit(() -> {
      if (!state.compareAndSet(QUEUED, RUNNING)) return null; // timed out before it started
      try {
        return task.call();
      } finally {
        if (!state.compareAndSet(RUNNING, DONE)) release();
      }
    });
    try {
      return f.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | InterruptedException e) {
      f.cancel(true);
      if (state.compareAndSet(QUEUED, DONE)) {
        if (e instanceof TimeoutException) throw new NotStarted();
      } else if (state.compareAndSet(RUNNING, ABANDONED)) {
        replace();
      }
      throw e;
    }
  }

  /**
   * The timeout passed before a thread was free to start the task: only when every thread, stand-ins included, is
   * held by abandoned renders. Not the task's fault, so it may run again elsewhere.
   */
  public static final class NotStarted extends TimeoutException {
    NotStarted() {
      super("no render thread was free");
    }
  }

  /** The configured number of render threads, not counting stand-ins. */
  public int threads() { return threads; }

  /** Timed-out renders whose threads are still running. */
  public synchronized int abandoned() { return abandoned; }

  /** True once more than {@code maxAbandoned} renders were abandoned at the same time; it stays true. */
  public synchronized boolean exhausted() { return exhausted; }

  private void replace() {
    boolean first;
    synchronized (this) {
      abandoned++;
      if (abandoned <= maxAbandoned) {
        log.warn("a timed-out render is still running; its thread is replaced until it ends ({} such renders)",
            abandoned);
        resize();
        return;
      }
      first = !exhausted;
      exhausted = true;
    }
    if (first) {
      log.error("{} timed-out renders are still running on their threads, more than the {} this process stands "
          + "new threads in for", maxAbandoned + 1, maxAbandoned);
      onExhausted.run();
    }
  }

  private synchronized void release() {
    abandoned--;
    resize();
  }

  private void resize() {
    int size = threads + Math.min(abandoned, maxAbandoned);
    // grow the maximum first and shrink it last: the core size may never exceed it
    if (size > getMaximumPoolSize()) {
      setMaximumPoolSize(size);
      setCorePoolSize(size);
    } else {
      setCorePoolSize(size);
      setMaximumPoolSize(size);
    }
  }
}
