package dev.platen.render.html;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Safelist;

/**
 * The {@code html} block: markup a template author wrote, cleaned to formatting tags and inline styles. Scripts,
 * forms, frames, objects and event handlers are removed; links keep only http, https and mailto targets; images
 * only data: sources. Anything that would still point elsewhere (a CSS {@code url()}) is left to the PDF engine's
 * resource control, which loads nothing but data: URIs. The result is XHTML, as the rest of the document.
 */
final class HtmlFragment {
  private HtmlFragment() {}

  private static final Safelist ALLOWED = Safelist.relaxed()
      .addTags("hr", "center", "font", "s", "del", "ins", "mark", "abbr")
      .addAttributes(":all", "style", "class", "dir", "align", "title")
      .addAttributes("td", "valign", "width")
      .addAttributes("th", "valign", "width")
      .addAttributes("table", "width", "border", "cellpadding", "cellspacing")
      .addAttributes("font", "color", "size", "face")
      .removeProtocols("img", "src", "http", "https")
      .addProtocols("img", "src", "data")
      .preserveRelativeLinks(false);

  private static final Document.OutputSettings XHTML = new Document.OutputSettings()
      .syntax(Document.OutputSettings.Syntax.xml)
      .escapeMode(Entities.EscapeMode.xhtml)
      .prettyPrint(false);

  /** Cleaned XHTML for an untrusted fragment. Placeholders must already be filled (with escaped values). */
  static String sanitize(String fragment) {
    if (fragment == null || fragment.isBlank()) return "";
    return Jsoup.clean(Html.withoutXmlInvalidChars(fragment), "", ALLOWED, XHTML.clone());
  }
}
