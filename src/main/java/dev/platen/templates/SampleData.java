package dev.platen.templates;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Data to preview a template with before any real data exists: each variable's {@code previewData} where the
 * manifest gives one, otherwise a plausible value of its type, nested per dot segment as render data is.
 */
public final class SampleData {
  private SampleData() {}

  public static ObjectNode of(Manifest m) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    for (VariableDef v : m.variables()) put(root, v.key(), value(v));
    for (LoopDef l : m.loops()) {
      JsonNode rows = l.documentation() == null ? null : l.documentation().get("previewData");
      if (rows != null && rows.isArray()) {
        root.set(l.key(), rows.deepCopy());
        continue;
      }
      ArrayNode arr = root.putArray(l.key());
      for (int i = 0; i < 2; i++) {
        ObjectNode item = arr.addObject();
        for (VariableDef f : l.itemFields()) put(item, f.key(), value(f));
      }
    }
    return root;
  }

  private static JsonNode value(VariableDef v) {
    JsonNode given = v.documentation() == null ? null : v.documentation().get("previewData");
    if (given != null && !given.isNull()) return given.deepCopy();
    JsonNodeFactory f = JsonNodeFactory.instance;
    String label = v.label() != null ? v.label() : v.key();
    return switch (v.dataType()) {
      case TEXT -> f.stringNode(label);
      case LONGTEXT -> f.stringNode(label + ": a longer sample text that wraps over more than one line when the "
          + "column is narrow.");
      case NUMBER -> f.numberNode(42);
      case CURRENCY -> f.numberNode(1234.5);
      case DATE -> f.stringNode("2026-01-15");
      case DATETIME -> f.stringNode("2026-01-15T09:30:00Z");
      case BOOLEAN -> f.booleanNode(true);
      // an image needs a reachable URL: a tiny data URI renders without fetching anything
      case IMAGE -> f.stringNode("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8"
          + "z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
      case URL -> f.stringNode("https://example.com/");
      case EMAIL -> f.stringNode("someone@example.com");
    };
  }

  private static void put(ObjectNode root, String dotted, JsonNode value) {
    String[] parts = dotted.split("\\.");
    ObjectNode at = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = at.get(parts[i]);
      at = next instanceof ObjectNode o ? o : at.putObject(parts[i]);
    }
    at.set(parts[parts.length - 1], value);
  }
}
