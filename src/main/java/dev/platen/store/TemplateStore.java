package dev.platen.store;

import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Templates and their immutable versions, always scoped to one project. */
public final class TemplateStore {
  private static final int MAX_SLUG = 120;
  private final Jdbi jdbi;
  private final Database db;
  private final InstantSource clock;

  public TemplateStore(Database db) {
    this(db, InstantSource.system());
  }

  public TemplateStore(Database db, InstantSource clock) {
    this.db = db;
    this.jdbi = db.jdbi();
    this.clock = clock;
  }

  public record TemplateRow(String id, String slug, String name, String description, Integer currentVersion,
      long createdAt, long updatedAt, Long deletedAt) {}

  public record VersionRow(String id, String templateId, int versionNumber, String name, String manifest,
      String jsonSchema, String layout, String pageConfig, long publishedAt) {}

  /** What a publish stores; JSON columns arrive serialised. */
  public record NewVersion(String name, String description, String manifest, String jsonSchema, String layout,
      String pageConfig) {}

  /** Outcome of a create or republish: the template and the version now current. */
  public record Published(TemplateRow template, VersionRow version, boolean created) {}

  static final String TEMPLATE_COLS =
      "id, slug, name, description, current_version, created_at, updated_at, deleted_at";
  private static final String VERSION_COLS =
      "id, template_id, version_number, name, manifest, json_schema, layout, page_config, published_at";

  /**
   * POST /v1/templates. An explicit slug that a live template holds throws {@link SlugTaken}; a derived slug takes
   * the first free of {@code base}, {@code base-2}, {@code base-3}, …
   */
  public Published create(String projectId, String explicitSlug, String derivedBase, NewVersion v) {
    for (int attempt = 0; ; attempt++) {
      try {
        return db.write(h -> {
          changing(h);
          String slug = explicitSlug != null ? explicitSlug : freeSlug(h, projectId, derivedBase);
          if (explicitSlug != null && findLive(h, projectId, slug).isPresent()) throw new SlugTaken(slug);
          return insertTemplate(h, projectId, slug, v);
        });
      } catch (UnableToExecuteStatementException e) {
        // Another request took the slug between our check and insert: the partial unique index decided.
        if (explicitSlug != null) throw new SlugTaken(explicitSlug);
        if (attempt >= 5) throw e;
      }
    }
  }

  /** PUT /v1/templates/:slug: creates version 1 of a new template, or publishes version n+1 of the live one. */
  public Published put(String projectId, String slug, NewVersion v) {
    for (int attempt = 0; ; attempt++) {
      try {
        return db.write(h -> {
          changing(h);
          Optional<TemplateRow> live = findLive(h, projectId, slug);
          if (live.isEmpty()) return insertTemplate(h, projectId, slug, v);
          TemplateRow t = live.get();
          int next = t.currentVersion() == null ? 1 : t.currentVersion() + 1;
          long now = clock.millis();
          VersionRow version = insertVersion(h, t.id(), next, v, now);
          h.createUpdate("UPDATE templates SET name = :name, description = :description, current_version = :v, "
                  + "updated_at = :now WHERE id = :id")
              .bind("name", v.name()).bind("description", v.description()).bind("v", next).bind("now", now)
              .bind("id", t.id()).execute();
          TemplateRow updated = new TemplateRow(t.id(), t.slug(), v.name(), v.description(), next, t.createdAt(),
              now, null);
          return new Published(updated, version, false);
        });
      } catch (UnableToExecuteStatementException e) {
        if (attempt >= 5) throw e;
      }
    }
  }

  private Published insertTemplate(Handle h, String projectId, String slug, NewVersion v) {
    String id = Ids.newId();
    long now = clock.millis();
    h.createUpdate("INSERT INTO templates (id, project_id, slug, name, description, current_version, created_at, "
            + "updated_at) VALUES (:id, :project, :slug, :name, :description, 1, :now, :now)")
        .bind("id", id).bind("project", projectId).bind("slug", slug).bind("name", v.name())
        .bind("description", v.description()).bind("now", now).execute();
    VersionRow version = insertVersion(h, id, 1, v, now);
    InboundStore.create(h, id, now);
    return new Published(new TemplateRow(id, slug, v.name(), v.description(), 1, now, now, null), version, true);
  }

  private static VersionRow insertVersion(Handle h, String templateId, int number, NewVersion v, long now) {
    String id = Ids.newId();
    h.createUpdate("INSERT INTO template_versions (" + VERSION_COLS + ") VALUES (:id, :template, :n, :name, "
            + ":manifest, :schema, :layout, :page, :now)")
        .bind("id", id).bind("template", templateId).bind("n", number).bind("name", v.name())
        .bind("manifest", v.manifest()).bind("schema", v.jsonSchema()).bind("layout", v.layout())
        .bind("page", v.pageConfig()).bind("now", now).execute();
    return new VersionRow(id, templateId, number, v.name(), v.manifest(), v.jsonSchema(), v.layout(),
        v.pageConfig(), now);
  }

