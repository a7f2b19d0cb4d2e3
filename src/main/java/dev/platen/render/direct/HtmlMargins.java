package dev.platen.render.direct;

import dev.platen.render.RenderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The margin boxes of an HTML layout's pages, {@code @top-left} to {@code @bottom-right}, drawn as openhtmltopdf
 * draws them: its page style sheet's "Page X of Y" in {@code @bottom-center} (DocumentCss), under the layout's
 * own {@code @page} margin boxes, which override it property by property; text of strings, {@code counter(page)}
 * and {@code counter(pages)}, or a running element ({@code element(name)}, laid out by {@link HtmlFlow}); each
 * edge's three boxes as the cells of a one-row table over the content width,
 * sized by openhtmltopdf's margin table layout (its automatic table layout, with the side boxes made equal when
 * the centre one has content, so that it stays centred), text aligned left, centre and right, and centred
 * vertically in the margin (or at its top or bottom), inside a top and bottom border and padding; each box a cell
 * as tall as the margin, as openhtmltopdf's margin table makes it (so margins change nothing). Other margin boxes, other content (string(), attr()), element() in a side box beside
 * other content of its edge, and other properties are refused by name. Immutable.
 */
final class HtmlMargins {
  /** The boxes drawn, top edge then bottom edge, each left to right. */
  private static final String[] NAMES = {"top-left", "top-center", "top-right", "bottom-left", "bottom-center",
      "bottom-right"};
  /** The font size of a margin box that sets none: medium, as openhtmltopdf starts margin boxes from no style. */
  private static final double MEDIUM = 12;
  /** counter(page) among content pieces, told apart from a string by identity. */
  static final String PAGE = "\u0000page";
  /** counter(pages) among content pieces. */
  static final String PAGES = "\u0000pages";

  /**
   * One box with content: strings and the page counters, in order, and its text style; or the running element
   * named {@code element}, laid out by HtmlPositioned in its own style (the box's font does not reach it: measured,
   * openhtmltopdf styles it where it stands in the document).
   */
  private record Box(List<String> content, String element, double size, boolean bold, int rgb, double lineHeight,
      Edge top, Edge bottom, char align) {
    String text(int page, int pages) {
      return HtmlMargins.text(content, page, pages);
    }
  }

  /**
   * A margin box's top or bottom: its solid border (width and colour, 0 wide for none) and its padding, in points.
   * Measured, openhtmltopdf paints the border across the box's cell at the margin's edge and moves the text by
   * half of border and padding (the box is a cell as tall as the margin, its content centred inside them).
   */
  private record Edge(double border, int rgb, double padding) {
    static final Edge NONE = new Edge(0, 0, 0);

    long dots() {
      return Math.round(border * HtmlStyle.DOTS_PER_POINT) + Math.round(padding * HtmlStyle.DOTS_PER_POINT);
    }
  }

  private final Box[] boxes;

  private HtmlMargins(Box[] boxes) {
    this.boxes = boxes;
  }

