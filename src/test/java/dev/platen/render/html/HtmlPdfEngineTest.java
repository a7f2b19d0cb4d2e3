package dev.platen.render.html;

import static dev.platen.render.Canvas.block;
import static dev.platen.render.Canvas.blocks;
import static dev.platen.render.Canvas.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.platen.render.Canvas;
import dev.platen.render.EngineFailures;
import dev.platen.render.EngineSettings;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import dev.platen.testing.ImageBombs;
import dev.platen.testing.Pdfs;
import java.io.IOException;
import java.time.Instant;
import java.util.Calendar;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class HtmlPdfEngineTest {
  private static final HtmlPdfEngine engine = new HtmlPdfEngine(EngineSettings.defaults());

  @BeforeAll
  static void warmUp() {
    engine.warmUp();
  }

  @Test
  void everyBlockTypeRendersItsText() throws Exception {
    JsonNode layout = blocks(
        block("heading", "{\"content\":\"Invoice {{invoice.number}}\",\"as\":\"h1\"}"),
        block("text", "{\"content\":\"Dear {{customer.name}},\\nthank you.\",\"align\":\"right\"}"),
        block("keyValue", """
            {"items":[
              {"label":"Total","path":"invoice.total","dataType":"currency","format":"currency:EUR"},
              {"label":"Issued","path":"invoice.issued","dataType":"date"},
              {"label":"Paid","path":"invoice.paid","dataType":"boolean"},
              {"label":"Contact","path":"customer.email","dataType":"email"}]}
            """),
        block("divider", "{\"color\":\"#ff0000\",\"thickness\":2}"),
        block("spacer", "{\"height\":\"12mm\"}"),
        block("table", """
            {"loop":"lines","columns":[{"header":"Product","field":"product"},
              {"header":"Price","field":"price","dataType":"currency","format":"money:USD"}]}
            """));
    String data = """
        {"invoice":{"number":"INV-0042","total":1234.5,"issued":"2026-06-05","paid":true},
         "customer":{"name":"Ada Lovelace","email":"ada@example.com"},
         "lines":[{"product":"Analytical engine","price":99999.999},{"product":"Punch cards","price":12}]}
        """;

    String text = Pdfs.text(engine.render(input(layout, data)));

    assertThat(text)
        .contains("Invoice INV-0042")
        .contains("Dear Ada Lovelace,")
        .contains("thank you.")
        .contains("Total 1,234.50 EUR")
        .contains("Issued 5 June 2026")
        .contains("Paid Yes")
        .contains("Contact ada@example.com")
        .contains("Product Price")
        .contains("Analytical engine 100,000.00 USD")
        .contains("Punch cards 12.00 USD");
  }

  @Test
  void imagesKeepTheirDeclaredWidthEvenWhenLargerThanTheColumn() throws Exception {
    java.awt.image.BufferedImage wide = new java.awt.image.BufferedImage(2400, 60,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    var png = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(wide, "png", png);
    String src = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png.toByteArray());
    JsonNode layout = blocks(block("image", "{\"src\":\"" + src + "\",\"width\":120}"),
        block("image", "{\"src\":\"" + src + "\"}"));

    var widths = ContentStreams.drawnWidths(engine.render(input(layout, "{}")));

    // 120 CSS px = 90 pt; without a width the image shrinks to the A4 column (210 - 2 × 20 mm = 481.9 pt)
    assertThat(widths).hasSize(2);
    assertThat(widths.get(0)).isCloseTo(90f, within(0.5f));
    assertThat(widths.get(1)).isCloseTo(481.9f, within(0.5f));
  }

  @Test
  void unknownPlaceholdersPrintNothingAndMarkupInDataStaysText() throws Exception {
    JsonNode layout = blocks(block("text", "{\"content\":\"[{{missing.path}}] {{note}}\"}"));

    String text = Pdfs.text(engine.render(input(layout, "{\"note\":\"<b>bold</b> & \\u0001ok\"}")));

    assertThat(text).contains("[] <b>bold</b> & ok");
  }

  @Test
  void greekCyrillicAndHebrewComeBack() throws Exception {
    JsonNode layout = blocks(
        block("text", "{\"content\":\"Ελληνικά κείμενα\"}"),
        block("text", "{\"content\":\"Русский текст\"}"),
        block("text", "{\"content\":\"{{hebrew}}\"}"));

    String text = Pdfs.text(engine.render(input(layout, "{\"hebrew\":\"שלום עולם\"}")));

    assertThat(text).contains("Ελληνικά κείμενα").contains("Русский текст").contains("שלום").contains("עולם");
  }

  @Test
  void unknownBlockTypeFailsWithItsPath() {
    JsonNode layout = blocks(block("text", "{\"content\":\"a\"}"), block("text", "{\"content\":\"b\"}"),
        block("carousel", "{}"));

    assertThatThrownBy(() -> engine.render(input(layout, "{}")))
        .isInstanceOf(RenderException.class)
        .hasMessage("unknown block type 'carousel' at sections.0.rows.0.columns.0.blocks.2")
        .satisfies(e -> assertThat(((RenderException) e).retryable()).isFalse());
  }

  @Test
  void malformedLayoutFailsWithAReadableMessage() {
    JsonNode layout = Canvas.json("{\"sections\":[{\"rows\":{\"not\":\"a list\"}}]}");

    assertThatThrownBy(() -> engine.render(input(layout, "{}")))
        .isInstanceOf(RenderException.class)
        .hasMessage("invalid layout: sections.0.rows is not a list");
  }

  @Test
  void watermarkOnEveryPageOnlyWhenAsked() throws Exception {
    RenderInput plain = Canvas.longTable(120);
    RenderInput marked = new RenderInput(plain.layout(), plain.data(), plain.page(), plain.title(),
        plain.documentDate(), true);

    var markedPages = Pdfs.pageTexts(engine.render(marked));
    var plainPages = Pdfs.pageTexts(engine.render(plain));

    assertThat(markedPages).hasSizeGreaterThan(1).allSatisfy(page -> assertThat(page).contains("TEST"));
    assertThat(plainPages).hasSameSizeAs(markedPages).allSatisfy(page -> assertThat(page).doesNotContain("TEST"));
  }

  @Test
  void sameInputGivesIdenticalBytes() throws Exception {
    RenderInput input = Canvas.longTable(80);

    byte[] first = engine.render(input);
    byte[] second = engine.render(input);
    byte[] otherEngine = new HtmlPdfEngine(EngineSettings.defaults()).render(input);

    assertThat(second).isEqualTo(first);
    assertThat(otherEngine).isEqualTo(first);
  }

  @Test
  void concurrentRendersGiveTheSameBytesAsOne() throws Exception {
    RenderInput input = new RenderInput(Canvas.longTable(60).layout(), Canvas.longTable(60).data(),
        PageSetup.DEFAULT, "Concurrent", Canvas.DATE, true);
    byte[] expected = engine.render(input);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      var results = new java.util.ArrayList<java.util.concurrent.Future<byte[]>>();
      for (int i = 0; i < 12; i++) results.add(pool.submit(() -> engine.render(input)));
      for (var result : results) assertThat(result.get()).isEqualTo(expected);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void metadataAndIdComeFromTheInput() throws Exception {
    RenderInput input = Canvas.longTable(3);
    RenderInput later = new RenderInput(input.layout(), input.data(), input.page(), input.title(),
        Instant.parse("2027-01-01T00:00:00Z"), false);

    byte[] pdf = engine.render(input);
    byte[] laterPdf = engine.render(later);

    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDDocumentInformation info = doc.getDocumentInformation();
      assertThat(info.getTitle()).isEqualTo("Test document");
      assertThat(info.getProducer()).isEqualTo("Platen");
      assertThat(info.getCreationDate().getTimeInMillis()).isEqualTo(Canvas.DATE.toEpochMilli());
      assertThat(info.getModificationDate().getTimeInMillis()).isEqualTo(Canvas.DATE.toEpochMilli());
      assertThat(trailerId(doc)).hasSize(2);
      try (PDDocument other = Loader.loadPDF(laterPdf)) {
        assertThat(trailerId(other).getString(0)).isNotEqualTo(trailerId(doc).getString(0));
        assertThat(other.getDocumentInformation().getCreationDate().get(Calendar.YEAR)).isEqualTo(2027);
      }
    }
  }

  private static COSArray trailerId(PDDocument doc) {
    return doc.getDocument().getTrailer().getCOSArray(COSName.ID);
  }

  @Test
  void paperSizeAndOrientation() throws Exception {
    JsonNode layout = blocks(block("text", "{\"content\":\"paper\"}"));
    PageSetup letterLandscape = new PageSetup("Letter", true, "10mm", "10mm", "10mm", "10mm", true);

    PDRectangle a4 = Pdfs.mediaBox(engine.render(input(layout, "{}")), 0);
    PDRectangle letter = Pdfs.mediaBox(engine.render(input(layout, "{}", letterLandscape)), 0);

    assertThat(a4.getWidth()).isCloseTo(595.3f, within(1f));
    assertThat(a4.getHeight()).isCloseTo(841.9f, within(1f));
    assertThat(letter.getWidth()).isCloseTo(792f, within(1f));
    assertThat(letter.getHeight()).isCloseTo(612f, within(1f));
  }

  @Test
  void footerCountsPages() throws Exception {
    var pages = Pdfs.pageTexts(engine.render(Canvas.longTable(120)));

    assertThat(pages).hasSizeGreaterThan(1);
    for (int i = 0; i < pages.size(); i++) {
      assertThat(pages.get(i)).contains("Page " + (i + 1) + " of " + pages.size());
    }
  }

  @Test
  void pageCapRefusesLongDocumentsAfterLayout() throws Exception {
    HtmlPdfEngine capped = new HtmlPdfEngine(EngineSettings.defaults().withMaxPages(3));
    RenderInput input = Canvas.longTable(140);
    assertThat(HtmlPdfEngine.minimumPages(140, PageSetup.DEFAULT)).isLessThanOrEqualTo(3); // not the estimate
    assertThat(Pdfs.pages(engine.render(input))).isGreaterThan(3);

    assertThatThrownBy(() -> capped.render(input))
        .isInstanceOf(RenderException.class)
        .hasMessage("document exceeds 3 pages")
        .satisfies(e -> assertThat(((RenderException) e).retryable()).isFalse());
  }

  @Test
  void pageCapRefusesHugeTablesBeforeLayout() {
    HtmlPdfEngine capped = new HtmlPdfEngine(EngineSettings.defaults().withMaxPages(3));
    assertThat(HtmlPdfEngine.minimumPages(300, PageSetup.DEFAULT)).isGreaterThan(3);

    assertThatThrownBy(() -> capped.render(Canvas.longTable(300))).hasMessage("document exceeds 3 pages");
  }

  @Test
  void pageCapMessageUsesThousandsSeparators() {
    // 20 tables of 10,000 rows each cannot fit 2,000 A4 pages: refused from the row count alone
    assertThat(HtmlPdfEngine.minimumPages(200_000, PageSetup.DEFAULT)).isGreaterThan(2_000);
    String[] tables = new String[20];
    java.util.Arrays.fill(tables, block("table", "{\"loop\":\"items\",\"columns\":[{\"header\":\"N\",\"field\":\"n\"}]}"));
    StringBuilder items = new StringBuilder("{\"items\":[");
    for (int i = 0; i < 10_000; i++) items.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append('}');
    RenderInput huge = input(blocks(tables), items.append("]}").toString());

    assertThatThrownBy(() -> engine.render(huge)).hasMessage("document exceeds 2,000 pages");
  }

  @Test
  void printBackgroundFalseDropsBackgroundColours() throws Exception {
    JsonNode layout = Canvas.json("""
        {"sections":[{"backgroundColor":"#ff0000","padding":"10px","rows":[{"columns":[{"blocks":[
          {"type":"text","props":{"content":"on red"}}]}]}]}]}
        """);
    PageSetup noBackground = new PageSetup("A4", false, "20mm", "20mm", "20mm", "20mm", false);

    byte[] withBackground = engine.render(input(layout, "{}"));
    byte[] without = engine.render(input(layout, "{}", noBackground));

    assertThat(ContentStreams.usesFill(withBackground, 1, 0, 0)).isTrue();
    assertThat(ContentStreams.usesFill(without, 1, 0, 0)).isFalse();
    assertThat(Pdfs.text(without)).contains("on red");
  }

  @Test
  void missingLayoutIsARenderError() {
    RenderInput noLayout = new RenderInput(null, Canvas.json("{}"), PageSetup.DEFAULT, "x", Canvas.DATE, false);

    assertThatThrownBy(() -> engine.render(noLayout)).isInstanceOf(RenderException.class)
        .hasMessage("the template has no layout");
  }

  @Test
  void aCssBackgroundBombFailsTheRenderAtTheEnginesResourceCheck() {
    String bomb = ImageBombs.dataUri(ImageBombs.png(40_000, 40_000, 1, 0));
    RenderInput css = input(blocks(block("html", "{\"html\":\"<div style='background-image: url(" + bomb
        + "); height: 40px'>x</div>\"}")), "{}");

    assertThatThrownBy(() -> engine.render(css)).isInstanceOf(RenderException.class)
        .hasMessage("image data:image/png;base64,… is 40,000×40,000 pixels; the limit is 40,000,000 pixels "
            + "(PLATEN_MAX_IMAGE_PIXELS)");
    RenderException reason = new RenderException("image x is too big", false);
    assertThat(ImageGate.refusalIn(new IllegalStateException("wrapped", new ImageGate.Refused(reason))))
        .isSameAs(reason);
    assertThat(ImageGate.refusalIn(new IllegalStateException("other"))).isNull();
  }

  @Test
  void engineFailuresAreDescribedWithoutTheirJavaText() {
    assertThat(EngineFailures.describe(new IOException("disk full\n\tat Foo.bar(Foo.java:1)")))
        .doesNotContain("disk full", "Foo", "Exception");
    assertThat(EngineFailures.describe(new IllegalStateException())).doesNotContain("IllegalStateException");
    assertThat(EngineFailures.describe(new StackOverflowError())).isEqualTo("the layout is nested too deeply");
    RuntimeException parse = new RuntimeException("Can't load the XML resource (using TRaX transformer). "
        + "org.xml.sax.SAXParseException; lineNumber: 55", new org.xml.sax.SAXParseException("bad", null));
    assertThat(EngineFailures.describe(parse)).startsWith("its markup is not well-formed").doesNotContain("SAX");
  }
}
