package dev.platen.templates;

import dev.platen.render.RenderInput;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The draft-07 JSON Schema a client can validate its data with before calling render (docs/decisions.md D11).
 * It describes the data {@link DataValidator} accepts without coercion; it has no
 * {@code additionalProperties: false} because unknown keys are stripped, not refused.
 */
public final class JsonSchemas {
  public static final String DRAFT_07 = "http://json-schema.org/draft-07/schema#";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonSchemas() {}

  public static ObjectNode draft07(Manifest manifest) {
    ObjectNode schema = NODES.objectNode();
    schema.put("$schema", DRAFT_07);
    schema.setAll(objectSchema(manifest.variables()));
    ObjectNode properties = (ObjectNode) schema.get("properties");
    for (LoopDef loop : manifest.loops()) {
      ObjectNode array = properties.putObject(loop.key());
      array.put("type", "array");
      array.put("title", loop.label());
      array.put("maxItems", RenderInput.MAX_LOOP_ITEMS);
      array.set("items", objectSchema(loop.itemFields()));
    }
    return schema;
  }

  /** One object per dot segment; a group is required as soon as one key inside it is. */
  private static ObjectNode objectSchema(List<VariableDef> variables) {
    ObjectNode root = emptyObjectSchema();
    for (VariableDef v : variables) {
      String[] segments = VariableKeys.segments(v.key());
      ObjectNode object = root;
      for (int i = 0; i < segments.length - 1; i++) {
        if (v.required()) requireOnce(object, segments[i]);
        ObjectNode properties = (ObjectNode) object.get("properties");
        JsonNode group = properties.get(segments[i]);
        if (group == null) {
          group = emptyObjectSchema();
          properties.set(segments[i], group);
        }
        object = (ObjectNode) group;
      }
      String last = segments[segments.length - 1];
      ((ObjectNode) object.get("properties")).set(last, valueSchema(v));
      if (v.required()) requireOnce(object, last);
    }
    return root;
  }

  private static ObjectNode emptyObjectSchema() {
    ObjectNode schema = NODES.objectNode();
    schema.put("type", "object");
    schema.putObject("properties");
    schema.putArray("required");
    return schema;
  }

  private static void requireOnce(ObjectNode objectSchema, String name) {
    ArrayNode required = (ArrayNode) objectSchema.get("required");
    for (JsonNode r : required) {
      if (r.stringValue().equals(name)) return;
    }
    required.add(name);
  }

  private static ObjectNode valueSchema(VariableDef v) {
    ObjectNode schema = NODES.objectNode();
    switch (v.dataType()) {
      case TEXT, LONGTEXT -> schema.put("type", "string");
      // the validator's bounds, so a client that checks against the schema is refused nothing more by the server
      case NUMBER, CURRENCY -> schema.put("type", "number").put("minimum", -1e15).put("maximum", 1e15);
      case BOOLEAN -> schema.put("type", "boolean");
      case DATE -> schema.put("type", "string").put("format", "date");
      case DATETIME -> schema.put("type", "string").put("format", "date-time");
      case IMAGE, URL -> schema.put("type", "string").put("format", "uri");
      case EMAIL -> schema.put("type", "string").put("format", "email");
    }
    if (v.label() != null) schema.put("title", v.label());
    return schema;
  }
}
