package dev.platen.render.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.color.PDIndexed;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;

/** The code images are hand-written PNGs: they must decode to ZXing's modules, and PDFBox must take them as they are. */
class CodeImagesTest {
  private static final String VALUE = "https://pay.example.com/i/INV-2026-0042?amount=12345.50";

  @Test
  void qrPngHoldsZxingsModulesEightPixelsEach() throws Exception {
    CodeImages.Code code = CodeImages.qr(VALUE, ErrorCorrectionLevel.M);
    BitMatrix m = new QRCodeWriter().encode(VALUE, BarcodeFormat.QR_CODE, 0, 0, Map.of(
        EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
        EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(), EncodeHintType.MARGIN, 4));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png(code)));
    assertThat(code.modules()).isEqualTo(m.getWidth());
    assertThat(image.getWidth()).isEqualTo(m.getWidth() * 8);
    assertThat(image.getHeight()).isEqualTo(m.getHeight() * 8);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int expected = m.get(x / 8, y / 8) ? 0xff000000 : 0xffffffff;
        assertThat(image.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(expected);
      }
    }
  }

  @Test
  void barcodePngHasItsBarsAndQuietZone() throws Exception {
    CodeImages.Code code = CodeImages.barcode("ABC-123", CodeImages.BarcodeKind.CODE128);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png(code)));
    assertThat(image.getWidth()).isEqualTo(code.modules() * 4);
    assertThat(image.getHeight()).isEqualTo(32);
    assertThat(image.getRGB(0, 16)).isEqualTo(0xffffffff); // quiet zone
    assertThat(image.getRGB(10 * 4, 16)).isEqualTo(0xff000000); // Code 128 starts with a bar
    assertThat(image.getRGB(10 * 4, 0)).isEqualTo(image.getRGB(10 * 4, 31));
  }

  @Test
  void pdfboxEmbedsTheCodeImagesWithoutReencodingThem() throws Exception {
    for (CodeImages.Code code : new CodeImages.Code[] {CodeImages.qr(VALUE, ErrorCorrectionLevel.M),
        CodeImages.barcode("ABC-123", CodeImages.BarcodeKind.CODE128)}) {
      try (PDDocument doc = new PDDocument()) {
        PDImageXObject image = PDImageXObject.createFromByteArray(doc, png(code), null);
        // a palette PNG's compressed rows are copied as they are; a grayscale one would be decoded and deflated
        assertThat(image.getColorSpace()).isInstanceOf(PDIndexed.class);
        assertThat(image.getBitsPerComponent()).isEqualTo(1);
      }
    }
  }

  private static byte[] png(CodeImages.Code code) {
    String uri = code.dataUri();
    assertThat(uri).startsWith("data:image/png;base64,");
    return Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1));
  }
}
