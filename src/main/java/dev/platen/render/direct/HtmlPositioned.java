package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlStyle.BOTTOM;
import static dev.platen.render.direct.HtmlStyle.LEFT;
import static dev.platen.render.direct.HtmlStyle.RIGHT;
import static dev.platen.render.direct.HtmlStyle.TOP;

import dev.platen.render.RenderException;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The boxes of an {@link HtmlFlow} that stand outside its flow: running elements (laid out for the {@code @page}
 * margin boxes, with their generated content for each page), fixed elements (painted on every page) and absolute
 * boxes (kept until their containing block, the first page's content area or a {@code position: relative} block,
 * is laid out, then placed over it), and the checks that keep each to what openhtmltopdf paints the same way.
 * Apart from block flow because none of them takes room in it: they are laid out on their own stacks, when the
 * flow or the margin boxes ask, and painted over the page. A relative block's shift stays in the flow's
 * {@code block}, which it wraps, and pushes its containing block here. Holds the state of these boxes for one
 * render.
 */
final class HtmlPositioned {
  private final HtmlFlow flow;

  HtmlPositioned(HtmlFlow flow) {
    this.flow = flow;
  }

  /** Whether {@code e} is inside a table cell or a list item. */
  private static boolean insideCell(Element e) {
    for (Element a = e.parent(); a != null; a = a.parent()) {
      String t = a.normalName();
      if (t.equals("td") || t.equals("th") || t.equals("li")) return true;
    }
    return false;
  }

  /**
   * Whether a relative or absolute position is drawn here on {@code e}: on a block that is no table part, list or
   * float, outside lists, and relative only inside table cells; absolute on an image outside them; relative on an
   * inline element too, where openhtmltopdf draws the element unshifted (measured), unless it is an inline block
   * with offsets.
   */
  static boolean positionable(Element e, HtmlStyle s) {
    String tag = e.normalName();
    if (HtmlStyle.inline(tag) && !s.displayBlock) {
      return s.relative && !(s.inlineBlock && HtmlFlow.nonZero(s.offsets));
    }
    if (tag.equals("body")) return s.relative;
    if (HtmlStyle.replaced(tag)) return s.absolute && !insideCell(e);
    // a float of position: relative without offsets (Bootstrap 3's columns) draws as one without: an absolute box
    // inside it, which it would place, is refused (HtmlFlow.box)
    if (s.floating != null && s.relative && HtmlStyle.BLOCKS.contains(tag) && !tag.equals("li")
        && HtmlFlow.nonZero(s.offsets)) {
      return false;
    }
    if (!HtmlStyle.BLOCKS.contains(tag) || tag.equals("li") || tag.equals("ul") || tag.equals("ol")
        || tag.equals("hr") || s.floating != null && !s.relative) {
      return false;
    }
    for (Element a = e.parent(); a != null; a = a.parent()) {
      String t = a.normalName();
      // an absolute box in a cell would count in the widths of automatic table layout
      if (t.equals("td") || t.equals("th")) return s.relative;
      // openhtmltopdf draws a list item's marker where its unshifted first line stands
      if (t.equals("li")) return false;
    }
    return true;
  }

  /**
   * An element out of the flow: {@code position: running(name)}, kept for the {@code @page} margin boxes that
   * show {@code element(name)}, or {@code position: fixed}, drawn on every page. Both only as children of the
   * body before anything in the flow: measured, openhtmltopdf shows a running element from the page it stands
   * on, so one further down is missing from the pages before it.
   *
   * @param x the static position's left edge (the body's margin and padding): a fixed element without left or
   *     right offset stands there
   */
  record Running(Element element, HtmlStyle style, double x, int page, int pages) {}

  /** Running elements by name, in document order. */
  private final java.util.Map<String, Running> running = new java.util.LinkedHashMap<>();
  /** Fixed elements, in document order. */
  private final List<Running> fixed = new ArrayList<>();
  /** {page, pages} while a running element is laid out for one page: its generated content's counters. */
  int[] counters;

