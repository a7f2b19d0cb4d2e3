package dev.platen.render.html;

import dev.platen.render.RenderException;
import dev.platen.render.images.ImageSource;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * The {@code html} block: markup a template author wrote, cleaned to formatting tags and inline styles. Scripts,
 * forms, frames, objects and event handlers are removed; links keep only http, https and mailto targets; images
 * only data: sources, and those go through the same checks as an image block's ({@link ImageSource}). Anything
 * that would still point elsewhere (a CSS {@code url()}) is left to the PDF engine's resource control, which loads
 * nothing but checked data: URIs. The result is XHTML, as the rest of the document.
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

  /** Cleaned XHTML for an untrusted fragment. Placeholders must already be filled (with escaped values). */
  static String sanitize(String fragment, ImageSource images) throws RenderException {
    if (fragment == null || fragment.isBlank()) return "";
    Document clean = new Cleaner(ALLOWED).clean(Jsoup.parseBodyFragment(Html.withoutXmlInvalidChars(fragment), ""));
    for (Element img : clean.select("img[src]")) {
      img.attr("src", images.dataUri(img.attr("src")));
    }
    clean.outputSettings(Html.xhtmlOutput());
    return clean.body().html();
  }
}
