package dev.platen.store;

import dev.platen.store.TemplateStore.TemplateRow;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * (project, slug) → the live template, so accepting a render does not read the templates table each time. Only on
 * SQLite, where every template write is this process's own: each one clears the cache inside its transaction and
 * again once it committed, and a read from the database is kept only if no clear happened while it ran, so an
 * answer is never older than the last committed write.
 */
final class LiveTemplates {
  private static final int MAX = 10_000;
  private final Map<String, TemplateRow> rows = new HashMap<>();
  private long generation;

  Optional<TemplateRow> find(String projectId, String slug, Supplier<Optional<TemplateRow>> read) {
    String key = projectId + '\n' + slug;
    long seen;
    synchronized (this) {
      TemplateRow r = rows.get(key);
      if (r != null) return Optional.of(r);
      seen = generation;
    }
    Optional<TemplateRow> fresh = read.get();
    synchronized (this) {
      if (fresh.isPresent() && generation == seen) {
        if (rows.size() >= MAX) rows.clear();
        rows.put(key, fresh.get());
      }
    }
    return fresh;
  }

  synchronized void clear() {
    generation++;
    rows.clear();
  }
}
