package dev.platen.render.html;

import dev.platen.errors.Issues;
import dev.platen.render.Units;
import dev.platen.render.handlebars.HtmlTemplate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Publish-time validation of a layout, so that a template that can never render is refused with a 400 naming
 * the field, instead of being stored and failing every render later. Checks what the engine would otherwise only
 * discover while rendering: the shape of the tree, block types, props a block cannot do without, and for HTML
 * layouts that the Handlebars template compiles.
 */
public final class LayoutCheck {
  private LayoutCheck() {}

  /** Every block type {@link BlockWriter} draws; a test keeps the two in step. */
  public static final List<String> BLOCK_TYPES = List.of("heading", "text", "keyValue", "image", "table", "divider",
      "spacer", "button", "pageBreak", "html", "qr", "barcode");

  private static final Set<String> BLOCK_TYPE_SET = Set.copyOf(BLOCK_TYPES);

  /**
   * Adds one issue per problem, with dotted paths under {@code path} (e.g.
   * {@code layout.sections.0.rows.0.columns.1.blocks.2.type}).
   *
   * @param layout the layout object as posted (absent layouts are not checked here)
   */
  public static Issues check(JsonNode layout, String path, Issues issues) {
    if (layout == null || !layout.isObject()) {
      issues.add(path, "Expected an object with either sections (a canvas layout) or html (an HTML layout)");
      return issues;
    }
    boolean html = layout.has("html");
    boolean sections = layout.has("sections");
    if (html && sections) {
      issues.add(path, "A layout has either sections (canvas) or html (HTML), not both");
    } else if (html) {
      checkHtml(layout, path, issues);
    } else if (sections) {
      checkCanvas(layout, path, issues);
    } else {
      issues.add(path + ".sections", "Required");
    }
    return issues;
  }

  private static void checkHtml(JsonNode layout, String path, Issues issues) {
    JsonNode html = layout.get("html");
    JsonNode css = layout.get("css");
    boolean ok = true;
    if (!html.isString()) {
      issues.add(path + ".html", "Expected string, received " + kind(html));
      ok = false;
    } else if (html.stringValue().length() > HtmlTemplate.MAX_HTML_CHARS) {
      issues.add(path + ".html", "At most 1 MB (" + Units.count(HtmlTemplate.MAX_HTML_CHARS) + " characters)");
      ok = false;
    }
    if (css != null && !css.isNull()) {
      if (!css.isString()) {
        issues.add(path + ".css", "Expected string, received " + kind(css));
        ok = false;
      } else if (css.stringValue().length() > HtmlTemplate.MAX_CSS_CHARS) {
        issues.add(path + ".css", "At most 256 KB (" + Units.count(HtmlTemplate.MAX_CSS_CHARS) + " characters)");
        ok = false;
      }
    }
    if (!ok) return;
    try {
      HtmlTemplate.compile(html.stringValue(), css == null || css.isNull() ? null : css.stringValue());
    } catch (HtmlTemplate.SyntaxError e) {
      issues.add(path + ".html", e.describe());
    }
  }

  private static void checkCanvas(JsonNode layout, String path, Issues issues) {
    List<JsonNode> sections = list(layout, "sections", path, issues);
    for (int s = 0; s < sections.size(); s++) {
      String sp = path + ".sections." + s;
      JsonNode section = sections.get(s);
      if (!node(section, "section", sp, issues)) continue;
      List<JsonNode> rows = list(section, "rows", sp, issues);
      for (int r = 0; r < rows.size(); r++) {
        String rp = sp + ".rows." + r;
        JsonNode row = rows.get(r);
        if (!node(row, "row", rp, issues)) continue;
        List<JsonNode> columns = list(row, "columns", rp, issues);
        for (int c = 0; c < columns.size(); c++) {
          String cp = rp + ".columns." + c;
          JsonNode column = columns.get(c);
          if (!node(column, "column", cp, issues)) continue;
          List<JsonNode> blocks = list(column, "blocks", cp, issues);
          for (int b = 0; b < blocks.size(); b++) block(blocks.get(b), cp + ".blocks." + b, issues);
        }
      }
    }
  }

