package dev.platen.templates;

import dev.platen.render.PageSetup;
import dev.platen.render.direct.RoutingPdfEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Which engine draws each template version, for {@code GET /v1/templates/:slug}: the choice the render path makes
 * when it prepares the version ({@link RoutingPdfEngine#choose}), worked out once per version and kept, since a
 * version never changes. Bounded; thread-safe.
 */
public final class EngineChoices {
  /**
   * @param engine {@code direct} or {@code html}
   * @param reason for {@code html}, the first construct the direct engine does not draw
   */
  public record Choice(String engine, String reason) {}

  private static final int MAX_ENTRIES = 1024;

  private final Map<String, Choice> byVersion = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Choice> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /**
   * @param versionId the version's id: versions are immutable, so the id names the choice for good
   * @param layout the stored layout
   * @param pageConfig the stored pageConfig
   */
  public Choice of(String versionId, JsonNode layout, JsonNode pageConfig) {
    synchronized (byVersion) {
      Choice known = byVersion.get(versionId);
      if (known != null) return known;
    }
    PageSetup page = pageConfig == null || pageConfig.isNull() ? PageSetup.DEFAULT : PageSetup.stored(pageConfig);
    RoutingPdfEngine.Choice c = RoutingPdfEngine.choose(layout, page);
    Choice choice = new Choice(c.engine(), c.reason());
    synchronized (byVersion) {
      byVersion.put(versionId, choice);
    }
    return choice;
  }
}
