package dev.platen.render.direct;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * The part of CSS the direct path understands for HTML layouts: style rules with type, class and id selectors
 * joined by descendant, child and sibling combinators, and their declarations. Everything else is kept, not dropped, with
 * the reason it is outside the subset: a rule only sends a document to the HTML engine when it matches an element
 * of it ({@link HtmlStyle}), so an unused {@code a:hover} or {@code float} in a shared style sheet costs nothing.
 * Immutable once parsed.
 */
final class HtmlCss {
  /**
   * Every property openhtmltopdf 1.1's parser knows (its CSSName), shorthands included. A declaration of any other
   * property is dropped there (CSSParser finds no CSSName for it), so it is dropped here too rather than refused:
   * logical properties ({@code padding-inline}, {@code margin-block-start}, {@code inset}), {@code aspect-ratio},
   * {@code object-fit}, {@code text-decoration-line}, … change nothing in either engine (measured).
   */
  static final java.util.Set<String> OPENHTMLTOPDF_PROPERTIES = java.util.Set.of(
      "-fs-border-rendering", "-fs-border-spacing-horizontal", "-fs-border-spacing-vertical", "-fs-checkbox-style",
      "-fs-dynamic-auto-width", "-fs-fit-images-to-width", "-fs-font-subset", "-fs-keep-with-inline",
      "-fs-max-justification-inter-char", "-fs-max-justification-inter-word", "-fs-max-overflow-pages",
      "-fs-named-destination", "-fs-overflow-pages-direction", "-fs-page-break-min-height", "-fs-page-height",
      "-fs-page-orientation", "-fs-page-sequence", "-fs-page-width", "-fs-pdf-font-embed", "-fs-pdf-font-encoding",
      "-fs-table-cell-colspan", "-fs-table-cell-rowspan", "-fs-table-paginate", "-fs-text-decoration-extent",
      "-fs-transform-origin-x", "-fs-transform-origin-y", "background", "background-attachment", "background-color",
      "background-image", "background-position", "background-repeat", "background-size", "border", "border-bottom",
      "border-bottom-color", "border-bottom-left-radius", "border-bottom-right-radius", "border-bottom-style",
      "border-bottom-width", "border-collapse", "border-color", "border-left", "border-left-color",
      "border-left-style", "border-left-width", "border-radius", "border-right", "border-right-color",
      "border-right-style", "border-right-width", "border-spacing", "border-style", "border-top", "border-top-color",
      "border-top-left-radius", "border-top-right-radius", "border-top-style", "border-top-width", "border-width",
      "bottom", "box-sizing", "break-after", "break-before", "caption-side", "clear", "clip", "color",
      "column-count", "column-gap", "content", "counter-increment", "counter-reset", "cursor", "direction",
      "display", "empty-cells", "float", "font", "font-family", "font-size", "font-style", "font-variant",
      "font-weight", "height", "hyphens", "image-rendering", "left", "letter-spacing", "line-height", "list-style",
      "list-style-image", "list-style-position", "list-style-type", "margin", "margin-bottom", "margin-left",
      "margin-right", "margin-top", "max-height", "max-width", "min-height", "min-width", "orphans", "outline",
      "outline-color", "outline-style", "outline-width", "overflow", "padding", "padding-bottom", "padding-left",
      "padding-right", "padding-top", "page", "page-break-after", "page-break-before", "page-break-inside",
      "position", "quotes", "right", "size", "src", "tab-size", "table-layout", "text-align", "text-decoration",
      "text-decoration-color", "text-indent", "text-transform", "text-underline-offset", "text-underline-position",
      "top", "transform", "transform-origin", "unicode-bidi", "vertical-align", "visibility", "white-space",
      "widows", "width", "word-spacing", "word-wrap", "z-index");

  /** One declaration, name lower-cased, value trimmed. */
  record Declaration(String name, String value, boolean important) {}

  /**
   * A structural pseudo-class as openhtmltopdf evaluates it (its newmatch.Condition): {@code :first-child},
   * {@code :last-child}, or {@code :nth-child(an+b)} with {@code odd} as 2n+1, {@code even} as 2n and a plain
   * number as 0n+b, positions counted over element siblings only. Its nth-child test is kept as openhtmltopdf
   * writes it, which also matches positions before b when a is positive (2n+3 matches the first child).
   */
  record Structural(String kind, int a, int b) {
    boolean matches(Element e) {
      return matches(e, e.parent() == null ? 0 : e.elementSiblingIndex());
    }