  /**
   * The boxes after the page style sheet's footer and the layout's margin boxes, in cascade order.
   *
   * @throws Unsupported naming the first margin box, property or value outside this subset
   */
  static HtmlMargins of(List<HtmlCss.MarginBox> declared) throws Unsupported {
    List<Map<String, String>> properties = new ArrayList<>();
    for (int i = 0; i < NAMES.length; i++) properties.add(new LinkedHashMap<>());
    // openhtmltopdf's page style sheet for HTML layouts (DocumentCss): every page's "Page X of Y"
    Map<String, String> footer = properties.get(4);
    footer.put("content", "\"Page \" counter(page) \" of \" counter(pages)");
    footer.put("font-family", "'DejaVu Sans', 'Droid Sans Fallback'");
    footer.put("font-size", Styles.FOOTER_SIZE + "pt");
    footer.put("color", String.format(Locale.ROOT, "#%06x", Styles.FOOTER_RGB));
    for (HtmlCss.MarginBox box : declared) {
      int at = List.of(NAMES).indexOf(box.name());
      if (at < 0) throw new Unsupported("the @page margin box '@" + box.name() + "' (only the top and bottom"
          + " ones, left, center and right, are drawn directly)");
      // measured, openhtmltopdf keeps the last @page rule's box of a name whole, not property by property: a
      // layout's @bottom-center without a font-size prints in the medium size and black, not in the footer's 8pt
      // grey, and a later box without content leaves none
      properties.get(at).clear();
      for (HtmlCss.Declaration d : box.declarations()) {
        if (d.name().equals("{")) throw new Unsupported("a nested block in @" + box.name());
        if (d.important()) throw new Unsupported("CSS !important in @" + box.name());
        Map<String, String> into = properties.get(at);
        if (!d.name().equals("font")) {
          into.put(d.name(), d.value().trim());
          continue;
        }
        String[] font = HtmlStyle.fontShorthand(d.value());
        // small capitals are not drawn in margin boxes; without a family the box's own would be kept (not measured)
        if (font == null || font[4] == null || !font[5].equals("normal")) {
          throw new Unsupported("CSS value '" + d.value().trim() + "' for 'font' in @" + box.name() + " (give it a"
              + " size and a family)");
        }
        // the shorthand resets what it leaves out (measured: a bold before it prints regular)
        into.put("font-size", font[0]);
        into.put("font-style", font[1]);
        into.put("font-weight", font[2]);
        into.put("line-height", font[3] == null ? "normal" : font[3]);
        into.put("font-family", font[4]);
      }
    }
    Box[] boxes = new Box[NAMES.length];
    for (int i = 0; i < NAMES.length; i++) boxes[i] = box(NAMES[i], properties.get(i));
    for (int i = 0; i < NAMES.length; i++) {
      if (i % 3 == 1 || boxes[i] == null || boxes[i].element() == null) continue;
      int edge = i / 3 * 3;
      for (int k = edge; k < edge + 3; k++) {
        // measured, openhtmltopdf sizes such a side box narrower than its automatic table layout gives it
        if (k != i && boxes[k] != null) {
          throw new Unsupported("element() in @" + NAMES[i] + " beside another margin box of its edge with content"
              + (k == 4 ? " (the \"Page X of Y\" footer of @bottom-center: set its content to none, or put the"
              + " element there)" : ""));
        }
      }
    }
    return new HtmlMargins(boxes);
  }

