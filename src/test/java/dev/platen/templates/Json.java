package dev.platen.templates;

import dev.platen.errors.PlatenException;
import org.assertj.core.api.Assertions;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test helpers: JSON written with single quotes, and the exception a call throws. */
final class Json {
  static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

  private Json() {}

  static JsonNode json(String text) {
    return MAPPER.readTree(text);
  }

  static PlatenException thrown(Runnable call) {
    try {
      call.run();
    } catch (PlatenException e) {
      return e;
    }
    return Assertions.fail("expected a PlatenException");
  }
}