    /** @param index {@code e}'s place among its parent's elements, from 0 (0 without a parent) */
    boolean matches(Element e, int index) {
      Element parent = e.parent();
      return switch (kind) {
        case "first" -> parent == null || e.previousElementSibling() == null;
        case "last" -> parent == null || e.nextElementSibling() == null;
        default -> {
          int position = index + 1 - b;
          if (a == 0) yield position == 0;
          if (a < 0 && position > 0) yield false;
          yield position % a == 0;
        }
      };
    }

    private static final Pattern NTH = Pattern.compile("([-+]?)(\\d*)n(\\s*([-+])\\s*(\\d+))?");

    /** The pseudo-class, or null when it is not one of these (or its argument is not one openhtmltopdf reads). */
    static Structural of(String name, String argument) {
      if (name.equals("first-child") && argument == null) return new Structural("first", 0, 0);
      if (name.equals("last-child") && argument == null) return new Structural("last", 0, 0);
      if (!name.equals("nth-child") || argument == null) return null;
      String n = argument.trim().toLowerCase(Locale.ROOT);
      if (n.equals("even")) return new Structural("nth", 2, 0);
      if (n.equals("odd")) return new Structural("nth", 2, 1);
      if (n.matches("\\d+")) return new Structural("nth", 0, Integer.parseInt(n));
      Matcher m = NTH.matcher(n);
      if (!m.matches()) return null;
      int a = m.group(2).isEmpty() ? 1 : Integer.parseInt(m.group(2));
      int b = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
      if ("-".equals(m.group(1))) a = -a;
      if ("-".equals(m.group(4))) b = -b;
      return new Structural("nth", a, b);
    }
  }

  /**
   * An attribute selector as openhtmltopdf's Condition classes test it: {@code [name]} present (empty too),
   * {@code =} equal, {@code ^=} starts with, {@code $=} ends with, {@code *=} contains (an empty value matches
   * any, as String.startsWith and indexOf do there), {@code ~=} one of its words split on single spaces,
   * {@code |=} equal to its part before the first hyphen; all case-sensitive.
   *
   * @param op {@code ""} for presence, else the operator
   */
  record Attribute(String name, String op, String value) {
    boolean matches(Element e, boolean template) {
      if (!e.hasAttr(name)) return false;
      String v = e.attr(name);
      // a value the data sets ({{status}}) may be anything once the document is made
      if (template && v.contains("{{")) return true;
      return switch (op) {
        case "" -> true;
        case "=" -> v.equals(value);
        case "^=" -> v.startsWith(value);
        case "$=" -> v.endsWith(value);
        case "*=" -> v.contains(value);
        case "~=" -> java.util.Arrays.asList(v.split(" ")).contains(value);
        default -> v.split("-")[0].equals(value);
      };
    }
  }

  /** One compound selector: {@code tag.class.class#id[name=value]:first-child}; tag null for any. */
  record Compound(String tag, List<String> classes, String id, List<Structural> structural,
      List<Attribute> attributes) {
    Compound(String tag, List<String> classes, String id) {
      this(tag, classes, id, List.of(), List.of());
    }

    /**
     * Whether the author wrote {@code e} as a {@code tag}: a renamed element by its mark. Only spans and table
     * elements are renamed, so no other element's attributes are looked at (this runs for every rule and element).
     */
    private static boolean named(Element e, String tag) {
      String name = e.normalName();
      switch (name) {
        case "span", "table", "tr", "td" -> {
          String mark = e.attributes().hasKey(HtmlDisplayTables.MARK) ? e.attr(HtmlDisplayTables.MARK) : "";
          return tag.equals(mark.isEmpty() ? name : mark);
        }
        default -> {
          return tag.equals(name);
        }
      }
    }

    /** @param template whether {@code e} is in the template, where positions are not yet known: any matches */
    boolean matches(Element e, boolean template) {
      // an element HtmlDisplayTables or HtmlDisplayInline renamed is matched as the one the author wrote
      if (tag != null && !named(e, tag)) return false;
      if (id != null && !id.equals(e.id())) return false;
      for (String c : classes) {
        if (!e.hasClass(c)) return false;
      }
      for (Attribute a : attributes) {
        if (!a.matches(e, template)) return false;
      }
      if (!template) {
        for (Structural p : structural) {
          if (!p.matches(e)) return false;
        }
      }
      return true;
    }
  }

