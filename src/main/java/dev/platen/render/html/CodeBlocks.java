package dev.platen.render.html;

import static dev.platen.render.html.CanvasHtml.string;
import static dev.platen.render.html.CanvasHtml.styleAttr;

import com.google.zxing.WriterException;
import dev.platen.render.Css;
import dev.platen.render.Placeholders;
import dev.platen.render.RenderException;
import dev.platen.render.Units;
import dev.platen.render.images.CodeImages;
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
      code = CodeImages.qr(value, CodeImages.errorCorrection(string(props, "errorCorrection"), path));
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
    CodeImages.BarcodeKind kind = CodeImages.kind(string(props, "format"), path);
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
      String printed = kind == CodeImages.BarcodeKind.EAN13 && value.length() == 12 ? value + CodeImages.eanCheckDigit(value)
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

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
