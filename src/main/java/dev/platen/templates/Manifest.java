package dev.platen.templates;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A template version's typed variable manifest. */
public record Manifest(List<VariableDef> variables, List<LoopDef> loops) {

  public Manifest {
    variables = List.copyOf(variables);
    loops = List.copyOf(loops);
  }

  /**
   * Parses and validates a manifest from a request body.
   *
   * @param field the body field name used as the prefix of issue paths ("manifest")
   * @throws dev.platen.errors.PlatenException 400 {@code invalid_loop_key} for a dotted loop key, else 400
   *     {@code invalid_request} with every problem found
   */
  public static Manifest parse(JsonNode node, String field) {
    return ManifestParser.parse(node, field);
  }

  /** The manifest as stored and echoed on the wire. */
  public ObjectNode toJson() {
    return ManifestParser.toJson(this);
  }
}
