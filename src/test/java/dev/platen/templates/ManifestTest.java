package dev.platen.templates;

import static dev.platen.templates.Json.json;
import static dev.platen.templates.Json.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.errors.PlatenException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestTest {

  static Manifest parse(String manifest) {
    return Manifest.parse(json(manifest), "manifest");
  }

  static Map<String, List<String>> fieldErrors(String manifest) {
    PlatenException e = thrown(() -> parse(manifest));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("invalid_request");
    return e.issues().fieldErrors();
  }

  @Test
  void parsesVariablesAndLoops() {
    Manifest m = parse("""
        {'variables': [
           {'key': 'customer.name', 'label': 'Customer', 'dataType': 'text', 'required': true},
           {'key': 'total', 'dataType': 'currency', 'format': 'currency:EUR', 'helpText': 'Gross', 'unknown': 1}],
         'loops': [{'key': 'items', 'label': 'Items', 'itemFields': [
           {'key': 'price', 'dataType': 'number', 'required': true},
           {'key': 'product.name', 'label': 'Product', 'dataType': 'text'}]}]}""");
    assertThat(m.variables()).containsExactly(
        new VariableDef("customer.name", "Customer", DataType.TEXT, true, null),
        new VariableDef("total", null, DataType.CURRENCY, false, "currency:EUR",
            tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("helpText", "Gross")));
    assertThat(m.loops()).containsExactly(new LoopDef("items", "Items", List.of(
        new VariableDef("price", null, DataType.NUMBER, true, null),
        new VariableDef("product.name", "Product", DataType.TEXT, false, null))));
  }

  @Test
  void bothArraysAreOptional() {
    assertThat(parse("{}")).isEqualTo(new Manifest(List.of(), List.of()));
    assertThat(parse("{'variables': null, 'loops': null}")).isEqualTo(new Manifest(List.of(), List.of()));
  }

  @Test
  void acceptsEveryDataType() {
    for (DataType t : DataType.values()) {
      Manifest m = parse("{'variables': [{'key': 'v', 'dataType': '" + t.wire() + "'}]}");
      assertThat(m.variables().getFirst().dataType()).isEqualTo(t);
    }
  }

  @Test
  void echoesTheStoredManifest() {
    String source = """
        {"variables":[{"key":"customer.name","label":"Customer","dataType":"text","required":true},\
        {"key":"total","dataType":"currency","required":false,"format":"currency:EUR"}],\
        "loops":[{"key":"items","label":"Items","itemFields":[{"key":"price","dataType":"number","required":false}]}]}""";
    assertThat(parse(source).toJson().toString()).isEqualTo(source);
    // documentation fields are kept as given; anything undocumented is dropped
    assertThat(parse("{'variables':[{'key':'a','dataType':'text','helpText':'x','placeholder':'p',"
        + "'previewData':{'n':[1]},'color':'red'}]}").toJson().toString())
        .isEqualTo("{\"variables\":[{\"key\":\"a\",\"dataType\":\"text\",\"required\":false,\"helpText\":\"x\","
            + "\"placeholder\":\"p\",\"previewData\":{\"n\":[1]}}],\"loops\":[]}");
  }

  @Nested
  class Rejects {
    @Test
    void aMissingOrNonObjectManifest() {
      assertThat(thrown(() -> Manifest.parse(null, "manifest")).issues().fieldErrors())
          .containsEntry("manifest", List.of("Required"));
      assertThat(fieldErrors("[]")).containsEntry("manifest", List.of("Expected object, received array"));
      assertThat(fieldErrors("null")).containsEntry("manifest", List.of("Expected object, received null"));
    }

    @Test
    void nonArrays() {
      assertThat(fieldErrors("{'variables': {}, 'loops': 'x'}"))
          .containsEntry("manifest.variables", List.of("Expected array, received object"))
          .containsEntry("manifest.loops", List.of("Expected array, received string"));
    }

    @Test
    void nonObjectEntries() {
      assertThat(fieldErrors("{'variables': ['a'], 'loops': [3]}"))
          .containsEntry("manifest.variables.0", List.of("Expected object, received string"))
          .containsEntry("manifest.loops.0", List.of("Expected object, received number"));
    }

    @Test
    void missingKeyAndDataType() {
      assertThat(fieldErrors("{'variables': [{'key': 'ok', 'dataType': 'text'}, {}]}"))
          .containsOnlyKeys("manifest.variables.1.key", "manifest.variables.1.dataType")
          .containsEntry("manifest.variables.1.key", List.of("Required"));
    }

    @Test
    void anUnknownDataTypeListingTheAllowedOnes() {
      assertThat(fieldErrors("{'variables': [{'key': 'a', 'dataType': 'text'}, {'key': 'b', 'dataType': 'money'}]}"))
          .containsEntry("manifest.variables.1.dataType", List.of("Invalid enum value. Expected 'text' | 'longtext'"
              + " | 'number' | 'currency' | 'date' | 'datetime' | 'boolean' | 'image' | 'url' | 'email',"
              + " received 'money'"));
    }

    @Test
    void wrongFieldTypes() {
      assertThat(fieldErrors("""
          {'variables': [{'key': 5, 'label': true, 'dataType': 'text', 'required': 'yes', 'format': 1}]}"""))
          .containsEntry("manifest.variables.0.key", List.of("Expected string, received number"))
          .containsEntry("manifest.variables.0.label", List.of("Expected string, received boolean"))
          .containsEntry("manifest.variables.0.required", List.of("Expected boolean, received string"))
          .containsEntry("manifest.variables.0.format", List.of("Expected string, received number"));
    }

    @Test
    void overlongLabelAndFormat() {
      assertThat(fieldErrors("{'variables': [{'key': 'a', 'dataType': 'text', 'label': '" + "x".repeat(161)
          + "', 'format': '" + "f".repeat(61) + "'}]}"))
          .containsEntry("manifest.variables.0.label", List.of("String must contain at most 160 character(s)"))
          .containsEntry("manifest.variables.0.format", List.of("String must contain at most 60 character(s)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "a-b", "a..b", ".a", "a.", "a b", "ä", "a.1b", "__proto__",
        "customer.constructor", "prototype.x"})
    void badVariableKeys(String key) {
      assertThat(fieldErrors("{'variables': [{'key': '" + key + "', 'dataType': 'text'}]}"))
          .containsOnlyKeys("manifest.variables.0.key");
    }

    @Test
    void overlongKeys() {
      String ok = "k".repeat(160);
      assertThat(parse("{'variables': [{'key': '" + ok + "', 'dataType': 'text'}]}").variables()).hasSize(1);
      assertThat(fieldErrors("{'variables': [{'key': '" + ok + "k', 'dataType': 'text'}]}"))
          .containsEntry("manifest.variables.0.key", List.of("String must contain at most 160 character(s)"));
    }

    @Test
    void duplicateKeysOnTheSecond() {
      assertThat(fieldErrors("""
          {'variables': [{'key': 'a.b', 'dataType': 'text'}, {'key': 'c', 'dataType': 'text'},
                         {'key': 'a.b', 'dataType': 'number'}]}"""))
          .containsOnlyKeys("manifest.variables.2.key")
          .containsEntry("manifest.variables.2.key", List.of("Duplicate key: a.b"));
    }

    @Test
    void aKeyThatGroupsAnotherInEitherOrder() {
      assertThat(fieldErrors("""
          {'variables': [{'key': 'customer', 'dataType': 'text'}, {'key': 'customer.name', 'dataType': 'text'}]}"""))
          .containsOnlyKeys("manifest.variables.1.key");
      assertThat(fieldErrors("""
          {'variables': [{'key': 'a.b.c', 'dataType': 'text'}, {'key': 'a.b', 'dataType': 'text'}]}"""))
          .containsEntry("manifest.variables.1.key",
              List.of("Key conflict: 'a.b' cannot hold a value and also contain 'a.b.c'"));
      assertThat(parse("""
          {'variables': [{'key': 'a.b', 'dataType': 'text'}, {'key': 'a.bc', 'dataType': 'text'},
                         {'key': 'ab', 'dataType': 'text'}]}""").variables()).hasSize(3);
    }

    @Test
    void tooManyEntries() {
      String vars = "{'key': 'v', 'dataType': 'text'},".repeat(501);
      assertThat(fieldErrors("{'variables': [" + vars.substring(0, vars.length() - 1) + "]}"))
          .containsExactly(Map.entry("manifest.variables", List.of("Too many variables: at most 500 allowed")));
      String loop = "{'key': 'l', 'label': 'L', 'itemFields': [{'key': 'f', 'dataType': 'text'}]},".repeat(51);
      assertThat(fieldErrors("{'loops': [" + loop.substring(0, loop.length() - 1) + "]}"))
          .containsExactly(Map.entry("manifest.loops", List.of("Too many loops: at most 50 allowed")));
      String fields = "{'key': 'f', 'dataType': 'text'},".repeat(101);
      assertThat(fieldErrors("{'loops': [{'key': 'l', 'label': 'L', 'itemFields': ["
          + fields.substring(0, fields.length() - 1) + "]}]}"))
          .containsExactly(Map.entry("manifest.loops.0.itemFields", List.of("Too many item fields: at most 100 allowed")));
    }

    @Test
    void fiveHundredVariablesAreFine() {
      StringBuilder vars = new StringBuilder();
      for (int i = 0; i < 500; i++) vars.append(i == 0 ? "" : ",").append("{'key': 'v").append(i).append("', 'dataType': 'text'}");
      assertThat(parse("{'variables': [" + vars + "]}").variables()).hasSize(500);
    }
  }

  @Nested
  class Loops {
    @Test
    void aDottedKeyIsInvalidLoopKey() {
      PlatenException e = thrown(() -> parse("""
          {'variables': [{'key': 'x', 'dataType': 'bogus'}],
           'loops': [{'key': 'items', 'label': 'I', 'itemFields': [{'key': 'a', 'dataType': 'text'}]},
                     {'key': 'handover.areas', 'label': 'Areas', 'itemFields': [{'key': 'a', 'dataType': 'text'}]}]}"""));
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.code()).isEqualTo("invalid_loop_key");
      assertThat(e.getMessage()).isEqualTo("Loop keys must not contain dots: handover.areas");
      assertThat(e.issues().fieldErrors()).containsKeys("manifest.loops.1.key", "manifest.variables.0.dataType");
    }

    @Test
    void requiredFields() {
      assertThat(fieldErrors("{'loops': [{}]}"))
          .containsEntry("manifest.loops.0.key", List.of("Required"))
          .containsEntry("manifest.loops.0.label", List.of("Required"))
          .containsEntry("manifest.loops.0.itemFields", List.of("Required"));
    }

    @Test
    void labelLengthAndEmptyItemFields() {
      assertThat(fieldErrors("{'loops': [{'key': 'l', 'label': '', 'itemFields': []}]}"))
          .containsEntry("manifest.loops.0.label", List.of("String must contain at least 1 character(s)"))
          .containsEntry("manifest.loops.0.itemFields", List.of("Array must contain at least 1 element(s)"));
      assertThat(fieldErrors("{'loops': [{'key': 'l', 'label': '" + "x".repeat(161)
          + "', 'itemFields': [{'key': 'f', 'dataType': 'text'}]}]}"))
          .containsOnlyKeys("manifest.loops.0.label");
    }

    @Test
    void badItemFieldsWithTheirPath() {
      assertThat(fieldErrors("""
          {'loops': [{'key': 'items', 'label': 'I', 'itemFields': [
             {'key': 'price', 'dataType': 'number'}, {'key': 'price', 'dataType': 'text'},
             {'key': 'p', 'dataType': 'text'}, {'key': 'p.q', 'dataType': 'text'}, {'key': '9', 'dataType': 'nope'}]}]}"""))
          .containsOnlyKeys("manifest.loops.0.itemFields.1.key", "manifest.loops.0.itemFields.3.key",
              "manifest.loops.0.itemFields.4.key", "manifest.loops.0.itemFields.4.dataType");
    }

    @Test
    void itemKeysAreScopedToTheirLoop() {
      Manifest m = parse("""
          {'variables': [{'key': 'price', 'dataType': 'number'}],
           'loops': [{'key': 'a', 'label': 'A', 'itemFields': [{'key': 'price', 'dataType': 'number'}]},
                     {'key': 'b', 'label': 'B', 'itemFields': [{'key': 'price', 'dataType': 'number'}]}]}""");
      assertThat(m.loops()).hasSize(2);
    }

    @Test
    void duplicateLoopKeysAndBadSyntax() {
      String field = "'itemFields': [{'key': 'f', 'dataType': 'text'}]";
      assertThat(fieldErrors("{'loops': [{'key': 'a', 'label': 'A', " + field + "}, {'key': 'a', 'label': 'A', "
          + field + "}, {'key': '1x', 'label': 'X', " + field + "}, {'key': '__proto__', 'label': 'X', " + field + "}]}"))
          .containsOnlyKeys("manifest.loops.1.key", "manifest.loops.2.key", "manifest.loops.3.key")
          .containsEntry("manifest.loops.1.key", List.of("Duplicate key: a"));
    }

    @Test
    void aLoopKeyMustNotBeAVariablesFirstSegment() {
      assertThat(fieldErrors("""
          {'variables': [{'key': 'customer.name', 'dataType': 'text'}],
           'loops': [{'key': 'customer', 'label': 'C', 'itemFields': [{'key': 'f', 'dataType': 'text'}]}]}"""))
          .containsEntry("manifest.loops.0.key", List.of(
              "Key conflict: loop 'customer' and variable 'customer.name' both bind the top-level data key 'customer'"));
    }
  }
}
