package dev.platen.templates;

import dev.platen.render.PageSetup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated POST/PUT /v1/templates body.
 *
 * @param slug the explicit slug, or null when it is to be derived (always null for PUT, where the URL wins)
 * @param description null when absent
 * @param layout the explicit layout, or the synthesised one when the body had none
 * @param pageConfig the page config as echoed/stored (normalised JSON)
 */
public record TemplateDraft(String name, String slug, String description, Manifest manifest, ObjectNode layout,
    PageSetup page, ObjectNode pageConfig) {

  /**
   * @param body the parsed request body
   * @param acceptSlug false for PUT: a body {@code slug} is ignored
   * @throws dev.platen.errors.PlatenException 400 {@code invalid_request} (all problems at once, paths like
   *     {@code name}, {@code manifest.variables.0.dataType}, {@code pageConfig.format}) or {@code invalid_loop_key}
   */
  public static TemplateDraft parse(JsonNode body, boolean acceptSlug) {
    throw new UnsupportedOperationException("TODO");
  }
}
