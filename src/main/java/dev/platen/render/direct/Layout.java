package dev.platen.render.direct;

import static dev.platen.render.direct.Styles.*;
import static dev.platen.render.html.CanvasHtml.hidden;
import static dev.platen.render.html.CanvasHtml.string;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.oned.EAN13Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.platen.render.Css;
import dev.platen.render.Placeholders;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import dev.platen.render.Units;
import dev.platen.render.ValueFormatter;
import dev.platen.render.html.CanvasHtml;
import dev.platen.render.images.CodeImages;
import dev.platen.render.images.ImageEmbedder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import tools.jackson.databind.JsonNode;

/**
 * Lays a canvas layout out straight into page op lists, with the box model of the HTML engine's style sheet
 * (see {@link Styles}): the same fonts, sizes, paddings and margins give the same line breaks and page breaks.
 * {@link Support} has already checked that the layout uses nothing else. One instance per render.
 */
final class Layout {
  private final JsonNode data;
  private final Fonts.Pair fonts;
  private final ValueFormatter values = new ValueFormatter();
  private final ImageEmbedder images;
  private final PDDocument doc;
  private final Map<String, Picture> imageCache = new HashMap<>();
  /** The inline drawings of an HTML document, taken out of it by {@link HtmlSvg#detach}, and those drawn. */
  private Map<org.jsoup.nodes.Element, String> drawings = Map.of();
  private final Map<org.jsoup.nodes.Element, Picture> drawn = new java.util.IdentityHashMap<>();
  private final List<byte[]> imageBytes = new ArrayList<>();
  private final double lineGap; // distance from a line box's top to its baseline, for 10 pt body text
  private final boolean printBackground;

  Layout(JsonNode data, Fonts.Pair fonts, ImageEmbedder images, PDDocument doc, boolean printBackground) {
    this.data = data;
    this.printBackground = printBackground;
    this.fonts = fonts;
    this.images = images;
    this.doc = doc;
    this.lineGap = baseline(fonts.regular(), BODY_SIZE, BODY_SIZE * LINE_HEIGHT);
  }

  /** The images drawn: content streams name them, so the file identifier must cover their bytes. */
  void digestImages(java.security.MessageDigest digest) {
    for (byte[] bytes : imageBytes) digest.update(bytes);
  }

  /** Baseline offset in a CSS line box: half the leading above the ascent. */
  static double baseline(Face face, double size, double lineHeight) {
    return (lineHeight - (face.ascent + face.descent) * size) / 2 + face.ascent * size;
  }

  void sections(JsonNode layout, double width, Sink.Pages pages) throws RenderException {
    JsonNode sections = layout.path("sections");
    for (int s = 0; s < sections.size(); s++) {
      JsonNode section = sections.get(s);
      if (hidden(section)) continue;
      JsonNode rows = section.path("rows");
      for (int r = 0; r < rows.size(); r++) {
        JsonNode row = rows.get(r);
        if (!hidden(row)) row(row, "sections." + s + ".rows." + r, width, pages);
      }
    }
  }