  void outOfFlow(Element parent, int index, Element e, HtmlStyle s, HtmlStyle ps, Sink sink)
      throws RenderException {
    String what = s.positionFixed ? "position: fixed" : "position: running(" + s.running + ")";
    if (!parent.normalName().equals("body")) {
      throw new Unsupported(what + " inside " + HtmlStyle.describe(parent) + " (drawn directly on the body's"
          + " children only)");
    }
    List<Node> nodes = parent.childNodes();
    boolean afterContent = false;
    for (int i = 0; i < index && !afterContent; i++) {
      Node n = nodes.get(i);
      if (n instanceof TextNode t && t.isBlank() || !(n instanceof TextNode) && !(n instanceof Element)) continue;
      if (n instanceof Element b) {
        if (drawsNothing(b)) continue;
        HtmlStyle bs = flow.style(b, ps);
        if (bs.hidden || bs.running != null || bs.positionFixed) continue;
      }
      afterContent = true;
    }
    if (afterContent && !s.positionFixed) {
      throw new Unsupported(what + " after content, on " + HtmlStyle.describe(e) + " (openhtmltopdf shows it"
          + " only from its own page on: put it first in the body)");
    }
    // a fixed header's logo is drawn (checked against the flow's text on each page: fixedOverText); a running
    // element's margin box is painted as text only
    if (!e.select(s.positionFixed ? "a[href]" : "img, svg, a[href]").isEmpty()) {
      throw new Unsupported("an image or link in " + HtmlStyle.describe(e) + ", which has " + what);
    }
    // a fixed box after content is painted on every page all the same (measured: a footer written at the end of the
    // body, between two tables, after a forced break: on every page of the document in openhtmltopdf)
    Running r = new Running(e, s, sink.indent, 1, 1);
    if (s.running != null) {
      if (running.containsKey(s.running)) throw new Unsupported("two elements with " + what);
      running.put(s.running, r);
      if (flow.dry) layOut(r, 500);
      return;
    }
    // where openhtmltopdf places a fixed box other than these is not measured
    boolean percent = false;
    for (double p : s.marginPercent) percent |= !Double.isNaN(p);
    if (s.floating != null || s.maxWidth != null || s.autoMargin[LEFT] || s.autoMargin[RIGHT] || percent) {
      throw new Unsupported("a float, max-width, or auto or % margins on " + HtmlStyle.describe(e) + ", which has "
          + what);
    }
    double[] o = s.offsets;
    if (s.width == null && (Double.isNaN(o[LEFT]) || Double.isNaN(o[RIGHT]))) {
      throw new Unsupported(what + " without a width or both left and right (its width would shrink to its"
          + " text), on " + HtmlStyle.describe(e));
    }
    if (Double.isNaN(o[TOP]) == Double.isNaN(o[BOTTOM])) {
      throw new Unsupported(what + " without one of top and bottom, on " + HtmlStyle.describe(e));
    }
    // openhtmltopdf paints the fixed box over the page's flow, the direct path its text over every box
    plain(e, s, "position: fixed", true);
    fixed.add(r);
    if (flow.dry) apartBlock(e, s, 500, new Sink.Stack(0));
  }

  /**
   * An absolutely positioned box, out of the flow, kept until its containing block is laid out.
   *
   * @param staticLeft the left edge of its static position, where it has neither left nor right, else NaN
   */
  record Absolute(Element element, HtmlStyle style, double staticLeft) {}

  /**
   * The absolute boxes of each positioned box being laid out, innermost first: the document's (the initial
   * containing block) at the bottom, then one per {@code position: relative} block around.
   */
  final java.util.ArrayDeque<List<Absolute>> containers = new java.util.ArrayDeque<>();
  /** Set while a box is laid out apart from the flow (absolute, running, fixed): positions inside are refused. */
  boolean apart;

