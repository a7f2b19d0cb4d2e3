package dev.platen.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The render queue in memory, held to the same {@link RenderQueueContract} as the databases: for tests of the API and
 * the worker that need a queue but not a database. One lock; every status write is guarded by the transition table
 * and, like a database transaction, commits together with what the listener appended, or not at all.
 */
public final class InMemoryRenderQueue implements RenderQueue {
  /** A row: the record plus the queue columns the record does not show. */
  private record Row(RenderRecord record, String data, boolean watermark, String idempotencyKey, long runAt,
      Long leaseUntil, long leaseToken) {
    Row with(RenderRecord r, long runAt, Long leaseUntil, long leaseToken) {
      return new Row(r, data, watermark, idempotencyKey, runAt, leaseUntil, leaseToken);
    }
  }

  /** One entry of the attempt log. */
  public record Attempt(String renderId, int attempt, String worker, String outcome) {}

  public record OutboxMessage(String topic, String projectId, String renderId, String payload) {}

  private final TransitionListener listener;
  private final Map<String, Row> rows = new LinkedHashMap<>();
  private final Map<String, String> byKey = new HashMap<>();
  private final List<Attempt> attempts = new ArrayList<>();
  private final List<OutboxMessage> outbox = new ArrayList<>();
  /** When each project was last served by a claim; projects take turns, as in the database. */
  private final Map<String, Long> lastClaimed = new HashMap<>();

  public InMemoryRenderQueue() {
    this(TransitionListener.NONE);
  }

  public InMemoryRenderQueue(TransitionListener listener) {
    this.listener = listener;
  }

  @Override
  public synchronized Optional<RenderRecord> insert(NewRender r, long now) {
    String k = r.idempotencyKey() == null ? null : r.projectId() + "\n" + r.idempotencyKey();
    if (k != null && byKey.containsKey(k)) return Optional.empty();
    RenderRecord rec = new RenderRecord(r.id(), r.projectId(), r.templateId(), r.templateVersionId(),
        RenderStatus.QUEUED, r.filename(), r.downloadToken(), null, null, now, null, null, 0, null, null);
    rows.put(r.id(), new Row(rec, r.data(), r.watermark(), r.idempotencyKey(), now, null, 0));
    if (k != null) byKey.put(k, r.id());
    return Optional.of(rec);
  }

  @Override
  public synchronized Optional<RenderRecord> findByIdempotencyKey(String projectId, String key) {
    return Optional.ofNullable(byKey.get(projectId + "\n" + key)).map(id -> rows.get(id).record());
  }

  @Override
  public synchronized Optional<RenderRecord> find(String projectId, String id) {
    return Optional.ofNullable(rows.get(id)).map(Row::record).filter(r -> r.projectId().equals(projectId));
  }

  @Override
  public synchronized Optional<RenderRecord> findByDownloadToken(String id, String token) {
    return Optional.ofNullable(rows.get(id)).map(Row::record).filter(r -> r.downloadToken().equals(token));
  }

  @Override
  public synchronized long pendingCount() {
    return rows.values().stream().filter(r -> !r.record().status().terminal()).count();
  }

  @Override
  public synchronized long pendingCount(String projectId) {
    return rows.values().stream()
        .filter(r -> r.record().projectId().equals(projectId) && !r.record().status().terminal()).count();
  }

  @Override
  public synchronized Map<RenderStatus, Long> pendingByStatus() {
    Map<RenderStatus, Long> counts = new java.util.EnumMap<>(RenderStatus.class);
    for (Row r : rows.values()) {
      if (!r.record().status().terminal()) counts.merge(r.record().status(), 1L, Long::sum);
    }
    return counts;
  }

