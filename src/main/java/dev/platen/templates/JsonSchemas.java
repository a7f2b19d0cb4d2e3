package dev.platen.templates;

import tools.jackson.databind.node.ObjectNode;

/** The draft-07 JSON Schema a client can validate its data with before calling render (PRODUCT.md decision 11). */
public final class JsonSchemas {
  private JsonSchemas() {}

  public static ObjectNode draft07(Manifest manifest) {
    throw new UnsupportedOperationException("TODO");
  }
}
