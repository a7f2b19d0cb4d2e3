package dev.platen.render.direct;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Divs styled {@code display: table}, {@code table-row} and {@code table-cell} (a footer's columns, two boxes side
 * by side), renamed to the table, row and cell elements they stand for, so that HtmlTables lays them out. Measured,
 * openhtmltopdf prints such divs as it prints the same {@code <table>/<tr>/<td>} without the table elements'
 * user-agent rules (border-spacing 2px, a cell's 1px padding, a row group's vertical-align middle): a renamed
 * element carries {@link #MARK}, which drops those rules (HtmlStyle.of). A table div holding cell divs gets the
 * anonymous row openhtmltopdf's BoxBuilder makes around them. Anything else (text or other boxes beside the cells,
 * a cell or row without its table, a table of no cells) stays refused, as does a document whose selectors would
 * match any element differently once renamed. HtmlCss matches a renamed div as a div (a {@code td} rule matches
 * none) and sees past the anonymous row, as openhtmltopdf's selectors do.
 */
final class HtmlDisplayTables {
  private HtmlDisplayTables() {}

  /** The attribute a renamed element (or an anonymous row) carries; no template can write it (HtmlSubset). */
  static final String MARK = "platen-display";

  /** Whether {@code e} is the anonymous row put around a display: table div's cells (its mark is empty). */
  static boolean anonymous(Element e) {
    return e.normalName().equals("tr") && e.hasAttr(MARK) && e.attr(MARK).isEmpty();
  }

  static void rename(Document doc, List<HtmlCss.Sheet> sheets, boolean template) throws Unsupported {
    List<HtmlCss.Rule> rules = HtmlCss.tableDisplays(sheets);
    if (rules.isEmpty() && doc.select("[style*=table]").isEmpty()) return;
    // in document order, so that the first construct refused is the one named, on every run
    Map<Element, String> displays = new java.util.LinkedHashMap<>();
    for (Element e : doc.getElementsByTag("div")) {
      if (!HtmlCss.mayDisplay(e, rules, "table", template)) continue;
      String d = HtmlStyle.of(e, HtmlStyle.root(), sheets, template).tableDisplay;
      if (d != null) displays.put(e, d);
    }
    if (displays.isEmpty()) return;
    Map<Element, List<HtmlCss.Rule>> before = new IdentityHashMap<>();
    for (Element e : scope(displays, sheets)) before.put(e, matched(e, sheets, template));
    Map<Element, String> names = new IdentityHashMap<>();
    for (Element e : displays.keySet()) names.put(e, HtmlStyle.describe(e));
    List<Element> rows = new ArrayList<>();
    Map<Element, Boolean> used = new IdentityHashMap<>();
    for (Map.Entry<Element, String> entry : displays.entrySet()) {
      if (!entry.getValue().equals("table")) continue;
      Element table = entry.getKey();
      List<Element> parts = parts(table, "table");
      if (parts.isEmpty()) throw new Unsupported("display: table on " + HtmlStyle.describe(table) + " without cells");
      boolean cells = parts.stream().allMatch(p -> "table-cell".equals(displays.get(p)));
      boolean ofRows = parts.stream().allMatch(p -> "table-row".equals(displays.get(p)));
      if (!cells && !ofRows) {
        throw new Unsupported("display: table on " + HtmlStyle.describe(table)
            + " holding other than only table-cell divs or only table-row divs");
      }
      used.put(table, true);
      if (ofRows) {
        for (Element row : parts) {
          List<Element> inRow = parts(row, "table-row");
          if (inRow.isEmpty() || !inRow.stream().allMatch(p -> "table-cell".equals(displays.get(p)))) {
            throw new Unsupported("display: table-row on " + HtmlStyle.describe(row)
                + " holding other than only table-cell divs");
          }
          used.put(row, true);
          for (Element c : inRow) used.put(c, true);
          rows.add(row);
        }
      } else {
        for (Element c : parts) used.put(c, true);
      }
    }
    for (Map.Entry<Element, String> entry : displays.entrySet()) {
      if (!used.containsKey(entry.getKey())) {
        throw new Unsupported("display: " + entry.getValue() + " on " + HtmlStyle.describe(entry.getKey())
            + " outside a display: table div (or a row of one)");
      }
      for (Attribute a : entry.getKey().attributes()) {
        String name = a.getKey();
        // HtmlSubset's mark of a template element's fixed children is no attribute of the template's
        if (!name.equals("class") && !name.equals("id") && !name.equals("style") && !name.equals(HtmlCss.FIXED)) {
          throw new Unsupported("the attribute '" + name + "' on " + HtmlStyle.describe(entry.getKey())
              + " laid out as a table");
        }
      }
    }
    List<Element> anonymous = new ArrayList<>();
    for (Map.Entry<Element, String> entry : displays.entrySet()) {
      Element e = entry.getKey();
      e.attr(MARK, "div"); // what a reason names it by (HtmlStyle.describe): the author wrote a div
      switch (entry.getValue()) {
        case "table" -> {
          e.tagName("table");
          if (!rows.contains(parts(e, "table").getFirst())) {
            // openhtmltopdf's anonymous row around cells whose parent is a table
            Element tr = new Element("tr").attr(MARK, "");
            // its cells are the table div's children: as fixed in the template as they were there
            if (e.hasAttr(HtmlCss.FIXED)) tr.attr(HtmlCss.FIXED, "");
            List<Node> kids = new ArrayList<>(e.childNodes());
            for (Node k : kids) k.remove();
            e.appendChild(tr);
            for (Node k : kids) tr.appendChild(k);
            anonymous.add(tr);
          }
        }
        case "table-row" -> e.tagName("tr");
        default -> e.tagName("td");
      }
    }
    // in document order, the first element named on every run (only those in scope are matched again)
    for (Element e : doc.getAllElements()) {
      List<HtmlCss.Rule> was = before.get(e); // none for an anonymous row
      if (was != null && !matched(e, sheets, template).equals(was)) {
        throw new Unsupported("a selector matching " + names.getOrDefault(e, HtmlStyle.describe(e))
            + " differently once display: table divs are laid out as a table");
      }
    }
  }

