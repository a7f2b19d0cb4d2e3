package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlStyle.BOTTOM;
import static dev.platen.render.direct.HtmlStyle.LEFT;
import static dev.platen.render.direct.HtmlStyle.RIGHT;
import static dev.platen.render.direct.HtmlStyle.TOP;

import dev.platen.render.RenderException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Lays an HTML layout's document out onto pages with the box model openhtmltopdf uses for the subset of
 * docs/html-layouts.md: block boxes with margins that collapse, borders, padding and backgrounds; lines of bold
 * and regular runs broken as {@link Text} breaks them; tables in fixed or automatic layout, whose header repeats
 * on every page (laid out by {@link HtmlTables}, their columns by {@link HtmlTableWidths}); images alone on their
 * line. Boxes out of the flow (running, fixed, absolute) are {@link HtmlPositioned}'s. What it cannot place as
 * the HTML engine would (a decorated box or a row that a page break would split, text the font lacks) throws
 * {@link Unsupported}, and the document goes to the HTML engine.
 * One instance per render.
 */
final class HtmlFlow {
  private final List<HtmlCss.Sheet> sheets;
  final Fonts.Pair fonts;
  final Layout images;
  final boolean printBackground;
  /** Set while checking a template without laying it out: structure is checked, nothing is measured. */
  final boolean dry;

  /** @param styles the styles of documents with these sheets: a template version's, or this document's own */
  HtmlFlow(List<HtmlCss.Sheet> sheets, Fonts.Pair fonts, Layout images, boolean printBackground, StyleCache styles) {
    this(sheets, fonts, images, printBackground, false, styles);
  }

  private HtmlFlow(List<HtmlCss.Sheet> sheets, Fonts.Pair fonts, Layout images, boolean printBackground,
      boolean dry, StyleCache styles) {
    this.sheets = sheets;
    this.styles = styles;
    this.fonts = fonts;
    this.images = images;
    this.printBackground = printBackground;
    this.dry = dry;
    this.structural = HtmlCss.structural(sheets);
    this.attributes = HtmlCss.attributes(sheets);
    this.siblingSelectors = HtmlCss.siblingSelectors(sheets);
    boolean display = false;
    for (HtmlCss.Sheet sheet : sheets) {
      for (HtmlCss.Rule rule : sheet.rules()) {
        // a float makes an inline element a block too (displayedBlock)
        for (HtmlCss.Declaration d : rule.declarations()) {
          display |= d.name().equals("display") || d.name().equals("float");
        }
      }
    }
    this.sheetsDisplay = display;
    boolean position = false;
    for (HtmlCss.Sheet sheet : sheets) {
      for (HtmlCss.Rule rule : sheet.rules()) {
        for (HtmlCss.Declaration d : rule.declarations()) position |= d.name().equals("position");
      }
    }
    this.sheetsPosition = position;
    this.tables = new HtmlTables(this);
    this.widths = new HtmlTableWidths(this);
    this.positioned = new HtmlPositioned(this);
  }

  /** Tables (rows, cells, their paging and collapsed borders) are laid out there, calling back here for cells. */
  final HtmlTables tables;
  /** The page's content width, which a table widened by text that cannot break runs past (HtmlTables.cutoff). */
  double pageWidth = Double.POSITIVE_INFINITY;
  /**
   * Set while the cells of a table are laid out whose columns are at their least width and break words inside:
   * where a word's rest fills its line to within openhtmltopdf's rounding of each piece, it breaks that rest
   * again (measured: "2026-01-01" under a column as wide as "2026-" is three lines there), not followed.
   */
  boolean leastColumns;

  /** A table's column widths, fixed or automatic, and the measuring of content that automatic layout needs. */
  final HtmlTableWidths widths;

  /** Boxes out of the flow (running, fixed, absolute) and the containing blocks of absolute ones. */
  final HtmlPositioned positioned;

  /** Whether a style sheet declares position anywhere: only then may an image be out of the flow. */
  private final boolean sheetsPosition;

  /** Whether a style sheet declares display anywhere: only then may an inline element be a block. */
  private final boolean sheetsDisplay;

  /**
   * The style of an inline element that holds blocks only, white space between them (Invoice Ninja's {@code <ninja>}
   * round its divs), and draws nothing itself, or null: openhtmltopdf splits such an element round its blocks into
   * anonymous boxes, as CSS does, so its blocks stand as its parent's would, in its inherited style; laid out here
   * as a block that draws nothing, which places them alike.
   */
  HtmlStyle wrapper(Node n, HtmlStyle parent) throws Unsupported {
    if (!(n instanceof Element e) || !HtmlStyle.inline(e.normalName()) || e.normalName().equals("a")
        || e.normalName().equals("br")) {
      return null;
    }
    boolean blocks = false;
    for (Node c : e.childNodes()) {
      if (c instanceof TextNode t) {
        if (!t.isBlank()) return null;
      } else if (c instanceof Element ce && !HtmlStyle.DROPPED.contains(ce.normalName())) {
        if (!HtmlStyle.BLOCKS.contains(ce.normalName()) && !ce.normalName().equals("table")) return null;
        blocks = true;
      }
    }
    if (!blocks) return null;
    HtmlStyle s = style(e, parent);
    boolean draws = s.decorated(true) || nonZero(s.margin) || nonZero(s.padding) || s.relative || s.absolute
        || s.running != null || s.positionFixed || s.floating != null || !s.decorations.isEmpty() || s.displayBlock
        || s.blockInline || s.inlineBlock || s.breakBefore || s.breakAfter || s.hidden;
    return draws ? null : s;
  }

  /** An inline element made a block by its style ({@code display: block} on a span), or null. */
  HtmlStyle displayedBlock(Node n, HtmlStyle parent) throws Unsupported {
    if (!(n instanceof Element e)) return null;
    boolean img = HtmlStyle.replaced(e.normalName());
    if (!img && !HtmlStyle.inline(e.normalName())) return null;
    // an <svg> is a block by openhtmltopdf's default sheet
    if (!sheetsDisplay && !e.attr("style").contains("display") && !e.attr("style").contains("float")
        && !e.normalName().equals("svg")) {
      return null;
    }
    HtmlStyle s = style(e, parent);
    return s.displayBlock || s.floating != null ? s : null;
  }

  /**
   * Why the document cannot be drawn here, judged from its elements and styles alone (no text is measured), or
   * null. Used at publish on the template itself, where every element of every branch is present once.
   */
  static String refusal(Document doc, List<HtmlCss.Sheet> sheets) {
    try {
      new HtmlFlow(sheets, null, null, true, true, new StyleCache()).document(doc, 500, new Sink.Stack(0, true));
      return null;
    } catch (Unsupported e) {
      return e.reason();
    } catch (RenderException e) {
      return e.getMessage();
    }
  }

  void document(Document doc, double width, Sink sink) throws RenderException {
    pageWidth = width;
    HtmlDisplayTables.rename(doc, sheets, dry);
    HtmlDisplayInline.rename(doc, sheets, dry);
    HtmlStyle html = style(doc.child(0), styles.root);
    double[] hm = html.margin;
    if (html.decorated(true) || hm[LEFT] != 0 || hm[RIGHT] != 0 || html.percentMargin() || html.autoMargin[LEFT]
        || html.autoMargin[RIGHT] || nonZero(html.padding) || html.width != null) {
      throw new Unsupported("a box style on the html element");
    }
    Element body = doc.body();
    HtmlStyle b = style(body, html);
    // the page is started before the first block: openhtmltopdf keeps the document's first top margin (an h1's,
    // a p's), where a page started by a block that did not fit drops it
    sink.slice(0, List.of());
    // the root's top margin (Crater's html { margin-top: 50px }): page 1's flow starts that much lower, the body's
    // own top margin below it, as the root's margins meet no other
    if (hm[TOP] > 0) sink.slice(hm[TOP], List.of());
    sink.opening();
    if (b.relative && (b.decorated(true) || nonZero(b.margin) || nonZero(b.padding) || nonZero(b.offsets))) {
      throw new Unsupported("position: relative on a body with offsets, margins, padding, a border or background");
    }
    // the initial containing block of absolute boxes: the first page's content area (measured, openhtmltopdf's
    // top: 0; left: 0 is its corner)
    List<HtmlPositioned.Absolute> root = new ArrayList<>(0);
    positioned.containers.push(root);
    double[] reach = rootReach(html, b, sink);
    try {
      block(body, b, width, sink);
    } finally {
      positioned.containers.pop();
    }
    if (reach != null && !Double.isNaN(reach[0])) sink.reach(reach[0], true);
    // the html element's box holds the body's margins, the root's meeting no other
    if (reach != null && !Double.isNaN(reach[1])) sink.reach(reach[1], false);
    if (!root.isEmpty() && !dry) positioned.place(root, 0, 0, 0, width, sink.pageHeight(), sink, true);
    // its bottom margin ends the document; where it would reach past a page's bottom, whether openhtmltopdf adds a
    // page for it is not measured
    if (hm[BOTTOM] > 0 && !dry && !sink.fits(hm[BOTTOM])) {
      throw new Unsupported("the html element's bottom margin past the end of a page");
    }
  }

  /**
   * How far down the strip of pages, from page 1's top, the body and the html element of a set height end
   * ({@code html, body { height: 100% }}), NaN for one without: as openhtmltopdf lays them out (measured), the html
   * element's % is of page 1's content height, the body's of the html element's (none where that is automatic), each
   * cut to a whole dot. The body starts at its own top margin, its first block's top margin not moving it; its last
   * block's bottom margin still goes out below it, so a body of the page's height over a short letter ending in a
   * paragraph prints a second page, blank. Content taller than the box goes on over it, as openhtmltopdf lets it
   * overflow.
   */
  private double[] rootReach(HtmlStyle html, HtmlStyle b, Sink sink) throws Unsupported {
    long page = (long) (sink.pageHeight() * HtmlStyle.DOTS_PER_POINT + 1e-6);
    long root = rootDots(html.rootHeight, page);
    long own = rootDots(b.rootHeight, root);
    if (root < 0 && own < 0) return null;
    if (html.margin[TOP] != 0 || nonZero(b.padding) || b.bordered() || !Double.isNaN(b.minHeight)
        || b.margin[TOP] < 0 || !Double.isNaN(b.marginPercent[TOP])) {
      throw new Unsupported("a height on the html or body element with a top margin on html, or padding, a border,"
          + " min-height or a negative or % top margin on body");
    }
    if (dry) return null;
    return new double[] {own < 0 ? Double.NaN : b.margin[TOP] + own / HtmlStyle.DOTS_PER_POINT,
        root < 0 ? Double.NaN : root / HtmlStyle.DOTS_PER_POINT};
  }

  /** A root element's height in whole dots, a % of {@code of} (-1 where that is automatic); -1 for none. */
  private static long rootDots(String height, long of) {
    if (height == null) return -1;
    if (height.endsWith("%")) {
      return of < 0 ? -1 : (int) ((float) Double.parseDouble(height.substring(0, height.length() - 1)) / 100F * of);
    }
    return dotsOf(Styles.points(height, 0, 0));
  }

  /**
   * What decides an element's style: its parent's style (by identity, so the whole chain of ancestors, which is
   * all selectors look at) and its own tag, classes, id, style attribute and presentational attributes. A
   * 1,000-row table has a handful.
   */
  private record StyleKey(HtmlStyle parent, String tag, String classes, String id, String style, String href,
      long position, String hints, List<String> attributes, java.util.BitSet siblings) {}

  private final StyleCache styles;

  /**
   * Computed styles by key, from one root: a template version keeps one across its renders (Plan.styles), as a
   * key decides a style whatever document it is met in. Read and filled by render threads at once; an HtmlStyle
   * is not changed once made. Bounded, for data that writes its own style attributes.
   */
  static final class StyleCache {
    private static final int MOST = 2_000;
    final HtmlStyle root = HtmlStyle.root();
    private final java.util.concurrent.ConcurrentHashMap<StyleKey, HtmlStyle> map =
        new java.util.concurrent.ConcurrentHashMap<>();

    HtmlStyle get(StyleKey key) {
      return map.get(key);
    }

    void put(StyleKey key, HtmlStyle style) {
      if (map.size() < MOST) map.putIfAbsent(key, style);
    }

    /** The sheets of documents whose {@code <style>} elements hold {@code text}, and the styles they make. */
    private record Styled(String text, List<HtmlCss.Sheet> sheets, StyleCache styles) {}

    /** The last {@link Styled} seen: a template's own {@code <style>} is the same in each of its documents. */
    private final java.util.concurrent.atomic.AtomicReference<Styled> styled =
        new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * A flow for {@code doc} with {@code sheets} (its version's) and the styles of the documents like it: this
     * cache where it adds no {@code <style>}, else the sheets parsed from its {@code <style>} elements and a cache
     * kept with them while the next document's hold the same text (a template written as a whole page, its CSS in
     * its head: parsed once, not per render).
     */
    HtmlFlow flow(org.jsoup.nodes.Document doc, List<HtmlCss.Sheet> sheets, Fonts.Pair fonts, Layout images,
        boolean printBackground) {
      String text = HtmlSubset.styleText(doc);
      if (text.isEmpty()) return new HtmlFlow(sheets, fonts, images, printBackground, this);
      Styled known = styled.get();
      if (known == null || !known.text().equals(text)) {
        known = new Styled(text, HtmlSubset.withStyles(sheets, doc), new StyleCache());
        styled.set(known);
      }
      return new HtmlFlow(known.sheets(), fonts, images, printBackground, known.styles());
    }
  }
  /** The sheets' structural pseudo-classes ({@code :first-child}, {@code :nth-child}), part of the style key. */
  private final List<HtmlCss.Structural> structural;

  /** The attributes the sheets' attribute selectors test ({@code td[align=right]}), part of the style key. */
  private final List<String> attributes;

  /** The sheets' selectors with a sibling combinator ({@code td + td}), whose matches are part of the style key. */
  private final List<HtmlCss.Selector> siblingSelectors;

  /** The values of {@link #attributes} on {@code e}, null for one it lacks. */
  private List<String> attributeValues(Element e) {
    List<String> values = new ArrayList<>(attributes.size());
    for (String name : attributes) values.add(e.hasAttr(name) ? e.attr(name) : null);
    return values;
  }

  /**
   * The last elements whose place among their parent's elements was asked for, and those places: jsoup's
   * elementSiblingIndex searches the parent's list on every call, quadratic over a 1,000-row zebra table
   * (tr:nth-child) styled row after row. Rows, cells and their contents are styled in document order, so the
   * element asked for is nearly always one of these or the next sibling of one; a few slots cover the nesting.
   */
  private final Element[] placed = new Element[4];
  private final int[] places = new int[4];
  private int nextSlot;

  private int siblingIndex(Element e) {
    if (e.parent() == null) return 0;
    Element before = e.previousElementSibling();
    for (int i = 0; i < placed.length; i++) {
      if (placed[i] == e) return places[i];
      if (before != null && placed[i] == before) {
        placed[i] = e;
        return ++places[i];
      }
    }
    int slot = nextSlot;
    nextSlot = (slot + 1) % placed.length;
    placed[slot] = e;
    places[slot] = before == null ? 0 : e.elementSiblingIndex();
    return places[slot];
  }

  HtmlStyle style(Element e, HtmlStyle parent) throws Unsupported {
    long position = structural.isEmpty() || dry ? 0 : HtmlCss.position(e, siblingIndex(e), structural);
    // presentational attributes (align, bgcolor, a table's cellpadding on its cells) as the CSS they make
    // a div laid out as a table part keeps a div's defaults (HtmlStyle.of), so it shares no style with a real one
    String tag = e.attributes().hasKey(HtmlDisplayTables.MARK) ? e.attr(HtmlDisplayTables.MARK) + ":" + e.normalName()
        : e.normalName();
    StyleKey key = new StyleKey(parent, tag, HtmlStyle.attr(e, "class"), HtmlStyle.attr(e, "id"),
        HtmlStyle.attr(e, "style"), HtmlStyle.attr(e, "href"),
        position, HtmlStyle.hints(e), attributes.isEmpty() ? List.of() : attributeValues(e),
        siblingSelectors.isEmpty() ? null : HtmlCss.siblings(e, siblingSelectors, dry));
    HtmlStyle s = styles.get(key);
    if (s == null) {
      s = HtmlStyle.of(e, parent, sheets, dry);
      styles.put(key, s);
    }
    // a box of display: none is not drawn, whatever else it declares (e-mail preheaders: 'visibility: hidden;
    // max-height: 0; opacity: 0' beside it)
    if (s.unsupported != null && !s.hidden) throw new Unsupported(s.unsupported);
    if (s.rotate != 0 && !s.absolute) {
      throw new Unsupported("transform on " + HtmlStyle.describe(e) + " (drawn directly on position: absolute boxes)");
    }
    if ((s.relative || s.absolute) && !HtmlPositioned.positionable(e, s)) {
      throw new Unsupported("position: " + (s.relative ? "relative" : "absolute") + " on " + HtmlStyle.describe(e)
          + " (drawn directly on blocks outside tables, lists and floats)");
    }
    if ((s.before != null || s.after != null) && positioned.counters == null) {
      throw new Unsupported("generated content (::before, ::after) outside a running element, on "
          + HtmlStyle.describe(e));
    }
    return s;
  }

  static boolean nonZero(double[] box) {
    for (double d : box) {
      if (d != 0 && !Double.isNaN(d)) return true;
    }
    return false;
  }

  static boolean isInline(Node n) {
    return n instanceof TextNode || n instanceof Element e
        && (HtmlStyle.inline(e.normalName()) || HtmlStyle.replaced(e.normalName())
            || HtmlStyle.DROPPED.contains(e.normalName()));
  }

