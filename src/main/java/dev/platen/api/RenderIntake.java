package dev.platen.api;

import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import dev.platen.jobs.NewRender;
import dev.platen.jobs.RenderAdmission;
import dev.platen.jobs.RenderQueue;
import dev.platen.jobs.RenderRecord;
import dev.platen.store.Ids;
import dev.platen.store.TemplateStore;
import dev.platen.store.TemplateStore.TemplateRow;
import dev.platen.templates.DataValidator;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Taking a render into the queue, whichever way it came in (a project key on {@code POST …/render}, or a template's
 * inbound token on {@code POST /v1/hooks/:token}): idempotent replays, the version and its manifest, the data
 * checked against it, the queue's limits, the insert and its answer. Both ways get the same rules from here.
 */
final class RenderIntake {
  static final int MAX_IDEMPOTENCY_KEY = 200;

  private final PublishedManifests manifests;
  private final RenderQueue renders;
  private final JsonMapper json;
  private final Bodies out;
  private final RenderViews views;
  private final RenderAdmission admission;

  RenderIntake(TemplateStore templates, RenderQueue renders, JsonMapper json, Bodies out, RenderViews views,
      RenderAdmission admission) {
    this.manifests = new PublishedManifests(templates, json, 1_000);
    this.renders = renders;
    this.json = json;
    this.out = out;
    this.views = views;
    this.admission = admission;
  }

  /**
   * A render to take. {@code versionNumber} null means the template's current version; {@code filename} null means
   * {@code <slug>-<id>.pdf}; {@code idempotencyKey} null means never deduplicated.
   */
  record Submission(String projectId, boolean watermark, String idempotencyKey, TemplateRow template,
      Integer versionNumber, JsonNode data, String filename) {}

  /**
   * The {@code Idempotency-Key} header, trimmed, or null when absent.
   *
   * @throws PlatenException 400 {@code invalid_request} when it is repeated, empty or over 200 characters
   */
  static String headerKey(Context ctx) {
    var headers = ctx.req().getHeaders("Idempotency-Key");
    if (headers == null || !headers.hasMoreElements()) return null;
    String h = headers.nextElement().trim();
    if (headers.hasMoreElements()) {
      throw PlatenException.invalidRequest(new Issues().add("Idempotency-Key", "Send the header once."));
    }
    if (h.isEmpty() || h.length() > MAX_IDEMPOTENCY_KEY) {
      throw PlatenException.invalidRequest(new Issues().add("Idempotency-Key", "Must be 1 to 200 characters."));
    }
    return h;
  }

  /**
   * Answers 200 with the project's render under {@code key}, if there is one (docs/decisions.md D3): a replay wins
   * over whatever else the request says. The inbound hook asks first; the render route asks only once the request
   * was refused, since an accepted one meets the key at its insert ({@link #submit}) and is answered there.
   *
   * @return whether it answered
   */
  boolean replayed(Context ctx, String projectId, String key, Function<RenderRecord, Map<String, Object>> view) {
    if (key == null) return false;
    Optional<RenderRecord> existing = renders.findByIdempotencyKey(projectId, key);
    existing.ifPresent(r -> out.send(ctx, 200, view.apply(r)));
    return existing.isPresent();
  }

  /**
   * Checks and queues {@code s}, then answers 202 with {@code view} of the new render and its {@code pollUrl} as
   * {@code Location} (or 200 with the render a concurrent request under the same key made first).
   */
  void submit(Context ctx, Submission s, Function<RenderRecord, Map<String, Object>> view) {
    TemplateRow t = s.template();
    if (t.currentVersion() == null) {
      throw new PlatenException(409, "no_published_version", "Template '" + t.slug() + "' has no published version.");
    }
    int number = s.versionNumber() != null ? s.versionNumber() : t.currentVersion();
    PublishedManifests.Version v = manifests.find(t.id(), number).orElseThrow(() -> PlatenException.notFound(
        "version_not_found", "Template '" + t.slug() + "' has no version " + number + "."));
    ObjectNode data = DataValidator.validate(v.manifest(), s.data());

    String id = Ids.newId();
    String filename = s.filename() != null ? s.filename() : t.slug() + "-" + id + ".pdf";
    NewRender r = new NewRender(id, s.projectId(), t.id(), v.versionId(), json.writeValueAsString(data), filename,
        s.watermark(), s.idempotencyKey(), Ids.token(24));
    Optional<RenderRecord> inserted = admission.admit(r);
    if (inserted.isEmpty()) {
      // A concurrent request with the same key won the unique constraint: answer with its render.
      out.send(ctx, 200, view.apply(renders.findByIdempotencyKey(s.projectId(), s.idempotencyKey()).orElseThrow()));
      return;
    }
    ctx.header("Location", views.pollUrl(id));
    out.send(ctx, 202, view.apply(inserted.get()));
  }
}