  /** An absolute box met in the flow: checked, and kept for its containing block (see {@link #place}). */
  void absolute(Element e, HtmlStyle s, HtmlStyle ps, Sink sink) throws RenderException {
    String where = HtmlStyle.describe(e);
    if (apart || containers.isEmpty()) {
      throw new Unsupported("position: absolute inside a positioned, running or fixed element, on " + where);
    }
    boolean percent = false;
    for (double p : s.marginPercent) percent |= !Double.isNaN(p);
    if (s.maxWidth != null || s.minWidth != null || s.autoMargin[LEFT] || s.autoMargin[RIGHT] || percent
        || s.breakBefore || s.breakAfter) {
      throw new Unsupported("max-width, min-width, a page break, or auto or % margins on " + where
          + ", which has position: absolute");
    }
    // its own block formatting context keeps its children's margins inside, where the direct path would let them
    // meet its own
    if ((s.margin[TOP] != 0 || s.margin[BOTTOM] != 0) && !e.select("> div, > p, > h1, > h2, > h3, > h4, > h5, > h6,"
        + " > section, > header, > footer, > article, > main, > address, > table, > ul, > ol").isEmpty()) {
      throw new Unsupported("a top or bottom margin on " + where + ", which has position: absolute, holding blocks");
    }
    double[] o = s.offsets;
    // openhtmltopdf's static position (no top or bottom) leaves out the margin above: not matched
    if (Double.isNaN(o[TOP]) == Double.isNaN(o[BOTTOM])) {
      throw new Unsupported("position: absolute without one of top and bottom, on " + where);
    }
    // without left and right it stands at its static position: placed here for a child of the body with a width
    // outside any relative block (a DIN 5008 address window: top: 45mm; width: 85mm), at the body's left margin
    // (the flow's indent there); measured, openhtmltopdf leaves a left padding of the body out of it, which is not
    // followed, and one deeper, which the boxes around it move, is not placed here
    double staticLeft = Double.NaN;
    if (Double.isNaN(o[LEFT]) && Double.isNaN(o[RIGHT])) {
      boolean bodyChild = e.parent() != null && e.parent().normalName().equals("body");
      if (!bodyChild || containers.size() != 1 || s.width == null || e.normalName().equals("img")
          || ps.padding[LEFT] != 0 || ps.border(LEFT) != 0) {
        throw new Unsupported("position: absolute without one of left and right, on " + where);
      }
      staticLeft = sink.indent;
    }
    // the initial containing block's bottom is the document's (measured: bottom: 0 stands below its last line)
    if (Double.isNaN(o[TOP]) && containers.size() == 1) {
      throw new Unsupported("position: absolute with bottom outside a position: relative box, on " + where);
    }
    if (e.normalName().equals("img")) {
      if (HtmlFlow.nonZero(s.margin) || HtmlFlow.nonZero(s.padding)) {
        throw new Unsupported("margins or padding on " + where + ", which has position: absolute");
      }
      HtmlFlow.sizeAttribute(e, "width", s.width);
      HtmlFlow.sizeAttribute(e, "height", s.height);
    }
    // openhtmltopdf paints the box over the flow, the direct path all text over all boxes: the box's own border
    // and background are kept off the flow's text when placed (see place), what is inside it paints text only
    if (s.patterned()) throw new Unsupported("a dashed, dotted or double border on " + where + ", which has position: absolute");
    // a turned box may paint its own border and background, and no other line: an underline would be a line
    // turned with them, which is not measured against openhtmltopdf's
    if (s.rotate != 0 && anywhere(e, s, st -> !st.decorations.isEmpty())) {
      throw new Unsupported("underlined or struck-through text in a turned position: absolute element, on " + where);
    }
    // openhtmltopdf paints the box's border twice (see place), as sides that meet in mitres, where the direct path
    // paints once, as sides that overlap at the corners: alike where the border is opaque only
    for (int side = 0; side < 4 && s.rotate != 0; side++) {
      if (s.border(side) > 0 && Ops.alpha(s.borderRgb(side)) < 1) {
        throw new Unsupported("an rgba() border colour on " + where + ", which is turned (transform: rotate)");
      }
    }
    for (Element c : e.children()) {
      if (drawsNothing(c)) continue;
      HtmlStyle cs = flow.style(c, s);
      // an upright box's content may paint solid borders and backgrounds (a DIN letter's return address over its
      // rule): kept off the flow's text when placed, as the box's own are; a turned one's paints text only
      if (!cs.hidden) plain(c, cs, "position: absolute", s.rotate == 0);
    }
    if (e.normalName().equals("img")) plain(e, s, "position: absolute", false);
    containers.peek().add(new Absolute(e, s, staticLeft));
    if (flow.dry) apartBlock(e, s, 500, new Sink.Stack(0));
  }

