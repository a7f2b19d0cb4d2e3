package dev.platen.templates;

import dev.platen.render.RenderInput;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Checks render data against a manifest and returns the cleaned data the engine sees. */
public final class DataValidator {
  static final int MAX_REPORTED_ISSUES = 100;

  private DataValidator() {}

  /**
   * @param data the request's {@code data} (must be an object; null or absent counts as {@code {}})
   * @return a new object holding only manifest keys (nested per dot segment; loops as top-level arrays of item
   *     objects holding only item fields), with numeric/boolean strings coerced
   * @throws dev.platen.errors.PlatenException 400 {@code invalid_input_data} with fieldErrors keyed by dotted path
   *     ({@code customer.name}, {@code items} for the array itself, {@code items.3.price} for an item field),
   *     at most 100 of them
   */
  public static ObjectNode validate(Manifest manifest, JsonNode data) {
    CappedIssues issues = new CappedIssues(MAX_REPORTED_ISSUES);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (FieldReader.isAbsent(data)) data = JsonNodeFactory.instance.objectNode();
    if (!data.isObject()) {
      issues.addForm(FieldReader.expected("object", data));
      issues.throwIfAny();
    }
    new Fields(manifest.variables(), null, issues).copy(data, out, -1);
    for (LoopDef loop : manifest.loops()) {
      copyLoop(loop, data.get(loop.key()), out.putArray(loop.key()), issues);
    }
    issues.throwIfAny();
    return out;
  }

  private static void copyLoop(LoopDef loop, JsonNode value, ArrayNode target, CappedIssues issues) {
    if (FieldReader.isAbsent(value)) return;
    if (!value.isArray()) {
      issues.add(loop.key(), FieldReader.expected("array", value));
      return;
    }
    if (value.size() > RenderInput.MAX_LOOP_ITEMS) {
      issues.add(loop.key(), "Too many items: at most " + RenderInput.MAX_LOOP_ITEMS + " allowed");
      return;
    }
    Fields fields = new Fields(loop.itemFields(), loop.key(), issues);
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isObject()) {
        issues.add(loop.key() + "." + i, FieldReader.expected("object", item));
        continue;
      }
      fields.copy(item, target.addObject(), i);
    }
  }

  /** The variables of one object (the data root, or every item of one loop) with their keys split once. */
  private static final class Fields {
    private final List<VariableDef> defs;
    private final String[][] segments;
    private final String loopKey;
    private final CappedIssues issues;
    private Set<String> reportedGroups;

    Fields(List<VariableDef> defs, String loopKey, CappedIssues issues) {
      this.defs = defs;
      this.segments = defs.stream().map(d -> VariableKeys.segments(d.key())).toArray(String[][]::new);
      this.loopKey = loopKey;
      this.issues = issues;
    }

    /** @param index the loop item's index, or -1 for the data root */
    void copy(JsonNode source, ObjectNode target, int index) {
      fields:
      for (int f = 0; f < segments.length; f++) {
        String[] segs = segments[f];
        JsonNode value = source;
        for (int s = 0; s < segs.length; s++) {
          if (s > 0 && !value.isObject()) {
            reportGroup(index, segs, s, value);
            continue fields;
          }
          value = value.get(segs[s]);
          if (FieldReader.isAbsent(value)) break;
        }
        VariableDef def = defs.get(f);
        if (FieldReader.isAbsent(value)) {
          if (def.required()) issues.add(path(index, def.key()), "Required");
          continue;
        }
        ValueRules.Checked checked = ValueRules.check(def.dataType(), value);
        if (checked.problem() != null) {
          issues.add(path(index, def.key()), checked.problem());
        } else {
          put(target, segs, checked.value());
        }
      }
    }

    private static void put(ObjectNode target, String[] segs, JsonNode value) {
      ObjectNode object = target;
      for (int s = 0; s < segs.length - 1; s++) {
        JsonNode child = object.get(segs[s]);
        object = child != null ? (ObjectNode) child : object.putObject(segs[s]);
      }
      object.set(segs[segs.length - 1], value);
    }

    /** A value where the manifest expects a group of keys: reported once at the group's own path. */
    private void reportGroup(int index, String[] segs, int depth, JsonNode value) {
      String group = path(index, String.join(".", Arrays.copyOf(segs, depth)));
      if (reportedGroups == null) reportedGroups = new HashSet<>();
      if (reportedGroups.add(group)) issues.add(group, FieldReader.expected("object", value));
    }

    private String path(int index, String key) {
      return index < 0 ? key : loopKey + "." + index + "." + key;
    }
  }
}
