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
    return refusal(layout) == null;
  }

  /**
   * The first thing in a canvas layout that the direct path leaves to the HTML engine, worded for
   * {@code engineReason}, or null when it draws the whole layout.
   */
  static String refusal(JsonNode layout) {
    if (layout == null || !layout.isObject()) return "a layout that is not a JSON object";
    for (String name : layout.propertyNames()) {
      if (!ROOT.contains(name)) return "the layout's '" + name + "'";
    }
    JsonNode sections = layout.path("sections");
    if (!isList(sections)) return "'sections' that is not a list";
    for (JsonNode section : sections) {
      String refused = box(section, "section", "rows");
      if (refused != null) return refused;
      for (String name : new String[] {"columns", "blocks", "gutter"}) {
        if (section.has(name)) return "'" + name + "' on " + where(section, "section");
      }
      for (JsonNode row : section.path("rows")) {
        refused = box(row, "row", "columns");
        if (refused != null) return refused;
        for (JsonNode column : row.path("columns")) {
          refused = box(column, "column", "blocks");
          if (refused != null) return refused;
          for (JsonNode block : column.path("blocks")) {
            refused = block.isObject() ? block(block) : "a block that is not a JSON object";
            if (refused != null) return refused;
          }
        }
      }
    }
    return null;
  }

  /** "html block b7", "row r1", or "a row without an id". */
  private static String where(JsonNode node, String kind) {
    String id = node.path("id").asString("");
    return id.isEmpty() ? "a " + kind + " without an id" : kind + " " + id;
  }

  private static String box(JsonNode node, String kind, String children) {
    if (!node.isObject()) return "a " + kind + " that is not a JSON object";
    if (!isList(node.path(children))) return "'" + children + "' that is not a list on " + where(node, kind);
    for (String name : node.propertyNames()) {
      // padding, margin, backgroundColor
      if (!BOX.contains(name) && !noEffect(name, node.get(name))) return "'" + name + "' on " + where(node, kind);
    }
    return null;
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

  private static String block(JsonNode block) {
    JsonNode props = block.path("props");
    String type = block.path("type").asString("");
    String where = where(block, type.isEmpty() ? "block" : type + " block");
    if (!props.isMissingNode() && !props.isObject()) return "'props' that is not an object on " + where;
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
    if (allowed == null) return type.isEmpty() ? where + " without a type" : where;
    String refused = only(props, allowed, where);
    if (refused != null) return refused;
    if (type.equals("keyValue")) return items(props.path("items"), KV_ITEM, "items", where);
    if (type.equals("table")) return items(props.path("columns"), TABLE_COLUMN, "columns", where);
    return null;
  }

  private static String items(JsonNode list, Set<String> allowed, String name, String where) {
    if (!isList(list)) return "'" + name + "' that is not a list on " + where;
    for (JsonNode item : list) {
      if (!item.isObject()) return "an entry of '" + name + "' that is not an object on " + where;
      String refused = only(item, allowed, where);
      if (refused != null) return refused;
      JsonNode type = item.path("dataType");
      if (!type.isMissingNode() && !type.isNull() && !PLAIN_TYPES.contains(type.asString(""))) {
        return "dataType '" + type.asString("") + "' on " + where;
      }
    }
    return null;
  }

  private static String only(JsonNode props, Set<String> allowed, String where) {
    if (props.isMissingNode()) return null;
    for (String name : props.propertyNames()) {
      if (!allowed.contains(name)) return "'" + name + "' on " + where;
    }
    return null;
  }
}
