package dev.platen.templates;

import static dev.platen.templates.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonSchemasTest {

  static final Manifest MANIFEST = Manifest.parse(json("""
      {'variables': [
         {'key': 'customer.name', 'label': 'Customer', 'dataType': 'text', 'required': true},
         {'key': 'customer.address.city', 'dataType': 'text'},
         {'key': 'customer.email', 'dataType': 'email'},
         {'key': 'notes', 'dataType': 'longtext'},
         {'key': 'total', 'dataType': 'currency', 'required': true, 'format': 'currency:EUR'},
         {'key': 'qty', 'dataType': 'number'},
         {'key': 'issued', 'dataType': 'date'},
         {'key': 'sentAt', 'dataType': 'datetime'},
         {'key': 'paid', 'dataType': 'boolean'},
         {'key': 'logo', 'dataType': 'image'},
         {'key': 'site', 'dataType': 'url'}],
       'loops': [{'key': 'items', 'label': 'Line items', 'itemFields': [
         {'key': 'name', 'dataType': 'text', 'required': true},
         {'key': 'product.sku', 'label': 'SKU', 'dataType': 'text', 'required': true}]}]}"""), "manifest");

  @Test
  void mapsTheManifest() {
    assertThat(JsonSchemas.draft07(MANIFEST)).isEqualTo(json("""
        {'$schema': 'http://json-schema.org/draft-07/schema#', 'type': 'object',
         'properties': {
           'customer': {'type': 'object', 'properties': {
               'name': {'type': 'string', 'title': 'Customer'},
               'address': {'type': 'object', 'properties': {'city': {'type': 'string'}}, 'required': []},
               'email': {'type': 'string', 'format': 'email'}},
             'required': ['name']},
           'notes': {'type': 'string'},
           'total': {'type': 'number', 'minimum': -1e15, 'maximum': 1e15},
           'qty': {'type': 'number', 'minimum': -1e15, 'maximum': 1e15},
           'issued': {'type': 'string', 'format': 'date'},
           'sentAt': {'type': 'string', 'format': 'date-time'},
           'paid': {'type': 'boolean'},
           'logo': {'type': 'string', 'format': 'uri'},
           'site': {'type': 'string', 'format': 'uri'},
           'items': {'type': 'array', 'title': 'Line items', 'maxItems': 10000, 'items': {
             'type': 'object', 'properties': {
               'name': {'type': 'string'},
               'product': {'type': 'object', 'properties': {'sku': {'type': 'string', 'title': 'SKU'}},
                           'required': ['sku']}},
             'required': ['name', 'product']}}},
         'required': ['customer', 'total']}"""));
  }

  @Test
  void hasNoAdditionalPropertiesRule() {
    assertThat(JsonSchemas.draft07(MANIFEST).findValues("additionalProperties")).isEmpty();
  }

  @Test
  void anEmptyManifestAcceptsAnyObject() {
    JsonNode schema = JsonSchemas.draft07(new Manifest(List.of(), List.of()));
    assertThat(schema).isEqualTo(json("""
        {'$schema': 'http://json-schema.org/draft-07/schema#', 'type': 'object', 'properties': {}, 'required': []}"""));
    assertThat(Draft07.errors(schema, json("{'anything': 1}"))).isEmpty();
  }

  @Test
  void aValidatorAcceptsTheCleanedDataAndRejectsWhatTheServerRejects() {
    JsonNode schema = JsonSchemas.draft07(MANIFEST);
    JsonNode cleaned = DataValidator.validate(MANIFEST, json("""
        {'customer': {'name': 'Ada', 'email': 'ada@example.com', 'address': {'city': 'Paris'}},
         'total': '12.5', 'qty': 3, 'issued': '2026-06-05', 'sentAt': '2026-06-05T10:00:00Z', 'paid': 'false',
         'logo': 'https://example.com/l.png', 'site': 'http://example.com',
         'items': [{'name': 'Pen', 'product': {'sku': 'P1'}}], 'unknown': true}"""));
    assertThat(Draft07.errors(schema, cleaned)).isEmpty();

    assertThat(Draft07.errors(schema, json("{'total': 1}"))).isNotEmpty();
    assertThat(Draft07.errors(schema, json("{'customer': {'name': 'A'}, 'total': 1, 'issued': '2026-02-30'}")))
        .isNotEmpty();
    assertThat(Draft07.errors(schema, json("{'customer': {'name': 'A'}, 'total': 1, 'customer2': 'x',"
        + " 'items': [{'name': 'x'}]}"))).isNotEmpty();
  }

  @Test
  void capsLoopsAtTenThousandItems() {
    JsonNode schema = JsonSchemas.draft07(MANIFEST);
    var data = json("{'customer': {'name': 'A'}, 'total': 1}").deepCopy();
    var items = ((tools.jackson.databind.node.ObjectNode) data).putArray("items");
    for (int i = 0; i < 10_001; i++) items.addObject().put("name", "n").putObject("product").put("sku", "s");
    assertThat(Draft07.errors(schema, data)).singleElement().asString().contains("10000");
  }
}