  private static Box box(String name, Map<String, String> properties) throws Unsupported {
    double size = MEDIUM;
    boolean bold = false;
    int rgb = 0;
    List<String> content = null;
    String element = null;
    String lineHeight = "normal";
    char align = 'm';
    String[] borders = new String[2];
    double[] paddings = new double[2];
    for (Map.Entry<String, String> p : properties.entrySet()) {
      String v = p.getValue().toLowerCase(Locale.ROOT);
      switch (p.getKey()) {
        case "content" -> {
          java.util.regex.Matcher m = ELEMENT.matcher(v.trim());
          if (m.matches()) element = m.group(1);
          else content = content(name, p.getValue());
        }
        case "font-size" -> {
          // only absolute lengths: the size a margin box's em or keyword starts from is not ported
          double pt = v.endsWith("em") || v.endsWith("%") ? Double.NaN : Styles.points(v, MEDIUM, Double.NaN);
          if (Double.isNaN(pt) || pt <= 0) throw refused(name, p);
          size = pt;
        }
        case "font-weight" -> {
          switch (v) {
            case "bold", "bolder", "600", "700", "800", "900" -> bold = true;
            case "normal", "lighter", "100", "200", "300", "400", "500" -> bold = false;
            default -> throw refused(name, p);
          }
        }
        case "font-style" -> {
          // no oblique face is bundled: both engines set italic text upright
          if (!v.equals("normal") && !v.equals("italic") && !v.equals("oblique")) throw refused(name, p);
        }
        case "font-family" -> {
          // as in the body (D27, D64): openhtmltopdf tries every family of the list set in DejaVu Sans before its
          // built-in fonts, so a list naming one prints in DejaVu Sans (measured: Arial, sans-serif as sans-serif)
          if (!HtmlStyle.bundledFamily(v)) {
            throw new Unsupported("CSS font-family '" + p.getValue() + "' in @" + name + " " + HtmlStyle.UNSET_FAMILY);
          }
        }
        // measured, the line height does not move the text while it is between the font's own and the margin's
        // (checked in ops)
        case "line-height" -> lineHeight = v;
        // measured: the text's top at the top padding's edge, or its descent at the bottom padding's
        case "vertical-align" -> {
          switch (v) {
            case "top" -> align = 't';
            case "middle" -> align = 'm';
            case "bottom" -> align = 'b';
            default -> throw refused(name, p);
          }
        }
        // measured, openhtmltopdf's margin boxes are table cells, which have no margins: they change nothing
        case "margin", "margin-top", "margin-right", "margin-bottom", "margin-left" -> {
        }
        case "padding-top", "padding-bottom" -> {
          double pt = v.endsWith("em") || v.endsWith("%") ? Double.NaN : Styles.points(v, MEDIUM, Double.NaN);
          if (Double.isNaN(pt) || pt < 0) throw refused(name, p);
          paddings[p.getKey().equals("padding-top") ? 0 : 1] = pt;
        }
        case "border-top", "border-bottom" -> borders[p.getKey().equals("border-top") ? 0 : 1] = v;
        case "color" -> {
          int c = HtmlStyle.color(v);
          // a margin box's rgba() is not compared with openhtmltopdf's yet
          if (c < 0 || Ops.alpha(c) < 1) throw refused(name, p);
          rgb = c;
        }
        default -> throw new Unsupported("CSS property '" + p.getKey() + "' in @" + name);
      }
    }
    Edge[] edges = new Edge[2];
    for (int i = 0; i < 2; i++) {
      edges[i] = borders[i] == null && paddings[i] == 0 ? Edge.NONE
          : new Edge(borderWidth(name, i, borders[i]), borderColor(name, i, borders[i], rgb), paddings[i]);
    }
    double line = lineHeight.equals("normal") ? 0
        : lineHeight.matches("[0-9.]+") ? parse(lineHeight) * size
        : lineHeight.endsWith("%") ? parse(lineHeight) / 100 * size
        : Styles.points(lineHeight, size, Double.NaN);
    if (Double.isNaN(line) || line < 0) {
      throw new Unsupported("CSS value '" + lineHeight + "' for 'line-height' in @" + name);
    }
    if (element == null && (content == null || content.isEmpty()) && (edges[0].border() > 0 || edges[1].border() > 0)) {
      // measured, openhtmltopdf paints the border of a box without text too, in a cell its table sizes empty
      throw new Unsupported("a border in @" + name + " without text (openhtmltopdf paints it in an empty cell)");
    }
    if (element != null) {
      if (edges[0] != Edge.NONE || edges[1] != Edge.NONE) {
        throw new Unsupported("a border or padding in @" + name + " around element(): not compared with"
            + " openhtmltopdf");
      }
      if (align != 'm') throw new Unsupported("vertical-align in @" + name + " around element()");
      return new Box(null, element, size, bold, rgb, line, edges[0], edges[1], align);
    }
    return content == null || content.isEmpty() ? null
        : new Box(List.copyOf(content), null, size, bold, rgb, line, edges[0], edges[1], align);
  }

  private static double parse(String number) {
    try {
      return Double.parseDouble(number.endsWith("%") ? number.substring(0, number.length() - 1) : number);
    } catch (NumberFormatException ex) {
      return Double.NaN;
    }
  }

  /** A border-top or border-bottom's width: a length, solid; 0 for none. */
  private static double borderWidth(String name, int side, String value) throws Unsupported {
    if (value == null) return 0;
    double width = Double.NaN;
    boolean solid = false;
    for (String word : value.trim().split("\\s+(?![^(]*\\))")) {
      if (word.equals("none") || word.equals("0")) return 0;
      if (word.equals("solid")) solid = true;
      else if (Character.isDigit(word.charAt(0)) || word.charAt(0) == '.') {
        width = word.endsWith("em") || word.endsWith("%") ? Double.NaN : Styles.points(word, MEDIUM, Double.NaN);
        if (Double.isNaN(width) || width < 0) width = -1;
      } else if (HtmlStyle.color(word) < 0) {
        width = -1;
      }
    }
    if (!solid || Double.isNaN(width) || width < 0) {
      throw new Unsupported("CSS value '" + value + "' for 'border-" + (side == 0 ? "top" : "bottom") + "' in @"
          + name + " (a width, solid and a colour are drawn directly)");
    }
    return width;
  }

