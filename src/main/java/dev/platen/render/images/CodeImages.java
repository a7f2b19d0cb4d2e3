package dev.platen.render.images;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.oned.EAN13Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.platen.render.RenderException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * QR codes and barcodes (ZXing) as 1-bit PNG data: URIs. Each module is drawn as a square of whole pixels so the
 * image stays sharp when the PDF viewer scales it; sizes on paper come from CSS.
 */
public final class CodeImages {
  private CodeImages() {}

  /** Pixels per QR module: enough that viewers which smooth scaled images still show crisp edges. */
  private static final int SCALE = 8;
  /** Pixels per bar module; bars only need horizontal resolution, so the image is a thin strip. */
  private static final int BAR_SCALE = 4;
  private static final int BAR_HEIGHT_PX = 32;
  /** Quiet zone around 1D codes, in modules (the standards ask for at least 10). */
  private static final int BARCODE_QUIET_ZONE = 10;

  /** A code image and its width in modules (quiet zone included), to size it on paper. */
  public record Code(String dataUri, int modules) {}

  public static Code qr(String value, ErrorCorrectionLevel level) throws WriterException {
    Map<EncodeHintType, Object> hints = Map.of(
        EncodeHintType.ERROR_CORRECTION, level,
        EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
        EncodeHintType.MARGIN, 4);
    BitMatrix m = new QRCodeWriter().encode(value, BarcodeFormat.QR_CODE, 0, 0, hints);
    BufferedImage image = new BufferedImage(m.getWidth() * SCALE, m.getHeight() * SCALE,
        BufferedImage.TYPE_BYTE_BINARY);
    paintWhite(image);
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        if (m.get(x, y)) fill(image, x * SCALE, y * SCALE, SCALE, SCALE);
      }
    }
    return new Code(png(image), m.getWidth());
  }

  /**
   * A 1D barcode with its quiet zone.
   *
   * @throws IllegalArgumentException when the value cannot be encoded in that format (ZXing's own check)
   */
  public static Code barcode(String value, BarcodeKind kind) {
    boolean[] bars = switch (kind) {
      case CODE128 -> new Code128Writer().encode(value);
      case EAN13 -> new EAN13Writer().encode(value);
    };
    int modules = bars.length + 2 * BARCODE_QUIET_ZONE;
    BufferedImage image = new BufferedImage(modules * BAR_SCALE, BAR_HEIGHT_PX, BufferedImage.TYPE_BYTE_BINARY);
    paintWhite(image);
    for (int i = 0; i < bars.length; i++) {
      if (bars[i]) fill(image, (BARCODE_QUIET_ZONE + i) * BAR_SCALE, 0, BAR_SCALE, BAR_HEIGHT_PX);
    }
    return new Code(png(image), modules);
  }

  public enum BarcodeKind { CODE128, EAN13 }

  /** The level a qr block's {@code errorCorrection} prop names (null: M), in words both engines report. */
  public static ErrorCorrectionLevel errorCorrection(String level, String path) throws RenderException {
    if (level == null) return ErrorCorrectionLevel.M;
    return switch (level.trim().toUpperCase(Locale.ROOT)) {
      case "L" -> ErrorCorrectionLevel.L;
      case "M" -> ErrorCorrectionLevel.M;
      case "Q" -> ErrorCorrectionLevel.Q;
      case "H" -> ErrorCorrectionLevel.H;
      default -> throw new RenderException("unknown QR error correction '" + shorten(level) + "' at " + path
          + "; use L, M, Q or H", false);
    };
  }

  /** The kind a barcode block's {@code format} prop names (null: Code 128). */
  public static BarcodeKind kind(String format, String path) throws RenderException {
    if (format == null) return BarcodeKind.CODE128;
    return switch (format.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(" ", "")) {
      case "code128" -> BarcodeKind.CODE128;
      case "ean13" -> BarcodeKind.EAN13;
      default -> throw new RenderException("unknown barcode format '" + shorten(format) + "' at " + path
          + "; use code128 or ean13", false);
    };
  }

  /** The EAN-13 check digit ZXing appends to a 12-digit value, so the printed digits match the bars. */
  public static int eanCheckDigit(String twelveDigits) {
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      int digit = twelveDigits.charAt(i) - '0';
      sum += i % 2 == 0 ? digit : digit * 3;
    }
    return (10 - sum % 10) % 10;
  }

  private static void paintWhite(BufferedImage image) {
    fill(image, 0, 0, image.getWidth(), image.getHeight(), 0xFFFFFF);
  }

  private static void fill(BufferedImage image, int x, int y, int w, int h) {
    fill(image, x, y, w, h, 0x000000);
  }

  private static void fill(BufferedImage image, int x, int y, int w, int h, int rgb) {
    for (int j = y; j < y + h; j++) {
      for (int i = x; i < x + w; i++) image.setRGB(i, j, rgb);
    }
  }

  private static String png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding to memory failed", e);
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
