package dev.platen.render.direct;

import static dev.platen.render.Canvas.block;
import static dev.platen.render.Canvas.blocks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import dev.platen.testing.Golden;
import dev.platen.testing.Pdfs;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests: the HTML engine's output is the reference, and the direct path must print the same documents:
 * the same text on the same pages (so tables break at the same rows) and a first page that looks the same.
 */
class EngineEquivalenceTest {
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());
  /** Share of page-1 pixels allowed to differ: anti-aliasing and sub-point offsets, not misplaced content. */
  private static final double PIXEL_TOLERANCE = 0.01;

  static Stream<Arguments> documents() {
    String data = "{\"customer\":{\"name\":\"Zoë Ångström\",\"city\":\"Berlin\"},\"total\":12345.5,"
        + "\"due\":\"2026-07-05\",\"paid\":true,\"ref\":\"INV-2026-0042\",\"ean\":\"400638133393\","
        + "\"logo\":\"" + Canvas.pngDataUri() + "\",\"items\":" + Canvas.items(12) + "}";
    String many = "{\"items\":" + Canvas.items(300) + "}";
    String paragraph = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt "
        .repeat(6);
    return Stream.of(
        Arguments.of("heading", blocks(block("heading", "{\"content\":\"Invoice {{ref}}\",\"as\":\"h1\"}"),
            block("heading", "{\"content\":\"For {{customer.name}}\",\"as\":\"h3\",\"align\":\"center\","
                + "\"color\":\"#1a56b0\"}")), data),
        Arguments.of("text", blocks(block("text", "{\"content\":\"" + paragraph + "\\nSecond line\\n\\nAfter a gap\"}"),
            block("text", "{\"content\":\"Right, bold, 12pt\",\"align\":\"right\",\"fontWeight\":\"bold\","
                + "\"fontSize\":\"12pt\",\"color\":\"#555\"}")), data),
        Arguments.of("keyValue", blocks(block("keyValue", """
            {"items":[{"label":"Customer","path":"customer.name"},
              {"label":"Total","path":"total","dataType":"currency","format":"currency:EUR"},
              {"label":"Due date","path":"due","dataType":"date"},{"label":"Paid","path":"paid","dataType":"boolean"},
              {"label":"Missing","path":"nothing.here"}]}""")), data),
        Arguments.of("image", blocks(block("image", "{\"src\":\"{{logo}}\",\"width\":\"40mm\",\"align\":\"center\"}"),
            block("image", "{\"src\":\"{{logo}}\"}"), block("text", "{\"content\":\"below\"}")), data),
        Arguments.of("table", blocks(block("heading", "{\"content\":\"Statement\"}"), Canvas.ITEMS_TABLE), many),
        Arguments.of("divider", blocks(block("text", "{\"content\":\"above\"}"), block("divider", "{}"),
            block("divider", "{\"thickness\":\"3px\",\"color\":\"#000000\",\"width\":\"50%\"}"),
            block("text", "{\"content\":\"below\"}")), data),
        Arguments.of("spacer", blocks(block("text", "{\"content\":\"above\"}"), block("spacer", "{}"),
            block("spacer", "{\"height\":\"40mm\"}"), block("text", "{\"content\":\"below\"}")), data),
        Arguments.of("qr", blocks(block("qr", "{\"value\":\"https://pay.example.com/{{ref}}\"}"),
            block("qr", "{\"value\":\"{{ref}}\",\"size\":\"20mm\",\"align\":\"right\",\"errorCorrection\":\"H\"}"),
            block("text", "{\"content\":\"below\"}")), data),
        Arguments.of("barcode", blocks(block("barcode", "{\"value\":\"{{ref}}\"}"),
            block("barcode", "{\"value\":\"{{ean}}\",\"format\":\"ean13\",\"align\":\"center\"}"),
            block("barcode", "{\"value\":\"X-1\",\"showText\":false,\"height\":\"10mm\"}"),
            block("text", "{\"content\":\"below\"}")), data),
        Arguments.of("pageBreak", blocks(block("text", "{\"content\":\"first\"}"), block("pageBreak", "{}"),
            block("text", "{\"content\":\"second\"}")), data),
        Arguments.of("columns", Canvas.json("""
            {"version":1,"sections":[{"id":"s","type":"section","rows":[
              {"id":"r1","type":"row","gutter":8,"columns":[
                {"id":"c1","type":"column","width":60,"blocks":[
                  {"id":"l","type":"image","props":{"src":"{{logo}}","width":"30mm"}},
                  {"id":"h","type":"heading","props":{"content":"Invoice {{ref}}","as":"h1"}},
                  {"id":"t","type":"text","props":{"content":"{{customer.name}}\\n{{customer.city}}"}}]},
                {"id":"c2","type":"column","width":40,"align":"right","blocks":[
                  {"id":"kv","type":"keyValue","props":{"items":[
                    {"label":"Total","path":"total","dataType":"currency","format":"currency:EUR"},
                    {"label":"Due","path":"due","dataType":"date"}]}},
                  {"id":"q","type":"qr","props":{"value":"{{ref}}","size":"25mm"}}]}]},
              {"id":"r2","type":"row","columns":[{"id":"c3","type":"column","blocks":[
                {"id":"d","type":"divider","props":{}},""" + Canvas.ITEMS_TABLE + """
              ]}]}]}]}"""), data));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void bothEnginesPrintTheSameDocument(String name, tools.jackson.databind.JsonNode layout, String data)
      throws Exception {
    RenderInput input = Canvas.input(layout, data);
    assertThat(DirectPdfEngine.supports(input.layout())).isTrue();
    byte[] html = HTML.render(input);
    byte[] direct = DIRECT.render(input);

    List<String> htmlPages = Pdfs.pageTextsWithoutSpaces(html);
    List<String> directPages = Pdfs.pageTextsWithoutSpaces(direct);
    assertThat(directPages).hasSameSizeAs(htmlPages);
    for (int i = 0; i < htmlPages.size(); i++) {
      assertThat(directPages.get(i)).as("text of page %d", i + 1).isEqualTo(htmlPages.get(i));
    }
    double difference = Golden.difference(Golden.page1(html), Golden.page1(direct));
    // bars are vector rectangles here and a scaled 1-bit image there: at 50 dpi thin bars rasterise differently
    double tolerance = name.equals("barcode") ? 3 * PIXEL_TOLERANCE : PIXEL_TOLERANCE;
    assertThat(difference).as("share of differing pixels on page 1").isLessThan(tolerance);
  }

  @Test
  void aLongTableBreaksAtTheSameRows() throws Exception {
    RenderInput input = Canvas.input(blocks(Canvas.ITEMS_TABLE), "{\"items\":" + Canvas.items(300) + "}");
    List<String> html = Pdfs.pageTextsWithoutSpaces(HTML.render(input));
    List<String> direct = Pdfs.pageTextsWithoutSpaces(DIRECT.render(input));
    assertThat(direct).hasSize(html.size()).isEqualTo(html);
    assertThat(html.size()).isGreaterThan(5);
    // the header row is repeated at the top of every page
    assertThat(direct).allSatisfy(page -> assertThat(page).matches("Page\\d+of\\d+SKUDescriptionDateQtyPrice.*"));
  }

  /** Every description fits its cell only without its trailing space: rows wrap, and pages break, as in HTML. */
  @Test
  void wordsThatFitOnlyWithoutTheirTrailingSpaceWrap() throws Exception {
    StringBuilder items = new StringBuilder("[");
    for (int i = 1000; i < 1200; i++) {
      if (i > 1000) items.append(',');
      items.append("{\"sku\":\"SKU-").append(i).append("\",\"name\":\"Item ").append(i)
          .append(" — Ελληνικά, Кириллица, Æøå ").append(i % 3 == 0 ? "and more" : "").append("\",\"qty\":1,")
          .append("\"price\":2.5,\"date\":\"2026-05-01\"}");
    }
    RenderInput input = Canvas.input(blocks(Canvas.ITEMS_TABLE), "{\"items\":" + items + "]}");
    List<String> html = Pdfs.pageTextsWithoutSpaces(HTML.render(input));
    assertThat(Pdfs.pageTextsWithoutSpaces(DIRECT.render(input))).isEqualTo(html);
    assertThat(html.size()).isGreaterThan(5);
  }

  @Test
  void watermarkFooterAndMetadataMatch() throws Exception {
    RenderInput plain = Canvas.input(blocks(Canvas.ITEMS_TABLE), "{\"items\":" + Canvas.items(80) + "}");
    RenderInput input = new RenderInput(plain.layout(), plain.data(), PageSetup.DEFAULT, "Statement 7", Canvas.DATE,
        true);
    byte[] html = HTML.render(input);
    byte[] direct = DIRECT.render(input);
    assertThat(Pdfs.pageTextsWithoutSpaces(direct)).isEqualTo(Pdfs.pageTextsWithoutSpaces(html));
    assertThat(Pdfs.pageTextsWithoutSpaces(direct)).allSatisfy(page -> assertThat(page).contains("TEST"));
    assertThat(Pdfs.pageTextsWithoutSpaces(direct).get(0)).contains("Page1of");
    try (PDDocument h = Loader.loadPDF(html); PDDocument d = Loader.loadPDF(direct)) {
      assertThat(d.getDocumentInformation().getTitle()).isEqualTo(h.getDocumentInformation().getTitle());
      assertThat(d.getDocumentInformation().getProducer()).isEqualTo("Platen");
      assertThat(d.getDocumentInformation().getCreationDate())
          .isEqualTo(h.getDocumentInformation().getCreationDate());
      assertThat(d.getPage(0).getMediaBox().getHeight()).isCloseTo(h.getPage(0).getMediaBox().getHeight(),
          org.assertj.core.data.Offset.offset(0.5f));
    }
  }

  @Test
  void landscapeLetterWithOtherMarginsBreaksTheSame() throws Exception {
    PageSetup page = new PageSetup("Letter", true, "1in", "15mm", "25mm", "15mm", true);
    RenderInput input = new RenderInput(blocks(Canvas.ITEMS_TABLE), Canvas.json("{\"items\":" + Canvas.items(120) + "}"),
        page, "x", Canvas.DATE, false);
    assertThat(Pdfs.pageTextsWithoutSpaces(DIRECT.render(input))).isEqualTo(Pdfs.pageTextsWithoutSpaces(HTML.render(input)));
  }

  @Test
  void sameInputGivesIdenticalBytes() throws Exception {
    RenderInput input = Canvas.input(blocks(Canvas.ITEMS_TABLE), "{\"items\":" + Canvas.items(50) + "}");
    assertThat(DIRECT.render(input)).isEqualTo(DIRECT.render(input));
  }

  @Test
  void limitsFailWithTheHtmlEnginesMessages() {
    EngineSettings two = EngineSettings.defaults().withMaxPages(2);
    RenderInput long300 = Canvas.input(blocks(Canvas.ITEMS_TABLE), "{\"items\":" + Canvas.items(300) + "}");
    assertSameFailure(new HtmlPdfEngine(two), new DirectPdfEngine(two), long300);

    RenderInput tooManyRows = Canvas.input(blocks(Canvas.ITEMS_TABLE), "{\"items\":" + Canvas.items(10_001) + "}");
    assertSameFailure(HTML, DIRECT, tooManyRows);

    RenderInput badQr = Canvas.input(blocks(block("qr", "{\"value\":\"x\",\"errorCorrection\":\"Z\"}")), "{}");
    assertSameFailure(HTML, DIRECT, badQr);

    RenderInput badEan = Canvas.input(blocks(block("barcode", "{\"value\":\"12ab\",\"format\":\"ean13\"}")), "{}");
    assertSameFailure(HTML, DIRECT, badEan);
  }

  private static void assertSameFailure(HtmlPdfEngine html, DirectPdfEngine direct, RenderInput input) {
    String expected = messageOf(() -> html.render(input));
    assertThat(expected).isNotNull();
    assertThatThrownBy(() -> direct.render(input)).isInstanceOf(RenderException.class)
        .isNotInstanceOf(Unsupported.class).hasMessage(expected);
  }

  private interface Render {
    byte[] run() throws RenderException;
  }

  private static String messageOf(Render r) {
    try {
      r.run();
      return null;
    } catch (RenderException e) {
      return e.getMessage();
    }
  }
}