  /**
   * @param parts compounds left to right
   * @param joins for each part after the first, the combinator joining it to the one before: {@code ' '},
   *     {@code '>'}, {@code '+'} or {@code '~'} (the first part's entry is unused)
   * @param unsupported the selector text when it has parts this path does not evaluate (pseudo-classes, attribute
   *     selectors); it then matches a superset, and a match sends the document to HTML
   * @param pseudoElement {@code before} or {@code after} when the selector ends in that pseudo-element (its rule
   *     styles generated content, not the element it matches: HtmlStyle keeps it apart), else null
   */
  record Selector(List<Compound> parts, List<Character> joins, int specificity, String unsupported,
      String pseudoElement) {
    boolean matches(Element e) {
      return matches(e, false);
    }

    /**
     * @param template whether {@code e} is in the template: structural pseudo-classes then match every element,
     *     so the declarations of a rule that may match once the data is in are all checked
     */
    boolean matches(Element e, boolean template) {
      // openhtmltopdf's anonymous row is a box, not an element: no selector matches it
      return !HtmlDisplayTables.anonymous(e) && matches(e, parts.size() - 1, template);
    }

    private boolean matches(Element e, int i, boolean template) {
      if (!parts.get(i).matches(e, template)) return false;
      if (i == 0) return true;
      char join = joins.get(i);
      if (join == '+' || join == '~') {
        // siblings are elements only, as openhtmltopdf's structural pseudo-classes count them; in a template a
        // row repeated by {{#each}} becomes its own sibling, and a sibling may come or go with the data, so any
        // element of the same parent, itself included, may stand before it once the document is made
        if (template && e.parent() != null && !e.parent().hasAttr(FIXED)) {
          for (Element sibling : e.parent().children()) {
            if (matches(sibling, i - 1, true)) return true;
          }
          return false;
        }
        for (Element s = e.previousElementSibling(); s != null; s = s.previousElementSibling()) {
          if (matches(s, i - 1, template)) return true;
          if (join == '+') return false;
        }
        return false;
      }
      Element p = parent(e);
      if (join == '>') return p != null && matches(p, i - 1, template);
      for (; p != null; p = parent(p)) {
        if (matches(p, i - 1, template)) return true;
      }
      return false;
    }

    /**
     * {@code e}'s parent in the document the author wrote: past the anonymous row HtmlDisplayTables puts around a
     * display: table div's cells, which openhtmltopdf's selectors do not see.
     */
    private static Element parent(Element e) {
      Element p = e.parent();
      return p != null && HtmlDisplayTables.anonymous(p) ? p.parent() : p;
    }

    /**
     * Whether it styles what is inside {@code e}: a part that matches {@code e} itself followed by a descendant or
     * child combinator ({@code .logo path}, {@code svg > rect}), the rules openhtmltopdf copies into an inline
     * drawing (Matcher.getCSSForAllDescendants).
     */
    boolean reachesInside(Element e, boolean template) {
      for (int i = 0; i < parts.size() - 1; i++) {
        char join = joins.get(i + 1);
        if ((join == ' ' || join == '>') && matches(e, i, template)) return true;
      }
      return false;
    }

    /** Whether a sibling combinator joins two of its parts: whether e's siblings, not only its ancestors, count. */
    boolean sibling() {
      return joins.contains('+') || joins.contains('~');
    }
  }

  record Rule(Selector selector, List<Declaration> declarations, int order) {}

  /**
   * @param rules style rules in source order
   * @param unsupported why the sheet as a whole is outside the subset (an at-rule other than {@code @page}), or null
   * @param page the declarations of {@code @page} rules, in order
   * @param boxes the margin boxes of {@code @page} rules ({@code @bottom-center { … }}), in order
   * @param first the declarations of {@code @page :first} rules, in order
   * @param firstBoxes the margin boxes of {@code @page :first} rules, in order
   * @param tableDisplays the rules declaring a {@code display: table…}, found once per sheet rather than per render
   * @param inlineDisplays the rules declaring {@code display: inline}, likewise
   */
  record Sheet(List<Rule> rules, String unsupported, List<Declaration> page, List<MarginBox> boxes,
      List<Declaration> first, List<MarginBox> firstBoxes, List<Rule> tableDisplays, List<Rule> inlineDisplays) {
    Sheet(List<Rule> rules, String unsupported, List<Declaration> page, List<MarginBox> boxes,
        List<Declaration> first, List<MarginBox> firstBoxes) {
      this(rules, unsupported, page, boxes, first, firstBoxes, displaying(rules, v -> v.startsWith("table")),
          displaying(rules, v -> v.equalsIgnoreCase("inline")));
    }

    /** Whether the sheet has an {@code @page} rule of either kind. */
    boolean paged() {
      return !page.isEmpty() || !boxes.isEmpty() || !first.isEmpty() || !firstBoxes.isEmpty();
    }
  }

  /** A margin box of an {@code @page} rule: its name without the {@code @}, lower-cased, and declarations. */
  record MarginBox(String name, List<Declaration> declarations) {}

