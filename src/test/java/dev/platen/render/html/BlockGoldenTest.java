package dev.platen.render.html;

import static dev.platen.render.Canvas.block;
import static dev.platen.render.Canvas.blocks;
import static dev.platen.render.Canvas.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.EngineSettings;
import dev.platen.testing.Golden;
import dev.platen.testing.Pdfs;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each block type on its own page, compared with a reference image and read back as text. */
class BlockGoldenTest {
  private static final HtmlPdfEngine engine = new HtmlPdfEngine(EngineSettings.defaults());
  private static final String PIXEL = "data:image/svg+xml;base64," + java.util.Base64.getEncoder().encodeToString(
      "<svg xmlns='http://www.w3.org/2000/svg' width='40' height='20'><rect width='40' height='20' fill='#1f3a5f'/></svg>"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));

  @BeforeAll
  static void warmUp() {
    engine.warmUp();
  }

  static Stream<Arguments> blockTypes() {
    return Stream.of(
        Arguments.of("heading", block("heading", "{\"content\":\"Quarterly report {{year}}\",\"as\":\"h1\",\"color\":\"#1f3a5f\"}"), "Quarterly report 2026"),
        Arguments.of("text", block("text", "{\"content\":\"First line\\nSecond line, right aligned\",\"align\":\"right\",\"fontSize\":\"14pt\"}"), "Second line, right aligned"),
        Arguments.of("keyValue", block("keyValue", "{\"items\":[{\"label\":\"Total\",\"path\":\"total\",\"dataType\":\"currency\",\"format\":\"currency:EUR\"},{\"label\":\"Due\",\"path\":\"due\",\"dataType\":\"date\"}]}"), "Total 1,234.50 EUR"),
        Arguments.of("image", block("image", "{\"src\":\"" + PIXEL + "\",\"width\":\"60mm\",\"align\":\"center\"}"), ""),
        Arguments.of("table", block("table", "{\"loop\":\"rows\",\"columns\":[{\"header\":\"Item\",\"field\":\"name\"},{\"header\":\"Amount\",\"field\":\"amount\",\"dataType\":\"currency\",\"format\":\"currency:EUR\",\"width\":30}]}"), "Widget 9.99 EUR"),
        Arguments.of("divider", block("divider", "{\"color\":\"#cc0000\",\"thickness\":\"3pt\",\"width\":\"50%\"}"), ""),
        Arguments.of("spacer", block("spacer", "{\"height\":\"30mm\"}") + "," + block("text", "{\"content\":\"After the spacer\"}"), "After the spacer"),
        Arguments.of("button", block("button", "{\"label\":\"Pay now\",\"href\":\"https://pay.example/{{year}}\",\"align\":\"center\"}"), "Pay now"),
        Arguments.of("pageBreak", block("text", "{\"content\":\"Before the break\"}") + "," + block("pageBreak", "{}") + "," + block("text", "{\"content\":\"After\"}"), "Before the break"),
        Arguments.of("html", block("html", "{\"html\":\"<p><b>Bold</b> and <i>italic</i></p><ul><li>one</li><li>two</li></ul>\"}"), "Bold and italic"),
        Arguments.of("qr", block("qr", "{\"value\":\"https://platen.example/{{year}}\",\"size\":\"30mm\"}"), ""),
        Arguments.of("barcode", block("barcode", "{\"value\":\"400638133393\",\"format\":\"ean13\"}"), "4006381333931"),
        Arguments.of("keepTogether", block("text", "{\"content\":\"Kept block\",\"keepTogether\":true}"), "Kept block"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blockTypes")
  void rendersLikeTheReference(String name, String blocksJson, String expectedText) throws Exception {
    byte[] pdf = engine.render(input(blocks(blocksJson),
        "{\"year\":2026,\"total\":1234.5,\"due\":\"2026-06-05\",\"rows\":[{\"name\":\"Widget\",\"amount\":9.99}]}"));
    Golden.assertPage("block-" + name, pdf);
    assertThat(Pdfs.text(pdf)).contains(expectedText).contains("Page 1 of");
  }
}
