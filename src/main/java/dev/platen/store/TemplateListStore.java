package dev.platen.store;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The read side of the templates table for the dashboard's list: keyset pages on (updated_at, id), most recently
 * updated first, with the search done by the database while it walks the index, so a page of a project with tens of
 * thousands of templates reads about one page of rows.
 */
public final class TemplateListStore {
  private final Jdbi jdbi;

  public TemplateListStore(Database db) {
    this.jdbi = db.jdbi();
  }

  /**
   * @param search null for all; otherwise live templates whose slug or name contains it (case-insensitive for ASCII)
   * @param afterUpdatedAt with {@code afterId}, the last template of the previous page, or null for the first page
   */
  public record Filter(String search, Long afterUpdatedAt, String afterId) {}

  /** Up to {@code limit} live templates of the project matching the filter, most recently updated first. */
  public List<TemplateStore.TemplateRow> page(String projectId, Filter f, int limit) {
    return jdbi.withHandle(h -> bind(h.createQuery(sql(f, "SELECT " + TemplateStore.TEMPLATE_COLS)), projectId, f)
        .bind("limit", limit).map((rs, ctx) -> TemplateStore.templateRow(rs, 0)).list());
  }

  /** SQLite's plan for {@link #page}: to check that a page walks the index and sorts nothing. */
  public List<String> sqlitePlan(String projectId, Filter f, int limit) {
    return jdbi.withHandle(h -> bind(h.createQuery("EXPLAIN QUERY PLAN " + sql(f, "SELECT "
        + TemplateStore.TEMPLATE_COLS)), projectId, f).bind("limit", limit)
        .map((rs, ctx) -> rs.getString("detail")).list());
  }

  /** How many live templates the project has. */
  public long count(String projectId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM templates WHERE project_id = :project "
        + "AND deleted_at IS NULL").bind("project", projectId).mapTo(Long.class).one());
  }

  /** The slug of the project's template {@code id} while it is live: one row by key, not a list to search. */
  public Optional<String> liveSlug(String projectId, String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT slug FROM templates WHERE id = :id AND project_id = :project "
            + "AND deleted_at IS NULL")
        .bind("id", id).bind("project", projectId).mapTo(String.class).findOne());
  }

  private static String sql(Filter f, String select) {
    StringBuilder sql = new StringBuilder(select + " FROM templates WHERE project_id = :project "
        + "AND deleted_at IS NULL");
    if (f.search() != null) {
      sql.append(" AND (slug LIKE :like ESCAPE '!' OR LOWER(name) LIKE :like ESCAPE '!')");
    }
    if (f.afterUpdatedAt() != null) sql.append(" AND (updated_at, id) < (:cursorAt, :cursorId)");
    sql.append(" ORDER BY updated_at DESC, id DESC LIMIT :limit");
    return sql.toString();
  }

  private static Query bind(Query q, String projectId, Filter f) {
    q.bind("project", projectId);
    if (f.search() != null) {
      // '!' escapes: JDBI's parser does not take a backslash inside a quoted literal
      String escaped = f.search().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
      q.bind("like", "%" + escaped + "%");
    }
    if (f.afterUpdatedAt() != null) q.bind("cursorAt", f.afterUpdatedAt()).bind("cursorId", f.afterId());
    return q;
  }
}
