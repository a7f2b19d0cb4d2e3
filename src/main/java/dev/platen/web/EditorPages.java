package dev.platen.web;

import dev.platen.api.TemplateEditing;
import dev.platen.errors.PlatenException;
import dev.platen.store.TemplateStore;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A template's editor: manifest, layout and page settings as text, sample data, and a preview that follows the
 * typing. Previews and publishing go through {@link TemplateEditing}, the code of {@code POST /v1/preview} and
 * {@code PUT /v1/templates/:slug}, so the editor can neither accept what the API refuses nor render it otherwise.
 */
final class EditorPages {
  /** The editor form's text fields; {@code data} is for previews only and is never published. */
  private static final List<String> FIELDS = List.of("manifest", "layout", "pageConfig", "data");

  private final Dashboard dash;
  private final Services svc;
  private final TemplateEditing editing;
  private final JsonMapper json = JsonMapper.builder().build();

  EditorPages(Dashboard dash, Services svc) {
    this.dash = dash;
    this.svc = svc;
    this.editing = svc.editing();
  }

  private TemplateStore.TemplateRow template(Context ctx, Sessions.Session s) {
    return TemplatePages.live(svc, ctx, s);
  }

  /** GET /app/templates/:slug/edit: the current version's text, and sample data for its manifest. */
  void edit(Context ctx, Sessions.Session s) {
    TemplateStore.TemplateRow t = template(ctx, s);
    TemplateStore.VersionRow v = t.currentVersion() == null ? null
        : svc.templates().version(t.id(), t.currentVersion()).orElse(null);
    Map<String, String> text = new LinkedHashMap<>();
    text.put("manifest", v == null ? "{\n  \"variables\": []\n}" : Views.pretty(v.manifest()));
    text.put("layout", v == null ? "" : Views.pretty(v.layout()));
    text.put("pageConfig", v == null ? "" : Views.pretty(v.pageConfig()));
    text.put("data", v == null ? "{}" : json.writerWithDefaultPrettyPrinter()
        .writeValueAsString(editing.sampleData(v.manifest())));
    page(ctx, s, 200, t, text, "");
  }

  private void page(Context ctx, Sessions.Session s, int status, TemplateStore.TemplateRow t, Map<String, String> text,
      String error) {
    Map<String, Object> m = new HashMap<>();
    m.put("chrome", dash.chrome(s, "templates", "Edit " + t.name()));
    m.put("t", t);
    m.put("manifest", text.get("manifest"));
    m.put("layout", text.get("layout"));
    m.put("pageConfig", text.get("pageConfig"));
    m.put("data", text.get("data"));
    m.put("error", error);
    dash.page(ctx, status, "edit.jte", m);
  }

  /**
   * POST /app/templates/:slug/preview (the editor's script): the PDF, or the problems as JSON
   * ({@code {message, problems: [...]}}) for the editor to show beside the text.
   */
  void preview(Context ctx, Sessions.Session s) {
    TemplateStore.TemplateRow t = template(ctx, s);
    try {
      ObjectNode body = body(ctx, t, true);
      TemplateEditing.Pdf pdf = editing.previewDraft(body, s.viewer().testKey());
      ctx.status(200).contentType("application/pdf").header("Cache-Control", "no-store").result(pdf.bytes());
    } catch (PlatenException e) {
      ObjectNode problem = json.createObjectNode();
      problem.put("code", e.code());
      problem.put("message", e.getMessage());
      var list = problem.putArray("problems");
      if (e.issues() != null) {
        e.issues().formErrors().forEach(list::add);
        e.issues().fieldErrors().forEach((path, ps) -> ps.forEach(p -> list.add(path + ": " + p)));
      }
      ctx.status(e.status() >= 400 && e.status() < 600 ? e.status() : 500).contentType("application/json")
          .result(json.writeValueAsString(problem));
    }
  }

  /** POST /app/templates/:slug/publish: a new version, as {@code PUT /v1/templates/:slug} makes it. */
  void publish(Context ctx, Sessions.Session s) {
    TemplateStore.TemplateRow t = template(ctx, s);
    TemplateEditing.Publication done;
    try {
      done = editing.publish(s.projectId(), t.slug(), body(ctx, t, false));
    } catch (PlatenException e) {
      // the author's text comes back as typed, with what is wrong in it
      Map<String, String> text = new LinkedHashMap<>();
      for (String f : FIELDS) text.put(f, Optional.ofNullable(ctx.formParam(f)).orElse(""));
      page(ctx, s, e.status() >= 400 && e.status() < 600 ? e.status() : 500, t, text, Dashboard.describe(e));
      return;
    }
    ctx.redirect("/app/templates/" + t.slug() + "?version=" + done.published().version().versionNumber(),
        HttpStatus.SEE_OTHER);
  }

  /**
   * The API's body from the form's texts: each parsed as JSON (a syntax error names the field, line and column);
   * a blank layout or page configuration is left out, so publishing synthesises the default as the API does.
   */
  private ObjectNode body(Context ctx, TemplateStore.TemplateRow t, boolean withData) {
    ObjectNode body = json.createObjectNode();
    body.put("name", t.name());
    if (t.description() != null) body.put("description", t.description());
    if (withData) body.put("slug", t.slug());
    List<String> problems = new ArrayList<>();
    for (String f : FIELDS) {
      if (f.equals("data") && !withData) continue;
      String text = ctx.formParam(f);
      if (text == null || text.isBlank()) {
        if (f.equals("manifest") || f.equals("data")) problems.add(f + ": Required");
        continue;
      }
      try {
        body.set(f, json.readTree(text));
      } catch (JacksonException e) {
        var at = e.getLocation();
        problems.add(f + ": not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
            + at.getColumnNr()) + ": " + firstLine(e.getOriginalMessage()));
      }
    }
    if (!problems.isEmpty()) {
      dev.platen.errors.Issues issues = new dev.platen.errors.Issues();
      problems.forEach(issues::addForm);
      throw new PlatenException(400, "invalid_json", "The editor's text is not valid JSON.", issues);
    }
    return body;
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

}