  /** The rules of the sheets that declare a {@code display: table…}, in order. */
  static List<Rule> tableDisplays(List<Sheet> sheets) {
    return joined(sheets, Sheet::tableDisplays);
  }

  /** The rules of the sheets that declare {@code display: inline}, in order. */
  static List<Rule> inlineDisplays(List<Sheet> sheets) {
    return joined(sheets, Sheet::inlineDisplays);
  }

  private static List<Rule> joined(List<Sheet> sheets, java.util.function.Function<Sheet, List<Rule>> part) {
    List<Rule> rules = List.of();
    for (Sheet sheet : sheets) {
      List<Rule> some = part.apply(sheet);
      if (some.isEmpty()) continue;
      if (rules.isEmpty()) {
        rules = some;
      } else {
        List<Rule> all = new java.util.ArrayList<>(rules);
        all.addAll(some);
        rules = all;
      }
    }
    return rules;
  }

  /** The rules that declare a {@code display} whose trimmed value passes {@code value}. */
  private static List<Rule> displaying(List<Rule> rules, java.util.function.Predicate<String> value) {
    List<Rule> found = new java.util.ArrayList<>(0);
    for (Rule rule : rules) {
      for (Declaration d : rule.declarations()) {
        if (d.name().equals("display") && value.test(d.value().trim())) {
          found.add(rule);
          break;
        }
      }
    }
    return List.copyOf(found);
  }

  /**
   * Whether {@code e} may be given one of those displays: one of {@code rules} matches it, or its style attribute
   * holds {@code word}. Only then is its whole style worth computing to find out.
   */
  static boolean mayDisplay(Element e, List<Rule> rules, String word, boolean template) {
    if (e.attr("style").contains(word)) return true;
    for (Rule rule : rules) {
      if (rule.selector().matches(e, template)) return true;
    }
    return false;
  }

  /** The distinct structural pseudo-classes of the sheets' rules, which {@link #position} tells apart. */
  static List<Structural> structural(List<Sheet> sheets) {
    java.util.LinkedHashSet<Structural> all = new java.util.LinkedHashSet<>();
    for (Sheet sheet : sheets) {
      for (Rule rule : sheet.rules()) {
        for (Compound c : rule.selector().parts()) all.addAll(c.structural());
      }
    }
    return List.copyOf(all);
  }

  /** The distinct attribute names the sheets' attribute selectors test, whose values are part of a style's key. */
  static List<String> attributes(List<Sheet> sheets) {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
    for (Sheet sheet : sheets) {
      for (Rule rule : sheet.rules()) {
        for (Compound c : rule.selector().parts()) {
          for (Attribute a : c.attributes()) all.add(a.name());
        }
      }
    }
    return List.copyOf(all);
  }

  /** The distinct selectors of the sheets' rules with a sibling combinator, which {@link #siblings} tells apart. */
  static List<Selector> siblingSelectors(List<Sheet> sheets) {
    java.util.LinkedHashSet<Selector> all = new java.util.LinkedHashSet<>();
    for (Sheet sheet : sheets) {
      for (Rule rule : sheet.rules()) {
        if (rule.selector().sibling()) all.add(rule.selector());
      }
    }
    return List.copyOf(all);
  }

  /**
   * Which of {@code selectors} {@code e} matches, as a key: a style shared by elements alike in their ancestors
   * must not be shared across siblings that {@code td + td} tells apart.
   */
  static java.util.BitSet siblings(Element e, List<Selector> selectors, boolean template) {
    java.util.BitSet bits = new java.util.BitSet(selectors.size());
    for (int i = 0; i < selectors.size(); i++) {
      if (selectors.get(i).matches(e, template)) bits.set(i);
    }
    return bits;
  }

  /**
   * Which of {@code structural} {@code e} matches, as a key: elements alike but for their place among their
   * siblings share a style when they match the same ones (a 1,000-row zebra table has two row styles).
   *
   * @param index {@code e}'s place among its parent's elements, as {@link Structural#matches(Element, int)} takes it
   */
  static long position(Element e, int index, List<Structural> structural) {
    if (structural.size() > 62) return index * 2L + (e.nextElementSibling() == null ? 1 : 0);
    long bits = 0;
    for (int i = 0; i < structural.size(); i++) {
      if (structural.get(i).matches(e, index)) bits |= 1L << i;
    }
    return bits;
  }

