package dev.platen.render.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.errors.Issues;
import dev.platen.render.EngineSettings;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import dev.platen.render.handlebars.HtmlTemplate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Publish-time layout checks: what they refuse, with which paths, and that they agree with the engine. */
class LayoutCheckTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  static Map<String, List<String>> check(String layout) {
    return LayoutCheck.check(JSON.readTree(layout), "layout", new Issues()).fieldErrors();
  }

  static String column(String... blocks) {
    return "{\"sections\":[{\"type\":\"section\",\"rows\":[{\"type\":\"row\",\"columns\":["
        + "{\"type\":\"column\",\"blocks\":[]},{\"type\":\"column\",\"blocks\":[" + String.join(",", blocks)
        + "]}]}]}]}";
  }

  @Test
  void validLayoutsPass() {
    assertThat(check(column("{\"type\":\"heading\",\"props\":{\"content\":\"x\"}}",
        "{\"type\":\"table\",\"props\":{\"loop\":\"items\",\"columns\":[{\"header\":\"A\",\"field\":\"a\"}]}}",
        "{\"type\":\"barcode\",\"props\":{\"value\":\"1\",\"format\":\"EAN-13\"}}"))).isEmpty();
    assertThat(check("{\"sections\":[]}")).isEmpty();
    assertThat(check("{\"html\":\"<p>{{#each items}}{{name}}{{/each}}</p>\",\"css\":\"p{}\"}")).isEmpty();
  }

  @Test
  void unknownBlockTypesAndMissingPropsNameTheBlock() {
    assertThat(check(column("{\"type\":\"text\"}", "{\"type\":\"text\"}", "{\"type\":\"chart\"}")))
        .containsOnlyKeys("layout.sections.0.rows.0.columns.1.blocks.2.type")
        .extractingByKey("layout.sections.0.rows.0.columns.1.blocks.2.type").asList().first().asString()
        .startsWith("Unknown block type 'chart'");
    assertThat(check(column("{\"props\":{}}"))).containsOnlyKeys("layout.sections.0.rows.0.columns.1.blocks.0.type");
    assertThat(check(column("{\"type\":\"table\",\"props\":{}}"))).containsOnlyKeys(
        "layout.sections.0.rows.0.columns.1.blocks.0.props.loop",
        "layout.sections.0.rows.0.columns.1.blocks.0.props.columns");
    assertThat(check(column("{\"type\":\"table\",\"props\":{\"loop\":\"x\",\"columns\":[1]}}")))
        .containsOnlyKeys("layout.sections.0.rows.0.columns.1.blocks.0.props.columns.0");
    assertThat(check(column("{\"type\":\"qr\",\"props\":{\"value\":\"x\",\"errorCorrection\":\"Z\"}}",
        "{\"type\":\"barcode\",\"props\":{\"value\":\"x\",\"format\":\"upc\"}}", "{\"type\":\"image\"}",
        "{\"type\":\"text\",\"props\":[]}", "7"))).containsOnlyKeys(
        "layout.sections.0.rows.0.columns.1.blocks.0.props.errorCorrection",
        "layout.sections.0.rows.0.columns.1.blocks.1.props.format",
        "layout.sections.0.rows.0.columns.1.blocks.2.props.src",
        "layout.sections.0.rows.0.columns.1.blocks.3.props",
        "layout.sections.0.rows.0.columns.1.blocks.4");
  }

  @Test
  void containersMustBeListsOfObjectsOfTheirType() {
    assertThat(check("{\"sections\":{}}")).containsOnlyKeys("layout.sections");
    assertThat(check("{\"sections\":[{\"type\":\"row\",\"rows\":[]}, 3, {\"rows\":{}}]}"))
        .containsOnlyKeys("layout.sections.0.type", "layout.sections.1", "layout.sections.2.rows");
    assertThat(check("{\"sections\":[{\"rows\":[{\"columns\":[{\"blocks\":\"x\"}]}]}]}"))
        .containsOnlyKeys("layout.sections.0.rows.0.columns.0.blocks");
    assertThat(check("{\"version\":1}")).containsOnlyKeys("layout.sections");
    assertThat(check("{\"sections\":[],\"html\":\"x\"}")).containsOnlyKeys("layout");
  }

  @Test
  void htmlLayoutProblems() {
    assertThat(check("{\"html\":\"<p>ok</p>\\n<p>{{#each items}}</p>\"}"))
        .containsOnlyKeys("layout.html").extractingByKey("layout.html").asList().first().asString()
        .startsWith("Handlebars syntax error at line 2, column ");
    assertThat(check("{\"html\":\"{{> header}}\"}").get("layout.html").get(0))
        .isEqualTo("Handlebars template error at line 1, column 1: partials ({{> name}}) are not supported: "
            + "write the markup inline");
    assertThat(check("{\"html\":5,\"css\":[]}")).containsOnlyKeys("layout.html", "layout.css");
    assertThat(check("{\"html\":\"" + "x".repeat(HtmlTemplate.MAX_HTML_CHARS + 1) + "\"}"))
        .containsOnlyKeys("layout.html");
    assertThat(check("{\"html\":\"x\",\"css\":\"" + "x".repeat(HtmlTemplate.MAX_CSS_CHARS + 1) + "\"}"))
        .containsOnlyKeys("layout.css");
  }

  /** The list the check accepts is exactly what the engine draws: every listed type renders, others fail. */
  @Test
  void blockTypesAgreeWithTheEngine() throws Exception {
    Map<String, String> props = Map.ofEntries(Map.entry("heading", "{\"content\":\"h\"}"),
        Map.entry("text", "{\"content\":\"t\"}"), Map.entry("keyValue", "{\"items\":[]}"),
        Map.entry("image", "{\"src\":\"\"}"), Map.entry("table", "{\"loop\":\"i\",\"columns\":[]}"),
        Map.entry("divider", "{}"), Map.entry("spacer", "{}"), Map.entry("button", "{\"label\":\"b\"}"),
        Map.entry("pageBreak", "{}"), Map.entry("html", "{\"html\":\"<b>x</b>\"}"),
        Map.entry("qr", "{\"value\":\"q\"}"), Map.entry("barcode", "{\"value\":\"123\"}"));
    assertThat(props.keySet()).containsExactlyInAnyOrderElementsOf(LayoutCheck.BLOCK_TYPES);
    HtmlPdfEngine engine = new HtmlPdfEngine(EngineSettings.defaults());
    for (String type : LayoutCheck.BLOCK_TYPES) {
      String block = "{\"type\":\"" + type + "\",\"props\":" + props.get(type) + "}";
      assertThat(check(column(block))).as(type).isEmpty();
      engine.render(input(column(block)));
    }
    String unknown = column("{\"type\":\"chart\",\"props\":{}}");
    assertThat(check(unknown)).isNotEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.render(input(unknown)))
        .isInstanceOf(RenderException.class).hasMessageContaining("unknown block type 'chart'");
  }

  static RenderInput input(String layout) {
    JsonNode l = JSON.readTree(layout);
    return new RenderInput(l, JSON.readTree("{}"), PageSetup.DEFAULT, "t", Instant.EPOCH, false);
  }
}
