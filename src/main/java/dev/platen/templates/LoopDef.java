package dev.platen.templates;

import java.util.List;

/** A repeating group: data sends an array of objects at the top-level, dot-free {@code key}. */
public record LoopDef(String key, String label, List<VariableDef> itemFields) {

  public LoopDef {
    itemFields = List.copyOf(itemFields);
  }
}
