package dev.platen.render.direct;

import dev.platen.render.Css;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  /**
   * The html element's font size, what {@code rem} is of (openhtmltopdf's LengthValue reads the root element's
   * style): medium, 16px, unless the style sheet sizes the html element ({@code html { font-size: 62.5% }}).
   */
  double rootSize = MEDIUM;
  static final double MEDIUM = 16 * Styles.PX;
  boolean bold;
  /**
   * Set in openhtmltopdf's built-in Courier (a family list whose first family openhtmltopdf knows is one of its
   * names for it, such as {@code monospace}), not in the bundled DejaVu Sans.
   */
  boolean mono;
  /** font-style italic or oblique: drawn upright in DejaVu Sans, but openhtmltopdf has a Courier-Oblique. */
  boolean italic;
  int rgb = Styles.TEXT_RGB;
  String align = "left";
  /** Line height as a factor of the font size, or NaN when {@link #lineHeight} is absolute. */
  double lineFactor = Styles.LINE_HEIGHT;
  double lineHeightPt = Double.NaN;
  /** line-height: normal (inherited as the keyword, so each element computes it from its own font). */
  boolean lineNormal;
  boolean breakWord;
  /** text-transform: 'u' upper case, 'l' lower case, 'c' capitalize, 0 none. */
  char transform;
  /** font-variant: small-caps (inherited), which openhtmltopdf draws as upper case of the same size. */
  boolean smallCaps;
  /** box-sizing: border-box, a block's width then counts its padding and border. */
  boolean borderBox;
  /** white-space: nowrap (inherited): text on one line but at {@code <br>}. */
  boolean nowrap;
  /** white-space: pre-line or pre-wrap (inherited): a newline in the text breaks the line, as a {@code <br>}. */
  boolean keepNewlines;
  /** white-space: pre-wrap (inherited): spaces kept, drawn only where one space is what normal white space makes. */
  boolean keepSpaces;

  final double[] margin = new double[4];
  final double[] padding = new double[4];
  /** Margins that are a percentage of the containing block's width, on any side (NaN: none), blocks only. */
  final double[] marginPercent = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
  /** Sides whose margin is auto, blocks only: left and right share what a narrower box leaves, top and bottom are 0. */
  final boolean[] autoMargin = new boolean[4];
  String maxWidth;
  /** Only on an image, a length (HtmlFlow.imageSize). */
  String maxHeight;
  /** min-width on a block, or null: applied before max-width, as openhtmltopdf applies them (measured). */
  String minWidth;
  final double[] border = new double[4];
  final int[] borderRgb = {-1, -1, -1, -1}; // -1: the element's colour
  final boolean[] borderSolid = new boolean[4];
  /** A drawn side's style other than solid: {@link #DASHED}, {@link #DOTTED}, {@link #DOUBLE}, or 0 (solid). */
  final char[] borderKind = new char[4];
  static final char DASHED = '-', DOTTED = '.', DOUBLE = '=';
  /** Sides still drawn in <hr>'s default inset style, drawn in its shades once the cascade is done. */
  private final boolean[] inset = new boolean[4];
  private final boolean[] insetLeft = new boolean[4];
  /** Sides in a style not drawn here ({@code inset} but on {@code <hr>}, {@code groove}, …), null if none. */
  private final String[] undrawn = new String[4];
  int background = -1;
  String width;
  String height;
  /** min-height in points on a block (NaN: none), of the box its box-sizing names. */
  double minHeight = Double.NaN;
  /**
   * height in points on a block, a table cell or a row (NaN: auto), of the box its box-sizing names on a block, the
   * least height of the row on a cell or row: content no taller than it is drawn as under min-height, taller content is refused
   * when the document is laid out (openhtmltopdf lets it overflow the box).
   */
  double boxHeight = Double.NaN;
  /** The {@code height} declared on the html or body element (a length or a %), null when auto. */
  String rootHeight;
  /** A {@code height} in % of the parent's, resolved once the parent is known ({@link #of}); NaN when none. */
  private double percentHeight = Double.NaN;
  private String percentHeightValue;
  String verticalAlign = "baseline";
  /** display: block on an inline element (not inherited): laid out as a {@code div}. */
  boolean displayBlock;
  /** border-radius in points, one for all corners (0: square). */
  double radius;
  /**
   * Corner radii in points, clockwise from the top left, where they differ (a callout's {@code border-radius: 0 6px
   * 6px 0}), else null; {@link #radius} is then the largest, so every rounded path sees a rounded box.
   */
  double[] corners;
  /** A border-radius of 50% or more as written, when it is one: resolved in {@link #of}, where the box's size is known. */
  private String radiusHalf;
  /** display: inline-block on an inline element (not inherited): one line of text in a box of its own height. */
  boolean inlineBlock;
  /** display: inline-block on a div (not inherited): a box of blocks on a line, HtmlFlow.inlineBlocks. */
  boolean blockInline;
  /** list-style-position: inside (inherited). */
  boolean markerInside;

  /**
   * {@code table}, {@code table-row} or {@code table-cell} when a div's style makes it one, else null: still
   * refused here, HtmlDisplayTables renames such divs to the table elements before layout where it can.
   */
  String tableDisplay;
  /**
   * {@code display: inline} on a block HtmlDisplayInline renames to a span (still refused here, where it stands as
   * the block).
   */
  boolean inlineDisplay;
  boolean hidden;
  boolean breakBefore;
  boolean breakAfter;
  boolean avoidInside;
  /** page-break-before: avoid, judged where the box is laid out (HtmlFlow.children). */
  boolean avoidBreakBefore;
  /**
   * page-break-after: avoid on a heading, which openhtmltopdf's document sheet gives h1–h6 (DocumentCss) unless the
   * author sets another value: the heading then moves to the next page with the first line of what follows it.
   */
  boolean keepWithNext;
  /** {@code page-break-after: avoid} on a block other than a heading: drawn only where nothing follows it. */
  boolean avoidAfter;
  boolean collapse;
  double spacing;
  /** The vertical border-spacing, above every row and below the last ({@link #spacing} is the horizontal). */
  double rowSpacing;
  boolean fixed;
  boolean paginate;
  /** {@code float: left|right}, or null: drawn only as a row of floats with widths (HtmlFlow.floats). */
  String floating;
  /** {@code clear: both|left|right}, or null. */
  String clear;
  /** {@code overflow: hidden|auto}: a block formatting context, which holds its floats and its children's margins. */
  boolean contains;
  /** Below a box of {@code overflow: hidden|auto}, which clips what overflows it. */
  boolean underClip;
  /**
   * {@code overflow: auto}: measured, openhtmltopdf keeps a first child's top margin in such a box, as in one with
   * {@code overflow: hidden}, but lets the last child's bottom margin out and holds no floats.
   */
  boolean overflowAuto;
  /**
   * A clearfix: an empty {@code ::after} block with {@code clear: both} ({@code .row::after { content: "";
   * display: block; clear: both }}), which holds the element's floats as openhtmltopdf clears them.
   */
  boolean clearfix;
  /**
   * An empty table generated before or after the element's content (Bootstrap 3's clearfix, {@code content: " ";
   * display: table}): nothing drawn, but margins do not meet across it (measured: a first paragraph's top margin
   * stays inside), and it clears no float.
   */
  boolean tableBefore;
  boolean tableAfter;
  /** The target of the link this text is in ({@code <a href>}, inherited by what is inside it), or null. */
  String href;
  /** Why the element's own font-family is not drawn here (a list without a bundled family), or null. */
  private String unbundled;
  /** This element's own text-decoration: underline and line-through (overline is refused). */
  private boolean underline;
  private boolean lineThrough;
  /**
   * letter-spacing in points (inherited as a length: an em is of the declaring element's size), in whole dots as
   * openhtmltopdf rounds it; added after every character, spaces too, as its JustificationInfo draws it.
   */
  double letterSpacing;
  /**
   * The first line's indent in points (text-indent, inherited), a length of zero or more: laid out as openhtmltopdf's
   * InlineBoxing takes it, off the first line's room and before its text (HtmlFlow.paragraph).
   */
  double textIndent;

  /**
   * A line drawn over the text of an inline element and everything inside it: openhtmltopdf draws one per
   * decorated inline box, from the element's own colour and font, across the box's text on each line.
   *
   * @param through line-through rather than underline
   * @param size the decorating element's font size, which sets the line's offset and thickness
   */
  record Decoration(boolean through, int rgb, double size, boolean bold) {}

  /** The decorations of the inline elements this text is in, outermost first. */
  List<Decoration> decorations = List.of();

  /**
   * {@code position: running(name)}: the element leaves the flow and is shown in the {@code @page} margin boxes
   * whose content is {@code element(name)} (HtmlPositioned keeps it, HtmlMargins places it); null when not running.
   */
  String running;
  /** {@code position: fixed}: the element leaves the flow and is drawn on every page (HtmlPositioned.fixed). */
  boolean positionFixed;
  /**
   * {@code position: relative}: a block drawn shifted by its offsets, the flow unchanged (HtmlFlow.block), and the
   * containing block of the absolute boxes inside it; on an inline element nothing (openhtmltopdf, measured, draws
   * a relative span where it stands, offsets or not).
   */
  boolean relative;
  /**
   * {@code position: absolute}: the element leaves the flow and is placed in its containing block
   * (HtmlPositioned).
   */
  boolean absolute;
  /** {@code transform: rotate(…deg)} in degrees, clockwise as CSS turns it (0: none); drawn on absolute boxes. */
  double rotate;
  /** {@code top}, {@code right}, {@code bottom}, {@code left} in points (NaN: auto): of positioned elements. */
  final double[] offsets = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
  /**
   * The generated content of the element's {@code ::before} and {@code ::after}: strings and the page counters
   * ({@link HtmlMargins#PAGE}, {@link HtmlMargins#PAGES}), or null for none. Drawn only in running elements.
   */
  List<String> before;
  List<String> after;

  /** list-style-type: none, disc, square or decimal (inherited, as in CSS). */
  String listStyle = "disc";

  String unsupported;
  /** Whether font-size is a keyword here (sizeKeyword) or in the parent (parentKeyword, for smaller and larger). */
  private boolean sizeKeyword;
  private boolean parentKeyword;

  /**
   * The line box height: a factor multiplies openhtmltopdf's font size in whole dots (10pt is 267, so 1.5 gives
   * 401 dots, not 400), rounded again.
   */
  double lineHeight() {
    if (lineNormal) {
      // openhtmltopdf's CalculatedStyle.getLineHeight: 1.1 times the font size, or the font's ascent and descent
      // rounded up if more (DejaVu Sans's 1.164 em is)
      Face face = Fonts.current().of(bold, false);
      float sizeDots = Math.round(size * DOTS_PER_POINT);
      return Math.max(sizeDots * 1.1f, (float) Math.ceil(face.ascent * sizeDots + face.descent * sizeDots))
          / DOTS_PER_POINT;
    }
    if (Double.isNaN(lineFactor)) return dots(lineHeightPt);
    return Math.round(Math.round(size * DOTS_PER_POINT) * lineFactor) / DOTS_PER_POINT;
  }

  /** openhtmltopdf lays out in whole dots of 1/20 px (3/80 pt): lengths are rounded to them, as it rounds. */
  static final double DOTS_PER_POINT = 80.0 / 3;

  static double dots(double pt) {
    return Math.round(pt * DOTS_PER_POINT) / DOTS_PER_POINT;
  }

  /** Whether the four sides' borders are as wide and of one colour. */
  static boolean uniform(HtmlStyle s) {
    for (int side = 1; side < 4; side++) {
      if (s.border(side) != s.border(TOP) || s.borderRgb(side) != s.borderRgb(TOP)) return false;
    }
    return true;
  }

  /**
   * Whether every side with a border is solid in the box's own background colour, so the border and the background
   * paint one rounded shape over the border box whatever the sides' widths (e-mails' "bulletproof" buttons:
   * 'border: 10px 18px solid' in the button's colour), drawn so (HtmlFlow.borders).
   */
  static boolean merged(HtmlStyle s) {
    if (s.background < 0 || s.patterned()) return false;
    for (int side = 0; side < 4; side++) {
      if (s.border(side) > 0 && s.borderRgb(side) != s.background) return false;
    }
    return true;
  }

  /**
   * Corners that differ are drawn on a block's background, alone or inside solid sides that differ, and on a cell's
   * background (RoundedSides, as openhtmltopdf's BorderPainter shapes them); corners all alike are one radius.
   */
  private static void cornersDrawn(HtmlStyle s, Element e, String tag, boolean cell) {
    double[] c = s.corners;
    if (c[0] == c[1] && c[1] == c[2] && c[2] == c[3]) {
      s.radius = c[0];
      s.corners = null;
      return;
    }
    s.radius = Math.max(Math.max(c[0], c[1]), Math.max(c[2], c[3]));
    boolean bordered = s.border(TOP) > 0 || s.border(RIGHT) > 0 || s.border(BOTTOM) > 0 || s.border(LEFT) > 0;
    // a cell's background too (a totals row's rounded ends), judged with its table's borders as a rounded cell's
    // (HtmlTables.rounded: none of its own with separate ones; with collapsed ones openhtmltopdf draws it square)
    if (!BLOCKS.contains(tag) && !cell || tag.equals("body") || tag.equals("hr") || s.inlineBlock || s.blockInline
        || s.floating != null || s.displayBlock && inline(tag) || s.patterned()
        || !cell && bordered && (uniform(s) || merged(s))) {
      s.refuse("border-radius of corners that differ", e);
    }
  }

  /** The drawn width of a border side: zero unless its style is solid. */
  double border(int side) {
    return borderSolid[side] ? border[side] : 0;
  }

  /** Whether any side has a border drawn. */
  boolean bordered() {
    return border(TOP) > 0 || border(RIGHT) > 0 || border(BOTTOM) > 0 || border(LEFT) > 0;
  }

  /** Whether a drawn side is dashed, dotted or double. */
  boolean patterned() {
    for (int side = 0; side < 4; side++) {
      if (border(side) > 0 && borderKind[side] != 0) return true;
    }
    return false;
  }

  int borderRgb(int side) {
    return borderRgb[side] < 0 ? rgb : borderRgb[side];
  }

  boolean decorated(boolean printBackground) {
    return bordered() || printBackground && background >= 0;
  }

  /** Elements and how the direct path lays them out. */
  static final Set<String> BLOCKS = Set.of("div", "p", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "header",
      "footer", "article", "main", "address", "body", "ul", "ol", "li", "blockquote", "figure", "figcaption", "nav",
      "aside", "dl", "dt", "dd", "center", "pre",
      // display: block and nothing else in openhtmltopdf's default sheet (a form also gets a bottom margin of 1em)
      "form", "details", "dialog", "hgroup");
  static final Set<String> INLINE = Set.of("span", "b", "strong", "i", "em", "br", "font", "a", "small", "big", "u",
      "ins", "s", "strike", "del", "code", "kbd", "samp", "tt", "sup", "sub", "label", "mark", "cite", "var", "dfn",
      "abbr",
      // styled by no rule of openhtmltopdf's default sheet but bdi's direction: auto (no matter for text of one
      // direction, and text of two goes to it): inline boxes like a span; mPDF's page header and footer elements
      // of templates written for it too
      "bdi", "htmlpageheader", "htmlpagefooter");
  /**
   * Every element openhtmltopdf's default style sheet styles (XhtmlNamespaceHandler.css, 1.1.65) or draws as a
   * replaced element, and those of a document's head: an element of any other name is a bare inline box there, as
   * a span is (see {@link #inline}).
   */
  private static final Set<String> DEFAULT_STYLED = Set.of("a", "address", "article", "aside", "b", "bdi", "big",
      "blockquote", "body", "br", "button", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del",
      "details", "dialog", "dir", "div", "dl", "dt", "em", "fieldset", "figcaption", "figure", "footer", "form",
      "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "img",
      "input", "ins", "kbd", "li", "main", "math", "menu", "nav", "noframes", "object", "ol", "openhtmltopdf-combo",
      "option", "p", "pre", "s", "samp", "script", "section", "select", "small", "strike", "strong", "sub", "sup",
      "svg", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var", "bookmark",
      "bookmarks", "title", "style", "meta", "link", "noscript", "base", "#root");

  /**
   * Whether the direct path lays {@code tag} out as an inline element: those it knows by name, and any element
   * openhtmltopdf's default sheet does not name ({@code <ninja>}, {@code <time>}, a custom element), which is a
   * bare inline box there.
   */
  static boolean inline(String tag) {
    return INLINE.contains(tag) || !DEFAULT_STYLED.contains(tag);
  }

  /** An image or an inline drawing ({@link HtmlSvg}): a box of its picture's size, laid out as an image. */
  static boolean replaced(String tag) {
    return tag.equals("img") || tag.equals("svg");
  }

  /** Elements both engines drop before layout (HtmlLayout removes them); seen only when checking a template. */
  static final Set<String> DROPPED = Set.of("meta", "link", "script", "noscript", "base");
  static final Set<String> TABLE = Set.of("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption");

  /**
   * A block of text alone ({@code <br>} breaking it at most), not justified: its line boxes hold one run of its own
   * text each, so a decoration drawn along that run is the one openhtmltopdf draws along the line box.
   */
  private static boolean plainTextBlock(Element e, HtmlStyle s) {
    String tag = e.normalName();
    if (!BLOCKS.contains(tag) || tag.equals("body") || tag.equals("hr") || s.displayBlock || s.align.equals("justify")
        || s.before != null || s.after != null) {
      return false;
    }
    for (org.jsoup.nodes.Node n : e.childNodes()) {
      if (n instanceof Element c && !c.normalName().equals("br")) return false;
    }
    return true;
  }

  private static final java.util.regex.Pattern REM =
      java.util.regex.Pattern.compile("(?<![\\w.])(\\d+(?:\\.\\d*)?|\\.\\d+)rem\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * {@code d} with its lengths in rem written in points of {@code rootSize}, so that every length reader below
   * (which takes rem as of medium) sees the size openhtmltopdf resolves. letter-spacing keeps its rem, which is
   * refused there whatever the root.
   */
  private static HtmlCss.Declaration remsInPoints(HtmlCss.Declaration d, double rootSize) {
    if (d.name().equals("letter-spacing") || !REM.matcher(d.value()).find()) return d;
    String value = REM.matcher(d.value()).replaceAll(m -> new java.math.BigDecimal(m.group(1))
        .multiply(java.math.BigDecimal.valueOf(rootSize)).stripTrailingZeros().toPlainString() + "pt");
    return new HtmlCss.Declaration(d.name(), value, d.important());
  }

  /** The root: the body's inherited text style from the documents' base sheet. */
  static HtmlStyle root() {
    HtmlStyle s = new HtmlStyle();
    // the html element's parent: a % or em size on html is of the initial medium, as in openhtmltopdf
    s.size = MEDIUM;
    // and its line height the initial normal: the base sheet's 1.35 is the body's, which 'font: inherit' undoes
    s.lineNormal = true;
    s.lineFactor = Double.NaN;
    return s;
  }

  /** A child's style before its own rules: inherited properties copied, the rest initial. */
  private HtmlStyle inherit() {
    HtmlStyle s = new HtmlStyle();
    s.size = size;
    s.rootSize = rootSize;
    s.bold = bold;
    s.mono = mono;
    s.italic = italic;
    s.rgb = rgb;
    s.align = align;
    s.textIndent = textIndent;
    s.lineFactor = lineFactor;
    s.lineHeightPt = lineHeightPt;
    s.lineNormal = lineNormal;
    s.breakWord = breakWord;
    s.transform = transform;
    s.smallCaps = smallCaps;
    s.nowrap = nowrap;
    s.keepNewlines = keepNewlines;
    s.keepSpaces = keepSpaces;
    s.collapse = collapse;
    s.spacing = spacing;
    s.rowSpacing = rowSpacing;
    // td and th inherit vertical-align from tr, which inherits it from the row group (middle)
    s.verticalAlign = verticalAlign;
    s.href = href;
    s.listStyle = listStyle;
    s.markerInside = markerInside;
    s.letterSpacing = letterSpacing;
    s.decorations = decorations;
    s.underClip = underClip || contains;
    // a keyword's size is inherited as a keyword: openhtmltopdf steps smaller and larger from it (CalculatedStyle)
    s.sizeKeyword = sizeKeyword;
    s.parentKeyword = sizeKeyword;
    return s;
  }

  /**
   * The computed style of {@code e}, a child of an element styled {@code parent}.
   *
   * @param sheets base sheet first, then the author's, in cascade order
   */
  static HtmlStyle of(Element e, HtmlStyle parent, List<HtmlCss.Sheet> sheets) {
    return of(e, parent, sheets, false);
  }

  /**
   * @param template whether {@code e} is in the template rather than a document: rules with structural
   *     pseudo-classes ({@code tr:nth-child(even)}) then apply to every element they could match once expanded
   */
  static HtmlStyle of(Element e, HtmlStyle parent, List<HtmlCss.Sheet> sheets, boolean template) {
    HtmlStyle s = parent.inherit();
    String tag = e.normalName();
    // openhtmltopdf's default sheet: object, svg { display: block }
    if (tag.equals("svg")) s.displayBlock = true;
    s.keepWithNext = isHeading(tag);
    // a div laid out as a table part (HtmlDisplayTables) keeps a div's defaults: no user-agent rule of the table
    // elements applies to it, and its vertical-align is the initial baseline
    boolean displayed = e.hasAttr(HtmlDisplayTables.MARK);
    if (displayed || !tag.equals("td") && !tag.equals("th") && !tag.equals("tr")) s.verticalAlign = "baseline";
    List<HtmlCss.Declaration> declared = new ArrayList<>();
    // a block made inline (HtmlDisplayInline) keeps the defaults of the element the author wrote
    if (HtmlDisplayInline.madeInline(e)) defaults(e.attr(HtmlDisplayTables.MARK), e, declared);
    else if (!displayed) defaults(tag, e, declared);
    String hints = hints(e);
    if (!hints.isEmpty()) declared.addAll(HtmlCss.declarations(hints));
    if (tag.equals("a") && !e.attr("href").isBlank()) s.href = uri(e.attr("href").trim());
    List<HtmlCss.Rule> matched = new ArrayList<>();
    for (HtmlCss.Sheet sheet : sheets) {
      for (HtmlCss.Rule rule : sheet.rules()) {
        if (rule.selector().matches(e, template)) matched.add(rule);
        if (tag.equals("svg") && rule.selector().reachesInside(e, template)) {
          // openhtmltopdf copies such rules into the drawing, for Batik to apply (HtmlSvg)
          s.refuse("a style rule for what is inside an <svg>", e);
        }
      }
    }
    matched.sort(Comparator.comparingInt((HtmlCss.Rule r) -> r.selector().specificity())
        .thenComparingInt(HtmlCss.Rule::order));
    List<HtmlCss.Rule> generated = null;
    for (HtmlCss.Rule rule : matched) {
      if (rule.selector().unsupported() != null && s.unsupported == null && !rule.declarations().isEmpty()) {
        s.unsupported = "CSS selector '" + rule.selector().unsupported() + "' on " + describe(e);
      }
      if (rule.selector().pseudoElement() != null) {
        if (generated == null) generated = new ArrayList<>();
        generated.add(rule);
        continue;
      }
      declared.addAll(rule.declarations());
    }
    if (generated != null) s.generated(generated, e);
    if (e.hasAttr("style")) declared.addAll(HtmlCss.declarations(e.attr("style")));
    if (s.rootSize != MEDIUM) declared.replaceAll(d -> remsInPoints(d, s.rootSize));
    // font-size first: the other lengths in em are of the element's own size
    for (boolean important : new boolean[] {false, true}) {
      for (HtmlCss.Declaration d : declared) {
        if (d.important() != important) continue;
        if ((d.name().equals("font-size") || d.name().equals("font")) && d.value().trim().equalsIgnoreCase("inherit")) {
          // a reset's 'font: inherit' (Eric Meyer's, on every element): the parent's size, keyword and all
          s.size = parent.size;
          s.sizeKeyword = parent.sizeKeyword;
          continue;
        }
        if (d.name().equals("font-size")) s.fontSize(d.value(), parent.size, e);
        if (d.name().equals("font")) {
          String[] font = s.font(d.value(), e);
          if (font != null) s.fontSize(font[0], parent.size, e);
        }
      }
    }
    // below the html element, rem is of its size
    if (tag.equals("html")) s.rootSize = s.size;
    // declarations marked !important win over all others, in the same order among themselves
    for (boolean important : new boolean[] {false, true}) {
      for (HtmlCss.Declaration d : declared) {
        if (d.important() != important || d.name().equals("font-size")) continue;
        if (!d.name().equals("font")) {
          if (!d.value().trim().equalsIgnoreCase("inherit") || !s.inheritFrom(parent, d.name())) {
            s.apply(d.name(), d.value(), e);
          }
          continue;
        }
        if (d.value().trim().equalsIgnoreCase("inherit")) {
          // openhtmltopdf's FontPropertyBuilder makes it inherit of each of the six properties (checkInheritAll),
          // undoing the base sheet's bold headings and cells and their line heights
          s.inheritFont(parent);
          continue;
        }
        String[] font = s.font(d.value(), e);
        if (font == null) continue;
        // the shorthand resets what it leaves out, as openhtmltopdf's FontPropertyBuilder does: an upright, regular
        // face without small capitals and line-height: normal; a family it leaves out stays as cascaded
        s.apply("font-style", font[1], e);
        s.apply("font-variant", font[5], e);
        s.apply("font-weight", font[2], e);
        s.apply("line-height", font[3] == null ? "normal" : font[3], e);
        if (font[4] != null) s.apply("font-family", font[4], e);
      }
    }
    if (!Double.isNaN(s.percentHeight)) s.percentHeight(parent, e);
    if (s.radiusHalf != null && (s.width == null || Double.isNaN(s.boxHeight) || s.bordered() && !uniform(s))) {
      // a seal or an avatar: a box of set width and height, with no border or one border all round
      s.refuse("CSS value '" + s.radiusHalf + "' for 'border-radius'", e);
    }
    if (s.unbundled != null) s.refuse(s.unbundled, e);
    boolean cell = tag.equals("td") || tag.equals("th");
    if (s.corners != null) cornersDrawn(s, e, tag, cell);
    if (tag.equals("svg") && (s.width != null || s.height != null || s.maxWidth != null || s.maxHeight != null
        || s.minWidth != null)) {
      // its box sized otherwise than by its attributes, into which openhtmltopdf then scales the drawing
      // (ReplacedElementScaleHelper): not ported
      s.refuse("a CSS size on an <svg>", e);
    }
    if (tag.equals("svg") && (s.absolute || s.positionFixed || s.running != null || s.relative)) {
      s.refuse("a positioned <svg>", e);
    }
    if (s.minWidth != null && s.floating != null) s.refuse("min-width on a float", e);
    if (s.avoidAfter && (s.floating != null || s.inlineBlock || s.blockInline || s.absolute || s.positionFixed
        || s.running != null)) {
      s.refuse("CSS value 'avoid' for 'page-break-after'", e);
    }
    if (s.mono && s.lineNormal) s.refuse("line-height: normal in a monospace family", e);
    if ((s.verticalAlign.equals("super") || s.verticalAlign.equals("sub")) && !inline(tag)) {
      s.refuse("vertical-align: " + s.verticalAlign + " on an element other than an inline one", e);
    }
    if ((s.margin[LEFT] < 0 || s.margin[RIGHT] < 0) && (!BLOCKS.contains(tag) || tag.equals("body") || tag.equals("hr")
        || s.floating != null || s.displayBlock || s.inlineBlock)) {
      s.refuse("a negative side margin on " + describe(e) + " (drawn on blocks in the flow only)", e);
    }
    // text-indent, inherited, indents the first line of every block container it reaches in openhtmltopdf: drawn on
    // the paragraphs of blocks in the flow (HtmlFlow.paragraph), aligned left or justified; not measured in cells,
    // list items, inline blocks, floats or positioned boxes, nor centred or aligned right
    if (s.textIndent != 0 && (cell || tag.equals("li") || s.blockInline || s.inlineBlock || s.floating != null
        || s.absolute || s.positionFixed || s.running != null || !BLOCKS.contains(tag) && !inline(tag))) {
      s.refuse("text-indent reaching " + describe(e) + " (drawn on blocks in the flow that hold only text)", e);
    }
    if (s.textIndent != 0 && !s.align.equals("left") && !s.align.equals("justify")) {
      s.refuse("text-indent on text aligned " + s.align + ", " + describe(e), e);
    }
    // a float's is drawn as a block's (HtmlFlow.box: a monogram crest beside a bank's name, measured)
    // an empty inline block of a set size (a packing slip's check box) is laid out as an image is (HtmlFlow.square):
    // one with content is refused there
    boolean square = s.inlineBlock && inline(tag) && s.width != null && !s.width.endsWith("%");
    if (!Double.isNaN(s.boxHeight) && s.floating == null && (s.displayBlock || s.inlineBlock) && !square) {
      s.refuse("CSS property 'height'", e);
    }
    if (inline(tag) && !tag.equals("img") && s.floating == null && !s.displayBlock && !s.inlineBlock && !s.absolute) {
      // an inline box has neither (CSS 2.1 10.2, 10.5): openhtmltopdf lays a logo mark's span of width and height
      // out as its text alone (measured, in a line, a cell and a flex header, which it lays out as a block)
      s.width = null;
      s.boxHeight = Double.NaN;
    }
    if (s.mono && Math.round(s.lineHeight() * DOTS_PER_POINT) <= Math.round(s.size * DOTS_PER_POINT)) {
      // openhtmltopdf then places Courier's baseline by an ascent not matched here (measured: 0.683 em)
      s.refuse("a line height of at most the font size in a monospace family", e);
    }
    if (s.mono && s.sizeKeyword) s.refuse("a font-size keyword in a monospace family (openhtmltopdf has other sizes)", e);
    if (!BLOCKS.contains(tag)) {
      for (int side = 0; side < 4; side++) {
        // a table's auto side margins place it as a block's do (a right-aligned totals table): HtmlTables.table
        // and an image of display: block's (HtmlFlow.imageBlock)
        boolean tableSide = (tag.equals("table") || replaced(tag) && s.displayBlock) && (side == LEFT || side == RIGHT);
        // and a table's side margins in % as a block's (HtmlTables.laidTable: a totals table's margin-left: 60%)
        boolean tablePercent = tag.equals("table") && (side == LEFT || side == RIGHT);
        if (!Double.isNaN(s.marginPercent[side]) && !tablePercent || s.autoMargin[side] && !tableSide) {
          s.refuse("a percentage or auto margin", e);
        }
      }
      // on a cell, a length caps its widest measure in automatic table layout (HtmlTableWidths.measure), as
      // openhtmltopdf's calcMinMaxCSSMinMaxWidth caps it; the cell is then as wide as its column (measured)
      boolean cellCap = cell && s.maxWidth != null && !s.maxWidth.endsWith("%") && !s.borderBox;
      // on an image, a length clamps its width as openhtmltopdf's sizeReplacedElement does (HtmlFlow.imageSize)
      // (a % of the image's container outside table cells, where automatic table layout would measure it; in a
      // cell 100%, which that measure leaves out: a shop's logo beside its address, measured)
      boolean imageCap = tag.equals("img") && s.maxWidth != null
          && (!s.maxWidth.endsWith("%") || !inCell(e) || s.maxWidth.trim().equals("100%"));
      // on a table with a width, one that does not narrow it (HtmlTables.table)
      boolean tableCap = tag.equals("table") && s.maxWidth != null && s.width != null;
      if (s.maxWidth != null && !cellCap && !imageCap && !tableCap) s.refuse("CSS property 'max-width'", e);
      // a table of no width at least as wide as its container (Invoice Ninja's table { min-width: 100% }): as wide
      // as it, in automatic layout, as width: 100% makes it in openhtmltopdf (measured; table-layout: fixed, which
      // needs a width, changes nothing there)
      if (tag.equals("table") && s.width == null && "100%".equals(s.minWidth)) {
        s.width = "100%";
        s.minWidth = null;
        s.fixed = false;
      } else if (tag.equals("table") && "100%".equals(s.width) && "100%".equals(s.minWidth)) {
        s.minWidth = null; // as wide as its container either way (<table width="100%"> under that rule)
      }
      // a table of no width and a length's min-width (a summary's min-width: 280px): HtmlTables.table
      boolean tableLeast = tag.equals("table") && s.width == null && s.minWidth != null
          && !Double.isNaN(s.points(s.minWidth.trim()));
      if (s.minWidth != null && !tableLeast) s.refuse("CSS property 'min-width'", e);
    }
    if (s.percentMargin() && (tag.equals("body") || tag.equals("hr") || inCell(e))) {
      // openhtmltopdf sizes a cell's content before the cell's width is known, and keeps the margins it found then
      // (its CalculatedStyle caches them): not matched
      s.refuse("a % margin on the body, an hr or a block in a table cell", e);
    }
    // on an image, a length clamps its height as openhtmltopdf's sizeReplacedElement does (HtmlFlow.imageSize)
    if (s.maxHeight != null && (!tag.equals("img") || s.maxHeight.endsWith("%"))) s.refuse("CSS property 'max-height'", e);
    // where openhtmltopdf places such boxes other than CSS says (measured): not drawn here
    if (s.autoMargin[LEFT] && !s.autoMargin[RIGHT] && (s.margin[RIGHT] != 0 || !Double.isNaN(s.marginPercent[RIGHT]))) {
      s.refuse("an auto margin-left beside a margin-right", e);
    }
    // a cell's is judged with its table's borders (HtmlTables: collapsed, openhtmltopdf draws it square)
    if (s.radius > 0 && (s.border(TOP) > 0 || s.border(RIGHT) > 0 || s.border(BOTTOM) > 0 || s.border(LEFT) > 0)
        && (s.patterned() || !uniform(s)) && !merged(s) && !cell
        && (s.patterned() || !BLOCKS.contains(tag) || s.inlineBlock || s.floating != null)) {
      // a uniform solid one is drawn as a ring (measured at 300 dpi: as close to openhtmltopdf's as a square border);
      // solid sides of a block that differ as openhtmltopdf's BorderPainter shapes them (RoundedSides: a callout's
      // accent bar, a summary box's thick left side beside thin ones, measured); patterned ones are not matched
      s.refuse("border-radius with a border whose sides differ, or dashed, dotted or double", e);
    }
    // a table cell's is judged where its row is laid out (HtmlTables.row), a table's where it is framed (HtmlTables.frame)
    if (s.radius > 0 && (!BLOCKS.contains(tag) && !inline(tag) && !tag.equals("td") && !tag.equals("th")
        && !tag.equals("table")
        || tag.equals("hr") || tag.equals("body"))) {
      s.refuse("border-radius", e);
    }
    if (s.mono && (s.underline || s.lineThrough || !s.decorations.isEmpty())) {
      // openhtmltopdf places the lines by Courier's own underline metrics, which are not matched here
      s.refuse("text-decoration on text in a monospace family", e);
    }
    if (s.underline || s.lineThrough) {
      // a block's decoration is drawn across each of its line boxes, not per inline box: not drawn here, but for a
      // block of plain text, whose one run per line is its line box (openhtmltopdf's LineBox decoration, placed by
      // the block's font as an inline box's by its own)
      if ((!inline(tag) || s.displayBlock) && !plainTextBlock(e, s)) {
        s.refuse("CSS text-decoration on a block (only inline elements', such as <u>)", e);
      }
      List<Decoration> all = new ArrayList<>(s.decorations);
      if (s.underline) all.add(new Decoration(false, s.rgb, s.size, s.bold));
      if (s.lineThrough) all.add(new Decoration(true, s.rgb, s.size, s.bold));
      s.decorations = List.copyOf(all);
    }
    for (int side = 0; side < 4; side++) {
      if (s.insetLeft[side] && s.border[side] > 0) s.inset(side);
      if (s.undrawn[side] != null && s.border[side] > 0) s.refuse("CSS border style '" + s.undrawn[side] + "'", e);
    }
    return s;
  }

  /**
   * {@code <hr>}'s default inset border in openhtmltopdf's shades: the top and left sides darkened (the colour's
   * HSB brightness times 0.56, as its FSRGBColor.darkenColor does), the bottom and right in the colour itself.
   * Its sides are mitred trapezoids; at the default 1px the corners differ by less than a dot.
   */
  private void inset(int side) {
    int c = borderRgb(side);
    if (side == TOP || side == LEFT) {
      float[] hsb = java.awt.Color.RGBtoHSB(c >> 16 & 0xff, c >> 8 & 0xff, c & 0xff, null);
      c = java.awt.Color.HSBtoRGB(hsb[0], hsb[1], hsb[2] * 0.56f) & 0xffffff | c & ~0xffffff;
    }
    borderRgb[side] = c;
    borderSolid[side] = true;
  }

  /**
   * The {@code font} shorthand as {size, style, weight, line height or null, family or null, variant}, or null
   * (refused): a size in a unit (not a keyword), before it style, variant and weight words, each at most once.
   */
  private String[] font(String value, Element e) {
    String[] font = fontShorthand(value);
    if (font == null) {
      refuse("CSS value '" + value + "' for 'font' (give it a size in a unit, after style, variant and weight words"
          + " each at most once)", e);
      return null;
    }
    return font;
  }

  /**
   * The {@code font} shorthand as {size, style, weight, line height or null when it gives none, family or null when
   * it gives none, variant}, or null when it is not [style, variant and weight words] size[/line height] [family].
   * A word given twice makes openhtmltopdf's FontPropertyBuilder drop the declaration: null here, refused.
   */
  static String[] fontShorthand(String value) {
    java.util.regex.Matcher m = FONT.matcher(value.trim());
    if (!m.matches()) return null;
    String style = null, weight = null, variant = null;
    for (String word : SPACES.split(m.group(1).trim().toLowerCase(Locale.ROOT))) {
      if (word.isEmpty() || word.equals("normal")) continue;
      if (word.equals("italic") || word.equals("oblique")) {
        if (style != null) return null;
        style = word;
      } else if (word.equals("small-caps")) {
        if (variant != null) return null;
        variant = word;
      } else {
        if (weight != null) return null;
        weight = word;
      }
    }
    String line = m.group(3) == null ? null : m.group(3).toLowerCase(Locale.ROOT);
    return new String[] {m.group(2), style == null ? "normal" : style, weight == null ? "normal" : weight, line,
        m.group(4), variant == null ? "normal" : variant};
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
      // openhtmltopdf: ul, ol { margin: 1.12em 0; padding-left: 40px } and no vertical margins for a nested list
      case "ul", "ol" -> {
        out.add(new HtmlCss.Declaration("margin", "1.12em 0", false));
        out.add(new HtmlCss.Declaration("padding-left", "40px", false));
        out.add(new HtmlCss.Declaration("list-style-type", tag.equals("ul") ? "disc" : "decimal", false));
        for (Element p = e.parent(); p != null; p = p.parent()) {
          if (p.normalName().equals("ul") || p.normalName().equals("ol")) {
            out.add(new HtmlCss.Declaration("margin-top", "0", false));
            out.add(new HtmlCss.Declaration("margin-bottom", "0", false));
            break;
          }
        }
      }
      case "small" -> out.add(new HtmlCss.Declaration("font-size", ".83em", false));
      // openhtmltopdf: u, ins { text-decoration: underline } s, strike, del { text-decoration: line-through }
      case "u", "ins" -> out.add(new HtmlCss.Declaration("text-decoration", "underline", false));
      case "s", "strike", "del" -> out.add(new HtmlCss.Declaration("text-decoration", "line-through", false));
      // openhtmltopdf: tt, code, kbd, samp { font-family: monospace }, its built-in Courier: drawn here only in
      // a bundled family the author gives them
      case "code", "kbd", "samp", "tt" -> out.add(new HtmlCss.Declaration("font-family", "monospace", false));
      // openhtmltopdf: pre { font-family: monospace; white-space: pre; margin: 1em 0 }
      case "pre" -> {
        out.add(new HtmlCss.Declaration("font-family", "monospace", false));
        out.add(new HtmlCss.Declaration("white-space", "pre", false));
        out.add(new HtmlCss.Declaration("margin", "1em 0", false));
      }
      case "big" -> out.add(new HtmlCss.Declaration("font-size", "1.17em", false));
      // openhtmltopdf's defaults: upright in DejaVu Sans either way, but they make Courier Courier-Oblique
      case "i", "em", "address", "cite", "var" -> out.add(new HtmlCss.Declaration("font-style", "italic", false));
      // openhtmltopdf: blockquote { margin: 1.12em 40px }, dl { margin: 1.12em 0 }, dd { margin-left: 40px },
      // center { text-align: center }; figure, figcaption, nav, aside and dt are bare blocks there (no browser
      // margins), label, mark, dfn and abbr bare inline elements (no highlight for mark: it has no rule for it)
      case "blockquote" -> out.add(new HtmlCss.Declaration("margin", "1.12em 40px", false));
      case "dl" -> out.add(new HtmlCss.Declaration("margin", "1.12em 0", false));
      // openhtmltopdf: form { margin: 0 0 1em 0 } (Firefox's quirk, its sheet says)
      case "form" -> out.add(new HtmlCss.Declaration("margin", "0 0 1em 0", false));
      case "dd" -> out.add(new HtmlCss.Declaration("margin-left", "40px", false));
      case "center", "caption" -> out.add(new HtmlCss.Declaration("text-align", "center", false));
      // openhtmltopdf: sup { vertical-align: super; font-size: 0.83em; line-height: normal }, sub likewise
      case "sup", "sub" -> {
        out.add(new HtmlCss.Declaration("vertical-align", tag.equals("sup") ? "super" : "sub", false));
        out.add(new HtmlCss.Declaration("font-size", "0.83em", false));
        out.add(new HtmlCss.Declaration("line-height", "normal", false));
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

  /**
   * The CSS openhtmltopdf makes of an element's presentational attributes (its XhtmlNamespaceHandler's
   * getNonCssStyling, copied rule for rule): the author's declarations at specificity 0, after its user-agent
   * sheet and before every author rule. {@code align}/{@code valign} on cells and rows, {@code align} on {@code p}
   * and {@code div}; {@code width}, {@code border}, {@code cellspacing}, {@code bgcolor} and {@code align} on
   * tables; a table's {@code cellpadding} and {@code border} on its cells. Empty for anything else, which
   * openhtmltopdf ignores.
   */
  static String hints(Element e) {
    String tag = e.normalName();
    // this runs for every element of every document (HtmlFlow's style key): most carry none of these attributes
    Element table = tag.equals("td") || tag.equals("th") ? tableOf(e) : null;
    if (!hinted(e) && (table == null || !hinted(table))) return "";
    StringBuilder css = new StringBuilder();
    switch (tag) {
      case "table" -> {
        hint(css, "width", hintLength(attribute(e, "width")));
        String border = attribute(e, "border");
        if (border != null) css.append("border: ").append(lengthOf(border)).append(" inset black;");
        String spacing = attribute(e, "cellspacing");
        if (spacing != null) css.append("border-collapse: separate; border-spacing: ").append(lengthOf(spacing)).append(';');
        hint(css, "background-color", bgcolor(attribute(e, "bgcolor")));
        // its applyFloatingAlign: e-mail templates centre their inner tables so
        String align = attribute(e, "align");
        if (align != null) {
          switch (align.toLowerCase(Locale.ROOT)) {
            case "left", "right" -> hint(css, "float", align.toLowerCase(Locale.ROOT));
            case "center" -> css.append("margin-left: auto; margin-right: auto;");
            default -> {}
          }
        }
      }
      case "td", "th" -> {
        if (table != null) {
          hint(css, "padding", hintLength(attribute(table, "cellpadding")));
          String border = attribute(table, "border");
          if (border != null && !border.equals("0")) css.append("border: 1px outset black;");
        }
        hint(css, "width", hintLength(attribute(e, "width")));
        hint(css, "height", hintLength(attribute(e, "height")));
        contentAlign(e, css);
        hint(css, "background-color", bgcolor(attribute(e, "bgcolor")));
      }
      case "tr" -> contentAlign(e, css);
      case "p", "div" -> {
        String align = attribute(e, "align");
        if (align != null) {
          align = align.toLowerCase(Locale.ROOT);
          if (align.equals("left") || align.equals("right") || align.equals("center") || align.equals("justify")) {
            hint(css, "text-align", align);
          }
        }
      }
      default -> {}
    }
    return css.isEmpty() ? "" : css.toString();
  }

  /** Every attribute {@link #hints} reads, on the element or on a cell's table (the parser lower-cases names). */
  private static final Set<String> HINTED = Set.of("width", "height", "border", "cellspacing", "cellpadding",
      "bgcolor", "align", "valign");

  private static boolean hinted(Element e) {
    for (org.jsoup.nodes.Attribute a : e.attributes()) {
      if (HINTED.contains(a.getKey())) return true;
    }
    return false;
  }

  /**
   * An attribute's value, or "" when it is missing. jsoup's own {@code attr} and {@code hasAttr} compare names
   * ignoring case, which was 5% of a 1,000-row statement's time; the parser lower-cases them, so equality does
   * ({@code attributes().hasKey} likewise).
   */
  static String attr(Element e, String name) {
    return e.attributes().get(name);
  }

  /** An attribute's trimmed value, or null when it is missing or blank (openhtmltopdf's getAttribute). */
  private static String attribute(Element e, String name) {
    String v = e.attr(name).trim();
    return v.isEmpty() ? null : v;
  }

  private static void hint(StringBuilder css, String property, String value) {
    if (value != null) css.append(property).append(": ").append(value).append(';');
  }

  /** openhtmltopdf's convertToLength: digits alone are pixels, anything else is taken as CSS. */
  private static String lengthOf(String v) {
    return !v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9') ? v + "px" : v;
  }

  private static String hintLength(String v) {
    return v == null ? null : lengthOf(v);
  }

  /** A bgcolor as openhtmltopdf reads it: lower case, six hex digits without their '#' given one. */
  private static String bgcolor(String v) {
    if (v == null) return null;
    String c = v.toLowerCase(Locale.ROOT);
    return c.matches("[0-9a-f]{6}") ? "#" + c : c;
  }

  private static void contentAlign(Element e, StringBuilder css) {
    String align = attribute(e, "align");
    if (align != null) hint(css, "text-align", align.toLowerCase(Locale.ROOT));
    String valign = attribute(e, "valign");
    if (valign != null) hint(css, "vertical-align", valign.toLowerCase(Locale.ROOT));
  }

  /** A cell's table, as openhtmltopdf's findTable looks: the row's parent, or the parent of the row's group. */
  private static Element tableOf(Element cell) {
    Element tr = cell.parent();
    if (tr == null || !tr.normalName().equals("tr")) return null;
    Element up = tr.parent();
    if (up == null) return null;
    if (up.normalName().equals("table")) return up;
    if (up.normalName().equals("tbody") || up.normalName().equals("thead") || up.normalName().equals("tfoot")) {
      Element table = up.parent();
      return table != null && table.normalName().equals("table") ? table : null;
    }
    return null;
  }

  static boolean isHeading(String tag) {
    return tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6';
  }

  /** {@code font: inherit}: the parent's style, weight, line height, small capitals and family. */
  private void inheritFont(HtmlStyle parent) {
    inheritFrom(parent, "font-style");
    inheritFrom(parent, "font-weight");
    inheritFrom(parent, "line-height");
    smallCaps = parent.smallCaps;
    mono = parent.mono;
    unbundled = null;
  }

  /**
   * {@code name: inherit}, the parent's value, for the properties of Bootstrap's and Tailwind's resets
   * ({@code th { text-align: inherit }}, {@code address { line-height: inherit }}, {@code hr { color: inherit }},
   * Frappe's {@code h2 { font-family: inherit }},
   * {@code table { border-color: inherit }}); false for any other, which {@link #apply} refuses by name. A border
   * colour is the parent's computed one, its text colour where it has none (measured: a table's border took its
   * parent's border-color where set, else the parent's colour, though the table's own colour differed).
   */
  private boolean inheritFrom(HtmlStyle parent, String name) {
    switch (name) {
      case "color" -> rgb = parent.rgb;
      case "text-align" -> align = parent.align;
      case "font-weight" -> bold = parent.bold;
      case "font-style" -> italic = parent.italic;
      case "line-height" -> {
        lineFactor = parent.lineFactor;
        lineHeightPt = parent.lineHeightPt;
        lineNormal = parent.lineNormal;
      }
      case "font-family" -> {
        mono = parent.mono;
        unbundled = null;
      }
      case "font-variant" -> smallCaps = parent.smallCaps;
      case "text-transform" -> transform = parent.transform;
      case "letter-spacing" -> letterSpacing = parent.letterSpacing;
      case "text-indent" -> textIndent = parent.textIndent;
      case "border-color" -> {
        for (int side = 0; side < 4; side++) borderRgb[side] = parent.borderRgb(side);
      }
      case "border-top-color", "border-right-color", "border-bottom-color", "border-left-color" -> {
        int side = side(name.split("-")[1]);
        borderRgb[side] = parent.borderRgb(side);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  static String describe(Element e) {
    String written = e.attr(HtmlDisplayTables.MARK);
    StringBuilder d = new StringBuilder(written.isEmpty() ? e.normalName() : written);
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

  /**
   * The {@code content} of the element's {@code ::before} and {@code ::after} rules, in cascade order (the last
   * one, {@code !important} ones after the rest, wins): strings and page counters, as in a running footer's
   * "Page <span class="page-no"></span>". Any other property of such a rule, and generated content on anything
   * but an inline element, are refused: only that much is drawn.
   */
  private void generated(List<HtmlCss.Rule> rules, Element e) {
    String[] content = new String[2];
    // the first other property of each, refused only when the pseudo-element generates a box: without content
    // (or with none or normal) openhtmltopdf generates none, so '*, *::before, *::after { box-sizing: border-box }'
    // of Bootstrap's and Tailwind's resets styles nothing (measured: such rules left its output unchanged)
    String[] other = new String[2];
    // the clearfix's own declarations: a box of no height after the floats, below them
    boolean clears = false;
    boolean boxed = false;
    // Bootstrap 3's clearfix, content: " "; display: table on both: an empty table, which draws nothing
    boolean[] tabled = new boolean[2];
    for (boolean important : new boolean[] {false, true}) {
      for (HtmlCss.Rule rule : rules) {
        int k = rule.selector().pseudoElement().equals("before") ? 0 : 1;
        for (HtmlCss.Declaration d : rule.declarations()) {
          if (d.important() != important) continue;
          String v = d.value().trim().toLowerCase(Locale.ROOT);
          if (k == 1 && d.name().equals("clear") && v.equals("both")) {
            clears = true;
            continue;
          }
          // display: table clears nothing in openhtmltopdf (measured: text flowed on beside the floats), block does
          if (k == 1 && d.name().equals("display") && v.equals("block")) {
            boxed = true;
            continue;
          }
          if (d.name().equals("display") && v.equals("table")) {
            tabled[k] = true;
            continue;
          }
          // box-sizing changes nothing on what may be generated here, text or an empty clearfix block: a reset's
          // '*, *::before, *::after { box-sizing: border-box }' beside Bootstrap 4's clearfix
          if (d.name().equals("box-sizing")) continue;
          if (!d.name().equals("content")) {
            if (other[k] == null) other[k] = d.name();
            continue;
          }
          content[k] = d.value();
        }
      }
    }
    for (int k = 0; k < 2; k++) {
      String c = content[k] == null ? "none" : content[k].trim().toLowerCase(Locale.ROOT);
      if (c.equals("none") || c.equals("normal")) {
        content[k] = null;
        if (k == 1) clears = boxed = false;
      } else if (other[k] != null) {
        refuse("CSS property '" + other[k] + "' in a ::" + (k == 0 ? "before" : "after") + " rule", e);
        return;
      }
    }
    for (int k = 0; k < 2; k++) {
      if (!tabled[k] || content[k] == null) continue;
      if (!BLANK_STRING.matcher(content[k].trim()).matches() || k == 1 && boxed) {
        refuse("display: table in a ::" + (k == 0 ? "before" : "after") + " rule with content", e);
        return;
      }
      if (!BLOCKS.contains(e.normalName()) || e.normalName().equals("body")) {
        refuse("display: table in a ::" + (k == 0 ? "before" : "after") + " rule on an element other than a block",
            e);
        return;
      }
      content[k] = null;
      if (k == 0) tableBefore = true;
      else {
        tableAfter = true;
        clears = false;
      }
    }
    try {
      before = content[0] == null ? null : HtmlMargins.generated(content[0], "::before");
      after = content[1] == null ? null : HtmlMargins.generated(content[1], "::after");
    } catch (Unsupported u) {
      refuse(u.reason(), e);
      return;
    }
    if (clears || boxed) {
      if (!clears || !boxed || after == null || !String.join("", after).isEmpty() || !BLOCKS.contains(e.normalName())
          || e.normalName().equals("body")) {
        refuse("a ::after rule other than a clearfix (content: \"\"; display: block; clear: both)", e);
        return;
      }
      clearfix = true;
      after = null;
    }
    if (before != null && before.isEmpty()) before = null;
    if (after != null && after.isEmpty()) after = null;
    if ((before != null || after != null) && (!inline(e.normalName()) || e.normalName().equals("br"))) {
      refuse("generated content (::before, ::after) on a block (only on inline elements, such as a span)", e);
    }
  }

  private static final java.util.regex.Pattern ROTATE =
      java.util.regex.Pattern.compile("rotate\\(\\s*(-?[0-9]{1,3}(?:\\.[0-9]{1,4})?)deg\\s*\\)");

  private static final java.util.regex.Pattern RUNNING =
      java.util.regex.Pattern.compile("running\\(\\s*([-_a-z][-_a-z0-9]*)\\s*\\)");

  /** {@code position}: static, relative, absolute, fixed and running(name). */
  private void position(String v, String value, Element e) {
    // openhtmltopdf's Position builder allows no sticky: the declaration is dropped there, and the value cascaded
    // before stays (a statement's 'thead th { position: sticky; top: 0 }', written for the screen)
    if (v.equals("sticky")) return;
    java.util.regex.Matcher m = RUNNING.matcher(v);
    if (!v.equals("static") && !v.equals("fixed") && !v.equals("relative") && !v.equals("absolute") && !m.matches()) {
      refuse("CSS value '" + value + "' for 'position'", e);
      return;
    }
    running = m.matches() ? m.group(1) : null;
    positionFixed = v.equals("fixed");
    relative = v.equals("relative");
    absolute = v.equals("absolute");
  }

  /** An offset of a fixed element: a length (negative too, into the page margin) or auto. */
  private void offset(int side, String v, String value, String name, Element e) {
    if (v.equals("auto")) {
      offsets[side] = Double.NaN;
      return;
    }
    boolean negative = v.startsWith("-");
    double pt = points(negative ? v.substring(1) : v);
    if (Double.isNaN(pt)) refuse("CSS value '" + value + "' for '" + name + "'", e);
    else offsets[side] = negative ? -pt : pt;
  }

  private void fontSize(String value, double parentSize, Element e) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    Integer px = SIZE_KEYWORDS.get(v);
    sizeKeyword = px != null;
    if (px != null) {
      size = px * Styles.PX;
      return;
    }
    if (v.equals("smaller") || v.equals("larger")) {
      // openhtmltopdf steps to the next keyword when the parent's size is one, else takes 0.8em or 1.2em
      if (parentKeyword) refuse("CSS value '" + value + "' for 'font-size' inside a font-size keyword", e);
      else size = parentSize * (v.equals("smaller") ? 0.8 : 1.2);
      return;
    }
    double pt = v.endsWith("%") ? Styles.points(v, parentSize, parentSize) : Styles.points(length(v), parentSize,
        Double.NaN);
    if (Double.isNaN(pt) || pt <= 0) {
      refuse("CSS value '" + value + "' for 'font-size'", e);
    } else if (v.endsWith("%") || v.endsWith("em") && !v.endsWith("rem")) {
      // openhtmltopdf multiplies the parent's size in whole dots and rounds the product to a dot (measured: sup's
      // 0.83em of 10pt is 222 dots, 8.325pt, not 8.3)
      size = Math.round(pt / parentSize * Math.round(parentSize * DOTS_PER_POINT)) / DOTS_PER_POINT;
    } else {
      size = pt;
    }
  }

  /**
   * openhtmltopdf's sizes of the font-size keywords in pixels (FontSizeHelper's PROPORTIONAL_FONT_SIZES); it has
   * others for a family list naming monospace, which are not drawn here.
   */
  private static final Map<String, Integer> SIZE_KEYWORDS = Map.of("xx-small", 9, "x-small", 10, "small", 13,
      "medium", 16, "large", 18, "x-large", 24, "xx-large", 32);

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

  /** A browser's prefix: {@code -webkit-}, {@code -moz-}, {@code -ms-}, {@code -o-} (not openhtmltopdf's {@code -fs-}). */
  private static final java.util.regex.Pattern VENDOR = java.util.regex.Pattern.compile("-(webkit|moz|ms|o)-");

  private void apply(String name, String value, Element e) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("inherit") || v.equals("initial") || v.equals("unset")) {
      refuse("CSS value '" + value + "' for '" + name + "'", e);
      return;
    }
    if (VENDOR.matcher(name).lookingAt() || VENDOR.matcher(v).lookingAt()) {
      // openhtmltopdf knows no browser's prefixed property nor keyword: the declaration is dropped there, and the
      // value cascaded before stays (measured: -webkit-text-size-adjust and -webkit-font-smoothing change nothing,
      // 'text-align: right; text-align: -moz-center' stays right, 'display: -webkit-box' as before)
      return;
    }
    if ((name.equals("color") || name.startsWith("background") || name.startsWith("border")) && lacksColour(v)) {
      // a colour name openhtmltopdf lacks makes the declaration invalid there, shorthand and all: it is dropped
      // (measured: 'border-bottom: 1px solid lightgray' draws no border, 'color: lightgray' leaves the colour)
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
        // the shorthand with no image (a CMS's 'background: #fff none repeat scroll 0 0'): only its colour draws
        if (c == -2 && name.equals("background")) c = backgroundColour(v);
        if (c == -2 || c < -1) refuse("CSS value '" + value + "' for '" + name + "'", e);
        else background = c;
      }
      case "font-weight" -> {
        switch (v) {
          case "bold", "bolder", "600", "700", "800", "900" -> bold = true;
          case "normal", "lighter", "100", "200", "300", "400", "500" -> bold = false;
          // a word that is no weight (font-weight: none) makes the declaration invalid in openhtmltopdf's
          // FontWeight builder: dropped there, the weight cascaded before stays (measured alike)
          default -> {
            if (!v.matches("[a-z-]+")) refuse("CSS value '" + value + "' for 'font-weight'", e);
          }
        }
      }
      case "font-style" -> {
        // no oblique face is bundled: both engines set italic text upright in DejaVu Sans
        if (!v.equals("normal") && !v.equals("italic") && !v.equals("oblique")) refuse("CSS value '" + value
            + "' for 'font-style'", e);
        italic = !v.equals("normal");
      }
      case "font-family" -> {
        // openhtmltopdf tries every bundled family the list names before any of its built-in PDF fonts, wherever
        // it stands in the list, so one bundled name makes the whole list DejaVu Sans
        // the last declaration decides: an author's family over a default's (code { font-family: monospace })
        mono = false;
        unbundled = null;
        if (bundledFamily(v)) return;
        // none bundled: openhtmltopdf takes the first family of the list that names one of its built-in fonts
        String builtIn = builtInFamily(v);
        if (builtIn != null && COURIER.contains(builtIn)) mono = true;
        else unbundled = "CSS font-family '" + value.trim() + "' " + UNSET_FAMILY;
      }
      // a length of zero or more (a letter's paragraphs, text-indent: 2em); a % or a hanging indent is not measured
      case "text-indent" -> {
        double pt = points(v);
        if (Double.isNaN(pt)) refuse("CSS value '" + value + "' for 'text-indent'", e);
        else textIndent = pt;
      }
      case "text-align" -> {
        switch (v) {
          case "left", "start" -> align = "left";
          case "right" -> align = "right";
          // openhtmltopdf's TextAlign allows start but not end: the declaration is dropped there and the value
          // cascaded before stays (measured: a paragraph of text-align: end is drawn at the left)
          case "end" -> { }
          case "center" -> align = "center";
          case "justify" -> align = "justify";
          default -> refuse("CSS value '" + value + "' for 'text-align'", e);
        }
      }
      case "line-height" -> {
        lineNormal = v.equals("normal");
        if (lineNormal) {
          lineFactor = Double.NaN;
        } else if (NUMBER.matcher(v).matches()) {
          lineFactor = Double.parseDouble(v);
        } else if (v.endsWith("%") && PERCENT.matcher(v).matches()) {
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
        String[] parts = SPACES.split(v);
        if (parts.length > 4) {
          refuse("CSS value '" + value + "' for '" + name + "'", e);
          return;
        }
        int n = parts.length;
        int[] from = {0, n > 1 ? 1 : 0, n > 2 ? 2 : 0, n > 3 ? 3 : n > 1 ? 1 : 0};
        for (int side = 0; side < 4; side++) {
          if (!boxSide(name, side, parts[from[side]], value, e)) return;
        }
      }
      case "margin-top", "margin-right", "margin-bottom", "margin-left", "padding-top", "padding-right",
          "padding-bottom", "padding-left" -> {
        boxSide(name.substring(0, name.indexOf('-')), side(name.substring(name.indexOf('-') + 1)), v, value, e);
      }
      case "max-width" -> maxWidth = v.equals("none") ? null : v;
      case "max-height" -> maxHeight = v.equals("none") ? null : v;
      case "min-width" -> minWidth = v.equals("auto") || v.equals("0") ? null : v;
      case "border" -> {
        for (int i = 0; i < 4; i++) border(i, v, value, name, e);
      }
      case "border-top", "border-right", "border-bottom", "border-left" ->
          border(side(name.substring(7)), v, value, name, e);
      case "border-width", "border-color", "border-style" -> {
        String[] parts = WORDS.split(v);
        if (parts.length > 4) {
          refuse("CSS value '" + value + "' for '" + name + "'", e);
          return;
        }
        // top, right, bottom, left as margin's: Postmark's button is 'border-width: 10px 18px'
        int n = parts.length;
        int[] from = {0, n > 1 ? 1 : 0, n > 2 ? 2 : 0, n > 3 ? 3 : n > 1 ? 1 : 0};
        for (int i = 0; i < 4; i++) border(i, parts[from[i]], value, name, e);
      }
      case "border-top-width", "border-right-width", "border-bottom-width", "border-left-width",
          "border-top-color", "border-right-color", "border-bottom-color", "border-left-color",
          "border-top-style", "border-right-style", "border-bottom-style", "border-left-style" ->
          border(side(name.split("-")[1]), v, value, name, e);
      case "width" -> width = v.equals("auto") ? null : v;
      case "position" -> position(v, value, e);
      case "top", "right", "bottom", "left" -> offset(side(name), v, value, name, e);
      case "min-height" -> {
        // on blocks, of absolute lengths: a percentage is of a height the direct path does not know
        if (v.equals("0") || v.equals("auto")) minHeight = Double.NaN;
        else if (!BLOCKS.contains(e.normalName()) || e.normalName().equals("body") || Double.isNaN(points(v))) {
          refuse("CSS value '" + value + "' for 'min-height'", e);
        } else minHeight = points(v);
      }
      case "height" -> {
        String tag = e.normalName();
        if (replaced(tag)) {
          height = v.equals("auto") ? null : v;
        } else if (v.equals("auto")) {
          boxHeight = Double.NaN;
          rootHeight = null;
        } else if (tag.equals("hr") && points(v) == 0) {
          // normalize.css's hr { height: 0 }: an hr holds nothing, so its content height is 0 already (measured)
        } else if (HEIGHTS.contains(tag) && !Double.isNaN(points(v))) {
          boxHeight = points(v);
          percentHeight = Double.NaN;
        } else if (HEIGHTS.contains(tag) && !CELLS.contains(tag) && PERCENT.matcher(v).matches()) {
          // of the parent's height where it has one (a certificate's inner frame at 100% of the outer): see of()
          percentHeight = Double.parseDouble(v.substring(0, v.length() - 1));
          percentHeightValue = value;
          boxHeight = Double.NaN;
        } else if ((tag.equals("body") || tag.equals("html")) && (PERCENT.matcher(v).matches()
            || !Double.isNaN(points(v)))) {
          // html, body { height: 100% }: the root boxes' heights, which reach past their content and may add a page
          // (HtmlFlow.document); a body's % is of the html element's height, none where that is automatic, as
          // openhtmltopdf has it (measured: 50% and 100%, over one page and over four)
          rootHeight = v;
        } else if (HEIGHTS.contains(tag)) {
          refuse("CSS value '" + value + "' for 'height'", e);
        } else if (inline(tag) && !tag.equals("br") && !Double.isNaN(points(v))) {
          // none on an inline box (of() drops it there); kept where the box is made a float, refused on an inline
          // block
          boxHeight = points(v);
        } else {
          refuse("CSS property 'height'", e);
        }
      }
      case "vertical-align" -> {
        switch (v) {
          // super and sub: raised and lowered text on inline elements (HtmlFlow.lineBox), as openhtmltopdf shifts it
          case "top", "middle", "bottom", "baseline", "super", "sub" -> verticalAlign = v;
          default -> refuse("CSS value '" + value + "' for 'vertical-align'", e);
        }
      }
      case "display" -> {
        tableDisplay = null;
        // the last display wins: 'display: none' then a media rule's 'display: block' shows the box (flex and grid,
        // which openhtmltopdf drops, leave it as it was)
        if (!FLEX_GRID.contains(v)) hidden = v.equals("none");
        if (hidden) {
          // no box
        } else if (FLEX_GRID.contains(v)) {
          // openhtmltopdf knows neither flex nor grid: it drops the declaration, and the box stays a block
        } else if (e.normalName().equals("svg")) {
          // a drawing on a line of its own, or on a line of text as an image is (HtmlFlow); display: inline makes
          // it no replaced box in openhtmltopdf (measured: its line laid out otherwise), as img's sheet says
          if (v.equals("block") || v.equals("inline-block")) displayBlock = v.equals("block");
          else refuse("CSS display '" + value + "'", e);
        } else if (v.equals("inline-block") && naturalDisplay(e.normalName()).equals("inline")
            && !e.normalName().equals("br")) {
          // an inline element made an atomic box, a status badge: drawn by HtmlFlow as an inline box of one line
          inlineBlock = true;
          displayBlock = false;
        } else if (v.equals("inline-block") && e.normalName().equals("div")) {
          // "Bill to" and "Ship to" columns side by side: laid out by HtmlFlow.inlineBlocks, a run of them at a time
          blockInline = true;
        } else if (v.equals("block") && naturalDisplay(e.normalName()).equals("inline") && !e.normalName().equals("br")) {
          // an inline element made a block (<span style="display: block">): laid out as a div (HtmlFlow)
          inlineBlock = false;
          displayBlock = true;
        } else if (v.equals("block") && e.normalName().equals("img")) {
          // a logo on a line of its own (Tailwind's preflight sets it on every image): HtmlFlow.imageBlock
          inlineBlock = false;
          displayBlock = true;
        } else if (v.equals(naturalDisplay(e.normalName()))) {
          inlineBlock = false;
          displayBlock = false;
          blockInline = false;
        } else if (v.equals("inline") && HtmlDisplayInline.RENAMED.contains(e.normalName())) {
          inlineDisplay = true;
          refuse("CSS display '" + value + "'", e);
        } else {
          if (e.normalName().equals("div") && (v.equals("table") || v.equals("table-row") || v.equals("table-cell"))) {
            tableDisplay = v;
          }
          refuse("CSS display '" + value + "'", e);
        }
      }
      default -> applyMore(name, v, value, e);
    }
  }

  /**
   * The rest of {@link #apply}'s properties: one method of all of them was over the JIT's 8,000-byte limit for
   * compiling a method (HugeMethodLimit), so it ran interpreted in every render, a seventh of an HTML invoice's
   * engine time.
   *
   * @param v the value trimmed and in lower case
   */
  private void applyMore(String name, String v, String value, Element e) {
    switch (name) {
      // the initial direction, in which the direct path lays every line out (a report's body { direction: ltr })
      case "direction" -> {
        if (!v.equals("ltr")) refuse("CSS value '" + value + "' for 'direction'", e);
      }
      // page breaks are a block's: none on a block made inline (the document sheet's h1–h6 { page-break-after:
      // avoid } on a heading made inline)
      case "page-break-before" -> {
        if (HtmlDisplayInline.madeInline(e)) return;
        avoidBreakBefore = v.equals("avoid");
        breakBefore = !avoidBreakBefore && pageBreak(v, value, name, e);
      }
      case "page-break-after" -> {
        if (HtmlDisplayInline.madeInline(e)) return;
        avoidAfter = false;
        breakAfter = pageBreak(v, value, name, e);
        keepWithNext = v.equals("avoid") && isHeading(e.normalName());
      }
      // openhtmltopdf 1.1.65 breaks no page for the CSS3 names (measured: break-before: page, break-after: page,
      // break-inside: avoid all change nothing), so neither does this engine (D36)
      case "break-before", "break-after", "break-inside" -> {}
      case "page-break-inside" -> {
        if (HtmlDisplayInline.madeInline(e)) return;
        switch (v) {
          case "avoid" -> avoidInside = true;
          case "auto" -> avoidInside = false;
          // not values of page-break-inside: openhtmltopdf drops the declaration and the one cascaded before stays
          // (measured: avoid, then always, keeps the box whole), as WooCommerce's PDF invoice's tables have it
          case "always", "never" -> { }
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
        // two lengths are a horizontal and a vertical spacing (a statement's "0 1px": rows a pixel apart, cells
        // side by side); points() read "8pt 0" as one length, wrongly
        String[] two = SPACES.split(v);
        double pt = points(two[0]);
        double vertical = two.length == 2 ? points(two[1]) : pt;
        if (two.length > 2 || Double.isNaN(pt) || Double.isNaN(vertical)) {
          refuse("CSS value '" + value + "' for 'border-spacing'", e);
        } else {
          spacing = pt;
          rowSpacing = vertical;
        }
      }
      case "float" -> {
        switch (v) {
          // a floated image is not drawn as a block here; a floated span is (HtmlFlow.displayedBlock), a floated
          // table as a table (HtmlFlow.floats)
          case "left", "right" -> {
            String tag = e.normalName();
            if (BLOCKS.contains(tag) && !tag.equals("hr") && !tag.equals("body") || tag.equals("table")
                || inline(tag) && !tag.equals("br") || replaced(tag)) {
              floating = v;
            } else {
              refuse("CSS float", e);
            }
          }
          case "none" -> floating = null;
          default -> refuse("CSS value '" + value + "' for 'float'", e);
        }
      }
      case "clear" -> {
        switch (v) {
          case "left", "right", "both" -> clear = v;
          case "none" -> clear = null;
          default -> refuse("CSS value '" + value + "' for 'clear'", e);
        }
      }
      case "overflow" -> {
        switch (v) {
          case "hidden" -> {
            contains = true;
            overflowAuto = false;
          }
          case "auto" -> {
            contains = true;
            overflowAuto = true;
          }
          case "visible" -> contains = false;
          default -> refuse("CSS value '" + value + "' for 'overflow'", e);
        }
      }
      case "list-style-type", "list-style" -> {
        // one keyword and a position: the marker images of the shorthand are not drawn directly
        String type = v.equals("outside") ? listStyle : v.replaceAll("\\s+outside$|^outside\\s+", "");
        if (name.equals("list-style")) {
          markerInside = type.matches("inside|.*\\sinside|inside\\s.*");
          type = type.equals("inside") ? listStyle : type.replaceAll("\\s+inside$|^inside\\s+", "");
        }
        switch (type) {
          case "none", "disc", "square", "decimal", "lower-alpha", "upper-alpha", "lower-latin", "upper-latin",
              "lower-roman", "upper-roman", "decimal-leading-zero" -> listStyle = type;
          default -> refuse("CSS value '" + value + "' for '" + name + "'", e);
        }
      }
      case "list-style-position" -> {
        switch (v) {
          case "outside" -> markerInside = false;
          // the first line moved over by the marker's width (HtmlFlow.paragraph), as openhtmltopdf's InlineBoxing
          case "inside" -> markerInside = true;
          default -> refuse("CSS value '" + value + "' for '" + name + "'", e);
        }
      }
      case "table-layout" -> fixed = v.equals("fixed");
      case "-fs-table-paginate" -> paginate = v.equals("paginate");
      case "white-space" -> {
        switch (v) {
          // pre: every space and line break kept and no line wrapped (HtmlFlow.Runs.append, HtmlFlow.wrap)
          case "normal", "nowrap", "pre-line", "pre-wrap", "pre" -> {
            nowrap = v.equals("nowrap") || v.equals("pre");
            keepNewlines = v.startsWith("pre");
            keepSpaces = v.equals("pre-wrap") || v.equals("pre");
          }
          default -> refuse("CSS value '" + value + "' for 'white-space'", e);
        }
      }
      case "word-wrap" -> breakWord = v.equals("break-word");
      // properties openhtmltopdf does not know (measured: no word broken, in a block or a cell): ignored there too
      case "overflow-wrap", "word-break" -> {
      }
      case "text-transform" -> {
        switch (v) {
          case "uppercase" -> transform = 'u';
          case "lowercase" -> transform = 'l';
          case "capitalize" -> transform = 'c';
          case "none" -> transform = 0;
          default -> refuse("CSS value '" + value + "' for 'text-transform'", e);
        }
      }
      case "box-sizing" -> {
        switch (v) {
          case "border-box" -> borderBox = true;
          case "content-box" -> borderBox = false;
          default -> refuse("CSS value '" + value + "' for 'box-sizing'", e);
        }
      }
      case "justify-content", "align-items", "align-content", "align-self", "justify-items", "justify-self",
          "place-items", "place-content", "place-self", "gap", "row-gap", "grid-gap", "grid-row-gap",
          "grid-column-gap", "flex", "flex-grow", "flex-shrink", "flex-basis", "flex-direction", "flex-wrap",
          "flex-flow", "order", "grid-template-columns", "grid-template-rows", "grid-template-areas",
          "grid-template", "grid-area", "grid-column", "grid-row", "grid-column-start", "grid-column-end",
          "grid-row-start", "grid-row-end", "grid-auto-flow", "grid-auto-columns", "grid-auto-rows", "grid" -> {
        // properties of flex and grid layout, which openhtmltopdf does not have: it ignores them
      }
      case "border-top-left-radius", "border-top-right-radius", "border-bottom-right-radius",
          "border-bottom-left-radius" -> {
        double pt = points(v);
        if (Double.isNaN(pt) || pt < 0 || v.contains(" ") || radiusHalf != null) {
          refuse("CSS value '" + value + "' for '" + name + "'", e);
          return;
        }
        if (corners == null) corners = new double[] {radius, radius, radius, radius};
        corners[switch (name) {
          case "border-top-left-radius" -> 0;
          case "border-top-right-radius" -> 1;
          case "border-bottom-right-radius" -> 2;
          default -> 3;
        }] = pt;
      }
      case "border-radius" -> {
        // one length for all four corners, drawn on a background without a border (HtmlFlow); two to four lengths
        // (per corner, as CSS expands them) on blocks (RoundedSides); elliptical and percentage radii are not drawn
        double pt = points(v);
        radiusHalf = null;
        corners = null;
        String[] four = v.trim().split("\\s+");
        if (four.length > 1 && four.length <= 4 && !v.contains("/") && !v.contains("%")) {
          double[] c = new double[4];
          for (int i = 0; i < 4; i++) {
            // CSS: a b → a b a b; a b c → a b c b
            String one = four[switch (four.length) {
              case 2 -> i % 2;
              case 3 -> i == 3 ? 1 : i;
              default -> i;
            }];
            c[i] = points(one);
            if (Double.isNaN(c[i]) || c[i] < 0) {
              refuse("CSS value '" + value + "' for 'border-radius'", e);
              return;
            }
          }
          corners = c;
          return;
        }
        if (PERCENT.matcher(v).matches() && Double.parseDouble(v.substring(0, v.length() - 1)) >= 50) {
          // openhtmltopdf takes a % radius of the box's own height and width per corner and scales radii that
          // overlap down to fit (BorderPropertySet.normalizedInstance): from 50% on, each corner is half the height
          // by half the width, a circle or ellipse, which any radius as long as the box draws here as well
          radiusHalf = value;
          radius = HALF;
        } else if (Double.isNaN(pt) || pt < 0 || v.endsWith("%") || v.contains(" ") || v.contains("/")) {
          refuse("CSS value '" + value + "' for 'border-radius'", e);
        } else {
          radius = pt;
        }
      }
      case "transform" -> {
        java.util.regex.Matcher m = ROTATE.matcher(v);
        if (v.equals("none")) rotate = 0;
        else if (m.matches()) rotate = Double.parseDouble(m.group(1));
        else refuse("CSS value '" + value + "' for 'transform'", e);
      }
      case "caption-side" -> {
        // Bootstrap's .table sets bottom: with no <caption> under it nothing moves; openhtmltopdf puts a caption
        // below its table then (measured), a place not measured further here
        if (!v.equals("top") && (!v.equals("bottom") || e.normalName().equals("caption")
            || !e.select("caption").isEmpty())) {
          refuse("CSS value '" + value + "' for 'caption-side' on a table with a caption", e);
        }
      }
      case "hyphens" -> {
        // openhtmltopdf hyphenates only with a Hyphenator given to its builder (useHyphenation), which the HTML
        // engine gives none: 'hyphens: auto' breaks no word there (measured on a justified German letter)
      }
      case "opacity" -> {
        // not a property openhtmltopdf knows (measured: the box is drawn opaque, no ExtGState): ignored there too
      }
      case "font-variant-numeric" -> {
        // not a property openhtmltopdf knows, and it applies no OpenType features: DejaVu Sans's figures, all of one
        // width already, are drawn as they are (measured: tabular-nums changes nothing there)
      }
      case "font-variant" -> {
        switch (v) {
          // openhtmltopdf's TextUtil sets small capitals as capitals of the full size (measured)
          case "small-caps" -> smallCaps = true;
          case "normal" -> smallCaps = false;
          default -> refuse("CSS value '" + value + "' for 'font-variant'", e);
        }
      }
      case "print-color-adjust", "color-adjust", "font-feature-settings", "text-rendering" -> {
        // properties openhtmltopdf does not know, which a template for Chromium sets (print backgrounds exactly,
        // tabular figures, legible text): dropped there, the document drawn as without them (measured)
      }
      case "box-shadow", "outline", "outline-width", "outline-style", "outline-color", "outline-offset" -> {
        // openhtmltopdf draws neither (measured: a 10px #c00 shadow and a 3px #c00 outline left no red pixel)
      }
      case "cursor" -> {
        // known to openhtmltopdf, but a pointer's shape is nothing a page shows
      }
      case "word-spacing" -> {
        // openhtmltopdf parses it, but its layout never reads it (nothing uses CSSName.WORD_SPACING; measured: words
        // spaced by 6px or 0.5em stand where they stand without it, justified or not): dropped here too
      }
      case "text-overflow" -> {
        // openhtmltopdf draws no ellipsis (measured); and no line overflows its box here: cells of automatic layout
        // widen to their text, and a nowrap line wider than its block is sent to openhtmltopdf
      }
      case "text-decoration" -> {
        underline = false;
        lineThrough = false;
        for (String part : SPACES.split(v)) {
          switch (part) {
            case "none" -> {}
            case "underline" -> underline = true;
            case "line-through" -> lineThrough = true;
            default -> refuse("CSS text-decoration '" + value + "'", e);
          }
        }
      }
      case "letter-spacing" -> {
        if (v.equals("normal") || v.equals("0")) {
          letterSpacing = 0;
        } else if (EM_LENGTH.matcher(v).matches()) {
          // openhtmltopdf: the em of this element's font size in whole dots, the product rounded to a dot
          double em = Double.parseDouble(v.substring(0, v.length() - 2));
          letterSpacing = Math.round(em * Math.round(size * DOTS_PER_POINT)) / DOTS_PER_POINT;
        } else {
          double pt = ABSOLUTE_LENGTH.matcher(v).matches() ? Styles.points(v.replace("-", ""), size,
              Double.NaN) : Double.NaN;
          if (Double.isNaN(pt) || pt < 0) refuse("CSS value '" + value + "' for 'letter-spacing'", e);
          else letterSpacing = Math.round((v.startsWith("-") ? -pt : pt) * DOTS_PER_POINT) / DOTS_PER_POINT;
        }
      }
      default -> {
        if (HtmlCss.OPENHTMLTOPDF_PROPERTIES.contains(name)) refuse("CSS property '" + name + "'", e);
      }
    }
  }

  /**
   * Whether a font-family list names a family ThreadFonts gives openhtmltopdf (its FAMILIES), as openhtmltopdf
   * matches names: without quotes, in any case, {@code sans-serif} also as {@code SansSerif}.
   */
  static boolean bundledFamily(String list) {
    for (String family : families(list)) {
      if (BUNDLED_FAMILIES.contains(family)) return true;
    }
    return false;
  }

  /**
   * The families of a font-family list as openhtmltopdf reads them, lower-cased, white space collapsed: parted at
   * commas, and after a quoted name (measured: {@code "Inter" sans-serif}, its comma missing, is Inter then
   * sans-serif there, so DejaVu Sans, while {@code Inter sans-serif} is the one family "Inter sans-serif", so
   * Times-Roman).
   */
  static List<String> families(String list) {
    List<String> out = new ArrayList<>();
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (c == '"' || c == '\'') {
        int end = list.indexOf(c, i + 1);
        if (end < 0) end = list.length();
        if (!name.toString().isBlank()) out.add(name.toString());
        out.add(list.substring(i + 1, end));
        name.setLength(0);
        i = end;
      } else if (c == ',') {
        if (!name.toString().isBlank()) out.add(name.toString());
        name.setLength(0);
      } else {
        name.append(c);
      }
    }
    if (!name.toString().isBlank()) out.add(name.toString());
    out.replaceAll(f -> f.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
    return out;
  }

  /** Why a family list naming none of {@link #BUNDLED_FAMILIES} is refused: openhtmltopdf sets it in Times-Roman. */
  static final String UNSET_FAMILY = "(none of it is set in DejaVu Sans, as sans-serif, serif, Arial, Helvetica,"
      + " Georgia and the other usual families are)";

  /** The families the HTML engine sets in DejaVu Sans, lower-cased as {@link #families} gives them. */
  private static final Set<String> BUNDLED_FAMILIES = java.util.stream.Stream.concat(
      java.util.stream.Stream.of("dejavu sans", "sans-serif", "sansserif", "serif"),
      dev.platen.render.pdf.ThreadFonts.ALIASES.stream().map(f -> f.toLowerCase(Locale.ROOT)))
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /**
   * The first family of a list that openhtmltopdf's built-in fonts answer to (its PdfBoxFontResolver's initial
   * map, matched in any case), lower-cased, or null: a list of none of them falls back to Times-Roman.
   */
  static String builtInFamily(String list) {
    for (String family : families(list)) {
      if (BUILT_IN_FAMILIES.contains(family)) return family;
    }
    return null;
  }

  private static final Set<String> BUILT_IN_FAMILIES = Set.of("courier", "dialoginput", "monospaced", "monospace",
      "helvetica", "dialog", "times", "timesroman", "symbol", "zapfdingbats");
  /** The names openhtmltopdf gives its built-in Courier. */
  private static final Set<String> COURIER = Set.of("courier", "dialoginput", "monospaced", "monospace");

  /** Table parts: a % height is not taken of or on them here. */
  private static final Set<String> CELLS = Set.of("td", "th", "tr");
  /** A radius longer than any box: each corner is then half the box's width by half its height. */
  private static final double HALF = 1e6;

  /**
   * A % height as openhtmltopdf's BlockBox.getCSSHeight takes it: of the parent's CSS height as declared (its
   * {@code height} in whole dots, content or border box as its box-sizing reads it), cut to a whole dot. Refused
   * where the parent has no height of a length (openhtmltopdf then takes it of -1: auto at 100%, 0 below) or is
   * not a block in the flow.
   */
  private void percentHeight(HtmlStyle parent, Element e) {
    Element up = e.parent();
    String ptag = up == null ? "" : up.normalName();
    if (Double.isNaN(parent.boxHeight) || !HEIGHTS.contains(ptag) || CELLS.contains(ptag) || parent.floating != null
        || parent.absolute || parent.inlineBlock || parent.displayBlock) {
      refuse("CSS value '" + percentHeightValue + "' for 'height'", e);
      return;
    }
    long of = (long) (parent.boxHeight * DOTS_PER_POINT + 1e-6);
    boxHeight = (int) ((float) percentHeight / 100F * of) / DOTS_PER_POINT;
  }

  /** Elements whose height is drawn here (HtmlFlow.block, HtmlTables.row), besides an image's. */
  private static final Set<String> HEIGHTS = Set.of("div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "section", "hr",
      "header", "footer", "article", "main", "address", "td", "th", "tr");

  /** Display values openhtmltopdf does not know, whose declaration it drops. */
  private static final Set<String> FLEX_GRID = Set.of("flex", "inline-flex", "grid", "inline-grid");

  /** Text as openhtmltopdf transforms it before layout (TextUtil: the JVM's default locale, as there). */
  String transform(String text) {
    // as TextUtil.transformText: lower case first, then upper case for uppercase or small-caps
    if (transform == 'l' && !smallCaps) return text.toLowerCase(Locale.getDefault());
    if (transform == 'u' || smallCaps) text = text.toUpperCase(Locale.getDefault());
    return transform == 'c' ? title(text) : text;
  }

  /**
   * openhtmltopdf's DefaultToTitleTransformer, per text node as it transforms each: the first letter after white
   * space (or the node's start) in title case, the rest as written. Only white space starts a word there, so
   * "jean-luc o'neil" is "Jean-luc O'neil", and a letter after digits is the first: "3rd" is "3Rd".
   */
  static String title(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean first = true;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (Character.isLetter(cp) && first) {
        out.appendCodePoint(Character.toTitleCase(cp));
        first = false;
      } else {
        out.appendCodePoint(cp);
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) first = true;
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  /** What the element is without a display declaration; declaring exactly that changes nothing. */
  private static String naturalDisplay(String tag) {
    return switch (tag) {
      case "table" -> "table";
      case "tr" -> "table-row";
      case "td", "th" -> "table-cell";
      case "caption" -> "table-caption";
      case "thead" -> "table-header-group";
      case "tbody" -> "table-row-group";
      case "tfoot" -> "table-footer-group";
      case "span", "b", "strong", "i", "em", "font", "a", "small", "big", "u", "ins", "s", "strike", "del", "code", "kbd",
          "samp", "tt", "sup", "sub", "label", "mark", "cite", "var", "dfn", "abbr" -> "inline";
      case "img" -> "inline-block";
      case "li" -> "list-item";
      default -> "block";
    };
  }

  private boolean pageBreak(String v, String value, String name, Element e) {
    switch (v) {
      case "always" -> {
        return true;
      }
      case "auto" -> {
        return false;
      }
      case "avoid" -> {
        // openhtmltopdf keeps headings with what follows only loosely; the canvas path ignores it the same way
        if (name.endsWith("after") && isHeading(e.normalName())) return false;
        // nor on a table cell: measured, a group heading's th { page-break-after: avoid } moved no break (on its
        // row it did: refused below)
        if (name.endsWith("after") && (e.normalName().equals("td") || e.normalName().equals("th"))) return false;
        // openhtmltopdf keeps a box with its next sibling only (measured for headings): on a block that ends its
        // parent (a DIN invoice's one .page wrapper) it changes nothing; before another, HtmlFlow.block refuses it
        if (name.endsWith("after") && BLOCKS.contains(e.normalName()) && !e.normalName().equals("body")) {
          avoidAfter = true;
          return false;
        }
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

  /**
   * One side of a margin or padding: a length, a percentage of the containing block's width, or a margin's auto.
   *
   * @return false when the value was refused
   */
  private boolean boxSide(String name, int side, String part, String value, Element e) {
    boolean isMargin = name.equals("margin");
    double[] box = isMargin ? margin : padding;
    box[side] = 0;
    if (isMargin) {
      marginPercent[side] = Double.NaN;
      autoMargin[side] = false;
    }
    if (part.equals("auto") && isMargin) {
      autoMargin[side] = true;
    } else if (PERCENT.matcher(part).matches() && isMargin) {
      // openhtmltopdf takes a margin's percentage of the containing block's width, the top and bottom too, as CSS
      // does (measured); where it is resolved is judged by HtmlFlow.block
      marginPercent[side] = Double.parseDouble(part.substring(0, part.length() - 1));
    } else if (part.startsWith("-") && isMargin && (side == LEFT || side == RIGHT) && !Double.isNaN(points(part.substring(1)))) {
      // a grid row's gutters (Bootstrap's .row { margin: 0 -15px }): the box wider than its container, as in CSS;
      // judged where the element's kind is known (HtmlStyle.of)
      box[side] = -points(part.substring(1));
    } else {
      double pt = points(part);
      if (Double.isNaN(pt)) {
        refuse("CSS value '" + value + "' for '" + name + "'", e);
        return false;
      }
      box[side] = pt;
    }
    return true;
  }

  /**
   * The margin of a block in a containing block {@code avail} wide: its percentages resolved as openhtmltopdf's
   * LengthValue resolves them, in float arithmetic of the width in whole dots, rounded to a dot (measured: 1.5% of
   * 12,850 dots is 193, on the top and on the left).
   */
  double[] margin(double avail) {
    double[] out = null;
    for (int side = 0; side < 4; side++) {
      if (Double.isNaN(marginPercent[side])) continue;
      if (out == null) out = margin.clone();
      float dots = (float) marginPercent[side] / 100F * Math.round(avail * DOTS_PER_POINT);
      out[side] = Math.round(dots) / DOTS_PER_POINT;
    }
    return out == null ? margin : out;
  }

  static boolean inCell(Element e) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p.normalName().equals("td") || p.normalName().equals("th")) return true;
    }
    return false;
  }

  /** Whether a margin is a percentage. */
  boolean percentMargin() {
    for (double p : marginPercent) {
      if (!Double.isNaN(p)) return true;
    }
    return false;
  }

  /** The words of a value: white space outside parentheses, so {@code rgba(0, 0, 0, .4)} is one. */
  private static final java.util.regex.Pattern WORDS = java.util.regex.Pattern.compile("\\s+(?![^(]*\\))");
  /** The {@code font} shorthand, as {@link #fontShorthand} reads it. */
  private static final java.util.regex.Pattern FONT = java.util.regex.Pattern.compile(
      "((?:(?:normal|italic|oblique|small-caps|bold|bolder|lighter|[1-9]00)\\s+)*)([0-9.]+[a-z%]*)"
          + "(?:\\s*/\\s*([0-9.]+[a-z%]*|normal))?(?:\\s+(.+))?", java.util.regex.Pattern.CASE_INSENSITIVE);
  // the patterns and keywords style computation tests values against, compiled once (String.matches and split
  // compile theirs on every call: Pattern.compile was 4% of a JFR profile of an invoice's direct renders)
  private static final java.util.regex.Pattern PERCENT = java.util.regex.Pattern.compile("\\d+(\\.\\d+)?%");
  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("\\d+(\\.\\d+)?|\\.\\d+");
  private static final java.util.regex.Pattern BORDER_SIDE = java.util.regex.Pattern.compile("border-(top|right|bottom|left)");
  private static final java.util.regex.Pattern COLOUR_WORDS = java.util.regex.Pattern.compile("[\\s,()]+");
  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");
  private static final java.util.regex.Pattern EM_LENGTH = java.util.regex.Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)em");
  private static final java.util.regex.Pattern ABSOLUTE_LENGTH = java.util.regex.Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)(px|pt|mm|cm|in)");
  private static final java.util.regex.Pattern HEX_DIGITS = java.util.regex.Pattern.compile("\\p{XDigit}+");
  private static final Set<String> PATTERNED = Set.of("dashed", "dotted", "double");
  private static final Set<String> SHADED = Set.of("groove", "ridge", "inset", "outset");
  private static final Set<String> KEYWORD_WIDTHS = Set.of("thin", "medium", "thick");

  /** One side's border style: every field a style sets, so a later declaration replaces all of an earlier one's. */
  private void borderStyle(int side, boolean solid, boolean insetLeft, char kind, String undrawn) {
    borderSolid[side] = solid;
    this.insetLeft[side] = insetLeft;
    borderKind[side] = kind;
    this.undrawn[side] = undrawn;
  }

  /** A border shorthand, or one of its longhands (by {@code name}), applied to one side. */
  private void border(int side, String v, String value, String name, Element e) {
    boolean all = name.equals("border") || BORDER_SIDE.matcher(name).matches();
    boolean sawWidth = false, sawStyle = false, sawColor = false;
    for (String part : WORDS.split(v)) {
      if (part.isEmpty()) continue;
      if (part.equals("none") || part.equals("hidden")) {
        borderStyle(side, false, false, (char) 0, null);
        sawStyle = true;
      } else if (part.equals("solid")) {
        borderStyle(side, true, false, (char) 0, null);
        sawStyle = true;
      } else if (part.equals("inset") && e.normalName().equals("hr") && !inset[side]) {
        inset[side] = true; // the default of <hr>: fine once the author's border replaces it
        borderStyle(side, false, true, (char) 0, null);
        sawStyle = true;
      } else if (PATTERNED.contains(part)) {
        // drawn with openhtmltopdf's dash patterns and thirds (HtmlFlow.borders); as wide as a solid border
        borderStyle(side, true, false, part.charAt(2) == 's' ? DASHED : part.charAt(2) == 't' ? DOTTED : DOUBLE, null);
        sawStyle = true;
      } else if (SHADED.contains(part)) {
        // refused once the cascade is done if the side has a width: a table's border="0" is "0px inset black"
        borderStyle(side, false, false, (char) 0, part);
        sawStyle = true;
      } else if (KEYWORD_WIDTHS.contains(part) || Character.isDigit(part.charAt(0)) || part.charAt(0) == '.') {
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
        // a transparent border (a ledger's cells: 1px solid transparent) takes its room and paints nothing: drawn
        // with an alpha of 0
        int c = part.equals("transparent") ? Ops.withAlpha(0, 0) : color(part);
        if (c < 0) {
          refuse("CSS value '" + value + "' for '" + name + "'", e);
          return;
        }
        borderRgb[side] = c;
        sawColor = true;
      }
    }
    if (all && !sawWidth) border[side] = 3 * Styles.PX; // the shorthand resets the width to medium
    if (all && !sawStyle) borderStyle(side, false, insetLeft[side], (char) 0, null);
    if (all && !sawColor) borderRgb[side] = -1;
  }

  /** {@code rgb} with an {@code rgba()} or {@code hsla()} alpha, or -2 for an alpha not drawn exactly here. */
  private static int withAlpha(int rgb, String alphaText) {
    // openhtmltopdf fills with the alpha as its ExtGState's /ca: hundredths keep it exact (0.05, 0.5)
    String a = alphaText.trim();
    if (!a.matches("(0|1)?(\\.\\d{0,2})?") || a.isEmpty() || a.equals(".")) return -2;
    double alpha = Double.parseDouble(a.startsWith(".") ? "0" + a : a);
    if (alpha > 1) return -2;
    return Ops.withAlpha(rgb, (int) Math.round(alpha * 100));
  }

  /**
   * {@code hsl(h, s%, l%)} and {@code hsla(h, s%, l%, a)} as openhtmltopdf converts them (CSSParser's
   * createRGBColorFromHSLFunction and FSRGBColor.fromHSL, in its float arithmetic): the hue in degrees (a number or
   * deg), saturation and lightness as percentages clamped to 0..100, through HSB to RGB rounded half up as
   * java.awt.Color's HSBtoRGB, which its own copies. Either function takes three or four arguments (hsl() an
   * alpha too). -2 for anything else (rad, grad, turn, space-separated arguments): not drawn here.
   */
  private static int hsl(String c) {
    String[] parts = c.substring(c.indexOf('(') + 1, c.length() - 1).split(",");
    if (parts.length != 3 && parts.length != 4) return -2;
    String hue = parts[0].trim();
    if (hue.endsWith("deg")) hue = hue.substring(0, hue.length() - 3);
    String[] sl = {parts[1].trim(), parts[2].trim()};
    String number = "[-+]?(\\d+(\\.\\d*)?|\\.\\d+)";
    if (!hue.matches(number) || !sl[0].matches(number + "%") || !sl[1].matches(number + "%")) return -2;
    float h = Float.parseFloat(hue);
    float sat = Math.min(1f, Math.max(0f, Float.parseFloat(sl[0].substring(0, sl[0].length() - 1)) / 100f));
    float light = Math.min(1f, Math.max(0f, Float.parseFloat(sl[1].substring(0, sl[1].length() - 1)) / 100f));
    float h1 = (h % 360f + 360f) % 360f / 360f;
    float value = light + sat * Math.min(light, 1f - light);
    float satB = value == 0f ? 0f : (1f - light / value) * 2f;
    int rgb = java.awt.Color.HSBtoRGB(h1, satB, value) & 0xffffff;
    return parts.length == 3 ? rgb : withAlpha(rgb, parts[3]);
  }

  /** openhtmltopdf's colour names (its Conversions.COLORS, 139 of CSS's: no 'lightgray', 'darkgrey', …). */
  private static final Map<String, Integer> NAMED = named(
      "aliceblue f0f8ff antiquewhite faebd7 aqua 00ffff aquamarine 7fffd4 azure f0ffff beige f5f5dc "
      + "black 000000 blue 0000ff blueviolet 8a2be2 brown a52a2a burlywood deb887 cadetblue 5f9ea0 "
      + "chartreuse 7fff00 chocolate d2691e coral ff7f50 cornflowerblue 6495ed cornsilk fff8dc "
      + "crimson dc143c cyan 00ffff darkblue 00008b darkcyan 008b8b darkgoldenrod b8860b darkgray a9a9a9 "
      + "darkgreen 006400 darkkhaki bdb76b darkmagenta 8b008b darkolivegreen 556b2f darkorange ff8c00 "
      + "darkorchid 9932cc darkred 8b0000 darksalmon e9967a darkseagreen 8fbc8f darkslateblue 483d8b "
      + "darkslategray 2f4f4f darkturquoise 00ced1 darkviolet 9400d3 deeppink ff1493 deepskyblue 00bfff "
      + "dimgray 696969 dodgerblue 1e90ff firebrick b22222 floralwhite fffaf0 forestgreen 228b22 "
      + "fuchsia ff00ff gainsboro dcdcdc ghostwhite f8f8ff gold ffd700 goldenrod daa520 gray 808080 "
      + "green 008000 greenyellow adff2f grey 808080 honeydew f0fff0 hotpink ff69b4 indianred cd5c5c "
      + "indigo 4b0082 ivory fffff0 khaki f0e68c lavender e6e6fa lavenderblush fff0f5 lawngreen 7cfc00 "
      + "lemonchiffon fffacd lightblue add8e6 lightcoral f08080 lightcyan e0ffff lightgoldenrodyellow fafad2 "
      + "lightgreen 90ee90 lightgrey d3d3d3 lightpink ffb6c1 lightsalmon ffa07a lightseagreen 20b2aa "
      + "lightskyblue 87cefa lightslategray 778899 lightsteelblue b0c4de lightyellow ffffe0 lime 00ff00 "
      + "limegreen 32cd32 linen faf0e6 magenta ff00ff maroon 800000 mediumaquamarine 66cdaa "
      + "mediumblue 0000cd mediumorchid ba55d3 mediumpurple 9370db mediumseagreen 3cb371 "
      + "mediumslateblue 7b68ee mediumspringgreen 00fa9a mediumturquoise 48d1cc mediumvioletred c71585 "
      + "midnightblue 191970 mintcream f5fffa mistyrose ffe4e1 moccasin ffe4b5 navajowhite ffdead "
      + "navy 000080 oldlace fdf5e6 olive 808000 olivedrab 6b8e23 orange ffa500 orangered ff4500 "
      + "orchid da70d6 palegoldenrod eee8aa palegreen 98fb98 paleturquoise afeeee palevioletred db7093 "
      + "papayawhip ffefd5 peachpuff ffdab9 peru cd853f pink ffc0cb plum dda0dd powderblue b0e0e6 "
      + "purple 800080 red ff0000 rosybrown bc8f8f royalblue 4169e1 saddlebrown 8b4513 salmon fa8072 "
      + "sandybrown f4a460 seagreen 2e8b57 seashell fff5ee sienna a0522d silver c0c0c0 skyblue 87ceeb "
      + "slateblue 6a5acd slategray 708090 snow fffafa springgreen 00ff7f steelblue 4682b4 tan d2b48c "
      + "teal 008080 thistle d8bfd8 tomato ff6347 turquoise 40e0d0 violet 0ee82e wheat f5deb3 white ffffff "
      + "whitesmoke f5f5f5 yellow ffff00 yellowgreen 9acd32 ");

  /** CSS's colour names that openhtmltopdf's list lacks: its spellings of grey and gray, and rebeccapurple. */
  static final Set<String> LACKED = Set.of("lightgray", "darkgrey", "darkslategrey", "dimgrey",
      "lightslategrey", "slategrey", "rebeccapurple");

  /** A CSS string of white space alone, {@code " "} or {@code ''}: the content of a table clearfix. */
  private static final java.util.regex.Pattern BLANK_STRING = java.util.regex.Pattern.compile("\"\\s*\"|'\\s*'");
  private static final java.util.regex.Pattern BACKGROUND_WORD =
      java.util.regex.Pattern.compile("[^\\s(]+(\\([^)]*\\))?");
  private static final java.util.regex.Pattern BACKGROUND_PLACE = java.util.regex.Pattern.compile(
      "none|repeat|repeat-x|repeat-y|no-repeat|scroll|left|right|top|bottom|center|0|-?[0-9.]+(%|px|pt|em|mm|cm|in)");

  /**
   * The colour of a background shorthand whose image is none ({@code #fff none}, {@code none repeat scroll 0 0
   * #eee}), -1 for none: without an image its repeat and position draw nothing; -2 for anything else (an image, two
   * colours, a word it does not know).
   */
  static int backgroundColour(String v) {
    int colour = -1;
    boolean seen = false;
    java.util.regex.Matcher m = BACKGROUND_WORD.matcher(v);
    while (m.find()) {
      String word = m.group();
      if (BACKGROUND_PLACE.matcher(word).matches()) continue;
      int c = word.equals("transparent") ? -1 : color(word);
      if (seen || c == -2 || c < -1) return -2;
      seen = true;
      colour = c;
    }
    return colour;
  }

  private static boolean lacksColour(String v) {
    for (String word : COLOUR_WORDS.split(v)) {
      if (LACKED.contains(word) || HEX_ALPHA.matcher(word).matches()) return true;
    }
    return false;
  }

  /**
   * A hex colour with an alpha digit or two ({@code #rgba}, {@code #rrggbbaa}), which openhtmltopdf's parser does
   * not read: the declaration is dropped there, shorthand and all (measured: an earlier border or background stays).
   */
  private static final java.util.regex.Pattern HEX_ALPHA = java.util.regex.Pattern.compile("#(\\p{XDigit}{4}|\\p{XDigit}{8})");

  private static Map<String, Integer> named(String table) {
    String[] t = table.trim().split(" ");
    Map<String, Integer> m = new java.util.HashMap<>();
    for (int i = 0; i < t.length; i += 2) m.put(t[i], Integer.parseInt(t[i + 1], 16));
    return Map.copyOf(m);
  }

  /**
   * 0xRRGGBB, with an {@code rgba()} colour's transparency above it (see {@link Ops#alpha}), or -2 for anything but
   * hex, {@code rgb()}, {@code rgba()} with an alpha of at most two decimals and openhtmltopdf's colour names.
   */
  static int color(String v) {
    String c = v.trim().toLowerCase(Locale.ROOT);
    if ((c.startsWith("hsl(") || c.startsWith("hsla(")) && c.endsWith(")")) return hsl(c);
    boolean rgba = c.startsWith("rgba(");
    if ((c.startsWith("rgb(") || rgba) && c.endsWith(")")) {
      String inside = c.substring(rgba ? 5 : 4, c.length() - 1);
      // CSS Color 4's space-separated rgb(17 24 39), which openhtmltopdf reads as rgb(17, 24, 39) (measured); with
      // an alpha after a slash it is not measured
      if (!rgba && inside.matches("\\s*\\d+\\s+\\d+\\s+\\d+\\s*")) inside = String.join(",", inside.trim().split("\\s+"));
      String[] parts = inside.split(",");
      if (parts.length != (rgba ? 4 : 3)) return -2;
      int rgb = 0;
      for (int i = 0; i < 3; i++) {
        try {
          int n = Integer.parseInt(parts[i].trim());
          if (n < 0 || n > 255) return -2;
          rgb = rgb << 8 | n;
        } catch (NumberFormatException ex) {
          return -2;
        }
      }
      if (!rgba) return rgb;
      return withAlpha(rgb, parts[3]);
    }
    Integer named = NAMED.get(c);
    if (named != null) return named;
    if (c.startsWith("#") && c.length() != 4 && c.length() != 7) return -2;
    if (c.startsWith("#") && !HEX_DIGITS.matcher(c).region(1, c.length()).matches()) return -2;
    int rgb = Styles.rgb(tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(c));
    return rgb < 0 ? -2 : rgb;
  }
}
