package dev.platen.templates;

import static dev.platen.templates.Json.json;
import static dev.platen.templates.Json.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.errors.PlatenException;
import dev.platen.render.PageSetup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class TemplateDraftTest {
  static final String MANIFEST = "{'variables': [{'key': 'customer.name', 'dataType': 'text', 'required': true}]}";

  static TemplateDraft parse(String body) {
    return TemplateDraft.parse(json(body), true);
  }

  /** A valid body with {@code extra} fields merged in (later keys win). */
  static String body(String extra) {
    return "{'name': 'Invoice', 'manifest': " + MANIFEST + (extra.isEmpty() ? "" : ", " + extra) + "}";
  }

  static Map<String, List<String>> fieldErrors(String body) {
    PlatenException e = thrown(() -> parse(body));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("invalid_request");
    return e.issues().fieldErrors();
  }

  @Test
  void aMinimalBodyGetsEveryDefault() {
    TemplateDraft draft = parse(body(""));
    assertThat(draft.name()).isEqualTo("Invoice");
    assertThat(draft.slug()).isNull();
    assertThat(draft.description()).isNull();
    assertThat(draft.manifest().variables()).hasSize(1);
    assertThat(draft.layout()).isEqualTo(LayoutSynthesizer.synthesize(draft.manifest(), "Invoice"));
    assertThat(draft.page()).isEqualTo(PageSetup.DEFAULT);
    assertThat(draft.pageConfig()).isEqualTo(json("""
        {'format': 'A4', 'orientation': 'portrait',
         'margin': {'top': '20mm', 'right': '20mm', 'bottom': '20mm', 'left': '20mm'}, 'printBackground': true}"""));
  }

  @Test
  void keepsExplicitFields() {
    TemplateDraft draft = parse(body("'name': '  Invoice (EU)  ', 'slug': 'invoice-eu', 'description': 'Monthly',"
        + " 'layout': {'version': 1, 'sections': [], 'custom': true}"));
    assertThat(draft.name()).isEqualTo("Invoice (EU)");
    assertThat(draft.slug()).isEqualTo("invoice-eu");
    assertThat(draft.description()).isEqualTo("Monthly");
    assertThat(draft.layout()).isEqualTo(json("{'version': 1, 'sections': [], 'custom': true}"));
  }

  @Test
  void theSynthesisedLayoutIsTitledWithTheTrimmedName() {
    assertThat(parse(body("'name': ' Receipt '")).layout().at("/meta/title").stringValue()).isEqualTo("Receipt");
    assertThat(parse(body("'layout': null")).layout().at("/sections/0/id").stringValue()).isEqualTo("s1");
  }

  @Test
  void theLayoutIsACopyOfTheBody() {
    JsonNode body = json(body("'layout': {'sections': []}"));
    TemplateDraft draft = TemplateDraft.parse(body, true);
    ((ObjectNode) body.get("layout")).put("changed", true);
    assertThat(draft.layout().has("changed")).isFalse();
  }

  @Test
  void putIgnoresTheBodySlugEvenWhenInvalid() {
    assertThat(TemplateDraft.parse(json(body("'slug': 'Not A Slug!'")), false).slug()).isNull();
  }

  @Test
  void aNonObjectBodyIsAFormError() {
    for (String body : List.of("[]", "'text'", "42", "null")) {
      PlatenException e = thrown(() -> parse(body));
      assertThat(e.code()).isEqualTo("invalid_request");
      assertThat(e.issues().formErrors()).containsExactly("Expected a JSON object");
      assertThat(e.issues().fieldErrors()).isEmpty();
    }
    assertThat(thrown(() -> TemplateDraft.parse(null, true)).issues().formErrors())
        .containsExactly("Expected a JSON object");
  }

  @Test
  void collectsEveryProblemAtOnce() {
    assertThat(fieldErrors("""
        {'name': '', 'slug': 'Bad Slug', 'description': 5,
         'manifest': {'variables': [{'key': 'a', 'dataType': 'text'}, {'key': 'b', 'dataType': 'text'},
                                    {'key': 'c', 'dataType': 'colour'}]},
         'layout': [], 'pageConfig': {'format': 'B5', 'margin': {'top': 20}}}"""))
        .containsOnlyKeys("name", "slug", "description", "manifest.variables.2.dataType", "layout",
            "pageConfig.format", "pageConfig.margin.top");
  }

  @Test
  void aDottedLoopKeyWinsTheErrorCode() {
    PlatenException e = thrown(() -> parse("""
        {'manifest': {'loops': [{'key': 'a.b', 'label': 'A', 'itemFields': [{'key': 'x', 'dataType': 'text'}]}]}}"""));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("invalid_loop_key");
    assertThat(e.issues().fieldErrors()).containsOnlyKeys("manifest.loops.0.key", "name");
  }

  @Nested
  class Fields {
    @Test
    void name() {
      assertThat(fieldErrors("{'manifest': {}}")).containsExactly(Map.entry("name", List.of("Required")));
      assertThat(fieldErrors(body("'name': '   '")))
          .containsExactly(Map.entry("name", List.of("String must contain at least 1 character(s)")));
      assertThat(fieldErrors(body("'name': '" + "n".repeat(121) + "'")))
          .containsExactly(Map.entry("name", List.of("String must contain at most 120 character(s)")));
      assertThat(fieldErrors(body("'name': null")))
          .containsExactly(Map.entry("name", List.of("Expected string, received null")));
      assertThat(parse(body("'name': '" + "n".repeat(120) + "'")).name()).hasSize(120);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Invoice", "in voice", "-a", "a-", "a--b", "a_b", "é"})
    void slugPattern(String slug) {
      assertThat(fieldErrors(body("'slug': '" + slug + "'"))).containsOnlyKeys("slug");
    }

    @Test
    void slugLengthAndType() {
      assertThat(parse(body("'slug': '" + "s".repeat(120) + "'")).slug()).hasSize(120);
      assertThat(fieldErrors(body("'slug': '" + "s".repeat(121) + "'")))
          .containsExactly(Map.entry("slug", List.of("String must contain at most 120 character(s)")));
      assertThat(fieldErrors(body("'slug': 7")))
          .containsExactly(Map.entry("slug", List.of("Expected string, received number")));
      assertThat(parse(body("'slug': null")).slug()).isNull();
    }

    @Test
    void description() {
      assertThat(parse(body("'description': '" + "d".repeat(280) + "'")).description()).hasSize(280);
      assertThat(parse(body("'description': null")).description()).isNull();
      assertThat(fieldErrors(body("'description': '" + "d".repeat(281) + "'")))
          .containsExactly(Map.entry("description", List.of("String must contain at most 280 character(s)")));
      assertThat(fieldErrors(body("'description': ['x']")))
          .containsExactly(Map.entry("description", List.of("Expected string, received array")));
    }

    @Test
    void manifest() {
      assertThat(fieldErrors("{'name': 'N'}")).containsExactly(Map.entry("manifest", List.of("Required")));
      assertThat(fieldErrors("{'name': 'N', 'manifest': 'x'}"))
          .containsExactly(Map.entry("manifest", List.of("Expected object, received string")));
    }

    @Test
    void layoutOutline() {
      assertThat(fieldErrors(body("'layout': 'html'")))
          .containsExactly(Map.entry("layout", List.of("Expected object, received string")));
      assertThat(fieldErrors(body("'layout': {'version': 1}")))
          .containsExactly(Map.entry("layout.sections", List.of("Required")));
      assertThat(fieldErrors(body("'layout': {'sections': {}}")))
          .containsExactly(Map.entry("layout.sections", List.of("Expected array, received object")));
    }
  }

  @Nested
  class PageConfigs {
    static TemplateDraft page(String pageConfig) {
      return parse(body("'pageConfig': " + pageConfig));
    }

    static Map<String, List<String>> pageErrors(String pageConfig) {
      return fieldErrors(body("'pageConfig': " + pageConfig));
    }

    @ParameterizedTest
    @CsvSource({"a4, A4", "A3, A3", "a5, A5", "letter, Letter", "LEGAL, Legal", "tabloid, Tabloid"})
    void formatsInAnyCase(String sent, String stored) {
      TemplateDraft draft = page("{'format': '" + sent + "'}");
      assertThat(draft.page().format()).isEqualTo(stored);
      assertThat(draft.pageConfig().get("format").stringValue()).isEqualTo(stored);
    }

    @Test
    void unknownFormat() {
      assertThat(pageErrors("{'format': 'B5'}")).containsExactly(Map.entry("pageConfig.format", List.of(
          "Invalid enum value. Expected 'A3' | 'A4' | 'A5' | 'Letter' | 'Legal' | 'Tabloid', received 'B5'")));
      assertThat(pageErrors("{'format': 4}"))
          .containsExactly(Map.entry("pageConfig.format", List.of("Expected string, received number")));
    }

    @Test
    void orientation() {
      assertThat(page("{'orientation': 'landscape'}").page().landscape()).isTrue();
      assertThat(page("{'orientation': 'Landscape'}").pageConfig().get("orientation").stringValue())
          .isEqualTo("landscape");
      assertThat(page("{'orientation': 'portrait'}").page().landscape()).isFalse();
      assertThat(pageErrors("{'orientation': 'sideways'}")).containsExactly(Map.entry("pageConfig.orientation",
          List.of("Invalid enum value. Expected 'portrait' | 'landscape', received 'sideways'")));
    }

    @Test
    void aMarginStringAppliesToEverySide() {
      TemplateDraft draft = page("{'margin': ' 15MM '}");
      assertThat(draft.page()).isEqualTo(new PageSetup("A4", false, "15mm", "15mm", "15mm", "15mm", true));
      assertThat(draft.pageConfig().get("margin"))
          .isEqualTo(json("{'top': '15mm', 'right': '15mm', 'bottom': '15mm', 'left': '15mm'}"));
    }

    @Test
    void aMarginObjectDefaultsMissingSides() {
      TemplateDraft draft = page("{'margin': {'top': '1in', 'left': '0', 'bottom': null}, 'printBackground': false}");
      assertThat(draft.page()).isEqualTo(new PageSetup("A4", false, "1in", "20mm", "20mm", "0", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"20mm", "1in", "0.5cm", "12pt", "16px", "0", "0.0", "3pc", ".5in", "100mm", "3.9in"})
    void acceptedLengths(String length) {
      assertThat(page("{'margin': {'top': '" + length + "'}}").page().marginTop()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"20", "-5mm", "20 mm", "5%", "1em", "2rem", "mm", "1.mm", "1e2mm", "", "auto", "10vh"})
    void refusedLengths(String length) {
      assertThat(pageErrors("{'margin': '" + length + "'}")).containsExactly(Map.entry("pageConfig.margin",
          List.of("Expected a CSS length such as \"20mm\" (units mm, cm, in, pt, pc, px)")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"101mm", "4in", "10.1cm", "300pt", "400px"})
    void marginsOverOneHundredMillimetres(String length) {
      assertThat(pageErrors("{'margin': {'right': '" + length + "'}}"))
          .containsExactly(Map.entry("pageConfig.margin.right", List.of("Margin must be at most 100mm")));
    }

    @Test
    void marginsMustLeaveRoomForContent() {
      assertThat(pageErrors("{'format': 'A5', 'margin': {'left': '70mm', 'right': '70mm'}}")).containsExactly(
          Map.entry("pageConfig.margin", List.of("Margins leave less than 20mm for content on A5 portrait")));
      assertThat(pageErrors("{'format': 'a5', 'orientation': 'landscape', 'margin': '65mm'}")).containsExactly(
          Map.entry("pageConfig.margin", List.of("Margins leave less than 20mm for content on A5 landscape")));
      assertThat(page("{'format': 'A5', 'margin': '60mm'}").page().marginLeft()).isEqualTo("60mm");
    }

    @Test
    void wrongTypes() {
      assertThat(pageErrors("'A4'"))
          .containsExactly(Map.entry("pageConfig", List.of("Expected object, received string")));
      assertThat(pageErrors("{'margin': 20}")).containsExactly(Map.entry("pageConfig.margin",
          List.of("Expected a CSS length or {top, right, bottom, left}, received number")));
      assertThat(pageErrors("{'margin': {'top': 20}}"))
          .containsExactly(Map.entry("pageConfig.margin.top", List.of("Expected string, received number")));
      assertThat(pageErrors("{'printBackground': 'yes'}"))
          .containsExactly(Map.entry("pageConfig.printBackground", List.of("Expected boolean, received string")));
    }

    @Test
    void unknownFieldsAndNullAreIgnored() {
      assertThat(page("{'scale': 2, 'headerTemplate': '<b>'}").page()).isEqualTo(PageSetup.DEFAULT);
      assertThat(page("null").page()).isEqualTo(PageSetup.DEFAULT);
      assertThat(page("{'format': null, 'orientation': null, 'margin': null, 'printBackground': null}").page())
          .isEqualTo(PageSetup.DEFAULT);
    }

    @Test
    void theStoredFormIsNormalised() {
      assertThat(page("{'format': 'letter', 'orientation': 'LANDSCAPE', 'margin': {'top': '1IN'},"
          + " 'printBackground': false, 'extra': 1}").pageConfig()).isEqualTo(json("""
          {'format': 'Letter', 'orientation': 'landscape',
           'margin': {'top': '1in', 'right': '20mm', 'bottom': '20mm', 'left': '20mm'}, 'printBackground': false}"""));
    }
  }
}
