package dev.platen.render;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * {@code {{dotted.path}}} lookups against the render data. Only plain paths: no helpers, no expressions, so a
 * template can read data but never run anything. Unknown paths read as empty.
 */
public final class Placeholders {
  private Placeholders() {}

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]+?)\\s*}}");

  /** The text with every placeholder replaced by the scalar it names (unescaped: callers escape). */
  public static String fill(String template, JsonNode data) {
    return fill(template, data, UnaryOperator.identity());
  }

  /** As {@link #fill(String, JsonNode)}, passing each value through {@code encode} (for values put into markup). */
  public static String fill(String template, JsonNode data, UnaryOperator<String> encode) {
    if (template == null || template.indexOf("{{") < 0) return template == null ? "" : template;
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 32);
    while (m.find()) {
      m.appendReplacement(out, "");
      out.append(encode.apply(scalarText(lookup(data, m.group(1)))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Accepts {@code {{field}}} where a bare field name is expected; authors write both. */
  public static String stripBraces(String s) {
    if (s == null) return null;
    String t = s.trim();
    return t.startsWith("{{") && t.endsWith("}}") ? t.substring(2, t.length() - 2).trim() : t;
  }

  /** The node at a dotted path; numeric segments index arrays. Missing when any segment is absent. */
  public static JsonNode lookup(JsonNode data, String path) {
    if (data == null || path == null || path.isBlank()) return MissingNode.getInstance();
    JsonNode node = data;
    for (String segment : path.trim().split("\\.", -1)) {
      if (node.isArray() && isIndex(segment)) {
        node = node.path(Integer.parseInt(segment));
      } else if (node.isObject()) {
        node = node.path(segment);
      } else {
        return MissingNode.getInstance();
      }
      if (node.isMissingNode()) return node;
    }
    return node;
  }

  /** Scalars as their plain text; null, missing, objects and arrays as empty. */
  public static String scalarText(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode() || v.isContainer()) return "";
    if (v.isString()) return v.stringValue();
    if (v.isNumber()) return v.isBigDecimal() ? Numbers.plainText(v.decimalValue()) : v.asString();
    return v.asString();
  }

  private static boolean isIndex(String s) {
    if (s.isEmpty() || s.length() > 9) return false;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
    }
    return true;
  }
}