  /**
   * {@code [name]}, {@code [name op value]}: the name in lower case (as the HTML parser keeps attribute names), the
   * value an identifier or a quoted string without escapes; anything else is left unsupported.
   */
  private static final Pattern ATTRIBUTE = Pattern.compile(
      "\\[\\s*([a-z_][-_a-z0-9]*)\\s*(?:([~|^$*]?=)\\s*(?:\"([^\"\\\\]*)\"|'([^'\\\\]*)'|(-?[_a-zA-Z][-_a-zA-Z0-9]*))\\s*)?\\]");
  /**
   * A character of a class or id name as openhtmltopdf's Lexer reads it (its nmchar): a letter, digit, {@code -} or
   * {@code _}, any non-ASCII character, or a backslash escaping a character other than a hex digit or a line end.
   * Tailwind's classes need it ({@code .w-1\/2}, {@code .md\:flex}, {@code .p-0\.5}); a hex escape
   * ({@code \31 }) is not read here, and its compound is left unsupported.
   */
  private static final String NAME_CHAR = "(?:[-_a-zA-Z0-9\\u0080-\\uffff]|\\\\[^0-9a-fA-F\\r\\n\\f])";
  private static final Pattern MORE = Pattern.compile("[.#]" + NAME_CHAR + "+");
  private static final Pattern PSEUDO = Pattern.compile(":([-a-zA-Z]+)(?:\\(([^)]*)\\))?");
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
  private static final Pattern COMPOUND =
      Pattern.compile("(\\*|[a-zA-Z][a-zA-Z0-9-]*)?((?:[.#]" + NAME_CHAR + "+)*)(.*)");

  /**
   * The attribute HtmlSubset marks a template's element with when its children are fixed: no Handlebars block
   * between them, so its children's siblings are matched as they stand.
   */
  static final String FIXED = "data-platen-fixed-children";

  private HtmlCss() {}

  /** @param firstOrder order number of the sheet's first rule, so sheets parsed apart keep their cascade order */
  static Sheet parse(String css, int firstOrder) {
    return parse(css, firstOrder, true);
  }

  /**
   * {@code @import} of a style sheet, its URL in {@code url(…)} or a string (which may hold a {@code ;}, as Google
   * Fonts' do). One from an absolute {@code http(s)} URL adds no rule: openhtmltopdf asks its loader for it, which
   * loads nothing but {@code data:} URIs here (docs/html-layouts.md); measured, a Google Fonts import leaves the
   * document as drawn without it, the family falling back as any unknown one does.
   */
  private static final Pattern IMPORT = Pattern.compile("@import\\s*(?:url\\(\\s*(?:\"([^\"]*)\"|'([^']*)'|([^)\\s'\"]*))"
      + "\\s*\\)|\"([^\"]*)\"|'([^']*)')\\s*[-a-zA-Z, ]*;", Pattern.CASE_INSENSITIVE);

  /** {@code @charset "…"}, which openhtmltopdf reads only as the first thing in a sheet. */
  private static final Pattern CHARSET = Pattern.compile("@charset \"[-a-zA-Z0-9_]+\"");

