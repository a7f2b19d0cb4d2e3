package dev.platen.render.direct;

import dev.platen.render.html.HtmlLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import tools.jackson.databind.JsonNode;

/**
 * Which HTML layouts the direct path draws (docs/html-layouts.md, "Drawn directly"), judged on the template as
 * published, once per version: the Handlebars source is parsed as HTML, tags and all, so every element of every
 * branch and loop body is seen once, and styled with the layout's style sheets. The first construct outside the
 * subset is named. What only the data decides (a glyph outside the font, a row a page break would split) is left
 * to the render, which hands such documents to the HTML engine.
 */
final class HtmlSubset {
  private HtmlSubset() {}

  /** The base sheet every HTML layout starts from, parsed once. */
  static final HtmlCss.Sheet BASE = HtmlCss.parse(HtmlLayout.baseCss(), 0);
  /** Author sheets' rules are numbered after the base sheet's, so they win ties of specificity. */
  static final int AUTHOR_ORDER = 100_000;

  /**
   * Attributes of any element that openhtmltopdf reads and the direct path follows: the cascade's ({@code class},
   * {@code id}, {@code style}) and those that change nothing it draws ({@code title}, {@code lang}, {@code dir}).
   * An attribute selector naming one is judged by HtmlCss.
   */
  private static final Set<String> ATTRIBUTES = Set.of("class", "id", "style", "title", "lang", "dir");

  /**
   * Every attribute name openhtmltopdf reads anywhere (its presentational hints, list numbering, link attachments,
   * form fields, images, style and link elements; its sources' getAttribute calls, checked against 1.1.65): one of
   * these is named where it is not judged by element below. Any other attribute ({@code role}, {@code aria-*},
   * {@code itemprop}, a framework's {@code ref} or {@code v-if}, {@code for} on a cell) it never reads, so it draws
   * nothing for it, and neither does the direct path; an attribute selector naming one is judged by HtmlCss.
   */
  private static final Set<String> NAMED = Set.of("a", "meta", "bookmark", "input", "select", "textarea", "button",
      "form", "object", "param", "map", "iframe");
  private static final Set<String> READ = Set.of("action", "align", "alt", "background", "bgcolor", "border",
      "cellpadding", "cellspacing", "checked", "cols", "colspan", "content", "download", "fs-ignore", "height",
      "href", "http-equiv", "max-length", "media", "method", "multiple", "name", "onclick", "page", "readonly", "rel",
      "relationship", "required", "rows", "rowspan", "scope", "selected", "size", "span", "src", "start", "type",
      "valign", "value", "viewbox", "width");

  /**
   * Presentational attributes by element: those openhtmltopdf turns into CSS (HtmlStyle.hints), which is then
   * judged like any CSS, and those it ignores ({@code nowrap} on a cell, {@code bgcolor} on a row), which the
   * direct path ignores too. {@code align} on a table is a float or auto side margins (HtmlStyle.hints);
   * {@code background} (an image) and {@code height} on a cell are not among them. {@code color}, {@code face} and
   * {@code size} on {@code <font>}: openhtmltopdf has no rule for them (measured, the text keeps its inherited
   * colour, family and size). Also ignored, as openhtmltopdf ignores them (measured): {@code bgcolor} on the body
   * and {@code align} on a heading (e-mail templates repeat both in CSS), a cell's own {@code cellpadding} and
   * {@code cellspacing} (Postmark's e-mails; only its table's count, HtmlStyle.hints), and on {@code <style>} the
   * {@code type} and the {@code rel} e-mail templates copy from {@code <link>}, with the {@code media} it is
   * judged by.
   */
  private static final Map<String, Set<String>> PRESENTATIONAL = Map.ofEntries(
      Map.entry("table", Set.of("width", "border", "cellspacing", "cellpadding", "bgcolor", "align")),
      Map.entry("td", Set.of("width", "height", "align", "valign", "bgcolor", "nowrap", "headers", "abbr",
          "axis", "cellpadding", "cellspacing")),
      Map.entry("th", Set.of("width", "height", "align", "valign", "bgcolor", "nowrap", "headers", "abbr",
          "axis", "scope", "cellpadding", "cellspacing")),
      Map.entry("a", Set.of("target", "rel", "hreflang", "type")),
      Map.entry("tr", Set.of("align", "valign", "bgcolor")),
      Map.entry("p", Set.of("align")),
      // a column's span and width (HtmlTableWidths.declared)
      Map.entry("col", Set.of("span", "width")),
      Map.entry("colgroup", Set.of("span", "width")),
      Map.entry("div", Set.of("align")),
      Map.entry("font", Set.of("color", "face", "size")),
      Map.entry("body", Set.of("bgcolor")),
      Map.entry("h1", Set.of("align")),
      Map.entry("h2", Set.of("align")),
      Map.entry("h3", Set.of("align")),
      Map.entry("h4", Set.of("align")),
      Map.entry("h5", Set.of("align")),
      Map.entry("h6", Set.of("align")),
      Map.entry("style", Set.of("type", "media", "rel")));