  /** A container must be an object; its {@code type} may be left out, as the engine does not need it. */
  private static boolean node(JsonNode n, String type, String path, Issues issues) {
    if (!n.isObject()) {
      issues.add(path, "Expected object, received " + kind(n));
      return false;
    }
    JsonNode t = n.get("type");
    if (t != null && !t.isNull() && !(t.isString() && t.stringValue().equals(type))) {
      issues.add(path + ".type", "Expected \"" + type + "\"");
    }
    return true;
  }

  private static void block(JsonNode block, String path, Issues issues) {
    if (!block.isObject()) {
      issues.add(path, "Expected object, received " + kind(block));
      return;
    }
    JsonNode t = block.get("type");
    if (t == null || t.isNull()) {
      issues.add(path + ".type", "Required");
      return;
    }
    if (!t.isString() || !BLOCK_TYPE_SET.contains(t.stringValue())) {
      issues.add(path + ".type", "Unknown block type " + (t.isString() ? "'" + shorten(t.stringValue()) + "'"
          : kind(t)) + "; expected one of " + String.join(", ", BLOCK_TYPES));
      return;
    }
    JsonNode props = block.get("props");
    String pp = path + ".props";
    if (props != null && !props.isNull() && !props.isObject()) {
      issues.add(pp, "Expected object, received " + kind(props));
      return;
    }
    JsonNode p = props == null ? block.path("props") : props;
    switch (t.stringValue()) {
      case "table" -> {
        requiredString(p, "loop", pp, issues);
        JsonNode columns = p.get("columns");
        if (columns == null || columns.isNull()) {
          issues.add(pp + ".columns", "Required");
        } else if (!columns.isArray()) {
          issues.add(pp + ".columns", "Expected array, received " + kind(columns));
        } else {
          for (int i = 0; i < columns.size(); i++) {
            if (!columns.get(i).isObject()) {
              issues.add(pp + ".columns." + i, "Expected object, received " + kind(columns.get(i)));
            }
          }
        }
      }
      case "keyValue" -> optionalList(p, "items", pp, issues);
      case "image" -> requiredString(p, "src", pp, issues);
      case "qr" -> {
        requiredString(p, "value", pp, issues);
        oneOf(p, "errorCorrection", pp, issues, Set.of("L", "M", "Q", "H"), "L, M, Q or H");
      }
      case "barcode" -> {
        requiredString(p, "value", pp, issues);
        oneOf(p, "format", pp, issues, Set.of("CODE128", "EAN13"), "code128 or ean13");
      }
      default -> { }
    }
  }

  private static List<JsonNode> list(JsonNode node, String field, String path, Issues issues) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return List.of();
    if (!v.isArray()) {
      issues.add(path + "." + field, "Expected array, received " + kind(v));
      return List.of();
    }
    return v.valueStream().toList();
  }

  private static void optionalList(JsonNode props, String field, String path, Issues issues) {
    JsonNode v = props.get(field);
    if (v != null && !v.isNull() && !v.isArray()) {
      issues.add(path + "." + field, "Expected array, received " + kind(v));
    }
  }

  private static void requiredString(JsonNode props, String field, String path, Issues issues) {
    JsonNode v = props.get(field);
    if (v == null || v.isNull()) {
      issues.add(path + "." + field, "Required");
    } else if (!v.isString()) {
      issues.add(path + "." + field, "Expected string, received " + kind(v));
    }
  }

  /** Spelled as the engine accepts it: case, hyphens and underscores do not matter. */
  private static void oneOf(JsonNode props, String field, String path, Issues issues, Set<String> allowed,
      String shown) {
    JsonNode v = props.get(field);
    if (v == null || v.isNull()) return;
    String norm = v.isString() ? v.stringValue().trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "")
        .replace(" ", "") : null;
    if (norm == null || !allowed.contains(norm)) issues.add(path + "." + field, "Expected " + shown);
  }

  private static String kind(JsonNode n) {
    if (n == null || n.isNull()) return "null";
    if (n.isObject()) return "object";
    if (n.isArray()) return "array";
    if (n.isString()) return "string";
    if (n.isBoolean()) return "boolean";
    if (n.isNumber()) return "number";
    return "unknown";
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
