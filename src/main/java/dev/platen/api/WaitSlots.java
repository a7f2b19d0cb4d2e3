package dev.platen.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many {@code ?waitMs=} requests may be parked at once, per project and in all. A waiter is cheap (a parked
 * virtual thread, docs/decisions.md D22) but not free: it holds a connection and a watch, so one project opening
 * thousands of them must not take the capacity of the others. A request over either bound is answered at once with
 * the record as it is, exactly as if its wait had run out: a client written for waits already polls again then.
 */
final class WaitSlots {
  /** The most waits per project whatever the queue allows: what D22 measured (2,000 held, one platform thread). */
  static final int PER_PROJECT_CEILING = 2_000;
  static final int TOTAL_CEILING = 10_000;

  private final int perProject;
  private final int total;
  private final AtomicInteger all = new AtomicInteger();
  /** Waiters per project; a project with none has no entry, so the map does not grow with every project that waited. */
  private final ConcurrentHashMap<String, Integer> byProject = new ConcurrentHashMap<>();

  /**
   * Bounds that follow the queue's: a wait is for an unfinished render, and a project has at most its queue bound
   * of those, so more waits than that would be several per render.
   */
  static WaitSlots forQueue(int maxQueueDepth, int maxQueueDepthPerProject) {
    return new WaitSlots(Math.min(maxQueueDepthPerProject, PER_PROJECT_CEILING), Math.min(maxQueueDepth,
        TOTAL_CEILING));
  }

  WaitSlots(int perProject, int total) {
    this.perProject = perProject;
    this.total = total;
  }

  /** Takes a slot for a waiter of this project; false when either bound is reached (then nothing is taken). */
  boolean enter(String projectId) {
    if (all.incrementAndGet() > total) {
      all.decrementAndGet();
      return false;
    }
    boolean[] taken = {false};
    byProject.compute(projectId, (k, n) -> {
      int now = n == null ? 0 : n;
      if (now >= perProject) return n;
      taken[0] = true;
      return now + 1;
    });
    if (!taken[0]) all.decrementAndGet();
    return taken[0];
  }

  void exit(String projectId) {
    byProject.computeIfPresent(projectId, (k, n) -> n == 1 ? null : n - 1);
    all.decrementAndGet();
  }
}