  /** @param sheet whether {@code css} is a whole sheet, not the body of an {@code @media} rule */
  private static Sheet parse(String css, int firstOrder, boolean sheet) {
    List<Rule> rules = new ArrayList<>();
    List<Declaration> page = new ArrayList<>();
    List<MarginBox> boxes = new ArrayList<>();
    List<Declaration> first = new ArrayList<>();
    List<MarginBox> firstBoxes = new ArrayList<>();
    String unsupported = null;
    // whether only @charset and @import have come so far
    boolean top = true;
    String s = COMMENT.matcher(css == null ? "" : css).replaceAll(" ");
    int i = 0;
    int order = firstOrder;
    while (i < s.length()) {
      int open = s.indexOf('{', i);
      int semi = s.indexOf(';', i);
      String head = (open < 0 ? s.substring(i) : s.substring(i, open)).trim();
      // openhtmltopdf's CSSParser.stylesheet reads @charset only first and @import only before every other rule;
      // elsewhere they are errors it recovers from, not ported
      int start = i;
      while (start < s.length() && Character.isWhitespace(s.charAt(start))) start++;
      Matcher imported = IMPORT.matcher(s).region(start, s.length());
      if (imported.lookingAt()) {
        String url = null;
        for (int g = 1; g <= 5 && url == null; g++) url = imported.group(g);
        if ((!sheet || !top || !url.strip().matches("(?i)(https?:)?//\\S+")) && unsupported == null) {
          unsupported = "CSS @import rule";
        }
        i = imported.end();
        continue;
      }
      if (head.startsWith("@") && semi >= 0 && (open < 0 || semi < open)) {
        // @charset, @namespace: a statement without a block
        boolean leading = sheet && i == 0 && s.startsWith("@") && CHARSET.matcher(s.substring(i, semi)).matches();
        if (!leading && unsupported == null) unsupported = "CSS " + atName(head) + " rule";
        top &= leading;
        i = semi + 1;
        continue;
      }
      top = false;
      if (open < 0) break;
      int close = blockEnd(s, open);
      String body = s.substring(open + 1, Math.max(open + 1, close));
      i = close + 1;
      if (head.startsWith("@")) {
        String name = atName(head);
        if (name.equals("@page") && head.trim().equals("@page")) {
          pageRule(body, page, boxes);
        } else if (name.equals("@page") && FIRST.matcher(head).matches()) {
          pageRule(body, first, firstBoxes);
        } else if (name.equals("@media") && media(head) != null) {
          if (media(head)) {
            Sheet inner = parse(body, order, false);
            rules.addAll(inner.rules());
            order += inner.rules().size();
            if (unsupported == null && inner.unsupported() != null) unsupported = inner.unsupported();
            if (unsupported == null && inner.paged()) {
              unsupported = "a CSS @page rule inside an @media rule";
            }
          }
        } else if (name.equals("@font-face") && !body.toLowerCase(Locale.ROOT).contains("data:")) {
          // a face from local() or a URL registers nothing in either engine: openhtmltopdf does not read local(),
          // and Platen loads a font from a data: URI only (docs/html-layouts.md), so the family stays unknown
          continue;
        } else if (unsupported == null) {
          unsupported = !name.equals("@page") ? "CSS " + name + " rule"
              : "a CSS @page rule with a selector ('" + head.trim() + "')";
        }
        continue;
      }
      List<Declaration> declared = declarations(body);
      // a rule left without declarations (:root { --brand: #c00 }) styles nothing: its selector is not judged
      if (declared.isEmpty() && !body.isBlank()) continue;
      // openhtmltopdf's parser does not know :not() and drops the rule whole (measured: p:not(.a) styled no p), as
      // it drops a rule naming any pseudo-class it does not know, in any of its selectors (measured:
      // 'p:first-of-type, .x' styled neither; :last-of-type, :nth-of-type(), :only-child, :nth-last-child() too)
      if (unknownPseudoClass(head)) continue;
      // nor the CSS 3 general sibling combinator: 'p ~ p' is a parse error there that drops the rule whole
      // (measured: 'div ~ p, div { color: red }' styled neither)
      if (head.replaceAll("\\[[^\\]]*\\]", "[]").indexOf('~') >= 0) continue;
      for (String one : head.split(",")) {
        if (one.isBlank()) continue;
        rules.add(new Rule(selector(one.trim()), declared, order++));
      }
    }
    return new Sheet(List.copyOf(rules), unsupported, List.copyOf(page), List.copyOf(boxes), List.copyOf(first),
        List.copyOf(firstBoxes));
  }

  /**
   * The pseudo-classes and pseudo-elements openhtmltopdf's CSSParser knows (its addPseudoClassOrElement and
   * addPseudoClassOrElementFunction): a selector naming any other is a parse error there, which drops its rule.
   */
  private static final java.util.Set<String> KNOWN_PSEUDO = java.util.Set.of("link", "visited", "hover", "focus",
      "marker", "active", "first-child", "even", "odd", "last-child", "-fs-first-fragment", "-fs-last-fragment",
      "first-line", "first-letter", "before", "after", "lang(", "nth-child(");

  private static final Pattern PSEUDO_NAME = Pattern.compile("::?(-?[a-zA-Z][-a-zA-Z0-9]*\\(?)");

  /** Whether a rule's selector text names a pseudo-class or pseudo-element openhtmltopdf does not know. */
  static boolean unknownPseudoClass(String head) {
    // attribute values and strings may hold colons ([href^="http:"]): only what is outside them is read
    String outside = head.replaceAll("\\\\.", "x").replaceAll("\\[[^\\]]*\\]", "[]");
    Matcher m = PSEUDO_NAME.matcher(outside);
    while (m.find()) {
      if (!KNOWN_PSEUDO.contains(m.group(1).toLowerCase(Locale.ROOT))) return true;
    }
    return false;
  }

  /**
   * Whether openhtmltopdf applies an {@code @media} rule's block, or null when the direct path does not know.
   * Measured: it applies {@code print}, {@code all} and a list of media types holding either ({@code print,
   * screen}, any case), and not {@code screen}; a media query with features or a keyword anywhere in the list
   * ({@code only screen and (max-width: 600px)}, {@code (prefers-color-scheme: dark)}, {@code not screen}, even
   * {@code print and (min-width: 100px)} or {@code screen and (max-width: 600px), print}) leaves the whole block out.
   */
  static Boolean media(String head) {
    String list = head.trim().substring("@media".length()).trim().toLowerCase(Locale.ROOT);
    boolean applies = false;
    for (String one : list.split(",")) {
      String m = one.trim();
      if (!m.matches("[a-z][-a-z0-9]*")) return false;
      if (m.equals("print") || m.equals("all")) applies = true;
    }
    return applies;
  }

