package dev.platen.store;

import dev.platen.jobs.RenderJob;
import dev.platen.jobs.RenderQueue;
import dev.platen.jobs.RenderStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Render records and the queue over them (the renders table is the queue: one row, one source of truth). */
public final class RenderStore implements RenderQueue {
  private final Jdbi jdbi;
  private final Database db;

  public RenderStore(Database db) {
    this.db = db;
    this.jdbi = db.jdbi();
  }

  public record RenderRow(String id, String projectId, String templateId, String templateVersionId,
      RenderStatus status, String filename, String downloadToken, String blobKey, String errorMessage,
      long createdAt, Long completedAt, Long durationMs, int attempts) {}

  public record NewRender(String id, String projectId, String templateId, String templateVersionId, String data,
      String filename, boolean watermark, String idempotencyKey, String downloadToken) {}

  private static final String COLS = "id, project_id, template_id, template_version_id, status, filename, "
      + "download_token, blob_key, error_message, created_at, completed_at, duration_ms, attempts";

  private static RenderRow row(ResultSet rs) throws SQLException {
    long c = rs.getLong(11);
    Long completed = rs.wasNull() ? null : c;
    long d = rs.getLong(12);
    Long duration = rs.wasNull() ? null : d;
    return new RenderRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        RenderStatus.fromWire(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
        rs.getLong(10), completed, duration, rs.getInt(13));
  }

  /**
   * Inserts a queued render. With an idempotency key, the unique constraint on (project, key) decides between
   * concurrent first requests: the loser gets empty and reads the winner with {@link #findByIdempotencyKey}.
   */
  public Optional<RenderRow> insert(NewRender r, long now) {
    return db.write(h -> {
      int n = h.createUpdate("INSERT INTO renders (id, project_id, template_id, template_version_id, status, data, "
              + "filename, watermark, idempotency_key, download_token, run_at, created_at) VALUES (:id, :project, "
              + ":template, :version, 'queued', :data, :filename, :watermark, :key, :token, :now, :now) "
              + "ON CONFLICT (project_id, idempotency_key) DO NOTHING")
          .bind("id", r.id()).bind("project", r.projectId()).bind("template", r.templateId())
          .bind("version", r.templateVersionId()).bind("data", r.data()).bind("filename", r.filename())
          .bind("watermark", r.watermark()).bind("key", r.idempotencyKey()).bind("token", r.downloadToken())
          .bind("now", now)
          .execute();
      if (n == 0) return Optional.<RenderRow>empty();
      return Optional.of(new RenderRow(r.id(), r.projectId(), r.templateId(), r.templateVersionId(),
          RenderStatus.QUEUED, r.filename(), r.downloadToken(), null, null, now, null, null, 0));
    });
  }

