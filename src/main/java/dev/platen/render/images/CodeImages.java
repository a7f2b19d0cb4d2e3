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
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

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
    Bitmap image = new Bitmap(m.getWidth() * SCALE, m.getHeight() * SCALE);
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        if (m.get(x, y)) image.black(x * SCALE, y * SCALE, SCALE, SCALE);
      }
    }
    return new Code(image.pngDataUri(), m.getWidth());
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
    Bitmap image = new Bitmap(modules * BAR_SCALE, BAR_HEIGHT_PX);
    for (int i = 0; i < bars.length; i++) {
      if (bars[i]) image.black((BARCODE_QUIET_ZONE + i) * BAR_SCALE, 0, BAR_SCALE, BAR_HEIGHT_PX);
    }
    return new Code(image.pngDataUri(), modules);
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

  /**
   * A white 1-bit image written straight to PNG, as a palette image: PDFBox copies an indexed PNG's compressed
   * rows into the PDF as they are, while the grayscale PNG ImageIO writes for a black-and-white image is decoded
   * and compressed again on every document (a fifth of an HTML invoice with a QR code, with setting the pixels
   * one {@code setRGB} at a time). Rows are 1 bit per pixel, palette index 1 (white) by default.
   */
  private static final class Bitmap {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** Index 0 black, index 1 white. */
    private static final byte[] PALETTE = {0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff};

    private final int width;
    private final int height;
    private final int stride;
    /** PNG scanlines: a filter byte (0, none) then the row's bits, most significant first. */
    private final byte[] rows;

    Bitmap(int width, int height) {
      this.width = width;
      this.height = height;
      this.stride = 1 + (width + 7) / 8;
      this.rows = new byte[stride * height];
      for (int y = 0; y < height; y++) Arrays.fill(rows, y * stride + 1, (y + 1) * stride, (byte) 0xff);
    }

    void black(int x, int y, int w, int h) {
      for (int j = y; j < y + h; j++) {
        int row = j * stride + 1;
        for (int i = x; i < x + w; i++) rows[row + (i >> 3)] &= (byte) ~(0x80 >>> (i & 7));
      }
    }

    String pngDataUri() {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256 + rows.length / 8);
      out.writeBytes(SIGNATURE);
      ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
          .put((byte) 1) // bit depth
          .put((byte) 3) // colour type: palette
          .put((byte) 0).put((byte) 0).put((byte) 0); // deflate, adaptive filtering, not interlaced
      chunk(out, "IHDR", header.array());
      chunk(out, "PLTE", PALETTE);
      Deflater deflater = new Deflater();
      try {
        deflater.setInput(rows);
        deflater.finish();
        ByteArrayOutputStream idat = new ByteArrayOutputStream(rows.length / 8 + 64);
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) idat.write(buffer, 0, deflater.deflate(buffer));
        chunk(out, "IDAT", idat.toByteArray());
      } finally {
        deflater.end();
      }
      chunk(out, "IEND", new byte[0]);
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
      byte[] name = type.getBytes(StandardCharsets.US_ASCII);
      out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
      CRC32 crc = new CRC32();
      crc.update(name);
      crc.update(data);
      out.writeBytes(name);
      out.writeBytes(data);
      out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
