package dev.platen.render;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import tools.jackson.databind.JsonNode;

/**
 * The package-private helpers of the HTML engine that the direct PDFBox path ({@code dev.platen.render.direct})
 * must share so both engines format, check and stamp documents identically: one formatter, one image check, one
 * watermark, one set of limits. A bridge rather than copies, because this package is edited in parallel and
 * copies would drift; once those helpers are public this class can go.
 */
public final class DirectAccess {
  private DirectAccess() {}

  public static TrueTypeFont regularFont() { return ThreadFonts.current().regular(); }

  public static TrueTypeFont boldFont() { return ThreadFonts.current().bold(); }

  /** The QR error-correction level a qr block asks for, with the HTML path's error for a bad one. */
  public static com.google.zxing.qrcode.decoder.ErrorCorrectionLevel qrErrorCorrection(JsonNode props, String path)
      throws RenderException {
    return CodeBlocks.errorCorrection(props, path);
  }

  /** Whether a barcode block's format is EAN-13 (else Code 128), with the HTML path's error for a bad one. */
  public static boolean isEan13(String format, String path) throws RenderException {
    return CodeBlocks.kind(format, path) == CodeImages.BarcodeKind.EAN13;
  }

  /** Row column widths in percent, computed exactly as the HTML path lays out its row tables. */
  public static double[] columnWidths(JsonNode columns, java.util.List<Integer> visible) {
    return CanvasHtml.columnWidths(columns::get, visible);
  }

  public static String fill(String template, JsonNode data) { return Placeholders.fill(template, data); }

  public static JsonNode lookup(JsonNode data, String path) { return Placeholders.lookup(data, path); }

  public static String title(RenderInput input) { return CanvasHtml.title(input); }

  public static String count(long n) { return Units.count(n); }

  public static long minimumPages(long tableRows, PageSetup page) { return HtmlPdfEngine.minimumPages(tableRows, page); }

  public static double[] paperMillimetres(String format) { return DocumentCss.paperMillimetres(format); }

  public static String cssLength(JsonNode v) { return Css.length(v); }

  public static String cssLength(String s) { return Css.length(s); }

  public static String cssColor(JsonNode v) { return Css.color(v); }

  public static String cssAlign(JsonNode v) { return Css.align(v); }

  public static String cssFontWeight(JsonNode v) { return Css.fontWeight(v); }

  public static int eanCheckDigit(String twelveDigits) { return CodeBlocks.eanCheckDigit(twelveDigits); }

  public static String shortReason(Throwable e) { return HtmlPdfEngine.shortReason(e); }

  public static void watermark(PDDocument doc, PDType0Font bold) throws IOException { Watermark.stamp(doc, bold); }

  public static void identity(PDDocument doc, String title, Instant date, String content, boolean watermark) {
    PdfIdentity.apply(doc, title, date, PdfIdentity.digest(content, watermark, date));
  }

  /** Value formatting by manifest dataType; one per document (it holds non-thread-safe formats). */
  public static final class Values {
    private final ValueFormatter formatter = new ValueFormatter();

    public String format(JsonNode value, String dataType, String format) {
      return formatter.format(value, dataType, format);
    }
  }

  /** The guarded image fetcher (address policy, redirects, timeout, size limit); one per engine, it holds a client. */
  public static final class ImageLoader {
    private final GuardedImageLoader loader;

    public ImageLoader(EngineSettings settings) {
      this.loader = new GuardedImageLoader(settings, AddressPolicy.of(settings));
    }
  }

  /** The image checks of the HTML engine (size limit, magic bytes, SVG entities), one instance per render. */
  public static final class Images {
    private final ImageEmbedder embedder;

    public Images(ImageLoader loader) {
      this.embedder = new ImageEmbedder(loader.loader);
    }

    /** The checked image bytes and their type, from a data: URI or a guarded fetch. */
    public Image load(String src) throws RenderException {
      String uri = embedder.dataUri(src);
      int comma = uri.indexOf(',');
      String mime = uri.substring(5, uri.indexOf(';') < 0 || uri.indexOf(';') > comma ? comma : uri.indexOf(';'));
      if (!uri.regionMatches(true, comma - 7, ";base64", 0, 7)) return new Image(mime, null);
      return new Image(mime, Base64.getDecoder().decode(uri.substring(comma + 1)));
    }
  }

  /** @param bytes null for a URL-encoded SVG data: URI, which only the HTML engine draws */
  public record Image(String mime, byte[] bytes) {}
}
