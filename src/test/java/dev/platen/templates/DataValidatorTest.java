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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class DataValidatorTest {

  static final Manifest INVOICE = Manifest.parse(json("""
      {'variables': [
         {'key': 'customer.name', 'dataType': 'text', 'required': true},
         {'key': 'customer.email', 'dataType': 'email'},
         {'key': 'customer.address.city', 'dataType': 'text'},
         {'key': 'total', 'dataType': 'currency', 'required': true},
         {'key': 'paid', 'dataType': 'boolean'},
         {'key': 'logo', 'dataType': 'image'}],
       'loops': [{'key': 'items', 'label': 'Items', 'itemFields': [
         {'key': 'name', 'dataType': 'text', 'required': true},
         {'key': 'price', 'dataType': 'number', 'required': true},
         {'key': 'product.sku', 'dataType': 'text'}]}]}"""), "manifest");

  static ObjectNode validate(Manifest m, String data) {
    return DataValidator.validate(m, json(data));
  }

  static Map<String, List<String>> fieldErrors(Manifest m, String data) {
    PlatenException e = thrown(() -> validate(m, data));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("invalid_input_data");
    return e.issues().fieldErrors();
  }

  /** A manifest with one optional variable {@code v} of the given type. */
  static Manifest single(DataType type, boolean required) {
    return new Manifest(List.of(new VariableDef("v", null, type, required, null)), List.of());
  }

  static JsonNode accepted(DataType type, String value) {
    return validate(single(type, false), "{'v': " + value + "}").get("v");
  }

  static List<String> refused(DataType type, String value) {
    return fieldErrors(single(type, false), "{'v': " + value + "}").get("v");
  }

  @Test
  void keepsOnlyManifestKeysNestedPerSegment() {
    ObjectNode out = validate(INVOICE, """
        {'customer': {'name': 'Ada', 'age': 36, 'address': {'city': 'Paris', 'zip': '75001'}},
         'total': '12.50', 'paid': 'true', 'extra': 1, '__proto__': {'polluted': true}, 'constructor': 'x',
         'items': [{'name': 'Pen', 'price': 2, 'colour': 'red', 'product': {'sku': 'P-1', 'weight': 3}},
                   {'name': 'Ink', 'price': '3'}]}""");
    assertThat(out).isEqualTo(json("""
        {'customer': {'name': 'Ada', 'address': {'city': 'Paris'}}, 'total': 12.5, 'paid': true,
         'items': [{'name': 'Pen', 'price': 2, 'product': {'sku': 'P-1'}}, {'name': 'Ink', 'price': 3}]}"""));
  }

  @Test
  void returnsANewObject() {
    JsonNode data = json("{'customer': {'name': 'Ada'}, 'total': 1}");
    ObjectNode out = DataValidator.validate(INVOICE, data);
    out.putObject("customer").put("name", "changed");
    assertThat(data.get("customer").get("name").stringValue()).isEqualTo("Ada");
  }

  @Test
  void requiredMeansPresentAndNotNull() {
    assertThat(fieldErrors(INVOICE, "{'customer': {'name': null}}"))
        .containsExactly(Map.entry("customer.name", List.of("Required")), Map.entry("total", List.of("Required")));
    assertThat(fieldErrors(INVOICE, "{'total': 1}")).containsOnlyKeys("customer.name");
  }

  @Test
  void optionalMissingOrNullIsOmitted() {
    ObjectNode out = validate(INVOICE, "{'customer': {'name': 'A', 'email': null}, 'total': 1, 'paid': null}");
    assertThat(out).isEqualTo(json("{'customer': {'name': 'A'}, 'total': 1, 'items': []}"));
  }

  @Test
  void absentOrNullDataIsAnEmptyObject() {
    Manifest optional = single(DataType.TEXT, false);
    assertThat(DataValidator.validate(optional, null)).isEqualTo(json("{}"));
    assertThat(DataValidator.validate(optional, JsonNodeFactory.instance.nullNode())).isEqualTo(json("{}"));
    assertThat(thrown(() -> DataValidator.validate(INVOICE, null)).issues().fieldErrors())
        .containsOnlyKeys("customer.name", "total");
  }

  @Test
  void nonObjectDataIsAFormError() {
    PlatenException e = thrown(() -> validate(INVOICE, "[1]"));
    assertThat(e.code()).isEqualTo("invalid_input_data");
    assertThat(e.issues().formErrors()).containsExactly("Expected object, received array");
  }

  @Test
  void aValueWhereAGroupIsExpectedIsReportedOnceAtTheGroup() {
    assertThat(fieldErrors(INVOICE, "{'customer': 'Ada', 'total': 1}"))
        .containsExactly(Map.entry("customer", List.of("Expected object, received string")));
    assertThat(fieldErrors(INVOICE, "{'customer': {'name': 'A', 'address': [1]}, 'total': 1}"))
        .containsExactly(Map.entry("customer.address", List.of("Expected object, received array")));
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThat(fieldErrors(INVOICE, """
        {'customer': {'name': 5, 'email': 'nope'}, 'total': 'lots', 'paid': 'yes', 'logo': 'data:image/png;base64,AA',
         'items': [{'name': 'ok', 'price': 1}, 'x', {'price': 'cheap'}]}"""))
        .containsExactly(
            Map.entry("customer.name", List.of("Expected string, received number")),
            Map.entry("customer.email", List.of("Invalid email")),
            Map.entry("total", List.of("Expected number, received string")),
            Map.entry("paid", List.of("Expected boolean, received string")),
            Map.entry("logo", List.of("Expected an http(s) URL")),
            Map.entry("items.1", List.of("Expected object, received string")),
            Map.entry("items.2.name", List.of("Required")),
            Map.entry("items.2.price", List.of("Expected number, received string")));
  }

  @Nested
  class Types {
    @Test
    void textMustBeAString() {
      assertThat(accepted(DataType.TEXT, "''")).isEqualTo(json("''"));
      assertThat(accepted(DataType.LONGTEXT, "'  line\\nline  '").stringValue()).isEqualTo("  line\nline  ");
      assertThat(refused(DataType.TEXT, "42")).containsExactly("Expected string, received number");
      assertThat(refused(DataType.LONGTEXT, "{}")).containsExactly("Expected string, received object");
      assertThat(refused(DataType.TEXT, "true")).containsExactly("Expected string, received boolean");
    }

    @Test
    void numbersAreKeptAsSent() {
      assertThat(accepted(DataType.NUMBER, "42")).isEqualTo(json("42"));
      assertThat(accepted(DataType.CURRENCY, "-0.5")).isEqualTo(json("-0.5"));
      assertThat(accepted(DataType.NUMBER, "999999999999999")).isEqualTo(json("999999999999999"));
    }

    @Test
    void numericStringsBecomeTheNumberTheParserWouldHaveRead() {
      for (String n : List.of("42", "-7", "0", "3000000000", "1000000000000000", "1.25", "-0.5", "1e3",
          "2.5E-3", "007", "0000000000000000000042", "-999999999999999")) {
        assertThat(accepted(DataType.NUMBER, "'" + n + "'")).as(n).isEqualTo(json(n.replaceFirst("^0+(?=\\d)", "")));
      }
      assertThat(accepted(DataType.CURRENCY, "'  19.99 '")).isEqualTo(json("19.99"));
    }

    @Test
    void infiniteNumbersAreRefused() {
      assertThat(refused(DataType.NUMBER, "1e999")).containsExactly("Expected a finite number");
      assertThat(refused(DataType.NUMBER, "-1e999")).containsExactly("Expected a finite number");
      assertThat(refused(DataType.CURRENCY, "'1e999'")).containsExactly("Expected a finite number");
      assertThat(refused(DataType.NUMBER, "'1" + "0".repeat(320) + "'")).containsExactly("Expected a finite number");
    }

    /** Issue 8, finding 3: formatting such numbers took minutes or all memory. */
    @ParameterizedTest
    @ValueSource(strings = {"1e16", "-1e16", "1000000000000001", "-1000000000000001", "1e300", "1.5e15",
        "12345678901234567890123", "-9223372036854775808", "'12345678901234567890123'", "'-9223372036854775808'",
        "'1e16'", "'1E+300'", "'1000000000000000.5'", "'-1e300'"})
    void numbersBeyondTenToTheFifteenAreRefused(String value) {
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(2), () -> {
        assertThat(refused(DataType.NUMBER, value)).containsExactly("Must be between -1e15 and 1e15.");
        assertThat(refused(DataType.CURRENCY, value)).containsExactly("Must be between -1e15 and 1e15.");
      });
    }

    @Test
    void numbersAtTheBoundsAreAccepted() {
      for (String n : List.of("1e15", "-1e15", "1000000000000000", "999999999999999.99", "'1E+15'", "'-1e15'",
          "1e-300", "'1e-300'")) {
        assertThat(accepted(DataType.CURRENCY, n)).as(n).isNotNull();
      }
    }

    @Test
    void absurdExponentsAreRefusedQuickly() {
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(2), () -> {
        for (String n : List.of("'9e999999999'", "'1e99999999'", "'-1e99999999'", "9e999999999", "1e99999999")) {
          assertThat(refused(DataType.CURRENCY, n)).as(n).singleElement().asString()
              .isIn("Expected a finite number", "Must be between -1e15 and 1e15.");
        }
      });
    }

    @Test
    void loopItemFieldsAreBoundedToo() {
      Map<String, List<String>> errors = fieldErrors(INVOICE, """
          {'customer': {'name': 'A'}, 'total': 1e16,
           'items': [{'name': 'a', 'price': 1}, {'name': 'b', 'price': '9e15'}]}""");
      assertThat(errors).containsOnly(
          Map.entry("total", List.of("Must be between -1e15 and 1e15.")),
          Map.entry("items.1.price", List.of("Must be between -1e15 and 1e15.")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"''", "' '", "'abc'", "'1,000'", "'1.'", "'.5'", "'+1'", "'0x10'", "'NaN'", "'Infinity'",
        "'1e'", "'--1'", "true", "[]", "{}"})
    void nonNumbersAreRefused(String value) {
      assertThat(refused(DataType.NUMBER, value)).singleElement().asString().startsWith("Expected number, received");
    }

    @Test
    void booleansAndTheirStrings() {
      assertThat(accepted(DataType.BOOLEAN, "true")).isEqualTo(json("true"));
      assertThat(accepted(DataType.BOOLEAN, "false")).isEqualTo(json("false"));
      assertThat(accepted(DataType.BOOLEAN, "'true'")).isEqualTo(json("true"));
      assertThat(accepted(DataType.BOOLEAN, "' false '")).isEqualTo(json("false"));
      for (String bad : List.of("'yes'", "'TRUE'", "1", "0", "'1'")) {
        assertThat(refused(DataType.BOOLEAN, bad)).as(bad).singleElement().asString()
            .startsWith("Expected boolean, received");
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-06-05", "2024-02-29", "2026-06-05T10:00:00Z", "2026-06-05T10:00:00.123+02:00",
        "2026-06-05T10:00", "2026-06-05T10:00:00"})
    void datesAreKeptAsSent(String value) {
      assertThat(accepted(DataType.DATE, "'" + value + "'").stringValue()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30", "2025-02-29", "2026-13-01", "2026-6-5", "05/06/2026", "20260605", "",
        "2026-06-05 10:00:00", "2026-06-05T25:00:00Z", "2026-06-05T10:00:00+2", "tomorrow", "+12026-06-05"})
    void invalidDates(String value) {
      assertThat(refused(DataType.DATE, "'" + value + "'")).containsExactly("Invalid date");
    }

    @Test
    void datesMustBeStrings() {
      assertThat(refused(DataType.DATE, "20260605")).containsExactly("Expected string, received number");
      assertThat(refused(DataType.DATETIME, "true")).containsExactly("Expected string, received boolean");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-06-05T10:00:00.000Z", "2026-06-05T10:00:00Z", "2026-06-05T10:00:00-05:00",
        "2026-06-05T10:00Z", "2026-06-05T10:00:00.123456789+14:00", "2026-06-05"})
    void dateTimesWithAZone(String value) {
      assertThat(accepted(DataType.DATETIME, "'" + value + "'").stringValue()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-06-05T10:00:00", "2026-06-05T10:00:00z", "2026-06-05t10:00:00Z",
        "2026-06-31T10:00:00Z", "2026-06-05T10:60:00Z", "2026-06-05T10:00:00+0200", "2026-06-05T10:00:00 +02:00",
        "1780660800", "now"})
    void invalidDateTimes(String value) {
      assertThat(refused(DataType.DATETIME, "'" + value + "'")).containsExactly("Invalid datetime");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/logo.png", "http://example.com", "HTTPS://CDN.Example.com/a?b=c#d",
        "https://user@example.com:8443/x", "http://127.0.0.1/a.png", "https://[::1]/x", "https://ex.com/a%20b.png"})
    void httpUrls(String value) {
      assertThat(accepted(DataType.IMAGE, "'" + value + "'").stringValue()).isEqualTo(value);
      assertThat(accepted(DataType.URL, "'" + value + "'").stringValue()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"data:image/png;base64,iVBORw0KGgo=", "ftp://example.com/a.png", "file:///etc/passwd",
        "javascript:alert(1)", "/logo.png", "example.com/logo.png", "https://", "http:///x", "https://exa mple.com/",
        "https://example.com/a b.png", "mailto:a@example.com", ""})
    void otherUrlsAreRefused(String value) {
      assertThat(refused(DataType.IMAGE, "'" + value + "'")).containsExactly("Expected an http(s) URL");
      assertThat(refused(DataType.URL, "'" + value + "'")).containsExactly("Expected an http(s) URL");
    }

    @Test
    void urlsAreCappedAt2048Characters() {
      String base = "https://example.com/";
      assertThat(accepted(DataType.URL, "'" + base + "a".repeat(2048 - base.length()) + "'")).isNotNull();
      assertThat(refused(DataType.URL, "'" + base + "a".repeat(2049 - base.length()) + "'"))
          .containsExactly("String must contain at most 2048 character(s)");
      assertThat(refused(DataType.IMAGE, "7")).containsExactly("Expected string, received number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.com", "first.last+tag@mail.example.co.uk", "x_y-z@sub-domain.example.io",
        "A.B@EXAMPLE.COM"})
    void emails(String value) {
      assertThat(accepted(DataType.EMAIL, "'" + value + "'").stringValue()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ada", "ada@", "@example.com", "ada@example", "ada@@example.com", "ada@example..com",
        ".ada@example.com", "ada.@example.com", "a..da@example.com", "ada@-example.com", "ada@example.c",
        "ada @example.com", "ada@example.com ", "ada@exam_ple.com"})
    void invalidEmails(String value) {
      assertThat(refused(DataType.EMAIL, "'" + value + "'")).containsExactly("Invalid email");
    }
  }

  @Nested
  class Loops {
    static final Manifest ITEMS = Manifest.parse(json("""
        {'loops': [{'key': 'items', 'label': 'Items', 'itemFields': [
           {'key': 'price', 'dataType': 'number', 'required': true}]}]}"""), "manifest");

    static ObjectNode items(int count, JsonNode item) {
      ObjectNode data = JsonNodeFactory.instance.objectNode();
      ArrayNode items = data.putArray("items");
      for (int i = 0; i < count; i++) items.add(item);
      return data;
    }

    @Test
    void aMissingOrNullLoopIsEmpty() {
      assertThat(validate(ITEMS, "{}")).isEqualTo(json("{'items': []}"));
      assertThat(validate(ITEMS, "{'items': null}")).isEqualTo(json("{'items': []}"));
    }

    @Test
    void aLoopMustBeAnArrayOfObjects() {
      assertThat(fieldErrors(ITEMS, "{'items': {'price': 1}}"))
          .containsExactly(Map.entry("items", List.of("Expected array, received object")));
      assertThat(fieldErrors(ITEMS, "{'items': [{'price': 1}, {'price': 2}, {'price': 3}, null, 4]}"))
          .containsExactly(Map.entry("items.3", List.of("Expected object, received null")),
              Map.entry("items.4", List.of("Expected object, received number")));
    }

    @Test
    void itemFieldsAreReportedWithTheirIndex() {
      assertThat(fieldErrors(ITEMS, "{'items': [{'price': 1}, {'price': 1}, {'price': 1}, {'price': 'x'}, {}]}"))
          .containsExactly(Map.entry("items.3.price", List.of("Expected number, received string")),
              Map.entry("items.4.price", List.of("Required")));
    }

    @Test
    void tenThousandItemsAreAllowed() {
      assertThat(DataValidator.validate(ITEMS, items(10_000, json("{'price': '1'}"))).get("items")).hasSize(10_000);
    }

    @Test
    void moreThanTenThousandItemsIsOneErrorOnTheLoop() {
      PlatenException e = thrown(() -> DataValidator.validate(ITEMS, items(10_001, json("{'price': 'bad'}"))));
      assertThat(e.code()).isEqualTo("invalid_input_data");
      assertThat(e.issues().fieldErrors())
          .containsExactly(Map.entry("items", List.of("Too many items: at most 10000 allowed")));
      assertThat(e.issues().formErrors()).isEmpty();
    }

    @Test
    void reportsAtMostOneHundredIssues() {
      PlatenException e = thrown(() -> DataValidator.validate(ITEMS, items(10_000, json("{'price': 'bad'}"))));
      assertThat(e.issues().fieldErrors()).hasSize(100).containsKeys("items.0.price", "items.99.price");
      assertThat(e.issues().formErrors()).containsExactly("Too many errors: only the first 100 are reported");
    }

    @Test
    void exactlyOneHundredIssuesAreNotTruncated() {
      ObjectNode data = items(100, json("{}"));
      PlatenException e = thrown(() -> DataValidator.validate(ITEMS, data));
      assertThat(e.issues().fieldErrors()).hasSize(100);
      assertThat(e.issues().formErrors()).isEmpty();
    }

    @Test
    void isFastOnTheLargestLoop() {
      Manifest wide = Manifest.parse(json("""
          {'loops': [{'key': 'rows', 'label': 'Rows', 'itemFields': [
             {'key': 'name', 'dataType': 'text', 'required': true}, {'key': 'qty', 'dataType': 'number'},
             {'key': 'price', 'dataType': 'currency'}, {'key': 'due', 'dataType': 'date'},
             {'key': 'at', 'dataType': 'datetime'}, {'key': 'ok', 'dataType': 'boolean'},
             {'key': 'img', 'dataType': 'image'}, {'key': 'link', 'dataType': 'url'},
             {'key': 'mail', 'dataType': 'email'}, {'key': 'meta.note', 'dataType': 'longtext'}]}]}"""), "manifest");
      JsonNode row = json("""
          {'name': 'Widget', 'qty': '3', 'price': 19.99, 'due': '2026-06-05', 'at': '2026-06-05T10:00:00Z',
           'ok': 'true', 'img': 'https://cdn.example.com/w.png', 'link': 'https://example.com/w',
           'mail': 'sales@example.com', 'meta': {'note': 'fragile'}, 'ignored': [1, 2, 3]}""");
      ObjectNode data = JsonNodeFactory.instance.objectNode();
      ArrayNode rows = data.putArray("rows");
      for (int i = 0; i < 10_000; i++) rows.add(row.deepCopy());
      for (int warm = 0; warm < 3; warm++) DataValidator.validate(wide, data);
      long start = System.nanoTime();
      ObjectNode out = DataValidator.validate(wide, data);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(out.get("rows")).hasSize(10_000);
      // why: about 0.15 s on a laptop; the bound only catches accidentally quadratic or regex-heavy checks.
      assertThat(millis).as("ms for 10,000 rows of 10 fields").isLessThan(3_000);
    }
  }
}