  /**
   * Lays out the absolute boxes of one containing block and paints them over page {@code page} of {@code sink}:
   * placed by their offsets from its padding box ({@code x}, {@code y}, {@code width}, {@code height}, in the
   * sink's coordinates), each inside it (openhtmltopdf clips what leaves the page's content area, and paints
   * what overflows a box on its own terms), as wide as their width, their offsets left and right, or their text
   * on one line.
   */
  void place(List<Absolute> boxes, int page, double x, double y, double width, double height, Sink sink,
      boolean initial) throws RenderException {
    for (Absolute a : boxes) {
      Element e = a.element();
      HtmlStyle s = a.style();
      double[] o = s.offsets;
      double[] m = s.margin;
      double avail;
      if (s.width != null || e.normalName().equals("img")) {
        avail = width;
      } else if (!Double.isNaN(o[LEFT]) && !Double.isNaN(o[RIGHT])) {
        avail = width - o[LEFT] - o[RIGHT];
      } else {
        // shrink to fit: its text on one line, when that fits beside the offsets; measured, openhtmltopdf leaves
        // letter-spacing out of that width (as the measure does) and lays the text out in it spaced: a spaced word
        // then reaches into the padding, words wrap, as the flow lays them out here (measured on turned stamps,
        // left, centred and right; an upright box is laid out alike but stays refused until measured too)
        if (s.rotate == 0 && anywhere(e, s, st -> st.letterSpacing != 0)) {
          throw new Unsupported("letter-spacing in a position: absolute box without a width, on "
              + HtmlStyle.describe(e));
        }
        long[] measured = flow.widths.measure(e, s, false);
        double widest = measured[1] / HtmlStyle.DOTS_PER_POINT;
        double room = width - (Double.isNaN(o[LEFT]) ? 0 : o[LEFT]) - (Double.isNaN(o[RIGHT]) ? 0 : o[RIGHT]);
        if (widest > room + 0.01) {
          throw new Unsupported("position: absolute without a width on a box whose text would wrap, on "
              + HtmlStyle.describe(e));
        }
        avail = widest;
      }
      double outer;
      Sink.Stack stack = new Sink.Stack(0);
      if (e.normalName().equals("img")) {
        // a replaced box of the image's own size, no line around it (measured: bottom: 0 puts the image's bottom on
        // the padding box's)
        if (s.maxWidth != null) throw new Unsupported("max-width on the positioned image " + HtmlStyle.describe(e));
        Picture image = flow.picture(e, s);
        if (image == null) continue;
        double[] size = HtmlFlow.imageSize(e, s, image, width);
        outer = size[0];
        stack.slice(size[1], List.of(new Ops.Image(0, 0, size[0], size[1], image)));
      } else {
        outer = s.width == null ? avail : m[LEFT] + HtmlFlow.boxWidth(s.width, s, width, s.padding) + m[RIGHT];
        apartBlock(e, s, s.width == null ? avail + 0.001 : avail, stack);
      }
      double h = stack.height();
      double left = !Double.isNaN(o[LEFT]) ? x + o[LEFT] : !Double.isNaN(a.staticLeft()) ? x + a.staticLeft()
          : x + width - o[RIGHT] - outer;
      double top = !Double.isNaN(o[TOP]) ? y + o[TOP] : y + height - o[BOTTOM] - h;
      // turned about its border box's centre (transform-origin's 50% 50%); its corners must stay inside too
      double cx = left + m[LEFT] + (outer - m[LEFT] - m[RIGHT]) / 2;
      double cy = top + m[TOP] + (h - m[TOP] - m[BOTTOM]) / 2;
      double[] corners = s.rotate == 0 ? new double[] {left, top, left + outer, top + h}
          : turnedCorners(cx, cy, (outer - m[LEFT] - m[RIGHT]) / 2, (h - m[TOP] - m[BOTTOM]) / 2, s.rotate);
      if (corners[0] < x - 0.01 || corners[2] > x + width + 0.01 || corners[1] < y - 0.01
          || corners[3] > y + height + 0.01) {
        throw new Unsupported("a position: absolute box reaching out of "
            + (initial ? "the first page's content area" : "its position: relative box") + ", on "
            + HtmlStyle.describe(e));
      }
      List<Ops> ops = new ArrayList<>(stack.ops.size());
      for (Ops op : stack.ops) {
        boolean shape = op instanceof Ops.Rect || op instanceof Ops.RoundRect || op instanceof Ops.RoundRing;
        // when turned, its shapes are its own border and background (absolute refuses underlines in it)
        if (!(op instanceof Ops.Text || shape || (op instanceof Ops.Link || op instanceof Ops.Image) && s.rotate == 0)) {
          throw new Unsupported("a line or box drawn in a position: absolute element, on " + HtmlStyle.describe(e));
        }
        Ops moved = op.moved(left, top);
        // its border and background under the flow's text here, over it in openhtmltopdf: only where they miss it,
        // a turned one by the upright rectangle around it turned
        if (shape && overText(turned(bounds(moved), cx, cy, s.rotate), sink.placed(page))) {
          throw new Unsupported("a border or background in a position: absolute element over text, on "
              + HtmlStyle.describe(e));
        }
        // openhtmltopdf paints the image over the flow's text, the direct path all text over all images
        if (moved instanceof Ops.Image i && overText(i, sink.placed(page))) {
          throw new Unsupported("an image in a position: absolute element over text, on " + HtmlStyle.describe(e));
        }
        Ops painted = s.rotate == 0 ? moved : new Ops.Turned(moved, cx, cy, s.rotate);
        ops.add(painted);
        // measured: openhtmltopdf paints an absolute box's own background and border twice, turned or not, on the
        // page or in a relative block, so an rgba() background is as dark as two layers of it, and the edges of a
        // turned border, half covering their pixels, darker than one layer paints them
        if (shape) ops.add(painted);
      }
      sink.overlay(page, ops);
    }
  }

