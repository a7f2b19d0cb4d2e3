package dev.platen.api;

import dev.platen.store.TemplateStore;
import dev.platen.templates.Manifest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parsed manifest of each published version a render names, read and parsed once. A (template, version number)
 * pair always means the same immutable version, in this process and every other, so entries never go stale; the
 * bound only caps memory. Saves the render POST a version query and a manifest parse.
 */
final class PublishedManifests {
  record Version(String versionId, Manifest manifest) {}

  private final TemplateStore templates;
  private final JsonMapper json;
  private final Map<String, Version> entries;

  PublishedManifests(TemplateStore templates, JsonMapper json, int maxEntries) {
    this.templates = templates;
    this.json = json;
    this.entries = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Version> eldest) {
        return size() > maxEntries;
      }
    };
  }

  Optional<Version> find(String templateId, int number) {
    String key = templateId + "#" + number;
    synchronized (entries) {
      Version e = entries.get(key);
      if (e != null) return Optional.of(e);
    }
    Optional<Version> loaded = templates.version(templateId, number)
        .map(v -> new Version(v.id(), Manifest.parse(json.readTree(v.manifest()), "manifest")));
    loaded.ifPresent(e -> {
      synchronized (entries) {
        entries.putIfAbsent(key, e);
      }
    });
    return loaded;
  }
}
