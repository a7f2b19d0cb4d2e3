package dev.platen.store;

import static dev.platen.jobs.RenderStatus.CANCELLED;
import static dev.platen.jobs.RenderStatus.FAILED;
import static dev.platen.jobs.RenderStatus.QUEUED;
import static dev.platen.jobs.RenderStatus.RENDERING;
import static dev.platen.jobs.RenderStatus.SUCCEEDED;

import dev.platen.jobs.Completions;
import dev.platen.jobs.NewRender;
import dev.platen.jobs.RenderJob;
import dev.platen.jobs.RenderQueue;
import dev.platen.jobs.RenderRecord;
import dev.platen.jobs.RenderStatus;
import dev.platen.jobs.Transition;
import dev.platen.jobs.TransitionListener;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Render records and the queue over them (the renders table is the queue: one row, one source of truth). Every
 * status write is one fenced, guarded UPDATE whose {@code WHERE status IN (…)} is read from {@link RenderStatus}'s
 * transition table, followed in the same transaction by the attempt log and the {@link TransitionListener}.
 */
public final class RenderStore implements RenderQueue {
  private final Jdbi jdbi;
  private final Database db;
  private final TransitionListener listener;
  private final Completions completions;
  /** Recent records for reads from memory; see {@link RecentRenders} for what keeps them current. */
  private final RecentRenders recent;
  /** SQLite: every record in {@link #recent} is current, since no other process writes this database. */
  private final boolean onlyWriter;
  /** Unfinished renders counted in memory on SQLite; null on PostgreSQL, which counts them (other processes add). */
  private final PendingCounts pending;
  private volatile boolean severalProjects;
  private volatile long projectsCountedAt = Long.MIN_VALUE / 2;

  public RenderStore(Database db) {
    this(db, TransitionListener.NONE);
  }

  public RenderStore(Database db, TransitionListener listener) {
    this(db, listener, new Completions());
  }

  /** @param completions told of every terminal change once it committed (waiters, workers to interrupt) */
  public RenderStore(Database db, TransitionListener listener, Completions completions) {
    this.db = db;
    this.jdbi = db.jdbi();
    this.listener = listener;
    this.completions = completions;
    this.onlyWriter = db.vendor() == Database.Vendor.SQLITE;
    this.recent = new RecentRenders(RECENT_RECORDS);
    this.pending = onlyWriter ? new PendingCounts() : null;
  }

  /** Records kept for reads from memory: about 5 MB, several minutes of renders at full speed. */
  static final int RECENT_RECORDS = 20_000;

  /** The name of the PostgreSQL channel a terminal change is announced on, with the render's id as payload. */
  public static final String COMPLETED_CHANNEL = "platen_render_completed";

  static final String COLS = "id, project_id, template_id, template_version_id, status, filename, "
      + "download_token, blob_key, error_message, created_at, completed_at, duration_ms, attempts, engine, "
      + "engine_reason";

  private static final String JOB_COLS = "id, project_id, template_version_id, data, watermark, filename, "
      + "download_token, created_at, lease_token, attempts, template_id";

  /** The SQL guard for a move to {@code target}; the text of the unfinished set matches the partial index. */
  static String from(RenderStatus target) {
    return "status IN (" + quoted(RenderStatus.sourcesOf(target)) + ")";
  }

  /** Statuses as SQL string literals, {@code 'queued', 'rendering'}: the wire names are fixed words, never input. */
  static String quoted(Collection<RenderStatus> statuses) {
    return statuses.stream().map(s -> "'" + s.wire() + "'").collect(Collectors.joining(", "));
  }

  static RenderRecord row(ResultSet rs) throws SQLException {
    long c = rs.getLong(11);
    Long completed = rs.wasNull() ? null : c;
    long d = rs.getLong(12);
    Long duration = rs.wasNull() ? null : d;
    return new RenderRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        RenderStatus.fromWire(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
        rs.getLong(10), completed, duration, rs.getInt(13), rs.getString(14), rs.getString(15));
  }

