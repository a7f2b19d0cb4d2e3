package dev.platen.jobs;

import dev.platen.metrics.RenderMetrics;
import java.util.Map;
import java.util.Optional;

/**
 * Counts what a {@link RenderQueue} did once it did it: each method of the queue is one transaction, so when it
 * returns its change has committed, and a fenced write that lost (false) is not counted. The API and the workers
 * both use the queue through this, so every outcome is counted in the process that caused it, wherever the call
 * comes from.
 */
public final class MeteredRenderQueue implements RenderQueue {
  private final RenderQueue queue;
  private final RenderMetrics metrics;

  public MeteredRenderQueue(RenderQueue queue, RenderMetrics metrics) {
    this.queue = queue;
    this.metrics = metrics;
  }

  @Override
  public Optional<RenderRecord> insert(NewRender render, long now) {
    Optional<RenderRecord> r = queue.insert(render, now);
    if (r.isPresent()) metrics.accepted(render.projectId(), render.templateId());
    return r;
  }

  @Override
  public Optional<RenderRecord> findByIdempotencyKey(String projectId, String key) {
    return queue.findByIdempotencyKey(projectId, key);
  }

  @Override
  public Optional<RenderRecord> find(String projectId, String id) {
    return queue.find(projectId, id);
  }

  @Override
  public Optional<RenderRecord> findByDownloadToken(String id, String token) {
    return queue.findByDownloadToken(id, token);
  }

  @Override
  public long pendingCount() {
    return queue.pendingCount();
  }

  @Override
  public long pendingCount(String projectId) {
    return queue.pendingCount(projectId);
  }

  @Override
  public Map<RenderStatus, Long> pendingByStatus() {
    return queue.pendingByStatus();
  }

  @Override
  public Optional<Cancelled> cancel(String projectId, String id, long now) {
    Optional<Cancelled> c = queue.cancel(projectId, id, now);
    c.filter(Cancelled::changed).ifPresent(x -> metrics.cancelled(projectId, x.render().templateId()));
    return c;
  }

  @Override
  public Optional<RenderJob> claim(String workerId, long now, long leaseMs) {
    Optional<RenderJob> job = queue.claim(workerId, now, leaseMs);
    if (job.isPresent() && job.get().takenOver()) metrics.takenOver();
    return job;
  }

  @Override
  public boolean heartbeat(RenderJob job, long now, long leaseMs) {
    return queue.heartbeat(job, now, leaseMs);
  }

  @Override
  public boolean succeed(RenderJob job, Stored pdf, long now) {
    boolean ok = queue.succeed(job, pdf, now);
    if (ok) metrics.succeeded(job.projectId(), job.templateId());
    return ok;
  }

  @Override
  public Handoff succeedAndClaim(RenderJob job, Stored pdf, long now, String workerId, long leaseMs) {
    Handoff h = queue.succeedAndClaim(job, pdf, now, workerId, leaseMs);
    if (h.succeeded()) metrics.succeeded(job.projectId(), job.templateId());
    if (h.next().isPresent() && h.next().get().takenOver()) metrics.takenOver();
    return h;
  }

  @Override
  public boolean retryLater(RenderJob job, long runAt, String reason, long now) {
    boolean ok = queue.retryLater(job, runAt, reason, now);
    if (ok) metrics.retried();
    return ok;
  }

  @Override
  public boolean fail(RenderJob job, String errorMessage, long now) {
    boolean ok = queue.fail(job, errorMessage, now);
    if (ok) metrics.failed(job.projectId(), job.templateId());
    return ok;
  }
}
