package dev.platen.templates;

import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import dev.platen.render.PageSetup;
import dev.platen.render.html.LayoutCheck;
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
  public static final int MAX_NAME_LENGTH = 120;
  public static final int MAX_DESCRIPTION_LENGTH = 280;

  /**
   * @param body the parsed request body
   * @param acceptSlug false for PUT: a body {@code slug} is ignored
   * @throws dev.platen.errors.PlatenException 400 {@code invalid_request} (all problems at once, paths like
   *     {@code name}, {@code manifest.variables.0.dataType}, {@code pageConfig.format}) or {@code invalid_loop_key}
   */
  public static TemplateDraft parse(JsonNode body, boolean acceptSlug) {
    if (body == null || !body.isObject()) throw PlatenException.invalidRequest(Issues.form("Expected a JSON object"));
    Problems problems = new Problems();
    FieldReader r = new FieldReader(body, "", problems);
    String name = r.requiredString("name", 1, MAX_NAME_LENGTH, true);
    String slug = acceptSlug ? readSlug(r, problems) : null;
    String description = r.optionalString("description", MAX_DESCRIPTION_LENGTH);
    Manifest manifest = ManifestParser.read(body.get("manifest"), "manifest", problems);
    ObjectNode layout = readLayout(body.get("layout"), problems);
    PageConfigParser.PageConfig page = PageConfigParser.read(body.get("pageConfig"), "pageConfig", problems);
    problems.throwIfAny();
    if (layout == null) layout = LayoutSynthesizer.synthesize(manifest, name);
    return new TemplateDraft(name, slug, description, manifest, layout, page.setup(), page.json());
  }

  private static String readSlug(FieldReader r, Problems problems) {
    String slug = r.optionalString("slug", Slugs.MAX_LENGTH);
    if (slug == null || Slugs.isValid(slug)) return slug;
    problems.add("slug", "Invalid slug: use lowercase letters and digits in words joined by single hyphens,"
        + " like invoice-2026");
    return null;
  }

  /**
   * Checked as far as publishing can tell (block types and required props, or that an HTML layout compiles), so a
   * layout that cannot render is refused here rather than failing every render later.
   */
  private static ObjectNode readLayout(JsonNode node, Problems problems) {
    if (FieldReader.isAbsent(node)) return null;
    if (!node.isObject()) {
      problems.add("layout", FieldReader.expected("object", node));
      return null;
    }
    LayoutCheck.check(node, "layout", new Issues()).fieldErrors()
        .forEach((path, messages) -> messages.forEach(m -> problems.add(path, m)));
    return ((ObjectNode) node).deepCopy();
  }
}
