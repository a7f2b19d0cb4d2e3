package dev.platen.store;

import dev.platen.jobs.RenderStatus;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * What the dashboard's overview reads about one project's recent renders. Every query starts from the renders of
 * the project created in a time window (a range of the index renders_project_list), so its cost follows the
 * window's renders, not the project's history.
 */
public final class OverviewStore {
  // every status named, so that index renders_project_status answers it alone (one range per status)
  static final String PER_MINUTE = "SELECT created_at / 60000 AS minute, status, COUNT(*) FROM renders "
      + "WHERE project_id = :project AND status IN ("
      + RenderStore.quoted(java.util.EnumSet.allOf(RenderStatus.class)) + ") "
      + "AND created_at > :since GROUP BY created_at / 60000, status ORDER BY minute";
  // CROSS JOIN keeps SQLite's join order (it chose to scan every attempt otherwise); PostgreSQL plans it as the
  // inner join it is
  static final String ATTEMPT_MILLIS = "SELECT a.ended_at - a.started_at AS took FROM "
      + "(SELECT id FROM renders WHERE project_id = :project AND status = '" + RenderStatus.SUCCEEDED.wire() + "' "
      + "ORDER BY created_at DESC, id DESC LIMIT :limit) r CROSS JOIN render_attempts a "
      + "WHERE a.render_id = r.id AND a.outcome = 'succeeded' AND a.ended_at IS NOT NULL";
  // the minutes' attempts first, then each one's render by key (not every render of the project first)
  static final String WORKERS = "SELECT a.worker, MAX(a.started_at), COUNT(*) FROM render_attempts a "
      + "CROSS JOIN renders r WHERE r.id = a.render_id AND a.started_at > :started AND r.project_id = :project "
      + "GROUP BY a.worker ORDER BY MAX(a.started_at) DESC";

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
    return jdbi.withHandle(h -> h.createQuery(PER_MINUTE)
        .bind("project", projectId).bind("since", since)
        .map((rs, ctx) -> new Bucket(rs.getLong(1), rs.getString(2), rs.getLong(3))).list());
  }

  /**
   * How long the succeeded attempts of the project's last {@code limit} succeeded renders took, from the claim to the
   * result (the engine's time and the few writes around it), sorted ascending. A bounded read however busy the
   * project is: the newest entries of index renders_project_status, then each one's attempts by key.
   */
  public long[] attemptMillis(String projectId, int limit) {
    List<Long> all = jdbi.withHandle(h -> h.createQuery(ATTEMPT_MILLIS)
        .bind("project", projectId).bind("limit", limit).mapTo(Long.class).list());
    long[] out = new long[all.size()];
    for (int i = 0; i < out.length; i++) out[i] = all.get(i);
    java.util.Arrays.sort(out);
    return out;
  }

  /**
   * The workers that started an attempt at one of the project's renders after {@code startedAfter}, most recent
   * first, with how many they started since (the attempts of those minutes, through index render_attempts_started).
   */
  public List<WorkerSeen> workers(String projectId, long startedAfter) {
    return new ArrayList<>(jdbi.withHandle(h -> h.createQuery(WORKERS)
        .bind("project", projectId).bind("started", startedAfter)
        .map((rs, ctx) -> new WorkerSeen(rs.getString(1), rs.getLong(2), rs.getLong(3))).list()));
  }
}