  /** The opening of a tag that prints the data as markup; its expression's opening kept as group 1. */
  private static final Pattern RAW = Pattern.compile("\\{\\{(~?)\\s*[{&]");
  private static final Pattern UNESCAPED_CLOSE = Pattern.compile("\\}(~?)\\}\\}");
  private static final Pattern RAW_BLOCK = Pattern.compile("\\{\\{\\{\\{");
  private static final Pattern BLOCK = Pattern.compile("\\{\\{~?\\s*([#^]|else\\b)");
  private static final Pattern CODE_HELPER = Pattern.compile("\\{\\{~?\\s*#?\\s*(qr|barcode)\\b|\\(\\s*(qr|barcode)\\s");
  /**
   * A code helper's own tag, {@code {{qr value size="25mm"}}}: it prints one {@code <img>} with a data URI
   * (Helpers), which the direct path draws like any image. Strings are skipped whole so a brace inside one
   * does not end the tag early.
   */
  private static final Pattern CODE_TAG = Pattern.compile(
      "\\{\\{~?\\s*(?:qr|barcode)\\s(?:\"[^\"]*\"|'[^']*'|[^}\"'(])*~?\\}\\}");

  /** One Handlebars tag, as the template's text holds it when a layout is judged (here and in HtmlFlow's dry run). */
  static final Pattern TAG = Pattern.compile("\\{\\{[^}]*\\}\\}");

  /** A start tag, Handlebars tags in it and all. */
  private static final Pattern START_TAG = Pattern.compile("<[a-zA-Z][^<>]*>");

  /** An {@code if} or {@code unless} block with no Handlebars tag in its branches. */
  private static final Pattern BLOCK_IN_TAG = Pattern.compile(
      "\\{\\{#(if|unless)\\s+([^}]*)\\}\\}((?:(?!\\{\\{).)*?)(?:\\{\\{else\\}\\}((?:(?!\\{\\{).)*?))?\\{\\{/\\1\\}\\}",
      Pattern.DOTALL);

  /** One attribute with a quoted value. */
  private static final Pattern QUOTED_ATTRIBUTE = Pattern.compile(
      "\\s*([a-zA-Z][a-zA-Z0-9-]*)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')\\s*");

  /**
   * The template as the check reads it, each block that chooses a start tag's {@code class} or {@code style} by the
   * data ({@code <tr{{#if optional}} class="optional"{{/if}}>}) written as the attribute holding both branches'
   * values ({@code <tr class="optional ">}): judged as a class the data chooses is ({@code class="{{#if …}}"}), both
   * branches here and the one chosen as each document is drawn. Other attributes in such a block (a
   * {@code colspan}, an {@code href}) and branches holding more than attributes are left as they are, and refused.
   */
  static String attributeBlocks(String html) {
    if (!html.contains("{{#")) return html;
    Matcher tags = START_TAG.matcher(html);
    StringBuilder out = new StringBuilder(html.length() + 64);
    while (tags.find()) {
      String tag = tags.group();
      tags.appendReplacement(out, Matcher.quoteReplacement(tag.contains("{{#") ? chosenAttributes(tag) : tag));
    }
    tags.appendTail(out);
    return out.toString();
  }

