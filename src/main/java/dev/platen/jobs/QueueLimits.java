package dev.platen.jobs;

import dev.platen.errors.PlatenException;

/**
 * How many unfinished renders the queue takes, in all and per project: every way in (the API's render routes, the
 * inbound hook, the dashboard's "render again") asks here before it inserts.
 */
public record QueueLimits(int maxDepth, int maxPerProject) {

  /** Refuses with 503 {@code queue_unavailable} when the queue, or {@code projectId}'s share of it, is full. */
  public void admit(RenderQueue queue, String projectId) {
    long pending = queue.pendingCount();
    if (pending >= maxDepth) {
      throw new PlatenException(503, "queue_unavailable", "The render queue is full; retry shortly.");
    }
    // A project over its share waits for its own renders to drain; other projects keep being accepted. Its own
    // count is only needed once the whole queue could hold that many.
    if (pending >= maxPerProject && queue.pendingCount(projectId) >= maxPerProject) {
      throw new PlatenException(503, "queue_unavailable", "This project has " + maxPerProject
          + " renders waiting, its share of the queue; retry shortly.");
    }
  }
}
