package dev.platen.render.direct;

import static dev.platen.render.Canvas.block;
import static dev.platen.render.Canvas.blocks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.PageSetup;
import dev.platen.render.PdfEngine;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A version prepared once renders every document of it exactly as an unprepared render would. */
class PreparedRenderTest {
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());
  private static final RoutingPdfEngine ROUTING = new RoutingPdfEngine(DIRECT, HTML);

  @Test
  void oneVersionPreparedOnceRendersEachDatasetAsUnprepared() throws Exception {
    JsonNode layout = blocks(block("text", "{\"content\":\"{{t}}\"}"), Canvas.ITEMS_TABLE);
    PdfEngine.Prepared prepared = ROUTING.prepare(layout, PageSetup.DEFAULT);
    for (String data : new String[] {
        "{\"t\":\"Hello\",\"items\":" + Canvas.items(20) + "}",
        "{\"t\":\"Hello\",\"items\":" + Canvas.items(2) + "}",
        "{\"t\":\"שלום עולם\",\"items\":[]}"}) { // right-to-left: found while laying out, drawn by the HTML engine
      RenderInput input = Canvas.input(layout, data);
      assertThat(prepared.render(input)).as(data).isEqualTo(ROUTING.render(input));
    }
    RenderInput rtl = Canvas.input(layout, "{\"t\":\"שלום עולם\"}");
    assertThat(prepared.render(rtl)).isEqualTo(HTML.render(rtl));
  }

  @Test
  void versionsTheDirectPathDoesNotDrawArePreparedForTheHtmlEngine() throws Exception {
    JsonNode html = blocks(block("html", "{\"html\":\"<b>bold</b>\"}"));
    RenderInput htmlBlock = Canvas.input(html, "{}");
    assertThat(ROUTING.prepare(html, PageSetup.DEFAULT).render(htmlBlock)).isEqualTo(HTML.render(htmlBlock));

    PageSetup pdfa = new PageSetup("A4", false, "20mm", "20mm", "20mm", "20mm", true, true);
    JsonNode text = blocks(block("text", "{\"content\":\"archived\"}"));
    RenderInput archival = Canvas.input(text, "{}", pdfa);
    assertThat(ROUTING.prepare(text, pdfa).render(archival)).isEqualTo(HTML.render(archival));
  }

  @Test
  void theDirectEngineAloneRefusesAnUnsupportedVersionAtEachRender() {
    JsonNode html = blocks(block("html", "{\"html\":\"<b>bold</b>\"}"));
    PdfEngine.Prepared prepared = DIRECT.prepare(html, PageSetup.DEFAULT);
    assertThatThrownBy(() -> prepared.render(Canvas.input(html, "{}"))).isInstanceOf(Unsupported.class)
        .hasMessageContaining("html block b");
  }

  @Test
  void aPlanIsNotAppliedToAnotherLayout() {
    JsonNode layout = blocks(block("text", "{\"content\":\"x\"}"));
    PdfEngine.Prepared prepared = ROUTING.prepare(layout, PageSetup.DEFAULT);
    RenderInput other = Canvas.input(blocks(block("text", "{\"content\":\"x\"}")), "{}");
    assertThatThrownBy(() -> prepared.render(other)).isInstanceOf(IllegalArgumentException.class);
  }
}