  private static String chosenAttributes(String tag) {
    Matcher block = BLOCK_IN_TAG.matcher(tag);
    Map<String, StringBuilder> chosen = new LinkedHashMap<>();
    StringBuilder rest = new StringBuilder(tag.length());
    while (block.find()) {
      Map<String, String> yes = classOrStyle(block.group(3));
      Map<String, String> no = classOrStyle(block.group(4) == null ? "" : block.group(4));
      if (yes == null || no == null) return tag;
      Set<String> names = new LinkedHashSet<>(yes.keySet());
      names.addAll(no.keySet());
      for (String name : names) {
        String separator = name.equals("class") ? " " : ";";
        chosen.computeIfAbsent(name, n -> new StringBuilder()).append(yes.getOrDefault(name, "")).append(separator)
            .append(no.getOrDefault(name, "")).append(separator);
      }
      block.appendReplacement(rest, "");
    }
    block.appendTail(rest);
    String result = rest.toString();
    for (Map.Entry<String, StringBuilder> c : chosen.entrySet()) {
      Matcher own = Pattern.compile("(\\s" + c.getKey() + "\\s*=\\s*\")([^\"]*)\"", Pattern.CASE_INSENSITIVE)
          .matcher(result);
      String separator = c.getKey().equals("class") ? " " : ";";
      if (own.find()) {
        result = result.substring(0, own.start()) + own.group(1) + own.group(2) + separator + c.getValue() + '"'
            + result.substring(own.end());
      } else {
        int end = result.endsWith("/>") ? result.length() - 2 : result.length() - 1;
        result = result.substring(0, end) + " " + c.getKey() + "=\"" + c.getValue() + '"' + result.substring(end);
      }
    }
    return result;
  }

  /** The class and style attributes a branch holds, or null where it holds anything else. */
  private static Map<String, String> classOrStyle(String branch) {
    Map<String, String> found = new LinkedHashMap<>();
    Matcher a = QUOTED_ATTRIBUTE.matcher(branch);
    int at = 0;
    while (a.lookingAt()) {
      String name = a.group(1).toLowerCase(Locale.ROOT);
      if (!name.equals("class") && !name.equals("style") || found.containsKey(name)) return null;
      found.put(name, a.group(2) != null ? a.group(2) : a.group(3));
      at = a.end();
      a.region(at, branch.length());
    }
    return branch.substring(at).isBlank() ? found : null;
  }

  /** A style attribute's declarations without those a Handlebars tag is in or around. */
  private static String literalDeclarations(String style) {
    StringBuilder kept = new StringBuilder();
    for (String d : style.split(";")) {
      if (!d.contains("{{") && !d.contains("}}")) kept.append(d).append(';');
    }
    return kept.toString();
  }

  /** The layout's own style sheet, after the base one. */
  static List<HtmlCss.Sheet> sheets(JsonNode layout) {
    JsonNode css = layout.path("css");
    List<HtmlCss.Sheet> sheets = new ArrayList<>(3);
    sheets.add(BASE);
    sheets.add(HtmlCss.parse(css.isString() ? css.stringValue() : "", AUTHOR_ORDER));
    return sheets;
  }

  /** Adds the document's {@code <style>} elements, in document order, after the given sheets. */
  static List<HtmlCss.Sheet> withStyles(List<HtmlCss.Sheet> sheets, Document doc) {
    List<Element> styles = doc.select("style");
    if (styles.isEmpty()) return sheets;
    List<HtmlCss.Sheet> all = new ArrayList<>(sheets);
    int order = AUTHOR_ORDER * 2;
    for (Element style : styles) {
      if (!printed(style)) continue;
      HtmlCss.Sheet sheet = HtmlCss.parse(style.data(), order);
      order += sheet.rules().size() + 1;
      all.add(sheet);
    }
    return all;
  }

  /**
   * The text of the document's {@code <style>} elements that {@link #withStyles} applies, each closed by a NUL, or
   * "" where there are none: what decides the sheets they add.
   */
  static String styleText(Document doc) {
    List<Element> styles = doc.select("style");
    if (styles.isEmpty()) return "";
    StringBuilder text = new StringBuilder();
    for (Element style : styles) {
      if (printed(style)) text.append(style.data()).append('\0');
    }
    return text.toString();
  }