  /** A border's colour: the one it names, else the box's own (currentColor). */
  private static int borderColor(String name, int side, String value, int text) throws Unsupported {
    if (value == null) return text;
    for (String word : value.trim().split("\\s+(?![^(]*\\))")) {
      if (word.equals("solid") || Character.isDigit(word.charAt(0)) || word.charAt(0) == '.') continue;
      int c = HtmlStyle.color(word);
      if (c >= 0 && Ops.alpha(c) < 1) {
        throw new Unsupported("CSS value '" + value + "' for 'border-" + (side == 0 ? "top" : "bottom") + "' in @"
            + name + " (a translucent colour is not compared with openhtmltopdf)");
      }
      if (c >= 0) return c;
    }
    return text;
  }

  /** {@code element(name)} alone: a running element's place (its optional first/last argument is not drawn). */
  private static final java.util.regex.Pattern ELEMENT =
      java.util.regex.Pattern.compile("element\\(\\s*([-_a-z][-_a-z0-9]*)\\s*\\)");

  private static Unsupported refused(String name, Map.Entry<String, String> p) {
    return new Unsupported("CSS value '" + p.getValue() + "' for '" + p.getKey() + "' in @" + name);
  }

  /** Strings and page counters; none for {@code none} and {@code normal}, which leave the box empty. */
  private static List<String> content(String name, String value) throws Unsupported {
    List<String> out = pieces(value);
    if (out == null) throw refusedContent(name, value);
    String joined = String.join("", out);
    // white space the margin box would trim or collapse is not ported
    if (joined.startsWith(" ") || joined.endsWith(" ") || joined.contains("  ")) throw refusedContent(name, value);
    return out;
  }

  /**
   * The {@code content} of a {@code ::before} or {@code ::after}: strings and page counters, put into the line
   * as text (its white space collapsed with the text around it); none for {@code none} and {@code normal}.
   */
  static List<String> generated(String value, String where) throws Unsupported {
    List<String> out = pieces(value);
    if (out == null) {
      throw new Unsupported("CSS content '" + value + "' in a " + where + " rule (strings, counter(page) and"
          + " counter(pages) are drawn directly)");
    }
    return out;
  }