  /** {@code @page :first}, the one page selector drawn directly (:left, :right, :blank and named pages are not). */
  private static final Pattern FIRST = Pattern.compile("@page\\s*:first\\s*", Pattern.CASE_INSENSITIVE);

  /** An {@code @page} rule's body: its own declarations, and margin boxes nested in it. */
  private static void pageRule(String body, List<Declaration> page, List<MarginBox> boxes) {
    int i = 0;
    StringBuilder own = new StringBuilder();
    while (i < body.length()) {
      int open = body.indexOf('{', i);
      if (open < 0) {
        own.append(body, i, body.length());
        break;
      }
      // the text before a nested block ends with its head, after the last declaration's semicolon
      int headStart = Math.max(body.lastIndexOf(';', open), body.lastIndexOf('}', open)) + 1;
      headStart = Math.max(headStart, i);
      own.append(body, i, headStart).append(';');
      String head = body.substring(headStart, open).trim();
      int close = blockEnd(body, open);
      String inner = body.substring(open + 1, Math.max(open + 1, close));
      String name = head.startsWith("@") ? head.substring(1).trim().toLowerCase(Locale.ROOT) : head;
      boxes.add(new MarginBox(name, inner.indexOf('{') >= 0 ? List.of(new Declaration("{", inner, false))
          : declarations(inner)));
      i = close + 1;
    }
    page.addAll(declarations(own.toString()));
  }

  private static String atName(String head) {
    Matcher m = Pattern.compile("@[-a-zA-Z]+").matcher(head);
    return m.lookingAt() ? m.group().toLowerCase(Locale.ROOT) : "@";
  }