  /**
   * Whether openhtmltopdf applies a {@code <style>} element: it renders for the print medium, and measured, an
   * element whose {@code media} names neither {@code print} nor {@code all} (in any case, among commas) is left out
   * whole, {@code media="screen"} of many published templates among them; a media query ({@code print and (…)}) is
   * left out too. Its {@code type} it does not read ({@code text/less} is applied).
   */
  static boolean printed(Element style) {
    if (!style.hasAttr("media") || style.attr("media").isBlank()) return true;
    for (String medium : style.attr("media").split(",")) {
      String m = medium.strip().toLowerCase(Locale.ROOT);
      if (m.equals("print") || m.equals("all")) return true;
    }
    return false;
  }

  /**
   * The {@code @page} declarations of the layout's {@code <style>} elements, in order: they come after the
   * layout's css in the HTML engine's cascade, so they win over it. Only asked of a layout {@link #refusal} took.
   */
  static List<HtmlCss.Declaration> stylePages(JsonNode layout) {
    Document doc = Jsoup.parse(layout.path("html").asString(""));
    List<HtmlCss.Declaration> page = new ArrayList<>();
    for (HtmlCss.Sheet sheet : withStyles(List.of(), doc)) page.addAll(sheet.page());
    return page;
  }

  /**
   * The declarations of the layout's {@code @page :first} rules, css first, then {@code <style>} elements, in
   * order: on the first page they win over every plain {@code @page} rule's, wherever these stand (a more specific
   * page selector; measured, a :first margin-top before an {@code @page} margin shorthand still sets page 1's).
   */
  static List<HtmlCss.Declaration> firstPage(JsonNode layout, List<HtmlCss.Sheet> sheets) {
    List<HtmlCss.Declaration> first = new ArrayList<>(sheets.get(1).first());
    Document doc = Jsoup.parse(layout.path("html").asString(""));
    for (HtmlCss.Sheet sheet : withStyles(List.of(), doc)) first.addAll(sheet.first());
    return first;
  }

  /** The margin boxes of the layout's {@code @page :first} rules, css first, then {@code <style>} elements. */
  static List<HtmlCss.MarginBox> firstMarginBoxes(JsonNode layout, List<HtmlCss.Sheet> sheets) {
    List<HtmlCss.MarginBox> boxes = new ArrayList<>(sheets.get(1).firstBoxes());
    Document doc = Jsoup.parse(layout.path("html").asString(""));
    for (HtmlCss.Sheet sheet : withStyles(List.of(), doc)) boxes.addAll(sheet.firstBoxes());
    return boxes;
  }

  /** The margin boxes of the layout's {@code @page} rules, css first, then {@code <style>} elements, in order. */
  static List<HtmlCss.MarginBox> marginBoxes(JsonNode layout, List<HtmlCss.Sheet> sheets) {
    List<HtmlCss.MarginBox> boxes = new ArrayList<>(sheets.get(1).boxes());
    Document doc = Jsoup.parse(layout.path("html").asString(""));
    for (HtmlCss.Sheet sheet : withStyles(List.of(), doc)) boxes.addAll(sheet.boxes());
    return boxes;
  }

