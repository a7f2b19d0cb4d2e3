package dev.platen.render;

import static dev.platen.render.CanvasHtml.string;
import static dev.platen.render.CanvasHtml.styleAttr;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** The {@code qr} and {@code barcode} blocks: a value from the data drawn as a scannable code. */
final class CodeBlocks {
  private static final String DEFAULT_QR_SIZE = "30mm";
  private static final String DEFAULT_BAR_HEIGHT = "15mm";
  /** Narrowest bar on paper; 0.33 mm is the nominal EAN module and scans well at print resolutions. */
  private static final double MODULE_MM = 0.33;

  private final JsonNode data;

  CodeBlocks(JsonNode data) {
    this.data = data;
  }

  void qr(StringBuilder out, JsonNode props, String path) throws RenderException {
    String value = Placeholders.fill(string(props, "value"), data);
    if (value.isEmpty()) return; // an optional value left empty: draw nothing rather than an empty code
    CodeImages.Code code;
    try {
      code = CodeImages.qr(value, errorCorrection(props, path));
    } catch (WriterException e) {
      throw new RenderException("the QR code at " + path + " cannot hold its value ("
          + Units.count(value.length()) + " characters)", false);
    }
    String size = Css.length(props.path("size"));
    String side = size == null ? DEFAULT_QR_SIZE : size;
    open(out, props);
    out.append("<img src=\"").append(code.dataUri()).append("\" alt=\"QR code\" style=\"width:").append(side)
        .append(";height:").append(side).append(";\"/></div>");
  }

  void barcode(StringBuilder out, JsonNode props, String path) throws RenderException {
    String value = Placeholders.fill(string(props, "value"), data).trim();
    if (value.isEmpty()) return;
    CodeImages.BarcodeKind kind = kind(string(props, "format"), path);
    CodeImages.Code code;
    try {
      code = CodeImages.barcode(value, kind);
    } catch (IllegalArgumentException e) {
      throw new RenderException("the barcode at " + path + " cannot encode '" + shorten(value) + "' as "
          + (kind == CodeImages.BarcodeKind.EAN13 ? "EAN-13: it needs 12 digits, or 13 with a valid check digit"
              : "Code 128: it takes printable ASCII characters only"), false);
    }
    String width = Css.length(props.path("width"));
    String height = Css.length(props.path("height"));
    open(out, props);
    out.append("<img src=\"").append(code.dataUri()).append("\" alt=\"barcode\" style=\"width:")
        .append(width == null ? String.format(Locale.ROOT, "%.2fmm", code.modules() * MODULE_MM) : width)
        .append(";height:").append(height == null ? DEFAULT_BAR_HEIGHT : height).append(";\"/>");
    JsonNode showText = props.path("showText");
    if (!showText.isBoolean() || showText.booleanValue()) {
      String printed = kind == CodeImages.BarcodeKind.EAN13 && value.length() == 12 ? value + eanCheckDigit(value)
          : value;
      out.append("<div class=\"code-text\">").append(Html.escape(printed)).append("</div>");
    }
    out.append("</div>");
  }

  private static void open(StringBuilder out, JsonNode props) {
    StringBuilder style = new StringBuilder();
    Css.put(style, "text-align", Css.align(props.path("align")));
    out.append("<div class=\"code\"").append(styleAttr(style)).append('>');
  }

  static ErrorCorrectionLevel errorCorrection(JsonNode props, String path) throws RenderException {
    String level = string(props, "errorCorrection");
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

  static CodeImages.BarcodeKind kind(String format, String path) throws RenderException {
    if (format == null) return CodeImages.BarcodeKind.CODE128;
    return switch (format.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(" ", "")) {
      case "code128" -> CodeImages.BarcodeKind.CODE128;
      case "ean13" -> CodeImages.BarcodeKind.EAN13;
      default -> throw new RenderException("unknown barcode format '" + shorten(format) + "' at " + path
          + "; use code128 or ean13", false);
    };
  }

  /** The EAN-13 check digit ZXing appends to a 12-digit value, so the printed digits match the bars. */
  static int eanCheckDigit(String twelveDigits) {
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      int digit = twelveDigits.charAt(i) - '0';
      sum += i % 2 == 0 ? digit : digit * 3;
    }
    return (10 - sum % 10) % 10;
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
