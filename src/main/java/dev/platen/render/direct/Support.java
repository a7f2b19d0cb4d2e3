package dev.platen.render.direct;

import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Which layouts the direct path draws. Images of any source are fine: they go through the HTML engine's own
 * guarded loader ({@code ImageEmbedder}); only SVG, found once loaded, is left to the HTML engine.
 * Anything not listed here goes to the HTML engine, which also owns every
 * error message about a malformed layout: the check is structural and cheap; text that turns out to need the
 * HTML engine (glyphs outside the font, right-to-left scripts) is found while measuring it.
 */
final class Support {
  private Support() {}

  private static final Set<String> BOX = Set.of("id", "type", "hidden", "rows", "columns", "blocks", "width", "align",
      "gutter");
  private static final Set<String> HEADING = Set.of("content", "as", "align", "color");
  private static final Set<String> TEXT = Set.of("content", "align", "fontSize", "color", "fontWeight", "lineHeight");
  private static final Set<String> KEY_VALUE = Set.of("items");
  private static final Set<String> KV_ITEM = Set.of("label", "path", "dataType", "format");
  private static final Set<String> IMAGE = Set.of("src", "alt", "width", "height", "align");
  private static final Set<String> TABLE = Set.of("loop", "columns");
  private static final Set<String> TABLE_COLUMN = Set.of("header", "field", "dataType", "format", "align", "width");
  private static final Set<String> DIVIDER = Set.of("color", "thickness", "width");
  private static final Set<String> SPACER = Set.of("height");
  private static final Set<String> QR = Set.of("value", "size", "align", "errorCorrection");
  private static final Set<String> BARCODE = Set.of("value", "format", "height", "width", "align", "showText");
  /** Value types printed as plain text; images, links and mail addresses are drawn by the HTML engine. */
  private static final Set<String> PLAIN_TYPES = Set.of("text", "string", "number", "currency", "date", "datetime",
      "boolean");

  /** Top-level layout keys the direct path understands; running header and footer stay with the HTML engine. */
  private static final Set<String> ROOT = Set.of("version", "meta", "sections", "variables", "theme");

  static boolean supports(JsonNode layout) {
    if (layout == null || !layout.isObject()) return false;
    for (String name : layout.propertyNames()) {
      if (!ROOT.contains(name)) return false;
    }
    JsonNode sections = layout.path("sections");
    if (!isList(sections)) return false;
    for (JsonNode section : sections) {
      if (!box(section, "rows")) return false;
      if (section.has("columns") || section.has("blocks") || section.has("gutter")) return false;
      for (JsonNode row : section.path("rows")) {
        if (!box(row, "columns")) return false;
        for (JsonNode column : row.path("columns")) {
          if (!box(column, "blocks")) return false;
          for (JsonNode block : column.path("blocks")) {
            if (!block.isObject() || !block(block)) return false;
          }
        }
      }
    }
    return true;
  }

  private static boolean box(JsonNode node, String children) {
    if (!node.isObject() || !isList(node.path(children))) return false;
    for (String name : node.propertyNames()) {
      if (!BOX.contains(name) && !noEffect(name, node.get(name))) return false; // padding, margin, backgroundColor
    }
    return true;
  }

  /** Props that draw nothing (the synthesised layout writes {@code padding: "0"} and a null background). */
  private static boolean noEffect(String name, JsonNode value) {
    if (value == null || value.isNull()) return true;
    return (name.equals("padding") || name.equals("margin"))
        && (value.isNumber() && value.asDouble() == 0 || value.isString() && value.asString().matches("0(\\.0+)?(px|pt|mm)?"));
  }

  private static boolean isList(JsonNode v) {
    return v.isMissingNode() || v.isNull() || v.isArray();
  }

  private static boolean block(JsonNode block) {
    JsonNode props = block.path("props");
    if (!props.isMissingNode() && !props.isObject()) return false;
    String type = block.path("type").asString("");
    Set<String> allowed = switch (type) {
      case "heading" -> HEADING;
      case "text" -> TEXT;
      case "keyValue" -> KEY_VALUE;
      case "image" -> IMAGE;
      case "table" -> TABLE;
      case "divider" -> DIVIDER;
      case "spacer" -> SPACER;
      case "qr" -> QR;
      case "barcode" -> BARCODE;
      case "pageBreak" -> Set.of();
      default -> null; // html, button, unknown types (whose error message the HTML engine words)
    };
    if (allowed == null || !only(props, allowed)) return false;
    if (type.equals("keyValue")) return items(props.path("items"), KV_ITEM);
    if (type.equals("table")) return items(props.path("columns"), TABLE_COLUMN);
    return true;
  }

  private static boolean items(JsonNode list, Set<String> allowed) {
    if (!isList(list)) return false;
    for (JsonNode item : list) {
      if (!item.isObject() || !only(item, allowed)) return false;
      JsonNode type = item.path("dataType");
      if (!type.isMissingNode() && !type.isNull() && !PLAIN_TYPES.contains(type.asString(""))) return false;
    }
    return true;
  }

  private static boolean only(JsonNode props, Set<String> allowed) {
    if (props.isMissingNode()) return true;
    for (String name : props.propertyNames()) {
      if (!allowed.contains(name)) return false;
    }
    return true;
  }
}