  /** Why the direct path does not draw this HTML layout, or null when it does. */
  static String refusal(JsonNode layout) {
    String html = layout.path("html").asString("");
    if (RAW_BLOCK.matcher(html).find()) return "a raw block ({{{{raw}}}}…{{{{/raw}}}})";
    // markup the data prints ({{{notes}}}) is judged in each document (rendered); here it stands where text would,
    // as one tag of two braces ({{&notes}}), which fixed() still sees
    if (raw(layout)) html = UNESCAPED_CLOSE.matcher(RAW.matcher(html).replaceAll("{{$1&")).replaceAll("$1}}");
    // judged as the image each prints; a block form or a subexpression is not a plain image
    html = CODE_TAG.matcher(html).replaceAll("<img src=\"data:,\" alt=\"code\">");
    Matcher code = CODE_HELPER.matcher(html);
    if (code.find()) {
      String helper = code.group(1) != null ? code.group(1) : code.group(2);
      return "the " + helper + " helper (its image is placed by the HTML engine)";
    }
    html = attributeBlocks(html);
    Document doc = Jsoup.parse(html, "", org.jsoup.parser.Parser.htmlParser().setTrackPosition(true));
    fixed(doc, html);
    List<HtmlCss.Sheet> sheets = withStyles(sheets(layout), doc);
    for (int i = 0; i < sheets.size(); i++) {
      HtmlCss.Sheet sheet = sheets.get(i);
      if (sheet.unsupported() != null) return sheet.unsupported();
      // a page rule in a <style> element is applied once per version (stylePages): it must not be in a branch
      if (i > 1 && sheet.paged() && BLOCK.matcher(html.substring(0, Math.max(0, html.toLowerCase(Locale.ROOT)
          .lastIndexOf("</style")))).find()) {
        return "a CSS @page rule in a <style> element after a Handlebars block tag (put it in the layout's css)";
      }
    }
    for (Element style : doc.select("style")) {
      if (style.data().contains("{{")) return "Handlebars tags inside a <style> element";
    }
    String elements = elements(doc);
    return elements != null ? elements : HtmlFlow.refusal(doc, sheets);
  }

  /**
   * Marks (with {@link HtmlCss#FIXED}) the template's elements whose children are the document's children: no
   * Handlebars block ({{#each}}, {{#if}}, {{else}}) and no markup from the data stands between them in the source, so
   * no sibling can be repeated, come or go; a sibling selector is matched there as in the document (Bootstrap's
   * {@code .table tbody + tbody} then matches a table's one tbody no more than openhtmltopdf matches it). Elements the
   * parser made up, or whose source it moved (text before a table's rows), are left unmarked: any sibling may be.
   */
  private static void fixed(Document doc, String html) {
    for (Element e : doc.getAllElements()) {
      org.jsoup.nodes.Range start = e.sourceRange();
      org.jsoup.nodes.Range end = e.endSourceRange();
      if (e.childrenSize() == 0 || !start.isTracked() || !end.isTracked() || start.isImplicit() || end.isImplicit()) {
        continue;
      }
      StringBuilder between = new StringBuilder();
      int at = start.endPos();
      boolean known = true;
      for (Element child : e.children()) {
        org.jsoup.nodes.Range from = child.sourceRange();
        org.jsoup.nodes.Range to = child.endSourceRange();
        if (!from.isTracked() || from.isImplicit() || from.startPos() < at) {
          known = false;
          break;
        }
        between.append(html, at, from.startPos());
        // an element without an end tag (<br>, <img>, an unclosed <p>) ends where its start tag does
        at = to.isTracked() && !to.isImplicit() ? to.endPos() : from.endPos();
        if (!to.isTracked() || to.isImplicit()) {
          if (!child.children().isEmpty() || child.hasText()) {
            known = false;
            break;
          }
        }
      }
      if (!known || end.startPos() < at) continue;
      between.append(html, at, end.startPos());
      if (!CHANGING.matcher(between).find()) e.attr(HtmlCss.FIXED, "");
    }
  }

  /** A Handlebars tag that may repeat, add or drop the elements beside it. */
  private static final Pattern CHANGING = Pattern.compile("\\{\\{~?\\s*([#^/&{]|else\\b)");

  /** Whether the layout prints markup from the data, {@code {{{notes}}}} or {@code {{&notes}}}. */
  static boolean raw(JsonNode layout) {
    return RAW.matcher(layout.path("html").asString("")).find();
  }

  /**
   * Why the direct path does not draw a document into which the data printed markup ({@link #raw}), or null: its
   * elements and attributes are judged as a template's are when it is published, its styles as it is laid out
   * (where the direct path refuses what it does not draw), and a {@code <style>} element from the data, whose sheet
   * and page rules the plan does not hold, sends it to openhtmltopdf.
   */
  static String rendered(Document doc, JsonNode layout) {
    if (doc.select("style").size() != Jsoup.parse(layout.path("html").asString("")).select("style").size()) {
      return "a <style> element from the data";
    }
    return elements(doc);
  }