  /** Index of the brace closing the block opened at {@code open}, counting nested blocks. */
  private static int blockEnd(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '{') depth++;
      else if (c == '}' && --depth == 0) return i;
    }
    return s.length();
  }

  /** Declarations split on semicolons outside parentheses and quotes ({@code url(data:…;base64,…)}). */
  static List<Declaration> declarations(String body) {
    List<Declaration> out = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    int start = 0;
    for (int i = 0; i <= body.length(); i++) {
      char c = i < body.length() ? body.charAt(i) : ';';
      if (quote != 0) {
        if (c == quote) quote = 0;
        continue;
      }
      if (c == '"' || c == '\'') quote = c;
      else if (c == '(') depth++;
      else if (c == ')') depth = Math.max(0, depth - 1);
      else if (c == ';' && depth == 0) {
        declaration(body.substring(start, Math.min(i, body.length())), out);
        start = i + 1;
      }
    }
    return out;
  }

  private static void declaration(String text, List<Declaration> out) {
    int colon = text.indexOf(':');
    if (colon < 0) return;
    String name = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    String value = text.substring(colon + 1).trim();
    boolean important = false;
    int bang = value.toLowerCase(Locale.ROOT).lastIndexOf("!important");
    if (bang >= 0) {
      important = true;
      value = value.substring(0, bang).trim();
    }
    // openhtmltopdf has no custom properties: it drops their declarations and every declaration reading one with
    // var(), so the value cascaded before stays (measured: a var() colour and margin were not applied, fallback or not)
    if (name.startsWith("--") || value.toLowerCase(Locale.ROOT).contains("var(")) return;
    // nor calc(): it drops every declaration using it, shorthands too (measured: width, margin-left, padding,
    // font-size, height and a border-left shorthand with calc() kept the value cascaded before)
    if (value.toLowerCase(Locale.ROOT).contains("calc(")) return;
    if (!name.isEmpty()) out.add(new Declaration(name, value, important));
  }

  /** Compounds and combinators, split outside parentheses: {@code tr:nth-child(2n+1) > td} is three tokens. */
  private static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) quote = 0;
        token.append(c);
        continue;
      }
      if (c == '"' || c == '\'') quote = c;
      else if (c == '(' || c == '[') depth++;
      else if (c == ')' || c == ']') depth = Math.max(0, depth - 1);
      boolean combinator = depth == 0 && (c == '>' || c == '+' || c == '~');
      if (depth == 0 && (Character.isWhitespace(c) || combinator)) {
        if (!token.isEmpty()) out.add(token.toString());
        token.setLength(0);
        if (combinator) out.add(String.valueOf(c));
      } else {
        token.append(c);
      }
    }
    if (!token.isEmpty()) out.add(token.toString());
    return out;
  }

  /** A trailing {@code ::before}, {@code ::after} (or their one-colon CSS 2 spellings). */
  private static final Pattern PSEUDO_ELEMENT = Pattern.compile("(?i)::?(before|after)$");

  static Selector selector(String text) {
    Matcher pe = PSEUDO_ELEMENT.matcher(text);
    String pseudoElement = null;
    String whole = text;
    if (pe.find() && (pe.start() == 0 || !Character.isWhitespace(text.charAt(pe.start() - 1)))) {
      pseudoElement = pe.group(1).toLowerCase(Locale.ROOT);
      // '::before' alone (Tailwind's '*, ::before, ::after') is that of any element
      text = pe.start() == 0 ? "*" : text.substring(0, pe.start());
    }
    List<Compound> parts = new ArrayList<>();
    List<Character> joins = new ArrayList<>();
    boolean unsupported = false;
    int specificity = 0;
    // a combinator is white space, '>', '+' or '~' (parse drops rules with '~', as openhtmltopdf does)
    char nextJoin = ' ';
    for (String token : tokens(text)) {
      if (token.equals(">") || token.equals("+") || token.equals("~")) {
        // two combinators in a row (a > + b) are a parse error: left to the HTML engine
        if (nextJoin != ' ' || parts.isEmpty()) unsupported = true;
        nextJoin = token.charAt(0);
        continue;
      }
      Matcher m = COMPOUND.matcher(token);
      if (!m.matches()) {
        unsupported = true;
        continue;
      }
      String tag = m.group(1) == null || m.group(1).equals("*") ? null : m.group(1).toLowerCase(Locale.ROOT);
      List<String> classes = new ArrayList<>();
      String id = null;
      for (String piece : m.group(2).split("(?<!\\\\)(?=[.#])")) {
        if (piece.isEmpty()) continue;
        if (piece.charAt(0) == '.') classes.add(unescape(piece.substring(1)));
        else id = unescape(piece.substring(1));
      }
      List<Structural> structural = new ArrayList<>();
      List<Attribute> attributes = new ArrayList<>();
      String rest = m.group(3);
      while (!rest.isEmpty()) {
        Matcher a = ATTRIBUTE.matcher(rest);
        if (a.lookingAt()) {
          String value = a.group(3) != null ? a.group(3) : a.group(4) != null ? a.group(4) : a.group(5);
          attributes.add(new Attribute(a.group(1).toLowerCase(Locale.ROOT), a.group(2) == null ? "" : a.group(2),
              value));
          specificity += 10;
          rest = rest.substring(a.end());
          continue;
        }
        Matcher more = MORE.matcher(rest);
        if (more.lookingAt()) {
          // a class or id after an attribute selector or pseudo-class: td[align=right].num
          if (more.group().charAt(0) == '.') classes.add(unescape(more.group().substring(1)));
          else if (id == null) id = unescape(more.group().substring(1));
          else unsupported = true;
          rest = rest.substring(more.end());
          continue;
        }
        Matcher p = PSEUDO.matcher(rest);
        Structural one = p.lookingAt() ? Structural.of(p.group(1).toLowerCase(Locale.ROOT), p.group(2)) : null;
        if (one == null) {
          // a name cut short by what is not read here (a hex escape) must not match the elements of the shorter
          // name: without its names the compound matches a superset, and the document goes to openhtmltopdf
          if (rest.charAt(0) == '\\') {
            classes.clear();
            id = null;
          }
          unsupported = true;
          specificity += 10; // a pseudo-class or attribute selector
          break;
        }
        structural.add(one);
        specificity += 10;
        rest = rest.substring(p.end());
      }
      // openhtmltopdf counts the universal selector as a type selector (measured: p{} *{} gives * the last word,
      // and * {margin: 0} wins over the base sheet's h1 margins), where CSS counts it as nothing
      specificity += (id == null ? 0 : 100) + 10 * classes.size() + (m.group(1) == null ? 0 : 1);
      parts.add(new Compound(tag, List.copyOf(classes), id, List.copyOf(structural), List.copyOf(attributes)));
      joins.add(parts.size() > 1 ? nextJoin : ' ');
      nextJoin = ' ';
    }
    if (nextJoin != ' ') unsupported = true;
    if (parts.isEmpty()) {
      parts.add(new Compound(null, List.of(), null));
      joins.add(' ');
      unsupported = true;
    }
    // a pseudo-element counts as a type selector
    return new Selector(List.copyOf(parts), List.copyOf(joins), specificity + (pseudoElement == null ? 0 : 1),
        unsupported ? whole : null, pseudoElement);
  }

  private static String unescape(String name) {
    return name.indexOf('\\') < 0 ? name : name.replaceAll("\\\\(.)", "$1");
  }
}