  @Override
  public synchronized Optional<Cancelled> cancel(String projectId, String id, long now) {
    Optional<RenderRecord> found = find(projectId, id);
    if (found.isEmpty()) return Optional.empty();
    Row row = rows.get(id);
    RenderRecord r = row.record();
    if (!r.status().canMoveTo(RenderStatus.CANCELLED)) return Optional.of(new Cancelled(r, false));
    RenderRecord next = copy(r, RenderStatus.CANCELLED, r.blobKey(), r.errorMessage(), now, r.attempts());
    commit(row.with(next, row.runAt(), null, row.leaseToken() + 1), now, () -> endOpenAttempts(id, "cancelled"));
    return Optional.of(new Cancelled(next, true));
  }

  @Override
  public synchronized Optional<RenderJob> claim(String workerId, long now, long leaseMs) {
    java.util.function.Predicate<Row> isDue = r -> RenderStatus.sourcesOf(RenderStatus.RENDERING)
        .contains(r.record().status())
        && (r.record().status() == RenderStatus.QUEUED ? r.runAt() <= now
            : r.leaseUntil() != null && r.leaseUntil() < now);
    Comparator<Row> oldest = Comparator.comparingLong(Row::runAt).thenComparing(r -> r.record().id());
    Optional<String> turn = rows.values().stream().filter(isDue).map(r -> r.record().projectId()).distinct()
        .min(Comparator.<String>comparingLong(p -> inProgress(p, now))
            .thenComparingLong(p -> lastClaimed.getOrDefault(p, 0L)).thenComparing(p -> p));
    Optional<Row> due = turn.flatMap(p -> rows.values().stream()
        .filter(isDue).filter(r -> r.record().projectId().equals(p)).min(oldest));
    if (due.isEmpty()) return Optional.empty();
    Row row = due.get();
    RenderRecord r = row.record();
    int attempt = r.attempts() + 1;
    RenderRecord next = copy(r, RenderStatus.RENDERING, r.blobKey(), r.errorMessage(), null, attempt);
    Row claimed = row.with(next, row.runAt(), now + leaseMs, row.leaseToken() + 1);
    commit(claimed, now, () -> {
      lastClaimed.put(r.projectId(), now);
      endOpenAttempts(r.id(), "lost");
      attempts.add(new Attempt(r.id(), attempt, workerId, null));
    });
    // as in the database: the render was taken over when a dead worker's attempt was still open
    boolean takenOver = r.status() == RenderStatus.RENDERING;
    return Optional.of(new RenderJob(r.id(), r.projectId(), r.templateVersionId(), row.data(), row.watermark(),
        r.filename(), r.downloadToken(), r.createdAt(), claimed.leaseToken(), attempt, r.templateId(), takenOver));
  }

  private long inProgress(String projectId, long now) {
    return rows.values().stream().filter(r -> r.record().projectId().equals(projectId)
        && r.record().status() == RenderStatus.RENDERING && r.leaseUntil() != null && r.leaseUntil() >= now).count();
  }

  @Override
  public synchronized boolean heartbeat(RenderJob job, long now, long leaseMs) {
    Row row = held(job);
    if (row == null || row.record().status() != RenderStatus.RENDERING) return false;
    rows.put(job.renderId(), row.with(row.record(), row.runAt(), now + leaseMs, row.leaseToken()));
    return true;
  }

  @Override
  public synchronized boolean succeed(RenderJob job, Stored pdf, long now) {
    return finish(job, RenderStatus.SUCCEEDED, "succeeded", now, r -> {
      RenderRecord done = copy(r, RenderStatus.SUCCEEDED, pdf.blobKey(), null, now, r.attempts());
      return new RenderRecord(done.id(), done.projectId(), done.templateId(), done.templateVersionId(), done.status(),
          done.filename(), done.downloadToken(), done.blobKey(), done.errorMessage(), done.createdAt(),
          done.completedAt(), done.durationMs(), done.attempts(), pdf.engine(), pdf.engineReason());
    }, null);
  }

