package dev.platen.jobs;

import dev.platen.errors.PlatenException;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last steps of every way a render comes in (the API's render routes, the inbound hook, the dashboard's
 * "render this version" and "render again"): the queue limits, the insert, and waking a worker. One place, so a
 * database that cannot take the insert is a logged 503 {@code queue_unavailable} everywhere, never a 500.
 */
public record RenderAdmission(RenderQueue queue, QueueLimits limits, Runnable onQueued, InstantSource clock) {
  private static final Logger log = LoggerFactory.getLogger(RenderAdmission.class);

  /**
   * Queues {@code r} if the limits allow it.
   *
   * @return the queued render, or empty when another render already holds {@code r}'s idempotency key
   */
  public Optional<RenderRecord> admit(NewRender r) {
    limits.admit(queue, r.projectId());
    Optional<RenderRecord> inserted;
    try {
      inserted = queue.insert(r, clock.millis());
    } catch (RuntimeException e) {
      log.warn("render could not be queued: {}", e.toString());
      throw new PlatenException(503, "queue_unavailable", "The render queue is unavailable; retry shortly.");
    }
    if (inserted.isPresent()) onQueued.run();
    return inserted;
  }
}
