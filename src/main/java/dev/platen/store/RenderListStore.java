package dev.platen.store;

import dev.platen.jobs.RenderRecord;
import dev.platen.jobs.RenderStatus;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The read side of the renders table for listing, kept out of the queue interface: it takes no part in the
 * queue's transitions. Pages are keyset pages on (created_at, id), newest first, so a page costs the same however
 * deep it is and renders inserted meanwhile never shift later pages (they are newer than any cursor).
 */
public final class RenderListStore {
  private static final String COLS = Arrays.stream(RenderStore.COLS.split(", ")).map(c -> "r." + c)
      .collect(Collectors.joining(", "));

  private final Jdbi jdbi;

  public RenderListStore(Database db) {
    this.jdbi = db.jdbi();
  }

  /** A render with the template slug and version number it was rendered from. */
  public record Listed(RenderRecord render, String templateSlug, int versionNumber) {}

  /**
   * @param status null for any
   * @param templateSlug null for any; otherwise the live template with this slug
   * @param createdAfter exclusive lower bound in epoch ms, or null
   * @param createdBefore exclusive upper bound in epoch ms, or null
   * @param afterCreatedAt with {@code afterId}, the last render of the previous page, or null for the first page
   */
  public record Filter(RenderStatus status, String templateSlug, Long createdAfter, Long createdBefore,
      Long afterCreatedAt, String afterId) {}

  /** Up to {@code limit} renders of the project matching the filter, newest first. */
  public List<Listed> page(String projectId, Filter f, int limit) {
    return jdbi.withHandle(h -> bind(h.createQuery(sql(f)), projectId, f, limit)
        .map((rs, ctx) -> new Listed(RenderStore.row(rs), rs.getString(16), rs.getInt(17))).list());
  }

  /** SQLite's plan for {@link #page}, one line per step: to check that a page reads the index and sorts nothing. */
  public List<String> sqlitePlan(String projectId, Filter f, int limit) {
    return jdbi.withHandle(h -> bind(h.createQuery("EXPLAIN QUERY PLAN " + sql(f)), projectId, f, limit)
        .map((rs, ctx) -> rs.getString("detail")).list());
  }

  private static String sql(Filter f) {
    StringBuilder sql = new StringBuilder("SELECT " + COLS + ", t.slug, v.version_number FROM renders r "
        + "JOIN templates t ON t.id = r.template_id JOIN template_versions v ON v.id = r.template_version_id "
        + "WHERE r.project_id = :project");
    if (f.status() != null) sql.append(" AND r.status = :status");
    // by the template's id, so that the planner reads index renders_project_template in the list's order rather
    // than walking every render of the project to find the template's (it has no statistics to know better)
    if (f.templateSlug() != null) {
      sql.append(" AND r.template_id = (SELECT id FROM templates WHERE project_id = :project AND slug = :slug "
          + "AND deleted_at IS NULL)");
    }
    if (f.createdAfter() != null) sql.append(" AND r.created_at > :createdAfter");
    if (f.createdBefore() != null) sql.append(" AND r.created_at < :createdBefore");
    if (f.afterCreatedAt() != null) {
      // A row value, not the equivalent OR: both databases turn it into one range of the index renders_project_list
      // and start reading at the cursor, where the OR form made SQLite read every newer row of the project first.
      sql.append(" AND (r.created_at, r.id) < (:cursorAt, :cursorId)");
    }
    sql.append(" ORDER BY r.created_at DESC, r.id DESC LIMIT :limit");
    return sql.toString();
  }

  private static Query bind(Query q, String projectId, Filter f, int limit) {
    q.bind("project", projectId).bind("limit", limit);
    if (f.status() != null) q.bind("status", f.status().wire());
    if (f.templateSlug() != null) q.bind("slug", f.templateSlug());
    if (f.createdAfter() != null) q.bind("createdAfter", f.createdAfter());
    if (f.createdBefore() != null) q.bind("createdBefore", f.createdBefore());
    if (f.afterCreatedAt() != null) q.bind("cursorAt", f.afterCreatedAt()).bind("cursorId", f.afterId());
    return q;
  }

  /**
   * Up to {@code limit} renders of the project, newest first, after skipping {@code offset}: the embed list's offset
   * pages, which the reference defines. Deep pages cost more than keyset ones; {@link #page} is the list to walk.
   */
  public List<Listed> offsetPage(String projectId, int limit, int offset) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLS + ", t.slug, v.version_number FROM renders r "
            + "JOIN templates t ON t.id = r.template_id JOIN template_versions v ON v.id = r.template_version_id "
            + "WHERE r.project_id = :project ORDER BY r.created_at DESC, r.id DESC LIMIT :limit OFFSET :offset")
        .bind("project", projectId).bind("limit", limit).bind("offset", offset)
        .map((rs, ctx) -> new Listed(RenderStore.row(rs), rs.getString(16), rs.getInt(17))).list());
  }

  /** The data the project's render {@code id} was accepted with, as JSON text. */
  public java.util.Optional<String> data(String projectId, String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT data FROM renders WHERE id = :id AND project_id = :project")
        .bind("id", id).bind("project", projectId).mapTo(String.class).findOne());
  }

  /** How many renders the project has. */
  public long count(String projectId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM renders WHERE project_id = :project")
        .bind("project", projectId).mapTo(Long.class).one());
  }

  /**
   * One claim of a render by a worker: {@code endedAt} and {@code outcome} are null while it runs; the outcome is
   * succeeded, failed, {@code retry: <reason>}, cancelled, lost (the lease expired and another worker took it
   * over) or lost-lease.
   */
  public record Attempt(int attempt, String worker, long startedAt, Long endedAt, String outcome) {}

  /** The attempts log of the project's render {@code id}, first attempt first (empty for another project's). */
  public List<Attempt> attempts(String projectId, String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT a.attempt, a.worker, a.started_at, a.ended_at, a.outcome "
            + "FROM render_attempts a JOIN renders r ON r.id = a.render_id WHERE a.render_id = :id "
            + "AND r.project_id = :project ORDER BY a.attempt")
        .bind("id", id).bind("project", projectId)
        .map((rs, ctx) -> {
          long ended = rs.getLong(4);
          Long endedAt = rs.wasNull() ? null : ended;
          return new Attempt(rs.getInt(1), rs.getString(2), rs.getLong(3), endedAt, rs.getString(5));
        }).list());
  }
}
