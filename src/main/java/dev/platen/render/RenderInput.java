package dev.platen.render;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Everything the engine needs for one document, and nothing that varies between two renders of the same
 * template version and data: no render id, no wall-clock time, so equal inputs give byte-identical PDFs.
 *
 * @param layout a canvas layout (sections → rows → columns → blocks), see docs/layouts.md
 * @param data validated, cleaned variable data (nested objects per dot segment, loops as top-level arrays)
 * @param title document title for the PDF metadata
 * @param documentDate stamped into the PDF as creation date (the template version's publish time)
 * @param watermark draw a visible "TEST" watermark on every page (renders made with a ck_test_ key)
 */
public record RenderInput(JsonNode layout, JsonNode data, PageSetup page, String title, Instant documentDate,
    boolean watermark) {

  /**
   * Most items one loop array may hold: the data validator refuses more, and both engines refuse a longer table
   * for data that did not go through it.
   */
  public static final int MAX_LOOP_ITEMS = 10_000;
}