  /**
   * The elements a selector could match otherwise once the divs are renamed: each outermost table div and what it
   * holds, and, where the sheets have sibling combinators, the siblings after it and what they hold. A selector sees
   * an element's ancestors and the siblings before them and it, so nothing else can change (a statement's 1,000
   * rows beside a display: table header are not matched twice per render).
   */
  private static List<Element> scope(Map<Element, String> displays, List<HtmlCss.Sheet> sheets) {
    boolean siblings = !HtmlCss.siblingSelectors(sheets).isEmpty();
    List<Element> scope = new ArrayList<>();
    for (Element e : displays.keySet()) {
      boolean inner = false;
      for (Element a = e.parent(); a != null && !inner; a = a.parent()) inner = displays.containsKey(a);
      if (inner) continue;
      scope.addAll(e.getAllElements());
      for (Element next = siblings ? e.nextElementSibling() : null; next != null; next = next.nextElementSibling()) {
        if (!displays.containsKey(next)) scope.addAll(next.getAllElements());
      }
    }
    return scope;
  }


  /** The element children of a table or row div; text or anything but elements beside them is refused. */
  private static List<Element> parts(Element e, String display) throws Unsupported {
    List<Element> parts = new ArrayList<>();
    for (Node n : e.childNodes()) {
      if (n instanceof Element c) parts.add(c);
      else if (n instanceof TextNode t && t.isBlank() || n instanceof Comment) continue;
      else throw new Unsupported("text beside the cells of display: " + display + " on " + HtmlStyle.describe(e));
    }
    return parts;
  }

  private static List<HtmlCss.Rule> matched(Element e, List<HtmlCss.Sheet> sheets, boolean template) {
    List<HtmlCss.Rule> rules = new ArrayList<>();
    for (HtmlCss.Sheet sheet : sheets) {
      for (HtmlCss.Rule rule : sheet.rules()) {
        if (rule.selector().matches(e, template)) rules.add(rule);
      }
    }
    return rules;
  }
}
