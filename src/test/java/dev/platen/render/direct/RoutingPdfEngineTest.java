package dev.platen.render.direct;

import static dev.platen.render.Canvas.block;
import static dev.platen.render.Canvas.blocks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import org.junit.jupiter.api.Test;

/** What goes where: the direct path only for what it draws like the HTML engine, everything else unchanged. */
class RoutingPdfEngineTest {
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());
  private static final RoutingPdfEngine ROUTING = new RoutingPdfEngine(DIRECT, HTML);

  @Test
  void supportedLayoutsTakeTheDirectPath() throws Exception {
    RenderInput input = Canvas.input(blocks(Canvas.ITEMS_TABLE), "{\"items\":" + Canvas.items(20) + "}");
    assertThat(ROUTING.render(input)).isEqualTo(DIRECT.render(input));
  }

  @Test
  void htmlBlocksButtonsAndBoxStylesGoToTheHtmlEngine() throws Exception {
    // each refused with the first thing the direct path leaves to the HTML engine named (engineReason)
    java.util.Map<tools.jackson.databind.JsonNode, String> refused = new java.util.LinkedHashMap<>();
    refused.put(blocks(block("html", "{\"html\":\"<b>bold</b>\"}")), "html block b");
    refused.put(blocks(block("button", "{\"label\":\"Pay\",\"href\":\"https://example.com\"}")), "button block b");
    refused.put(blocks(block("text", "{\"content\":\"x\",\"padding\":\"4mm\"}")), "'padding' on text block b");
    refused.put(blocks(block("text", "{\"content\":\"x\",\"unknownProp\":1}")), "'unknownProp' on text block b");
    refused.put(blocks(block("image", "{\"src\":\"data:image/png;base64,AAAA\",\"href\":\"https://example.com\"}")),
        "'href' on image block b");
    refused.put(blocks(block("keyValue", "{\"items\":[{\"label\":\"Site\",\"path\":\"u\",\"dataType\":\"url\"}]}")),
        "dataType 'url' on keyValue block b");
    refused.put(blocks(block("nonsense", "{}")), "nonsense block b");
    refused.put(blocks("{\"id\":\"b\",\"props\":{}}"), "block b without a type");
    refused.put(Canvas.json("{\"sections\":[{\"rows\":[],\"padding\":\"2mm\"}]}"),
        "'padding' on a section without an id");
    refused.put(Canvas.json("{\"sections\":[{\"id\":\"s\",\"rows\":[{\"id\":\"r\",\"columns\":[],"
        + "\"margin\":\"4mm\"}]}]}"), "'margin' on row r");
    refused.put(Canvas.json("{\"sections\":\"not a list\"}"), "'sections' that is not a list");
    refused.put(Canvas.json("{\"header\":[],\"sections\":[]}"), "the layout's 'header'");
    refused.forEach((layout, reason) -> {
      assertThat(DirectPdfEngine.supports(layout)).as(layout.toString()).isFalse();
      assertThat(Support.refusal(layout)).as(layout.toString()).isEqualTo(reason);
    });
    assertThat(Support.refusal(blocks(Canvas.ITEMS_TABLE))).isNull();
    RenderInput html = Canvas.input(blocks(block("html", "{\"html\":\"<b>bold</b>\"}")), "{}");
    assertThat(ROUTING.render(html)).isEqualTo(HTML.render(html));
    RenderInput unknown = Canvas.input(blocks(block("nonsense", "{}")), "{}");
    assertThatThrownBy(() -> ROUTING.render(unknown)).hasMessageContaining("unknown block type 'nonsense'");
  }

  @Test
  void rightToLeftAndUncoveredScriptsFallBackAtRenderTime() throws Exception {
    for (String text : new String[] {"שלום עולם", "مرحبا", "漢字のテキスト"}) {
      RenderInput input = Canvas.input(blocks(block("text", "{\"content\":\"{{t}}\"}")),
          "{\"t\":\"" + text + "\"}");
      assertThat(DirectPdfEngine.supports(input.layout())).isTrue();
      assertThatThrownBy(() -> DIRECT.render(input)).isInstanceOf(Unsupported.class);
      assertThat(ROUTING.render(input)).isEqualTo(HTML.render(input));
    }
  }

  @Test
  void warmUpRenders() {
    DIRECT.warmUp();
  }
}
