package dev.platen.templates;

import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The layout a template gets when it is published without one: a titled document with every scalar as a
 * labelled, formatted value, image variables drawn as images, and each loop as a table (docs/layouts.md).
 * Ids are numbered in document order, so the same manifest always yields the same layout.
 */
final class LayoutSynthesizer {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private LayoutSynthesizer() {}

  static ObjectNode synthesize(Manifest manifest, String title) {
    ObjectNode layout = NODES.objectNode();
    layout.put("version", 1);
    layout.putObject("meta").put("title", title);
    ObjectNode section = layout.putArray("sections").addObject();
    section.put("id", "s1").put("type", "section").put("padding", "0").putNull("backgroundColor");
    ObjectNode row = section.putArray("rows").addObject();
    row.put("id", "r1").put("type", "row").put("gutter", 8);
    ObjectNode column = row.putArray("columns").addObject();
    column.put("id", "c1").put("type", "column").put("width", 100).put("align", "left");
    new Blocks(column.putArray("blocks")).addAll(manifest, title);
    return layout;
  }

  /** Appends blocks to the one column, numbering them b1, b2, … */
  private static final class Blocks {
    private final ArrayNode blocks;
    private int next = 1;

    Blocks(ArrayNode blocks) {
      this.blocks = blocks;
    }

    void addAll(Manifest manifest, String title) {
      heading(title, "h1");
      List<VariableDef> values = manifest.variables().stream().filter(v -> v.dataType() != DataType.IMAGE).toList();
      if (!values.isEmpty()) keyValue(values);
      for (VariableDef v : manifest.variables()) {
        if (v.dataType() == DataType.IMAGE) image(v);
      }
      for (LoopDef loop : manifest.loops()) {
        heading(loop.label(), "h2");
        table(loop);
      }
    }

    private void heading(String content, String level) {
      block("heading").put("content", content).put("as", level).put("align", "left");
    }

    private void keyValue(List<VariableDef> values) {
      ArrayNode items = block("keyValue").putArray("items");
      for (VariableDef v : values) {
        ObjectNode item = items.addObject().put("label", labelOf(v)).put("path", v.key());
        item.put("dataType", v.dataType().wire());
        if (v.format() != null) item.put("format", v.format());
      }
    }

    private void image(VariableDef v) {
      block("text").put("content", labelOf(v)).put("align", "left").put("fontWeight", "bold");
      block("image").put("src", "{{" + v.key() + "}}").put("alt", labelOf(v)).put("align", "left");
    }

    private void table(LoopDef loop) {
      ObjectNode props = block("table").put("loop", loop.key());
      ArrayNode columns = props.putArray("columns");
      for (VariableDef field : loop.itemFields()) {
        ObjectNode column = columns.addObject().put("header", labelOf(field)).put("field", field.key());
        column.put("dataType", field.dataType().wire());
        if (field.format() != null) column.put("format", field.format());
        column.put("align", isNumeric(field.dataType()) ? "right" : "left");
      }
    }

    /** @return the new block's props */
    private ObjectNode block(String type) {
      ObjectNode block = blocks.addObject().put("id", "b" + next++).put("type", type);
      return block.putObject("props");
    }

    private static boolean isNumeric(DataType type) {
      return type == DataType.NUMBER || type == DataType.CURRENCY;
    }

    private static String labelOf(VariableDef v) {
      return v.label() == null || v.label().isBlank() ? v.key() : v.label();
    }
  }
}
