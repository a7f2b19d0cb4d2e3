package dev.platen.render.direct;

import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Paragraphs, headings and other blocks styled {@code display: inline} (a product's meta list, "Color: <p>Blue</p>";
 * a receipt's title before its logo), renamed to the {@code span} they lay out as, so that HtmlFlow takes them into
 * the line. The renamed element carries {@link HtmlDisplayTables#MARK} with the name the author wrote: selectors
 * match it by that name (HtmlCss), and it keeps that element's user-agent style (a heading's size and weight; its
 * top and bottom margins take no room on a line, as on any inline element), as openhtmltopdf lays it out.
 */
final class HtmlDisplayInline {
  private HtmlDisplayInline() {}

  /** The blocks renamed: those whose only user-agent style is their display, margins and font. */
  static final Set<String> RENAMED = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "address",
      "section", "header", "footer", "article", "main", "aside", "nav", "figcaption");

  /** Whether {@code e} is a block renamed here: a span carrying the mark (the name the author wrote). */
  static boolean madeInline(Element e) {
    return e.normalName().equals("span") && e.hasAttr(HtmlDisplayTables.MARK);
  }

  static void rename(Document doc, List<HtmlCss.Sheet> sheets, boolean template) {
    List<HtmlCss.Rule> rules = HtmlCss.inlineDisplays(sheets);
    if (rules.isEmpty() && doc.select("[style*=inline]").isEmpty()) return;
    for (Element e : doc.getAllElements()) {
      if (RENAMED.contains(e.normalName()) && HtmlCss.mayDisplay(e, rules, "inline", template)
          && HtmlStyle.of(e, HtmlStyle.root(), sheets, template).inlineDisplay) {
        String written = e.normalName();
        e.tagName("span");
        e.attr(HtmlDisplayTables.MARK, written);
      }
    }
  }
}
