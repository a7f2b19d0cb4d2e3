package dev.platen.render.handlebars;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Render data as the only shapes a template may see: maps, lists, strings, numbers, booleans and null. With
 * {@code MapValueResolver} as the sole resolver, a map key is the only thing a path can reach, so no Java getter
 * or method of any object is ever called on a template's behalf (docs/decisions.md S4).
 */
final class PlainData {
  private PlainData() {}

  static Object of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) return null;
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) map.put(e.getKey(), of(e.getValue()));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      for (JsonNode item : node) list.add(of(item));
      return list;
    }
    if (node.isBoolean()) return node.booleanValue();
    if (node.isNumber()) return node.numberValue();
    return node.asString();
  }
}
