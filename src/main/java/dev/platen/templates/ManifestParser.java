package dev.platen.templates;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads and writes manifests; see {@link Manifest#parse}. */
final class ManifestParser {
  private ManifestParser() {}

  static Manifest parse(JsonNode node, String field) {
    throw new UnsupportedOperationException("TODO");
  }

  static ObjectNode toJson(Manifest m) {
    throw new UnsupportedOperationException("TODO");
  }
}