  /**
   * Whether the element or anything in it paints a border, background or image: a shifted box's would be painted
   * over the content next to it in openhtmltopdf, under its text here.
   */
  boolean decorates(Element e, HtmlStyle s) throws RenderException {
    String tag = e.normalName();
    if (s.decorated(flow.printBackground) || tag.equals("hr") || HtmlStyle.replaced(tag)) return true;
    for (Element c : e.children()) {
      if (drawsNothing(c)) continue;
      HtmlStyle cs = flow.style(c, s);
      if (!cs.hidden && decorates(c, cs)) return true;
    }
    return false;
  }

  /** The rectangle a border or background op covers, as an image op for {@link #overText}. */
  private static Ops.Image bounds(Ops op) {
    return switch (op) {
      case Ops.Rect r -> new Ops.Image(r.x(), r.y(), r.w(), r.h(), null);
      case Ops.RoundRect r -> new Ops.Image(r.x(), r.y(), r.w(), r.h(), null);
      case Ops.RoundRing r -> new Ops.Image(r.x(), r.y(), r.w(), r.h(), null);
      default -> throw new IllegalArgumentException(op.toString());
    };
  }

  /** The upright rectangle around {@code r} once turned by {@code degrees} about {@code cx, cy}. */
  private static Ops.Image turned(Ops.Image r, double cx, double cy, double degrees) {
    if (degrees == 0) return r;
    double a = Math.toRadians(degrees);
    double mx = r.x() + r.w() / 2 - cx, my = r.y() + r.h() / 2 - cy;
    double[] c = turnedCorners(cx + mx * Math.cos(a) - my * Math.sin(a), cy + mx * Math.sin(a) + my * Math.cos(a),
        r.w() / 2, r.h() / 2, degrees);
    return new Ops.Image(c[0], c[1], c[2] - c[0], c[3] - c[1], null);
  }

  /** {left, top, right, bottom} of a box {@code 2w} by {@code 2h} about {@code cx, cy} once turned by {@code degrees}. */
  private static double[] turnedCorners(double cx, double cy, double w, double h, double degrees) {
    double a = Math.toRadians(degrees);
    double dx = Math.abs(w * Math.cos(a)) + Math.abs(h * Math.sin(a));
    double dy = Math.abs(w * Math.sin(a)) + Math.abs(h * Math.cos(a));
    return new double[] {cx - dx, cy - dy, cx + dx, cy + dy};
  }