  private static boolean isInside(Element e, Element ancestor) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p == ancestor) return true;
    }
    return false;
  }

  /** The first element or attribute outside the subset, named, or null. */
  private static String elements(Document doc) {
    Element drawing = null;
    for (Element e : doc.getAllElements()) {
      String tag = e.normalName();
      if (tag.equals("#root") || HtmlStyle.DROPPED.contains(tag)) continue;
      // what is inside a drawing is the drawing's (HtmlSvg), not HTML
      if (drawing != null && isInside(e, drawing)) continue;
      if (tag.equals("svg")) {
        drawing = e;
        String refusal = HtmlSvg.refusal(e);
        if (refusal != null) return refusal;
        continue;
      }
      boolean known = tag.equals("html") || tag.equals("head") || tag.equals("title") || tag.equals("style")
          || tag.equals("img") || HtmlStyle.BLOCKS.contains(tag) || HtmlStyle.inline(tag)
          || HtmlStyle.TABLE.contains(tag) || tag.equals("colgroup") || tag.equals("col");
      if (!known) return "the element <" + tag + ">";
      List<Attribute> judged = new ArrayList<>(0);
      for (Attribute a : e.attributes()) {
        String name = a.getKey().toLowerCase(Locale.ROOT);
        if (name.contains("{{") || name.contains("}}")) {
          return "Handlebars tags inside the <" + tag + "> tag";
        }
        // a link's target changes no layout (the link annotation is openhtmltopdf's alone, see the docs)
        boolean image = tag.equals("img") && (name.equals("src") || name.equals("alt"))
            || tag.equals("a") && name.equals("href");
        boolean span = (tag.equals("td") || tag.equals("th")) && (name.equals("colspan") || name.equals("rowspan"));
        // an image's size attributes are judged where it is drawn (HtmlFlow.sizeAttribute)
        boolean sized = tag.equals("img") && (name.equals("width") || name.equals("height"));
        // data-* and aria-* attributes carry a script's data or a reader's label, and others openhtmltopdf never
        // reads style nothing either, unless a selector names them (judged by HtmlCss, on each document)
        boolean inert = name.startsWith("data-") || name.startsWith("aria-")
            || !READ.contains(name) && !name.startsWith("fs-") && !ATTRIBUTES.contains(name)
            // read on links, form fields and cells only (getAnchorName, getElementStyling): a div's name or a
            // row's rowspan draws nothing there
            || name.equals("name") && !NAMED.contains(tag)
            || (name.equals("rowspan") || name.equals("colspan")) && !tag.equals("td") && !tag.equals("th");
        // a statement's date over its day's rows: the number of rows is judged on each document (HtmlTables.spans)
        boolean rows = span && name.equals("rowspan");
        if (!image && !inert && !rows && a.getValue().contains("{{")) {
          // classes and declarations chosen by the data (class="amt {{#if neg}}neg{{/if}}") are judged again on
          // each document, whose unsupported styles send it to the HTML engine; here the literal ones are
          if (name.equals("class") || name.equals("style")) {
            judged.add(new Attribute(name, name.equals("class") ? TAG.matcher(a.getValue()).replaceAll(" ")
                : literalDeclarations(a.getValue())));
            continue;
          }
          return "a Handlebars tag in the '" + name + "' attribute of " + HtmlStyle.describe(e);
        }
        boolean presentational = PRESENTATIONAL.getOrDefault(tag, Set.of()).contains(name)
            // openhtmltopdf reads attributes of the elements it knows by name only: on any other (mPDF's
            // <htmlpagefooter name="…"> and <sethtmlpageheader name="…" value="on">, a bare inline box there)
            // they draw nothing
            || HtmlStyle.inline(tag) && !HtmlStyle.INLINE.contains(tag)
            || tag.startsWith("htmlpage") && name.equals("name");
        if (!image && !span && !sized && !inert && !presentational && !ATTRIBUTES.contains(name)) {
          return "the attribute '" + name + "' on " + HtmlStyle.describe(e);
        }
      }
      for (Attribute a : judged) e.attr(a.getKey(), a.getValue());
    }
    return null;
  }
}