  public Optional<RenderRow> findByIdempotencyKey(String projectId, String key) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLS + " FROM renders WHERE project_id = :project "
            + "AND idempotency_key = :key")
        .bind("project", projectId).bind("key", key)
        .map((rs, ctx) -> row(rs)).findOne());
  }

  /** A render of this project; another project's id is simply not found. */
  public Optional<RenderRow> find(String projectId, String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLS + " FROM renders WHERE id = :id "
            + "AND project_id = :project")
        .bind("id", id).bind("project", projectId)
        .map((rs, ctx) -> row(rs)).findOne());
  }

  /** The public download: the token is the secret, compared in SQL against a unique column. */
  public Optional<RenderRow> findByDownloadToken(String id, String token) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLS + " FROM renders WHERE id = :id "
            + "AND download_token = :token")
        .bind("id", id).bind("token", token)
        .map((rs, ctx) -> row(rs)).findOne());
  }

  /** Renders not yet finished, for backpressure. */
  public long pendingCount() {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT COUNT(*) FROM renders WHERE status IN ('queued', 'rendering')")
        .mapTo(Long.class).one());
  }

  // ---- RenderQueue -------------------------------------------------------------------------------------------

  @Override
  public Optional<RenderJob> claim(String workerId, long now, long leaseMs) {
    RenderStatus.QUEUED.moveTo(RenderStatus.RENDERING);
    return db.write(h -> {
      Optional<String[]> claimed = h.createQuery("UPDATE renders SET status = 'rendering', attempts = attempts + 1, "
              + "lease_owner = :worker, lease_until = :until, lease_token = lease_token + 1, "
              + "started_at = COALESCE(started_at, :now) "
              + "WHERE id = (SELECT id FROM renders WHERE status IN ('queued', 'rendering') "
              + "AND ((status = 'queued' AND run_at <= :now) OR (status = 'rendering' AND lease_until < :now)) "
              + "ORDER BY run_at, id LIMIT 1" + db.skipLocked() + ") "
              + "RETURNING id, lease_token, attempts")
          .bind("worker", workerId).bind("until", now + leaseMs).bind("now", now)
          .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
          .findOne();
      if (claimed.isEmpty()) return Optional.<RenderJob>empty();
      String[] c = claimed.get();
      recordAttempt(h, c[0], Integer.parseInt(c[2]), workerId, now);
      return h.createQuery("SELECT r.id, r.project_id, r.data, r.watermark, r.filename, r.download_token, "
              + "v.name, v.layout, v.page_config, v.published_at, r.created_at FROM renders r "
              + "JOIN template_versions v ON v.id = r.template_version_id WHERE r.id = :id")
          .bind("id", c[0])
          .map((rs, ctx) -> new RenderJob(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
              rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10),
              rs.getLong(11), Long.parseLong(c[1]), Integer.parseInt(c[2])))
          .findOne();
    });
  }

  private static void recordAttempt(Handle h, String renderId, int attempt, String worker, long now) {
    h.createUpdate("INSERT INTO render_attempts (render_id, attempt, worker, started_at) "
            + "VALUES (:id, :attempt, :worker, :now) ON CONFLICT (render_id, attempt) DO NOTHING")
        .bind("id", renderId).bind("attempt", attempt).bind("worker", worker).bind("now", now).execute();
  }

  private static void endAttempt(Handle h, RenderJob job, String outcome, long now) {
    h.createUpdate("UPDATE render_attempts SET ended_at = :now, outcome = :outcome "
            + "WHERE render_id = :id AND attempt = :attempt")
        .bind("now", now).bind("outcome", outcome).bind("id", job.renderId()).bind("attempt", job.attempts())
        .execute();
  }

  @Override
  public boolean heartbeat(RenderJob job, long now, long leaseMs) {
    return db.write(h -> h.createUpdate("UPDATE renders SET lease_until = :until WHERE id = :id "
            + "AND lease_token = :token AND status = 'rendering'")
        .bind("until", now + leaseMs).bind("id", job.renderId()).bind("token", job.leaseToken())
        .execute()) == 1;
  }

  @Override
  public boolean succeed(RenderJob job, String blobKey, long now) {
    RenderStatus.RENDERING.moveTo(RenderStatus.SUCCEEDED);
    return db.write(h -> {
      boolean ok = h.createUpdate("UPDATE renders SET status = 'succeeded', blob_key = :key, completed_at = :now, "
              + "duration_ms = :now - created_at, error_message = NULL, lease_owner = NULL, lease_until = NULL "
              + "WHERE id = :id AND lease_token = :token AND status = 'rendering'")
          .bind("key", blobKey).bind("now", now).bind("id", job.renderId()).bind("token", job.leaseToken())
          .execute() == 1;
      endAttempt(h, job, ok ? "succeeded" : "lost-lease", now);
      return ok;
    });
  }

  @Override
  public boolean retryLater(RenderJob job, long runAt, String reason) {
    RenderStatus.RENDERING.moveTo(RenderStatus.QUEUED);
    return db.write(h -> {
      boolean ok = h.createUpdate("UPDATE renders SET status = 'queued', run_at = :runAt, lease_owner = NULL, "
              + "lease_until = NULL WHERE id = :id AND lease_token = :token AND status = 'rendering'")
          .bind("runAt", runAt).bind("id", job.renderId()).bind("token", job.leaseToken())
          .execute() == 1;
      endAttempt(h, job, ok ? "retry: " + reason : "lost-lease", System.currentTimeMillis());
      return ok;
    });
  }

  @Override
  public boolean fail(RenderJob job, String errorMessage, long now) {
    RenderStatus.RENDERING.moveTo(RenderStatus.FAILED);
    return db.write(h -> {
      boolean ok = h.createUpdate("UPDATE renders SET status = 'failed', error_message = :msg, completed_at = :now, "
              + "duration_ms = :now - created_at, lease_owner = NULL, lease_until = NULL "
              + "WHERE id = :id AND lease_token = :token AND status = 'rendering'")
          .bind("msg", errorMessage).bind("now", now).bind("id", job.renderId()).bind("token", job.leaseToken())
          .execute() == 1;
      endAttempt(h, job, ok ? "failed" : "lost-lease", now);
      return ok;
    });
  }

  /**
   * Puts every rendering render back in the queue. Only for the embedded database, where this process is the only
   * one that can hold leases: at start-up every rendering row is an orphan of a previous process.
   *
   * @return how many renders were released
   */
  public int releaseAllLeases() {
    return db.write(h -> h.createUpdate("UPDATE renders SET status = 'queued', lease_owner = NULL, "
            + "lease_until = NULL, lease_token = lease_token + 1 WHERE status = 'rendering'")
        .execute());
  }

  /** Attempts recorded for a render (test and diagnostics: proves a render was produced once). */
  public int attemptCount(String renderId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM render_attempts WHERE render_id = :id")
        .bind("id", renderId).mapTo(Integer.class).one());
  }
}
