package dev.platen.api;

import dev.platen.auth.Principal;
import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import dev.platen.jobs.Previews;
import dev.platen.jobs.VersionCache.StoredVersion;
import dev.platen.store.TemplateStore;
import dev.platen.store.TemplateStore.TemplateRow;
import dev.platen.store.TemplateStore.VersionRow;
import dev.platen.templates.DataValidator;
import dev.platen.templates.Manifest;
import dev.platen.templates.TemplateDraft;
import io.javalin.http.Context;
import java.time.InstantSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Previews (a Platen extension): the PDF of a template and data, answered synchronously, with the render's own
 * checks and error codes, and nothing stored. {@code POST /v1/templates/:slug/preview} takes a published version,
 * optionally with an unsaved layout or page configuration; {@code POST /v1/preview} a whole unsaved template.
 */
final class PreviewsApi {
  private final TemplateStore templates;
  private final PublishedManifests manifests;
  private final Previews previews;
  private final JsonMapper json;
  private final InstantSource clock;

  PreviewsApi(TemplateStore templates, Previews previews, JsonMapper json, InstantSource clock) {
    this.templates = templates;
    this.manifests = new PublishedManifests(templates, json, 1_000);
    this.previews = previews;
    this.json = json;
    this.clock = clock;
  }

  /** POST /v1/templates/:slug/preview {data, versionNumber?, layout?, pageConfig?}. */
  void template(Context ctx, Principal p) throws Exception {
    JsonNode body = Json.readObject(ctx, json);
    Issues issues = new Issues();
    JsonNode data = data(body, issues);
    Integer versionNumber = null;
    JsonNode vn = body.get("versionNumber");
    if (vn != null && !vn.isNull()) {
      if (vn.isIntegralNumber() && vn.canConvertToInt() && vn.asInt() >= 1) {
        versionNumber = vn.asInt();
      } else {
        issues.add("versionNumber", "Must be an integer of at least 1.");
      }
    }
    issues.throwIfAnyAsInvalidRequest();
    String slug = ctx.pathParam("slug");
    TemplateRow t = templates.findLive(p.projectId(), slug).orElseThrow(() -> TemplatesApi.templateNotFound(slug));
    if (t.currentVersion() == null) {
      throw new PlatenException(409, "no_published_version", "Template '" + slug + "' has no published version.");
    }
    int number = versionNumber != null ? versionNumber : t.currentVersion();
    PublishedManifests.Version v = manifests.find(t.id(), number).orElseThrow(() -> PlatenException.notFound(
        "version_not_found", "Template '" + slug + "' has no version " + number + "."));
    boolean edited = present(body.get("layout")) || present(body.get("pageConfig"));
    StoredVersion edit = edited ? edit(t, number, body) : null;
    String clean = json.writeValueAsString(DataValidator.validate(v.manifest(), data));
    byte[] pdf;
    try {
      pdf = edit == null ? previews.render(v.versionId(), clean, p.testKey())
          : previews.render(edit, clean, p.testKey());
    } catch (Previews.Busy e) {
      throw busy();
    } catch (Previews.Failed e) {
      throw failed(e);
    }
    send(ctx, pdf, t.slug() + "-preview.pdf");
  }

  /**
   * The published version with the body's layout and page configuration in place of its own, checked as publishing
   * checks them; its name and date stay, so the preview is what publishing the edit would render, date aside.
   */
  private StoredVersion edit(TemplateRow t, int number, JsonNode body) {
    VersionRow row = templates.version(t.id(), number).orElseThrow();
    ObjectNode asPublished = json.createObjectNode();
    asPublished.put("name", row.name());
    asPublished.set("manifest", json.readTree(row.manifest()));
    if (present(body.get("layout"))) asPublished.set("layout", body.get("layout"));
    if (present(body.get("pageConfig"))) asPublished.set("pageConfig", body.get("pageConfig"));
    TemplateDraft d = TemplateDraft.parse(asPublished, false);
    String layout = present(body.get("layout")) ? json.writeValueAsString(d.layout()) : row.layout();
    String pageConfig = present(body.get("pageConfig")) ? json.writeValueAsString(d.pageConfig()) : row.pageConfig();
    return new StoredVersion(row.name(), layout, pageConfig, row.publishedAt());
  }

  /** POST /v1/preview: a template body as POST /v1/templates takes it, plus {@code data}. */
  void draft(Context ctx, Principal p) throws Exception {
    JsonNode body = Json.readBody(ctx, json);
    TemplateDraft d = TemplateDraft.parse(body, true);
    Issues issues = new Issues();
    JsonNode data = data(body, issues);
    issues.throwIfAnyAsInvalidRequest();
    // As stored at publish time and read back by a render request, so coercion is the published template's.
    Manifest manifest = Manifest.parse(json.readTree(json.writeValueAsString(d.manifest().toJson())), "manifest");
    String clean = json.writeValueAsString(DataValidator.validate(manifest, data));
    StoredVersion draft = new StoredVersion(d.name(), json.writeValueAsString(d.layout()),
        json.writeValueAsString(d.pageConfig()), clock.millis());
    byte[] pdf;
    try {
      pdf = previews.render(draft, clean, p.testKey());
    } catch (Previews.Busy e) {
      throw busy();
    } catch (Previews.Failed e) {
      throw failed(e);
    }
    send(ctx, pdf, (d.slug() != null ? d.slug() : "template") + "-preview.pdf");
  }

  private static JsonNode data(JsonNode body, Issues issues) {
    JsonNode data = body.get("data");
    if (data == null || data.isNull()) {
      issues.add("data", "Required");
    } else if (!data.isObject()) {
      issues.add("data", "Expected an object of variable values.");
    }
    return data;
  }

  private static boolean present(JsonNode n) {
    return n != null && !n.isNull();
  }

  /** ApiErrors adds Retry-After to every 503. */
  private static PlatenException busy() {
    return new PlatenException(503, "queue_unavailable", "Too many previews are being rendered at once; retry shortly.");
  }

  private static PlatenException failed(Previews.Failed e) {
    if (e.retryable()) return new PlatenException(503, "queue_unavailable", "The preview could not start: " + e.getMessage() + "; retry shortly.");
    return new PlatenException(422, "render_failed", "The preview could not be rendered: " + e.getMessage());
  }

  private static void send(Context ctx, byte[] pdf, String filename) {
    ctx.status(200).contentType("application/pdf");
    ctx.header("Content-Disposition", "inline; filename=\"" + filename + "\"");
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    Downloads.write(ctx, pdf);
  }
}
