package dev.platen.templates;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** An independent draft-07 validator (networknt) with format assertions on, to check what JsonSchemas emits. */
final class Draft07 {
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
      builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  private Draft07() {}

  static List<String> errors(JsonNode schema, JsonNode data) {
    Schema compiled = REGISTRY.getSchema(schema);
    return compiled.validate(data).stream().map(Error::toString).toList();
  }
}
