package dev.platen.render.direct;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * The part of CSS the direct path understands for HTML layouts: style rules with type, class and id selectors
 * joined by descendant or child combinators, and their declarations. Everything else is kept, not dropped, with
 * the reason it is outside the subset: a rule only sends a document to the HTML engine when it matches an element
 * of it ({@link HtmlStyle}), so an unused {@code a:hover} or {@code float} in a shared style sheet costs nothing.
 * Immutable once parsed.
 */
final class HtmlCss {
  /** One declaration, name lower-cased, value trimmed. */
  record Declaration(String name, String value, boolean important) {}

  /** One compound selector: {@code tag.class.class#id}; tag null for any. */
  record Compound(String tag, List<String> classes, String id) {
    boolean matches(Element e) {
      if (tag != null && !tag.equals(e.normalName())) return false;
      if (id != null && !id.equals(e.id())) return false;
      for (String c : classes) {
        if (!e.hasClass(c)) return false;
      }
      return true;
    }
  }

  /**
   * @param parts compounds left to right
   * @param child for each part after the first, whether it is joined to the one before by {@code >}
   * @param unsupported the selector text when it has parts this path does not evaluate (pseudo-classes, attribute
   *     selectors, sibling combinators); it then matches a superset, and a match sends the document to HTML
   */
  record Selector(List<Compound> parts, List<Boolean> child, int specificity, String unsupported) {
    boolean matches(Element e) {
      return matches(e, parts.size() - 1);
    }

    private boolean matches(Element e, int i) {
      if (!parts.get(i).matches(e)) return false;
      if (i == 0) return true;
      Element p = e.parent();
      if (child.get(i)) return p != null && matches(p, i - 1);
      for (; p != null; p = p.parent()) {
        if (matches(p, i - 1)) return true;
      }
      return false;
    }
  }

  record Rule(Selector selector, List<Declaration> declarations, int order) {}

  /**
   * @param rules style rules in source order
   * @param unsupported why the sheet as a whole is outside the subset (an at-rule other than {@code @page}), or null
   * @param page the declarations of {@code @page} rules, in order
   * @param boxes the margin boxes of {@code @page} rules ({@code @bottom-center { … }}), in order
   */
  record Sheet(List<Rule> rules, String unsupported, List<Declaration> page, List<MarginBox> boxes) {}

  /** A margin box of an {@code @page} rule: its name without the {@code @}, lower-cased, and declarations. */
  record MarginBox(String name, List<Declaration> declarations) {}

  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
  private static final Pattern COMPOUND =
      Pattern.compile("(\\*|[a-zA-Z][a-zA-Z0-9-]*)?((?:[.#][-_a-zA-Z0-9]+)*)(.*)");

  private HtmlCss() {}

  /** @param firstOrder order number of the sheet's first rule, so sheets parsed apart keep their cascade order */
  static Sheet parse(String css, int firstOrder) {
    List<Rule> rules = new ArrayList<>();
    List<Declaration> page = new ArrayList<>();
    List<MarginBox> boxes = new ArrayList<>();
    String unsupported = null;
    String s = COMMENT.matcher(css == null ? "" : css).replaceAll(" ");
    int i = 0;
    int order = firstOrder;
    while (i < s.length()) {
      int open = s.indexOf('{', i);
      int semi = s.indexOf(';', i);
      String head = (open < 0 ? s.substring(i) : s.substring(i, open)).trim();
      if (head.startsWith("@") && semi >= 0 && (open < 0 || semi < open)) {
        // @import, @charset, @namespace: a statement without a block
        if (unsupported == null) unsupported = "CSS " + atName(head) + " rule";
        i = semi + 1;
        continue;
      }
      if (open < 0) break;
      int close = blockEnd(s, open);
      String body = s.substring(open + 1, Math.max(open + 1, close));
      i = close + 1;
      if (head.startsWith("@")) {
        String name = atName(head);
        if (name.equals("@page") && head.trim().equals("@page")) {
          pageRule(body, page, boxes);
        } else if (unsupported == null) {
          unsupported = !name.equals("@page") ? "CSS " + name + " rule"
              : "a CSS @page rule with a selector ('" + head.trim() + "')";
        }
        continue;
      }
      List<Declaration> declared = declarations(body);
      for (String one : head.split(",")) {
        if (one.isBlank()) continue;
        rules.add(new Rule(selector(one.trim()), declared, order++));
      }
    }
    return new Sheet(List.copyOf(rules), unsupported, List.copyOf(page), List.copyOf(boxes));
  }

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
    if (!name.isEmpty()) out.add(new Declaration(name, value, important));
  }

  static Selector selector(String text) {
    List<Compound> parts = new ArrayList<>();
    List<Boolean> child = new ArrayList<>();
    boolean unsupported = false;
    int specificity = 0;
    // a combinator is white space, '>', '+' or '~'; sibling combinators are read as descendants (a superset)
    String spaced = text.replaceAll("\\s*([>+~])\\s*", " $1 ").trim();
    boolean nextChild = false;
    for (String token : spaced.split("\\s+")) {
      if (token.equals(">")) {
        nextChild = true;
        continue;
      }
      if (token.equals("+") || token.equals("~")) {
        unsupported = true;
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
      for (String piece : m.group(2).split("(?=[.#])")) {
        if (piece.isEmpty()) continue;
        if (piece.charAt(0) == '.') classes.add(piece.substring(1));
        else id = piece.substring(1);
      }
      if (!m.group(3).isEmpty()) {
        unsupported = true;
        specificity += 10; // a pseudo-class or attribute selector
      }
      specificity += (id == null ? 0 : 100) + 10 * classes.size() + (tag == null ? 0 : 1);
      parts.add(new Compound(tag, List.copyOf(classes), id));
      child.add(nextChild && parts.size() > 1);
      nextChild = false;
    }
    if (parts.isEmpty()) {
      parts.add(new Compound(null, List.of(), null));
      child.add(false);
      unsupported = true;
    }
    return new Selector(List.copyOf(parts), List.copyOf(child), specificity, unsupported ? text : null);
  }
}