  /**
   * Inserts a queued render. With an idempotency key, the unique constraint on (project, key) decides between
   * concurrent first requests: the loser gets empty and reads the winner with {@link #findByIdempotencyKey}.
   */
  @Override
  public Optional<RenderRecord> insert(NewRender r, long now) {
    return db.write(h -> {
      int n = h.createUpdate("INSERT INTO renders (id, project_id, template_id, template_version_id, status, data, "
              + "filename, watermark, idempotency_key, download_token, run_at, created_at) VALUES (:id, :project, "
              + ":template, :version, :status, :data, :filename, :watermark, :key, :token, :now, :now) "
              + "ON CONFLICT (project_id, idempotency_key) DO NOTHING")
          .bind("id", r.id()).bind("project", r.projectId()).bind("template", r.templateId())
          .bind("version", r.templateVersionId()).bind("status", QUEUED.wire()).bind("data", r.data())
          .bind("filename", r.filename()).bind("watermark", r.watermark()).bind("key", r.idempotencyKey())
          .bind("token", r.downloadToken()).bind("now", now)
          .execute();
      if (n == 0) return Optional.<RenderRecord>empty();
      RenderRecord queued = new RenderRecord(r.id(), r.projectId(), r.templateId(), r.templateVersionId(), QUEUED,
          r.filename(), r.downloadToken(), null, null, now, null, null, 0, null, null);
      db.afterCommit(h, () -> {
        recent.put(queued);
        if (pending != null) pending.added(queued.projectId());
      });
      return Optional.of(queued);
    });
  }