  @Override
  public synchronized boolean retryLater(RenderJob job, long runAt, String reason, long now) {
    return finish(job, RenderStatus.QUEUED, "retry: " + reason, now, r -> copy(r, RenderStatus.QUEUED, r.blobKey(),
        r.errorMessage(), null, r.attempts()), runAt);
  }

  @Override
  public synchronized boolean fail(RenderJob job, String errorMessage, long now) {
    return finish(job, RenderStatus.FAILED, "failed", now, r -> copy(r, RenderStatus.FAILED, r.blobKey(),
        errorMessage, now, r.attempts()), null);
  }

  private boolean finish(RenderJob job, RenderStatus to, String outcome, long now,
      java.util.function.UnaryOperator<RenderRecord> change, Long runAt) {
    Row row = held(job);
    boolean ok = row != null && RenderStatus.sourcesOf(to).contains(row.record().status());
    if (ok) {
      commit(row.with(change.apply(row.record()), runAt == null ? row.runAt() : runAt, null, row.leaseToken()), now,
          () -> endAttempt(job, outcome));
    } else {
      endAttempt(job, "lost-lease");
    }
    return ok;
  }

  private Row held(RenderJob job) {
    Row row = rows.get(job.renderId());
    return row != null && row.leaseToken() == job.leaseToken() ? row : null;
  }

  /** The listener sees the change before it is visible; if it throws, nothing of it is kept. */
  private void commit(Row next, long now, Runnable alsoWrite) {
    List<OutboxMessage> appended = new ArrayList<>();
    RenderRecord r = next.record();
    listener.onTransition(new Transition(r.id(), r.projectId(), r.status(), now, () -> r),
        (topic, project, render, payload) -> appended.add(new OutboxMessage(topic, project, render, payload)));
    rows.put(r.id(), next);
    alsoWrite.run();
    outbox.addAll(appended);
  }

  private void endAttempt(RenderJob job, String outcome) {
    for (int i = 0; i < attempts.size(); i++) {
      Attempt a = attempts.get(i);
      if (a.renderId().equals(job.renderId()) && a.attempt() == job.attempts() && a.outcome() == null) {
        attempts.set(i, new Attempt(a.renderId(), a.attempt(), a.worker(), outcome));
      }
    }
  }

  private void endOpenAttempts(String renderId, String outcome) {
    for (int i = 0; i < attempts.size(); i++) {
      Attempt a = attempts.get(i);
      if (a.renderId().equals(renderId) && a.outcome() == null) {
        attempts.set(i, new Attempt(a.renderId(), a.attempt(), a.worker(), outcome));
      }
    }
  }

  private static RenderRecord copy(RenderRecord r, RenderStatus status, String blobKey, String error, Long completedAt,
      int attempts) {
    return new RenderRecord(r.id(), r.projectId(), r.templateId(), r.templateVersionId(), status, r.filename(),
        r.downloadToken(), blobKey, error, r.createdAt(), completedAt,
        completedAt == null ? null : completedAt - r.createdAt(), attempts, r.engine(), r.engineReason());
  }

  // ---- what the contract inspects --------------------------------------------------------------------------------

  public synchronized List<Attempt> attempts(String renderId) {
    return attempts.stream().filter(a -> a.renderId().equals(renderId)).toList();
  }

  public synchronized List<OutboxMessage> outbox() { return List.copyOf(outbox); }

  /** Puts a render straight into {@code status}, due now and with no lease: the contract's way to reach any state. */
  public synchronized void force(String id, RenderStatus status) {
    Row row = rows.get(id);
    RenderRecord r = row.record();
    rows.put(id, row.with(new RenderRecord(r.id(), r.projectId(), r.templateId(), r.templateVersionId(), status,
        r.filename(), r.downloadToken(), r.blobKey(), r.errorMessage(), r.createdAt(), r.completedAt(),
        r.durationMs(), r.attempts(), r.engine(), r.engineReason()), 0, 0L, row.leaseToken()));
  }
}