  /**
   * Whether a line of text among {@code ops} (in the sink's coordinates, as the image) reaches into the image: each
   * line taken from a font size above its baseline to a third of one below, its glyphs measured.
   */
  private boolean overText(Ops.Image i, List<Ops> ops) throws Unsupported {
    for (Ops op : ops) {
      if (!(op instanceof Ops.Text t) || t.text().isBlank()) continue;
      double w = Text.width(flow.fonts.of(t.bold(), t.mono()), t.text(), t.size(), t.spacing());
      if (t.x() < i.x() + i.w() && t.x() + w > i.x() && t.y() - t.size() < i.y() + i.h()
          && t.y() + t.size() / 3 > i.y()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the element's style or that of anything drawn in it has {@code what}: letter-spacing, or an underline
   * or line-through (an element's own decoration or one it inherits from around it).
   */
  boolean anywhere(Element e, HtmlStyle s, java.util.function.Predicate<HtmlStyle> what)
      throws RenderException {
    if (what.test(s)) return true;
    for (Element c : e.children()) {
      if (drawsNothing(c)) continue;
      HtmlStyle cs = flow.style(c, s);
      if (!cs.hidden && anywhere(c, cs, what)) return true;
    }
    return false;
  }

  /** A {@code style} or {@code title} element, or one the document's cleaning drops: nothing of it is drawn. */
  private static boolean drawsNothing(Element e) {
    String tag = e.normalName();
    return tag.equals("style") || tag.equals("title") || HtmlStyle.DROPPED.contains(tag);
  }

  /**
   * Throws when the element or anything in it paints what an absolute or fixed box may not: a border or background
   * unless {@code shapes} (then solid and square ones are kept off the flow's text when placed, see place and
   * fixedOverText), a rule, or an image outside such a box.
   */
  private void plain(Element e, HtmlStyle s, String what, boolean shapes) throws RenderException {
    boolean fixedBox = what.equals("position: fixed");
    boolean image = HtmlStyle.replaced(e.normalName()) && !what.equals("position: absolute") && !fixedBox;
    boolean decorated = s.decorated(flow.printBackground) && (!shapes || s.patterned() || s.radius > 0);
    if (decorated || e.normalName().equals("hr") || image) {
      throw new Unsupported((HtmlStyle.replaced(e.normalName()) ? "an image" : "a border or background") + " in a "
          + what + " element, on " + HtmlStyle.describe(e));
    }
    for (Element c : e.children()) {
      if (drawsNothing(c)) continue;
      HtmlStyle cs = flow.style(c, s);
      if (!cs.hidden) plain(c, cs, what, shapes);
    }
  }

  /**
   * The running element named {@code name} as page {@code page} of {@code pages} shows it, or null when no element
   * runs under that name.
   */
  Running running(String name, int page, int pages) {
    Running r = running.get(name);
    return r == null ? null : new Running(r.element(), r.style(), r.x(), page, pages);
  }

  /** A running element laid out {@code width} wide, as in its margin box: its height with its margins, and ops. */
  HtmlFlow.Box layOut(Running r, double width) throws RenderException {
    Sink.Stack stack = new Sink.Stack(0);
    List<TextNode> added = generate(r);
    try {
      apartBlock(r.element(), r.style(), width, stack);
    } finally {
      ungenerate(added);
    }
    return new HtmlFlow.Box(stack.height(), stack.ops);
  }

  /** {min, max} of a running element in dots, as a cell of the margin table measures it. */
  long[] measure(Running r) throws RenderException {
    List<TextNode> added = generate(r);
    try {
      return flow.widths.measure(r.element(), r.style(), false);
    } finally {
      ungenerate(added);
    }
  }

  /**
   * Puts the running element's generated content into the document as text for its page, where ::before and
   * ::after stand (first and last in their element), so lines are laid out and measured as any text.
   */
  private List<TextNode> generate(Running r) throws RenderException {
    counters = new int[] {r.page(), r.pages()};
    List<TextNode> added = new ArrayList<>();
    try {
      generate(r.element(), r.style(), r, added);
    } catch (RenderException | RuntimeException ex) {
      ungenerate(added);
      throw ex;
    }
    return added;
  }

  private void generate(Element e, HtmlStyle s, Running r, List<TextNode> added) throws RenderException {
    for (Element c : e.children()) {
      if (drawsNothing(c)) continue;
      HtmlStyle cs = flow.style(c, s);
      if (!cs.hidden) generate(c, cs, r, added);
    }
    if (s.before != null) {
      TextNode t = new TextNode(HtmlMargins.text(s.before, r.page(), r.pages()));
      e.prependChild(t);
      added.add(t);
    }
    if (s.after != null) {
      TextNode t = new TextNode(HtmlMargins.text(s.after, r.page(), r.pages()));
      e.appendChild(t);
      added.add(t);
    }
  }

  private void ungenerate(List<TextNode> added) {
    for (TextNode t : added) t.remove();
    counters = null;
  }

  /**
   * The fixed elements as every page shows them, in page coordinates: laid out in the page's content area, which
   * is their containing block in openhtmltopdf (measured: {@code bottom: 0} puts a box's bottom on the content's
   * bottom edge, over the flow, which leaves it no room), placed by their offsets.
   *
   * @param left the content area's left edge on the page, and so on
   */
  List<Ops> fixed(double left, double top, double width, double height) throws RenderException {
    List<Ops> out = new ArrayList<>();
    for (Running f : fixed) {
      HtmlStyle s = f.style();
      double[] o = s.offsets;
      double[] m = s.margin;
      double avail = width;
      double x;
      if (s.width == null) {
        x = o[LEFT];
        avail = width - o[LEFT] - o[RIGHT];
      } else if (!Double.isNaN(o[LEFT])) {
        x = o[LEFT];
      } else if (!Double.isNaN(o[RIGHT])) {
        x = width - o[RIGHT] - m[RIGHT] - HtmlFlow.boxWidth(s.width, s, width, s.padding) - m[LEFT];
      } else {
        x = f.x();
      }
      Sink.Stack stack = new Sink.Stack(0);
      apartBlock(f.element(), s, avail, stack);
      double y = Double.isNaN(o[TOP]) ? height - o[BOTTOM] - stack.height() : o[TOP];
      for (Ops op : stack.ops) {
        if (!(op instanceof Ops.Text || op instanceof Ops.Image || op instanceof Ops.Rect)) {
          throw new Unsupported("a line or box drawn in a position: fixed element");
        }
        Ops placed = clippedToContent(op.moved(left + x, top + y), left, top, width, height);
        if (placed != null) out.add(placed);
      }
    }
    return out;
  }

  /**
   * A fixed box's op as openhtmltopdf shows it: clipped at the page's content area (measured: a footer at
   * {@code bottom: -12mm} is in the PDF's text but not seen, one at {@code bottom: 5mm} is), null where nothing of
   * it shows.
   */
  private Ops clippedToContent(Ops op, double left, double top, double width, double height) throws Unsupported {
    double right = left + width, bottom = top + height;
    switch (op) {
      case Ops.Text t -> {
        double w = Text.width(flow.fonts.of(t.bold(), t.mono()), t.text(), t.size(), t.spacing());
        boolean inside = t.x() >= left && t.x() + w <= right && t.y() - t.size() >= top
            && t.y() + t.size() / 3 <= bottom;
        if (inside) return t;
        // a clipped line is painted in the regular and bold faces only (Painter)
        if (t.mono() || t.oblique()) {
          throw new Unsupported("monospace or oblique text in a position: fixed element past the page's content area");
        }
        return new Ops.ClippedText(t, left, right, top, bottom);
      }
      case Ops.Rect r -> {
        double x0 = Math.max(r.x(), left), x1 = Math.min(r.x() + r.w(), right);
        double y0 = Math.max(r.y(), top), y1 = Math.min(r.y() + r.h(), bottom);
        return x1 <= x0 || y1 <= y0 ? null : new Ops.Rect(x0, y0, x1 - x0, y1 - y0, r.rgb());
      }
      case Ops.Image i -> {
        if (i.x() >= left && i.x() + i.w() <= right && i.y() >= top && i.y() + i.h() <= bottom) return i;
        if (i.x() >= right || i.x() + i.w() <= left || i.y() >= bottom || i.y() + i.h() <= top) return null;
        throw new Unsupported("an image in a position: fixed element across the page's content edge");
      }
      default -> {
        return op;
      }
    }
  }

  /**
   * Throws when an image of the fixed elements ({@link #fixed}) reaches into a line of the page's text:
   * openhtmltopdf paints the fixed box over the flow, the direct path all text over all images.
   */
  void fixedOverText(List<Ops> fixed, List<Ops> page) throws Unsupported {
    for (Ops op : fixed) {
      if (op instanceof Ops.Image i && overText(i, page)) {
        throw new Unsupported("an image in a position: fixed element over the text of a page");
      }
      // openhtmltopdf paints the fixed box over the flow, hiding its text; the direct path paints all text last
      if (op instanceof Ops.Rect && overText(bounds(op), page)) {
        throw new Unsupported("a border or background in a position: fixed element over the text of a page");
      }
    }
  }

  /** A block laid out apart from the flow (a running or fixed element), where positions are refused. */
  private void apartBlock(Element e, HtmlStyle s, double width, Sink sink) throws RenderException {
    boolean was = apart;
    apart = true;
    try {
      flow.block(e, s, width, sink);
    } finally {
      apart = was;
    }
  }
}