  /** Block-level children, with runs of inline content between them as anonymous paragraphs. */
  void children(Element parent, HtmlStyle ps, double width, Sink sink) throws RenderException {
    List<Node> inline = new ArrayList<>();
    List<Node> nodes = parent.childNodes();
    // whether text here shares its parent with blocks: it is then an anonymous block, which no margin moves with
    boolean blocks = false;
    HtmlStyle lastBlock = null;
    if (ps.tableBefore) sink.slice(0, List.of());
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      if (n instanceof Element img && img.normalName().equals("img")
          && (sheetsPosition || img.attr("style").contains("position"))) {
        HtmlStyle is = style(img, ps);
        if (is.absolute && !is.hidden) {
          besideText(inline, img);
          positioned.absolute(img, is, ps, sink);
          continue;
        }
      }
      HtmlStyle displayed = displayedBlock(n, ps);
      if (displayed != null && displayed.floating != null && !displayed.hidden) {
        // a floated span, a label and its amount side by side: a block float, as CSS makes it
        int next = floated(parent, ps, i, inline, width, sink);
        if (next < 0) break;
        blocks = true;
        lastBlock = null;
        i = next;
        continue;
      }
      if (displayed != null) {
        blocks = true;
        flush(inline, ps, width, sink);
        if (!displayed.hidden) {
          if (HtmlStyle.replaced(((Element) n).normalName())) imageBlock((Element) n, displayed, ps, width, sink);
          else block((Element) n, displayed, width, sink);
          if (!dry) sink.afterHeading = false;
          lastBlock = displayed;
        }
        continue;
      }
      HtmlStyle wrapping = wrapper(n, ps);
      if (wrapping != null) {
        blocks = true;
        flush(inline, ps, width, sink);
        block((Element) n, wrapping, width, sink);
        // measured: its last block's bottom margin does not meet the next one's top margin in openhtmltopdf (the
        // anonymous box after the blocks, holding the element's empty end, stands between them); its first block's
        // top margin meets the one before
        sink.slice(0, List.of());
        if (!dry) sink.afterHeading = false;
        lastBlock = wrapping;
        continue;
      }
      if (isInline(n)) {
        inline.add(n);
        continue;
      }
      if (!(n instanceof Element e)) continue; // comments and style text
      String tag = e.normalName();
      if (tag.equals("style") || tag.equals("title")) continue; // dropped elements were taken as inline above
      HtmlStyle s = style(e, ps);
      if (!s.hidden && (s.running != null || s.positionFixed)) {
        positioned.outOfFlow(parent, i, e, s, ps, sink);
        continue;
      }
      if (!s.hidden && s.absolute) {
        // a block placed by both its offsets (a letterhead's address box, top: 9px; left: 220px, after the logo
        // image) with nothing inline after it: its static position, which the text before it would decide, is
        // not used, and that text's line ends there as at the end of its parent
        boolean placed = HtmlStyle.BLOCKS.contains(tag) && (!Double.isNaN(s.offsets[TOP])
            || !Double.isNaN(s.offsets[BOTTOM])) && (!Double.isNaN(s.offsets[LEFT]) || !Double.isNaN(s.offsets[RIGHT]));
        if (placed && !inlineAfter(nodes, i, ps)) flush(inline, ps, width, sink);
        else besideText(inline, e);
        positioned.absolute(e, s, ps, sink);
        continue;
      }
      if (s.blockInline && !s.hidden && s.floating == null) {
        for (Node before : inline) {
          if (!blank(before)) throw new Unsupported("an inline-block div beside text, " + HtmlStyle.describe(e));
        }
        boolean spaced = !inline.isEmpty();
        inline.clear();
        blocks = true;
        lastBlock = null;
        i = inlineBlocks(parent, ps, i, spaced, width, sink);
        continue;
      }
      if (s.floating != null && !s.hidden) {
        int next = floated(parent, ps, i, inline, width, sink);
        if (next < 0) break;
        blocks = true;
        lastBlock = null;
        i = next;
        continue;
      }
      blocks = true;
      flush(inline, ps, width, sink);
      if (s.hidden) continue;
      // page-break-before: avoid: measured, openhtmltopdf moves the block before along when a break falls right
      // before this one (WooCommerce's order table); drawn where no break falls there, else sent to openhtmltopdf
      int pageBefore = sink.page();
      Sink.Mark top = s.avoidBreakBefore && !dry ? sink.mark() : null;
      if (top != null && (sink.pageHeight() == Double.POSITIVE_INFINITY || sink.y() == 0 && pageBefore > 0)) {
        throw breakAvoided(e);
      }
      if (tag.equals("table")) {
        apartPercentMargin(e, s);
        // in a cell, a float or a box laid out apart: where openhtmltopdf would move it is not measured (refused)
        if (s.avoidInside && sink.document()) keptTable(e, s, width, sink);
        else tables.table(e, s, width, sink);
        if (!dry) sink.afterHeading = false;
        lastBlock = null;
        avoidedBreak(e, top, pageBefore);
      } else if (HtmlStyle.BLOCKS.contains(tag) && !tag.equals("body")) {
        // measured: a heading ending its parent stays at the page's foot, openhtmltopdf keeping only siblings together
        boolean keep = s.keepWithNext && !dry && followed(e);
        if (keep) sink.heading(s.margin(width)[TOP]);
        block(e, s, width, sink);
        // a sibling laid out whole after the heading (an empty spacer) ends the run openhtmltopdf keeps together
        if (!dry) sink.afterHeading = keep;
        lastBlock = s;
        avoidedBreak(e, top, pageBefore);
        continue;
      } else {
        throw new Unsupported("the element <" + tag + ">");
      }
    }
    if (blocks && ps.textIndent != 0) {
      // openhtmltopdf indents the first line of each anonymous block around the children: not measured
      throw new Unsupported("text-indent on " + HtmlStyle.describe(parent) + ", which holds blocks");
    }
    clearMargin = !blocks && ps == clearable ? clearableMargin : Double.NaN;
    boolean text = false;
    for (Node n : inline) text |= !(n instanceof TextNode t && t.isBlank());
    try {
      flush(inline, ps, width, sink);
    } finally {
      clearMargin = Double.NaN;
    }
    if (lastBlock != null && lastBlock == movedWhole && !text) {
      // measured: the bottom margin of a paragraph openhtmltopdf moved whole to the next page stays in its parent
      // rather than collapsing through the parent's bottom with what follows (the block is laid out a second time)
      sink.slice(0, List.of());
    }
    if (ps.tableAfter) sink.slice(0, List.of());
  }

  /** The last block whose paragraph was moved whole to the next page for widows and orphans. */
  private HtmlStyle movedWhole;

  /**
   * The block laid out straight onto the pages whose lines, when they are all it holds, openhtmltopdf moves whole to
   * the next page for widows and orphans, its top margin with it (a list item's marker on its first line too); null
   * where none would move so (a top padding or border is above its lines, a box laid out apart).
   */
  private HtmlStyle clearable;
  private double clearableMargin;
  /** {@link #clearableMargin} while the lines of {@link #clearable} are laid out, NaN otherwise. */
  private double clearMargin = Double.NaN;

  /**
   * Right floats on a line of text (a masthead's name with the statement period floated right, a heading with its
   * date), as openhtmltopdf places a float that fits beside the line it meets (measured): side by side at the
   * line's top right, and the text on one line in the width they leave. Only where that is all the parent holds
   * to its end, the text stays on one line and the floats are no taller than it (or the parent holds them).
   */
  private void besideLine(Element parent, HtmlStyle ps, int first, List<Node> inline, double width, Sink sink)
      throws RenderException {
    List<Node> nodes = parent.childNodes();
    List<Node> text = new ArrayList<>(inline);
    inline.clear();
    double right = width;
    double floatHeight = 0;
    List<Ops> ops = new ArrayList<>();
    for (int k = first; k < nodes.size(); k++) {
      Node n = nodes.get(k);
      if (!(n instanceof Element f) || HtmlStyle.DROPPED.contains(f.normalName()) || f.normalName().equals("style")) {
        text.add(n);
        continue;
      }
      HtmlStyle s = isInline(f) ? displayedBlock(f, ps) : style(f, ps);
      if (s == null) {
        text.add(n);
        continue;
      }
      if (s.hidden) continue;
      if (!"right".equals(s.floating) || s.breakBefore || s.breakAfter || s.clear != null || s.maxWidth != null
          || s.minWidth != null) {
        throw new Unsupported("a float beside text, " + HtmlStyle.describe(f));
      }
      apartPercentMargin(f, s);
      double[] m = s.margin(width);
      double[] p = s.padding;
      double sides = s.border(LEFT) + p[LEFT] + p[RIGHT] + s.border(RIGHT);
      double content;
      if (s.width == null) {
        content = widths.measure(f, s, false)[1] / HtmlStyle.DOTS_PER_POINT - m[LEFT] - m[RIGHT] - sides;
      } else {
        content = contentWidth(s, width, sides);
      }
      double boxWidth = content + sides;
      double outer = m[LEFT] + boxWidth + m[RIGHT];
      if (outer > right + 0.01 && !dry) {
        throw new Unsupported("a float beside text that does not fit, " + HtmlStyle.describe(f));
      }
      Box box = box(f, s, content, boxWidth, false);
      if (box.overflow() > 0.01 && !dry) {
        throw new Unsupported("content taller than the height of " + HtmlStyle.describe(f) + ", a float");
      }
      for (Ops op : box.ops()) ops.add(op.moved(right - outer + m[LEFT], m[TOP]));
      right -= outer;
      floatHeight = Math.max(floatHeight, m[TOP] + box.height() + m[BOTTOM]);
    }
    Sink.Stack line = new Sink.Stack(0);
    // a boundary far below records the line boxes, to count them
    line.boundary = 1e9;
    flush(text, ps, Math.max(0, right), line);
    if (line.lines.size() > 1 && !dry) {
      throw new Unsupported("text beside a float on more than one line, in " + HtmlStyle.describe(parent));
    }
    double h = line.height();
    boolean holds = ps.contains && !ps.overflowAuto || ps.clearfix || parent.normalName().equals("body");
    if (floatHeight > h + 0.01 && !holds && !dry) {
      throw new Unsupported("a float taller than the line of text beside it, in " + HtmlStyle.describe(parent));
    }
    double height = Math.max(h, floatHeight);
    if (!sink.fits(height)) throw new Unsupported("a float beside text across a page break");
    ops.addAll(line.ops);
    sink.slice(height, ops);
  }

  /** Whether a float at node {@code i} shares its parent with text: before it on the line, or after it. */
  private boolean besideText(List<Node> inline, Element parent, HtmlStyle ps, int i) throws Unsupported {
    for (Node before : inline) {
      if (!(before instanceof TextNode t && t.isBlank())) return true;
    }
    List<Node> nodes = parent.childNodes();
    for (int k = i + 1; k < nodes.size(); k++) {
      Node n = nodes.get(k);
      if (n instanceof TextNode t && !t.isBlank()) return true;
      if (n instanceof Element e && isInline(e) && !HtmlStyle.DROPPED.contains(e.normalName())
          && displayedBlock(e, ps) == null) {
        return true;
      }
    }
    return false;
  }

  /** Whether text or an inline element follows node {@code i} before the next block among its siblings. */
  private boolean inlineAfter(List<Node> nodes, int i, HtmlStyle ps) throws Unsupported {
    for (int k = i + 1; k < nodes.size(); k++) {
      Node n = nodes.get(k);
      if (n instanceof TextNode t) {
        if (!t.isBlank()) return true;
        continue;
      }
      if (!(n instanceof Element e) || HtmlStyle.DROPPED.contains(e.normalName())) continue;
      if (isInline(e) && displayedBlock(e, ps) == null) return true;
      return false;
    }
    return false;
  }

  /** Throws when inline content before an absolute box on its line is more than white space. */
  private static void besideText(List<Node> inline, Element e) throws Unsupported {
    for (Node before : inline) {
      // where openhtmltopdf ends the line before it and puts its static position is not matched
      if (!(before instanceof TextNode t && t.isBlank())) {
        throw new Unsupported("position: absolute beside text, on " + HtmlStyle.describe(e));
      }
    }
  }

  /**
   * The float at child {@code i}: with text before it, the line it stands on and the rest of the parent (then -1);
   * else the run of floats from it, returning the index of its last node.
   */
  private int floated(Element parent, HtmlStyle ps, int i, List<Node> inline, double width, Sink sink)
      throws RenderException {
    if (besideText(inline, parent, ps, i)) {
      besideLine(parent, ps, i, inline, width, sink);
      return -1;
    }
    inline.clear();
    return floats(parent, ps, i, width, sink);
  }

  /**
   * Floats side by side, the way two-column headers are written for print engines without flexbox: a run of
   * sibling floats, each a block with a width, left ones from the left edge and right ones from the right, laid
   * out as one unbreakable row as tall as the tallest. Only where nothing flows around them: the run ends its
   * parent and the parent holds its floats (overflow: hidden or auto, the body), or the next block clears them
   * with no top margin of its own (clearance would swallow it). Returns the index of the run's last node.
   */
  private int floats(Element parent, HtmlStyle ps, int first, double width, Sink sink) throws RenderException {
    List<Node> nodes = parent.childNodes();
    String ptag = parent.normalName();
    boolean inCell = ptag.equals("td") || ptag.equals("th");
    List<Element> run = new ArrayList<>();
    int last = first;
    Element next = null;
    for (int i = first; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      if (n instanceof TextNode t && t.isBlank() || !(n instanceof Element) && !(n instanceof TextNode)) continue;
      if (n instanceof Element e && (!isInline(e) || displayedBlock(e, ps) != null)
          && !e.normalName().equals("style")) {
        HtmlStyle s = style(e, ps);
        if (s.hidden) {
          last = i;
          continue;
        }
        if (s.floating != null) {
          run.add(e);
          last = i;
          continue;
        }
        next = e;
      } else if (!(n instanceof Element e && HtmlStyle.DROPPED.contains(e.normalName()))) {
        throw new Unsupported("text beside a float, in " + HtmlStyle.describe(parent));
      }
      break;
    }
    if (next != null) {
      HtmlStyle ns = style(next, ps);
      if (!"both".equals(ns.clear) || !Double.isNaN(ns.marginPercent[TOP]) || next.normalName().equals("table")
          || ns.margin[TOP] != 0
              && (ns.margin[TOP] < 0 || ns.relative || !HtmlStyle.BLOCKS.contains(next.normalName()))) {
        throw new Unsupported("content beside a float (clear it with clear: both), " + HtmlStyle.describe(next));
      }
    }
    // a table floated alone in a cell of no border spacing (an e-mail's align="right" meta table): a cell holds its
    // floats, so it is placed at the cell's side (measured; with spacing it stands otherwise in openhtmltopdf)
    if (inCell) {
      Element only = run.getFirst();
      HtmlStyle os = style(only, ps);
      if (next != null || run.size() > 1 || !only.normalName().equals("table") || HtmlTables.spacing(os) != 0
          || HtmlTables.rowSpacing(os) != 0) {
        throw new Unsupported("a float in a table cell");
      }
    }
    Element clearing = next;
    // a float holds its floats, as a block formatting context does in CSS and in openhtmltopdf (a floated dl of
    // floated dt and dd); the parent's bottom padding and border, drawn through the floats it does not hold (NaN
    // where it holds them)
    double unheld = Double.NaN;
    if (next == null && (!ps.contains || ps.overflowAuto) && !ps.clearfix && !ptag.equals("body")
        && ps.floating == null && !inCell) {
      if ((clearing = clearedAfter(parent, ps)) == null) {
        throw new Unsupported("floats their parent does not hold (give it overflow: hidden), in "
            + HtmlStyle.describe(parent));
      }
      if (ps.decorated(printBackground) || ps.padding[BOTTOM] != 0) unheld = unheld(parent, ps, first);
    } else if (next == null && !ptag.equals("body") && sink.pending > 0 && !dry) {
      // measured: floats ending a parent that holds them (overflow: hidden) sit below a block's bottom margin
      // before them twice over in openhtmltopdf (3mm above a letter's address and info block: 8.5 pt lower)
      throw new Unsupported("floats ending their parent below a bottom margin, in " + HtmlStyle.describe(parent));
    }
    double left = 0;
    double right = width;
    double height = 0;
    // the top of the row of floats being placed, and the bottom its floats share (NaN where they differ)
    double top = 0;
    double rowBottom = 0;
    List<Ops> ops = new ArrayList<>();
    // the last float's box: its left edge, width and content width
    double[] lone = new double[3];
    for (Element f : run) {
      HtmlStyle s = style(f, ps);
      String tag = f.normalName();
      if (!HtmlStyle.BLOCKS.contains(tag) && !HtmlStyle.inline(tag) && !tag.equals("table") && !HtmlStyle.replaced(tag)
          || tag.equals("hr") || tag.equals("body") || tag.equals("br")) {
        throw new Unsupported("a floated <" + tag + ">");
      }
      if (s.width == null && (s.maxWidth != null || s.minWidth != null)) {
        throw new Unsupported("a float without a width, " + HtmlStyle.describe(f));
      }
      if (s.breakBefore || s.breakAfter || s.clear != null) {
        throw new Unsupported("a page break or clear on a float, " + HtmlStyle.describe(f));
      }
      apartPercentMargin(f, s);
      double[] m = s.margin(width);
      double[] p = s.padding;
      double br = s.border(RIGHT), bl = s.border(LEFT);
      double content;
      // a floated table (a totals or info table, float: right): laid out as in the flow, its box as wide as the
      // table comes out, as openhtmltopdf sizes it (measured: a floated table of 40% where a floated div of 40%
      // holding a table of 100% stands, one of 200px wider by its border spacing)
      Box table = null;
      if (tag.equals("table")) {
        if (s.width == null && !inCell || m[LEFT] != 0 || m[RIGHT] != 0 || s.autoMargin[LEFT] || s.autoMargin[RIGHT]) {
          throw new Unsupported("a floated table without a width or with margins, " + HtmlStyle.describe(f));
        }
        Sink.Stack inner = new Sink.Stack(0);
        tables.table(f, s, width, inner);
        table = new Box(inner.height(), inner.ops);
        bl = br = 0;
        p = new double[4];
      }
      // a floated image (a statement's logo, float: left): a box of the image's size, as openhtmltopdf floats a
      // replaced box
      double[] imageSize = null;
      if (HtmlStyle.replaced(tag)) {
        if (s.decorated(true) || nonZero(s.padding) || s.relative || s.percentMargin() || s.autoMargin[LEFT]
            || s.autoMargin[RIGHT]) {
          throw new Unsupported("a box style, offset, or % or auto margin on a floated image, "
              + HtmlStyle.describe(f));
        }
        imageSize = floatedImage(f, s, width);
        bl = br = 0;
        p = new double[4];
      }
      if (table != null) {
        content = tables.laidWidth;
      } else if (imageSize != null) {
        content = imageSize[0];
      } else if (s.width == null) {
        // shrink to fit, as openhtmltopdf sizes a float of an auto width: its text on one line (measured in dots as
        // for automatic table layout), while that fits in the room the floats before left; where it would wrap,
        // the narrower width openhtmltopdf would choose is not ported
        long[] measured = widths.measure(f, s, false);
        content = measured[1] / HtmlStyle.DOTS_PER_POINT - m[LEFT] - m[RIGHT] - bl - p[LEFT] - p[RIGHT] - br;
        if (measured[1] / HtmlStyle.DOTS_PER_POINT > right - left + 0.01 && !dry) {
          throw new Unsupported("a float without a width whose text would wrap, " + HtmlStyle.describe(f));
        }
      } else {
        content = length(s.width, s, width);
        // box-sizing: border-box, a grid's columns (width: 50% with gutters of padding)
        if (s.borderBox) content = Math.max(0, content - bl - p[LEFT] - p[RIGHT] - br);
      }
      double boxWidth = bl + p[LEFT] + content + p[RIGHT] + br;
      double outer = m[LEFT] + boxWidth + m[RIGHT];
      double x;
      if (s.floating.equals("left") && left > 0 && left + outer > right + 0.01 && !dry) {
        // a left float that does not fit beside the ones before goes down below them and starts at the left edge,
        // as in CSS and openhtmltopdf (measured: a summary of four tiles, the fourth under the first); only where
        // the row above ends level and holds no right float, so that below it the whole width is free
        if (right < width || rowBottom != height) {
          throw new Unsupported("floats wider than their container, in " + HtmlStyle.describe(parent));
        }
        top = height;
        left = 0;
      }
      if (s.floating.equals("right") && left + outer > right + 0.01 && !dry) {
        // a right float that does not fit beside the left ones goes below all of them, at the right edge, as
        // openhtmltopdf's FloatManager moves it (measured: a summary row's two floats of 50%, each rounded up a
        // dot in an odd width, the amount under its label); only as the row's last float beside left ones alone
        if (right < width || outer > width + 0.01 || f != run.get(run.size() - 1)) {
          throw new Unsupported("floats wider than their container, in " + HtmlStyle.describe(parent));
        }
        top = height;
        left = 0;
      }
      if (s.floating.equals("left")) {
        x = left + m[LEFT];
        left += outer;
      } else {
        x = right - outer + m[LEFT];
        right -= outer;
      }
      if (left > right + 0.01 && !dry) throw new Unsupported("floats wider than their container");
      lone[0] = x;
      lone[1] = boxWidth;
      lone[2] = content;
      // measured: openhtmltopdf paints a floated image out of its place by the parent's padding, at the corner of
      // the parent's padding box (its layout, and what floats beside it, as without)
      Box box = table != null ? table : imageSize != null ? new Box(imageSize[1], imageSize[1] == 0 ? List.of()
          : List.of(new Ops.Image(-ps.padding[LEFT], -ps.padding[TOP], imageSize[0], imageSize[1],
              picture(f, s))))
          : box(f, s, content, boxWidth, false);
      // a table's own layout holds its top and bottom margins
      double above = table != null ? 0 : m[TOP];
      for (Ops op : box.ops()) ops.add(op.moved(x, top + above));
      double bottom = top + above + box.height() + (table != null ? 0 : m[BOTTOM]);
      // the bottom all the row's floats share, NaN once two differ
      rowBottom = left == outer && right == width || right == width - outer && left == 0 ? bottom
          : rowBottom == bottom ? bottom : Double.NaN;
      height = Math.max(height, bottom);
    }
    cleared = clearing;
    clearedHeight = height;
    clearedBelow = 0;
    if (!Double.isNaN(unheld)) {
      // openhtmltopdf ends the parent's box at its padding and border below no content, through the floats, and
      // puts the clearing block below the floats (measured: a header's bottom border under a logo and an account
      // block); the floats take no height in the parent, what they reach below it is passed before that block
      if (!sink.fits(height)) throw new Unsupported("floats their parent does not hold across a page break");
      sink.slice(0, ops);
      clearedBelow = Math.max(0, height - unheld);
      if (clearedBelow == 0) cleared = null;
      return last;
    }
    if (!sink.fits(height)) {
      Element f = run.get(0);
      HtmlStyle s = style(f, ps);
      double[] m = s.margin(width);
      // a float alone that a page break crosses: openhtmltopdf lays it out as a block of its width in its place
      // (measured: a floated totals table, its rows over the break as under a block with margin-left: auto); with
      // no vertical margin, and no child's margin at its edges, nothing it holds would collapse otherwise
      if (run.size() > 1 || f.normalName().equals("table") || m[TOP] != 0 || m[BOTTOM] != 0 || s.avoidInside
          || s.radius > 0 || sink.shift != 0
          || !Double.isNaN(s.boxHeight) || !Double.isNaN(s.minHeight) || marginMeets(f, s, TOP)
          || marginMeets(f, s, BOTTOM)) {
        throw new Unsupported("floats across a page break");
      }
      across(f, s, lone[0], lone[1], lone[2], sink);
      return last;
    }
    sink.slice(height, ops);
    return last;
  }

  /** White space, or a template's tags alone while a template is checked, or a comment. */
  private boolean blank(Node n) {
    if (n instanceof TextNode t) {
      return (dry ? HtmlSubset.TAG.matcher(t.getWholeText()).replaceAll("") : t.getWholeText()).isBlank();
    }
    return !(n instanceof Element);
  }

  /**
   * A run of sibling divs with {@code display: inline-block} and a width ("Bill to" and "Ship to" columns of 48%
   * each), nothing but white space between and around them, laid out as openhtmltopdf lays out the line boxes
   * holding them: left to right, a space of the parent's font between two where the markup has white space, the
   * next line where one does not fit; on each line, a box of vertical-align baseline with its last line's baseline
   * on the strut's, one of top at the line's top as VerticalAlignContext aligns it (its context reaching the strut's
   * bottom below where its last baseline was, so a box whose last line ends it makes the line a half leading
   * taller, measured), the line box spanning them all and the strut. Returns the index of the run's last node.
   *
   * @param spaced whether white space stands before the run in its parent's inline content
   */
  private int inlineBlocks(Element parent, HtmlStyle ps, int first, boolean spaced, double width, Sink sink)
      throws RenderException {
    List<Node> nodes = parent.childNodes();
    String ptag = parent.normalName();
    if (ptag.equals("li") || HtmlStyle.inCell((Element) nodes.get(first))) {
      // a table's columns are measured without them; a list item's marker sits on a line not built here
      throw new Unsupported("an inline-block div in " + HtmlStyle.describe(parent));
    }
    boolean aligned = ps.align.equals("left") || ps.align.equals("right") || ps.align.equals("center");
    if (!aligned || ps.letterSpacing != 0 || ps.keepSpaces || ps.keepNewlines || ps.nowrap) {
      throw new Unsupported("text-align, letter-spacing or white-space of " + HtmlStyle.describe(parent)
          + " around inline-block divs");
    }
    List<Element> run = new ArrayList<>();
    // whether white space stands before each box of the run, and after the last
    List<Boolean> gaps = new ArrayList<>();
    boolean gap = spaced;
    int last = first;
    for (int i = first; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      if (n instanceof TextNode t && blank(t)) {
        gap |= !t.getWholeText().isEmpty();
        last = i;
        continue;
      }
      if (!(n instanceof Element e)) {
        if (!(n instanceof TextNode)) {
          last = i;
          continue;
        }
        throw new Unsupported("text beside an inline-block div, in " + HtmlStyle.describe(parent));
      }
      if (HtmlStyle.DROPPED.contains(e.normalName()) || e.normalName().equals("style")) {
        last = i;
        continue;
      }
      HtmlStyle s = style(e, ps);
      if (s.hidden) {
        last = i;
        continue;
      }
      if (!s.blockInline || s.floating != null) {
        if (isInline(e)) throw new Unsupported("text beside an inline-block div, in " + HtmlStyle.describe(parent));
        break;
      }
      if (s.absolute || s.running != null || s.positionFixed || s.relative) {
        throw new Unsupported("a positioned inline-block div, " + HtmlStyle.describe(e));
      }
      if (s.width == null) {
        // a badge: shrunk to its text, measured below; a box of blocks would be shrunk to their widest, not ported
        for (Node c : e.childNodes()) {
          if (c instanceof Element ce && (!isInline(ce) || HtmlStyle.replaced(ce.normalName()))) {
            throw new Unsupported("an inline-block div without a width around blocks, " + HtmlStyle.describe(e));
          }
        }
      }
      if (s.breakBefore || s.breakAfter || s.clear != null) {
        throw new Unsupported("a page break or clear on an inline-block div, " + HtmlStyle.describe(e));
      }
      if (!java.util.Set.of("top", "baseline", "middle").contains(s.verticalAlign)) {
        throw new Unsupported("vertical-align: " + s.verticalAlign + " on an inline-block div, "
            + HtmlStyle.describe(e));
      }
      if (s.margin[TOP] < 0 || s.margin[BOTTOM] < 0 || !Double.isNaN(s.marginPercent[TOP])
          || !Double.isNaN(s.marginPercent[BOTTOM]) || s.autoMargin[LEFT] || s.autoMargin[RIGHT]) {
        throw new Unsupported("a top, bottom or auto margin on an inline-block div, " + HtmlStyle.describe(e));
      }
      apartPercentMargin(e, s);
      // a table in one of a width is laid out in it as in any block (an invoice's details box, its VAT table beside
      // the totals: measured top, baseline and middle aligned); one without would size it, which is not ported
      for (Element inside : e.getAllElements()) {
        if (HtmlStyle.TABLE.contains(inside.normalName()) && s.width == null
            || HtmlStyle.replaced(inside.normalName())) {
          throw new Unsupported("a table or an image in an inline-block div, " + HtmlStyle.describe(e));
        }
      }
      gaps.add(gap);
      gap = false;
      run.add(e);
      last = i;
    }
    gaps.add(gap);
    long space = dry ? 0 : textDots(face(ps), " ", sizeDots(ps));
    boolean text = false;
    for (boolean g : gaps) text |= g;
    double y = 0;
    List<Ops> ops = new ArrayList<>();
    List<Box> line = new ArrayList<>();
    List<HtmlStyle> styles = new ArrayList<>();
    List<Double> xs = new ArrayList<>();
    double x = 0;
    for (int k = 0; k <= run.size(); k++) {
      double outer = 0;
      double[] m = null;
      HtmlStyle s = null;
      double content = 0;
      double boxWidth = 0;
      if (k < run.size()) {
        s = style(run.get(k), ps);
        m = s.margin(width);
        double[] p = s.padding;
        double frame = s.border(LEFT) + p[LEFT] + p[RIGHT] + s.border(RIGHT);
        if (s.width == null) {
          content = dry ? 0 : shrunk(run.get(k), s, width - m[LEFT] - m[RIGHT] - frame);
        } else {
          content = contentWidth(s, width, frame);
        }
        boxWidth = frame + content;
        outer = m[LEFT] + boxWidth + m[RIGHT];
        if (outer > width + 0.01 && !dry) {
          throw new Unsupported("an inline-block div wider than its container, " + HtmlStyle.describe(run.get(k)));
        }
      }
      double before = line.isEmpty() || !gaps.get(k) ? 0 : space / HtmlStyle.DOTS_PER_POINT;
      if (!line.isEmpty() && (k == run.size() || x + before + outer > width + 0.01)) {
        // white space where the line breaks stays at its end where it fits there (measured); at the content's end
        // it does not
        double end = x + (k < run.size() && gaps.get(k) ? space / HtmlStyle.DOTS_PER_POINT : 0);
        alignLine(xs, end > width + 0.01 ? x : end, width, ps.align);
        y += inlineBlockLine(line, styles, xs, ps, text, y, ops);
        line.clear();
        styles.clear();
        xs.clear();
        x = 0;
        before = 0;
      }
      if (k == run.size()) break;
      Box box = box(run.get(k), s, content, boxWidth, false);
      x += before;
      line.add(box);
      styles.add(s);
      xs.add(x + m[LEFT]);
      x += outer;
    }
    if (!sink.fits(y)) throw new Unsupported("inline-block divs across a page break");
    sink.slice(y, ops);
    return last;
  }

  /**
   * A line of inline-block divs moved as openhtmltopdf's LineBox.align moves it, in whole dots: to the right, its
   * end on the content's; centred, half the line's width (rounded down) before half the content's (rounded down).
   * White space before its first box and after the run's last is not on it (measured: a right-aligned status badge
   * after its parent's blocks ends at the content's edge).
   */
  private static void alignLine(List<Double> xs, double line, double width, String align) {
    if (align.equals("left")) return;
    long box = Math.round(Math.floor(width * HtmlStyle.DOTS_PER_POINT + 0.01));
    long used = Math.round(line * HtmlStyle.DOTS_PER_POINT);
    double dx = (align.equals("right") ? box - used : box / 2 - used / 2) / HtmlStyle.DOTS_PER_POINT;
    xs.replaceAll(v -> v + dx);
  }

  /**
   * The width openhtmltopdf shrinks an inline-block div of text alone to: its widest line, in whole dots, where
   * that fits {@code avail}; text that would wrap is left to openhtmltopdf.
   */
  private double shrunk(Element e, HtmlStyle s, double avail) throws RenderException {
    if (positioned.anywhere(e, s, st -> st.letterSpacing != 0)) {
      // measured: openhtmltopdf sizes it by its text without the letter-spacing, as its measure leaves it out, and
      // lays the spaced text out in that width: a tag's "BILL TO" of letter-spacing: 2px wraps to two lines, a
      // spaced word reaches into the padding
      if (!s.align.equals("left")) {
        throw new Unsupported("letter-spacing in an inline-block div without a width whose text is aligned, "
            + HtmlStyle.describe(e));
      }
      long widest = measuredContent(e, s);
      if (widest >= avail * HtmlStyle.DOTS_PER_POINT - 1) {
        throw new Unsupported("an inline-block div without a width whose text is aligned or may wrap, "
            + HtmlStyle.describe(e));
      }
      return widest / HtmlStyle.DOTS_PER_POINT;
    }
    // laid out unwrapped: its lines are the ones it keeps where it fits
    Box wide = box(e, s, 1e5, 1e5, false);
    double left = s.border(LEFT) + s.padding[LEFT];
    long dots = 0;
    // each line's end, and a dot for each run on it: openhtmltopdf rounds each run's width up to a whole dot
    java.util.Map<Double, double[]> lines = new java.util.HashMap<>();
    for (Ops op : wide.ops()) {
      if (!(op instanceof Ops.Text t)) continue;
      if (t.mono()) throw new Unsupported("monospace text in an inline-block div without a width");
      double end = t.x() - left + Text.width(fonts.of(t.bold(), false), t.text(), t.size(), t.spacing());
      double[] line = lines.computeIfAbsent(Math.rint(t.y() * 8), y -> new double[] {0, 0, 1e6});
      line[0] = Math.max(line[0], end);
      line[1]++;
      line[2] = Math.min(line[2], t.x() - left);
    }
    for (double[] line : lines.values()) {
      // a line aligned right or centred in the wide box is measured from its start
      double from = s.align.equals("left") ? 0 : line[2];
      dots = Math.max(dots, (long) Math.ceil((line[0] - from) * HtmlStyle.DOTS_PER_POINT - 0.01) + (long) line[1]);
    }
    // one line is as wide as the box, wherever its text-align puts it
    if (!s.align.equals("left") && lines.size() > 1 || dots >= avail * HtmlStyle.DOTS_PER_POINT - 1) {
      throw new Unsupported("an inline-block div without a width whose text is aligned or may wrap, "
          + HtmlStyle.describe(e));
    }
    // openhtmltopdf's own measure where it is wider: the line's pieces each rounded up to a whole dot, which the
    // line breaking here rounds alike ("Acme Trading Ltd" at 10pt had wrapped its last word)
    long measured = measuredContent(e, s);
    if (measured > dots && measured >= avail * HtmlStyle.DOTS_PER_POINT - 1) {
      throw new Unsupported("an inline-block div without a width whose text is aligned or may wrap, "
          + HtmlStyle.describe(e));
    }
    return Math.max(dots, measured) / HtmlStyle.DOTS_PER_POINT;
  }

  /** openhtmltopdf's widest measure of a box of no width, without its margins, borders and padding, in dots. */
  private long measuredContent(Element e, HtmlStyle s) throws RenderException {
    return widths.measure(e, s, false)[1] - dotsOf(s.padding[LEFT]) - dotsOf(s.padding[RIGHT])
        - dotsOf(s.border(LEFT)) - dotsOf(s.border(RIGHT)) - dotsOf(s.margin[LEFT]) - dotsOf(s.margin[RIGHT]);
  }

  /**
   * One line box of inline-block divs at {@code top}: their ops moved to their places, and its height.
   *
   * @param text whether white space puts a text box of the parent's font on the line
   */
  private double inlineBlockLine(List<Box> line, List<HtmlStyle> styles, List<Double> xs, HtmlStyle ps, boolean text,
      double top, List<Ops> ops) throws Unsupported {
    if (dry) return 0;
    // the strut and a text box of the parent's font, as positionVertically and calculateInlineMeasurements set them
    int hl = halfLeading(ps);
    long b0 = (long) (hl + ascentDots(ps));
    long strutBottom = (long) (hl + lineDots(ps));
    long textTop = Math.round(b0 - ascentDots(ps)) - hl;
    long textBottom = Math.round(textTop + lineDots(ps));
    // VerticalAlignContext's root: the text box's extent, unset (0) without one
    long rootTop = text ? textTop : 0;
    long rootBottom = text ? textBottom : 0;
    boolean set = text;
    long[] ys = new long[line.size()];
    long[] hs = new long[line.size()];
    for (int k = 0; k < line.size(); k++) {
      Box box = line.get(k);
      double last = Double.NaN;
      for (Ops op : box.ops()) {
        if (op instanceof Ops.Text t && !(t.y() <= last)) last = t.y();
      }
      // calcInlineBaseline: the last line box's baseline; a box without one is left to openhtmltopdf
      if (Double.isNaN(last)) throw new Unsupported("an inline-block div without text");
      // the box as openhtmltopdf's inline BlockBox is: its vertical margins in its height, its lines below the top one
      long mt = Math.round(styles.get(k).margin[TOP] * HtmlStyle.DOTS_PER_POINT);
      hs[k] = mt + Math.round(box.height() * HtmlStyle.DOTS_PER_POINT)
          + Math.round(styles.get(k).margin[BOTTOM] * HtmlStyle.DOTS_PER_POINT);
      ys[k] = b0 - mt - Math.round(last * HtmlStyle.DOTS_PER_POINT);
      if (styles.get(k).verticalAlign.equals("middle")) {
        // alignInlineContent's middle: half the strut's ascent below the text's top (an int halved), less half
        // the box's height
        ys[k] = Math.round((float) ((b0 - hl) / 2) - hs[k] / 2f);
      }
      if (!styles.get(k).verticalAlign.equals("top")) {
        rootTop = set ? Math.min(rootTop, ys[k]) : ys[k];
        rootBottom = set ? Math.max(rootBottom, ys[k] + hs[k]) : ys[k] + hs[k];
        set = true;
      }
    }
    for (int k = 0; k < line.size(); k++) {
      if (!styles.get(k).verticalAlign.equals("top")) continue;
      // a child context of the initial strut measurements and the box, moved to the root's top
      long childTop = Math.min(hl, ys[k]);
      long childBottom = Math.max(strutBottom, ys[k] + hs[k]);
      long delta = rootTop - childTop;
      ys[k] += delta;
      rootBottom = set ? Math.max(rootBottom, childBottom + delta) : childBottom + delta;
      rootTop = set ? Math.min(rootTop, childTop + delta) : childTop + delta;
      set = true;
    }
    long shift = rootTop < 0 ? -rootTop : 0;
    for (int k = 0; k < line.size(); k++) {
      double dy = top + (ys[k] + shift + Math.round(styles.get(k).margin[TOP] * HtmlStyle.DOTS_PER_POINT))
          / HtmlStyle.DOTS_PER_POINT;
      for (Ops op : line.get(k).ops()) ops.add(op.moved(xs.get(k), dy));
    }
    return (rootBottom - rootTop) / HtmlStyle.DOTS_PER_POINT;
  }

  /**
   * The block that clears the floats just laid out with a top margin of its own, or null: openhtmltopdf puts its
   * top at the floats' bottom, as clearance does, where they reach below the margin (measured: 14px below floats of
   * 60px, as with none), so it is laid out without it.
   */
  private Element cleared;
  /** The height of the floats {@link #cleared} clears. */
  private double clearedHeight;
  /** How far the floats {@link #cleared} clears reach below the parent that does not hold them. */
  private double clearedBelow;

  /**
   * The bottom padding and border of a parent drawn through the floats it does not hold, which are all it has in
   * flow; a parent whose box would move, be kept or rounded apart from them is not matched.
   */
  private double unheld(Element parent, HtmlStyle ps, int first) throws Unsupported {
    List<Node> nodes = parent.childNodes();
    for (int k = 0; k < first; k++) {
      Node n = nodes.get(k);
      if (n instanceof Element e && !HtmlStyle.DROPPED.contains(e.normalName()) && !e.normalName().equals("style")
          && !style(e, ps).hidden || n instanceof TextNode t && !blank(t)) {
        throw new Unsupported("floats their parent does not hold after other content, in "
            + HtmlStyle.describe(parent));
      }
    }
    if (ps.radius > 0 || ps.avoidInside || ps.relative) {
      throw new Unsupported("floats their parent does not hold, in a rounded, kept or relative "
          + HtmlStyle.describe(parent));
    }
    return ps.padding[BOTTOM] + ps.border(BOTTOM);
  }

  /**
   * Whether floats that end a parent which does not hold them can be placed: the parent has no bottom margin or
   * height (its padding, border and background are drawn through them, {@link #unheld}) and the next element is a
   * block that clears both, which openhtmltopdf puts at the floats' bottom ({@link #cleared}). Returns that block,
   * or null.
   */
  private Element clearedAfter(Element parent, HtmlStyle ps) throws Unsupported {
    if (ps.margin[BOTTOM] != 0
        || !Double.isNaN(ps.marginPercent[BOTTOM]) || !Double.isNaN(ps.boxHeight) || !Double.isNaN(ps.minHeight)
        || ps.floating != null || ps.relative || ps.absolute || parent.normalName().equals("body")) {
      return null;
    }
    Node n = parent.nextSibling();
    while (n != null
        && (n instanceof TextNode t && t.isBlank() || !(n instanceof Element) && !(n instanceof TextNode))) {
      n = n.nextSibling();
    }
    if (!(n instanceof Element next) || !HtmlStyle.BLOCKS.contains(next.normalName())) return null;
    // clear is not inherited, nor the sign of a margin; its length is judged where the block is laid out
    HtmlStyle ns = style(next, ps);
    if (!"both".equals(ns.clear) || !Double.isNaN(ns.marginPercent[TOP]) || ns.margin[TOP] < 0 || ns.relative) {
      return null;
    }
    return next;
  }

  /**
   * A block laid out apart, with its background and borders: its border-box height and ops.
   *
   * @param leading a first child's top margin that collapsed through the box's top, to place above it
   * @param trailing a last child's bottom margin that collapsed through its bottom, to place below it
   */
  record Box(double height, List<Ops> ops, double leading, double trailing, double overflow) {
    Box(double height, List<Ops> ops) {
      this(height, ops, 0, 0, 0);
    }
  }

  /**
   * @param collapse whether its children's margins collapse through the box where no border, padding or block
   *     formatting context stands between (a block of an auto height; a float's stay inside)
   */
  private Box box(Element e, HtmlStyle s, double content, double boxWidth, boolean collapse) throws RenderException {
    double[] p = s.padding;
    Sink.Stack inner = new Sink.Stack(s.border(LEFT) + p[LEFT]);
    inner.y = s.border(TOP) + p[TOP];
    inner.escapeLeading = collapse && p[TOP] == 0 && s.border(TOP) == 0 && !s.contains;
    boolean escapeTrailing = collapse && p[BOTTOM] == 0 && s.border(BOTTOM) == 0 && !s.contains;
    // a relative float (HtmlPositioned.positionable) would hold the absolute boxes inside it: refused there
    boolean apart = positioned.apart;
    positioned.apart |= s.relative && s.floating != null;
    try {
      children(e, s, content, inner);
    } finally {
      positioned.apart = apart;
    }
    double trailing = escapeTrailing ? inner.trailing() : 0;
    double h = inner.height() - trailing + p[BOTTOM] + s.border(BOTTOM);
    double frame = s.borderBox ? 0 : p[TOP] + p[BOTTOM] + s.border(TOP) + s.border(BOTTOM);
    if (!Double.isNaN(s.minHeight)) {
      h = Math.max(h, s.minHeight + frame);
    }
    double overflow = 0;
    if (!Double.isNaN(s.boxHeight)) {
      // openhtmltopdf keeps the box at its height and lets taller content overflow it, over what follows, painted
      // as it paints any box's (its backgrounds in the order of the boxes, then all text): the same here, where
      // the content stays on the box's page (HtmlFlow.laidOut)
      overflow = Math.max(0, h - s.boxHeight - frame);
      h = s.boxHeight + frame;
    }
    List<Ops> ops = new ArrayList<>(inner.ops.size() + 5);
    if (printBackground && s.background >= 0) ops.add(blockBackground(boxWidth, h, s));
    borders(s, boxWidth, h, 0, ops);
    ops.addAll(inner.ops);
    return new Box(h, ops, inner.leading, trailing, overflow);
  }

  /** Whether a block holds nothing and has no padding, border or height: its margins collapse through it. */
  private static boolean collapsesThrough(Element e, HtmlStyle s) {
    if (s.padding[TOP] != 0 || s.padding[BOTTOM] != 0 || s.border(TOP) != 0 || s.border(BOTTOM) != 0
        || !Double.isNaN(s.boxHeight) || !Double.isNaN(s.minHeight)) {
      return false;
    }
    for (Node n : e.childNodes()) {
      if (!(n instanceof TextNode t) || !t.isBlank()) return false;
    }
    return true;
  }

  /**
   * Whether an empty block stands beside text or an inline element, or first or last in its parent; in a table
   * cell, whose margins stay in it, only last after other content (measured: first, or alone, the engines agree).
   * A parent's padding or border would keep the margins apart too; not looked at here, so such a box goes to
   * openhtmltopdf as well.
   */
  private static boolean atAnEdge(Element e) {
    Node before = flowSibling(e, true);
    Node after = flowSibling(e, false);
    // beside an inline element or text, the block stands beside an anonymous block of text
    if (before != null && isInline(before) || after != null && isInline(after)) return true;
    String parent = e.parent() == null ? "" : e.parent().normalName();
    if (parent.equals("td") || parent.equals("th")) return before != null && after == null;
    return before == null || after == null;
  }

  /** The sibling before (or after) {@code e} that takes part in the flow, white space and comments left out. */
  private static Node flowSibling(Element e, boolean before) {
    for (Node n = before ? e.previousSibling() : e.nextSibling(); n != null;
        n = before ? n.previousSibling() : n.nextSibling()) {
      if (n instanceof TextNode t ? !t.isBlank() : n instanceof Element el && !HtmlStyle.DROPPED.contains(el.normalName())) {
        return n;
      }
    }
    return null;
  }

  /**
   * Whether a margin of the first block in {@code e} (side TOP) or of the last (BOTTOM) meets {@code e}'s own:
   * nothing (padding, a border, a block formatting context, a line of text) stands between them and one of them is
   * not 0. The direct engine keeps such a margin inside a box laid out apart; openhtmltopdf lets it out of the box,
   * even out of one of a set height (measured: a paragraph's bottom margin pushed down what followed).
   */
  private boolean marginMeets(Element e, HtmlStyle s, int side) throws Unsupported {
    if (s.padding[side] > 0 || s.border(side) > 0 || s.contains && !(s.overflowAuto && side == BOTTOM)) return false;
    if (side == TOP ? s.tableBefore : s.tableAfter) return false;
    List<Node> nodes = new ArrayList<>(e.childNodes());
    if (side == BOTTOM) java.util.Collections.reverse(nodes);
    for (Node n : nodes) {
      if (n instanceof TextNode t) {
        if (!t.isBlank()) return false;
        continue;
      }
      if (!(n instanceof Element c) || HtmlStyle.DROPPED.contains(c.normalName())) continue;
      HtmlStyle cs = style(c, s);
      if (cs.hidden || cs.running != null || cs.positionFixed) continue;
      boolean block = HtmlStyle.BLOCKS.contains(c.normalName()) || cs.displayBlock || HtmlStyle.TABLE.contains(
          c.normalName());
      if (!block) return false;
      return cs.margin[side] != 0 || !Double.isNaN(cs.marginPercent[side]) || marginMeets(c, cs, side);
    }
    return false;
  }

  private static void avoidedBreak(Element e, Sink.Mark top, int pageBefore) throws Unsupported {
    if (top != null && (top.page != pageBefore || top.page < 0)) throw breakAvoided(e);
  }

  /** page-break-before: avoid where a break falls before the box, whose move of the box before is not followed. */
  private static Unsupported breakAvoided(Element e) {
    return new Unsupported("page-break-before: avoid on " + HtmlStyle.describe(e) + " where a page break falls"
        + " before it, or in a table cell");
  }

  /** Whether a box follows {@code e} in its parent: an element or text (kept together with it as siblings). */
  private static boolean followed(Element e) {
    for (Node n = e.nextSibling(); n != null; n = n.nextSibling()) {
      if (n instanceof Element || n instanceof TextNode t && !t.isBlank()) return true;
    }
    return false;
  }

  void block(Element e, HtmlStyle s, double avail, Sink sink) throws RenderException {
    if (s.blockInline) throw new Unsupported("CSS display 'inline-block' on " + HtmlStyle.describe(e));
    if (s.avoidAfter && followed(e)) {
      throw new Unsupported("page-break-after: avoid on " + HtmlStyle.describe(e) + " before more content");
    }
    if (s.breakBefore) sink.breakBefore();
    String tag = e.normalName();
    boolean list = tag.equals("ul") || tag.equals("ol");
    if (list) {
      for (Node n : e.childNodes()) {
        // a template's loop tags are text here; what they print is checked when the document is laid out
        if (n instanceof Element c && !c.normalName().equals("li") && !HtmlStyle.DROPPED.contains(c.normalName())
            || n instanceof TextNode t && !(dry ? HtmlSubset.TAG.matcher(t.getWholeText()).replaceAll("") : t.getWholeText())
                .isBlank()) {
          throw new Unsupported("content other than <li> directly in " + HtmlStyle.describe(e));
        }
      }
    }
    if (tag.equals("li")) {
      String parent = e.parent() == null ? "" : e.parent().normalName();
      if (!parent.equals("ul") && !parent.equals("ol")) {
        throw new Unsupported("<li> outside <ul> or <ol>");
      }
      if (marker != null) throw new Unsupported("a list item starting with another list item");
      if (s.markerInside && !s.align.equals("left") && !s.listStyle.equals("none")) {
        throw new Unsupported("list-style-position: inside in a list item of text-align " + s.align);
      }
      // how openhtmltopdf spaces a number's letters beside the item is not measured
      boolean numbered = !s.listStyle.equals("none") && !s.listStyle.equals("disc") && !s.listStyle.equals("square");
      if (s.letterSpacing != 0 && numbered) throw new Unsupported("letter-spacing on a numbered list item");
      if (!s.listStyle.equals("none")) marker = new Marker(s, numbered ? counterText(s.listStyle,
          e.elementSiblingIndex() + 1 - liBefore(e)) + ".  " : null);
    }
    if (tag.equals("li")) items++;
    apartPercentMargin(e, s);
    double[] m = s.margin(avail);
    if (e == cleared && clearedBelow > 0) {
      // below floats that reach out of the parent before it, openhtmltopdf puts its border edge at their bottom where
      // its margin would leave it higher, and keeps that margin to meet the next block's (measured: an empty clearing
      // div's 12px take 12px off the next block's 14px below the floats); a longer margin places it as without floats
      if (m[TOP] < clearedBelow) sink.slice(clearedBelow - m[TOP], List.of());
      cleared = null;
      clearedBelow = 0;
    } else if (e == cleared) {
      // the floats above reach below where its top margin would put it: clearance swallows the margin
      if (m[TOP] > clearedHeight + 0.01 && !dry) {
        throw new Unsupported("a top margin below floats, taller than they are, on " + HtmlStyle.describe(e));
      }
      m = m.clone();
      m[TOP] = 0;
      cleared = null;
    }
    double[] p = s.padding;
    if (!dry && (m[TOP] != 0 || m[BOTTOM] != 0) && collapsesThrough(e, s) && atAnEdge(e)) {
      // measured: openhtmltopdf keeps such a box's top margin apart from the next one's and drops its bottom margin
      // (first child), or drops both (last child); between two blocks it collapses them as the direct path does
      throw new Unsupported("an empty " + HtmlStyle.describe(e) + " with a margin, first or last in its parent or"
          + " beside text");
    }
    double br = s.border(RIGHT), bl = s.border(LEFT);
    double boxWidth = s.width == null ? avail - m[LEFT] - m[RIGHT] : boxWidth(s.width, s, avail, p);
    if (s.minWidth != null) {
      double min = boxWidth(s.minWidth, s, avail, p);
      // a box pushed past its container by min-width overflows it, which is not matched here
      if (min > avail - m[LEFT] - m[RIGHT] + 0.01) throw new Unsupported("min-width wider than its container, on "
          + HtmlStyle.describe(e));
      if (min > boxWidth + 0.01 && (s.autoMargin[LEFT] || s.autoMargin[RIGHT])) {
        // openhtmltopdf shares the auto margins by the width before min-width raised it (measured): not matched
        throw new Unsupported("min-width raising the width of a block with auto margins, on " + HtmlStyle.describe(e));
      }
      boxWidth = Math.max(boxWidth, min);
    }
    // then max-width, over min-width: openhtmltopdf applies them in this order (measured), not as CSS says
    if (s.maxWidth != null) {
      double most = boxWidth(s.maxWidth, s, avail, p);
      // a block with a width, a max-width that narrows it and auto margins openhtmltopdf places other than CSS says
      // (measured); one whose max-width is wider (width: 100%; max-width: 800px; margin: 0 auto) as without it
      if (most < boxWidth - 0.01 && s.width != null && (s.autoMargin[LEFT] || s.autoMargin[RIGHT])) {
        throw new Unsupported("an auto margin with width and max-width on " + HtmlStyle.describe(e));
      }
      boxWidth = Math.min(boxWidth, most);
    }
    double left = autoLeft(s, m, avail, boxWidth);
    double content = boxWidth - bl - br - p[LEFT] - p[RIGHT];
    boolean relative = s.relative && !tag.equals("body");
    double dx = 0, dy = 0;
    List<HtmlPositioned.Absolute> inside = null;
    Sink.Mark mark = null;
    if (relative) {
      if (positioned.apart) {
        throw new Unsupported("position: relative inside a positioned, running or fixed element, on "
            + HtmlStyle.describe(e));
      }
      double[] o = s.offsets;
      // left over right and top over bottom, as CSS has it for left-to-right text
      dx = !Double.isNaN(o[LEFT]) ? o[LEFT] : Double.isNaN(o[RIGHT]) ? 0 : -o[RIGHT];
      dy = !Double.isNaN(o[TOP]) ? o[TOP] : Double.isNaN(o[BOTTOM]) ? 0 : -o[BOTTOM];
      // openhtmltopdf paints the shifted box over the content after it, the direct path all text over all boxes
      if ((dx != 0 || dy != 0) && positioned.decorates(e, s)) {
        throw new Unsupported("a border or background in a position: relative box with offsets, on "
            + HtmlStyle.describe(e));
      }
      if (dy != 0 && sink.atDocumentStart()) sink.dropMargins = true;
      inside = new ArrayList<>(0);
      positioned.containers.push(inside);
    }
    sink.margin(m[TOP]);
    if (relative) {
      mark = sink.mark();
      sink.indent += dx;
      sink.shift += dy;
    }
    try {
      laidOut(e, s, tag, m, left, boxWidth, content, sink);
    } finally {
      if (relative) {
        positioned.containers.pop();
        sink.indent -= dx;
        sink.shift -= dy;
        // an empty box drops no margin of what follows it
        sink.dropMargins = false;
      }
    }
    if (relative) {
      double bottom = sink.y() + sink.shift + dy;
      if (mark.page >= 0 && mark.page != sink.page() && (dx != 0 || dy != 0 || !inside.isEmpty())) {
        throw new Unsupported("a position: relative box " + (inside.isEmpty() ? "with offsets" : "holding an absolute"
            + " box") + " across a page break, on " + HtmlStyle.describe(e));
      }
      if (!inside.isEmpty() && !dry) {
        if (mark.page < 0) throw new Unsupported("an absolute box in a position: relative box with nothing else in"
            + " it, on " + HtmlStyle.describe(e));
        double x = sink.indent + dx + left + bl;
        double top = mark.y + s.border(TOP);
        positioned.place(inside, mark.page, x, top, boxWidth - bl - br, bottom - s.border(BOTTOM) - top, sink, false);
      }
    }
    if (tag.equals("li")) items--;
    if (tag.equals("li") && marker != null) {
      // openhtmltopdf puts the marker by the item's first line; without one it puts it elsewhere
      throw new Unsupported("a list item that does not start with a line of text");
    }
    sink.margin(m[BOTTOM]);
    if (s.breakAfter) sink.pageBreak();
  }

  /**
   * A table of page-break-inside: avoid (a totals or signature table), placed as a block kept whole is: openhtmltopdf's
   * BlockBoxing lays any block box a page break crosses out again from the next page's top, a table too. One taller
   * than a page it then lays out once more where it stood, its rows breaking a pixel off where they break in a table
   * not kept (measured, collapsed borders): not matched, as a kept block taller than a page is not.
   */
  private void keptTable(Element e, HtmlStyle s, double width, Sink sink) throws RenderException {
    Sink.Stack inner = new Sink.Stack(0);
    tables.keptTable(e, s, width, inner, sink.indent);
    double h = inner.height();
    if (s.breakBefore) sink.breakBefore();
    sink.margin(s.margin[TOP]);
    if (!sink.fits(h) && !sink.fitsPage(h)) {
      throw new Unsupported("a table kept whole (page-break-inside: avoid) taller than a page, "
          + HtmlStyle.describe(e));
    }
    sink.kept(h, inner.ops, s.margin[TOP]);
    sink.margin(s.margin[BOTTOM]);
    if (s.breakAfter) sink.pageBreak();
  }

  /** The block's box and content, once its top margin is given to the sink. */
  private void laidOut(Element e, HtmlStyle s, String tag, double[] m, double left, double boxWidth, double content,
      Sink sink) throws RenderException {
    double[] p = s.padding;
    if (s.overflowAuto && marginMeets(e, s, BOTTOM)) {
      throw new Unsupported("overflow: auto on " + HtmlStyle.describe(e) + " whose last block has a bottom margin at its"
          + " edge (openhtmltopdf lets it out of the box; overflow: hidden keeps it in)");
    }
    // where the children's margins would meet the box's own, min-height would be measured other than here
    // (top and bottom padding keep them apart: a packing slip's note box of min-height: 90px and 12px of padding)
    if (!Double.isNaN(s.minHeight) && !s.decorated(printBackground) && !s.contains && !s.avoidInside
        && (p[TOP] == 0 || p[BOTTOM] == 0)) {
      throw new Unsupported("min-height on " + HtmlStyle.describe(e) + " without a border, background or overflow: hidden");
    }
    if (!Double.isNaN(s.minHeight) && (marginMeets(e, s, TOP) || marginMeets(e, s, BOTTOM))) {
      // where openhtmltopdf puts them beside a least height is not measured
      throw new Unsupported("min-height on " + HtmlStyle.describe(e) + " whose first or last block has a margin at"
          + " its edge (give it padding, a border or overflow: hidden)");
    }
    if (!Double.isNaN(s.boxHeight) && (marginMeets(e, s, TOP) || marginMeets(e, s, BOTTOM))) {
      throw new Unsupported("height on " + HtmlStyle.describe(e) + " whose first or last block has a margin at its"
          + " edge (give it padding, a border or overflow: hidden)");
    }
    // a box that paints, or one kept whole, is laid out apart and placed as one slice; a block formatting context
    // that paints nothing (overflow: hidden on a page-wide wrapper) breaks across pages as openhtmltopdf breaks it
    // a white body (laravel-invoices', Bootstrap's body { background-color: #fff }) paints white on the white page,
    // under everything, the html element having no background (refused): laid out as a body that paints nothing,
    // across page breaks too, which openhtmltopdf lays out alike
    boolean white = e == e.ownerDocument().body() && s.background == 0xffffff && !s.bordered() && s.radius <= 0;
    if (s.decorated(printBackground) && !white || s.avoidInside || !Double.isNaN(s.minHeight)
        || !Double.isNaN(s.boxHeight)) {
      boolean kept = s.avoidInside || !Double.isNaN(s.minHeight) || !Double.isNaN(s.boxHeight);
      if (!kept && sink.pageHeight() != Double.POSITIVE_INFINITY && s.radius <= 0 && sink.shift == 0
          && !marginMeets(e, s, TOP)) {
        // straight onto the pages, as where a break meets it: laying it out apart first, only to find it does not
        // fit, laid a card holding a long table out twice
        across(e, s, left, boxWidth, content, sink);
        return;
      }
      Box box = box(e, s, content, boxWidth, Double.isNaN(s.minHeight) && Double.isNaN(s.boxHeight));
      sink.margin(box.leading());
      double h = box.height();
      if (box.overflow() > 0.01 && !dry && !sink.fits(h + box.overflow())) {
        throw new Unsupported("content taller than the height of " + HtmlStyle.describe(e) + " across a page break");
      }
      if (!sink.fits(h) && !(s.avoidInside && sink.fitsPage(h))) {
        if (kept) throw new Unsupported("a box with a border or background across a page break");
        across(e, s, left, boxWidth, content, sink);
        return;
      }
      sink.indent += left;
      if (s.avoidInside) sink.kept(h, box.ops(), Math.max(m[TOP], box.leading()));
      else sink.slice(h, box.ops());
      sink.indent -= left;
      sink.margin(box.trailing());
    } else {
      sink.indent += left;
      // its children's margins stay inside a block formatting context: the pending one is placed at each edge
      if (p[TOP] > 0 || s.contains) sink.slice(p[TOP], List.of());
      sink.indent += p[LEFT];
      HtmlStyle was = clearable;
      double wasMargin = clearableMargin;
      clearable = p[TOP] == 0 && !s.contains ? s : null;
      clearableMargin = m[TOP];
      try {
        children(e, s, content, sink);
      } finally {
        clearable = was;
        clearableMargin = wasMargin;
      }
      sink.indent -= p[LEFT];
      if (p[BOTTOM] > 0 || s.contains) sink.slice(p[BOTTOM], List.of());
      sink.indent -= left;
    }
  }

  /**
   * A box with a border or background that a page break crosses, laid out straight onto the pages as openhtmltopdf
   * lays it out: one strip that each page shows its part of. The box is not moved; its lines and rows move over the
   * break as they do anywhere, its paint is cut by each page's bottom and goes on at the next page's top.
   */
  private void across(Element e, HtmlStyle s, double left, double boxWidth, double content, Sink sink)
      throws RenderException {
    if (sink.shift != 0) {
      throw new Unsupported("a box with a border or background across a page break in a position: relative box");
    }
    // a first child's top margin would meet the pending one above the box's paint: where is not measured across a break
    if (marginMeets(e, s, TOP)) {
      throw new Unsupported("a box with a border or background across a page break whose first block has a top"
          + " margin at its edge (give it padding or a border), " + HtmlStyle.describe(e));
    }
    double[] p = s.padding;
    sink.indent += left;
    Sink.Start start = sink.open(s.border(TOP) + p[TOP]);
    double inside = s.border(LEFT) + p[LEFT];
    sink.indent += inside;
    children(e, s, content, sink);
    sink.indent -= inside;
    // the last child's bottom margin stays in a box with bottom padding or a border, and leaves one without
    if (p[BOTTOM] > 0 || s.border(BOTTOM) > 0 || s.contains) sink.pass(p[BOTTOM] + s.border(BOTTOM));
    double h = sink.since(start);
    List<Ops> ops = new ArrayList<>(5);
    if (printBackground && s.background >= 0) ops.add(blockBackground(boxWidth, h, s));
    borders(s, boxWidth, h, 0, ops);
    sink.paint(start, ops);
    sink.indent -= left;
  }

  /** Elements before {@code li} among its siblings that are no list items (dropped ones): not counted. */
  private static int liBefore(Element li) {
    int n = 0;
    for (Element sib = li.previousElementSibling(); sib != null; sib = sib.previousElementSibling()) {
      if (!sib.normalName().equals("li")) n++;
    }
    return n;
  }

  /**
   * The marker of the list item being laid out, until its first line takes it: openhtmltopdf draws it beside
   * the first line laid out inside the item, wherever that is.
   *
   * @param text a numbered marker's text ("3.  "), or null for a disc or square
   */
  private record Marker(HtmlStyle style, String text) {}

  private Marker marker;

  /**
   * A list item's number as openhtmltopdf writes it (CounterFunction.createCounterText): letters a..z, aa.. of
   * CounterLanguage.toLatin, roman numerals of its toRoman, decimal with a leading zero below 10; lower case in the
   * default locale, as there.
   */
  static String counterText(String style, int n) {
    return switch (style) {
      case "lower-alpha", "lower-latin" -> latin(n).toLowerCase(java.util.Locale.getDefault());
      case "upper-alpha", "upper-latin" -> latin(n);
      case "lower-roman" -> roman(n).toLowerCase(java.util.Locale.getDefault());
      case "upper-roman" -> roman(n);
      case "decimal-leading-zero" -> n < 10 && n >= 0 ? "0" + n : Integer.toString(n);
      default -> Integer.toString(n);
    };
  }

  private static String latin(int n) {
    StringBuilder out = new StringBuilder();
    for (int v = n - 1; v >= 0; v = v / 26 - 1) out.insert(0, (char) ('A' + v % 26));
    return out.toString();
  }

  private static final int[] ROMAN_VALUES = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
  private static final String[] ROMAN = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};

  private static String roman(int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < ROMAN_VALUES.length; i++) {
      for (; n >= ROMAN_VALUES[i]; n -= ROMAN_VALUES[i]) out.append(ROMAN[i]);
    }
    return out.toString();
  }
  /** List items being laid out, around the current line. */
  private int items;

  /**
   * The room an inside marker takes on its item's first line, in dots: openhtmltopdf's MarkerData layout width,
   * a number's text with its ".  " measured, or three times a disc's or square's diameter.
   */
  private long markerWidth(Marker mk) throws Unsupported {
    HtmlStyle st = mk.style();
    Face face = face(st);
    if (mk.text() != null) return textDots(face, mk.text(), Math.round(st.size * HtmlStyle.DOTS_PER_POINT));
    float size = (float) (st.size * HtmlStyle.DOTS_PER_POINT);
    return 3L * (int) ((face.ascent * size + face.descent * size) / 3);
  }

  /** An inside list marker's width ({@link #markerWidth}) while its item's first paragraph is wrapped, else 0. */
  private long firstIndent;
  /** Whether the paragraph being wrapped is white-space: pre, its lines as written. */
  private boolean pre;

  /**
   * The marker beside a line whose baseline is {@code base} and whose text starts at x 0, as openhtmltopdf's
   * ListItemPainter draws it, in its whole dots: a number right-aligned before the line, its spaces included; a
   * disc or square a third of the strut high, a diameter and nine tenths before it, centred on a third of the
   * ascent above the baseline.
   */
  private Ops markerOp(Marker mk, double base) throws Unsupported {
    HtmlStyle st = mk.style();
    Face face = face(st);
    float size = (float) (st.size * HtmlStyle.DOTS_PER_POINT);
    if (mk.text() != null) {
      long w = textDots(face, mk.text(), Math.round(st.size * HtmlStyle.DOTS_PER_POINT));
      return new Ops.Text(-w / HtmlStyle.DOTS_PER_POINT, base, st.bold, st.mono, st.size, st.rgb, 0,
          mk.text().trim());
    }
    float ascent = face.ascent * size;
    float descent = face.descent * size;
    int d = (int) ((ascent + descent) / 3);
    double x = Math.floor(-3 * d + d * 1.1) / HtmlStyle.DOTS_PER_POINT;
    double y = base + (-((int) (ascent / 1.5)) / 2 - d / 2) / HtmlStyle.DOTS_PER_POINT;
    double dd = d / HtmlStyle.DOTS_PER_POINT;
    return st.listStyle.equals("square") ? new Ops.Rect(x, y, dd, dd, st.rgb) : new Ops.Oval(x, y, dd, dd, st.rgb);
  }

  /**
   * The content width of a box whose {@code width} is set, of {@code avail}: under border-box less {@code frame},
   * its side padding and borders.
   */
  static double contentWidth(HtmlStyle s, double avail, double frame) throws Unsupported {
    double content = length(s.width, s, avail);
    return s.borderBox ? Math.max(0, content - frame) : content;
  }

  /** The border-box width of a block whose width (or max-width) is {@code css}, under its box-sizing. */
  static double boxWidth(String css, HtmlStyle s, double avail, double[] p) throws Unsupported {
    double frame = p[LEFT] + p[RIGHT] + s.border(LEFT) + s.border(RIGHT);
    double w = length(css, s, avail);
    return s.borderBox ? Math.max(w, frame) : w + frame;
  }

  /**
   * The left margin of a block: auto side margins share what a block with a width leaves of its containing block
   * (halved in whole dots), and are 0 when it leaves nothing or the block has no width: openhtmltopdf does not
   * centre a block narrowed by max-width alone.
   */
  static double autoLeft(HtmlStyle s, double[] m, double avail, double boxWidth) {
    return autoLeft(s, m, avail, boxWidth, s.width != null);
  }

  /** @param sized whether the box's width is known: a block's declared one, or a table's laid out without one */
  static double autoLeft(HtmlStyle s, double[] m, double avail, double boxWidth, boolean sized) {
    boolean l = s.autoMargin[LEFT], r = s.autoMargin[RIGHT];
    if (!l || !sized) return l ? 0 : m[LEFT];
    // openhtmltopdf shares out what the content-box width leaves, even under box-sizing: border-box, so the
    // padding and borders are taken off a second time there
    double frame = s.borderBox ? s.padding[LEFT] + s.padding[RIGHT] + s.border(LEFT) + s.border(RIGHT) : 0;
    double free = avail - boxWidth - frame - (r ? 0 : m[RIGHT]);
    if (free <= 0) return 0;
    if (!r) return free;
    return Math.floor(Math.round(free * HtmlStyle.DOTS_PER_POINT) / 2.0) / HtmlStyle.DOTS_PER_POINT;
  }

  static double length(String css, HtmlStyle s, double percentOf) throws Unsupported {
    double pt = Styles.points(css, s.size, percentOf);
    if (Double.isNaN(pt) || pt < 0) throw new Unsupported("the width '" + css + "'");
    return HtmlStyle.dots(pt);
  }

  void borders(HtmlStyle s, double w, double h, double x, List<Ops> ops) throws Unsupported {
    double bt = s.border(TOP), br = s.border(RIGHT), bb = s.border(BOTTOM), bl = s.border(LEFT);
    if (s.radius > 0 && HtmlStyle.merged(s) && !HtmlStyle.uniform(s)) {
      // sides in the background's colour: one rounded shape over the border box (an inline box's background
      // covers only its padding box)
      ops.add(background(x, 0, w, h, s));
      return;
    }
    if (s.radius > 0 && !HtmlStyle.uniform(s)) {
      // solid sides of a block that differ, or one side alone (the style refuses them elsewhere), each its own
      // shape, painted in openhtmltopdf's order
      for (int side : new int[] {TOP, BOTTOM, LEFT, RIGHT}) {
        if (s.border(side) > 0) ops.add(RoundedSides.band(x, w, h, s, side));
      }
      return;
    }
    if (s.radius > 0 && bt > 0) {
      // a uniform solid border (the style refuses any other with a radius)
      ops.add(new Ops.RoundRing(x, 0, w, h, Math.min(s.radius, w / 2), Math.min(s.radius, h / 2), bt, s.borderRgb(TOP)));
      return;
    }
    if (!s.patterned()) {
      if (bt > 0) ops.add(new Ops.Rect(x, 0, w, bt, s.borderRgb(TOP)));
      if (bb > 0) ops.add(new Ops.Rect(x, h - bb, w, bb, s.borderRgb(BOTTOM)));
      if (bl > 0) ops.add(new Ops.Rect(x, 0, bl, h, s.borderRgb(LEFT)));
      if (br > 0) ops.add(new Ops.Rect(x + w - br, 0, br, h, s.borderRgb(RIGHT)));
      return;
    }
    double[] b = {bt, br, bb, bl};
    int[] rgbs = new int[4];
    for (int side = 0; side < 4; side++) rgbs[side] = s.borderRgb(side);
    patternedSides(s.borderKind, rgbs, b, x, w, h, ops);
  }

  /**
   * The sides {@code b} (top, right, bottom, left widths in points) of a box at {@code x}, 0 of {@code w} by
   * {@code h}, at least one of them patterned: openhtmltopdf's BorderPainter, side by side: top, bottom, left,
   * right (clockwise along the middle line). Collapsed cell borders are painted so too, per cell and side.
   */
  static void patternedSides(char[] kinds, int[] rgbs, double[] b, double x, double w, double h,
      List<Ops> ops) throws Unsupported {
    double bt = b[TOP], br = b[RIGHT], bb = b[BOTTOM], bl = b[LEFT];
    double r = x + w;
    side(kinds, rgbs, TOP, b, new double[] {x, 0, r, 0, r - br, bt, x + bl, bt}, x + bl / 2, bt / 2, r - br / 2, bt / 2,
        x, 0, w, bt / 3, x + bl * 2 / 3, bt * 2 / 3, w - (bl + br) * 2 / 3, bt / 3, ops);
    side(kinds, rgbs, BOTTOM, b, new double[] {r, h, x, h, x + bl, h - bb, r - br, h - bb}, r - br / 2, h - bb / 2, x + bl / 2,
        h - bb / 2, x, h - bb / 3, w, bb / 3, x + bl * 2 / 3, h - bb, w - (bl + br) * 2 / 3, bb / 3, ops);
    side(kinds, rgbs, LEFT, b, new double[] {x, h, x, 0, x + bl, bt, x + bl, h - bb}, x + bl / 2, h - bb / 2, x + bl / 2, bt / 2,
        x, 0, bl / 3, h, x + bl * 2 / 3, bt * 2 / 3, bl / 3, h - (bt + bb) * 2 / 3, ops);
    side(kinds, rgbs, RIGHT, b, new double[] {r, 0, r, h, r - br, h - bb, r - br, bt}, r - br / 2, bt / 2, r - br / 2, h - bb / 2,
        r - br / 3, 0, br / 3, h, r - br, bt * 2 / 3, br / 3, h - (bt + bb) * 2 / 3, ops);
  }

  /**
   * One side of a box with a patterned border: solid, its two thirds of a double border (the outer and the inner
   * band, drawn as rectangles: the corners they share are one colour), or a dashed or dotted stroke with
   * openhtmltopdf's patterns in whole dots of its width t: dashes 8 + 2t on, 4 + t off; dots t on, t off.
   */
  private static void side(char[] kinds, int[] rgbs, int side, double[] b, double[] clip, double x1, double y1, double x2,
      double y2, double ox, double oy, double ow, double oh, double ix, double iy, double iw, double ih, List<Ops> ops)
      throws Unsupported {
    double t = b[side];
    if (t <= 0) return;
    int rgb = rgbs[side];
    switch (kinds[side]) {
      case HtmlStyle.DOUBLE -> {
        ops.add(new Ops.Rect(ox, oy, ow, oh, rgb));
        ops.add(new Ops.Rect(ix, iy, iw, ih, rgb));
      }
      case HtmlStyle.DASHED, HtmlStyle.DOTTED -> {
        // the stroke colour's alpha would be an ExtGState's /CA, not compared with openhtmltopdf's
        if (Ops.alpha(rgb) < 1) throw new Unsupported("an rgba() colour on a dashed or dotted border");
        long dots = Math.round(t * HtmlStyle.DOTS_PER_POINT);
        boolean dashed = kinds[side] == HtmlStyle.DASHED;
        double on = (dashed ? 8 + 2 * dots : dots) / HtmlStyle.DOTS_PER_POINT;
        double off = (dashed ? 4 + dots : dots) / HtmlStyle.DOTS_PER_POINT;
        ops.add(new Ops.Dash(clip, x1, y1, x2, y2, 2 * dots / HtmlStyle.DOTS_PER_POINT, on, off, rgb));
      }
      default -> ops.add(switch (side) {
        case TOP -> new Ops.Rect(ox, oy, ow, t, rgb);
        case BOTTOM -> new Ops.Rect(ox, oy - t * 2 / 3, ow, t, rgb);
        case LEFT -> new Ops.Rect(ox, oy, t, oh, rgb);
        default -> new Ops.Rect(ox - t * 2 / 3, oy, t, oh, rgb);
      });
    }
  }

  // ---- inline content

  /** Inline content collected so far, as an anonymous block in the parent's style. */
  private void flush(List<Node> inline, HtmlStyle ps, double width, Sink sink) throws RenderException {
    if (inline.isEmpty()) return;
    List<Node> nodes = List.copyOf(inline);
    inline.clear();
    Element image = null;
    int images = 0;
    boolean text = false;
    boolean space = false;
    for (Node n : nodes) {
      if (n instanceof Element e && (HtmlStyle.replaced(e.normalName()) || square(e, ps))) {
        if (image != null) images++;
        image = e;
      } else if (n instanceof Element e && HtmlStyle.DROPPED.contains(e.normalName())) {
        continue;
      } else if (!(n instanceof TextNode t) || !t.isBlank()) {
        text = true;
      } else if (!t.getWholeText().isEmpty()) {
        space = true;
      }
    }
    if (images > 0 && !text) throw new Unsupported("two images on one line");
    // measured: white space beside the image (indented markup) gives openhtmltopdf's line a strut, so the image
    // sits on a baseline with the strut's depth below it, as on a line of text
    if (image != null && !text && space && !dry && autoCells == 0 && !HtmlStyle.inCell(image)) text = true;
    if (image != null && !text) {
      // openhtmltopdf indents an image's line as any first line: not measured
      if (ps.textIndent != 0) throw new Unsupported("text-indent before an image alone on its line");
      image(image, ps, width, space, sink);
      return;
    }
    if (!text) return;
    Runs runs = new Runs();
    for (Node n : nodes) collect(n, ps, ps, runs);
    if (dry) {
      marker = null;
      return;
    }
    runs.finish();
    Node parent = nodes.get(0).parent();
    // a cell's text beside blocks goes in anonymous blocks, which are not measured: judged as a block's
    boolean cell = parent instanceof Element pe && (pe.normalName().equals("td") || pe.normalName().equals("th"));
    cellText = cell && parent.childNodeSize() == nodes.size();
    runs.inCell = cell || parent instanceof Element pe && HtmlStyle.inCell(pe);
    paragraph(runs, ps, width, sink);
  }

  /** A % margin on a box laid out apart, at a width of its own where openhtmltopdf's is not measured: refused. */
  private void apartPercentMargin(Element e, HtmlStyle s) throws Unsupported {
    if (positioned.apart && s.percentMargin()) {
      throw new Unsupported("a % margin inside a positioned, running or fixed element, on " + HtmlStyle.describe(e));
    }
  }

  /**
   * Whether the paragraph being laid out is a table cell's own text, all of its content, whose lines a page break
   * parts one by one (measured), rather than a block's in the cell (a {@code <p>}), whose lines openhtmltopdf keeps
   * two on each side (measured: a two-line paragraph in a cell moves to the next page whole).
   */
  private boolean cellText;

  private void collect(Node n, HtmlStyle inherited, HtmlStyle block, Runs runs) throws RenderException {
    if (n instanceof TextNode t) {
      runs.append(inherited.transform(t.getWholeText()), inherited);
      return;
    }
    if (!(n instanceof Element e)) return;
    String tag = e.normalName();
    if (HtmlStyle.DROPPED.contains(tag)) return;
    if (HtmlStyle.replaced(tag) || square(e, inherited)) {
      inlineImage(e, inherited, block, runs);
      return;
    }
    if (!HtmlStyle.inline(tag)) throw new Unsupported("the element <" + tag + "> inside a line of text");
    HtmlStyle s = style(e, inherited);
    if (s.hidden) return;
    if (s.running != null || s.positionFixed) {
      throw new Unsupported("position: " + (s.positionFixed ? "fixed" : "running()") + " on the inline element "
          + HtmlStyle.describe(e));
    }
    if (s.displayBlock) throw new Unsupported("display: block on " + HtmlStyle.describe(e) + " inside a line of text");
    if (s.floating != null) throw new Unsupported("a float inside a line of text, " + HtmlStyle.describe(e));
    if (s.absolute) throw new Unsupported("position: absolute on the inline element " + HtmlStyle.describe(e));
    boolean boxed = inlineBox(e, s);
    if (shifted(s) && runs.open >= 0) {
      throw new Unsupported("vertical-align: " + s.verticalAlign + " inside the inline box " + runs.openName);
    }
    // nowrap on a span in a line of normal white space: its spaces are no place to break, checked where the lines
    // are broken (wrapParagraph); where it would also change justification or broken words it is not drawn
    boolean nowrapSpan = s.nowrap && !block.nowrap && !block.breakWord && !block.align.equals("justify");
    if (s.nowrap != block.nowrap && !nowrapSpan || s.keepNewlines != block.keepNewlines
        || s.keepSpaces != block.keepSpaces) {
      throw new Unsupported("white-space changed inside a line, on " + HtmlStyle.describe(e));
    }
    if (tag.equals("br")) {
      if (runs.open >= 0) throw new Unsupported("a <br> inside an inline box");
      runs.lineBreak();
      runs.breakStyle = s;
      return;
    }
    runs.opened = true;
    if (!boxed) {
      for (Node c : e.childNodes()) collect(c, s, block, runs);
      return;
    }
    if (block.align.equals("justify")) throw new Unsupported("an inline box in a justified paragraph");
    runs.openBox(s, HtmlStyle.describe(e));
    for (Node c : e.childNodes()) collect(c, s, block, runs);
    runs.closeBox();
  }

  /**
   * An image on a line of text (a logo beside the company's name, an icon before a label): an inline box of one
   * placeholder character as wide as the image, its bottom on the baseline (openhtmltopdf's calcInlineBaseline of
   * a box without lines is its height) or, with vertical-align: middle, where its alignInlineContent puts it.
   */
  private void inlineImage(Element e, HtmlStyle inherited, HtmlStyle block, Runs runs) throws RenderException {
    HtmlStyle s = style(e, inherited);
    if (s.hidden) return;
    // side margins (a logo before a name: margin-right: 0.5rem) put room beside it on the line; top and bottom ones
    // would change the line's height, which is not measured
    boolean square = !HtmlStyle.replaced(e.normalName());
    if (!square && (s.decorated(true) || nonZero(s.padding)) || s.margin[TOP] != 0 || s.margin[BOTTOM] != 0
        || s.margin[LEFT] < 0 || s.margin[RIGHT] < 0 || s.percentMargin() || s.autoMargin[LEFT] || s.autoMargin[RIGHT]
        || s.absolute || s.relative || s.running != null || s.positionFixed || s.floating != null || s.displayBlock) {
      throw new Unsupported("a box style or position on " + HtmlStyle.describe(e) + " in a line of text");
    }
    if (!s.verticalAlign.equals("baseline") && !s.verticalAlign.equals("middle")) {
      throw new Unsupported("vertical-align: " + s.verticalAlign + " on " + HtmlStyle.describe(e)
          + " in a line of text");
    }
    if (runs.open >= 0) throw new Unsupported("an image inside the inline box " + runs.openName);
    if (block.align.equals("justify")) throw new Unsupported("an image in a justified paragraph");
    if (autoCells > 0 || HtmlStyle.inCell(e)) throw new Unsupported("an image in a line of text in a table cell");
    if (!s.decorations.isEmpty() || s.href != null) {
      throw new Unsupported("an image in a link or in underlined or struck-out text");
    }
    if (s.verticalAlign.equals("middle") && inherited != block) {
      // aligned there by the inline element it is in, whose measurements are not built here
      throw new Unsupported("vertical-align: middle on " + HtmlStyle.describe(e) + " inside an inline element");
    }
    String cssWidth = sizeAttribute(e, "width", s.width);
    String cssHeight = sizeAttribute(e, "height", s.height);
    // a % is of the line's width, which openhtmltopdf may take otherwise inside a line: not ported
    if (cssWidth != null && cssWidth.endsWith("%") || cssHeight != null && cssHeight.endsWith("%")
        || s.maxWidth != null) {
      throw new Unsupported("a width or height in % or max-width on " + HtmlStyle.describe(e) + " in a line of text");
    }
    if (dry) {
      if (cssWidth != null) length(cssWidth, s, Double.NaN);
      if (cssHeight != null) length(cssHeight, s, Double.NaN);
      runs.image(s, HtmlStyle.describe(e), null, 0, 0, 0, 0);
      return;
    }
    Picture image = picture(e, s);
    if (image == null) throw new Unsupported("an image without a source in a line of text");
    double[] size = imageSize(e, s, image, Double.NaN);
    if (size[0] <= 0 || size[1] <= 0) throw new Unsupported("an image of no size in a line of text");
    runs.image(s, HtmlStyle.describe(e), image, size[0], size[1], s.margin[LEFT], s.margin[RIGHT]);
  }

  /**
   * Whether an inline element is an inline box: one with padding, a border, side margins or a background, drawn as
   * openhtmltopdf draws such a box (a status badge, {@code <span class="badge">PAID</span>}). Its left margin,
   * border and padding come before its first character on the line and the right ones after its last; its
   * background fills the padding box, from its font's ascent above the baseline to its descent below, in whole
   * dots, widened by the top and bottom padding, and its borders are outside that; none of it changes the height
   * of the line (measured on openhtmltopdf's output). What is not drawn so is refused, naming the construct, and
   * so is {@code vertical-align} on any inline element, box or not.
   */
  boolean inlineBox(Element e, HtmlStyle s) throws RenderException {
    if (s.width != null && !s.inlineBlock) throw new Unsupported("a width on the inline element " + HtmlStyle.describe(e));
    if (s.width != null && s.align.equals("justify")) {
      throw new Unsupported("text-align: justify in the inline block " + HtmlStyle.describe(e) + " with a width");
    }
    boolean boxed = s.inlineBlock || s.decorated(true) || nonZero(s.padding) || s.margin[LEFT] != 0
        || s.margin[RIGHT] != 0;
    if (!boxed) {
      // CSS gives a plain inline element's top and bottom margins no room on the line, and neither does
      // openhtmltopdf (measured): they change nothing; its side margins make it an inline box (above)
      if (s.margin[TOP] < 0 || s.margin[BOTTOM] < 0) {
        throw new Unsupported("a negative margin on the inline element " + HtmlStyle.describe(e));
      }
      if (shifted(s)) {
        shiftable(e, s);
      } else if (!s.verticalAlign.equals("baseline")) {
        // openhtmltopdf raises or lowers its text off the line's baseline (measured, middle): not matched
        throw new Unsupported("vertical-align on the inline element " + HtmlStyle.describe(e));
      }
      return false;
    }
    String what = " on the inline box " + HtmlStyle.describe(e);
    if (!Double.isNaN(s.boxHeight) && s.inlineBlock) throw new Unsupported("CSS property 'height'" + what);
    if (!s.verticalAlign.equals("baseline")) throw new Unsupported("vertical-align" + what);
    if (s.inlineBlock && s.width == null && !s.nowrap && e.text().trim().indexOf(' ') > 0
        && positioned.anywhere(e, s, st -> st.letterSpacing != 0)) {
      // measured: openhtmltopdf sizes it by its text without the spacing and lays the spaced text out in that
      // width, so a tag of two words ("CREDIT NOTE") wraps there; drawn on one line here: not ported for spans
      throw new Unsupported("letter-spacing in the inline block " + HtmlStyle.describe(e) + " of several words");
    }
    // an inline block's top and bottom margins widen its margin box on the line (lineBox); a plain inline box's take
    // no room and are not drawn (measured, as CSS has it)
    if (s.patterned()) throw new Unsupported("a dashed, dotted or double border" + what);
    if (!s.decorations.isEmpty()) throw new Unsupported("underlined or struck-out text" + what);
    for (int side = 0; side < 4; side++) {
      if (s.margin[side] < 0) throw new Unsupported("a negative margin" + what);
    }
    return true;
  }

  /** Whether an inline element's text is raised or lowered: vertical-align super or sub (sup and sub's default). */
  private static boolean shifted(HtmlStyle s) {
    return s.verticalAlign.equals("super") || s.verticalAlign.equals("sub");
  }

  /**
   * Throws for a raised or lowered element ({@code <sup>}, {@code <sub>}) other than plain text in a line:
   * openhtmltopdf places what is inside it on its baseline and a decoration around it on the decorated element's,
   * which {@link #lineBox} does not follow.
   */
  private static void shiftable(Element e, HtmlStyle s) throws Unsupported {
    String what = "vertical-align: " + s.verticalAlign + " on " + HtmlStyle.describe(e);
    for (Element child : e.children()) {
      if (!HtmlStyle.DROPPED.contains(child.normalName())) throw new Unsupported(what + " holding an element");
    }
    if (!s.decorations.isEmpty()) throw new Unsupported(what + " with underlined or struck-out text");
    if (s.mono) throw new Unsupported(what + " in a monospace family");
  }

  /** The character an image on a line of text stands as in {@link Runs}: never drawn. */
  private static final char IMAGE = '\uFFFC';

  /** Text with one style per character, white space collapsed as the HTML engine collapses it. */
  private static final class Runs {
    final StringBuilder text = new StringBuilder();
    int[] style = new int[64];
    final List<HtmlStyle> styles = new ArrayList<>();
    private boolean space;
    private int spaceStyle;
    /**
     * Where each text node's text starts (at a space it begins with, unless one before it was kept): openhtmltopdf
     * breaks each node's text into lines on its own, so a line may end there inside a word ({@link #styledBreaks}),
     * and measures a space with the text it was written in.
     */
    final java.util.BitSet nodes = new java.util.BitSet();
    /** Where a soft hyphen stood, before the character there: a place to break a line, drawn as a hyphen. */
    final java.util.BitSet soft = new java.util.BitSet();
    /** Where an inline element's first text starts (its first character but a space); see {@link #opened}. */
    final java.util.BitSet opens = new java.util.BitSet();
    /** Whether an inline element was entered since the last text node's first character. */
    boolean opened;
    /** Whether the paragraph is in a table cell. */
    boolean inCell;
    /** The inline box each character is in (an index into {@link #boxes}), or -1. */
    int[] box = new int[64];
    final List<InlineBox> boxes = new ArrayList<>(0);
    /** The inline box being collected, or -1. */
    int open = -1;
    private int spaceBox = -1;
    private String openName;

    void openBox(HtmlStyle s, String name) throws Unsupported {
      if (open >= 0) throw new Unsupported("an inline box inside the inline box " + openName);
      boxes.add(new InlineBox(s, id(s), name));
      open = boxes.size() - 1;
      openName = name;
    }

    void closeBox() throws Unsupported {
      // a space at its end is drawn inside the box by openhtmltopdf, or collapsed into the one after it
      if (space && spaceBox == open) throw new Unsupported("white space at the end of the inline box " + openName);
      // an empty one is still drawn by openhtmltopdf, as wide as its padding
      if (boxes.get(open).start < 0) throw new Unsupported("an empty inline box, " + openName);
      open = -1;
    }

    /** A character's extra advance: the margin, border and padding of an inline box it starts or ends. */
    double extra(int i) {
      int b = box[i];
      if (b < 0) return 0;
      InlineBox ib = boxes.get(b);
      return (ib.start == i ? ib.left : 0) + (ib.end == i ? ib.right : 0);
    }

    private int id(HtmlStyle s) {
      for (int i = 0; i < styles.size(); i++) {
        HtmlStyle o = styles.get(i);
        if (o == s || o.bold == s.bold && o.mono == s.mono && (!s.mono || o.italic == s.italic) && o.rgb == s.rgb
            && o.size == s.size && o.lineHeight() == s.lineHeight()
            && java.util.Objects.equals(o.href, s.href) && o.letterSpacing == s.letterSpacing
            && o.decorations.equals(s.decorations) && o.verticalAlign.equals(s.verticalAlign) && o.nowrap == s.nowrap) {
          return i;
        }
      }
      styles.add(s);
      return styles.size() - 1;
    }

    private void put(int cp, int styleId, int boxId) {
      if (style.length < text.length() + 2) {
        style = Arrays.copyOf(style, style.length * 2);
        box = Arrays.copyOf(box, style.length);
      }
      int at = text.length();
      text.appendCodePoint(cp);
      for (int i = at; i < text.length(); i++) {
        style[i] = styleId;
        box[i] = boxId;
      }
      if (boxId >= 0) {
        InlineBox b = boxes.get(boxId);
        if (b.start < 0) b.start = at;
        b.end = text.length() - 1;
      }
    }

    void append(String s, HtmlStyle st) throws Unsupported {
      int sid = -1;
      boolean first = true; // before the text node's first character that is not a space
      boolean own = false; // whether the space to be put was written in this text node
      for (int i = 0; i < s.length(); ) {
        int cp = s.codePointAt(i);
        i += Character.charCount(cp);
        if (cp == 0xAD) {
          // measured, openhtmltopdf neither draws nor measures a soft hyphen, and breaks a line there as after a
          // hyphen, drawing one; between two letters of one text node that is laid out here too (soft)
          boolean before = !first && !space && Character.isLetter(text.codePointBefore(text.length()));
          if (!before || i >= s.length() || !Character.isLetter(s.codePointAt(i)) || st.nowrap || st.keepSpaces) {
            throw new Unsupported("a soft hyphen beside a character other than a letter");
          }
          soft.set(text.length());
          continue;
        }
        // a zero-width space goes on as any character: drawn as the font's glyph for it, of no width, and no place
        // to break (measured: the JDK's line breaks that openhtmltopdf follows have none there)
        if (st.keepSpaces && st.nowrap && cp != '\n') {
          // white-space: pre: every space is a character of its line, which is never wrapped (wrap)
          if (cp == '\t' || cp == '\r' || cp == '\f') throw new Unsupported("a tab in white-space: pre text");
          if (cp == ' ') {
            if (open >= 0 && boxes.get(open).start < 0) {
              throw new Unsupported("white space at the start of the inline box " + openName);
            }
            put(' ', id(st), open);
            continue;
          }
        }
        if (cp == '\n' && st.keepNewlines) {
          // pre-line and pre-wrap: a forced break, as a <br> (the spaces before it dropped, as pre-line drops them)
          if (st.keepSpaces && space) throw new Unsupported(PRE_WRAP);
          lineBreak();
          continue;
        }
        if (st.keepSpaces && (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f')
            && (cp != ' ' || space || text.isEmpty() || text.charAt(text.length() - 1) == '\n')) {
          // pre-wrap keeps them: drawn directly only where they are the one space normal white space leaves
          throw new Unsupported(PRE_WRAP);
        }
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f') {
          if (!space) {
            if (sid < 0) sid = id(st);
            own = true;
            spaceStyle = sid;
            spaceBox = open;
            if (open >= 0 && boxes.get(open).start < 0) {
              throw new Unsupported("white space at the start of the inline box " + openName);
            }
          }
          space = true;
          continue;
        }
        if (!(cp >= 0x20 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF)) continue;
        if (sid < 0) sid = id(st);
        boolean kept = space && !text.isEmpty() && text.charAt(text.length() - 1) != '\n';
        if (first) nodes.set(text.length() + (kept && !own ? 1 : 0));
        if (first && opened) opens.set(text.length() + (kept ? 1 : 0));
        opened &= !first;
        first = false;
        if (kept) {
          put(' ', spaceStyle, spaceBox);
        } else if (space) {
          spaced.set(text.length());
          if (own) ownSpaced.set(text.length());
        }
        space = false;
        put(cp, sid, open);
      }
    }

    /** An image: one placeholder character in an unbreakable box as wide as the image ({@link #inlineImage}). */
    void image(HtmlStyle s, String name, Picture image, double w, double h, double marginLeft,
        double marginRight) throws Unsupported {
      if (open >= 0) throw new Unsupported("an image inside the inline box " + openName);
      InlineBox ib = new InlineBox(s, id(s), name, true);
      ib.image = image;
      ib.imageHeight = h;
      ib.imageLeft = marginLeft;
      ib.left = marginLeft + w;
      ib.right = marginRight;
      boxes.add(ib);
      if (space && !text.isEmpty() && text.charAt(text.length() - 1) != '\n') put(' ', spaceStyle, spaceBox);
      else if (space) spaced.set(text.length());
      space = false;
      put(IMAGE, ib.sid, boxes.size() - 1);
    }

    /** Whether the character at {@code i} stands for an image. */
    boolean image(int i) {
      return box[i] >= 0 && !Double.isNaN(boxes.get(box[i]).imageHeight);
    }

    int breaks;
    /**
     * Where white space was dropped before the character at a line's start (the paragraph's or after a break).
     */
    final java.util.BitSet spaced = new java.util.BitSet();
    /** Of {@link #spaced}: where that white space was written in the text node of the character after it. */
    final java.util.BitSet ownSpaced = new java.util.BitSet();
    /** The last {@code <br>}'s own style: a line holding only it is as tall as its font makes it. */
    HtmlStyle breakStyle;

    void lineBreak() {
      breaks++;
      while (!text.isEmpty() && text.charAt(text.length() - 1) == ' ') text.setLength(text.length() - 1);
      // as at the paragraph's end (finish): openhtmltopdf fits the words before a <br> with the space after them
      // (the template's "Cheers,⏎<br>" wraps its last word a space earlier than without it, measured)
      if (space && !text.isEmpty() && text.charAt(text.length() - 1) != '\n') put(' ', spaceStyle, spaceBox);
      put('\n', 0, -1);
      space = false;
    }

    void finish() throws Unsupported {
      if (space && styles.get(spaceStyle).keepSpaces) throw new Unsupported(PRE_WRAP);
      if (!text.isEmpty() && text.charAt(text.length() - 1) == '\n') text.setLength(text.length() - 1);
      // trailing white space is not printed, but openhtmltopdf measures the last word with it (see Text)
      if (space && !text.isEmpty() && text.charAt(text.length() - 1) != '\n') put(' ', spaceStyle, spaceBox);
    }
  }

  /**
   * An inline box on a line: its element's style (and that style's id in the runs), the characters it holds,
   * {@code [start, end]}, and what it adds before and after them: its side margin, border and padding.
   */
  private static final class InlineBox {
    final HtmlStyle style;
    final int sid;
    final String name;
    double left;
    double right;
    /** display: inline-block: one unbreakable piece, its box as tall as its line box and padding. */
    final boolean atomic;
    int start = -1;
    int end = -1;
    /** An image on the line ({@link #inlineImage}): its picture (null while a template is checked) and height. */
    Picture image;
    double imageHeight = Double.NaN;
    /** An image's left margin, inside {@code left}, which is that margin and the image's width. */
    double imageLeft;
    /** The image's top in dots from its line's top, set when the line is built (lineBox). */
    long imageTop;

    InlineBox(HtmlStyle s, int sid, String name) {
      this(s, sid, name, s.inlineBlock);
    }

    InlineBox(HtmlStyle s, int sid, String name, boolean atomic) {
      this.style = s;
      this.sid = sid;
      this.name = name;
      this.atomic = atomic;
      this.left = s.margin[LEFT] + s.border(LEFT) + s.padding[LEFT];
      this.right = s.margin[RIGHT] + s.border(RIGHT) + s.padding[RIGHT];
    }
  }

  /**
   * Widens each inline block with a {@code width} in the runs to it: the room its text leaves in the content
   * box goes before and after the text as its {@code text-align} puts it, in whole dots, as openhtmltopdf aligns
   * the one line of such a box (the text measured as its runs are, each in whole dots rounded up). Text wider
   * than the box, which openhtmltopdf would wrap onto more lines inside it, is refused.
   *
   * @param containing the paragraph's width, of which a width in % is taken
   */
  private void sizeInlineBlocks(Runs runs, double containing) throws Unsupported {
    for (InlineBox ib : runs.boxes) {
      HtmlStyle s = ib.style;
      if (s.width == null || ib.start < 0 || !Double.isNaN(ib.imageHeight)) continue;
      double frame = s.padding[LEFT] + s.padding[RIGHT] + s.border(LEFT) + s.border(RIGHT);
      long content = Math.round(length(s.width, s, containing) * HtmlStyle.DOTS_PER_POINT);
      if (s.borderBox) content = Math.max(0, content - Math.round(frame * HtmlStyle.DOTS_PER_POINT));
      long text = 0;
      double drawn = 0; // the text's width as it is drawn here, so the box ends where openhtmltopdf's does
      for (int i = ib.start; i <= ib.end; ) {
        int sid = runs.style[i];
        int j = i;
        while (j <= ib.end && runs.style[j] == sid) j++;
        HtmlStyle st = runs.styles.get(sid);
        if (st.letterSpacing != 0) throw new Unsupported("letter-spacing in the inline block " + ib.name + " with a width");
        String piece = runs.text.substring(i, j);
        text += textDots(face(st), piece, sizeDots(st));
        drawn += Text.width(face(st), piece, st.size, 0);
        i = j;
      }
      if (text > content) {
        // openhtmltopdf breaks the text into lines inside the box (or lets one word overflow it): not ported
        throw new Unsupported("text wider than the inline block " + ib.name + " (" + runs.text.substring(ib.start,
            ib.end + 1) + ")");
      }
      long before = switch (s.align) {
        case "right" -> content - text;
        case "center" -> Math.round((content - text) / 2.0);
        default -> 0;
      };
      ib.left = s.margin[LEFT] + s.border(LEFT) + s.padding[LEFT] + before / HtmlStyle.DOTS_PER_POINT;
      ib.right = s.margin[RIGHT] + s.border(RIGHT) + s.padding[RIGHT] + (content - before) / HtmlStyle.DOTS_PER_POINT
          - drawn;
    }
  }

  private static final String PRE_WRAP = "white space that white-space: pre-wrap keeps (spaces beside a space, a"
      + " tab, a line's first or last space)";

  private record Line(int start, int end, double width) {}

  Face face(HtmlStyle s) {
    return fonts.of(s.bold, s.mono);
  }

  private void paragraph(Runs runs, HtmlStyle block, double width, Sink sink) throws Unsupported {
    boolean ownCellText = cellText;  // read before an inline block's content, laid out below, sets it again
    HtmlStyle br = runs.breakStyle;
    if (runs.text.isEmpty() && runs.breaks == 1 && runs.styles.size() <= 1 && items == 0 && marker == null
        && br != null && br.size == block.size && br.lineHeight() == block.lineHeight() && br.mono == block.mono
        && br.bold == block.bold && !shifted(br)) {
      // a <br> alone between blocks (an e-mail template's spacer between tables): one empty line of the block's
      // font, as openhtmltopdf's line box for it is its strut
      if (!sink.fits(block.lineHeight())) throw new Unsupported("a line holding only <br> across a page break");
      sink.slice(block.lineHeight(), List.of());
      return;
    }
    if (runs.text.isEmpty() && runs.breaks > 0) {
      throw new Unsupported("a line holding only <br> in another font than its block"); // an empty line box, not matched yet
    }
    if (runs.text.isEmpty() || runs.styles.isEmpty()) return;
    double size = block.size;
    double lineHeight = block.lineHeight();
    double base = Layout.baseline(face(block), size, lineHeight);
    if (lineDots(block) <= sizeDots(block)) {
      // a line height of at most the font size (a heading's line-height: 1 or .85): openhtmltopdf's half leading is
      // then of the font size, not of its ascent and descent (halfLeading), so the baseline sits lower (measured:
      // 1.9pt at 30px and 4.4pt at 72px with line-height: 1)
      base = (int) (halfLeading(block) + ascentDots(block)) / HtmlStyle.DOTS_PER_POINT;
    }
    boolean mixed = false;
    // a run in Courier beside DejaVu Sans builds the line from its inline boxes, as openhtmltopdf does (Courier's
    // own ascent and descent are smaller; its face here carries DejaVu's, the fallback in its font chain: D64)
    for (HtmlStyle st : runs.styles) {
      mixed |= st.size != size || st.lineHeight() != lineHeight || st.mono != block.mono || shifted(st);
    }
    // an inline block's box may reach above and below the line: the line box is built from the boxes on it
    for (InlineBox ib : runs.boxes) mixed |= ib.atomic;
    double[] baselines = new double[runs.styles.size()];
    sizeInlineBlocks(runs, width);
    long indent = 0;
    if (marker != null && block.markerInside) {
      if (!block.align.equals("left")) {
        throw new Unsupported("list-style-position: inside in a list item of text-align " + block.align);
      }
      indent = markerWidth(marker);
    }
    if (block.textIndent != 0) {
      // openhtmltopdf's InlineBoxing takes it off the first line's room and puts the text after it, as an inside
      // marker's width; a centred or right-aligned line it places by a midpoint not matched here
      if (indent != 0 || !block.align.equals("left") && !block.align.equals("justify")) {
        throw new Unsupported("text-indent on text aligned " + block.align);
      }
      indent = Math.round(block.textIndent * HtmlStyle.DOTS_PER_POINT);
    }
    List<Line> lines;
    firstIndent = indent;
    pre = block.keepSpaces && block.nowrap;
    if (pre && (!block.align.equals("left") || indent > 0)) {
      // the spaces at a line's end, not drawn, would count in where openhtmltopdf aligns it
      throw new Unsupported("white-space: pre text not aligned left");
    }
    try {
      lines = wrap(runs, size, block.nowrap ? Double.MAX_VALUE : width, block.breakWord,
          block.align.equals("left") || block.align.equals("justify"));
    } finally {
      firstIndent = 0;
      pre = false;
    }
    int breakAt = widowsAndOrphans(runs, lines, block, mixed, lineHeight, baselines, sink);
    for (int k = 0; k < lines.size(); k++) {
      Line line = lines.get(k);
      if (k == breakAt) sink.pageBreak();
      // a statement's description cell of 'white-space: nowrap; overflow: hidden' in a table of fixed layout:
      // openhtmltopdf draws the line whole where the cell's alignment puts it (from the left, or past the left side
      // when aligned right: a ledger's grand total) and clips it at the cell's padding box (measured; text-overflow
      // it does not know)
      boolean overflows = block.nowrap && autoCells == 0 && line.width() > width + 0.01;
      boolean clipped = overflows && ownCellText && block.contains && !block.overflowAuto
          && lines.size() == 1 && runs.boxes.isEmpty() && !mixed && !block.mono && !dry;
      // a statement's date or amount column in a table of fixed layout, narrower than '29 Oct 2023': measured,
      // openhtmltopdf draws a nowrap line of one style that overflows a box nothing clips where the box's alignment
      // puts it, past the box's side. A line of several styles it breaks after an inline element, and the line after
      // a <br> it puts lower, so those stay refused
      boolean spills = overflows && !block.contains && !block.underClip && lines.size() == 1 && runs.styles.size() == 1
          && runs.boxes.isEmpty() && marker == null && indent == 0;
      if (overflows && !clipped && !spills) {
        throw new Unsupported("white-space: nowrap text wider than its box, in a box that clips it or holding several"
            + " styles or lines, outside the cells of a table with automatic layout");
      }
      if (autoCells > 0 && line.width() > width + 0.01 && unspaced(runs, line) > Math.round(width * HtmlStyle.DOTS_PER_POINT)) {
        throw new Unsupported("a word wider than its column in a table with automatic layout");
      }
      if (mixed) {
        double[] box = lineBox(runs, line, block, baselines);
        lineHeight = box[0];
        base = box[1];
      } else {
        Arrays.fill(baselines, base);
      }
      List<Ops> ops = new ArrayList<>(2);
      // measured, a one-line nowrap paragraph aligned right or centred whose text node starts with white space and
      // whose text ends without any is placed as if that white space were still there: its text one space further
      // left (half a space, centred) than the text alone would put it. White space in a node of its own before the
      // text, or white space at the end too, leaves the text where it alone would go
      double counted = line.width();
      if (block.nowrap && !block.align.equals("left") && lines.size() == 1 && runs.ownSpaced.get(line.start())
          && !runs.space && line.end() > line.start()) {
        counted += charAdvance(runs, line.start(), ' ');
      }
      double x = offset(block.align, width, counted) + (k == 0 ? indent / HtmlStyle.DOTS_PER_POINT : 0);
      if (marker != null) {
        ops.add(markerOp(marker, base).moved(x, 0)); // beside the text where alignment put it
        marker = null;
      }
      int i = line.start();
      int first = ops.size();
      List<double[]> pieces = null; // {x, width, style} of each run, when the line has decorated text
      double[] just = block.align.equals("justify")
          ? justify(runs, line, block, width - (k == 0 ? indent / HtmlStyle.DOTS_PER_POINT : 0), k == lines.size() - 1)
          : null;
      int boxAt = -1; // where the open inline box's ops go, under its text
      List<Ops> raised = null;
      double boxX = 0;
      while (i < line.end()) {
        int sid = runs.style[i];
        int bid = runs.box[i];
        int j = i;
        while (j < line.end() && runs.style[j] == sid && runs.box[j] == bid) j++;
        HtmlStyle st = runs.styles.get(sid);
        String piece = runs.text.substring(i, j);
        if (j == line.end() && runs.soft.get(j)) piece += "-"; // the line broken where a soft hyphen stood
        InlineBox ib = bid < 0 ? null : runs.boxes.get(bid);
        if (ib != null && ib.start == i) {
          boxAt = ops.size();
          boxX = x;
          x += ib.left;
        } else if (ib != null && i == line.start()) {
          throw new Unsupported("an inline box across a line break, " + ib.name);
        }
        double w;
        if (ib != null && !Double.isNaN(ib.imageHeight)) {
          w = 0; // the image is its box's left side, drawn below
        } else if (just == null) {
          // openhtmltopdf paints raised and lowered text after the rest of the line: in that order here too, so the
          // text reads in the same order where a reader sorts lines by position (a subscript below the line)
          if (shifted(st) && raised == null) raised = new ArrayList<>(1);
          (shifted(st) ? raised : ops).add(textOp(x, baselines[sid], st, st.letterSpacing, piece));
          w = Text.width(face(st), piece, st.size, st.letterSpacing);
        } else {
          if (!st.decorations.isEmpty()) throw new Unsupported("underlined or struck-out text in a justified line");
          if (shifted(st) && raised == null) raised = new ArrayList<>(1);
          w = justified(shifted(st) ? raised : ops, x, baselines[sid], st, piece, just);
        }
        if (st.href != null && !dry) ops.add(new Ops.Link(x, 0, w, lineHeight, st.href));
        if (!st.decorations.isEmpty() && pieces == null) pieces = new ArrayList<>();
        if (pieces != null) pieces.add(new double[] {x, w, sid});
        x += w;
        if (ib != null && ib.end == j - 1) {
          x += ib.right;
          if (!Double.isNaN(ib.imageHeight)) {
            ops.add(new Ops.Image(boxX + ib.imageLeft, ib.imageTop / HtmlStyle.DOTS_PER_POINT, ib.left - ib.imageLeft,
                ib.imageHeight, ib.image));
          } else {
            ops.addAll(boxAt, inlineBox(ib, boxX, x, baselines[ib.sid]));
          }
        } else if (ib != null && j == line.end()) {
          throw new Unsupported("an inline box across a line break, " + ib.name);
        }
        i = j;
      }
      if (raised != null) ops.addAll(raised);
      if (pieces != null) decorations(ops, first, pieces, runs, line.end(), baselines);
      if (clipped) clip(ops, -block.padding[LEFT], width + block.padding[RIGHT]);
      if ((k == breakAt || sink.movesOver(lineHeight)) && atomicOn(runs, line)) {
        // measured, openhtmltopdf lays an inline block out where the line stood before it moved, so one whose own
        // line met the break there comes out taller on the next page (its text and the line's moved down): not ported
        throw new Unsupported("an inline block on a line that a page break moves to the next page");
      }
      if (k > 0 && (k == 1 || k == lines.size() - 1)
          && (!sink.fits(lineHeight) || !ownCellText && sink.movesOver(lineHeight))) {
        // openhtmltopdf keeps two lines of a paragraph on each side of a page break (widows and orphans: 2)
        throw new Unsupported("a page break leaving one line of a paragraph alone");
      }
      sink.line(lineHeight, ops);
    }
  }

  /**
   * Text in its style: italic monospace text in Courier-Oblique, as openhtmltopdf draws it. Refused where
   * openhtmltopdf's ligatures would move what follows on its line by {@link #LIGATURE_SHIFT_PT} or more (see
   * {@link #ligatureShift}).
   */
  private static Ops.Text textOp(double x, double baseline, HtmlStyle st, double spacing, String text)
      throws Unsupported {
    if (!st.mono && text.indexOf('f') >= 0 && ligatureShift(text, st.bold) * st.size >= LIGATURE_SHIFT_PT) {
      throw new Unsupported("ligatures (ff, fi, fl) moving the text after them in '" + text.strip() + "'");
    }
    return new Ops.Text(x, baseline, st.bold, st.mono, st.size, st.rgb, spacing, text, st.mono && st.italic);
  }

  /**
   * Drawn below this, as far as the equivalence tests let a word stand from openhtmltopdf's (the Postmark receipt's
   * bold "10% off your next purchase!" was drawn directly before the ligatures were measured, and still is).
   */
  private static final double LIGATURE_SHIFT_PT = 1.5;

  /**
   * How far, in ems, openhtmltopdf draws the text after a run's ligatures to the left of where it laid it out: PDFBox
   * sets ff, fi, fl, ffi and ffl of DejaVu as one narrower glyph (its GSUB liga), and the rest of the run then stands
   * half the difference further left (measured at 30pt: bold "Office x" puts the x 2.93pt left, half of ffi's
   * 200/1000 em; "a ffi ffi x" twice that). The direct path draws the letters, so the run's text is placed as laid
   * out: alike where the shift is small, refused above.
   */
  static double ligatureShift(String text, boolean bold) {
    double units = 0;
    for (int i = text.indexOf('f'); i >= 0 && i + 1 < text.length(); i = text.indexOf('f', i + 1)) {
      char b = text.charAt(i + 1);
      if (b == 'f' && i + 2 < text.length() && (text.charAt(i + 2) == 'i' || text.charAt(i + 2) == 'l')) {
        units += bold ? 200 : 31;
        i += 2;
      } else if (b == 'f') {
        units += bold ? 123 : 31;
        i++;
      } else if (b == 'i' || b == 'l') {
        units += bold ? 75 : 0;
        i++;
      }
    }
    return units / 2 / 1000;
  }

  /** The line's text shown between {@code left} and {@code right}; anything else on it is refused. */
  private static void clip(List<Ops> ops, double left, double right) throws Unsupported {
    for (int i = 0; i < ops.size(); i++) {
      if (!(ops.get(i) instanceof Ops.Text t)) {
        throw new Unsupported("a link, decoration or box on a nowrap line clipped by its cell");
      }
      ops.set(i, new Ops.ClippedText(t, left, right));
    }
  }

  /**
   * Keeps two lines of a paragraph on each side of a page break, as openhtmltopdf's
   * BlockBox.satisfyWidowsAndOrphans does (widows and orphans: 2): with one line on the first page, or one on the
   * last and at most four in all, the paragraph's block moves to the next page whole, its own top margin kept there
   * (measured); with one on the last page and more lines, the line three from the end starts the next page.
   *
   * @return the line to start a new page with, or -1
   */
  private int widowsAndOrphans(Runs runs, List<Line> lines, HtmlStyle block, boolean mixed, double lineHeight,
      double[] baselines, Sink sink) throws Unsupported {
    int n = lines.size();
    if (n < 2 || sink.pageHeight() == Double.POSITIVE_INFINITY) return -1;
    double[] heights = new double[n];
    for (int k = 0; k < n; k++) heights[k] = mixed ? lineBox(runs, lines.get(k), block, baselines)[0] : lineHeight;
    int[] at = sink.pagesOf(heights);
    if (at[n - 1] == at[0]) return -1;
    boolean cleared = false;
    while (true) {
      int first = 0, last = 0;
      for (int page : at) {
        if (page == at[0]) first++;
        if (page == at[n - 1]) last++;
      }
      if (at[n - 1] == at[0] || first >= 2 && last >= 2) return -1;
      if (first >= 2 && n - 3 >= 2) return n - 3;
      // openhtmltopdf lays the block out once more after a page break before it; a second miss is not matched
      if (cleared || Double.isNaN(clearMargin)) throw new Unsupported("a page break leaving one line of a paragraph"
          + " alone" + (cleared ? " on a page of its own" : " in a box with a border or background, or beside blocks"));
      sink.clearPage(clearMargin);
      movedWhole = clearable;
      cleared = true;
      at = sink.pagesOf(heights);
    }
  }

  /**
   * A block's background at 0, 0 of its border box: inside its border where it is rounded with sides that differ
   * ({@link RoundedSides}), else as {@link #background}.
   */
  static Ops blockBackground(double w, double h, HtmlStyle s) {
    if (s.corners != null || s.radius > 0 && !HtmlStyle.uniform(s) && !HtmlStyle.merged(s)) {
      return RoundedSides.background(w, h, s);
    }
    return background(0, 0, w, h, s);
  }

  /** A box's background: square, or with its border-radius clamped to half of each side, as openhtmltopdf rounds it. */
  static Ops background(double x, double y, double w, double h, HtmlStyle s) {
    if (s.radius <= 0) return new Ops.Rect(x, y, w, h, s.background);
    if (s.corners != null) return RoundedSides.background(w, h, s).moved(x, y);
    return new Ops.RoundRect(x, y, w, h, Math.min(s.radius, w / 2), Math.min(s.radius, h / 2), s.background);
  }

  /**
   * An inline box's background and borders on its line, from {@code from} to {@code to} (its margins included),
   * around its font's ascent and descent on its baseline, in whole dots, as openhtmltopdf paints them.
   */
  private List<Ops> inlineBox(InlineBox ib, double from, double to, double baseline) throws Unsupported {
    HtmlStyle s = ib.style;
    double[] p = s.padding;
    long base = Math.round(baseline * HtmlStyle.DOTS_PER_POINT);
    double top = (base - Math.round(ascentDots(s))) / HtmlStyle.DOTS_PER_POINT - p[TOP];
    double bottom = (base + Math.round(face(s).descent * sizeDots(s))) / HtmlStyle.DOTS_PER_POINT + p[BOTTOM];
    if (ib.atomic) {
      // an inline block's padding box is its line box (half leading and all) and its padding
      long t = base - Math.round(ascentDots(s)) - halfLeading(s);
      top = t / HtmlStyle.DOTS_PER_POINT - p[TOP];
      bottom = Math.round(t + lineDots(s)) / HtmlStyle.DOTS_PER_POINT + p[BOTTOM];
    }
    double left = from + s.margin[LEFT];
    double right = to - s.margin[RIGHT];
    List<Ops> ops = new ArrayList<>(5);
    if (printBackground && s.background >= 0) {
      ops.add(background(left + s.border(LEFT), top, right - left - s.border(LEFT) - s.border(RIGHT), bottom - top, s));
    }
    double outer = top - s.border(TOP);
    List<Ops> borders = new ArrayList<>(4);
    borders(s, right - left, bottom + s.border(BOTTOM) - outer, left, borders);
    for (Ops o : borders) ops.add(o.moved(0, outer));
    return ops;
  }

  /**
   * A line's width without its letter spacing, in whole dots as openhtmltopdf measures a column's text for
   * automatic layout: it sizes the column without the spacing, so a spaced word wider than its column only by
   * its spacing overflows it there, as here.
   */
  private long unspaced(Runs runs, Line line) throws Unsupported {
    long dots = 0;
    for (int i = line.start(); i < line.end(); ) {
      int sid = runs.style[i];
      int j = i;
      while (j < line.end() && runs.style[j] == sid) j++;
      HtmlStyle st = runs.styles.get(sid);
      dots += textDots(face(st), runs.text.substring(i, j), Math.round(st.size * HtmlStyle.DOTS_PER_POINT));
      for (int c = i; c < j; c++) dots += Math.round(runs.extra(c) * HtmlStyle.DOTS_PER_POINT);
      i = j;
    }
    return dots;
  }

  /**
   * How openhtmltopdf justifies a line (LineBox.justify), or null where it leaves the line as it is: the last line
   * of a paragraph, one a {@code <br>} ends, a letter-spaced paragraph's, one that fills its box. What the line
   * lacks of its box, in whole dots, goes a fifth to the gaps between its letters (at most 0.5mm each) and four
   * fifths to its spaces (at most 2cm each); letter-spaced text takes none of it.
   *
   * @return {after each other character, after each space}, in points
   */
  private double[] justify(Runs runs, Line line, HtmlStyle block, double width, boolean last) throws Unsupported {
    int after = line.end();
    while (after < runs.text.length() && runs.text.charAt(after) == ' ') after++; // the space before a <br>
    boolean broken = after < runs.text.length() && runs.text.charAt(after) == '\n';
    if (last || broken || block.letterSpacing != 0) return null;
    int soft = runs.soft.nextSetBit(line.start());
    if (soft >= 0 && soft <= line.end()) throw new Unsupported("a soft hyphen in a justified line");
    int spaces = 0, others = 0;
    long content = 0;
    // the line's width as openhtmltopdf has it: each run's pieces (a word and the space after it) in whole dots,
    // the last run measured whole once its trailing space is taken off
    for (int i = line.start(); i < line.end(); ) {
      int sid = runs.style[i];
      int j = i;
      while (j < line.end() && runs.style[j] == sid) j++;
      HtmlStyle st = runs.styles.get(sid);
      float size = Math.round(st.size * HtmlStyle.DOTS_PER_POINT);
      float spacing = (float) (st.letterSpacing * HtmlStyle.DOTS_PER_POINT);
      String run = runs.text.substring(i, j);
      if (j == line.end()) {
        content += (int) (textDots(face(st), run, size) + spacing * run.length());
      } else {
        for (int a = 0; a < run.length(); ) {
          int b = run.indexOf(' ', a);
          b = b < 0 ? run.length() : b + 1;
          String word = run.substring(a, b);
          content += (int) (textDots(face(st), word, size) + spacing * word.length());
          a = b;
        }
      }
      if (st.letterSpacing == 0) {
        for (int c = 0; c < run.length(); c++) {
          if (run.charAt(c) == ' ' || run.charAt(c) == '\u00a0') spaces++;
          else others++;
        }
      }
      i = j;
    }
    long toAdd = Math.round(width * HtmlStyle.DOTS_PER_POINT) - content;
    if (toAdd <= 0) return null;
    float maxChar = 38; // 0.5mm, in whole dots
    float maxWord = 1512; // 2cm
    float inter = 0, word = 0;
    if (spaces > 0) {
      inter = others > 1 ? Math.min(toAdd * 0.2f / (others - 1), maxChar) : 0;
      word = Math.min(toAdd * 0.8f / spaces, maxWord);
    } else if (others > 1) {
      inter = Math.min((float) toAdd / (others - 1), maxChar);
    }
    return new double[] {inter / HtmlStyle.DOTS_PER_POINT, word / HtmlStyle.DOTS_PER_POINT};
  }

  /**
   * A run of a justified line, word by word: each word placed where openhtmltopdf's spacing puts it (its letters
   * spread by character spacing, each space widened), as its TJ arrays place the glyphs. Returns its width.
   */
  private double justified(List<Ops> ops, double x, double baseline, HtmlStyle st, String piece, double[] just)
      throws Unsupported {
    double inter = st.letterSpacing != 0 ? 0 : just[0];
    double space = st.letterSpacing != 0 ? 0 : just[1];
    Face face = face(st);
    double at = x;
    int from = 0;
    double start = x;
    for (int c = 0; c < piece.length(); ) {
      int cp = piece.codePointAt(c);
      c += Character.charCount(cp);
      boolean gap = cp == ' ' || cp == '\u00a0';
      at += Text.advance(face, cp) * st.size / 1000 + st.letterSpacing + (gap ? space : inter);
      if (gap || c == piece.length()) {
        ops.add(textOp(start, baseline, st, st.letterSpacing + inter, piece.substring(from, c)));
        from = c;
        start = at;
      }
    }
    return at - x;
  }

  /** A character's advance as openhtmltopdf measures a column's text: whole font units, a size in whole dots. */
  private double fitAdvance(Runs runs, int i) throws Unsupported {
    if (runs.image(i)) return runs.extra(i);
    HtmlStyle st = runs.styles.get(runs.style[i]);
    return Math.round(Text.advance(face(st), runs.text.codePointAt(i))) * sizeDots(st) / 1000 / HtmlStyle.DOTS_PER_POINT
        + st.letterSpacing + runs.extra(i);
  }

  /** A character's advance as a line outside plain text is fitted: {@link #fitAdvance} in automatic layout. */
  private double fit(Runs runs, int i, double scale) throws Unsupported {
    return autoCells > 0 ? fitAdvance(runs, i) : advance(runs, i, scale);
  }

  /**
   * A character's advance at its own font size ({@code scale} is the block's, for lines of one size), with its
   * letter spacing: openhtmltopdf measures every character of a piece with it, the space after a word too.
   */
  private double advance(Runs runs, int i, double scale) throws Unsupported {
    if (runs.image(i)) return runs.extra(i);
    return charAdvance(runs, i, runs.text.codePointAt(i)) + runs.extra(i);
  }

  /** The advance of {@code cp} in the style of the character at {@code i}, with its letter spacing. */
  private double charAdvance(Runs runs, int i, int cp) throws Unsupported {
    HtmlStyle st = runs.styles.get(runs.style[i]);
    return Text.advance(face(st), cp) * st.size / 1000 + st.letterSpacing;
  }

  /**
   * The underlines and lines through of a line's text, drawn under it as openhtmltopdf draws them: one filled
   * rectangle per decorated inline element across its text on the line (its spaces and letter spacing included,
   * and the element's space the line broke at, which openhtmltopdf leaves in the box's width),
   * in the element's colour, at the offset and thickness of the element's font in whole dots (measured on its
   * output for DejaVu Sans from 6 to 36pt: an underline 0.1 em below the baseline and 0.05 em thick, a line
   * through 0.1 em thick whose top is 0.2992 em above the baseline, 0.3125 em in bold).
   *
   * @param first the index in {@code ops} of the line's first text op, one per run of a style
   */
  private void decorations(List<Ops> ops, int first, List<double[]> pieces, Runs runs, int end, double[] baselines)
      throws Unsupported {
    // the space a line broke at is not drawn but stays in its inline box's width (the paragraph's last is not)
    boolean space = end + 1 < runs.text.length() && runs.text.charAt(end) == ' ';
    HtmlStyle spaceStyle = space ? runs.styles.get(runs.style[end]) : null;
    List<Ops> drawn = new ArrayList<>();
    for (int p = 0; p < pieces.size(); p++) {
      HtmlStyle st = runs.styles.get((int) pieces.get(p)[2]);
      for (HtmlStyle.Decoration d : st.decorations) {
        // started by an earlier piece of the same element's text
        if (p > 0 && runs.styles.get((int) pieces.get(p - 1)[2]).decorations.contains(d)) continue;
        double from = pieces.get(p)[0];
        double to = from;
        for (int q = p; q < pieces.size(); q++) {
          HtmlStyle in = runs.styles.get((int) pieces.get(q)[2]);
          if (!in.decorations.contains(d)) break;
          // the element's own font places the line: text of another size inside it is not matched
          if (in.size != d.size()) throw new Unsupported("a font size changed inside underlined or struck-out text");
          to = pieces.get(q)[0] + pieces.get(q)[1];
          if (q == pieces.size() - 1 && space && spaceStyle.decorations.contains(d)) to += advance(runs, end, 0);
        }
        long size = Math.round(d.size() * HtmlStyle.DOTS_PER_POINT);
        // the line's top below the baseline, and its thickness, in whole dots
        long offset = d.through() ? Math.round(-(d.bold() ? 0.3125 : 0.2992) * size) : Math.round(0.1 * size);
        long thickness = Math.round((d.through() ? 0.1 : 0.05) * size);
        drawn.add(new Ops.Rect(from, baselines[(int) pieces.get(p)[2]] + offset / HtmlStyle.DOTS_PER_POINT, to - from,
            thickness / HtmlStyle.DOTS_PER_POINT, d.rgb()));
      }
    }
    ops.addAll(first, drawn);
  }

  /**
   * A line of several font sizes or line heights, as openhtmltopdf's InlineBoxing sets it, in whole dots: every
   * inline box on the line sits on the block's strut baseline (its top at the rounded baseline less its ascent),
   * reaches half its leading above and its line height below that, and the line box spans them all and the
   * block's strut (on a line with text), moved down when a box reaches above the line's top.
   *
   * @param baselines filled with each run style's baseline from the line's top
   * @return {line height, the block's baseline} in points
   */
  private double[] lineBox(Runs runs, Line line, HtmlStyle block, double[] baselines) throws Unsupported {
    int b0 = (int) (halfLeading(block) + ascentDots(block));
    boolean[] present = new boolean[runs.styles.size()];
    for (int i = line.start(); i < line.end(); i++) {
      // an image brings no text of its own to the line, only its box (below)
      if (runs.image(i)) continue;
      present[runs.style[i]] = true;
      // an inline box's own font is on the line even where all its text is in a child's
      if (runs.box[i] >= 0) present[runs.boxes.get(runs.box[i]).sid] = true;
    }
    if (lineDots(block) < (face(block).ascent + face(block).descent) * sizeDots(block)) {
      // a strut tighter than its font (line-height: 1): openhtmltopdf's line box is then taller than the one built
      // here (measured, by about the negative half leading), not understood yet
      throw new Unsupported("several font sizes in a line of a block whose line height is smaller than its font's");
    }
    // the block's strut: a line of smaller text alone (a cell's second line in small print) is still as tall as
    // the block's line height (measured: openhtmltopdf's VerticalAlignContext starts from the strut's
    // measurements); a line of inline blocks alone (a status badge on its own line) is as tall as they are
    boolean text = false;
    for (int i = line.start(); i < line.end() && !text; i++) text = runs.box[i] < 0 || !runs.boxes.get(runs.box[i]).atomic;
    // but one after or before a <br> has the strut as well (measured: a badge below "Due<br>" in a line height of 1.5)
    boolean alone = !text;
    text |= line.start() > 0 && runs.text.charAt(line.start() - 1) == '\n';
    // and one with white space beside its inline blocks, collapsed away or not drawn (a badge on a line of its own
    // in indented markup, "<span class="badge">PAID</span>\n  </div>"): openhtmltopdf keeps that space's text
    // box on the line, strut and all (measured)
    text |= runs.spaced.get(line.start()) || line.end() < runs.text.length() && (runs.text.charAt(line.end()) == ' '
        || runs.text.charAt(line.end()) == '\n');
    if (alone && !text && runs.spaced.get(0) && runs.text.charAt(runs.text.length() - 1) == ' ') {
      // measured: with white space at both ends of the paragraph, openhtmltopdf gives a line between them holding
      // only inline blocks the strut too, and not with white space at one end; why is not known
      throw new Unsupported("a line of inline blocks alone inside a paragraph with white space at both ends");
    }
    long strut = Math.round(b0 - ascentDots(block)) - halfLeading(block);
    long top = text ? strut : Long.MAX_VALUE;
    long bottom = text ? Math.round(strut + lineDots(block)) : Long.MIN_VALUE;
    long[] y = new long[present.length];
    for (int sid = 0; sid < present.length; sid++) {
      if (!present[sid]) continue;
      HtmlStyle st = runs.styles.get(sid);
      float lh = lineDots(st);
      // openhtmltopdf's alignInlineContent: super puts the box's top one and a half of its ascents above the
      // baseline, sub half of one, so its text is raised or lowered by half its ascent
      float ascent = ascentDots(st);
      y[sid] = Math.round(st.verticalAlign.equals("super") ? b0 - 3 * ascent / 2
          : st.verticalAlign.equals("sub") ? b0 - ascent / 2 : b0 - ascent);
      long t = y[sid] - halfLeading(st);
      if (t < 0 && st != block && lineDots(st) < (face(st).ascent + face(st).descent) * sizeDots(st)) {
        // larger text set tighter than its font (line-height: 1 on a 14pt amount): openhtmltopdf's line box is
        // then shorter than the one built here (measured), not understood yet
        throw new Unsupported("a line height smaller than its font's on larger text inside a line");
      }
      top = Math.min(top, t);
      bottom = Math.max(bottom, Math.round(t + lh));
    }
    for (int i = line.start(); i < line.end(); i++) {
      InlineBox ib = runs.box[i] < 0 ? null : runs.boxes.get(runs.box[i]);
      if (ib == null || !ib.atomic || ib.start != i) continue;
      if (!Double.isNaN(ib.imageHeight)) {
        // alignInlineContent with the image's height as its ascent: on the baseline, or at its odd middle, half the
        // strut's ascent below the text's top less half the image's height (whole dots, an int halved there)
        long h = Math.round(ib.imageHeight * HtmlStyle.DOTS_PER_POINT);
        int textTop = halfLeading(block);
        ib.imageTop = ib.style.verticalAlign.equals("middle") ? Math.round((float) ((b0 - textTop) / 2) - h / 2f)
            : b0 - h;
        top = Math.min(top, ib.imageTop);
        bottom = Math.max(bottom, ib.imageTop + h);
        continue;
      }
      // an inline block's margin box: its line box with its padding and border above and below
      HtmlStyle st = ib.style;
      long t = Math.round(b0 - ascentDots(st)) - halfLeading(st);
      top = Math.min(top, t - dotsOf(st.padding[TOP] + st.border(TOP) + st.margin[TOP]));
      bottom = Math.max(bottom, Math.round(t + lineDots(st)) + dotsOf(st.padding[BOTTOM] + st.border(BOTTOM)
          + st.margin[BOTTOM]));
    }
    if (top == Long.MAX_VALUE) {
      // an empty line (between two <br>): which inline box openhtmltopdf gives it is not ported
      throw new Unsupported("an empty line in a paragraph of several font sizes");
    }
    long shift = top < 0 ? -top : 0;
    for (InlineBox ib : runs.boxes) {
      if (!Double.isNaN(ib.imageHeight) && ib.start >= line.start() && ib.start < line.end()) ib.imageTop += shift;
    }
    for (int sid = 0; sid < present.length; sid++) {
      if (present[sid]) {
        baselines[sid] = (y[sid] + Math.round(ascentDots(runs.styles.get(sid))) + shift) / HtmlStyle.DOTS_PER_POINT;
      }
    }
    return new double[] {(bottom - top) / HtmlStyle.DOTS_PER_POINT, (b0 + shift) / HtmlStyle.DOTS_PER_POINT};
  }

  private static float sizeDots(HtmlStyle s) {
    return Math.round(s.size * HtmlStyle.DOTS_PER_POINT);
  }

  private float ascentDots(HtmlStyle s) {
    return face(s).ascent * sizeDots(s);
  }

  private static float lineDots(HtmlStyle s) {
    return (float) (s.lineHeight() * HtmlStyle.DOTS_PER_POINT);
  }

  /** openhtmltopdf's half leading: of the font size first, of the font's ascent and descent when positive. */
  private int halfLeading(HtmlStyle s) {
    float lh = lineDots(s);
    int half = Math.round((lh - sizeDots(s)) / 2);
    if (half > 0) half = Math.round((lh - (face(s).ascent + face(s).descent) * sizeDots(s)) / 2);
    return half;
  }

  /**
   * {@link Text#wrap}'s greedy breaking over characters of two faces.
   *
   * @param leftAligned whether a line wider than {@code max} overflows it on the right (left or justified text)
   */
  private List<Line> wrap(Runs runs, double size, double max, boolean breakWord, boolean leftAligned)
      throws Unsupported {
    List<Line> lines = new ArrayList<>();
    String text = runs.text.toString();
    double scale = size / 1000;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) end = text.length();
      if (start == end) {
        lines.add(new Line(start, end, 0));
      } else if (pre) {
        // white-space: pre: the line as written, its spaces at its end not drawn
        int last = end;
        while (last > start && text.charAt(last - 1) == ' ') last--;
        double w = 0;
        for (int c = start; c < last; c += Character.charCount(text.codePointAt(c))) w += advance(runs, c, scale);
        lines.add(new Line(start, last, w));
      } else {
        wrapParagraph(runs, text, start, end, scale, max, breakWord, leftAligned, lines);
      }
      start = end + 1;
    }
    return lines;
  }

  /** Whether a line holds an inline block. */
  private static boolean atomicOn(Runs runs, Line line) {
    for (int i = line.start(); i < line.end(); i++) {
      if (atomicAt(runs, i)) return true;
    }
    return false;
  }

  /** Whether the character at {@code i} of the runs is in an inline block. */
  private static boolean atomicAt(Runs runs, int i) {
    return runs.box[i] >= 0 && runs.boxes.get(runs.box[i]).atomic;
  }

  /** Whether the character at {@code i} of the runs is in white-space: nowrap. */
  private static boolean nowrapAt(Runs runs, int i) {
    return runs.styles.get(runs.style[i]).nowrap;
  }

  private void wrapParagraph(Runs runs, String text, int from, int to, double scale, double max, boolean breakWord,
      boolean leftAligned, List<Line> lines) throws Unsupported {
    int softAt = runs.soft.nextSetBit(from);
    if (softAt >= 0 && softAt < to && (breakWord || max >= 1e5)) {
      // openhtmltopdf sizes text to its content with a hyphen measured at each soft one: not followed here
      throw new Unsupported("a soft hyphen in word-wrap: break-word text or in text sized to its content");
    }
    int lineStart = from;
    double lineWidth = 0;
    // the line's width as whether a word fits is judged: in a column of an automatic-layout table, which the text's
    // widths in openhtmltopdf's rounding sized, in that rounding ("Account holder" in 8pt fits the column it sized
    // there), elsewhere the line's own width
    double lineFit = 0;
    // measured, openhtmltopdf fits a line in whole dots: each piece (a word and the space after it, per styled
    // run) measured in whole font units and rounded up to a dot (PdfBoxTextRenderer.getWidth), summed, against the
    // box's width in whole dots; a line within a few tenths of a point of its box breaks a word earlier there.
    // Plain text only: inline boxes, letter spacing and table cells keep their own measure
    boolean inDots = autoCells == 0 && !breakWord && runs.boxes.isEmpty() && max < 1e6;
    for (int r = 0; inDots && r < runs.styles.size(); r++) inDots = runs.styles.get(r).letterSpacing == 0;
    long availDots = (long) Math.floor(max * HtmlStyle.DOTS_PER_POINT + 1e-6);
    long lineDots = 0;
    int i = from;
    boolean spaceBefore = false; // whether the piece at i follows a space, or else the edge of an inline block
    // the places inside the word at i where openhtmltopdf may break a line (after a hyphen, before a slash), found
    // from cutsFrom on, as its line breaker finds them from where each line starts
    int[] cuts = NO_CUTS;
    int cutsFrom = -1;
    boolean afterCut = false; // whether the piece at i starts at one of those places
    int linePieces = 0;
    while (i < to) {
      int j = text.indexOf(' ', i);
      // an inline block is one piece: the spaces inside it are no place to break
      while (j >= 0 && j < to && runs.box[j] >= 0 && runs.boxes.get(runs.box[j]).atomic) j = text.indexOf(' ', j + 1);
      if (j < 0 || j > to) j = to;
      // measured, openhtmltopdf may break before and after an inline block with no space there (between two boxes
      // side by side, between a box and a word): its edges end a piece as a space does
      for (int c = i + 1; c < j; c++) {
        if (runs.box[c] != runs.box[c - 1] && (atomicAt(runs, c) || atomicAt(runs, c - 1))) {
          j = c;
          break;
        }
      }
      // a word outside inline boxes is laid out piece by piece between those places, each piece measured on its
      // own, as openhtmltopdf's Breaker.doBreakTextWords does
      boolean cut = false;
      // whether the piece starts a word or a line, where the places are found again and a word is judged whole
      boolean starts = spaceBefore || i == lineStart || i == from;
      if (!breakWord && !dry && plainWord(runs, text, i, j)) {
        if (i != cutsFrom && starts) {
          cuts = styledBreaks(runs, text, i, j);
          cutsFrom = i;
        }
        int wordEnd = j;
        for (int c : cuts) {
          if (c > i && c < j) {
            j = c;
            cut = true;
            break;
          }
        }
        if (cut && !inDots && starts) {
          // outside plain text the line is fitted by this engine's own measure (a column of automatic layout
          // sized to its text fits it): a word that fits whole by that measure stays whole, as before
          double whole = 0;
          for (int c = i; c < wordEnd; c += Character.charCount(text.codePointAt(c))) whole += fit(runs, c, scale);
          double space = wordEnd < to && text.charAt(wordEnd) == ' ' ? fit(runs, wordEnd, scale) : 0;
          double before = i > lineStart && spaceBefore ? fit(runs, i - 1, scale) : 0;
          long indent = lines.isEmpty() ? firstIndent : 0;
          double room = max - indent / HtmlStyle.DOTS_PER_POINT - (lineFit + before + whole + space);
          int pieces = 2;
          for (int c : cuts) pieces += c > i && c < wordEnd ? 1 : 0;
          if (leastColumns && Math.abs(room) < pieces / HtmlStyle.DOTS_PER_POINT) {
            throw new Unsupported("a word it might break inside (" + text.substring(i, wordEnd) + "), filling its"
                + " line in a column at its least width");
          }
          if (room >= -0.01) {
            j = wordEnd;
            cut = false;
          }
        }
      }
      boolean inWord = cut || afterCut; // a piece of a word broken into pieces
      if (text.charAt(i) == '\u200b' && text.substring(i, j).chars().allMatch(c -> c == '\u200b')) {
        // measured, openhtmltopdf keeps such a word of no width on a line a long word overflows: not followed
        throw new Unsupported("a word of zero-width spaces alone");
      }
      boolean spaceAfter = j < to && text.charAt(j) == ' ';
      boolean atomic = false;
      for (int c = i; c < j && !atomic; c++) atomic = runs.box[c] >= 0 && runs.boxes.get(runs.box[c]).atomic;
      double word = 0;
      for (int c = i; c < j; c += Character.charCount(text.codePointAt(c))) word += advance(runs, c, scale);
      // measured, openhtmltopdf fits an inline box's last word without the space after the box (not its text)
      boolean boxEnd = runs.box[j - 1] >= 0 && runs.boxes.get(runs.box[j - 1]).end == j - 1;
      double after = spaceAfter && !boxEnd ? advance(runs, j, scale) : 0;
      double gap = i > lineStart && spaceBefore ? advance(runs, i - 1, scale) : 0;
      // word-wrap: break-word: openhtmltopdf breaks a word wider than a whole line where the line it starts on is
      // full, not on a line of its own (measured); a word that fits a line moves down whole
      boolean breakHere = breakWord && word > max + 0.01;
      if (breakHere && i > lineStart) {
        // where it breaks such a word after other words is a letter short of the room now and then (measured):
        // not matched yet
        throw new Unsupported("a word broken by word-wrap: break-word after other words on its line");
      }
      double wordFit = word;
      double afterFit = after;
      double gapFit = gap;
      if (autoCells > 0) {
        wordFit = 0;
        for (int c = i; c < j; c += Character.charCount(text.codePointAt(c))) wordFit += fitAdvance(runs, c);
        afterFit = spaceAfter && !boxEnd ? fitAdvance(runs, j) : 0;
        gapFit = i > lineStart && spaceBefore ? fitAdvance(runs, i - 1) : 0;
      }
      // a space is in the piece of the text node it was written in: after a word in the word's piece, which needs
      // room for it ("and " before <b>), and at a text node's start a piece of its own there (after </b>), which
      // the next word takes here: a line broken at it does not hold it, nor does the next line (measured)
      boolean leading = i > lineStart && spaceBefore && runs.nodes.get(i - 1);
      int pieceEnd = spaceAfter && !runs.nodes.get(j) ? j + 1 : j;
      long pieceDots = inDots ? pieceDots(runs, text, leading ? i - 1 : i, pieceEnd) : 0;
      // a piece that ends where a soft hyphen stood fits with the hyphen drawn after it, measured with it as one
      // string (Breaker's withHyphenGraphicsLength); the line takes it without
      boolean hyphen = cut && runs.soft.get(j);
      long hyphenDots = hyphen && inDots ? hyphenDots(runs, text, i, j) : 0;
      double hyphenPt = hyphen ? charAdvance(runs, j - 1, '-') : 0;
      // an inside list marker takes its width off the paragraph's first line
      long first = lines.isEmpty() ? firstIndent : 0;
      boolean over = inDots ? lineDots + pieceDots + hyphenDots > availDots - first
          : lineFit + gapFit + wordFit + afterFit + hyphenPt > max - first / HtmlStyle.DOTS_PER_POINT + 0.01;
      // outside plain text, openhtmltopdf's rounding of each piece (up to a dot) is not followed here: where a
      // piece of a broken word ends within that much of the line's end, which way it goes is not known
      if (!inDots && inWord && i > lineStart
          && Math.abs(max - first / HtmlStyle.DOTS_PER_POINT - (lineFit + gapFit + wordFit + afterFit + hyphenPt))
              < (linePieces + 2) / HtmlStyle.DOTS_PER_POINT) {
        throw new Unsupported("a word it might break inside (" + text.substring(i, j) + "), at its line's end");
      }
      if (i > lineStart && over && !breakHere) {
        // openhtmltopdf may break this word after a hyphen or slash instead of moving all of it down
        if (!atomic && !inWord && innerBreak(runs, text, i, j)) {
          throw new Unsupported("a word it might break inside (" + text.substring(i, j) + ")");
        }
        double part = 0;
        for (int c = i + 1; c < j; c++) {
          part += advance(runs, c - 1, scale);
          // measured, openhtmltopdf breaks there, at the edge of the inline box, when the part before it fits
          if (runs.box[c] != runs.box[c - 1] && lineWidth + gap + part <= max + 0.01) {
            throw new Unsupported("a line break at the edge of an inline box inside a word (" + text.substring(i, j) + ")");
          }
        }
        if (!dry && (nowrapAt(runs, i - 1) || i >= 2 && nowrapAt(runs, i - 2) && nowrapAt(runs, i))) {
          // openhtmltopdf would not break there, inside white-space: nowrap, but before it: not laid out so here
          throw new Unsupported("a line break inside white-space: nowrap text (" + text.substring(i, j) + ")");
        }
        // measured, a line broken before an inline element's text keeps the space the text before it ends with, in
        // its width for alignment and among the spaces justification widens: openhtmltopdf trims a line's trailing
        // space only where its last inline box holds text, and the element's box is on the line, empty
        boolean kept = spaceBefore && !runs.nodes.get(i - 1) && runs.opens.get(i);
        boolean soft = !spaceBefore && runs.soft.get(i);
        HtmlStyle before = runs.styles.get(runs.style[i - 1]);
        if (soft && (!before.decorations.isEmpty() || before.href != null)) {
          throw new Unsupported("a line broken at a soft hyphen in underlined or linked text");
        }
        lines.add(new Line(lineStart, spaceBefore && !kept ? i - 1 : i,
            lineWidth + (kept ? advance(runs, i - 1, scale) : 0) + (soft ? charAdvance(runs, i - 1, '-') : 0)));
        lineStart = i;
        lineWidth = 0;
        lineFit = 0;
        lineDots = 0;
        if (leading) pieceDots = pieceDots(runs, text, i, pieceEnd);
        gap = 0;
        gapFit = 0;
        linePieces = 0;
        // broken inside a word: its places to break are found again from the new line's start, as there
        if (afterCut) continue;
      }
      linePieces++;
      afterCut = cut;
      if (hyphen && i == lineStart && (inDots ? pieceDots(runs, text, i, j) + hyphenDots > availDots - first
          : wordFit + hyphenPt > max - first / HtmlStyle.DOTS_PER_POINT + 0.01)) {
        // openhtmltopdf ends the line there without drawing the hyphen it measured
        throw new Unsupported("a piece before a soft hyphen wider than its line (" + text.substring(i, j) + ")");
      }
      if (atomic && word > max + 0.01) {
        // openhtmltopdf would break the lines inside it
        throw new Unsupported("an inline block wider than its line (" + text.substring(i, j) + ")");
      }
      // the space after a line's first word counts too (measured: a cell of a table sized to its text, "SKU-0100 "
      // with the template's newline after it, is broken after the hyphen there)
      if ((i == lineStart && word + after > max + 0.01 || breakHere && word > max + 0.01)
          && innerBreak(runs, text, i, j)) {
        throw new Unsupported("a word it might break inside (" + text.substring(i, j) + ")");
      }
      // a piece of a broken word wider than its line overflows it as the line's alignment puts it, on the left
      // where aligned right, as in openhtmltopdf (measured: a URL's query in a notice box; e-mail addresses in
      // paragraphs aligned right or centred at many widths); in a table cell, where it runs into the next cell
      // and a reader takes the two for one word or not by a hair (an invoice's amount column), it is not followed
      if (i == lineStart && inWord && word > max + 0.01 && !leftAligned && (autoCells > 0 || runs.inCell)) {
        throw new Unsupported("a piece of a word wider than its line (" + text.substring(i, j) + ")");
      }
      if (breakHere) {
        int k = lineStart;
        double w = i > lineStart ? lineWidth + gap : 0;
        for (int c = i; c < j; ) {
          int cp = text.codePointAt(c);
          double cw = advance(runs, c, scale);
          if (w + cw > max + 0.01 && c > k) {
            lines.add(new Line(k, c, w));
            k = c;
            w = 0;
          }
          w += cw;
          c += Character.charCount(cp);
        }
        lineStart = k;
        lineWidth = w;
        lineFit = w;
      } else {
        lineWidth += gap + word;
        lineFit += gapFit + wordFit;
        lineDots += pieceDots;
      }
      i = spaceAfter ? j + 1 : j;
      spaceBefore = spaceAfter;
    }
    int end = to;
    while (end > lineStart && text.charAt(end - 1) == ' ') end--;
    // a line a <br> ends is aligned with the space before the break too (measured: right-aligned, a space left)
    if (end < to && to < text.length() && text.charAt(to) == '\n') lineWidth += advance(runs, end, scale);
    lines.add(new Line(lineStart, end, lineWidth));
  }

  /** What a hyphen after {@code text[i, j)} adds to its last styled run, in whole dots, measured with it. */
  private long hyphenDots(Runs runs, String text, int i, int j) throws Unsupported {
    int a = j - 1;
    while (a > i && runs.style[a - 1] == runs.style[j - 1]) a--;
    HtmlStyle st = runs.styles.get(runs.style[j - 1]);
    String run = text.substring(a, j);
    return textDots(face(st), run + "-", sizeDots(st)) - textDots(face(st), run, sizeDots(st));
  }

  /** {@code text[from, to)} in openhtmltopdf's whole dots, each run of one style measured on its own and rounded up. */
  private long pieceDots(Runs runs, String text, int from, int to) throws Unsupported {
    long dots = 0;
    for (int c = from; c < to; ) {
      int sid = runs.style[c];
      int e = c;
      while (e < to && runs.style[e] == sid) e++;
      HtmlStyle st = runs.styles.get(sid);
      dots += textDots(face(st), text.substring(c, e), sizeDots(st));
      c = e;
    }
    return dots;
  }

  private static final int[] NO_CUTS = {};

  /** Whether {@code text[from, to)} is text outside inline boxes, which may wrap ({@link #styledBreaks}). */
  private static boolean plainWord(Runs runs, String text, int from, int to) {
    if (to - from < 2) return false;
    for (int c = from; c < to; c++) {
      if (runs.box[c] >= 0 || nowrapAt(runs, c)) return false;
    }
    return true;
  }

  /**
   * Where openhtmltopdf may break a line inside the word {@code text[from, to)} of one or more text nodes: each
   * node's text is an inline text of its own there, broken by itself ({@link #innerBreaks}, from the node's start
   * or {@code from}), and measured, where the next node's first piece does not fit on the line it starts on a new
   * one, so the edge between two nodes inside a word is a place too ("INV-2026-0142" in a span, then "." breaks
   * there; "more" in an {@code <i>}, then "words"); and where a soft hyphen stood.
   */
  static int[] styledBreaks(Runs runs, String text, int from, int to) {
    int[] out = nodeBreaks(runs, text, from, to);
    int soft = runs.soft.nextSetBit(from + 1);
    if (soft < 0 || soft >= to) return out;
    return java.util.stream.IntStream.concat(java.util.Arrays.stream(out),
        runs.soft.get(from + 1, to).stream().map(p -> p + from + 1)).sorted().distinct().toArray();
  }

  private static int[] nodeBreaks(Runs runs, String text, int from, int to) {
    int edge = runs.nodes.nextSetBit(from + 1);
    if (edge < 0 || edge >= to) return innerBreaks(text, from, to);
    int[] out = new int[0];
    for (int a = from; a < to; ) {
      int b = runs.nodes.nextSetBit(a + 1);
      if (b < 0 || b > to) b = to;
      int[] inner = innerBreaks(text, a, b);
      int n = out.length;
      out = java.util.Arrays.copyOf(out, n + inner.length + (b < to ? 1 : 0));
      System.arraycopy(inner, 0, out, n, inner.length);
      if (b < to) out[out.length - 1] = b;
      a = b;
    }
    return out;
  }

  /**
   * Where openhtmltopdf may break a line inside the word {@code text[from, to)}, its line breaker started at
   * {@code from} ({@link LineBreaks}).
   */
  static int[] innerBreaks(String text, int from, int to) {
    // letters and digits alone, outside the scripts the JDK breaks inside words of, hold no place: most words
    boolean plain = true;
    for (int c = from; c < to && plain; c++) {
      plain = text.charAt(c) < 0x0E00 && Character.isLetterOrDigit(text.charAt(c));
    }
    if (plain) return NO_CUTS;
    int[] places = LineBreaks.of(text.substring(from, to));
    int n = 0;
    while (n < places.length && places[n] < to - from) {
      places[n] += from;
      n++;
    }
    return n == 0 ? NO_CUTS : java.util.Arrays.copyOf(places, n);
  }

  /**
   * Whether openhtmltopdf may break a line inside {@code text[from, to)}: where {@link LineBreaks} finds a place in
   * the text of one of its text nodes, or at an edge between two.
   */
  private static boolean innerBreak(Runs runs, String text, int from, int to) {
    if (to - from < 2) return false;
    for (int c = from; c < to; c++) {
      // the edges of an inline box are judged where the line is broken (a line break at the edge of an inline box)
      if (runs.box[c] >= 0) {
        int soft = runs.soft.nextSetBit(from + 1);
        return innerBreaks(text, from, to).length > 0 || soft >= 0 && soft < to;
      }
    }
    return styledBreaks(runs, text, from, to).length > 0;
  }

  private static double offset(String align, double box, double content) {
    if ("right".equals(align)) return box - content;
    if ("center".equals(align)) return (box - content) / 2;
    return 0;
  }

  /**
   * An image's size as its width or height attribute gives it, else as its CSS does. openhtmltopdf sizes an image
   * by the attribute (digits are pixels, "120px" too, a width may be a percentage) and the attribute wins over the
   * CSS width: measured, an img{width:60px} rule left a width="120" logo 120 pixels wide. An attribute it cannot
   * read it ignores (height="x"); with both an attribute and a CSS size the direct path does not guess and refuses.
   */
  static String sizeAttribute(Element img, String name, String css) throws Unsupported {
    if (!img.hasAttr(name)) return css;
    String v = img.attr(name).trim().toLowerCase(java.util.Locale.ROOT);
    // the same length both ways (a purchase order's logo: height="80px" style="height:80px") leaves nothing to guess
    if (css != null && v.matches("[0-9]+(px)?") && css.trim().equalsIgnoreCase(v.endsWith("px") ? v : v + "px")) {
      return css.trim().toLowerCase(java.util.Locale.ROOT);
    }
    if (css != null) throw new Unsupported("both a " + name + " attribute and a CSS " + name + " on " + HtmlStyle.describe(img));
    if (v.matches("[0-9]+(px)?")) return v.endsWith("px") ? v : v + "px";
    if (name.equals("width") && v.matches("[0-9]+%")) return v;
    throw new Unsupported("the " + name + " attribute '" + v + "' on " + HtmlStyle.describe(img));
  }

  /**
   * {width, height} of an image in points, as openhtmltopdf's BlockBox.sizeReplacedElement sizes it: its size
   * attributes or CSS, clamped to its max-width where the image or the width is wider, its own size in pixels, its
   * ratio kept where only one side is given or max-width applied. {@code width} is what a width in % is of.
   */
  static double[] imageSize(Element img, HtmlStyle s, Picture image, double width) throws Unsupported {
    if (image.square()) return squareSize(s);
    String cssWidth = sizeAttribute(img, "width", s.width);
    String cssHeight = sizeAttribute(img, "height", s.height);
    double w = cssWidth == null ? Double.NaN : length(cssWidth, s, width);
    double h = cssHeight == null ? Double.NaN : length(cssHeight, s, Double.NaN);
    double ratio = image.height() / (double) image.width();
    if (s.maxHeight != null) {
      // a logo capped in height, and in width too (max-height: 100px; max-width: 65%): its own size scaled down to
      // fit inside both, its ratio kept, as sizeReplacedElement clamps each side and then fits the image inside the
      // clamped ones; beside a width or height openhtmltopdf fits it otherwise, which is not ported
      if (cssWidth != null || cssHeight != null) {
        throw new Unsupported("max-height with a width or height on " + HtmlStyle.describe(img));
      }
      double iw = image.width() * Styles.PX;
      double ih = image.height() * Styles.PX;
      double scale = Math.min(1, length(s.maxHeight, s, Double.NaN) / ih);
      if (s.maxWidth != null) scale = Math.min(scale, length(s.maxWidth, s, width) / iw);
      return new double[] {iw * scale, ih * scale};
    }
    if (s.maxWidth != null) {
      // a % of the container (HtmlStyle allows one outside table cells only)
      double most = length(s.maxWidth, s, width);
      if (image.width() * Styles.PX > most || w > most) {
        // with both sides given the image would be fitted inside them, its ratio kept: not ported
        if (!Double.isNaN(h)) throw new Unsupported("max-width with a height on " + HtmlStyle.describe(img));
        w = most;
      }
    }
    // in sizeReplacedElement's order: a side of 0 is no side to keep the ratio from
    if (w > 0 && h > 0) return new double[] {w, h};
    if (w > 0) return new double[] {w, w * ratio};
    if (h > 0) return new double[] {h / ratio, h};
    if (w == 0 || h == 0) return new double[] {0, 0};
    w = image.width() * Styles.PX;
    return new double[] {w, w * ratio};
  }

  /**
   * Whether a width in % on an image here is of nothing: in a table of automatic layout nested in a cell of
   * another, openhtmltopdf makes the image while the outer table measures its columns, when the inner cell has no
   * width yet, and keeps it (BlockBox.createReplaced runs once). Measured: such an image with {@code width: 100%}
   * is neither drawn nor takes room, with a max-width narrower than the image it is that wide, whatever its cell.
   *
   * @param measuring whether a table of automatic layout around the image is being measured (HtmlTableWidths)
   */
  boolean percentOfNothing(boolean measuring) {
    return measuring ? autoCells > 0 : autoCells > 1;
  }

  /**
   * An image alone on its line: the line box is as tall as the image, or one line of text if that is taller; with
   * {@code strut} (white space beside it, in a cell: elsewhere such a line is laid out as text) the image stands on
   * the baseline of a line of text and the line reaches that line's depth below it.
   */
  private void image(Element img, HtmlStyle ps, double width, boolean strut, Sink sink) throws RenderException {
    HtmlStyle s = style(img, ps);
    if (s.hidden) return;
    // side margins of a length take room beside it on its line, as on a line of text (a logo's margin-right
    // before the company's name in a flex header, measured); vertical ones would change the line box (auto and %
    // ones are refused with the style)
    boolean square = !HtmlStyle.replaced(img.normalName());
    if (!square && (s.decorated(true) || nonZero(s.padding)) || s.margin[TOP] != 0 || s.margin[BOTTOM] != 0
        || s.percentMargin()) {
      throw new Unsupported("a box style on " + HtmlStyle.describe(img));
    }
    double ml = s.margin[LEFT], mr = s.margin[RIGHT];
    if (dry) {
      judgeSizes(img, s, width);
      return;
    }
    Picture image = picture(img, s);
    if (image == null) return;
    boolean nothing = percentOfNothing(false) && sizeAttribute(img, "width", s.width) instanceof String given
        && given.endsWith("%");
    double[] size = imageSize(img, s, image, nothing ? 0 : width);
    double w = size[0], h = size[1];
    // an image of no size is no line either (measured: its cell is as tall as its padding)
    if (nothing && w == 0 && h == 0) return;
    double lineHeight = ps.lineHeight();
    double box = Math.max(h, lineHeight);
    // openhtmltopdf lets such an image run past the page's bottom and counts pages otherwise (found by
    // HtmlRandomDocumentTest's generator, measured with an image 3,000px tall)
    if (box > sink.pageHeight()) throw new Unsupported("an image taller than the page, " + HtmlStyle.describe(img));
    double gap = Layout.baseline(face(ps), ps.size, lineHeight);
    double x = offset(ps.align, width, ml + w + mr) + ml;
    if (strut) {
      // white space beside it (a logo in an indented cell): on the strut's baseline, its depth below (measured)
      double top = Math.max(h, gap);
      sink.slice(top + lineHeight - gap, List.of(new Ops.Image(x, top - h, w, h, image)));
      return;
    }
    sink.slice(box, List.of(new Ops.Image(x, Math.min(box - h, gap), w, h, image)));
  }

  /**
   * Whether {@code e} is an empty inline block of a set width and height (a packing slip's check box,
   * {@code <span class="check"></span>}): laid out as an image of its border box is, which is how openhtmltopdf
   * places a box without lines (its baseline is its bottom).
   */
  boolean square(Element e, HtmlStyle parent) throws RenderException {
    if (!HtmlStyle.inline(e.normalName()) || e.normalName().equals("br")) return false;
    for (Node c : e.childNodes()) {
      if (!(c instanceof TextNode t) || !t.isBlank()) return false;
    }
    HtmlStyle s = style(e, parent);
    return s.inlineBlock && s.width != null && !Double.isNaN(s.boxHeight);
  }

  /** A square's border box in points, {width, height}: sized as a block's box is ({@link #boxWidth}). */
  private static double[] squareSize(HtmlStyle s) throws Unsupported {
    double frame = s.padding[TOP] + s.padding[BOTTOM] + s.border(TOP) + s.border(BOTTOM);
    double h = s.borderBox ? Math.max(s.boxHeight, frame) : s.boxHeight + frame;
    return new double[] {boxWidth(s.width, s, Double.NaN, s.padding), h};
  }

  /** A square's picture: its background and solid borders, square or rounded as a block's, no XObject. */
  private Picture squareOf(HtmlStyle s) throws RenderException {
    if (s.patterned()) throw new Unsupported("a patterned border on an empty inline block");
    double[] size = squareSize(s);
    List<Ops> shapes = new ArrayList<>(5);
    if (printBackground && s.background >= 0) shapes.add(background(0, 0, size[0], size[1], s));
    borders(s, size[0], size[1], 0, shapes);
    return new Picture(null, (int) Math.round(size[0] / Styles.PX), (int) Math.round(size[1] / Styles.PX), shapes);
  }

  /**
   * What an image box shows: an img's picture from its src (null without one), an svg's drawing, an empty inline
   * block's square ({@link #square}).
   */
  Picture picture(Element e, HtmlStyle s) throws RenderException {
    if (e.normalName().equals("svg")) return images.drawing(e);
    if (!HtmlStyle.replaced(e.normalName())) return squareOf(s);
    String src = e.attr("src").trim();
    return src.isEmpty() ? null : images.image(src);
  }

  /** At publish, where no image is loaded: throws when the image's size attributes or CSS sizes are outside the subset. */
  private static void judgeSizes(Element img, HtmlStyle s, double width) throws Unsupported {
    String cssWidth = sizeAttribute(img, "width", s.width);
    String cssHeight = sizeAttribute(img, "height", s.height);
    if (cssWidth != null) length(cssWidth, s, width);
    if (cssHeight != null) length(cssHeight, s, Double.NaN);
  }

  /**
   * A floated image's width and height; checking the template, its width where it declares one (else none) and no
   * height, the image being known once a document is drawn.
   */
  private double[] floatedImage(Element img, HtmlStyle s, double width) throws RenderException {
    if (dry) {
      judgeSizes(img, s, width);
      String w = sizeAttribute(img, "width", s.width);
      return new double[] {w == null ? 0 : length(w, s, width), 0};
    }
    Picture image = picture(img, s);
    if (image == null) throw new Unsupported("an image without a source, " + HtmlStyle.describe(img) + ", a float");
    return imageSize(img, s, image, width);
  }

  /**
   * An image of {@code display: block}: a box as tall as the image, no line around it (so no strut below), at its
   * left margin or centred between auto margins, its top margin meeting the one before as a block's does, in a
   * table cell too (an e-mail's logo, measured in automatic and fixed layout), a solid square border round it.
   * Other box styles, relative offsets, page breaks and % margins are not measured, and a bottom margin on it or on
   * the block before it is placed otherwise in openhtmltopdf: refused.
   */
  private void imageBlock(Element img, HtmlStyle s, HtmlStyle ps, double width, Sink sink) throws RenderException {
    String where = HtmlStyle.describe(img);
    // a solid square border (an e-mail's logo framed in white) is drawn round it
    boolean framed = s.bordered() && !s.patterned() && s.radius <= 0 && s.background < 0;
    if (s.decorated(true) && !framed || nonZero(s.padding) || s.relative || s.breakBefore || s.breakAfter || s.percentMargin()
        || s.minWidth != null || s.clear != null) {
      throw new Unsupported("a box style, offset, page break or % margin around " + where
          + ", which has display: block");
    }
    double[] m = s.margin(width);
    // measured: sized by both a width and a height (attributes or CSS; an <svg> always is), its margins and its
    // neighbours' collapse as a block's do; at its own size, openhtmltopdf places a block after it higher than a
    // collapsed margin would (by the image's margin of 10px where the next has 12px, by a paragraph's whole top
    // margin after a paragraph's bottom one), not followed here
    boolean sized = sizeAttribute(img, "width", s.width) != null && sizeAttribute(img, "height", s.height) != null;
    if (!sized && m[BOTTOM] != 0) {
      throw new Unsupported("a bottom margin on " + where + ", which has display: block and no width and height");
    }
    Element before = img.previousElementSibling();
    if (!sized && before != null && style(before, ps).margin(width)[BOTTOM] != 0) {
      throw new Unsupported("a bottom margin before " + where + ", which has display: block and no width and height");
    }
    if (dry) {
      judgeSizes(img, s, width);
      return;
    }
    Picture image = picture(img, s);
    if (image == null) throw new Unsupported("an image without a source, " + where + ", which has display: block");
    double[] size = imageSize(img, s, image, width);
    double bl = s.border(LEFT), bt = s.border(TOP);
    double w = size[0] + bl + s.border(RIGHT), h = size[1] + bt + s.border(BOTTOM);
    double room = width - (s.autoMargin[LEFT] ? 0 : m[LEFT]) - (s.autoMargin[RIGHT] ? 0 : m[RIGHT]);
    if (w > room + 0.01) throw new Unsupported("an image wider than its container, " + where);
    if (h > sink.pageHeight()) throw new Unsupported("an image taller than the page, " + where);
    double left = autoLeft(s, m, width, w, true);
    List<Ops> ops = new ArrayList<>(5);
    ops.add(new Ops.Image(left + bl, bt, size[0], size[1], image));
    if (framed) borders(s, w, h, left, ops);
    sink.margin(m[TOP]);
    sink.slice(h, ops);
    sink.margin(m[BOTTOM]);
  }

  /** A length in openhtmltopdf's whole dots, as it truncates box sides when measuring. */
  static long dotsOf(double pt) {
    return (long) (pt * HtmlStyle.DOTS_PER_POINT + 1e-6);
  }

  /**
   * openhtmltopdf's text width in whole dots: glyph widths in whole thousandths of an em, a font size in whole
   * dots, float arithmetic, rounded up unless within 0.01 of the dot below.
   */
  static long textDots(Face face, String s, float size) throws Unsupported {
    float units = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      units += Math.round(Text.advance(face, cp)); // PDFBox's widths of an embedded font are whole units
    }
    float w = units / 1000f * size;
    return w - Math.floor(w) < 0.01 ? (long) w : (long) Math.ceil(w);
  }

  /** Inside a cell of an automatic-layout table: a word wider than its column would widen the column there. */
  int autoCells;
}
