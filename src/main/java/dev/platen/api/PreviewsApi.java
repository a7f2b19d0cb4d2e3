package dev.platen.api;

import dev.platen.auth.Principal;
import io.javalin.http.Context;

/**
 * Previews (a Platen extension): the PDF of a template and data, answered synchronously, with the render's own
 * checks and error codes, and nothing stored. {@code POST /v1/templates/:slug/preview} takes a published version,
 * optionally with an unsaved layout or page configuration; {@code POST /v1/preview} a whole unsaved template. The
 * work is {@link TemplateEditing}'s, which the dashboard's editor calls too.
 */
final class PreviewsApi {
  private final TemplateEditing editing;
  private final tools.jackson.databind.json.JsonMapper json;

  PreviewsApi(TemplateEditing editing, tools.jackson.databind.json.JsonMapper json) {
    this.editing = editing;
    this.json = json;
  }

  /** POST /v1/templates/:slug/preview {data, versionNumber?, layout?, pageConfig?}. */
  void template(Context ctx, Principal p) {
    send(ctx, editing.previewVersion(p.projectId(), ctx.pathParam("slug"), Json.readObject(ctx, json),
        p.testKey()));
  }

  /** POST /v1/preview: a template body as POST /v1/templates takes it, plus {@code data}. */
  void draft(Context ctx, Principal p) {
    send(ctx, editing.previewDraft(Json.readBody(ctx, json), p.testKey()));
  }

  static void send(Context ctx, TemplateEditing.Pdf pdf) {
    ctx.status(200).contentType("application/pdf");
    ctx.header("Content-Disposition", "inline; filename=\"" + pdf.filename() + "\"");
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    Downloads.write(ctx, pdf.bytes());
  }
}
