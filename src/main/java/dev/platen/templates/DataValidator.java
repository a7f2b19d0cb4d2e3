package dev.platen.templates;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Checks render data against a manifest and returns the cleaned data the engine sees. */
public final class DataValidator {
  private DataValidator() {}

  /**
   * @param data the request's {@code data} (must be an object)
   * @return a new object holding only manifest keys (nested per dot segment; loops as top-level arrays of item
   *     objects holding only item fields), with numeric/boolean strings coerced
   * @throws dev.platen.errors.PlatenException 400 {@code invalid_input_data} with fieldErrors keyed by dotted path
   *     ({@code customer.name}, {@code items} for the array itself, {@code items.3.price} for an item field)
   */
  public static ObjectNode validate(Manifest manifest, JsonNode data) {
    throw new UnsupportedOperationException("TODO");
  }
}
