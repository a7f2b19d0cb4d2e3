package dev.platen.store;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * What the dashboard's overview reads about one project's recent renders. Every query starts from the renders of
 * the project created in a time window (a range of the index renders_project_list), so its cost follows the
 * window's renders, not the project's history.
 */
public final class OverviewStore {
  private final Jdbi jdbi;

  public OverviewStore(Database db) {
    this.jdbi = db.jdbi();
  }

  /** How many renders were created in one minute ({@code minute} = epoch ms / 60,000) with one status. */
  public record Bucket(long minute, String status, long count) {}

  /** A worker that took one of the project's renders, and when it last started one. */
  public record WorkerSeen(String worker, long lastStartedAt, long attempts) {}

  /** Renders of the project created after {@code since}, counted per minute and status, oldest minute first. */
  public List<Bucket> perMinute(String projectId, long since) {
    return jdbi.withHandle(h -> h.createQuery("SELECT created_at / 60000 AS minute, status, COUNT(*) FROM renders "
            + "WHERE project_id = :project AND created_at > :since GROUP BY created_at / 60000, status "
            + "ORDER BY minute")
        .bind("project", projectId).bind("since", since)
        .map((rs, ctx) -> new Bucket(rs.getLong(1), rs.getString(2), rs.getLong(3))).list());
  }

  /**
   * How long the succeeded attempts of the project's renders created after {@code since} took, from the claim to
   * the result (the engine's time and the few writes around it), sorted ascending.
   */
  public long[] attemptMillis(String projectId, long since) {
    List<Long> all = jdbi.withHandle(h -> h.createQuery("SELECT a.ended_at - a.started_at AS took FROM renders r "
            + "JOIN render_attempts a ON a.render_id = r.id WHERE r.project_id = :project AND r.created_at > :since "
            + "AND a.outcome = 'succeeded' AND a.ended_at IS NOT NULL")
        .bind("project", projectId).bind("since", since).mapTo(Long.class).list());
    long[] out = new long[all.size()];
    for (int i = 0; i < out.length; i++) out[i] = all.get(i);
    java.util.Arrays.sort(out);
    return out;
  }

  /**
   * The workers that started an attempt at one of the project's renders after {@code startedAfter}, looking at
   * renders created after {@code createdAfter} (a window that bounds the read), most recent first.
   */
  public List<WorkerSeen> workers(String projectId, long createdAfter, long startedAfter) {
    return new ArrayList<>(jdbi.withHandle(h -> h.createQuery("SELECT a.worker, MAX(a.started_at), COUNT(*) "
            + "FROM renders r JOIN render_attempts a ON a.render_id = r.id WHERE r.project_id = :project "
            + "AND r.created_at > :created AND a.started_at > :started GROUP BY a.worker "
            + "ORDER BY MAX(a.started_at) DESC")
        .bind("project", projectId).bind("created", createdAfter).bind("started", startedAfter)
        .map((rs, ctx) -> new WorkerSeen(rs.getString(1), rs.getLong(2), rs.getLong(3))).list()));
  }
}
