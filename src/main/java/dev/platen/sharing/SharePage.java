package dev.platen.sharing;

/**
 * The public pages of a share link: the viewer, and the page that says a link is gone or expired. Self-contained
 * (no scripts, no external resources), so the strict Content-Security-Policy they are served with holds.
 */
public final class SharePage {
  private SharePage() {}

  private static final String STYLE = """
      body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#f5f7fa}
      header{display:flex;flex-wrap:wrap;align-items:center;gap:12px 24px;padding:16px 24px;background:#fff;\
      border-bottom:1px solid #d9e2ec}
      h1{font-size:20px;margin:0}
      .file{margin:2px 0 0;color:#52606d;font-size:14px;word-break:break-all}
      .note{flex-basis:100%;margin:0;white-space:normal}
      .expiry{margin:0;color:#52606d;font-size:13px}
      .button{margin-left:auto;padding:10px 18px;background:#1f4fd1;color:#fff;border-radius:4px;text-decoration:none}
      main{height:calc(100vh - 120px);min-height:480px;padding:16px 24px;box-sizing:border-box}
      iframe{width:100%;height:100%;border:1px solid #d9e2ec;background:#fff}
      .gone{max-width:560px;margin:15vh auto;padding:32px;background:#fff;border:1px solid #d9e2ec;border-radius:6px}
      """;

  /**
   * The viewer: title, file name, the sender's note, a download button and the PDF embedded. Links are relative to
   * {@code /share/<token>}, so the page works behind any base URL.
   */
  static String viewer(ShareStore.SharedFile f) {
    String token = Html.escape(f.share().token());
    String filename = Html.escape(f.filename());
    StringBuilder b = new StringBuilder(2048)
        .append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<meta name=\"robots\" content=\"noindex, nofollow\">")
        .append("<title>").append(Html.escape(f.title())).append("</title><style>").append(STYLE)
        .append("</style></head><body><header><div><h1>").append(Html.escape(f.title())).append("</h1>")
        .append("<p class=\"file\">").append(filename).append("</p></div>")
        .append("<a class=\"button\" href=\"").append(token).append("/pdf\" download=\"").append(filename)
        .append("\">Download PDF</a>");
    if (f.share().message() != null) {
      b.append("<p class=\"note\">").append(Html.paragraph(f.share().message())).append("</p>");
    }
    if (f.share().expiresAt() != null) {
      b.append("<p class=\"expiry\">This link works until ").append(Html.readable(f.share().expiresAt()))
          .append(".</p>");
    }
    return b.append("</header><main><iframe src=\"").append(token).append("/pdf?inline=1\" title=\"")
        .append(filename).append("\"></iframe></main></body></html>\n").toString();
  }

  /** The page for a link that does not work (any more): no detail about the document behind it. */
  public static String unavailable(String heading, String text) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"robots\" content=\"noindex, nofollow\"><title>" + Html.escape(heading) + "</title><style>"
        + STYLE + "</style></head><body><div class=\"gone\"><h1>" + Html.escape(heading) + "</h1><p>"
        + Html.escape(text) + "</p></div></body></html>\n";
  }
}
