package dev.platen.templates;

import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Reads the typed fields of one JSON object, reporting problems under dotted paths in Zod's words, so a client
 * written against Craftkit sees the messages it already knows. Optional fields treat {@code null} as absent.
 */
final class FieldReader {
  private final JsonNode object;
  private final String path;
  private final Problems problems;

  /** @param path the object's own path, "" for the request body */
  FieldReader(JsonNode object, String path, Problems problems) {
    this.object = object;
    this.path = path;
    this.problems = problems;
  }

  String path(String field) {
    return join(path, field);
  }

  JsonNode get(String field) {
    return object.get(field);
  }

  /** @return the string, trimmed when asked, or null when absent or invalid (a problem is then recorded) */
  String requiredString(String field, int min, int max, boolean trim) {
    JsonNode node = object.get(field);
    if (node == null) {
      problems.add(path(field), "Required");
      return null;
    }
    return checkedString(field, node, min, max, trim);
  }

  /** @return the string, or null when absent, null or invalid */
  String optionalString(String field, int max) {
    JsonNode node = object.get(field);
    return isAbsent(node) ? null : checkedString(field, node, 0, max, false);
  }

  /** @return the boolean, or null when absent, null or invalid */
  Boolean optionalBoolean(String field) {
    JsonNode node = object.get(field);
    if (isAbsent(node)) return null;
    if (!node.isBoolean()) {
      problems.add(path(field), expected("boolean", node));
      return null;
    }
    return node.booleanValue();
  }

  /** @return the array, or null when absent, null or not an array */
  JsonNode optionalArray(String field) {
    JsonNode node = object.get(field);
    if (isAbsent(node)) return null;
    if (!node.isArray()) {
      problems.add(path(field), expected("array", node));
      return null;
    }
    return node;
  }

  /** @return the array, or null when absent or not an array */
  JsonNode requiredArray(String field) {
    JsonNode node = object.get(field);
    if (node == null) {
      problems.add(path(field), "Required");
      return null;
    }
    if (!node.isArray()) {
      problems.add(path(field), expected("array", node));
      return null;
    }
    return node;
  }

  private String checkedString(String field, JsonNode node, int min, int max, boolean trim) {
    if (!node.isString()) {
      problems.add(path(field), expected("string", node));
      return null;
    }
    String s = trim ? node.stringValue().trim() : node.stringValue();
    String problem = lengthProblem(s, min, max);
    if (problem != null) {
      problems.add(path(field), problem);
      return null;
    }
    return s;
  }

  private static String lengthProblem(String s, int min, int max) {
    int length = s.codePointCount(0, s.length());
    if (length < min) return "String must contain at least " + min + " character(s)";
    if (length > max) return "String must contain at most " + max + " character(s)";
    return null;
  }

  static boolean isAbsent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  static String join(String prefix, String segment) {
    return prefix.isEmpty() ? segment : prefix + "." + segment;
  }

  static String expected(String type, JsonNode received) {
    return "Expected " + type + ", received " + kind(received);
  }

  static String invalidEnum(List<String> options, String received) {
    return options.stream().map(o -> "'" + o + "'").collect(Collectors.joining(" | ", "Invalid enum value. Expected ", ""))
        + ", received '" + received + "'";
  }

  /** The JSON type name as Zod reports it in "Expected …, received …". */
  static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) return "undefined";
    if (node.isNull()) return "null";
    if (node.isString()) return "string";
    if (node.isNumber()) return "number";
    if (node.isBoolean()) return "boolean";
    if (node.isArray()) return "array";
    if (node.isObject()) return "object";
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