  /** The pieces of a {@code content} value, or null when it holds anything but plain strings and page counters. */
  private static List<String> pieces(String value) {
    String v = value.trim();
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.equals("none") || lower.equals("normal")) return List.of();
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < v.length()) {
      char c = v.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"' || c == '\'') {
        int end = v.indexOf(c, i + 1);
        String s = end < 0 ? null : v.substring(i + 1, end);
        // escapes and runs of white space are not ported
        if (s == null || s.indexOf('\\') >= 0 || s.contains("  ") || s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0) {
          return null;
        }
        if (!s.isEmpty()) out.add(s);
        i = end + 1;
      } else {
        int end = v.indexOf(')', i);
        String f = end < 0 ? "" : v.substring(i, end + 1).replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        if (f.equals("counter(page)")) out.add(PAGE);
        else if (f.equals("counter(pages)")) out.add(PAGES);
        else return null;
        i = end + 1;
      }
    }
    return out;
  }

  /** The text of content pieces on page {@code page} of {@code pages}. */
  static String text(List<String> content, int page, int pages) {
    StringBuilder b = new StringBuilder();
    for (String piece : content) {
      b.append(piece == PAGE ? Integer.toString(page) : piece == PAGES ? Integer.toString(pages) : piece);
    }
    return b.toString();
  }

  private static Unsupported refusedContent(String name, String value) {
    return new Unsupported("CSS content '" + value + "' in @" + name + " (strings, counter(page), counter(pages)"
        + " and element() alone are drawn directly)");
  }

  /**
   * What every margin box of page {@code page} of {@code pages} draws: its text, or its running element as
   * {@code flow} lays it out for the page.
   *
   * @param box the page box, {width, height, top, right, bottom, left} in points
   * @param flow the document's flow, which holds its running elements
   * @throws Unsupported when a box's text is wider than its cell (openhtmltopdf would wrap it), or a running element
   *     does not fit its box
   */
  List<Ops> ops(int page, int pages, double[] box, Fonts.Pair fonts, HtmlFlow flow) throws RenderException {
    List<Ops> out = new ArrayList<>(2);
    double content = box[0] - box[3] - box[5];
    for (int edge = 0; edge < 2; edge++) {
      String[] texts = new String[3];
      HtmlPositioned.Running[] elements = new HtmlPositioned.Running[3];
      int filled = 0;
      for (int k = 0; k < 3; k++) {
        Box b = boxes[edge * 3 + k];
        if (b == null) continue;
        if (b.element() == null) {
          texts[k] = b.text(page, pages);
          filled++;
        } else {
          // element() of a name no element runs as leaves the box empty
          elements[k] = flow.positioned.running(b.element(), page, pages);
          if (elements[k] != null) filled++;
        }
      }
      if (filled == 0) continue;
      long contentDots = Math.round(content * HtmlStyle.DOTS_PER_POINT);
      long[] widths;
      if (filled == 1) {
        // a box alone on its edge gets the whole width, whatever it holds (the margin table's one column)
        widths = new long[3];
        for (int k = 0; k < 3; k++) widths[k] = texts[k] != null || elements[k] != null ? contentDots : 0;
        for (int k = 0; k < 3; k++) {
          if (texts[k] != null) fits(edge, k, texts[k], widths[k], fonts);
        }
      } else {
        long[][] measured = new long[3][];
        for (int k = 0; k < 3; k++) {
          Box b = boxes[edge * 3 + k];
          // measured, openhtmltopdf sizes the cells with each page counter as "999" (its layout replacement text),
          // whatever the page's number
          if (texts[k] != null) measured[k] = measure(b.text(999, 999), b.bold() ? fonts.bold() : fonts.regular(), b.size());
          else if (elements[k] != null) measured[k] = flow.positioned.measure(elements[k]);
        }
        widths = cells(measured, contentDots);
        for (int k = 0; k < 3; k++) {
          if (texts[k] != null) fits(edge, k, texts[k], widths[k], fonts);
          else if (elements[k] != null && measured[k][0] > widths[k]) {
            throw new Unsupported("a running element wider than its margin box @" + NAMES[edge * 3 + k]);
          }
        }
      }
      double areaTop = edge == 0 ? 0 : box[1] - box[4];
      double areaHeight = edge == 0 ? box[2] : box[4];
      // openhtmltopdf's page and margins in whole dots, each rounded on its own
      long areaDots = Math.round(areaHeight * HtmlStyle.DOTS_PER_POINT);
      long areaTopDots = edge == 0 ? 0 : Math.round(box[1] * HtmlStyle.DOTS_PER_POINT) - areaDots;
      double x = box[5];
      for (int k = 0; k < 3; k++) {
        double cell = widths[k] / HtmlStyle.DOTS_PER_POINT;
        Box b = boxes[edge * 3 + k];
        if (texts[k] != null) {
          Face face = b.bold() ? fonts.bold() : fonts.regular();
          double w = Text.width(face, texts[k], b.size(), 0);
          double dx = switch (k) {
            case 0 -> 0;
            case 1 -> (cell - w) / 2;
            default -> cell - w;
          };
          double line = (face.ascent + face.descent) * b.size();
          long top = b.top().dots(), bottom = b.bottom().dots();
          // measured: a line taller than a margin box of no padding or border (the base sheet's "Page 1 of 1" under
          // @page { margin: 0 } or 2mm) has its top at the box's top, running out below it (off the page at 0)
          boolean over = Math.max(line, b.lineHeight()) * HtmlStyle.DOTS_PER_POINT > areaDots - top - bottom;
          if (over && (top != 0 || bottom != 0 || b.align() != 'm' || b.lineHeight() > line)) {
            // a line taller than the margin moves the text otherwise there: not ported
            throw new Unsupported("a line of @" + NAMES[edge * 3 + k] + " taller than its margin box");
          }
          if (b.lineHeight() > 0 && b.lineHeight() < line) {
            // measured, a line height under the font's own moves the text down in openhtmltopdf: not ported
            throw new Unsupported("a line-height in @" + NAMES[edge * 3 + k] + " smaller than its font's");
          }
          // centred between border and padding: measured, the text moves by half of them, rounded to the top's side
          double shift = (top - (top + bottom) / 2) / HtmlStyle.DOTS_PER_POINT;
          double baseline = switch (b.align()) {
            case 't' -> (areaTopDots + top) / HtmlStyle.DOTS_PER_POINT + face.ascent * b.size();
            case 'b' -> (areaTopDots + areaDots - bottom) / HtmlStyle.DOTS_PER_POINT - face.descent * b.size();
            default -> over ? areaTop + face.ascent * b.size()
                : areaTop + (areaHeight - line) / 2 + face.ascent * b.size() + shift;
          };
          out.add(new Ops.Text(x + dx, baseline, b.bold(), b.size(), b.rgb(), 0, texts[k]));
          // the borders across the cell, at the margin's edges in openhtmltopdf's whole dots
          long cellFrom = Math.round(x * HtmlStyle.DOTS_PER_POINT);
          if (b.top().border() > 0) {
            out.add(rect(cellFrom, widths[k], areaTopDots, Math.round(b.top().border() * HtmlStyle.DOTS_PER_POINT),
                b.top().rgb()));
          }
          if (b.bottom().border() > 0) {
            long bw = Math.round(b.bottom().border() * HtmlStyle.DOTS_PER_POINT);
            out.add(rect(cellFrom, widths[k], areaTopDots + areaDots - bw, bw, b.bottom().rgb()));
          }
        } else if (elements[k] != null) {
          HtmlFlow.Box laid = flow.positioned.layOut(elements[k], cell);
          if (laid.height() > areaHeight + 0.01) {
            throw new Unsupported("a running element taller than the page margin it is shown in");
          }
          // centred in the margin's height, as openhtmltopdf's margin boxes align by default
          double dy = areaTop + middle(areaHeight, laid.height());
          for (Ops op : laid.ops()) out.add(op.moved(x, dy));
        }
        x += cell;
      }
    }
    return out;
  }

  private static Ops rect(long x, long w, long y, long h, int rgb) {
    double d = HtmlStyle.DOTS_PER_POINT;
    return new Ops.Rect(x / d, y / d, w / d, h / d, rgb);
  }

  /** The offset that centres {@code content} in {@code area}, in openhtmltopdf's whole dots. */
  private static double middle(double area, double content) {
    long a = Math.round(area * HtmlStyle.DOTS_PER_POINT);
    long c = Math.round(content * HtmlStyle.DOTS_PER_POINT);
    return (a - c) / 2 / HtmlStyle.DOTS_PER_POINT;
  }

  /**
   * Throws when a box's text is wider than its cell: openhtmltopdf would wrap it. Measured, it breaks the line with
   * each page counter as "999" too (its layout text), then prints the page's numbers on the lines so broken:
   * "Seite 1 von 2" in a cell narrower than "Seite 999 von 999" prints "Seite 1 von" above "2".
   */
  private void fits(int edge, int k, String text, long width, Fonts.Pair fonts) throws Unsupported {
    Box b = boxes[edge * 3 + k];
    Face face = b.bold() ? fonts.bold() : fonts.regular();
    if (measure(text, face, b.size())[1] > width || measure(b.text(999, 999), face, b.size())[1] > width) {
      throw new Unsupported("the text of @" + NAMES[edge * 3 + k] + " wider than its margin box");
    }
  }

  /** A column of the margin table: openhtmltopdf's AutoTableLayout.Layout, which two columns may share. */
  private static final class Column {
    long min;
    long max;
    long calc;
  }

  /**
   * The widths in dots of an edge's three cells, as openhtmltopdf's MarginTableLayout gives them: automatic table
   * layout with no minimum column width, where, when the centre cell has content, the side columns become one
   * (the one of the wider minimum, or one with the larger of both) before the width is shared out.
   */
  private static long[] cells(long[][] measured, long tableWidth) {
    Column[] columns = new Column[3];
    for (int k = 0; k < 3; k++) {
      columns[k] = new Column();
      long[] mm = measured[k];
      if (mm == null) continue;
      columns[k].min = mm[0];
      columns[k].max = Math.max(mm[1], mm[0]);
    }
    if (columns[1].max != 0) {
      if (columns[0].min > columns[2].min) {
        columns[2] = columns[0];
      } else if (columns[2].min > columns[0].min) {
        columns[0] = columns[2];
      } else {
        Column shared = new Column();
        shared.min = Math.max(columns[0].min, columns[2].min);
        shared.max = Math.max(columns[0].max, columns[2].max);
        columns[0] = shared;
        columns[2] = shared;
      }
    }
    long available = tableWidth;
    long totalVariable = 0;
    long allocVariable = 0;
    for (Column c : columns) {
      c.calc = c.min;
      available -= c.min;
      totalVariable += c.max;
      allocVariable += c.min;
    }
    if (available > 0) {
      available += allocVariable;
      for (Column c : columns) {
        if (totalVariable == 0) continue;
        long w = Math.max(c.calc, available * c.max / totalVariable);
        available -= w;
        totalVariable -= c.max;
        c.calc = w;
      }
    }
    if (available > 0) {
      long total = 3;
      for (int i = 2; i >= 0; i--) {
        long w = available / total;
        available -= w;
        total--;
        columns[i].calc += w;
      }
    }
    if (available < 0) {
      long mw = 0;
      for (int i = 2; i >= 0; i--) mw += columns[i].calc - columns[i].min;
      for (int i = 2; i >= 0 && mw > 0; i--) {
        long diff = columns[i].calc - columns[i].min;
        long reduce = available * diff / mw;
        columns[i].calc += reduce;
        available -= reduce;
        mw -= diff;
        if (available >= 0) break;
      }
    }
    long[] widths = new long[3];
    for (int k = 0; k < 3; k++) widths[k] = columns[k].calc;
    return widths;
  }

  /**
   * {widest unbreakable piece, the whole text} in dots, as openhtmltopdf measures a cell's text: piece by piece
   * where its line breaker may break (see {@link #breaks}), each in whole dots.
   */
  private static long[] measure(String text, Face face, double size) throws Unsupported {
    // openhtmltopdf's breaker treats "://" apart (a URL's slashes): not ported
    if (text.contains("://")) throw new Unsupported("a URL in the text of a margin box");
    long[] out = new long[2];
    float dots = Math.round(size * HtmlStyle.DOTS_PER_POINT);
    int last = 0;
    for (int end : breaks(text)) {
      long w = HtmlFlow.textDots(face, text.substring(last, end), dots);
      out[0] = Math.max(out[0], w);
      out[1] += w;
      last = end;
    }
    return out;
  }

  /** The characters after which openhtmltopdf's UrlAwareLineBreakIterator does not look for a slash. */
  private static final String BREAKING = ".,:;!?- \n\r\t/";

  /**
   * Where openhtmltopdf's line breaker (UrlAwareLineBreakIterator over the JDK's line BreakIterator) ends the
   * pieces of a text: at the JDK's breaks (after a space, after a hyphen inside a word, ...), and before each slash
   * inside a piece, not counting breaking characters at its edges (the "/" of " / " is a piece of its own).
   */
  private static List<Integer> breaks(String text) {
    java.text.BreakIterator lines = java.text.BreakIterator.getLineInstance(java.util.Locale.ROOT);
    lines.setText(text);
    List<Integer> ends = new ArrayList<>();
    int from = lines.first();
    for (int to = lines.next(); to != java.text.BreakIterator.DONE; from = to, to = lines.next()) {
      int a = from, b = to;
      while (b > a && BREAKING.indexOf(text.charAt(b - 1)) >= 0) b--;
      while (true) {
        while (a < b && BREAKING.indexOf(text.charAt(a)) >= 0) a++;
        int slash = text.indexOf('/', a);
        if (slash < 0 || slash >= b) break;
        ends.add(slash);
        a = slash;
      }
      ends.add(to);
    }
    return ends;
  }

}
