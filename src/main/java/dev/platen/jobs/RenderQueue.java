package dev.platen.jobs;

import java.util.Optional;

/**
 * The durable queue of renders, kept in the database next to the render records. Every method is a single
 * atomic statement; the {@code job} arguments identify a claim by render id and fencing token.
 */
public interface RenderQueue {

  /**
   * Takes the oldest due render: a queued one whose {@code run_at} has come, or a rendering one whose lease
   * expired (its worker died). Marks it rendering under a new lease.
   */
  Optional<RenderJob> claim(String workerId, long now, long leaseMs);

  /** Extends the lease; false when the claim was lost (another worker holds a newer token). */
  boolean heartbeat(RenderJob job, long now, long leaseMs);

  /** rendering → succeeded, with the stored PDF's key. False when the claim was lost. */
  boolean succeed(RenderJob job, String blobKey, long now);

  /** rendering → queued, to be claimed again at {@code runAt}. False when the claim was lost. */
  boolean retryLater(RenderJob job, long runAt, String reason);

  /** rendering → failed, with the message the user sees. False when the claim was lost. */
  boolean fail(RenderJob job, String errorMessage, long now);
}