  private void row(JsonNode row, String path, double width, Sink.Pages pages) throws RenderException {
    JsonNode all = row.path("columns");
    List<Integer> visible = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (!hidden(all.get(i))) visible.add(i);
    }
    if (visible.isEmpty()) return;
    if (visible.size() == 1) {
      // a lone column is a plain div: its blocks flow (and break) on the pages, margins collapsing through it
      int i = visible.get(0);
      column(all.get(i), path + ".columns." + i, width, pages);
      return;
    }
    double[] widths = CanvasHtml.columnWidths(all::get, visible);
    double gutter = row.has("gutter") ? Styles.points(row.path("gutter"), BODY_SIZE, Double.NaN) : 0;
    if (Double.isNaN(gutter)) throw new Unsupported("a gutter that is not an absolute length");
    List<Ops> ops = new ArrayList<>();
    double x = 0;
    double height = 0;
    for (int k = 0; k < visible.size(); k++) {
      int i = visible.get(k);
      double cellWidth = widths[k] * width / 100;
      double pad = k == 0 ? 0 : gutter;
      Sink.Stack cell = new Sink.Stack(x + pad);
      column(all.get(i), path + ".columns." + i, cellWidth - pad, cell);
      ops.addAll(cell.ops);
      height = Math.max(height, cell.height());
      x += cellWidth;
    }
    if (height > pages.contentHeight()) throw new Unsupported("a multi-column row taller than a page");
    pages.slice(height, ops);
  }

  private void column(JsonNode column, String path, double width, Sink sink) throws RenderException {
    String align = Css.align(column.path("align"));
    JsonNode blocks = column.path("blocks");
    for (int b = 0; b < blocks.size(); b++) {
      JsonNode block = blocks.get(b);
      if (!hidden(block)) block(block, path + ".blocks." + b, width, align, sink);
    }
  }

  private void block(JsonNode block, String path, double width, String inherited, Sink sink)
      throws RenderException {
    JsonNode props = block.path("props");
    String align = or(Css.align(props.path("align")), inherited);
    switch (block.path("type").asString()) {
      case "heading" -> heading(props, width, align, sink);
      case "text" -> text(props, width, align, sink);
      case "keyValue" -> keyValue(props, width, inherited, sink);
      case "image" -> image(props, width, align, sink);
      case "table" -> table(props, path, width, inherited, sink);
      case "divider" -> divider(props, width, sink);
      case "spacer" -> spacer(props, width, sink);
      case "pageBreak" -> sink.pageBreak();
      case "qr" -> qr(props, path, width, align, sink);
      case "barcode" -> barcode(props, path, width, align, sink);
      default -> throw new Unsupported("block type " + block.path("type").asString());
    }
  }

  private void heading(JsonNode props, double width, String align, Sink sink) throws Unsupported {
    String as = props.path("as").asString("");
    int level = as.matches("h[1-6]") ? as.charAt(1) - '1' : 1;
    int rgb = color(props);
    paragraph(Text.clean(fill(props, "content"), true), fonts.bold(), HEADING_SIZE[level],
        HEADING_SIZE[level] * LINE_HEIGHT, rgb < 0 ? TEXT_RGB : rgb, width, align, sink);
    sink.margin(HEADING_MARGIN[level]);
  }

  private void text(JsonNode props, double width, String align, Sink sink) throws Unsupported {
    double size = props.has("fontSize") ? Styles.points(props.path("fontSize"), BODY_SIZE, BODY_SIZE) : BODY_SIZE;
    JsonNode lh = props.path("lineHeight");
    double lineHeight = lh.isNumber() ? lh.doubleValue() * size
        : props.has("lineHeight") ? Styles.points(lh, size, size) : size * LINE_HEIGHT;
    if (Double.isNaN(size) || Double.isNaN(lineHeight)) throw new Unsupported("a text size it cannot resolve");
    String weight = Css.fontWeight(props.path("fontWeight"));
    boolean bold = weight != null && Integer.parseInt(weight) >= 600;
    int rgb = color(props);
    paragraph(Text.clean(fill(props, "content"), true), bold ? fonts.bold() : fonts.regular(), size, lineHeight,
        rgb < 0 ? TEXT_RGB : rgb, width, align, sink);
    sink.margin(TEXT_MARGIN);
  }

  /** One slice per line: paragraphs may break between lines across pages, as in the HTML engine. */
  private void paragraph(String text, Face face, double size, double lineHeight, int rgb, double width, String align,
      Sink sink) throws Unsupported {
    double base = baseline(face, size, lineHeight);
    boolean bold = face == fonts.bold();
    for (Text.Line line : Text.wrap(face, text, size, 0, width)) {
      double x = offset(align, width, line.width());
      sink.slice(lineHeight, List.of(new Ops.Text(x, base, bold, size, rgb, 0, line.text())));
    }
  }

  private void keyValue(JsonNode props, double width, String align, Sink sink) throws RenderException {
    JsonNode items = props.path("items");
    if (items.isEmpty()) return;
    int n = items.size();
    String[] labels = new String[n];
    String[] shown = new String[n];
    double labelWidth = 0;
    double valueWidth = 0;
    for (int i = 0; i < n; i++) {
      JsonNode item = items.get(i);
      labels[i] = Text.clean(string(item, "label"), false);
      JsonNode value = Placeholders.lookup(data, string(item, "path"));
      shown[i] = Text.clean(values.format(value, string(item, "dataType"), string(item, "format")), false);
      labelWidth = Math.max(labelWidth, Text.width(fonts.bold(), labels[i], BODY_SIZE, 0));
      valueWidth = Math.max(valueWidth, Text.width(fonts.regular(), shown[i], BODY_SIZE, 0));
    }
    // an auto-width table: labels at their widest, values in what is left
    double labelColumn = Math.min(labelWidth, width / 2) + KV_LABEL_GAP;
    double valueColumn = Math.min(valueWidth, width - labelColumn);
    double line = BODY_SIZE * LINE_HEIGHT;
    for (int i = 0; i < n; i++) {
      List<Ops> ops = new ArrayList<>();
      List<Text.Line> l = Text.wrap(fonts.bold(), labels[i], BODY_SIZE, 0, labelColumn - KV_LABEL_GAP);
      List<Text.Line> v = Text.wrap(fonts.regular(), shown[i], BODY_SIZE, 0, valueColumn);
      for (int k = 0; k < l.size(); k++) {
        ops.add(new Ops.Text(0, KV_PAD_V + lineGap + k * line, true, BODY_SIZE, TEXT_RGB, 0, l.get(k).text()));
      }
      for (int k = 0; k < v.size(); k++) {
        double x = labelColumn + offset(align, valueColumn, v.get(k).width());
        ops.add(new Ops.Text(x, KV_PAD_V + lineGap + k * line, false, BODY_SIZE, TEXT_RGB, 0, v.get(k).text()));
      }
      sink.slice(Math.max(l.size(), v.size()) * line + 2 * KV_PAD_V, ops);
    }
    sink.margin(KV_MARGIN);
  }

  private record Column(String header, String field, String dataType, String format, String align, double width) {}

  private void table(JsonNode props, String path, double width, String inherited, Sink sink)
      throws RenderException {
    JsonNode spec = props.path("columns");
    if (spec.isEmpty()) return;
    List<Column> columns = columns(spec, width);
    JsonNode rows = Placeholders.lookup(data, Placeholders.stripBraces(string(props, "loop")));
    if (rows.isArray() && rows.size() > RenderInput.MAX_LOOP_ITEMS) {
      throw new RenderException("the table at " + path + " has " + Units.count(rows.size())
          + " rows; the limit is " + Units.count(RenderInput.MAX_LOOP_ITEMS), false);
    }
    double line = BODY_SIZE * LINE_HEIGHT;

    List<Ops> head = new ArrayList<>();
    int headLines = 1;
    List<List<Text.Line>> headerLines = new ArrayList<>();
    for (Column c : columns) {
      List<Text.Line> lines =
          Text.wrap(fonts.bold(), Text.clean(c.header(), false), BODY_SIZE, 0, c.width() - 2 * CELL_PAD_H);
      headerLines.add(lines);
      headLines = Math.max(headLines, lines.size());
    }
    double headHeight = headLines * line + 2 * CELL_PAD_V + HEAD_BORDER;
    if (printBackground) head.add(new Ops.Rect(0, 0, width, headHeight, HEAD_BG_RGB));
    head.add(new Ops.Rect(0, headHeight - HEAD_BORDER, width, HEAD_BORDER, HEAD_BORDER_RGB));
    double x = 0;
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      List<Text.Line> lines = headerLines.get(i);
      // header cells are vertical-align: middle
      double top = CELL_PAD_V + (headLines - lines.size()) * line / 2;
      for (int k = 0; k < lines.size(); k++) {
        Text.Line l = lines.get(k);
        double lx = x + CELL_PAD_H + offset(c.align(), c.width() - 2 * CELL_PAD_H, l.width());
        head.add(new Ops.Text(lx, top + lineGap + k * line, true, BODY_SIZE, TEXT_RGB, 0, l.text()));
      }
      x += c.width();
    }
    sink.slice(headHeight, head);
    sink.startHeader(headHeight, head);

    if (rows.isArray()) {
      for (JsonNode item : rows) {
        List<Ops> ops = new ArrayList<>(columns.size() + 1);
        int rowLines = 0;
        x = 0;
        for (Column c : columns) {
          JsonNode value = Placeholders.lookup(item, c.field());
          String text = Text.clean(values.format(value, c.dataType(), c.format()), false);
          String cellAlign = or(c.align(), inherited);
          double inner = c.width() - 2 * CELL_PAD_H;
          List<Text.Line> lines = Text.wrap(fonts.regular(), text, BODY_SIZE, 0, inner);
          for (int k = 0; k < lines.size(); k++) {
            Text.Line l = lines.get(k);
            double lx = x + CELL_PAD_H + offset(cellAlign, inner, l.width());
            ops.add(new Ops.Text(lx, CELL_PAD_V + lineGap + k * line, false, BODY_SIZE, TEXT_RGB, 0, l.text()));
          }
          rowLines = Math.max(rowLines, lines.size());
          x += c.width();
        }
        double h = rowLines * line + 2 * CELL_PAD_V + ROW_BORDER;
        ops.add(new Ops.Rect(0, h - ROW_BORDER, width, ROW_BORDER, ROW_BORDER_RGB));
        sink.slice(h, ops);
      }
    }
    sink.endHeader();
    sink.margin(TABLE_MARGIN);
  }

  /** Fixed table layout: declared widths kept, the rest shared equally, all scaled down when over 100%. */
  private static List<Column> columns(JsonNode spec, double width) throws Unsupported {
    int n = spec.size();
    double[] w = new double[n];
    double declared = 0;
    int open = 0;
    for (int i = 0; i < n; i++) {
      JsonNode c = spec.get(i);
      JsonNode v = c.path("width");
      String css = v.isNumber() ? Css.length(v.asString() + "%") : Css.length(v);
      w[i] = css == null ? -1 : Styles.points(css, BODY_SIZE, width);
      if (Double.isNaN(w[i])) throw new Unsupported("a column width it cannot resolve");
      if (w[i] >= 0) declared += w[i];
      else open++;
    }
    double share = open == 0 ? 0 : Math.max(0, width - declared) / open;
    double total = 0;
    for (int i = 0; i < n; i++) {
      if (w[i] < 0) w[i] = share;
      total += w[i];
    }
    List<Column> columns = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      JsonNode c = spec.get(i);
      String dataType = string(c, "dataType");
      String align = Css.align(c.path("align"));
      if (align == null && ("number".equals(dataType) || "currency".equals(dataType))) align = "right";
      columns.add(new Column(string(c, "header"), Placeholders.stripBraces(string(c, "field")), dataType,
          string(c, "format"), align, total > width ? w[i] * width / total : w[i]));
    }
    return columns;
  }

  private void image(JsonNode props, double width, String align, Sink sink) throws RenderException {
    String src = fill(props, "src").trim();
    if (src.isEmpty()) return;
    Picture image = image(src);
    double w = props.has("width") ? Styles.points(props.path("width"), BODY_SIZE, width) : Double.NaN;
    double h = props.has("height") ? Styles.points(props.path("height"), BODY_SIZE, Double.NaN) : Double.NaN;
    double ratio = image.height() / (double) image.width();
    if (Double.isNaN(w) && Double.isNaN(h)) {
      w = Math.min(image.width() * PX, width);
      h = w * ratio;
    } else if (Double.isNaN(w)) {
      w = Math.min(h / ratio, width);
    } else if (Double.isNaN(h)) {
      h = w * ratio;
    }
    inline(new Ops.Image(offset(align, width, w), 0, w, h, image), h, sink);
    sink.margin(BLOCK_MARGIN);
  }

  /** The image at {@code src}, loaded through the guarded loader once per document. */
  Picture image(String src) throws RenderException {
    Picture image = imageCache.get(src);
    if (image == null) {
      ImageEmbedder.Image loaded = images.load(src);
      if (loaded.bytes() == null || loaded.mime().contains("svg")) throw new Unsupported("an SVG image");
      try {
        image = Picture.of(ImageCache.image(doc, loaded.bytes()));
        imageBytes.add(loaded.bytes());
      } catch (IOException | RuntimeException e) {
        throw new Unsupported("an image PDFBox does not read");
      }
      imageCache.put(src, image);
    }
    return image;
  }

  void drawings(Map<org.jsoup.nodes.Element, String> drawings) {
    this.drawings = drawings;
  }

  /** An inline {@code <svg>} of the document, drawn once however often it is laid out (a measure, then a page). */
  Picture drawing(org.jsoup.nodes.Element svg) throws RenderException {
    Picture picture = drawn.get(svg);
    if (picture == null) {
      String xml = drawings.get(svg);
      int[] box = HtmlSvg.box(svg);
      int[] intrinsic = HtmlSvg.intrinsic(svg);
      if (xml == null || box == null || intrinsic == null) throw new Unsupported("an <svg> it has not read");
      byte[] key = (box[0] + "x" + box[1] + "/" + intrinsic[0] + "x" + intrinsic[1] + "\n" + xml)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      PDFormXObject form;
      try {
        form = ImageCache.form(doc, key, () -> HtmlSvg.draw(doc, xml, box, intrinsic));
      } catch (IOException e) {
        throw new Unsupported("an <svg> Batik cannot draw");
      }
      picture = new Picture(form, box[0], box[1]);
      imageBytes.add(key);
      drawn.put(svg, picture);
    }
    return picture;
  }

  /**
   * An image alone in its block: the HTML engine makes the line box exactly as tall as the image (no strut descent
   * below it, measured on its output), or one text line for images smaller than that.
   */
  private void inline(Ops op, double height, Sink sink) throws Unsupported {
    inlineAll(List.of(op), height, sink);
  }

  private void divider(JsonNode props, double width, Sink sink) throws Unsupported {
    double thickness = props.has("thickness") ? Styles.points(props.path("thickness"), BODY_SIZE, Double.NaN) : PX;
    double w = props.has("width") ? Styles.points(props.path("width"), BODY_SIZE, width) : width;
    if (Double.isNaN(thickness) || Double.isNaN(w)) throw new Unsupported("a divider size it cannot resolve");
    int rgb = color(props);
    sink.margin(DIVIDER_MARGIN);
    sink.slice(thickness, List.of(new Ops.Rect(0, 0, w, thickness, rgb < 0 ? DIVIDER_RGB : rgb)));
    sink.margin(DIVIDER_MARGIN);
  }

  private void spacer(JsonNode props, double width, Sink sink) throws Unsupported {
    double h = props.has("height") ? Styles.points(props.path("height"), BODY_SIZE, Double.NaN) : 16 * PX;
    if (Double.isNaN(h)) throw new Unsupported("a spacer height it cannot resolve");
    sink.slice(h, List.of());
  }

  private void qr(JsonNode props, String path, double width, String align, Sink sink) throws RenderException {
    String value = fill(props, "value");
    if (value.isEmpty()) return;
    BitMatrix m;
    try {
      m = new QRCodeWriter().encode(value, BarcodeFormat.QR_CODE, 0, 0, Map.of(
          EncodeHintType.ERROR_CORRECTION, errorCorrection(props, path),
          EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
          EncodeHintType.MARGIN, 4));
    } catch (WriterException e) {
      throw new RenderException("the QR code at " + path + " cannot hold its value ("
          + Units.count(value.length()) + " characters)", false);
    }
    double side = props.has("size") ? Styles.points(props.path("size"), BODY_SIZE, Double.NaN) : 30 * MM;
    if (Double.isNaN(side)) throw new Unsupported("a QR size it cannot resolve");
    double module = side / m.getWidth();
    double x0 = offset(align, width, side);
    List<Ops> ops = new ArrayList<>();
    ops.add(new Ops.Rect(x0, 0, side, side, 0xffffff));
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); ) {
        if (!m.get(x, y)) {
          x++;
          continue;
        }
        int run = x;
        while (run < m.getWidth() && m.get(run, y)) run++;
        ops.add(new Ops.Rect(x0 + x * module, y * module, (run - x) * module, module, 0));
        x = run;
      }
    }
    inlineAll(ops, side, sink);
    sink.margin(BLOCK_MARGIN);
  }

  private void barcode(JsonNode props, String path, double width, String align, Sink sink) throws RenderException {
    String value = fill(props, "value").trim();
    if (value.isEmpty()) return;
    boolean ean = ean(string(props, "format"), path);
    boolean[] bars;
    try {
      bars = ean ? new EAN13Writer().encode(value) : new Code128Writer().encode(value);
    } catch (IllegalArgumentException e) {
      throw new RenderException("the barcode at " + path + " cannot encode '" + shorten(value) + "' as "
          + (ean ? "EAN-13: it needs 12 digits, or 13 with a valid check digit"
              : "Code 128: it takes printable ASCII characters only"), false);
    }
    int modules = bars.length + 20;
    double w = props.has("width") ? Styles.points(props.path("width"), BODY_SIZE, width) : modules * 0.33 * MM;
    double h = props.has("height") ? Styles.points(props.path("height"), BODY_SIZE, Double.NaN) : 15 * MM;
    if (Double.isNaN(w) || Double.isNaN(h)) throw new Unsupported("a barcode size it cannot resolve");
    double module = w / modules;
    double x0 = offset(align, width, w);
    List<Ops> ops = new ArrayList<>();
    for (int i = 0; i < bars.length; ) {
      if (!bars[i]) {
        i++;
        continue;
      }
      int run = i;
      while (run < bars.length && bars[run]) run++;
      ops.add(new Ops.Rect(x0 + (10 + i) * module, 0, (run - i) * module, h, 0));
      i = run;
    }
    inlineAll(ops, h, sink);
    JsonNode showText = props.path("showText");
    if (!showText.isBoolean() || showText.booleanValue()) {
      String printed = ean && value.length() == 12 ? value + CodeImages.eanCheckDigit(value) : value;
      double size = CODE_TEXT_SIZE;
      double lh = size * LINE_HEIGHT;
      for (Text.Line l : Text.wrap(fonts.regular(), Text.clean(printed, false), size, CODE_TEXT_SPACING, width)) {
        sink.slice(lh, List.of(new Ops.Text(offset(align, width, l.width()), baseline(fonts.regular(), size, lh),
            false, size, TEXT_RGB, CODE_TEXT_SPACING, l.text())));
      }
    }
    sink.margin(BLOCK_MARGIN);
  }

  private void inlineAll(List<Ops> ops, double height, Sink sink) throws Unsupported {
    double line = BODY_SIZE * LINE_HEIGHT;
    double box = Math.max(height, line);
    List<Ops> placed = new ArrayList<>(ops.size());
    for (Ops op : ops) placed.add(op.moved(0, Math.min(box - height, lineGap)));
    sink.slice(box, placed);
  }

  private static ErrorCorrectionLevel errorCorrection(JsonNode props, String path) throws RenderException {
    return CodeImages.errorCorrection(string(props, "errorCorrection"), path);
  }

  private static boolean ean(String format, String path) throws RenderException {
    return CodeImages.kind(format, path) == CodeImages.BarcodeKind.EAN13;
  }

  /** The block's colour, -1 for the default; colours only the HTML engine understands send the document there. */
  private static int color(JsonNode props) throws Unsupported {
    int rgb = Styles.rgb(props.path("color"));
    if (rgb == -2) throw new Unsupported("a colour it does not parse");
    return rgb;
  }

  private static double offset(String align, double box, double content) {
    if ("right".equals(align)) return box - content;
    if ("center".equals(align)) return (box - content) / 2;
    return 0;
  }

  private String fill(JsonNode props, String field) {
    return Placeholders.fill(string(props, field), data);
  }

  private static String or(String a, String b) {
    return a != null ? a : b;
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
