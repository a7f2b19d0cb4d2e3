package dev.platen.render.html;

import static dev.platen.render.Canvas.block;
import static dev.platen.render.Canvas.blocks;
import static dev.platen.render.Canvas.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Reader;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.oned.Code128Reader;
import com.google.zxing.oned.EAN13Reader;
import com.google.zxing.qrcode.QRCodeReader;
import com.sun.net.httpserver.HttpServer;
import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import dev.platen.testing.Pdfs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** button, pageBreak, html, qr and barcode blocks. */
class MoreBlocksTest {
  private static final HtmlPdfEngine engine = new HtmlPdfEngine(EngineSettings.defaults());

  @BeforeAll
  static void warmUp() {
    engine.warmUp();
  }

  @Test
  void buttonIsALinkWithItsLabel() throws Exception {
    byte[] pdf = engine.render(input(blocks(
        block("button", "{\"label\":\"Pay {{amount}} now\",\"href\":\"https://pay.example.com/i/{{id}}\"}"),
        block("button", "{\"label\":\"Not a link\",\"href\":\"javascript:alert(1)\"}")),
        "{\"amount\":\"12 EUR\",\"id\":\"inv-7\"}"));

    assertThat(Pdfs.text(pdf)).contains("Pay 12 EUR now").contains("Not a link");
    assertThat(linkTargets(pdf)).containsExactly("https://pay.example.com/i/inv-7");
  }

  @Test
  void pageBreakStartsANewPage() throws Exception {
    var pages = Pdfs.pageTexts(engine.render(input(blocks(
        block("text", "{\"content\":\"before the break\"}"),
        block("pageBreak", "{}"),
        block("text", "{\"content\":\"after the break\"}")), "{}")));

    assertThat(pages).hasSize(2);
    assertThat(pages.get(0)).contains("before the break").doesNotContain("after the break");
    assertThat(pages.get(1)).contains("after the break");
  }

  @Test
  void htmlBlockKeepsFormattingAndDropsScriptsAndRemoteResources() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      requests.incrementAndGet();
      ex.sendResponseHeaders(404, -1);
      ex.close();
    });
    server.start();
    try {
      String remote = "http://127.0.0.1:" + server.getAddress().getPort();
      HtmlPdfEngine trusting = new HtmlPdfEngine(EngineSettings.defaults().withAllowPrivateFetch(true));
      String fragment = "<h3>Terms</h3><p>Hello <b>{{name}}</b><br>second line</p>"
          + "<script>document.write('SCRIPTED')</script>"
          + "<img src='" + remote + "/pixel.png'>"
          + "<div style='background-image:url(" + remote + "/bg.png)'>styled</div>"
          + "<link rel='stylesheet' href='" + remote + "/x.css'>"
          + "<a href='javascript:alert(1)'>bad link</a> <a href='https://example.com/terms'>terms</a>"
          + "<table><tr><td>cell A</td><td>cell B</td></tr></table>";
      RenderInput in = input(blocks(block("html", Canvas.JSON.writeValueAsString(
          Canvas.JSON.createObjectNode().put("html", fragment)))), "{\"name\":\"<i>Ada</i> & co\"}");

      byte[] pdf = trusting.render(in);

      assertThat(Pdfs.text(pdf)).contains("Terms").contains("Hello <i>Ada</i> & co").contains("second line")
          .contains("styled").contains("cell A cell B").contains("bad link").doesNotContain("SCRIPTED");
      assertThat(linkTargets(pdf)).containsExactly("https://example.com/terms");
      assertThat(requests).hasValue(0);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void qrCodeScansBackToItsValue() throws Exception {
    String url = "https://platen.example/r/0193c2c3-1111-7aaa-8bbb-000000000001?x=Ελληνικά";

    byte[] pdf = engine.render(input(blocks(block("qr", "{\"value\":\"{{link}}\",\"size\":\"35mm\"}")),
        "{\"link\":\"" + url + "\"}"));

    assertThat(decode(new QRCodeReader(), singleImage(pdf))).isEqualTo(url);
  }

  @Test
  void qrCodeTooLongForAnyVersionIsARenderError() {
    String tooLong = "x".repeat(8_000);

    assertThatThrownBy(() -> engine.render(input(blocks(block("qr", "{\"value\":\"" + tooLong + "\"}")), "{}")))
        .isInstanceOf(RenderException.class)
        .hasMessage("the QR code at sections.0.rows.0.columns.0.blocks.0 cannot hold its value (8,000 characters)");
  }

  @Test
  void code128BarcodeScansBackAndPrintsItsValue() throws Exception {
    byte[] pdf = engine.render(input(blocks(block("barcode", "{\"value\":\"{{sku}}\"}")),
        "{\"sku\":\"PLT-2026-0042\"}"));

    assertThat(decode(new Code128Reader(), singleImage(pdf))).isEqualTo("PLT-2026-0042");
    // 167 bars + 2 × 10 quiet modules at 0.33 mm = 61.71 mm = 174.9 pt
    assertThat(ContentStreams.drawnWidths(pdf)).singleElement()
        .satisfies(w -> assertThat(w).isCloseTo(174.9f, org.assertj.core.api.Assertions.within(0.5f)));
    assertThat(Pdfs.text(pdf)).contains("PLT-2026-0042");
  }

  @Test
  void ean13BarcodeGetsItsCheckDigit() throws Exception {
    byte[] pdf = engine.render(input(blocks(block("barcode", "{\"value\":\"400638133393\",\"format\":\"EAN-13\"}")),
        "{}"));

    assertThat(decode(new EAN13Reader(), singleImage(pdf))).isEqualTo("4006381333931");
    assertThat(Pdfs.text(pdf)).contains("4006381333931");
  }

  @Test
  void invalidEan13IsARenderError() {
    assertThatThrownBy(() -> engine.render(input(blocks(block("barcode",
        "{\"value\":\"12345\",\"format\":\"ean13\"}")), "{}")))
        .isInstanceOf(RenderException.class)
        .hasMessage("the barcode at sections.0.rows.0.columns.0.blocks.0 cannot encode '12345' as EAN-13: it needs"
            + " 12 digits, or 13 with a valid check digit");
  }

  @Test
  void unknownBarcodeFormatIsARenderError() {
    assertThatThrownBy(() -> engine.render(input(blocks(block("barcode",
        "{\"value\":\"1\",\"format\":\"pdf417\"}")), "{}")))
        .hasMessage("unknown barcode format 'pdf417' at sections.0.rows.0.columns.0.blocks.0; use code128 or ean13");
  }

  private static List<String> linkTargets(byte[] pdf) throws IOException {
    List<String> targets = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      for (var page : doc.getPages()) {
        for (PDAnnotation a : page.getAnnotations()) {
          if (a instanceof PDAnnotationLink link && link.getAction() instanceof PDActionURI uri) {
            targets.add(uri.getURI());
          }
        }
      }
    }
    return targets;
  }

  private static BufferedImage singleImage(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDResources resources = doc.getPage(0).getResources();
      List<BufferedImage> images = new ArrayList<>();
      for (COSName name : resources.getXObjectNames()) {
        if (resources.getXObject(name) instanceof PDImageXObject img) images.add(img.getImage());
      }
      assertThat(images).hasSize(1);
      return images.get(0);
    }
  }

  private static String decode(Reader reader, BufferedImage image) throws Exception {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
    return reader.decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)))).getText();
  }
}
