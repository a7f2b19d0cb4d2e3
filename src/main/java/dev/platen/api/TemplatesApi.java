package dev.platen.api;

import dev.platen.auth.Principal;
import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import dev.platen.store.TemplateStore;
import dev.platen.store.TemplateStore.Published;
import dev.platen.store.TemplateStore.TemplateRow;
import dev.platen.templates.EngineChoices;
import dev.platen.templates.Slugs;
import dev.platen.templates.TemplateDraft;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** /v1/templates: publish, list, read, republish and delete templates of the calling project. */
final class TemplatesApi {
  private final TemplateStore templates;
  private final TemplateEditing editing;
  private final JsonMapper json;
  private final Bodies out;
  private final EngineChoices engines = new EngineChoices();

  TemplatesApi(TemplateStore templates, TemplateEditing editing, JsonMapper json, Bodies out) {
    this.templates = templates;
    this.editing = editing;
    this.json = json;
    this.out = out;
  }

  static PlatenException templateNotFound(String slug) {
    return PlatenException.notFound("template_not_found", "No template with slug '" + slug + "' in this project.");
  }

  void create(Context ctx, Principal p) {
    TemplateEditing.Publication done = editing.create(p.projectId(), Json.readBody(ctx, json));
    out.send(ctx, 201, published(done.published(), done.draft()));
  }

  void put(Context ctx, Principal p) {
    String slug = ctx.pathParam("slug");
    // the slug is checked before the body is read, as before the editor shared this code
    JsonNode body = Slugs.isValid(slug) ? Json.readBody(ctx, json) : json.createObjectNode();
    TemplateEditing.Publication done = editing.publish(p.projectId(), slug, body);
    out.send(ctx, done.published().created() ? 201 : 200, published(done.published(), done.draft()));
  }

  private static Map<String, Object> published(Published pub, TemplateDraft d) {
    return Bodies.map("id", pub.template().id(), "slug", pub.template().slug(),
        "currentVersionNumber", pub.version().versionNumber(), "manifest", d.manifest().toJson());
  }

  void list(Context ctx, Principal p) {
    List<Map<String, Object>> items = templates.list(p.projectId()).stream().map(TemplatesApi::summary).toList();
    out.send(ctx, 200, Map.of("templates", items));
  }

  private static Map<String, Object> summary(TemplateRow t) {
    return Bodies.map("id", t.id(), "name", t.name(), "slug", t.slug(), "templateType", "document",
        "currentVersionNumber", t.currentVersion(), "published", t.currentVersion() != null,
        "createdAt", Json.time(t.createdAt()), "updatedAt", Json.time(t.updatedAt()));
  }

  void get(Context ctx, Principal p) {
    String slug = ctx.pathParam("slug");
    TemplateRow t = templates.findLive(p.projectId(), slug).orElseThrow(() -> templateNotFound(slug));
    JsonNode manifest = null;
    JsonNode schema = null;
    EngineChoices.Choice engine = null;
    if (t.currentVersion() != null) {
      var v = templates.version(t.id(), t.currentVersion()).orElseThrow();
      manifest = json.readTree(v.manifest());
      schema = json.readTree(v.jsonSchema());
      engine = engines.of(v.id(), tree(v.layout()), tree(v.pageConfig()));
    }
    Map<String, Object> body = Bodies.map("id", t.id(), "name", t.name(), "slug", t.slug(),
        "description", t.description(), "templateType", "document", "currentVersionNumber", t.currentVersion(),
        "published", t.currentVersion() != null, "manifest", manifest, "jsonSchema", schema,
        "createdAt", Json.time(t.createdAt()), "updatedAt", Json.time(t.updatedAt()));
    // which engine draws the current version (a Platen extension), and why not the direct one
    body.put("engine", engine == null ? null : engine.engine());
    if (engine != null && engine.reason() != null) body.put("engineReason", engine.reason());
    out.send(ctx, 200, body);
  }

  /** GET /v1/templates/:slug/versions: the history, oldest first, without the bodies. */
  void versions(Context ctx, Principal p) {
    String slug = ctx.pathParam("slug");
    TemplateRow t = templates.findLive(p.projectId(), slug).orElseThrow(() -> templateNotFound(slug));
    List<Map<String, Object>> items = templates.versions(t.id()).stream()
        .map(v -> Bodies.map("versionNumber", v.versionNumber(), "createdAt", Json.time(v.publishedAt()),
            "name", v.name()))
        .toList();
    out.send(ctx, 200, Map.of("versions", items));
  }

  /** GET /v1/templates/:slug/versions/:n: one version as it was published. */
  void version(Context ctx, Principal p) {
    String slug = ctx.pathParam("slug");
    TemplateRow t = templates.findLive(p.projectId(), slug).orElseThrow(() -> templateNotFound(slug));
    String n = ctx.pathParam("n");
    // Anything that is not a version number names no version: 404 like an unknown number, not a 400.
    var v = (n.matches("[1-9][0-9]{0,8}") ? templates.version(t.id(), Integer.parseInt(n))
        : java.util.Optional.<TemplateStore.VersionRow>empty())
        .orElseThrow(() -> PlatenException.notFound("version_not_found", "Template '" + slug + "' has no version "
            + (n.length() > 20 ? n.substring(0, 20) + "…" : n) + "."));
    out.send(ctx, 200, Bodies.map("versionNumber", v.versionNumber(), "manifest", tree(v.manifest()),
        "layout", tree(v.layout()), "pageConfig", tree(v.pageConfig()), "jsonSchema", tree(v.jsonSchema()),
        "createdAt", Json.time(v.publishedAt())));
  }

  private JsonNode tree(String stored) {
    return stored == null ? null : json.readTree(stored);
  }

  void delete(Context ctx, Principal p) {
    String slug = ctx.pathParam("slug");
    TemplateRow t = templates.delete(p.projectId(), slug).orElseThrow(() -> templateNotFound(slug));
    out.send(ctx, 200, Bodies.map("id", t.id(), "slug", t.slug(), "deletedAt", Json.time(t.deletedAt())));
  }
}
