package dev.platen.jobs;

import java.util.Optional;

/**
 * The durable queue of renders and their records. Every method is one atomic step; status changes are guarded by
 * {@link RenderStatus#sourcesOf}, and the {@code job} arguments identify a claim by render id and fencing token.
 * Implementations: {@code store.RenderStore} (SQLite and PostgreSQL) and an in-memory one in the tests, all held
 * to one contract.
 */
public interface RenderQueue {

  // ---- accepting and reading (the API side) ----

  /**
   * Queues a render. With an idempotency key already used in the project, nothing is written and the answer is
   * empty: the caller reads the existing render with {@link #findByIdempotencyKey}.
   */
  Optional<RenderRecord> insert(NewRender render, long now);

  Optional<RenderRecord> findByIdempotencyKey(String projectId, String key);

  /** A render of this project; another project's id is simply not found. */
  Optional<RenderRecord> find(String projectId, String id);

  /** The public download: the token is the secret. */
  Optional<RenderRecord> findByDownloadToken(String id, String token);

  /** Renders not yet finished, for backpressure. */
  long pendingCount();

  /** Renders of one project not yet finished, for its share of the queue. */
  long pendingCount(String projectId);

  /** Renders not yet finished, by status (only unfinished statuses appear), for monitoring. */
  java.util.Map<RenderStatus, Long> pendingByStatus();

  /**
   * Cancels a queued or rendering render (a rendering one's worker loses its claim: its late result is
   * discarded by the fencing token). Empty when the project has no such render.
   */
  Optional<Cancelled> cancel(String projectId, String id, long now);

  /** @param changed false when the render was already terminal; {@code render} is then unchanged */
  record Cancelled(RenderRecord render, boolean changed) {}

  // ---- working (the worker side) ----

  /**
   * Takes a due render — a queued one whose run time has come, or a rendering one whose lease expired (its worker
   * died) — and marks it rendering under a new lease. Projects take turns: the render comes from the project with
   * due work that was served longest ago, and is that project's oldest, so a project with thousands queued delays
   * another's single render by about one render per busy project, not by its whole backlog.
   */
  Optional<RenderJob> claim(String workerId, long now, long leaseMs);

  /** Extends the lease; false when the claim was lost (another worker holds a newer token, or it was cancelled). */
  boolean heartbeat(RenderJob job, long now, long leaseMs);

  /** rendering → succeeded, with the stored PDF's key and what drew it. False when the claim was lost. */
  boolean succeed(RenderJob job, Stored pdf, long now);

  /** {@link #succeed(RenderJob, Stored, long)} of a PDF whose engine is not known (tests of the queue alone). */
  default boolean succeed(RenderJob job, String blobKey, long now) {
    return succeed(job, new Stored(blobKey, null, null), now);
  }

  /**
   * {@link #succeed}, then {@link #claim} for {@code workerId}, in one transaction where the implementation can: a
   * worker that finished a render takes its next one in the same commit.
   */
  default Handoff succeedAndClaim(RenderJob job, Stored pdf, long now, String workerId, long leaseMs) {
    boolean ok = succeed(job, pdf, now);
    return new Handoff(ok, claim(workerId, now, leaseMs));
  }

  /** {@link #succeedAndClaim(RenderJob, Stored, long, String, long)} of a PDF whose engine is not known. */
  default Handoff succeedAndClaim(RenderJob job, String blobKey, long now, String workerId, long leaseMs) {
    return succeedAndClaim(job, new Stored(blobKey, null, null), now, workerId, leaseMs);
  }

  /**
   * A render's stored PDF.
   *
   * @param blobKey where it is stored
   * @param engine which engine drew it, see {@link RenderRecord#engine()}
   * @param engineReason see {@link RenderRecord#engineReason()}
   */
  record Stored(String blobKey, String engine, String engineReason) {}

  /** @param succeeded what {@link #succeed} answered; @param next what {@link #claim} did */
  record Handoff(boolean succeeded, Optional<RenderJob> next) {}

  /** rendering → queued, to be claimed again at {@code runAt}. False when the claim was lost. */
  boolean retryLater(RenderJob job, long runAt, String reason, long now);

  /** rendering → failed, with the message the user sees. False when the claim was lost. */
  boolean fail(RenderJob job, String errorMessage, long now);
}
