package dev.platen.templates;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A repeating group: data sends an array of objects at the top-level, dot-free {@code key}.
 *
 * @param documentation as {@link VariableDef#documentation}: {@code helpText} and {@code previewData} (sample rows)
 */
public record LoopDef(String key, String label, List<VariableDef> itemFields, ObjectNode documentation) {

  public LoopDef {
    itemFields = List.copyOf(itemFields);
  }

  public LoopDef(String key, String label, List<VariableDef> itemFields) {
    this(key, label, itemFields, null);
  }
}
