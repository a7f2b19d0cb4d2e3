package dev.platen.render.direct;

import dev.platen.render.Css;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * The computed style of one element of an HTML layout, as far as the direct path draws it: openhtmltopdf's own
 * defaults for the elements of the subset (its XhtmlNamespaceHandler.css), then the style sheets' rules by
 * specificity and order, then the {@code style} attribute, with inheritance of text properties from the parent.
 * Lengths are resolved to points. A declaration outside the subset sets {@link #unsupported} to a reason naming
 * it and the element, e.g. {@code CSS property 'float' on div.note}.
 */
final class HtmlStyle {
  /** Border sides, in CSS order. */
  static final int TOP = 0, RIGHT = 1, BOTTOM = 2, LEFT = 3;

  double size = Styles.BODY_SIZE;
  boolean bold;
  int rgb = Styles.TEXT_RGB;
  String align = "left";
  /** Line height as a factor of the font size, or NaN when {@link #lineHeight} is absolute. */
  double lineFactor = Styles.LINE_HEIGHT;
  double lineHeightPt = Double.NaN;
  boolean breakWord;
  /** white-space: nowrap (inherited): text on one line but at {@code <br>}. */
  boolean nowrap;

  final double[] margin = new double[4];
  final double[] padding = new double[4];
  final double[] border = new double[4];
  final int[] borderRgb = {-1, -1, -1, -1}; // -1: the element's colour
  final boolean[] borderSolid = new boolean[4];
  /** Sides still drawn in <hr>'s default inset style, whose shades only the HTML engine computes. */
  private final boolean[] inset = new boolean[4];
  private final boolean[] insetLeft = new boolean[4];
  int background = -1;
  String width;
  String height;
  String verticalAlign = "baseline";
  boolean hidden;
  boolean breakBefore;
  boolean breakAfter;
  boolean avoidInside;
  boolean collapse;
  double spacing;
  boolean fixed;
  boolean paginate;
  /** The target of the link this text is in ({@code <a href>}, inherited by what is inside it), or null. */
  String href;
  /** A link's default underline, still on: the direct path draws no underline, so it must be turned off. */
  private boolean underline;

  String unsupported;

  double lineHeight() {
    return dots(Double.isNaN(lineFactor) ? lineHeightPt : lineFactor * size);
  }

  /** openhtmltopdf lays out in whole dots of 1/20 px (3/80 pt): lengths are rounded to them, as it rounds. */
  static final double DOTS_PER_POINT = 80.0 / 3;

  static double dots(double pt) {
    return Math.round(pt * DOTS_PER_POINT) / DOTS_PER_POINT;
  }

  /** The drawn width of a border side: zero unless its style is solid. */
  double border(int side) {
    return borderSolid[side] ? border[side] : 0;
  }

  int borderRgb(int side) {
    return borderRgb[side] < 0 ? rgb : borderRgb[side];
  }

  boolean decorated(boolean printBackground) {
    return border(TOP) > 0 || border(RIGHT) > 0 || border(BOTTOM) > 0 || border(LEFT) > 0
        || printBackground && background >= 0;
  }

  /** Elements and how the direct path lays them out. */
  static final Set<String> BLOCKS = Set.of("div", "p", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "header",
      "footer", "article", "main", "address", "body");
  static final Set<String> INLINE = Set.of("span", "b", "strong", "i", "em", "br", "font", "a");
  /** Elements both engines drop before layout (HtmlLayout removes them); seen only when checking a template. */
  static final Set<String> DROPPED = Set.of("meta", "link", "script", "noscript", "base");
  static final Set<String> TABLE = Set.of("table", "thead", "tbody", "tfoot", "tr", "th", "td");

  /** The root: the body's inherited text style from the documents' base sheet. */
  static HtmlStyle root() {
    return new HtmlStyle();
  }

  /** A child's style before its own rules: inherited properties copied, the rest initial. */
  private HtmlStyle inherit() {
    HtmlStyle s = new HtmlStyle();
    s.size = size;
    s.bold = bold;
    s.rgb = rgb;
    s.align = align;
    s.lineFactor = lineFactor;
    s.lineHeightPt = lineHeightPt;
    s.breakWord = breakWord;
    s.nowrap = nowrap;
    s.collapse = collapse;
    s.spacing = spacing;
    // td and th inherit vertical-align from tr, which inherits it from the row group (middle)
    s.verticalAlign = verticalAlign;
    s.href = href;
    return s;
  }

  /**
   * The computed style of {@code e}, a child of an element styled {@code parent}.
   *
   * @param sheets base sheet first, then the author's, in cascade order
   */
  static HtmlStyle of(Element e, HtmlStyle parent, List<HtmlCss.Sheet> sheets) {
    HtmlStyle s = parent.inherit();
    String tag = e.normalName();
    if (!tag.equals("td") && !tag.equals("th") && !tag.equals("tr")) s.verticalAlign = "baseline";
    List<HtmlCss.Declaration> declared = new ArrayList<>();
    defaults(tag, e, declared);
    if (tag.equals("a") && !e.attr("href").isBlank()) s.href = uri(e.attr("href").trim());
    List<HtmlCss.Rule> matched = new ArrayList<>();
    for (HtmlCss.Sheet sheet : sheets) {
      for (HtmlCss.Rule rule : sheet.rules()) {
        if (rule.selector().matches(e)) matched.add(rule);
      }
    }
    matched.sort(Comparator.comparingInt((HtmlCss.Rule r) -> r.selector().specificity())
        .thenComparingInt(HtmlCss.Rule::order));
    for (HtmlCss.Rule rule : matched) {
      if (rule.selector().unsupported() != null && s.unsupported == null && !rule.declarations().isEmpty()) {
        s.unsupported = "CSS selector '" + rule.selector().unsupported() + "' on " + describe(e);
      }
      declared.addAll(rule.declarations());
    }
    if (e.hasAttr("style")) declared.addAll(HtmlCss.declarations(e.attr("style")));
    // font-size first: the other lengths in em are of the element's own size
    for (HtmlCss.Declaration d : declared) {
      if (d.name().equals("font-size")) s.fontSize(d.value(), parent.size, e);
    }
    for (HtmlCss.Declaration d : declared) {
      if (d.important() && s.unsupported == null) s.unsupported = "CSS !important on " + describe(e);
      if (!d.name().equals("font-size")) s.apply(d.name(), d.value(), e);
    }
    if (s.underline) s.refuse("the underline of a link (give it text-decoration: none)", e);
    for (int side = 0; side < 4; side++) {
      if (s.insetLeft[side] && s.border[side] > 0) s.refuse("the default inset border of <hr> (give it a solid one)", e);
    }
    return s;
  }

  /** The link target if it is a URI: openhtmltopdf makes no link of anything else (a space, say). */
  private static String uri(String href) {
    try {
      new java.net.URI(href);
      return href;
    } catch (java.net.URISyntaxException ex) {
      return null;
    }
  }

  /** openhtmltopdf's user-agent rules for the elements of the subset (XhtmlNamespaceHandler.css). */
  private static void defaults(String tag, Element e, List<HtmlCss.Declaration> out) {
    switch (tag) {
      case "p" -> out.add(new HtmlCss.Declaration("margin", "1.12em 0", false));
      case "h1" -> out.add(new HtmlCss.Declaration("margin", ".67em 0", false));
      case "h2" -> out.add(new HtmlCss.Declaration("margin", ".75em 0", false));
      case "h3" -> out.add(new HtmlCss.Declaration("margin", ".83em 0", false));
      case "h4" -> out.add(new HtmlCss.Declaration("margin", "1.12em 0", false));
      case "h5" -> out.add(new HtmlCss.Declaration("margin", "1.5em 0", false));
      case "h6" -> out.add(new HtmlCss.Declaration("margin", "1.67em 0", false));
      case "table" -> out.add(new HtmlCss.Declaration("border-spacing", "2px", false));
      // openhtmltopdf: hr { border: 1px inset; margin: 0.5em auto } (auto side margins are 0 at full width)
      case "hr" -> {
        out.add(new HtmlCss.Declaration("margin", "0.5em 0", false));
        out.add(new HtmlCss.Declaration("border", "1px inset", false));
      }
      case "thead", "tbody", "tfoot" -> out.add(new HtmlCss.Declaration("vertical-align", "middle", false));
      // openhtmltopdf: a { color: #0000ff } a:link, a:visited { text-decoration: underline } (a link has an href)
      case "a" -> {
        out.add(new HtmlCss.Declaration("color", "#0000ff", false));
        if (e.hasAttr("href")) out.add(new HtmlCss.Declaration("text-decoration", "underline", false));
      }
      case "td" -> out.add(new HtmlCss.Declaration("padding", "1px", false));
      case "th" -> {
        out.add(new HtmlCss.Declaration("padding", "1px", false));
        out.add(new HtmlCss.Declaration("font-weight", "bold", false));
      }
      default -> {}
    }
    if (isHeading(tag) || tag.equals("b") || tag.equals("strong")) {
      out.add(new HtmlCss.Declaration("font-weight", "bold", false));
    }
  }

  static boolean isHeading(String tag) {
    return tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6';
  }

  static String describe(Element e) {
    StringBuilder d = new StringBuilder(e.normalName());
    if (!e.id().isEmpty()) d.append('#').append(e.id());
    for (String c : e.classNames()) {
      d.append('.').append(c);
      break;
    }
    return d.toString();
  }

  private void refuse(String what, Element e) {
    if (unsupported == null) unsupported = what + " on " + describe(e);
  }

  private void fontSize(String value, double parentSize, Element e) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    double pt = v.endsWith("%") ? Styles.points(v, parentSize, parentSize) : Styles.points(length(v), parentSize,
        Double.NaN);
    if (Double.isNaN(pt) || pt <= 0) refuse("CSS value '" + value + "' for 'font-size'", e);
    else size = pt;
  }

  private static String length(String v) {
    String l = Css.length(v);
    return l == null ? v : l;
  }

  /** A length in points, em of this element's font size; NaN when it is not one this path resolves. */
  private double points(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    if (s.equals("0")) return 0;
    if (s.endsWith("%") || s.equals("auto")) return Double.NaN;
    double pt = Styles.points(s, size, Double.NaN);
    return pt < 0 ? Double.NaN : dots(pt);
  }

  private void apply(String name, String value, Element e) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("inherit") || v.equals("initial") || v.equals("unset")) {
      refuse("CSS value '" + value + "' for '" + name + "'", e);
      return;
    }
    switch (name) {
      case "color" -> {
        int c = color(v);
        if (c < 0) refuse("CSS colour '" + value + "'", e);
        else rgb = c;
      }
      case "background-color", "background" -> {
        int c = v.equals("transparent") || v.equals("none") ? -1 : color(v);
        if (c == -2 || c < -1) refuse("CSS value '" + value + "' for '" + name + "'", e);
        else background = c;
      }
      case "font-weight" -> {
        switch (v) {
          case "bold", "bolder", "600", "700", "800", "900" -> bold = true;
          case "normal", "lighter", "100", "200", "300", "400", "500" -> bold = false;
          default -> refuse("CSS value '" + value + "' for 'font-weight'", e);
        }
      }
      case "font-style" -> {
        // no oblique face is bundled: both engines set italic text upright in DejaVu Sans
        if (!v.equals("normal") && !v.equals("italic") && !v.equals("oblique")) refuse("CSS value '" + value
            + "' for 'font-style'", e);
      }
      case "font-family" -> {
        for (String f : v.split(",")) {
          String family = f.trim().replace("'", "").replace("\"", "");
          if (!family.equals("dejavu sans") && !family.equals("sans-serif") && !family.equals("serif")
              && !family.equals("droid sans fallback")) {
            refuse("CSS font-family '" + f.trim() + "' (only DejaVu Sans is bundled)", e);
            return;
          }
        }
      }
      case "text-align" -> {
        switch (v) {
          case "left", "start" -> align = "left";
          case "right", "end" -> align = "right";
          case "center" -> align = "center";
          default -> refuse("CSS value '" + value + "' for 'text-align'", e);
        }
      }
      case "line-height" -> {
        if (v.matches("\\d+(\\.\\d+)?")) {
          lineFactor = Double.parseDouble(v);
        } else if (v.endsWith("%") && v.matches("\\d+(\\.\\d+)?%")) {
          lineFactor = Double.NaN;
          lineHeightPt = Double.parseDouble(v.substring(0, v.length() - 1)) * size / 100;
        } else {
          double pt = points(v);
          if (Double.isNaN(pt)) refuse("CSS value '" + value + "' for 'line-height'", e);
          else {
            lineFactor = Double.NaN;
            lineHeightPt = pt;
          }
        }
      }
      case "margin", "padding" -> {
        double[] box = name.equals("margin") ? margin : padding;
        String[] parts = v.split("\\s+");
        if (parts.length > 4) {
          refuse("CSS value '" + value + "' for '" + name + "'", e);
          return;
        }
        double[] pts = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
          pts[i] = points(parts[i]);
          if (Double.isNaN(pts[i])) {
            refuse("CSS value '" + value + "' for '" + name + "'", e);
            return;
          }
        }
        int n = pts.length;
        box[TOP] = pts[0];
        box[RIGHT] = n > 1 ? pts[1] : pts[0];
        box[BOTTOM] = n > 2 ? pts[2] : pts[0];
        box[LEFT] = n > 3 ? pts[3] : n > 1 ? pts[1] : pts[0];
      }
      case "margin-top", "margin-right", "margin-bottom", "margin-left", "padding-top", "padding-right",
          "padding-bottom", "padding-left" -> {
        double pt = points(v);
        if (Double.isNaN(pt)) {
          refuse("CSS value '" + value + "' for '" + name + "'", e);
          return;
        }
        (name.startsWith("margin") ? margin : padding)[side(name.substring(name.indexOf('-') + 1))] = pt;
      }
      case "border" -> {
        for (int i = 0; i < 4; i++) border(i, v, value, name, e);
      }
      case "border-top", "border-right", "border-bottom", "border-left" ->
          border(side(name.substring(7)), v, value, name, e);
      case "border-width", "border-color", "border-style" -> {
        String[] parts = v.split("\\s+");
        if (parts.length != 1) {
          refuse("CSS value '" + value + "' for '" + name + "'", e);
          return;
        }
        for (int i = 0; i < 4; i++) border(i, v, value, name, e);
      }
      case "border-top-width", "border-right-width", "border-bottom-width", "border-left-width",
          "border-top-color", "border-right-color", "border-bottom-color", "border-left-color",
          "border-top-style", "border-right-style", "border-bottom-style", "border-left-style" ->
          border(side(name.split("-")[1]), v, value, name, e);
      case "width" -> width = v.equals("auto") ? null : v;
      case "height" -> {
        if (!e.normalName().equals("img") && !v.equals("auto")) refuse("CSS property 'height'", e);
        else height = v.equals("auto") ? null : v;
      }
      case "vertical-align" -> {
        switch (v) {
          case "top", "middle", "bottom", "baseline" -> verticalAlign = v;
          default -> refuse("CSS value '" + value + "' for 'vertical-align'", e);
        }
      }
      case "display" -> {
        if (v.equals("none")) hidden = true;
        else if (!v.equals(naturalDisplay(e.normalName()))) refuse("CSS display '" + value + "'", e);
      }
      case "page-break-before", "break-before" -> breakBefore = pageBreak(v, value, name, e);
      case "page-break-after", "break-after" -> breakAfter = pageBreak(v, value, name, e);
      case "page-break-inside", "break-inside" -> {
        switch (v) {
          case "avoid" -> avoidInside = true;
          case "auto" -> avoidInside = false;
          default -> refuse("CSS value '" + value + "' for '" + name + "'", e);
        }
      }
      case "border-collapse" -> {
        switch (v) {
          case "separate" -> collapse = false;
          case "collapse" -> collapse = true;
          default -> refuse("CSS value '" + value + "' for 'border-collapse'", e);
        }
      }
      case "border-spacing" -> {
        double pt = points(v);
        if (Double.isNaN(pt)) refuse("CSS value '" + value + "' for 'border-spacing'", e);
        else spacing = pt;
      }
      case "table-layout" -> fixed = v.equals("fixed");
      case "-fs-table-paginate" -> paginate = v.equals("paginate");
      case "white-space" -> {
        switch (v) {
          case "normal" -> nowrap = false;
          case "nowrap" -> nowrap = true;
          default -> refuse("CSS value '" + value + "' for 'white-space'", e);
        }
      }
      case "word-wrap", "overflow-wrap" -> breakWord = v.equals("break-word") || v.equals("anywhere");
      case "text-decoration" -> {
        if (v.equals("none")) underline = false;
        else if (v.equals("underline") && e.normalName().equals("a")) underline = true; // openhtmltopdf's default
        else refuse("CSS text-decoration '" + value + "'", e);
      }
      default -> refuse("CSS property '" + name + "'", e);
    }
  }

  /** What the element is without a display declaration; declaring exactly that changes nothing. */
  private static String naturalDisplay(String tag) {
    return switch (tag) {
      case "table" -> "table";
      case "tr" -> "table-row";
      case "td", "th" -> "table-cell";
      case "thead" -> "table-header-group";
      case "tbody" -> "table-row-group";
      case "tfoot" -> "table-footer-group";
      case "span", "b", "strong", "i", "em", "font", "a" -> "inline";
      case "img" -> "inline-block";
      default -> "block";
    };
  }

  private boolean pageBreak(String v, String value, String name, Element e) {
    switch (v) {
      case "always", "page" -> {
        return true;
      }
      case "auto" -> {
        return false;
      }
      case "avoid" -> {
        // openhtmltopdf keeps headings with what follows only loosely; the canvas path ignores it the same way
        if (name.endsWith("after") && isHeading(e.normalName())) return false;
        refuse("CSS value '" + value + "' for '" + name + "'", e);
        return false;
      }
      default -> {
        refuse("CSS value '" + value + "' for '" + name + "'", e);
        return false;
      }
    }
  }

  private static int side(String name) {
    return switch (name) {
      case "top" -> TOP;
      case "right" -> RIGHT;
      case "bottom" -> BOTTOM;
      default -> LEFT;
    };
  }

  /** A border shorthand, or one of its longhands (by {@code name}), applied to one side. */
  private void border(int side, String v, String value, String name, Element e) {
    boolean all = name.equals("border") || name.matches("border-(top|right|bottom|left)");
    boolean sawWidth = false, sawStyle = false, sawColor = false;
    for (String part : v.split("\\s+")) {
      if (part.isEmpty()) continue;
      if (part.equals("none") || part.equals("hidden")) {
        borderSolid[side] = false;
        insetLeft[side] = false;
        sawStyle = true;
      } else if (part.equals("solid")) {
        borderSolid[side] = true;
        insetLeft[side] = false;
        sawStyle = true;
      } else if (part.equals("inset") && e.normalName().equals("hr") && !inset[side]) {
        inset[side] = true; // the default of <hr>: fine once the author's border replaces it
        insetLeft[side] = true;
        borderSolid[side] = false;
        sawStyle = true;
      } else if (part.matches("dashed|dotted|double|groove|ridge|inset|outset")) {
        refuse("CSS border style '" + part + "'", e);
        return;
      } else if (part.matches("thin|medium|thick") || Character.isDigit(part.charAt(0)) || part.charAt(0) == '.') {
        double pt = switch (part) {
          case "thin" -> 1 * Styles.PX;
          case "medium" -> 3 * Styles.PX;
          case "thick" -> 5 * Styles.PX;
          default -> points(part);
        };
        pt = dots(pt);
        if (Double.isNaN(pt)) {
          refuse("CSS value '" + value + "' for '" + name + "'", e);
          return;
        }
        border[side] = pt;
        sawWidth = true;
      } else {
        int c = color(part);
        if (c < 0) {
          refuse("CSS value '" + value + "' for '" + name + "'", e);
          return;
        }
        borderRgb[side] = c;
        sawColor = true;
      }
    }
    if (all && !sawWidth) border[side] = 3 * Styles.PX; // the shorthand resets the width to medium
    if (all && !sawStyle) borderSolid[side] = false;
    if (all && !sawColor) borderRgb[side] = -1;
  }

  /** 0xRRGGBB, or -2 for anything but hex, rgb() without alpha and the few names the direct path knows. */
  static int color(String v) {
    String c = v.trim().toLowerCase(Locale.ROOT);
    if (c.startsWith("rgb(") && c.endsWith(")")) {
      String[] parts = c.substring(4, c.length() - 1).split(",");
      if (parts.length != 3) return -2;
      int rgb = 0;
      for (String p : parts) {
        try {
          int n = Integer.parseInt(p.trim());
          if (n < 0 || n > 255) return -2;
          rgb = rgb << 8 | n;
        } catch (NumberFormatException ex) {
          return -2;
        }
      }
      return rgb;
    }
    if (c.startsWith("#") && c.length() != 4 && c.length() != 7) return -2;
    if (c.startsWith("#") && !c.substring(1).matches("\\p{XDigit}+")) return -2;
    int rgb = Styles.rgb(tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(c));
    return rgb < 0 ? -2 : rgb;
  }
}
