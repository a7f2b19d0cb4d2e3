package dev.platen.jobs;

import dev.platen.render.PageSetup;
import dev.platen.render.PdfEngine;
import dev.platen.render.RenderException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Template versions as the worker needs them, parsed and prepared for the engine once ({@link PdfEngine#prepare}).
 * Versions are immutable once published, so an entry never goes stale, in this process or any other; the bound only
 * caps memory.
 */
public final class VersionCache {
  /** A version's stored columns, JSON still serialised. */
  public record StoredVersion(String name, String layout, String pageConfig, long publishedAt) {}

  /**
   * A version ready to render; callers must not modify {@code layout}.
   *
   * @param engine renders documents of this version (of this layout and page)
   */
  public record PreparedVersion(String name, JsonNode layout, PageSetup page, Instant publishedAt,
      PdfEngine.Prepared engine) {}

  /** Where versions are read from on a miss (the template store). */
  @FunctionalInterface
  public interface Source {
    Optional<StoredVersion> load(String versionId);
  }

  private final Source source;
  private final JsonMapper json;
  private final PdfEngine engine;
  private final Map<String, PreparedVersion> entries;

  public VersionCache(Source source, JsonMapper json, PdfEngine engine, int maxEntries) {
    this.source = source;
    this.json = json;
    this.engine = engine;
    this.entries = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, PreparedVersion> eldest) {
        return size() > maxEntries;
      }
    };
  }

  public PreparedVersion get(String versionId) throws RenderException {
    synchronized (entries) {
      PreparedVersion v = entries.get(versionId);
      if (v != null) return v;
    }
    // Prepared outside the lock: two threads may both prepare a cold version, which is harmless and rare.
    Optional<StoredVersion> stored;
    try {
      stored = source.load(versionId);
    } catch (RuntimeException e) {
      throw new RenderException("the template version could not be read from the database", true, e);
    }
    StoredVersion s = stored.orElseThrow(
        () -> new RenderException("the template version of this render no longer exists", false));
    PreparedVersion v = prepare(s);
    synchronized (entries) {
      entries.putIfAbsent(versionId, v);
    }
    return v;
  }

  /**
   * Prepares a version that is not cached: a preview of unsaved changes, read from the same JSON text a stored
   * version would hold, so it renders exactly as that version would once published.
   */
  public PreparedVersion prepare(StoredVersion s) throws RenderException {
    try {
      JsonNode layout = json.readTree(s.layout());
      PageSetup page = PageSetup.stored(json.readTree(s.pageConfig()));
      return new PreparedVersion(s.name(), layout, page, Instant.ofEpochMilli(s.publishedAt()),
          engine.prepare(layout, page));
    } catch (RuntimeException e) {
      throw new RenderException("the stored template version could not be read", false, e);
    }
  }
}
