package dev.platen.templates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Reads and writes manifests; see {@link Manifest#parse}. */
final class ManifestParser {
  // Generous for real documents, small enough that a manifest stays cheap to validate, store and synthesise.
  static final int MAX_VARIABLES = 500;
  static final int MAX_LOOPS = 50;
  static final int MAX_ITEM_FIELDS = 100;
  static final int MAX_LABEL_LENGTH = 160;
  static final int MAX_FORMAT_LENGTH = 60;
  /** Long enough for any enum value; shorter input is echoed back in the error, longer is not. */
  private static final int MAX_ENUM_TEXT = 40;
  /** The reference's limit for helper text; a placeholder is held to the same. */
  static final int MAX_HELP_TEXT_LENGTH = 280;
  /** Sample rows a loop's previewData may hold (the reference's builder preview shows up to 10). */
  static final int MAX_PREVIEW_ROWS = 10;
  /** previewData is sample data for an editor: a bound on its JSON text keeps a manifest small. */
  static final int MAX_PREVIEW_DATA_CHARS = 10_000;

  private static final List<String> DATA_TYPES = Arrays.stream(DataType.values()).map(DataType::wire).toList();

  private ManifestParser() {}

  static Manifest parse(JsonNode node, String field) {
    Problems problems = new Problems();
    Manifest manifest = read(node, field, problems);
    problems.throwIfAny();
    return manifest;
  }

  /** Records every problem under {@code field}; the result is meaningful only when none was recorded. */
  static Manifest read(JsonNode node, String field, Problems problems) {
    if (node == null || node.isMissingNode()) {
      problems.add(field, "Required");
      return null;
    }
    if (!node.isObject()) {
      problems.add(field, FieldReader.expected("object", node));
      return null;
    }
    FieldReader reader = new FieldReader(node, field, problems);
    List<VariableDef> variables = readVariables(reader.optionalArray("variables"), reader.path("variables"),
        MAX_VARIABLES, "variables", problems);
    List<LoopDef> loops = readLoops(reader.optionalArray("loops"), reader.path("loops"), variables, problems);
    return new Manifest(variables, loops);
  }

  private static List<VariableDef> readVariables(JsonNode array, String path, int max, String what,
      Problems problems) {
    if (array == null) return List.of();
    if (array.size() > max) {
      problems.add(path, "Too many " + what + ": at most " + max + " allowed");
      return List.of();
    }
    KeyScope scope = new KeyScope();
    List<VariableDef> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      VariableDef def = readVariable(array.get(i), path + "." + i, scope, problems);
      if (def != null) out.add(def);
    }
    return out;
  }

  private static VariableDef readVariable(JsonNode node, String path, KeyScope scope, Problems problems) {
    if (!node.isObject()) {
      problems.add(path, FieldReader.expected("object", node));
      return null;
    }
    FieldReader r = new FieldReader(node, path, problems);
    String key = r.requiredString("key", 1, VariableKeys.MAX_LENGTH, false);
    if (key != null) {
      String problem = VariableKeys.problem(key);
      if (problem == null) problem = scope.claim(key);
      if (problem != null) {
        problems.add(r.path("key"), problem);
        key = null;
      }
    }
    String label = r.optionalString("label", MAX_LABEL_LENGTH);
    DataType dataType = readDataType(r, problems);
    Boolean required = r.optionalBoolean("required");
    String format = r.optionalString("format", MAX_FORMAT_LENGTH);
    ObjectNode documentation = documentation(r, node, false, problems);
    if (key == null || dataType == null) return null;
    return new VariableDef(key, label, dataType, Boolean.TRUE.equals(required), format, documentation);
  }

  private static DataType readDataType(FieldReader r, Problems problems) {
    String wire = r.requiredString("dataType", 0, MAX_ENUM_TEXT, false);
    if (wire == null) return null;
    DataType type = DataType.fromWire(wire).orElse(null);
    if (type == null) problems.add(r.path("dataType"), FieldReader.invalidEnum(DATA_TYPES, wire));
    return type;
  }

  private static List<LoopDef> readLoops(JsonNode array, String path, List<VariableDef> variables,
      Problems problems) {
    if (array == null) return List.of();
    if (array.size() > MAX_LOOPS) {
      problems.add(path, "Too many loops: at most " + MAX_LOOPS + " allowed");
      return List.of();
    }
    // Loops and variables share the top level of data, so a loop key must not be a variable's first segment.
    Map<String, String> topLevel = new HashMap<>();
    for (VariableDef v : variables) topLevel.putIfAbsent(VariableKeys.segments(v.key())[0], v.key());
    Set<String> loopKeys = new HashSet<>();
    List<LoopDef> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String itemPath = path + "." + i;
      JsonNode node = array.get(i);
      if (!node.isObject()) {
        problems.add(itemPath, FieldReader.expected("object", node));
        continue;
      }
      FieldReader r = new FieldReader(node, itemPath, problems);
      String key = readLoopKey(r, topLevel, loopKeys, problems);
      String label = r.requiredString("label", 1, MAX_LABEL_LENGTH, false);
      List<VariableDef> itemFields = readItemFields(r, problems);
      ObjectNode documentation = documentation(r, node, true, problems);
      if (key != null && label != null && itemFields != null) {
        out.add(new LoopDef(key, label, itemFields, documentation));
      }
    }
    return out;
  }

  private static String readLoopKey(FieldReader r, Map<String, String> topLevel, Set<String> loopKeys,
      Problems problems) {
    String key = r.requiredString("key", 1, VariableKeys.MAX_LENGTH, false);
    if (key == null) return null;
    String path = r.path("key");
    if (key.indexOf('.') >= 0) {
      problems.dottedLoopKey(path, key);
      return null;
    }
    String problem = VariableKeys.problem(key);
    if (problem == null && !loopKeys.add(key)) problem = "Duplicate key: " + key;
    if (problem == null && topLevel.containsKey(key)) {
      problem = "Key conflict: loop '" + key + "' and variable '" + topLevel.get(key)
          + "' both bind the top-level data key '" + key + "'";
    }
    if (problem == null) return key;
    problems.add(path, problem);
    return null;
  }

  private static List<VariableDef> readItemFields(FieldReader r, Problems problems) {
    JsonNode array = r.requiredArray("itemFields");
    if (array == null) return null;
    if (array.isEmpty()) {
      problems.add(r.path("itemFields"), "Array must contain at least 1 element(s)");
      return null;
    }
    return readVariables(array, r.path("itemFields"), MAX_ITEM_FIELDS, "item fields", problems);
  }

  /**
   * The documentation fields of a variable or loop, checked for shape only: they are for people and editors, and
   * rendering never reads them. Null when there are none.
   */
  private static ObjectNode documentation(FieldReader r, JsonNode node, boolean loop, Problems problems) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    String help = r.optionalString("helpText", MAX_HELP_TEXT_LENGTH);
    if (help != null) out.put("helpText", help);
    if (!loop) {
      String placeholder = r.optionalString("placeholder", MAX_HELP_TEXT_LENGTH);
      if (placeholder != null) out.put("placeholder", placeholder);
    }
    JsonNode preview = node.get("previewData");
    if (preview != null && !preview.isNull()) {
      String path = r.path("previewData");
      if (loop && (!preview.isArray() || preview.size() > MAX_PREVIEW_ROWS)) {
        problems.add(path, "Expected an array of at most " + MAX_PREVIEW_ROWS + " sample rows");
      } else if (loop && !java.util.stream.StreamSupport.stream(preview.spliterator(), false)
          .allMatch(JsonNode::isObject)) {
        problems.add(path, "Each sample row must be an object of item field values");
      } else if (preview.toString().length() > MAX_PREVIEW_DATA_CHARS) {
        problems.add(path, "Too large: at most " + MAX_PREVIEW_DATA_CHARS + " characters of JSON");
      } else {
        out.set("previewData", preview.deepCopy());
      }
    }
    return out.isEmpty() ? null : out;
  }

  static ObjectNode toJson(Manifest m) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    variablesJson(out.putArray("variables"), m.variables());
    ArrayNode loops = out.putArray("loops");
    for (LoopDef loop : m.loops()) {
      ObjectNode l = loops.addObject();
      l.put("key", loop.key());
      l.put("label", loop.label());
      variablesJson(l.putArray("itemFields"), loop.itemFields());
      if (loop.documentation() != null) l.setAll(loop.documentation());
    }
    return out;
  }

  private static void variablesJson(ArrayNode target, List<VariableDef> variables) {
    for (VariableDef v : variables) {
      ObjectNode o = target.addObject();
      o.put("key", v.key());
      if (v.label() != null) o.put("label", v.label());
      o.put("dataType", v.dataType().wire());
      o.put("required", v.required());
      if (v.format() != null) o.put("format", v.format());
      if (v.documentation() != null) o.setAll(v.documentation());
    }
  }
}
