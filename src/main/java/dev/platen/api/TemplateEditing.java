package dev.platen.api;

import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import dev.platen.jobs.Previews;
import dev.platen.jobs.VersionCache.StoredVersion;
import dev.platen.store.SlugTaken;
import dev.platen.store.TemplateStore;
import dev.platen.store.TemplateStore.NewVersion;
import dev.platen.store.TemplateStore.Published;
import dev.platen.store.TemplateStore.TemplateRow;
import dev.platen.store.TemplateStore.VersionRow;
import dev.platen.templates.DataValidator;
import dev.platen.templates.JsonSchemas;
import dev.platen.templates.Manifest;
import dev.platen.templates.SampleData;
import dev.platen.templates.Slugs;
import dev.platen.templates.TemplateDraft;
import java.time.InstantSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishing and previewing templates: the code behind {@code PUT /v1/templates/:slug}, {@code POST /v1/preview}
 * and {@code POST /v1/templates/:slug/preview}, shared with the dashboard's editor so that what the editor shows and
 * publishes is exactly what the API would.
 */
public final class TemplateEditing {
  /** A preview's PDF and the file name it is offered under. */
  public record Pdf(byte[] bytes, String filename) {}

  private final TemplateStore templates;
  private final PublishedManifests manifests;
  private final Previews previews;
  private final JsonMapper json;
  private final InstantSource clock;

  public TemplateEditing(TemplateStore templates, Previews previews, JsonMapper json, InstantSource clock) {
    this.templates = templates;
    this.manifests = new PublishedManifests(templates, json, 1_000);
    this.previews = previews;
    this.json = json;
    this.clock = clock;
  }

  /** A version just published, and the draft it was parsed from. */
  public record Publication(Published published, TemplateDraft draft) {}

  /** PUT /v1/templates/:slug's body published as the template's next version (or its first). */
  public Publication publish(String projectId, String slug, JsonNode body) {
    if (!Slugs.isValid(slug)) {
      // The URL's slug, not a body field: a client looking for "slug" in its body would find nothing wrong there.
      String shown = slug.length() > 80 ? slug.substring(0, 80) + "…" : slug;
      throw new PlatenException(400, "invalid_request", "The slug in the URL, '" + shown + "', is not valid.",
          Issues.form("The slug in the URL, '" + shown + "', is not valid: slugs are lowercase letters, digits and "
              + "single dashes (kebab-case), at most 120 characters."));
    }
    TemplateDraft d = TemplateDraft.parse(body, false);
    return new Publication(templates.put(projectId, slug, version(d)), d);
  }

  /**
   * POST /v1/templates's body published as a new template: its slug as given, or derived from its name.
   *
   * @throws PlatenException 409 {@code slug_conflict} when a live template holds the given slug
   */
  public Publication create(String projectId, JsonNode body) {
    TemplateDraft d = TemplateDraft.parse(body, true);
    try {
      return new Publication(templates.create(projectId, d.slug(), Slugs.derive(d.name()), version(d)), d);
    } catch (SlugTaken e) {
      throw new PlatenException(409, "slug_conflict", "A template with slug '" + e.slug() + "' already exists.");
    }
  }

  /**
   * {@code data} checked and coerced against the manifest of the template's version {@code number}, as a render
   * request's data is.
   *
   * @throws PlatenException 404 {@code version_not_found}, or 400 with the data's problems
   */
  public ObjectNode renderData(TemplateRow t, int number, JsonNode data) {
    PublishedManifests.Version v = manifests.find(t.id(), number).orElseThrow(() -> PlatenException.notFound(
        "version_not_found", "Template '" + t.slug() + "' has no version " + number + "."));
    return DataValidator.validate(v.manifest(), data);
  }

  NewVersion version(TemplateDraft d) {
    return new NewVersion(d.name(), d.description(), json.writeValueAsString(d.manifest().toJson()),
        json.writeValueAsString(JsonSchemas.draft07(d.manifest())), json.writeValueAsString(d.layout()),
        json.writeValueAsString(d.pageConfig()));
  }

  /** Sample data for a stored manifest's JSON text: its previewData, or a value per data type. */
  public ObjectNode sampleData(String manifestJson) {
    try {
      return SampleData.of(Manifest.parse(json.readTree(manifestJson), "manifest"));
    } catch (JacksonException | PlatenException e) {
      return json.createObjectNode();
    }
  }

  /** POST /v1/templates/:slug/preview {data, versionNumber?, layout?, pageConfig?}. */
  public Pdf previewVersion(String projectId, String slug, JsonNode body, boolean watermark) {
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
    TemplateRow t = templates.findLive(projectId, slug).orElseThrow(() -> TemplatesApi.templateNotFound(slug));
    if (t.currentVersion() == null) {
      throw new PlatenException(409, "no_published_version", "Template '" + slug + "' has no published version.");
    }
    int number = versionNumber != null ? versionNumber : t.currentVersion();
    PublishedManifests.Version v = manifests.find(t.id(), number).orElseThrow(() -> PlatenException.notFound(
        "version_not_found", "Template '" + slug + "' has no version " + number + "."));
    boolean edited = present(body.get("layout")) || present(body.get("pageConfig"));
    StoredVersion edit = edited ? edit(t, number, body) : null;
    String clean = json.writeValueAsString(DataValidator.validate(v.manifest(), data));
    try {
      byte[] pdf = edit == null ? previews.render(v.versionId(), clean, watermark)
          : previews.render(edit, clean, watermark);
      return new Pdf(pdf, t.slug() + "-preview.pdf");
    } catch (Previews.Busy e) {
      throw busy();
    } catch (Previews.Failed e) {
      throw failed(e);
    }
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
  public Pdf previewDraft(JsonNode body, boolean watermark) {
    TemplateDraft d = TemplateDraft.parse(body, true);
    Issues issues = new Issues();
    JsonNode data = data(body, issues);
    issues.throwIfAnyAsInvalidRequest();
    // As stored at publish time and read back by a render request, so coercion is the published template's.
    Manifest manifest = Manifest.parse(json.readTree(json.writeValueAsString(d.manifest().toJson())), "manifest");
    String clean = json.writeValueAsString(DataValidator.validate(manifest, data));
    StoredVersion draft = new StoredVersion(d.name(), json.writeValueAsString(d.layout()),
        json.writeValueAsString(d.pageConfig()), clock.millis());
    try {
      return new Pdf(previews.render(draft, clean, watermark),
          (d.slug() != null ? d.slug() : "template") + "-preview.pdf");
    } catch (Previews.Busy e) {
      throw busy();
    } catch (Previews.Failed e) {
      throw failed(e);
    }
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
}