  @Override
  public Optional<RenderRecord> findByIdempotencyKey(String projectId, String key) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLS + " FROM renders WHERE project_id = :project "
            + "AND idempotency_key = :key")
        .bind("project", projectId).bind("key", key)
        .map((rs, ctx) -> row(rs)).findOne());
  }

  @Override
  public Optional<RenderRecord> find(String projectId, String id) {
    RenderRecord r = servable(id);
    if (r != null) return r.projectId().equals(projectId) ? Optional.of(r) : Optional.empty();
    Optional<RenderRecord> read = jdbi.withHandle(h -> find(h, projectId, id));
    read.ifPresent(recent::offerFinal);
    return read;
  }

  /**
   * The record in memory if it is sure to be current: on SQLite every one (this process made each change), on
   * PostgreSQL only a terminal one (another process may have claimed, finished or cancelled any other).
   */
  private RenderRecord servable(String id) {
    RenderRecord r = recent.get(id);
    return r != null && (onlyWriter || r.status().terminal()) ? r : null;
  }

  /** Forgets what is kept in memory, after the renders table was written behind this store's back (tests). */
  void forgetCached() {
    recent.clear();
    if (pending != null) pending.reset();
  }

  private static Optional<RenderRecord> find(Handle h, String projectId, String id) {
    return h.createQuery("SELECT " + COLS + " FROM renders WHERE id = :id AND project_id = :project")
        .bind("id", id).bind("project", projectId)
        .map((rs, ctx) -> row(rs)).findOne();
  }

  /** The token is the secret, compared in SQL against a unique column. */
  @Override
  public Optional<RenderRecord> findByDownloadToken(String id, String token) {
    RenderRecord r = servable(id);
    if (r != null) {
      return java.security.MessageDigest.isEqual(r.downloadToken().getBytes(java.nio.charset.StandardCharsets.UTF_8),
          token.getBytes(java.nio.charset.StandardCharsets.UTF_8)) ? Optional.of(r) : Optional.empty();
    }
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLS + " FROM renders WHERE id = :id "
            + "AND download_token = :token")
        .bind("id", id).bind("token", token)
        .map((rs, ctx) -> row(rs)).findOne());
  }

  @Override
  public long pendingCount() {
    if (pending != null) return pending.total(this::loadPending);
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT COUNT(*) FROM renders WHERE status IN (" + quoted(RenderStatus.unfinished()) + ")")
        .mapTo(Long.class).one());
  }

  @Override
  public long pendingCount(String projectId) {
    if (pending != null) return pending.of(projectId, this::loadPending);
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM renders WHERE project_id = :project "
            + "AND status IN (" + quoted(RenderStatus.unfinished()) + ")")
        .bind("project", projectId).mapTo(Long.class).one());
  }

  @Override
  public java.util.Map<RenderStatus, Long> pendingByStatus() {
    java.util.Map<RenderStatus, Long> counts = new java.util.EnumMap<>(RenderStatus.class);
    jdbi.useHandle(h -> h.createQuery("SELECT status, COUNT(*) FROM renders WHERE status IN ("
            + quoted(RenderStatus.unfinished()) + ") GROUP BY status")
        .map((rs, ctx) -> java.util.Map.entry(RenderStatus.fromWire(rs.getString(1)), rs.getLong(2)))
        .forEach(e -> counts.put(e.getKey(), e.getValue())));
    return counts;
  }

  @Override
  public Optional<Cancelled> cancel(String projectId, String id, long now) {
    return db.write(h -> {
      // The token moves on, so the worker holding a rendering render loses its claim and its result is discarded.
      boolean changed = h.createUpdate("UPDATE renders SET status = :to, completed_at = :now, "
              + "duration_ms = :now - created_at, lease_owner = NULL, lease_until = NULL, "
              + "lease_token = lease_token + 1 WHERE id = :id AND project_id = :project AND " + from(CANCELLED))
          .bind("to", CANCELLED.wire()).bind("now", now).bind("id", id).bind("project", projectId)
          .execute() == 1;
      Optional<RenderRecord> r = find(h, projectId, id);
      if (changed) {
        recent.remove(id);
        RenderRecord cancelled = r.orElseThrow();
        db.afterCommit(h, () -> {
          recent.put(cancelled);
          if (pending != null) pending.finished(projectId);
        });
        h.createUpdate("UPDATE render_attempts SET ended_at = :now, outcome = 'cancelled' "
                + "WHERE render_id = :id AND ended_at IS NULL")
            .bind("now", now).bind("id", id).execute();
        transition(h, id, projectId, CANCELLED, now, cancelled);
      }
      return r.map(x -> new Cancelled(x, changed));
    });
  }

  // ---- the worker side ----------------------------------------------------------------------------------------

  /** Due for a claim: queued and its time has come, or rendering under a lease that expired. */
  private static final String DUE = "((status = :queued AND run_at <= :now) OR (status = :to AND lease_until < :now))";

  @Override
  public Optional<RenderJob> claim(String workerId, long now, long leaseMs) {
    return db.write(h -> claim(h, workerId, now, leaseMs));
  }

  /** One commit for a worker's result and its next render: on SQLite one sync less per render. */
  @Override
  public Handoff succeedAndClaim(RenderJob job, Stored pdf, long now, String workerId, long leaseMs) {
    return db.write(h -> {
      boolean ok = succeed(h, job, pdf, now);
      return new Handoff(ok, claim(h, workerId, now, leaseMs));
    });
  }

  private Optional<RenderJob> claim(Handle h, String workerId, long now, long leaseMs) {
    // The project whose turn it is (the fewest renders in progress, so a project whose renders are slow cannot hold
    // every render thread; then the one served longest ago), then its oldest due render. If another worker took
    // that project's last due render meanwhile (PostgreSQL skips locked rows), any project's oldest will do.
    java.util.List<String> turns = severalProjects(h, now) ? h.createQuery("SELECT p.id FROM projects p "
            + "WHERE EXISTS (SELECT 1 FROM renders WHERE project_id = p.id AND " + from(RENDERING) + " AND " + DUE
            // the unfinished-set guard is repeated only so both counts can read the partial index
            + ") ORDER BY (SELECT COUNT(*) FROM renders WHERE project_id = p.id AND " + from(RENDERING)
            + " AND status = :to AND lease_until >= :now), p.last_claimed_at, p.id LIMIT 2")
        .bind("to", RENDERING.wire()).bind("queued", QUEUED.wire()).bind("now", now)
        .mapTo(String.class).list() : java.util.List.of();
    Optional<RenderJob> job = turns.isEmpty() ? Optional.empty() : take(h, workerId, now, leaseMs, turns.get(0));
    if (job.isEmpty()) job = take(h, workerId, now, leaseMs, null);
    if (job.isEmpty()) return job;
    RenderJob j = job.get();
    // Turns only matter while several projects wait; a project alone spares the write.
    if (turns.size() > 1) {
      h.createUpdate("UPDATE projects SET last_claimed_at = :now WHERE id = :project")
          .bind("now", now).bind("project", j.projectId()).execute();
    }
    if (j.attempts() > 1) {
      // An earlier attempt still open belonged to a worker that died: its render was just taken over.
      int lost = h.createUpdate("UPDATE render_attempts SET ended_at = :now, outcome = 'lost' "
              + "WHERE render_id = :id AND ended_at IS NULL AND attempt < :attempt")
          .bind("now", now).bind("id", j.renderId()).bind("attempt", j.attempts()).execute();
      if (lost > 0) {
        j = j.asTakeover();
        job = Optional.of(j);
      }
    }
    RenderRecord before = recent.remove(j.renderId());
    if (before != null) {
      RenderRecord rendering = new RenderRecord(before.id(), before.projectId(), before.templateId(),
          before.templateVersionId(), RENDERING, before.filename(), before.downloadToken(), before.blobKey(),
          before.errorMessage(), before.createdAt(), before.completedAt(), before.durationMs(), j.attempts(),
          before.engine(), before.engineReason());
      db.afterCommit(h, () -> recent.put(rendering));
    }
    h.createUpdate("INSERT INTO render_attempts (render_id, attempt, worker, started_at) "
            + "VALUES (:id, :attempt, :worker, :now) ON CONFLICT (render_id, attempt) DO NOTHING")
        .bind("id", j.renderId()).bind("attempt", j.attempts()).bind("worker", workerId).bind("now", now)
        .execute();
    transition(h, j.renderId(), j.projectId(), RENDERING, now, null);
    return job;
  }

  /**
   * Whether more than one project exists, read at most once a second: an installation with one project (the
   * embedded default) then claims without the extra query that takes turns, and a second project is served by turns
   * within a second of its creation.
   */
  private boolean severalProjects(Handle h, long now) {
    if (now - projectsCountedAt >= 1_000 || now < projectsCountedAt) {
      severalProjects = h.createQuery("SELECT COUNT(*) FROM (SELECT id FROM projects LIMIT 2) p")
          .mapTo(Integer.class).one() > 1;
      projectsCountedAt = now;
    }
    return severalProjects;
  }

  /** Marks the oldest due render of {@code projectId} (or of any project, when null) rendering under a new lease. */
  private Optional<RenderJob> take(Handle h, String workerId, long now, long leaseMs, String projectId) {
    var query = h.createQuery("UPDATE renders SET status = :to, attempts = attempts + 1, "
            + "lease_owner = :worker, lease_until = :until, lease_token = lease_token + 1, "
            + "started_at = COALESCE(started_at, :now) "
            + "WHERE id = (SELECT id FROM renders WHERE " + from(RENDERING) + " AND " + DUE + " "
            + (projectId == null ? "" : "AND project_id = :project ")
            + "ORDER BY run_at, id LIMIT 1" + db.skipLocked() + ") "
            + "RETURNING " + JOB_COLS)
        .bind("to", RENDERING.wire()).bind("queued", QUEUED.wire())
        .bind("worker", workerId).bind("until", now + leaseMs).bind("now", now);
    if (projectId != null) query.bind("project", projectId);
    return query.map((rs, ctx) -> new RenderJob(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getInt(10),
            rs.getString(11), false))
        .findOne();
  }

  /** Not a move: it only extends the lease of a render this claim still holds. */
  @Override
  public boolean heartbeat(RenderJob job, long now, long leaseMs) {
    return db.write(h -> h.createUpdate("UPDATE renders SET lease_until = :until WHERE id = :id "
            + "AND lease_token = :token AND status = :rendering")
        .bind("until", now + leaseMs).bind("id", job.renderId()).bind("token", job.leaseToken())
        .bind("rendering", RENDERING.wire())
        .execute()) == 1;
  }

  @Override
  public boolean succeed(RenderJob job, Stored pdf, long now) {
    return db.write(h -> succeed(h, job, pdf, now));
  }

  private boolean succeed(Handle h, RenderJob job, Stored pdf, long now) {
    return finish(h, job, SUCCEEDED, "succeeded", now, h.createQuery(
            "UPDATE renders SET status = :to, blob_key = :key, completed_at = :now, duration_ms = :now - created_at, "
                + "error_message = NULL, lease_owner = NULL, lease_until = NULL, engine = :engine, "
                + "engine_reason = :reason "
                + "WHERE id = :id AND lease_token = :token AND " + from(SUCCEEDED) + " RETURNING " + COLS)
        .bind("key", pdf.blobKey()).bind("engine", pdf.engine()).bind("reason", pdf.engineReason()));
  }

  @Override
  public boolean retryLater(RenderJob job, long runAt, String reason, long now) {
    return db.write(h -> finish(h, job, QUEUED, "retry: " + reason, now, h.createQuery(
            "UPDATE renders SET status = :to, run_at = :runAt, lease_owner = NULL, lease_until = NULL "
                + "WHERE id = :id AND lease_token = :token AND " + from(QUEUED) + " RETURNING " + COLS)
        .bind("runAt", runAt)));
  }

  @Override
  public boolean fail(RenderJob job, String errorMessage, long now) {
    return db.write(h -> finish(h, job, FAILED, "failed", now, h.createQuery(
            "UPDATE renders SET status = :to, error_message = :msg, completed_at = :now, "
                + "duration_ms = :now - created_at, lease_owner = NULL, lease_until = NULL "
                + "WHERE id = :id AND lease_token = :token AND " + from(FAILED) + " RETURNING " + COLS)
        .bind("msg", errorMessage)));
  }

  /** Runs a claim's fenced write-back, then closes its attempt and tells the listener, all in one transaction. */
  private boolean finish(Handle h, RenderJob job, RenderStatus to, String outcome, long now,
      org.jdbi.v3.core.statement.Query update) {
    Optional<RenderRecord> changed = update.bind("to", to.wire()).bind("now", now).bind("id", job.renderId())
        .bind("token", job.leaseToken()).map((rs, ctx) -> row(rs)).findOne();
    boolean ok = changed.isPresent();
    if (ok) {
      RenderRecord after = changed.get();
      recent.remove(after.id());
      db.afterCommit(h, () -> {
        recent.put(after);
        if (pending != null && to.terminal()) pending.finished(after.projectId());
      });
    }
    // The first close wins: an attempt already ended as lost or cancelled keeps that outcome.
    h.createUpdate("UPDATE render_attempts SET ended_at = :now, outcome = :outcome "
            + "WHERE render_id = :id AND attempt = :attempt AND ended_at IS NULL")
        .bind("now", now).bind("outcome", ok ? outcome : "lost-lease").bind("id", job.renderId())
        .bind("attempt", job.attempts())
        .execute();
    if (ok) transition(h, job.renderId(), job.projectId(), to, now, changed.get());
    return ok;
  }

  /** @param after the record as the change left it, when the change's statement returned it (else read lazily) */
  private void transition(Handle h, String renderId, String projectId, RenderStatus to, long now,
      RenderRecord after) {
    if (to.terminal()) {
      // After the commit, never inside the transaction: a waiter woken by a change that is then rolled back
      // would read the old record. PostgreSQL delivers NOTIFY at commit too, and not at all on rollback.
      db.afterCommit(h, () -> completions.completed(renderId));
      if (db.vendor() == Database.Vendor.POSTGRESQL) {
        h.createQuery("SELECT 1 FROM (SELECT pg_notify(:channel, :id)) n").bind("channel", COMPLETED_CHANNEL)
            .bind("id", renderId).mapTo(Integer.class).one();
      }
    }
    Transition change = new Transition(renderId, projectId, to, now,
        after != null ? () -> after : () -> find(h, projectId, renderId).orElseThrow());
    listener.onTransition(change, new TransitionListener.Outbox() {
      @Override
      public void append(String topic, String project, String render, String payload) {
        h.createUpdate("INSERT INTO outbox (id, topic, project_id, render_id, payload, created_at) "
                + "VALUES (:id, :topic, :project, :render, :payload, :now)")
            .bind("id", Ids.newId()).bind("topic", topic).bind("project", project).bind("render", render)
            .bind("payload", payload).bind("now", now)
            .execute();
      }

      @Override
      public boolean reachesAnyone(String project) {
        return h.createQuery("SELECT 1 FROM webhooks WHERE project_id = :project AND active = :yes LIMIT 1")
            .bind("project", project).bind("yes", true).mapTo(Integer.class).findOne().isPresent();
      }
    });
  }

  /**
   * Puts every rendering render back in the queue. Only for the embedded database, where this process is the only
   * one that can hold leases: at start-up every rendering row is an orphan of a previous process.
   *
   * @return how many renders were released
   */
  public int releaseAllLeases(long now) {
    return db.write(h -> {
      // after the commit, as every other change to the cache: a claim earlier in the batch puts its record back then
      db.afterCommit(h, recent::clear);
      h.createUpdate("UPDATE render_attempts SET ended_at = :now, outcome = 'lost' WHERE ended_at IS NULL "
              + "AND render_id IN (SELECT id FROM renders WHERE status = :rendering)")
          .bind("now", now).bind("rendering", RENDERING.wire()).execute();
      return h.createUpdate("UPDATE renders SET status = :to, lease_owner = NULL, lease_until = NULL, "
              + "lease_token = lease_token + 1 WHERE status = :rendering AND " + from(QUEUED))
          .bind("to", QUEUED.wire()).bind("rendering", RENDERING.wire())
          .execute();
    });
  }

  /** Reads every project's unfinished renders, in the write transaction, for {@link PendingCounts}. */
  private void loadPending() {
    db.write(h -> {
      java.util.Map<String, Long> byProject = new java.util.HashMap<>();
      h.createQuery("SELECT project_id, COUNT(*) FROM renders WHERE status IN (" + quoted(RenderStatus.unfinished())
              + ") GROUP BY project_id")
          .map((rs, ctx) -> java.util.Map.entry(rs.getString(1), rs.getLong(2)))
          .forEach(e -> byProject.put(e.getKey(), e.getValue()));
      // After the commit, in commit order: the writes before this one in its batch are counted in the snapshot and
      // their own after-commit counts, which ran first, are overwritten; the writes after it count on top of it.
      db.afterCommit(h, () -> pending.load(byProject));
      return null;
    });
  }

  /**
   * Unfinished renders in total and per project, in memory, for the queue limits every POST checks: kept by this
   * process's committed inserts and terminal moves, the only writes to the table on SQLite. Loaded once, through
   * the writer, so the snapshot and the changes counted on top of it line up.
   */
  private static final class PendingCounts {
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicLong> byProject =
        new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean loaded;

    long total(Runnable load) {
      if (!loaded) load.run();
      return total.get();
    }

    long of(String projectId, Runnable load) {
      if (!loaded) load.run();
      var n = byProject.get(projectId);
      return n == null ? 0 : n.get();
    }

    /** Only on the writer thread, after a commit (as are the two below). */
    void load(java.util.Map<String, Long> counts) {
      byProject.clear();
      counts.forEach((p, n) -> byProject.put(p, new java.util.concurrent.atomic.AtomicLong(n)));
      total.set(counts.values().stream().mapToLong(Long::longValue).sum());
      loaded = true;
    }

    void added(String projectId) {
      if (!loaded) return;
      byProject.computeIfAbsent(projectId, p -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
      total.incrementAndGet();
    }

    void finished(String projectId) {
      if (!loaded) return;
      var n = byProject.get(projectId);
      if (n != null) n.decrementAndGet();
      total.decrementAndGet();
    }

    void reset() {
      loaded = false;
    }
  }
}
