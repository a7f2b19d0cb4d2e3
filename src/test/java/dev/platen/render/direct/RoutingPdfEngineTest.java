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
    for (var layout : new tools.jackson.databind.JsonNode[] {
        blocks(block("html", "{\"html\":\"<b>bold</b>\"}")),
        blocks(block("button", "{\"label\":\"Pay\",\"href\":\"https://example.com\"}")),
        blocks(block("text", "{\"content\":\"x\",\"padding\":\"4mm\"}")),
        blocks(block("text", "{\"content\":\"x\",\"unknownProp\":1}")),
        blocks(block("image", "{\"src\":\"data:image/png;base64,AAAA\",\"href\":\"https://example.com\"}")),
        blocks(block("keyValue", "{\"items\":[{\"label\":\"Site\",\"path\":\"u\",\"dataType\":\"url\"}]}")),
        blocks(block("nonsense", "{}")),
        Canvas.json("{\"sections\":[{\"rows\":[],\"padding\":\"2mm\"}]}"),
        Canvas.json("{\"sections\":\"not a list\"}")}) {
      assertThat(DirectPdfEngine.supports(layout)).as(layout.toString()).isFalse();
    }
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
