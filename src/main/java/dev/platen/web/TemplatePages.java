package dev.platen.web;

import dev.platen.api.TemplateEditing;
import dev.platen.errors.PlatenException;
import dev.platen.jobs.NewRender;
import dev.platen.jobs.RenderRecord;
import dev.platen.store.Ids;
import dev.platen.store.TemplateListStore;
import dev.platen.store.TemplateStore;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Templates: the list (keyset pages, searched by the database), a new template from scratch or from one of the
 * examples, a template's versions, the diff of two of them, a render of one, and deleting. Creating goes through
 * {@link TemplateEditing#create}, the code of {@code POST /v1/templates}; deleting through the store call of
 * {@code DELETE /v1/templates/:slug}; a render through the API's data checks and queue limits.
 */
final class TemplatePages {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  /** The examples shipped in the jar (examples/*.json in the repository), in the order the form offers them. */
  static final List<String> EXAMPLES = List.of("invoice", "statement", "delivery-note", "certificate");
  static final int PAGE_SIZE = 50;
  private static final int MAX_SEARCH = 100;

  private final Dashboard dash;
  private final Services svc;
  private final InstantSource clock;
  private final JsonMapper json = JsonMapper.builder().build();

  TemplatePages(Dashboard dash, Services svc, InstantSource clock) {
    this.dash = dash;
    this.svc = svc;
    this.clock = clock;
  }

  // ---- list --------------------------------------------------------------------------------------------------------

  void list(Context ctx, Sessions.Session s) {
    String q = Optional.ofNullable(ctx.queryParam("q")).map(String::strip).orElse("");
    if (q.length() > MAX_SEARCH) {
      throw new PlatenException(400, "invalid_request", "Search for at most " + MAX_SEARCH + " characters.");
    }
    String cursor = ctx.queryParam("cursor");
    Long at = null;
    String id = null;
    if (cursor != null && !cursor.isBlank()) {
      String[] parts = decodeCursor(cursor);
      if (parts == null) throw new PlatenException(400, "invalid_request", "Not a cursor from this list.");
      at = Long.parseLong(parts[0]);
      id = parts[1];
    }
    List<TemplateStore.TemplateRow> page = new ArrayList<>(svc.templateList().page(s.projectId(),
        new TemplateListStore.Filter(q.isEmpty() ? null : q, at, id), PAGE_SIZE + 1));
    String next = "";
    if (page.size() > PAGE_SIZE) {
      page = page.subList(0, PAGE_SIZE);
      TemplateStore.TemplateRow last = page.getLast();
      next = "/app/templates?" + (q.isEmpty() ? "" : "q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8)
          + "&") + "cursor=" + encodeCursor(last.updatedAt(), last.id());
    }
    Map<String, Object> m = new HashMap<>();
    m.put("chrome", dash.chrome(s, "templates", "Templates"));
    m.put("q", q);
    m.put("templates", page);
    m.put("total", svc.templateList().count(s.projectId()));
    m.put("next", next);
    m.put("deleted", Optional.ofNullable(ctx.queryParam("deleted")).filter(x -> SLUG.matcher(x).matches())
        .orElse(""));
    dash.page(ctx, 200, "templates.jte", m);
  }

  // ---- one template and its versions -------------------------------------------------------------------------------

  private TemplateStore.TemplateRow find(Context ctx, Sessions.Session s) {
    return live(svc, ctx, s);
  }

  /** The session's project's live template named by the path's slug, or 404; the editor's pages ask it too. */
  static TemplateStore.TemplateRow live(Services svc, Context ctx, Sessions.Session s) {
    String slug = ctx.pathParam("slug");
    return (SLUG.matcher(slug).matches() && slug.length() <= 120 ? svc.templates().findLive(s.projectId(), slug)
        : Optional.<TemplateStore.TemplateRow>empty())
        .orElseThrow(() -> PlatenException.notFound("not_found", "No template '" + abbreviate(slug)
            + "' in this project."));
  }

  private TemplateStore.VersionRow version(TemplateStore.TemplateRow t, String number) {
    return (number != null && number.matches("[1-9][0-9]{0,8}")
        ? svc.templates().version(t.id(), Integer.parseInt(number)) : Optional.<TemplateStore.VersionRow>empty())
        .orElseThrow(() -> PlatenException.notFound("version_not_found", "Template '" + t.slug()
            + "' has no version " + abbreviate(String.valueOf(number)) + "."));
  }

  void show(Context ctx, Sessions.Session s) {
    TemplateStore.TemplateRow t = find(ctx, s);
    List<TemplateStore.VersionRow> versions = new ArrayList<>(svc.templates().versions(t.id()));
    versions.sort((a, b) -> Integer.compare(b.versionNumber(), a.versionNumber()));
    String v = ctx.queryParam("version");
    TemplateStore.VersionRow shown = v != null ? version(t, v)
        : versions.stream().filter(x -> t.currentVersion() != null && x.versionNumber() == t.currentVersion())
            .findFirst().orElse(versions.isEmpty() ? null : versions.getFirst());
    Map<String, Object> m = new HashMap<>();
    m.put("chrome", dash.chrome(s, "templates", t.name()));
    m.put("t", t);
    m.put("versions", versions);
    m.put("shown", shown);
    m.put("manifest", shown == null ? "" : Views.pretty(shown.manifest()));
    m.put("layout", shown == null ? "" : Views.pretty(shown.layout()));
    m.put("pageConfig", shown == null ? "" : Views.pretty(shown.pageConfig()));
    m.put("published", shown == null ? "" : Views.time(shown.publishedAt()));
    dash.page(ctx, 200, "template.jte", m);
  }

  /** A side-by-side diff of two versions' manifest, layout and page settings ({@code ?a=1&b=2}). */
  void diff(Context ctx, Sessions.Session s) {
    TemplateStore.TemplateRow t = find(ctx, s);
    int current = t.currentVersion() == null ? 1 : t.currentVersion();
    TemplateStore.VersionRow a = version(t, Optional.ofNullable(ctx.queryParam("a"))
        .orElse(Integer.toString(Math.max(1, current - 1))));
    TemplateStore.VersionRow b = version(t, Optional.ofNullable(ctx.queryParam("b"))
        .orElse(Integer.toString(current)));
    Map<String, List<LineDiff.Row>> parts = new java.util.LinkedHashMap<>();
    parts.put("Manifest", LineDiff.of(Views.pretty(a.manifest()), Views.pretty(b.manifest())));
    parts.put("Layout", LineDiff.of(Views.pretty(a.layout()), Views.pretty(b.layout())));
    parts.put("Page settings", LineDiff.of(Views.pretty(a.pageConfig()), Views.pretty(b.pageConfig())));
    Map<String, Boolean> changed = new HashMap<>();
    parts.forEach((k, rows) -> changed.put(k, LineDiff.changed(rows)));
    parts.replaceAll((k, rows) -> LineDiff.folded(rows));
    Map<String, Object> m = new HashMap<>();
    m.put("chrome", dash.chrome(s, "templates", "Compare versions of " + t.name()));
    m.put("t", t);
    m.put("a", a.versionNumber());
    m.put("b", b.versionNumber());
    m.put("numbers", svc.templates().versions(t.id()).stream().map(TemplateStore.VersionRow::versionNumber)
        .toList());
    m.put("parts", parts);
    m.put("changed", changed);
    dash.page(ctx, 200, "template_diff.jte", m);
  }

  // ---- render one version ------------------------------------------------------------------------------------------

  void renderForm(Context ctx, Sessions.Session s) {
    TemplateStore.TemplateRow t = find(ctx, s);
    TemplateStore.VersionRow v = version(t, ctx.pathParam("n"));
    renderFormPage(ctx, s, 200, t, v, json.writerWithDefaultPrettyPrinter()
        .writeValueAsString(svc.editing().sampleData(v.manifest())), "");
  }

  private void renderFormPage(Context ctx, Sessions.Session s, int status, TemplateStore.TemplateRow t,
      TemplateStore.VersionRow v, String data, String error) {
    Map<String, Object> m = new HashMap<>();
    m.put("chrome", dash.chrome(s, "templates", "Render " + t.name()));
    m.put("t", t);
    m.put("n", v.versionNumber());
    m.put("data", data);
    m.put("error", error);
    dash.page(ctx, status, "template_render.jte", m);
  }

  /**
   * Queues a render of this version with the form's data, checked against the version's manifest as a render
   * request's data is, under the API's queue limits.
   */
  void render(Context ctx, Sessions.Session s) {
    TemplateStore.TemplateRow t = find(ctx, s);
    TemplateStore.VersionRow v = version(t, ctx.pathParam("n"));
    String text = Optional.ofNullable(ctx.formParam("data")).orElse("");
    ObjectNode data;
    try {
      JsonNode parsed = json.readTree(text.isBlank() ? "{}" : text);
      data = svc.editing().renderData(t, v.versionNumber(), parsed);
    } catch (JacksonException e) {
      var where = e.getLocation();
      renderFormPage(ctx, s, 400, t, v, text, "The data is not valid JSON" + (where == null ? "" : " (line "
          + where.getLineNr() + ", column " + where.getColumnNr() + ")") + ".");
      return;
    } catch (PlatenException e) {
      if (e.status() != 400) throw e;
      renderFormPage(ctx, s, 400, t, v, text, Dashboard.describe(e));
      return;
    }
    String id = Ids.newId();
    RenderRecord queued = svc.admission().admit(new NewRender(id, s.projectId(), t.id(), v.id(),
            json.writeValueAsString(data), t.slug() + "-" + id + ".pdf", s.viewer().testKey(), null, Ids.token(24)))
        .orElseThrow(); // no idempotency key: the insert cannot meet another render's
    ctx.redirect("/app/renders/" + queued.id(), HttpStatus.SEE_OTHER);
  }

  // ---- create and delete -------------------------------------------------------------------------------------------

  void newForm(Context ctx, Sessions.Session s) {
    newFormPage(ctx, s, 200, "", "", Optional.ofNullable(ctx.queryParam("example"))
        .filter(EXAMPLES::contains).orElse(""), "");
  }

  private void newFormPage(Context ctx, Sessions.Session s, int status, String name, String slug, String example,
      String error) {
    Map<String, Object> m = new HashMap<>();
    m.put("chrome", dash.chrome(s, "templates", "New template"));
    m.put("name", name);
    m.put("slug", slug);
    m.put("example", example);
    m.put("examples", EXAMPLES);
    m.put("error", error);
    dash.page(ctx, status, "template_new.jte", m);
  }

  /**
   * POST /app/templates: version 1 of a new template, blank (no variables, the default layout) or a copy of an
   * example's manifest, layout and page settings; then its editor.
   */
  void create(Context ctx, Sessions.Session s) {
    String name = Optional.ofNullable(ctx.formParam("name")).map(String::strip).orElse("");
    String slug = Optional.ofNullable(ctx.formParam("slug")).map(String::strip).orElse("");
    String example = Optional.ofNullable(ctx.formParam("example")).orElse("");
    if (!example.isEmpty() && !EXAMPLES.contains(example)) {
      newFormPage(ctx, s, 400, name, slug, "", "Choose one of the examples, or start from scratch.");
      return;
    }
    ObjectNode body = example.isEmpty() ? json.createObjectNode() : example(example);
    if (example.isEmpty()) body.putObject("manifest").putArray("variables");
    body.remove("slug");
    if (!name.isEmpty()) body.put("name", name);
    if (!slug.isEmpty()) body.put("slug", slug);
    TemplateEditing.Publication done;
    try {
      done = svc.editing().create(s.projectId(), body);
    } catch (PlatenException e) {
      if (e.status() >= 500) throw e;
      newFormPage(ctx, s, e.status(), name, slug, example, Dashboard.describe(e));
      return;
    }
    ctx.redirect("/app/templates/" + done.published().template().slug() + "/edit", HttpStatus.SEE_OTHER);
  }

  private ObjectNode example(String name) {
    try (InputStream in = TemplatePages.class.getResourceAsStream("/examples/" + name + ".json")) {
      if (in == null) throw new IllegalStateException("example " + name + " is missing from the jar");
      return (ObjectNode) json.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void confirmDelete(Context ctx, Sessions.Session s) {
    TemplateStore.TemplateRow t = find(ctx, s);
    dash.page(ctx, 200, "template_delete.jte", Map.of("chrome", dash.chrome(s, "templates", "Delete " + t.name()),
        "t", t));
  }

  /** As {@code DELETE /v1/templates/:slug}: the template is gone from lists, its renders and versions stay. */
  void delete(Context ctx, Sessions.Session s) {
    TemplateStore.TemplateRow t = find(ctx, s);
    if (!"yes".equals(ctx.formParam("confirm"))) {
      throw new PlatenException(400, "invalid_request", "Confirm the deletion on the template's delete page.");
    }
    svc.templates().delete(s.projectId(), t.slug()).orElseThrow(() -> PlatenException.notFound("not_found",
        "No template '" + t.slug() + "' in this project."));
    ctx.redirect("/app/templates?deleted=" + t.slug(), HttpStatus.SEE_OTHER);
  }

  // ---- helpers -----------------------------------------------------------------------------------------------------

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }

  private static String encodeCursor(long updatedAt, String id) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((updatedAt + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decodeCursor(String cursor) {
    if (cursor.length() > 200) return null;
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 2);
      if (parts.length != 2 || !parts[0].matches("[0-9]{1,15}") || parts[1].length() > 64) return null;
      return parts;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