  /**
   * {@code base}, or the first of {@code base-2}, {@code base-3}, … not in {@code taken}, shortened to fit
   * {@value #MAX_SLUG} characters. Projects and templates number their slugs alike.
   */
  static String firstFree(String base, java.util.Set<String> taken) {
    if (!taken.contains(base)) return base;
    for (int n = 2; ; n++) {
      String suffix = "-" + n;
      String head = base.length() + suffix.length() > MAX_SLUG ? base.substring(0, MAX_SLUG - suffix.length()) : base;
      head = head.endsWith("-") ? head.substring(0, head.length() - 1) : head;
      if (!taken.contains(head + suffix)) return head + suffix;
    }
  }

  private static String freeSlug(Handle h, String projectId, String base) {
    Set<String> taken = new HashSet<>(h.createQuery(
            "SELECT slug FROM templates WHERE project_id = :project AND deleted_at IS NULL "
                + "AND (slug = :base OR slug LIKE :pattern)")
        .bind("project", projectId).bind("base", base).bind("pattern", base + "-%")
        .mapTo(String.class).list());
    return firstFree(base, taken);
  }

  private static Optional<TemplateRow> findLive(Handle h, String projectId, String slug) {
    return h.createQuery("SELECT " + TEMPLATE_COLS + " FROM templates WHERE project_id = :project AND slug = :slug "
            + "AND deleted_at IS NULL")
        .bind("project", projectId).bind("slug", slug)
        .map((rs, ctx) -> templateRow(rs))
        .findOne();
  }

  private static TemplateRow templateRow(java.sql.ResultSet rs) throws java.sql.SQLException {
    return templateRow(rs, 0);
  }

  /** The {@link #TEMPLATE_COLS} that follow the first {@code offset} columns of a wider row. */
  static TemplateRow templateRow(java.sql.ResultSet rs, int offset) throws java.sql.SQLException {
    int v = rs.getInt(offset + 5);
    Integer current = rs.wasNull() ? null : v;
    long d = rs.getLong(offset + 8);
    Long deleted = rs.wasNull() ? null : d;
    return new TemplateRow(rs.getString(offset + 1), rs.getString(offset + 2), rs.getString(offset + 3),
        rs.getString(offset + 4), current, rs.getLong(offset + 6), rs.getLong(offset + 7), deleted);
  }

  private static VersionRow versionRow(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new VersionRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9));
  }

  public Optional<TemplateRow> findLive(String projectId, String slug) {
    LiveTemplates cache = db.liveTemplates();
    if (cache == null) return jdbi.withHandle(h -> findLive(h, projectId, slug));
    return cache.find(projectId, slug, () -> jdbi.withHandle(h -> findLive(h, projectId, slug)));
  }

  /** A write to the templates table is under way in {@code h}: what is cached of it goes, now and at the commit. */
  private void changing(Handle h) {
    LiveTemplates cache = db.liveTemplates();
    if (cache == null) return;
    cache.clear();
    db.afterCommit(h, cache::clear);
  }

  /** Live templates, most recently updated first. */
  public List<TemplateRow> list(String projectId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + TEMPLATE_COLS + " FROM templates "
            + "WHERE project_id = :project AND deleted_at IS NULL ORDER BY updated_at DESC, id DESC")
        .bind("project", projectId)
        .map((rs, ctx) -> templateRow(rs))
        .list());
  }

  public Optional<VersionRow> version(String templateId, int number) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + VERSION_COLS + " FROM template_versions "
            + "WHERE template_id = :template AND version_number = :n")
        .bind("template", templateId).bind("n", number)
        .map((rs, ctx) -> versionRow(rs))
        .findOne());
  }

  /** Every version of a template, oldest first (versions are never deleted, so this is its whole history). */
  public List<VersionRow> versions(String templateId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + VERSION_COLS + " FROM template_versions "
            + "WHERE template_id = :template ORDER BY version_number")
        .bind("template", templateId)
        .map((rs, ctx) -> versionRow(rs))
        .list());
  }

  public Optional<VersionRow> versionById(String versionId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + VERSION_COLS + " FROM template_versions WHERE id = :id")
        .bind("id", versionId)
        .map((rs, ctx) -> versionRow(rs))
        .findOne());
  }

  /** Soft delete: the row and its versions stay (renders point at them); the slug is free again. */
  public Optional<TemplateRow> delete(String projectId, String slug) {
    return db.write(h -> {
      changing(h);
      Optional<TemplateRow> live = findLive(h, projectId, slug);
      if (live.isEmpty()) return Optional.empty();
      long now = clock.millis();
      h.createUpdate("UPDATE templates SET deleted_at = :now, updated_at = :now WHERE id = :id")
          .bind("now", now).bind("id", live.get().id()).execute();
      TemplateRow t = live.get();
      return Optional.of(new TemplateRow(t.id(), t.slug(), t.name(), t.description(), t.currentVersion(),
          t.createdAt(), now, now));
    });
  }
}
