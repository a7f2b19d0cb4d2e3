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
 * Lays out the tables of an {@link HtmlFlow}: rows as units that stay on a page, move to the next whole or split
 * where openhtmltopdf splits them, a header and footer repeated on every page, spacing between cells, and
 * collapsed borders resolved cell by cell as openhtmltopdf resolves them. Apart from block flow because a table
 * pages by rows, not by lines, and its rules (what may split, which border wins) are its own; what is inside a
 * cell is block flow again, laid out by calling back into the flow. Column widths come from
 * {@link HtmlTableWidths}. Its state (collapsed borders and cells worked out once per table) lives for one
 * render, as the flow does.
 */
final class HtmlTables {
  private final HtmlFlow flow;
  /**
   * While a row cut by page breaks is laid out ({@link #rowAcross}): how far apart the breaks after the first are,
   * for its cells' stacks ({@link Sink.Stack#period}).
   */
  private double period = Double.POSITIVE_INFINITY;
  /** While a row under a repeated header is cut ({@link #headedAcross}): its stacks' {@link Sink.Stack#landing}. */
  private double landing;
  /**
   * While a row under a repeated header is cut ({@link #headedAcross}): where the next page starts below the row's
   * top, where the row's part there is painted from (below the header), and the row's bottom padding and border
   * (the most of its cells'); null otherwise.
   */
  private double[] cut;
  /** The vertical border-spacing of the table whose rows are laid out, which a cell spanning rows paints over. */
  private double rowGap;
  /** The border box width of the table laid out last, spacing included: a floated table's box is as wide. */
  double laidWidth;
  /** The height of each row of the table laid out so far, by its index among the table's rows. */
  private java.util.Map<Integer, Double> rowHeights = new java.util.HashMap<>();
  /**
   * Each cell spanning rows of the table: its height down to its content's bottom (its bottom padding and border
   * close its last row), its first row's index, and 1 where that is taller than its first row.
   */
  private java.util.Map<Element, double[]> spanners = new java.util.IdentityHashMap<>();
  /** Whether the row last laid out holds part of a cell spanning rows that is taller than its first row. */
  private boolean overflowing;
  /**
   * Where the page's content area ends, from the left of the rows of the table being laid: past it openhtmltopdf
   * leaves out what starts there (infinite for a table inside it).
   */
  private double cutoff = Double.POSITIVE_INFINITY;
  /** Whether the table being laid may be widened past the page's content area (read by HtmlTableWidths). */
  boolean widens;

  HtmlTables(HtmlFlow flow) {
    this.flow = flow;
  }

  record Row(Element tr, HtmlStyle style) {}

  /**
   * @param hang how far a collapsed top border rises above the row (half of it, in whole dots)
   * @param patterned whether a collapsed border of the row is dashed or dotted
   * @param moved laid out against a page boundary: whether the first line of each cell moved below it
   * @param spanned the background of each cell spanning rows from a row above that it paints part of
   * @param closes whether a cell of separate borders spanning rows from a row above into it has a bottom border
   */
  private record Laid(double height, List<Ops> ops, double bottomBorder, double hang, boolean patterned,
      boolean moved, List<Ops.Rect> spanned, boolean closes) {
    Laid(double height, List<Ops> ops, double bottomBorder) {
      this(height, ops, bottomBorder, 0, false, false, List.of(), false);
    }

    /**
     * Refuses a row that a page break moves whole to the next page below a row above of a cell spanning them both
     * with a background: openhtmltopdf paints such a cell as one box over the strip, down over the gap the move
     * leaves at the page's bottom (measured: to the bottom without a repeated header, with one a little way
     * and closed by a line), which is matched only without a repeated header ({@link #gap}). Under a repeated
     * header openhtmltopdf also closes a bottom border of such a cell on the page the row leaves (measured: below
     * the last row there by the moved row's bottom padding and border), which the direct path does not draw.
     */
    void movable(boolean paginate) throws Unsupported {
      if (!spanned.isEmpty() || paginate && closes) {
        throw new Unsupported("a row moved to a new page under a cell spanning rows with a background or, under a"
            + " repeated header, a bottom border");
      }
    }

    /** The backgrounds of the cells it spans from rows above, from here down {@code h}. */
    List<Ops> gap(double h) {
      List<Ops> out = new ArrayList<>(spanned.size());
      for (Ops.Rect r : spanned) out.add(new Ops.Rect(r.x(), 0, r.w(), h, r.rgb()));
      return out;
    }
  }

  /**
   * A table's caption as openhtmltopdf lays it out (measured): a block right above the table, as wide as the
   * table's container whatever the table's width (so its default text-align: center centres it on the container,
   * not on the table), in the table's inherited style. Only on a table without margins above or beside it, where
   * the caption's place is not measured.
   */
  private void caption(Element caption, HtmlStyle ts, double avail, Sink sink) throws RenderException {
    String where = HtmlStyle.describe(caption.parent());
    if (ts.autoMargin[LEFT] || ts.autoMargin[RIGHT] || ts.floating != null) {
      throw new Unsupported("a <caption> on a table with an auto side margin, " + where);
    }
    HtmlStyle cs = flow.style(caption, ts);
    if (cs.hidden) return;
    if (cs.floating != null || cs.width != null || cs.breakBefore || cs.breakAfter) {
      throw new Unsupported("a float, width or page break on the <caption> of " + where);
    }
    flow.block(caption, cs, avail, sink);
  }

  void table(Element t, HtmlStyle ts, double avail, Sink sink) throws RenderException {
    table(t, ts, avail, sink, Double.NaN);
  }

  /**
   * A table of page-break-inside: avoid in the flow ({@link HtmlFlow}'s keptTable), laid out apart onto a stack for
   * the flow to place as it places a block kept whole: its margins and forced page breaks are the flow's to give.
   *
   * @param pagesIndent the pages' indent where it will stand, for its width against the page's content area
   */
  void keptTable(Element t, HtmlStyle ts, double avail, Sink.Stack sink, double pagesIndent) throws RenderException {
    table(t, ts, avail, sink, pagesIndent);
  }

  /** @param kept the pages' indent of a table laid out apart to be kept whole ({@link #keptTable}), or NaN */
  private void table(Element t, HtmlStyle ts, double avail, Sink sink, double kept) throws RenderException {
    Outer outer = new Outer(cutoff, widens, flow.leastColumns, rowGap, rowHeights, spanners);
    cutoff = Double.POSITIVE_INFINITY;
    // only a table laid straight onto the pages knows where the page's content area ends
    widens = sink instanceof Sink.Pages && !flow.dry;
    flow.leastColumns = false;
    rowGap = rowSpacing(ts);
    rowHeights = new java.util.HashMap<>();
    spanners = new java.util.IdentityHashMap<>();
    try {
      laidTable(t, ts, avail, sink, kept);
    } finally {
      cutoff = outer.cutoff();
      widens = outer.widens();
      flow.leastColumns = outer.leastColumns();
      rowGap = outer.rowGap();
      rowHeights = outer.rowHeights();
      spanners = outer.spanners();
    }
  }

  /** What a table nested in a cell sets for itself, kept for the table around it while it is laid out. */
  private record Outer(double cutoff, boolean widens, boolean leastColumns, double rowGap,
      java.util.Map<Integer, Double> rowHeights, java.util.Map<Element, double[]> spanners) {}

  private void laidTable(Element t, HtmlStyle ts, double avail, Sink sink, double keptAt) throws RenderException {
    String where = HtmlStyle.describe(t);
    // side margins in % (a totals table's margin-left: 60%) are of the container's width, as a block's
    double[] margin = ts.margin(avail);
    boolean kept = !Double.isNaN(keptAt);
    // the pages' indent where a table laid out apart will stand, for its width against the content area's
    double pagesIndent = kept ? keptAt : 0;
    boolean auto = !ts.fixed;
    // openhtmltopdf lays a table without a width out automatically, table-layout: fixed or not
    if (ts.width == null && ts.fixed) throw new Unsupported("table-layout: fixed on a table without a width, on " + where);
    // collapsed borders are spacing 0 too: openhtmltopdf ignores border-spacing then
    double sp = spacing(ts);
    // the spacing above each row and below the last, which a second length of border-spacing sets apart
    double vsp = rowGap;
    // a collapsed table's border is one of the borders its outer cells collapse with
    if (ts.collapse && ts.radius > 0) throw new Unsupported("border-radius on " + where + " with collapsed borders");
    // a collapsed table's padding is none, as CSS 2.1 has it and openhtmltopdf lays it out (measured, with a border
    // and a background too): frame() is not read for it
    // a collapsed table's background without a border anywhere around it is painted under its rows, as a table's
    // of separate borders and no spacing (measured); with a border it would reach under half of it: not measured
    boolean collapsedBackground = ts.collapse && flow.printBackground && ts.background >= 0;
    if (collapsedBackground && (ts.paginate || ts.radius > 0 || ts.bordered())) {
      throw new Unsupported("a background on " + where + " with collapsed borders and a border, border-radius or a"
          + " repeated header (-fs-table-paginate)");
    }
    // with separate borders the table's own border, padding and background frame its rows (decorated)
    double[] frame = ts.collapse ? new double[4] : frame(ts, where);
    boolean decorated = collapsedBackground || !ts.collapse && (ts.decorated(flow.printBackground) || HtmlFlow.nonZero(frame));
    // kept whole only in the flow (HtmlFlow.keptTable): not as a float or in a cell
    if (ts.avoidInside && !kept) throw new Unsupported("page-break-inside: avoid on " + where);
    if (ts.collapse && ts.patterned()) throw new Unsupported("a dashed, dotted or double border with collapsed borders");
    List<Row> head = new ArrayList<>();
    List<Row> body = new ArrayList<>();
    // openhtmltopdf moves the footer group after the bodies, wherever it is in the source
    List<Row> foot = new ArrayList<>();
    boolean sawHead = false, sawFoot = false;
    Element caption = null;
    List<Covered> groups = new ArrayList<>(0);
    for (Node n : t.childNodes()) {
      if (n instanceof TextNode text && text.isBlank() || !(n instanceof Element e)) {
        if (n instanceof TextNode text && !text.isBlank() && !flow.dry) {
          throw new Unsupported("text directly inside a table");
        }
        continue;
      }
      switch (e.normalName()) {
        case "caption" -> {
          if (caption != null || e.elementSiblingIndex() != 0) {
            throw new Unsupported("a <caption> other than the first child of " + where);
          }
          caption = e;
        }
        case "thead", "tbody", "tfoot" -> {
          HtmlStyle gs = flow.style(e, ts);
          if (gs.hidden) continue;
          boolean covered = gs.bordered() && gs.background < 0 && gs.border(LEFT) == 0 && gs.border(RIGHT) == 0
              && !gs.patterned() && gs.radius <= 0;
          if (gs.decorated(true) && !covered) throw new Unsupported("a border or background on " + HtmlStyle.describe(e));
          String group = e.normalName();
          // a second header or footer group is a body to openhtmltopdf: not matched
          if (group.equals("thead") && sawHead || group.equals("tfoot") && sawFoot) {
            throw new Unsupported("a second <" + group + "> in " + where);
          }
          sawHead |= group.equals("thead");
          sawFoot |= group.equals("tfoot");
          List<Row> into = group.equals("thead") ? head : group.equals("tfoot") ? foot : body;
          int from = into.size();
          for (Node r : e.childNodes()) {
            if (r instanceof Element tr && tr.normalName().equals("tr")) {
              HtmlStyle rs = flow.style(tr, gs);
              if (!rs.hidden) into.add(new Row(tr, rs));
            } else if (r instanceof Element other) {
              throw new Unsupported("the element <" + other.normalName() + "> in a table");
            } else if (r instanceof TextNode text && !text.isBlank() && !flow.dry) {
              throw new Unsupported("text directly inside a table");
            }
          }
          if (covered) groups.add(new Covered(e, gs, into.subList(from, into.size())));
        }
        case "tr" -> {
          HtmlStyle rs = flow.style(e, ts);
          if (!rs.hidden) body.add(new Row(e, rs));
        }
        // column elements only size columns (HtmlTableWidths.declared)
        case "style", "colgroup", "col" -> {}
        default -> throw new Unsupported("the element <" + e.normalName() + "> in a table");
      }
    }
    Row first = !head.isEmpty() ? head.get(0) : !body.isEmpty() ? body.get(0) : !foot.isEmpty() ? foot.get(0) : null;
    if (first == null && caption != null) throw new Unsupported("a <caption> on a table without rows, " + where);
    if (first == null) return;
    int n = columnCount(head, body, foot, where);
    for (Covered g : groups) g.check(n);
    // the separated model's spacing: left of every column and right of the last, above every row and below the last
    double spacings = 0;
    if (sp > 0 || vsp > 0) {
      spacings = (n + 1) * sp;
      if (ts.paginate && !foot.isEmpty()) {
        throw new Unsupported("a running table footer (-fs-table-paginate) with border-spacing, on " + where);
      }
    }
    double[] columns;
    double width;
    HtmlTableWidths.Declared declared = flow.widths.declared(t, ts);
    // checking a template, a cell of automatic layout has no width yet (cell()), and a bordered box in it leaves
    // less than none: a % of it is taken of none
    if (flow.dry) avail = Math.max(avail, 0);
    // measured: openhtmltopdf takes a table's % width as of its margin box, the side margins then coming off it
    // (width: 50% and margin-left: 80px end where the table would end without the margin), where a block's % is
    // of the container alone
    double declaredWidth = ts.width == null ? Double.NaN : HtmlFlow.length(ts.width, ts, avail)
        - (ts.width.trim().endsWith("%") ? margin[LEFT] + margin[RIGHT] : 0);
    // and where the margins take more than the % (a totals table's width: 40%; margin-left: 60%), the table fills
    // what they leave of the container, as a block of auto width (measured, with lengths and % margins, short and
    // long cells: 20% and 40% beside a 60% margin both end at the container's right edge)
    if (declaredWidth < 0 && !ts.fixed) declaredWidth = avail - margin[LEFT] - margin[RIGHT];
    if (declaredWidth < 0) throw new Unsupported("side margins wider than the width of " + where + " (fixed layout)");
    // a max-width at least as wide as the width (a layout table's width: 100%; max-width: 1000px) changes nothing;
    // one that would narrow the table is not measured against openhtmltopdf
    if (ts.maxWidth != null && HtmlFlow.length(ts.maxWidth, ts, avail) < HtmlFlow.length(ts.width, ts, avail) - 0.01) {
      throw new Unsupported("a max-width narrower than the width of " + where);
    }
    if (auto) {
      List<Row> rows = new ArrayList<>(head.size() + body.size());
      rows.addAll(head);
      rows.addAll(body);
      rows.addAll(foot);
      // auto ones place it by the width its columns come to (measured: right and centred, collapsed or not)
      if (ts.width == null && (margin[LEFT] != 0 && !ts.autoMargin[LEFT]
          || margin[RIGHT] != 0 && !ts.autoMargin[RIGHT])) {
        throw new Unsupported("side margins on a table without a width, on " + where);
      }
      // measured: openhtmltopdf's automatic layout takes a length width as the table's border box without its
      // spacing, which it adds outside (300px and 2px spacing over two columns are 306px wide: TableBox grows to its
      // least width, the width and the spacing); a percentage holds it, and so does a length beside an auto margin,
      // which leaves room to grow into the margin
      boolean length = ts.width != null && !ts.width.trim().endsWith("%");
      boolean autoSide = ts.autoMargin[LEFT] || ts.autoMargin[RIGHT];
      if (length && autoSide && spacings > 0 && avail - HtmlFlow.length(ts.width, ts, avail) - margin[LEFT]
          - margin[RIGHT] < spacings) {
        throw new Unsupported("an auto margin on " + where + " narrower than its border-spacing");
      }
      double outside = length && !autoSide ? 0 : spacings;
      double sides = frame[LEFT] + frame[RIGHT];
      columns = flow.widths.autoColumns(rows, n,
          ts.width == null ? Double.NaN : declaredWidth - outside - sides,
          avail - spacings - sides, ts.collapse ? ts : null, where, sp, declared);
      width = spacings;
      for (double c : columns) width += c;
      if (ts.width == null && ts.minWidth != null) {
        // a summary table's min-width: 280px: where its text leaves it narrower, laid out again at that width, as
        // openhtmltopdf widens the table's box to it before sharing it out to the columns (measured, collapsed or
        // no spacing; with spacing, margins or a % not measured)
        double least = HtmlFlow.length(ts.minWidth, ts, avail);
        if (spacings > 0 || ts.minWidth.trim().endsWith("%") || margin[LEFT] != 0 || margin[RIGHT] != 0
            || autoSide) {
          throw new Unsupported("min-width on " + where + " with border spacing, side margins or a %");
        }
        if (width < least - 0.005) {
          columns = flow.widths.autoColumns(rows, n, least - sides, avail - sides, ts.collapse ? ts : null, where, sp,
              declared);
          width = 0;
          for (double c : columns) width += c;
        }
      }
    } else {
      width = declaredWidth;
      List<Row> rows = new ArrayList<>(head.size() + body.size() + foot.size());
      rows.addAll(head);
      rows.addAll(body);
      rows.addAll(foot);
      width -= frame[LEFT] + frame[RIGHT];
      columns = flow.widths.columns(rows, n, width - spacings, ts.collapse ? ts : null, where, declared);
    }
    if (ts.breakBefore && !kept) sink.breakBefore();
    // where openhtmltopdf puts a caption against the table's own frame is not measured
    if (caption != null && decorated) {
      throw new Unsupported("a <caption> on " + where + " with a border, padding or background");
    }
    // openhtmltopdf lays the caption out above the table's top margin, outside what a kept table would move: not
    // matched
    if (caption != null && kept) {
      throw new Unsupported("a <caption> on " + where + " kept whole (page-break-inside: avoid)");
    }
    if (caption != null) caption(caption, ts, avail, sink);
    if (!kept) sink.margin(margin[TOP]);
    // margin-left: auto puts a table of automatic layout against the right edge, and auto margins on both sides
    // centre it, as a block's (autoLeft; measured with a % and a length width, spacing and collapsed borders);
    // openhtmltopdf leaves a fixed-layout one at the left, widened, so that is not drawn here
    if (!auto && (ts.autoMargin[LEFT] || ts.autoMargin[RIGHT])) {
      throw new Unsupported("an auto margin on " + where + " with table-layout: fixed");
    }
    // a background alone is drawn where the table is (an e-mail's white inner table, align="center", on a grey
    // page); with a border or padding openhtmltopdf centres it otherwise (measured: 8px left with 3px and 5px)
    if (HtmlFlow.nonZero(frame) && (ts.autoMargin[LEFT] || ts.autoMargin[RIGHT])) {
      throw new Unsupported("an auto margin on " + where + " with a border or padding");
    }
    // a table of automatic layout without a width is as wide as its columns, which auto margins place as a width's
    double left = HtmlFlow.autoLeft(ts, margin, avail, width, ts.width != null || auto);
    laidWidth = width + frame[LEFT] + frame[RIGHT];
    sink.indent += left;
    Sink.Start framed = decorated ? open(frame, sink) : null;
    if (!flow.dry && pagesIndent + sink.indent + laidWidth - frame[LEFT] > flow.pageWidth + 0.01) {
      // widened past the page's content area by text that cannot break (HtmlTableWidths.autoColumns): openhtmltopdf
      // paints a box, and a line, only where it starts inside the content area, so cells starting past it are left out
      if (!widens || ts.autoMargin[LEFT] || ts.autoMargin[RIGHT]) {
        throw new Unsupported("text wider than its container, in a table with automatic layout");
      }
      cutoff = flow.pageWidth - sink.indent;
    }
    List<Row> all = new ArrayList<>(head.size() + body.size() + foot.size());
    all.addAll(head);
    all.addAll(body);
    all.addAll(foot);
    HtmlStyle collapse = ts.collapse ? ts : null;
    if (collapsedBackground) {
      for (int ri = 0; ri < all.size(); ri++) {
        int[][] edges = edges(all, ri, collapse);
        if (edges.length == 0) continue;
        boolean outer = edges[0][LEFT] > 0 || edges[edges.length - 1][RIGHT] > 0;
        for (int[] e : edges) outer |= ri == 0 && e[TOP] > 0 || ri == all.size() - 1 && e[BOTTOM] > 0;
        if (outer) {
          throw new Unsupported("a background on " + where + " with collapsed borders round its outer cells");
        }
      }
    }
    if (collapse != null && flow.positioned.apart && !all.isEmpty()) {
      // measured in a running header: openhtmltopdf draws such a table lower by a quarter of its first row's top
      // border (the table's own or its cells'), its other sides as in the flow (a header's rule below the brand)
      for (int[] e : edges(all, 0, collapse)) {
        if (e[TOP] > 0) {
          throw new Unsupported("a top border on a table with collapsed borders in a running or fixed element, on "
              + where);
        }
      }
    }
    List<Ops> headOps = new ArrayList<>();
    double headHeight = 0;
    // a table opening a page (the document's first, or after a forced break) brings its first row's collapsed top
    // border down onto the page whole, as a row opening a page does (measured: openhtmltopdf draws it that much lower)
    double opening = 0;
    int index = 0;
    for (Row r : head) {
      Laid laid = row(all, index++, columns, width, collapse, auto, sp);
      if (index == 1 && !flow.dry && sink.atPageTop()) opening = laid.hang();
      for (Ops op : laid.ops()) headOps.add(op.moved(0, headHeight + vsp));
      headHeight += vsp + laid.height();
    }
    // the footer's rows, laid out up front: a paginated table keeps room for them at the bottom of each page
    List<Laid> footRows = new ArrayList<>(foot.size());
    List<Ops> footOps = new ArrayList<>();
    double footHeight = 0;
    if (!foot.isEmpty()) {
      int at = head.size() + body.size();
      for (int i = 0; i < foot.size(); i++) {
        Laid laid = row(all, at + i, columns, width, collapse, auto, sp);
        footRows.add(laid);
        for (Ops op : laid.ops()) footOps.add(op.moved(0, footHeight));
        footHeight += laid.height();
      }
    }
    boolean runningFoot = ts.paginate && !foot.isEmpty() && !flow.dry;
    if (runningFoot) {
      if (!sink.fitsPage(headHeight + footHeight)) throw new Unsupported("a table header and footer taller than a page");
      sink.startFooter(footHeight, footOps);
    }
    if (!head.isEmpty() && !flow.dry) {
      if (!sink.fits(headHeight + opening)) throw new Unsupported("a table header across a page break");
      List<Ops> placed = new ArrayList<>(headOps.size());
      for (Ops op : headOps) placed.add(op.moved(0, opening));
      sink.slice(headHeight + opening, placed);
      if (ts.paginate) sink.startHeader(headHeight, headOps);
    }
    double lastBottom = 0;
    for (Row r : body) {
      int at = index++;
      Laid laid = row(all, at, columns, width, collapse, auto, sp);
      lastBottom = laid.bottomBorder();
      if (flow.dry) continue;
      if (overflowing && !sink.fits(vsp + laid.height())) {
        throw new Unsupported("a page break among the rows of a cell spanning rows taller than its first row");
      }
      if (splits(laid, r, vsp, ts.paginate, sink)) {
        rowAcross(all, at, columns, width, collapse, auto, sp, vsp, sink);
        continue;
      }
      if (ts.paginate && !r.style().avoidInside && !sink.fits(vsp + laid.height())
          && !movesWhole(all, at, columns, width, collapse, auto, sp, vsp, sink)) {
        headedAcross(all, at, columns, width, collapse, auto, sp, vsp, headHeight, runningFoot ? footHeight : 0, sink);
        continue;
      }
      boolean whole = r.style().avoidInside || ts.paginate && !sink.fits(vsp + laid.height());
      if (vsp > 0) {
        spacedRow(laid, whole, vsp, ts.paginate, headHeight, sink);
        continue;
      }
      if (!sink.fits(laid.height()) && !(whole && sink.fitsPage(laid.height() + headHeight))) {
        throw new Unsupported("a table row across a page break (rows are kept whole with page-break-inside: avoid)");
      }
      if (!sink.fits(laid.height()) && (!laid.spanned().isEmpty() || ts.paginate && laid.closes())) {
        // without a repeated header the moved row's spanning cells paint down to the page's bottom (measured)
        if (ts.paginate || laid.hang() > 0 || sink.room() == Double.POSITIVE_INFINITY) laid.movable(ts.paginate);
        sink.slice(0, laid.gap(sink.room()));
      }
      if (laid.patterned() && ts.paginate && !sink.fits(laid.height())) {
        // where a row under a repeated header starts a page, openhtmltopdf's collapsed border is not measured
        throw new Unsupported("a dashed or dotted collapsed border opening a page under a repeated table header");
      }
      if (laid.hang() > 0 && ((!ts.paginate || head.isEmpty()) && !sink.fits(laid.height()) || sink.atPageTop())) {
        // a row that opens a page brings its collapsed top border down onto it whole, as openhtmltopdf does
        List<Ops> moved = new ArrayList<>(laid.ops().size());
        for (Ops op : laid.ops()) moved.add(op.moved(0, laid.hang()));
        sink.slice(laid.height() + laid.hang(), moved);
        continue;
      }
      sink.slice(laid.height(), laid.ops());
    }
    // on the last page the footer follows the last row, where its room was kept
    if (runningFoot) sink.endFooter();
    for (int i = 0; i < foot.size() && !flow.dry; i++) {
      Laid laid = footRows.get(i);
      lastBottom = laid.bottomBorder();
      if (splits(laid, foot.get(i), vsp, ts.paginate, sink)) {
        rowAcross(all, head.size() + body.size() + i, columns, width, collapse, auto, sp, vsp, sink);
        continue;
      }
      if (vsp > 0) {
        spacedRow(laid, foot.get(i).style().avoidInside, vsp, ts.paginate, headHeight, sink);
        continue;
      }
      if (!sink.fits(laid.height()) && !(foot.get(i).style().avoidInside && sink.fitsPage(laid.height() + headHeight))) {
        throw new Unsupported("a table row across a page break (rows are kept whole with page-break-inside: avoid)");
      }
      if (!sink.fits(laid.height())) laid.movable(ts.paginate);
      sink.slice(laid.height(), laid.ops());
    }
    if (vsp > 0 && !flow.dry) {
      // the spacing below the last row is the table's own: it does not move to a new page
      if (!sink.fits(vsp)) throw new Unsupported("border-spacing below a table's last row across a page break");
      sink.slice(vsp, List.of());
    }
    if (ts.paginate && !head.isEmpty()) sink.endHeader();
    // a collapsed table ends in the middle of its last border: half of it hangs below (in whole layout dots)
    if (ts.collapse && lastBottom > 0 && !flow.dry) {
      sink.back(Math.round(Math.round(lastBottom * HtmlStyle.DOTS_PER_POINT) / 2.0) / HtmlStyle.DOTS_PER_POINT);
    }
    if (decorated) close(framed, ts, frame, width, sink);
    sink.indent -= left;
    if (kept) return;
    sink.margin(margin[BOTTOM]);
    if (ts.breakAfter) sink.pageBreak();
  }

  /**
   * The table's border and padding per side, in points, of a table with separate borders. openhtmltopdf paints the
   * frame of a paginated table (-fs-table-paginate) again on each page, closed at its bottom and top (measured):
   * not matched, nor a border-box table's frame, whose widths are not measured.
   */
  private double[] frame(HtmlStyle ts, String where) throws Unsupported {
    double[] frame = new double[4];
    for (int side = 0; side < 4; side++) frame[side] = ts.border(side) + ts.padding[side];
    if (!ts.decorated(flow.printBackground) && !HtmlFlow.nonZero(frame)) return frame;
    if (ts.paginate) {
      throw new Unsupported("a border, padding or background on " + where + " with a repeated header or footer"
          + " (-fs-table-paginate)");
    }
    // measured: under box-sizing: border-box openhtmltopdf sizes a table with side borders or padding otherwise
    // (columns 2-22 pt off); a top or bottom one alone (a ledger's border-top rule) changes no width
    if (ts.borderBox && (frame[LEFT] != 0 || frame[RIGHT] != 0)) {
      throw new Unsupported("a side border or padding on " + where + " with box-sizing: border-box");
    }
    if (ts.radius > 0 && (HtmlFlow.nonZero(ts.padding) || ts.borderBox
        || ts.bordered() && !HtmlStyle.uniform(ts))) {
      throw new Unsupported("border-radius on " + where + " with padding or a border other than one all round");
    }
    return frame;
  }

  /**
   * Opens the frame of a table with a border, padding or background (separate borders) as a box a page break may
   * cross: openhtmltopdf paints it as one strip each page shows its part of (measured). The rows go inside it,
   * indented by its left border and padding.
   */
  private Sink.Start open(double[] frame, Sink sink) throws Unsupported {
    if (flow.dry) return null;
    Sink.Start start = sink.open(frame[TOP]);
    sink.indent += frame[LEFT];
    return start;
  }

  /** Closes a table's frame: its bottom padding and border, then its background under the rows and its border. */
  private void close(Sink.Start start, HtmlStyle ts, double[] frame, double width, Sink sink) throws Unsupported {
    if (start == null) return;
    sink.indent -= frame[LEFT];
    sink.pass(frame[BOTTOM]);
    List<Ops> ops = new ArrayList<>(5);
    paint(ts, width + frame[LEFT] + frame[RIGHT], sink.since(start), ops);
    sink.paint(start, cutoff == Double.POSITIVE_INFINITY ? ops : cut(ops, cutoff + frame[LEFT]));
  }

  /** A framed table's background, inside its border as openhtmltopdf paints it (measured), and its border. */
  private void paint(HtmlStyle ts, double outer, double h, List<Ops> ops) throws Unsupported {
    double bt = ts.border(TOP), br = ts.border(RIGHT), bb = ts.border(BOTTOM), bl = ts.border(LEFT);
    if (flow.printBackground && ts.background >= 0) {
      ops.add(ts.radius > 0 ? HtmlFlow.background(0, 0, outer, h, ts)
          : new Ops.Rect(bl, bt, outer - bl - br, h - bt - bb, ts.background));
    }
    flow.borders(ts, outer, h, 0, ops);
  }

  /**
   * Whether a row meets the page's bottom and is cut there, as openhtmltopdf cuts a row without
   * {@code page-break-inside: avoid} in a table without a repeated header ({@code -fs-table-paginate}), which
   * moves such rows whole.
   */
  private static boolean splits(Laid laid, Row r, double sp, boolean paginate, Sink sink) {
    return !r.style().avoidInside && !paginate && sink.cuts(sp + laid.height());
  }

  /**
   * Whether a row of a table with a repeated header that meets the page's bottom moves whole to the next page, as
   * openhtmltopdf moves it (TableRowBox.isShouldMoveToNextPage) where the first line of each of its cells moved
   * over the break: laid out against the page's bottom less the row's bottom padding and border, which openhtmltopdf
   * keeps free below the lines (its extra space). A row whose cells keep a line above the break is cut there under
   * the repeated header ({@link #headedAcross}).
   */
  private boolean movesWhole(List<Row> rows, int ri, double[] columns, double width, HtmlStyle collapse,
      boolean auto, double sp, double vsp, Sink sink) throws RenderException {
    long extra = rowExtra(rows, ri, collapse, BOTTOM);
    double boundary = sink.room() - vsp - extra / HtmlStyle.DOTS_PER_POINT;
    return row(rows, ri, columns, width, collapse, auto, sp, boundary).moved();
  }

  /**
   * The most padding and border (a collapsed border's half inside the cell) a cell of row {@code ri} has on
   * {@code side}, in whole dots: the row's extra space at a page break, which openhtmltopdf keeps free there.
   */
  private long rowExtra(List<Row> rows, int ri, HtmlStyle collapse, int side) throws RenderException {
    Row r = rows.get(ri);
    List<Element> cells = cells(r);
    int[][] edges = collapse == null ? null : edges(rows, ri, collapse);
    long most = 0;
    for (int i = 0; i < cells.size(); i++) {
      HtmlStyle cs = flow.style(cells.get(i), r.style());
      long border = edges == null ? HtmlFlow.dotsOf(cs.border(side)) : half(edges[i][side], side);
      most = Math.max(most, HtmlFlow.dotsOf(cs.padding[side]) + border);
    }
    return most;
  }

  /**
   * A row of a table with a repeated header cut by the page's bottom, as openhtmltopdf cuts it (measured): a line
   * of a cell reaching within the row's bottom padding and border of the running footer's top moves below the next
   * page's header and the row's top padding and border (TableRowBox's extra space); each cell's background and
   * separate border is painted on each page around the row's lines there (its content limits: on the first page
   * down to the lowest line there and the row's bottom padding and border, on the next from below the header),
   * collapsed borders over the whole row as the page cuts it; the running footer follows the row's part on the
   * first page. Not matched: border-spacing, a cell spanning rows, an inline block or nested table in the row, a
   * row that no line of reaches over the break, a row reaching over two breaks.
   */
  private void headedAcross(List<Row> rows, int ri, double[] columns, double width, HtmlStyle collapse,
      boolean auto, double sp, double vsp, double head, double foot, Sink sink) throws RenderException {
    String what = "a row of a table with a repeated header (-fs-table-paginate) cut by a page break";
    if (vsp > 0 || sp > 0) throw new Unsupported(what + ", with border-spacing");
    if (head == 0) throw new Unsupported(what + ", without a <thead>");
    Row r = rows.get(ri);
    for (Element c : cells(r)) {
      if (covered(r, c) || spansRows(c)) throw new Unsupported(what + ", with a cell spanning rows");
      if (holdsInlineBlock(c, flow.style(c, r.style())) || !c.getElementsByTag("table").isEmpty()) {
        throw new Unsupported(what + ", holding an inline-block or a table");
      }
    }
    long top = rowExtra(rows, ri, collapse, TOP);
    long bottom = rowExtra(rows, ri, collapse, BOTTOM);
    double room = sink.room();
    double page = room + foot;
    double boundary = room - bottom / HtmlStyle.DOTS_PER_POINT;
    Laid laid;
    landing = page + head + top / HtmlStyle.DOTS_PER_POINT - boundary;
    cut = new double[] {page, page + head, bottom / HtmlStyle.DOTS_PER_POINT, 0};
    double above;
    try {
      laid = row(rows, ri, columns, width, collapse, auto, sp, boundary);
      above = cut[3];
    } finally {
      landing = 0;
      cut = null;
    }
    if (laid.height() <= page + head) throw new Unsupported(what + " below its lines");
    sink.headedAcross(page, above, laid.height() - page - head, laid.ops());
  }

  /**
   * A row cut by the page's bottom: laid out again against it (a line reaching across moves down to the next
   * page), then placed where it starts, its part below the bottom on the next page ({@link Sink#across}).
   */
  private void rowAcross(List<Row> rows, int ri, double[] columns, double width, HtmlStyle collapse, boolean auto,
      double sp, double vsp, Sink sink) throws RenderException {
    Row r = rows.get(ri);
    for (Element cell : cells(r)) {
      if (holdsInlineBlock(cell, flow.style(cell, r.style()))) {
        // measured, openhtmltopdf moves the inline block's own line over the break apart from its cell's line
        // (the block grows by part of the cut, by how much depends on where the break falls): not matched
        throw new Unsupported("an inline-block in a table row cut by a page break");
      }
    }
    double boundary = sink.room() - vsp;
    double outer = period;
    period = sink.period();
    Laid laid;
    try {
      laid = row(rows, ri, columns, width, collapse, auto, sp, boundary);
    } finally {
      period = outer;
    }
    List<Ops> ops = new ArrayList<>(laid.ops().size());
    for (Ops op : laid.ops()) ops.add(op.moved(0, vsp));
    sink.across(vsp + laid.height(), ops);
  }

  /** Whether an element holds an inline block (display: inline-block) anywhere inside it. */
  private boolean holdsInlineBlock(Element e, HtmlStyle s) throws RenderException {
    for (Element child : e.children()) {
      // a nested table's rows are judged where they are laid out, each against the break (a cut one here too)
      if (child.normalName().equals("table")) continue;
      HtmlStyle cs = flow.style(child, s);
      if (cs.inlineBlock || holdsInlineBlock(child, cs)) return true;
    }
    return false;
  }

  /** A separated table's border-spacing in points, truncated to openhtmltopdf's whole dots; 0 when collapsed. */
  static double spacing(HtmlStyle ts) {
    return ts.collapse ? 0 : Math.floor(ts.spacing * HtmlStyle.DOTS_PER_POINT + 1e-6) / HtmlStyle.DOTS_PER_POINT;
  }

  /** The vertical border-spacing, as {@link #spacing}. */
  static double rowSpacing(HtmlStyle ts) {
    return ts.collapse ? 0 : Math.floor(ts.rowSpacing * HtmlStyle.DOTS_PER_POINT + 1e-6) / HtmlStyle.DOTS_PER_POINT;
  }

  /**
   * A row of a table with border-spacing, with the spacing above it. openhtmltopdf places the row that spacing
   * below the one before; a paginated table keeps the spacing below its last row free at the bottom of each page
   * (its extra space) and opens a new page with the spacing above the header and above the row, so the row
   * keeps the spacing above it there.
   */
  private void spacedRow(Laid laid, boolean whole, double sp, boolean paginate, double headHeight, Sink sink)
      throws Unsupported {
    List<Ops> ops = new ArrayList<>(laid.ops().size());
    for (Ops op : laid.ops()) ops.add(op.moved(0, sp));
    double below = paginate ? sp : 0;
    if (sink.fits(sp + laid.height() + below)) {
      sink.slice(sp + laid.height(), ops);
      return;
    }
    if (!whole || !sink.fitsPage(sp + laid.height() + below + headHeight)) {
      throw new Unsupported("a table row across a page break (rows are kept whole with page-break-inside: avoid)");
    }
    laid.movable(paginate);
    // measured without a running header openhtmltopdf places the moved row 1.8 pt off where its extra space
    // says: not matched
    if (!paginate || headHeight == 0) {
      throw new Unsupported("a table row with border-spacing moved to a new page without a repeated header"
          + " (-fs-table-paginate and <thead>)");
    }
    sink.breakBefore();
    sink.slice(sp + laid.height(), ops);
  }

  /**
   * How many columns the table has: as many as its longest row spans. A row shorter than that (a layout table's
   * spacer row of one cell, a totals row left short, an empty row) is laid out in the table's columns, and
   * openhtmltopdf leaves no box where a cell is missing (measured with separate and collapsed borders, row
   * backgrounds and colspans); rows of different lengths beside cells spanning rows are refused, more being at
   * stake there than the boxes that are.
   */
  private int columnCount(List<Row> head, List<Row> body, List<Row> foot, String where) throws Unsupported {
    int n = -1;
    boolean shorter = false;
    for (List<Row> group : List.of(head, body, foot)) {
      for (Row r : group) {
        int total = columns(r);
        shorter |= n >= 0 && total != n;
        n = Math.max(n, total);
      }
    }
    if (!shorter) return n;
    for (List<Row> group : List.of(head, body, foot)) {
      for (Row r : group) {
        for (Element c : cells(r)) {
          if (c.attributes().hasKey("rowspan")) {
            throw new Unsupported("table rows with different numbers of cells, with a cell spanning rows, in " + where);
          }
        }
      }
    }
    return n;
  }

  /** How many columns a row's cells span. */
  int columns(Row r) throws Unsupported {
    int total = 0;
    for (Element c : cells(r)) total += span(c);
    return total;
  }

  /** How many columns a table of these rows has: as many as its longest row spans (columnCount). */
  int columns(List<Row> rows) throws Unsupported {
    int n = 0;
    for (Row r : rows) n = Math.max(n, columns(r));
    return n;
  }

  /** How many columns a cell spans: its colspan, 1 to 1,000. */
  static int span(Element cell) throws Unsupported {
    if (!cell.attributes().hasKey("colspan")) return 1;
    String colspan = HtmlStyle.attr(cell, "colspan");
    try {
      int n = Integer.parseInt(colspan.trim());
      if (n >= 1 && n <= 1000) return n;
    } catch (NumberFormatException e) {
      // below
    }
    throw new Unsupported("the colspan '" + colspan + "'");
  }

  /**
   * A row's cells, in column order. A column that a cell of a row above covers ({@code rowspan}) holds that cell
   * again, which the row lays out as an empty part of it ({@link #covered}).
   */
  List<Element> cells(Row r) throws Unsupported {
    Element group = r.tr().parent();
    if (group != spannedGroup) {
      // a repeated header's rows come between a body's on each page: each group is looked through once
      spanned = spansOf.get(group);
      if (spanned == null) {
        spanned = spans(group);
        spansOf.put(group, spanned);
      }
      spannedGroup = group;
    }
    List<Element> covered = spanned.get(r.tr());
    return covered != null ? covered : ownCells(r.tr());
  }

  /** Whether {@code cell}, one of row {@code r}'s {@link #cells}, is part of a cell of a row above. */
  static boolean covered(Row r, Element cell) {
    return cell.parent() != r.tr();
  }

  /** Whether row {@code ri} is the last that {@code cell}, spanning rows, reaches. */
  private boolean lastRowOf(Element cell, List<Row> rows, int ri) throws Unsupported {
    return ri + 1 >= rows.size() || !cells(rows.get(ri + 1)).contains(cell);
  }

  /**
   * Refuses a cell spanning rows that is not drawn as openhtmltopdf draws it: its content is laid out in its first
   * row, at the top, and the rows below draw nothing of it but its background, so only a cell of no border beside
   * or inside the rows it spans (a collapsed top one above them, a statement's date over its day, is drawn) and
   * rows of no background.
   */
  private void spanningCell(Element c, HtmlStyle cs, Row r, int[] edges) throws Unsupported {
    String where = HtmlStyle.describe(c);
    if (!cs.verticalAlign.equals("top")) {
      throw new Unsupported("a cell spanning rows not at vertical-align: top, " + where);
    }
    // a background by a structural selector (zebra rows) is known only once the rows are there
    if (!flow.dry && r.style().background >= 0 || !Double.isNaN(cs.boxHeight)) {
      throw new Unsupported("a background on a row a cell spans, or a height on the cell, " + where);
    }
    if (edges == null ? cs.border(LEFT) > 0 || cs.border(RIGHT) > 0 || cs.patterned() || cs.radius > 0
        : edges[LEFT] != 0 || edges[RIGHT] != 0) {
      throw new Unsupported("a border beside a cell spanning rows, " + where);
    }
  }

  /** Whether a row's own cell spans rows below it (laid out, not checked). */
  private boolean spansRows(Element cell) throws Unsupported {
    return !flow.dry && cell.attributes().hasKey("rowspan") && rowSpan(cell) > 1;
  }

  /** The row group whose rows {@link #spanned} holds. */
  private Element spannedGroup;
  private final java.util.Map<Element, java.util.Map<Element, List<Element>>> spansOf =
      new java.util.IdentityHashMap<>();
  /** The cells of each row of {@link #spannedGroup} that a rowspan above covers part of, by identity. */
  private java.util.Map<Element, List<Element>> spanned = java.util.Map.of();

  /**
   * The cells of the rows of a group (tbody, thead, tfoot or the table) that a rowspan covers: the spanning cell
   * stands in each row below it for the column it covers. Empty where no cell spans rows.
   */
  private java.util.Map<Element, List<Element>> spans(Element group) throws Unsupported {
    if (group == null) return java.util.Map.of();
    boolean any = false;
    for (Element tr : group.children()) {
      for (Element c : tr.children()) any |= c.attributes().hasKey("rowspan");
    }
    if (!any) return java.util.Map.of();
    java.util.Map<Element, List<Element>> out = new java.util.IdentityHashMap<>();
    List<Element> active = new ArrayList<>();
    List<Integer> left = new ArrayList<>();
    for (Element tr : group.children()) {
      if (!tr.normalName().equals("tr")) continue;
      List<Element> own = ownCells(tr);
      List<Element> cells = new ArrayList<>(own.size() + 1);
      boolean spanning = false;
      int col = 0;
      for (int o = 0; o < own.size() || col < active.size() && active.get(col) != null; ) {
        if (col < active.size() && active.get(col) != null) {
          cells.add(active.get(col));
          spanning = true;
          left.set(col, left.get(col) - 1);
          if (left.get(col) == 0) active.set(col, null);
          col++;
          continue;
        }
        Element c = own.get(o++);
        cells.add(c);
        int rows = rowSpan(c);
        int span = span(c);
        if (rows > 1) {
          if (span > 1) throw new Unsupported("a cell spanning both rows and columns, " + HtmlStyle.describe(c));
          spanning = true;
          while (active.size() <= col) {
            active.add(null);
            left.add(0);
          }
          active.set(col, c);
          left.set(col, rows - 1);
        }
        col += span;
      }
      if (spanning) out.put(tr, cells);
    }
    for (Element a : active) {
      // openhtmltopdf ends such a cell with the group: not measured
      if (a != null && !flow.dry) throw new Unsupported("a rowspan reaching past the last row of its group");
    }
    return out;
  }

  /** How many rows a cell spans: its rowspan, 1 to 1,000 (1 for a template's tag, when checking the template). */
  private int rowSpan(Element cell) throws Unsupported {
    if (!cell.attributes().hasKey("rowspan")) return 1;
    String rowspan = HtmlStyle.attr(cell, "rowspan");
    try {
      int n = Integer.parseInt(rowspan.trim());
      if (n >= 1 && n <= 1000) return n;
    } catch (NumberFormatException e) {
      if (flow.dry && rowspan.contains("{{")) return 1;
    }
    throw new Unsupported("the rowspan '" + rowspan + "'");
  }

  /**
   * A row group with a top or bottom border only (a packing slip's {@code tbody { border-bottom: 1px solid #ccc }}):
   * drawn as none, which prints the same where every cell on that edge has a border there at least as wide, of the
   * same colour where as wide (a cell's wins over its group's, or they are alike), with collapsed borders, and where
   * borders are separate, which gives a row group none (CSS 2.1 17.6.1; both measured).
   */
  private final class Covered {
    private final Element group;
    private final HtmlStyle style;
    private final List<Row> rows;

    Covered(Element group, HtmlStyle style, List<Row> rows) {
      this.group = group;
      this.style = style;
      this.rows = List.copyOf(rows);
    }

    /** Checking a template, any of its rows may end up on the edge: each is judged, its spans at render. */
    void check(int columns) throws Unsupported {
      for (int side : new int[] {TOP, BOTTOM}) {
        if (style.border(side) <= 0 || rows.isEmpty()) continue;
        if (!flow.dry) edge(side == TOP ? rows.getFirst() : rows.getLast(), side, columns);
        else for (Row row : rows) edge(row, side, 0);
      }
    }

    private void edge(Row row, int side, int columns) throws Unsupported {
      int spanned = 0;
      for (Element c : ownCells(row.tr())) {
        HtmlStyle cs = flow.style(c, row.style());
        if (rowSpan(c) != 1 || cs.border(side) < style.border(side)
            || cs.border(side) == style.border(side) && cs.borderRgb(side) != style.borderRgb(side)) {
          throw uncovered();
        }
        spanned += span(c);
      }
      if (spanned < columns) throw uncovered();
    }

    private Unsupported uncovered() {
      return new Unsupported("a border on " + HtmlStyle.describe(group) + " that its cells' do not cover");
    }
  }

  private List<Element> ownCells(Element tr) throws Unsupported {
    List<Element> cells = new ArrayList<>();
    for (Node n : tr.childNodes()) {
      if (n instanceof Element c && (c.normalName().equals("td") || c.normalName().equals("th"))) {
        cells.add(c);
      } else if (n instanceof Element other) {
        throw new Unsupported("the element <" + other.normalName() + "> in a table row");
      } else if (n instanceof TextNode text && !text.isBlank() && !flow.dry) {
        throw new Unsupported("text directly inside a table row");
      }
    }
    return cells;
  }


  /**
   * Row {@code ri} of the table's rows (head, bodies, foot), laid out in its columns. With collapsed borders
   * ({@code table} given) each side of a cell is the winner of the borders that meet there, as openhtmltopdf
   * collapses them (TableCellBox.collapsed*Border): the wider solid border, the cell's own on a tie, the
   * table's at its edges. Half of it (the larger half on the top and left) is inside the cell; it is painted
   * centred on the cell's edge.
   */
  private Laid row(List<Row> rows, int ri, double[] columns, double width, HtmlStyle table, boolean auto,
      double spacing) throws RenderException {
    return row(rows, ri, columns, width, table, auto, spacing, Double.POSITIVE_INFINITY);
  }

  /**
   * {@link #row}, laid out against a page boundary {@code boundary} below its top: a line of a cell reaching across
   * it moves down to it, and the cell and row grow by as much, as openhtmltopdf lays out a row that meets a page
   * break without {@code page-break-inside: avoid}.
   */
  private Laid row(List<Row> rows, int ri, double[] columns, double width, HtmlStyle table, boolean auto,
      double spacing, double boundary) throws RenderException {
    Row r = rows.get(ri);
    List<Element> cells = cells(r);
    overflowing = false;
    int n = cells.size();
    int total = 0;
    for (Element c : cells) total += span(c);
    if (total > columns.length) throw new Unsupported("table rows with different numbers of cells");
    boolean shortRow = total < columns.length;
    // each cell's width: the columns it spans
    double[] spans = new double[n];
    for (int i = 0, column = 0; i < n; i++) {
      int span = span(cells.get(i));
      spans[i] = (span - 1) * spacing;
      for (int k = span; k > 0; k--) spans[i] += columns[column++];
    }
    columns = spans;
    int[][] edges = table == null ? null : edges(rows, ri, table);
    HtmlStyle[] styles = new HtmlStyle[n];
    double[][] inside = new double[n][4];
    Sink.Stack[] stacks = new Sink.Stack[n];
    double[] heights = new double[n];
    double rowHeight = 0;
    double spanning = 0;
    double x = spacing;
    for (int i = 0; i < n; i++) {
      Element c = cells.get(i);
      HtmlStyle cs = flow.style(c, r.style());
      styles[i] = cs;
      if (cs.hidden) throw new Unsupported("display: none on a table cell");
      double[] in = inside[i];
      for (int side = 0; side < 4; side++) {
        in[side] = edges == null ? cs.border(side) : half(edges[i][side], side) / HtmlStyle.DOTS_PER_POINT;
      }
      boolean part = covered(r, c);
      if (part || c.attributes().hasKey("rowspan") && (flow.dry || rowSpan(c) > 1)) {
        spanningCell(c, cs, r, edges == null ? null : edges[i]);
      }
      if (part) {
        // the rows below a cell's first are empty of it: its content is laid out in its first row, its bottom
        // padding and border close its last, which openhtmltopdf's TableRowBox.calcRowHeight makes tall enough to
        // hold the whole cell (measured: a date of four lines over three one-line rows grows only the third)
        double[] spanner = spanners.get(c);
        if (spanner != null) {
          double need = spanner[0] + in[BOTTOM] + cs.padding[BOTTOM] - (ri - spanner[1]) * rowGap;
          for (int k = (int) spanner[1]; k < ri; k++) need -= rowHeights.getOrDefault(k, 0.0);
          if (lastRowOf(c, rows, ri)) spanning = Math.max(spanning, need);
          if (spanner[2] > 0) overflows(cs, c);
        } else if (lastRowOf(c, rows, ri)) {
          spanning = Math.max(spanning, in[BOTTOM] + cs.padding[BOTTOM]);
        }
        stacks[i] = new Sink.Stack(x);
        stacks[i].boundary = boundary;
        x += columns[i] + spacing;
        continue;
      }
      Sink.Stack stack = cell(c, cs, in, columns[i], x, auto, boundary - in[TOP] - cs.padding[TOP]);
      stacks[i] = stack;
      heights[i] = stack.height() + cs.padding[TOP] + cs.padding[BOTTOM] + in[TOP] + in[BOTTOM];
      if (spansRows(c)) {
        spanners.put(c, new double[] {heights[i] - in[BOTTOM] - cs.padding[BOTTOM], ri, 0});
        x += columns[i] + spacing;
        continue;
      }
      rowHeight = Math.max(rowHeight, heights[i]);
      // openhtmltopdf takes a cell's height as the least height of its row, padding and borders included
      // (measured), and aligns the content in the row
      if (!Double.isNaN(cs.boxHeight)) rowHeight = Math.max(rowHeight, cs.boxHeight);
      x += columns[i] + spacing;
    }
    if (!Double.isNaN(r.style().boxHeight)) rowHeight = Math.max(rowHeight, r.style().boxHeight);
    // the last row a cell spans grows to hold it
    rowHeight = Math.max(rowHeight, spanning);
    for (int i = 0; i < n; i++) {
      double[] spanner = spanners.get(cells.get(i));
      if (spanner == null || covered(r, cells.get(i))) continue;
      spanner[2] = spanner[0] > rowHeight + 0.01 ? 1 : 0;
      if (spanner[2] > 0) overflows(styles[i], cells.get(i));
    }
    // baseline alignment lines up first lines: the same as top only where they start at the same height
    for (int i = 0; i < n; i++) {
      HtmlStyle cs = styles[i];
      if (cs.verticalAlign.equals("baseline") && (cs.size != styles[0].size || cs.lineHeight() != styles[0].lineHeight()
          || cs.padding[TOP] + inside[i][TOP] != styles[0].padding[TOP] + inside[0][TOP])) {
        throw new Unsupported("vertical-align: baseline across cells of different fonts or padding");
      }
    }
    // nor where a first line's baseline lies lower in one cell (a line of smaller text on the cell's strut):
    // openhtmltopdf lines those baselines up (measured), not ported
    double firstBaseline = Double.NaN;
    for (int i = 0; i < n && !flow.dry; i++) {
      if (!styles[i].verticalAlign.equals("baseline")) continue;
      double b = Double.NaN;
      for (Ops op : stacks[i].ops) {
        if (op instanceof Ops.Text t && !(t.y() >= b)) b = t.y();
      }
      if (Double.isNaN(b)) continue;
      if (!Double.isNaN(firstBaseline) && Math.abs(b - firstBaseline) > 0.01) {
        throw new Unsupported("vertical-align: baseline across cells whose first lines differ");
      }
      firstBaseline = b;
    }
    // middle and bottom alignment, against the row's height as laid out. In a row that meets a page break such a
    // cell is laid out again that far down, as openhtmltopdf's TableRowBox.alignMiddleAndBottomAlignedCells
    // relayouts a cell reaching the page's bottom: a line reaching across the boundary moves below it and the row
    // grows by as much, and a line the first layout had moved below it but that now lies wholly below stays where
    // it falls (measured: a one-line cell beside a three-line one cut before its first line sits 6.9 pt below the
    // next page's top, not on the middle line). A cell whose content, moved, ends above the boundary had no line
    // moved and gets none: it is only moved (openhtmltopdf's isPageBreaksChange). The cells' offsets are not worked
    // out again against the grown row, as there.
    double[] aligned = new double[n];
    double grown = rowHeight;
    x = spacing;
    for (int i = 0; i < n; i++) {
      HtmlStyle cs = styles[i];
      double free = rowHeight - heights[i];
      aligned[i] = switch (cs.verticalAlign) {
        // openhtmltopdf halves the free space in whole dots, rounding down
        case "middle" -> Math.round(free * HtmlStyle.DOTS_PER_POINT) / 2 / HtmlStyle.DOTS_PER_POINT;
        case "bottom" -> free;
        default -> 0;
      };
      if (aligned[i] > 0 && stacks[i].height() + aligned[i] >= stacks[i].boundary) {
        double[] in = inside[i];
        Sink.Stack again = cell(cells.get(i), cs, in, columns[i], x, auto,
            boundary - in[TOP] - cs.padding[TOP] - aligned[i]);
        stacks[i] = again;
        if (cut != null && parted(again, in[TOP] + cs.padding[TOP] + aligned[i])) {
          // measured, openhtmltopdf then lays the row out otherwise (other cells' lines move over the break too)
          throw new Unsupported("a cell aligned middle or bottom whose lines a page break parts, in a row of a table"
              + " with a repeated header (-fs-table-paginate)");
        }
        grown = Math.max(grown, aligned[i] + again.height() + cs.padding[TOP] + cs.padding[BOTTOM] + in[TOP]
            + in[BOTTOM]);
      }
      x += columns[i] + spacing;
    }
    rowHeight = grown;
    // the stretches of the row its cells' backgrounds and separate borders are painted over: all of it, or where a
    // repeated header's row is cut, one on each page around its lines there
    double[] painted = {0, rowHeight};
    if (cut != null) {
      double lowest = Double.NaN;
      for (int i = 0; i < n; i++) {
        double dy = inside[i][TOP] + styles[i].padding[TOP] + aligned[i];
        for (double[] line : stacks[i].lines) {
          if (dy + line[0] < cut[0] && !(dy + line[1] <= lowest)) lowest = dy + line[1];
        }
      }
      if (Double.isNaN(lowest)) throw new Unsupported("a row of a table with a repeated header cut above its lines");
      cut[3] = lowest + cut[2];
      painted = new double[] {0, cut[3], cut[1], rowHeight};
    }
    List<Ops> ops = new ArrayList<>();
    List<Ops.Rect> spanned = new ArrayList<>(0);
    boolean closes = false;
    // openhtmltopdf paints a row's background under its cells: the spacing between them shows the table's
    boolean rowBackground = flow.printBackground && r.style().background >= 0;
    // a short row's is painted under the cells it has only (measured): no box stands where a cell is missing
    double rowWidth = width;
    if (shortRow) {
      rowWidth = 0;
      for (double c : columns) rowWidth += c;
    }
    for (int k = 0; k < painted.length && rowBackground && spacing == 0; k += 2) {
      ops.add(new Ops.Rect(0, painted[k], rowWidth, painted[k + 1] - painted[k], r.style().background));
    }
    x = spacing;
    if (cutoff != Double.POSITIVE_INFINITY && rowBackground && spacing > 0) {
      throw new Unsupported("a row background with border-spacing, in a table wider than the page's content area");
    }
    for (int i = 0; i < n; i++) {
      HtmlStyle cs = styles[i];
      // openhtmltopdf paints a cell, its borders and its lines only where they start inside the content area
      // (PagedBoxCollector: the box's border box must meet the page's content window), so a cell starting past
      // it is not there at all, though it would show in the margin
      double boxLeft = edges == null ? x : x - edges[i][LEFT] / 2 / HtmlStyle.DOTS_PER_POINT;
      if (boxLeft >= cutoff - 1e-6) {
        x += columns[i] + spacing;
        continue;
      }
      if (rowBackground && spacing > 0) ops.add(new Ops.Rect(x, 0, columns[i], rowHeight, r.style().background));
      // measured: with collapsed borders openhtmltopdf draws a cell square whatever its border-radius
      boolean square = edges != null || cs.radius <= 0;
      if (!square) rounded(cs, edges, boundary);
      // square, or rounded as a block's (a mail's "button": <td bgcolor style="border-radius:4px">, measured)
      if (flow.printBackground && cs.background >= 0 && covered(r, cells.get(i))) {
        // openhtmltopdf paints a cell spanning rows as one box: over the spacing above each row below its first too
        ops.add(new Ops.Rect(x, -rowGap, columns[i], rowHeight + rowGap, cs.background));
        spanned.add(new Ops.Rect(x, 0, columns[i], 0, cs.background));
      } else if (flow.printBackground && cs.background >= 0) {
        for (int k = 0; k < painted.length; k += 2) {
          double h = painted[k + 1] - painted[k];
          ops.add(square ? new Ops.Rect(x, painted[k], columns[i], h, cs.background)
              : HtmlFlow.background(x, painted[k], columns[i], h, cs));
        }
      }
      if (edges == null && (covered(r, cells.get(i)) || spansRows(cells.get(i)))) {
        // separate borders of a cell spanning rows: its top one over its first row, its bottom one under its last
        boolean last = lastRowOf(cells.get(i), rows, ri);
        double bt = cs.border(TOP), bb = cs.border(BOTTOM);
        closes |= covered(r, cells.get(i)) && bb > 0;
        if (!covered(r, cells.get(i)) && bt > 0) ops.add(new Ops.Rect(x, 0, columns[i], bt, cs.borderRgb(TOP)));
        if (last && bb > 0) ops.add(new Ops.Rect(x, rowHeight - bb, columns[i], bb, cs.borderRgb(BOTTOM)));
      } else if (edges == null) {
        for (int k = 0; k < painted.length; k += 2) {
          List<Ops> sides = new ArrayList<>(4);
          flow.borders(cs, columns[i], painted[k + 1] - painted[k], x, sides);
          for (Ops op : sides) ops.add(op.moved(0, painted[k]));
        }
      }
      double dy = inside[i][TOP] + cs.padding[TOP] + aligned[i];
      boolean across = x + columns[i] > cutoff + 1e-6;
      for (Ops op : cutoff == Double.POSITIVE_INFINITY ? stacks[i].ops : started(stacks[i].ops, across)) {
        ops.add(op.moved(0, dy));
      }
      x += columns[i] + spacing;
    }
    if (edges != null) {
      // collapsed borders go over the cells, each side as wide as its winner, centred on the cell's edge
      x = 0;
      for (int i = 0; i < n; i++) {
        int[] e = edges[i];
        double t = e[TOP] / 2 / HtmlStyle.DOTS_PER_POINT;
        double l = e[LEFT] / 2 / HtmlStyle.DOTS_PER_POINT;
        double left = x - l;
        if (left >= cutoff - 1e-6) break;
        double top = -t;
        double w = columns[i] + l + (e[RIGHT] + 1) / 2 / HtmlStyle.DOTS_PER_POINT;
        double h = rowHeight + t + (e[BOTTOM] + 1) / 2 / HtmlStyle.DOTS_PER_POINT;
        double[] wd = new double[4];
        for (int side = 0; side < 4; side++) wd[side] = e[side] / HtmlStyle.DOTS_PER_POINT;
        if (e[8 + TOP] != 0 || e[8 + RIGHT] != 0 || e[8 + BOTTOM] != 0 || e[8 + LEFT] != 0) {
          // a dashed, dotted or double side: openhtmltopdf paints the cell's four collapsed sides as a patterned box's
          char[] kinds = new char[4];
          int[] rgbs = new int[4];
          for (int side = 0; side < 4; side++) {
            kinds[side] = (char) e[8 + side];
            rgbs[side] = e[4 + side];
          }
          List<Ops> sides = new ArrayList<>(4);
          HtmlFlow.patternedSides(kinds, rgbs, wd, left, w, h, sides);
          for (Ops op : sides) ops.add(op.moved(0, top));
          x += columns[i];
          continue;
        }
        if (wd[TOP] > 0) ops.add(new Ops.Rect(left, top, w, wd[TOP], e[4 + TOP]));
        if (wd[BOTTOM] > 0) ops.add(new Ops.Rect(left, top + h - wd[BOTTOM], w, wd[BOTTOM], e[4 + BOTTOM]));
        if (wd[LEFT] > 0) ops.add(new Ops.Rect(left, top, wd[LEFT], h, e[4 + LEFT]));
        if (wd[RIGHT] > 0) ops.add(new Ops.Rect(left + w - wd[RIGHT], top, wd[RIGHT], h, e[4 + RIGHT]));
        x += columns[i];
      }
    }
    double lastBottom = 0;
    double hang = 0;
    boolean patterned = false;
    if (edges == null) {
      lastBottom = bottom(styles);
    } else {
      for (int[] e : edges) {
        hang = Math.max(hang, e[TOP] / 2 / HtmlStyle.DOTS_PER_POINT);
        for (int side = 0; side < 4; side++) patterned |= e[8 + side] != 0;
      }
    }
    // whether every cell's first line met the boundary and moved below it (a row with a repeated header then moves whole)
    boolean moved = boundary != Double.POSITIVE_INFINITY;
    for (Sink.Stack stack : stacks) moved &= stack.lines.isEmpty() || stack.lines.get(0)[0] >= stack.boundary - 1e-6;
    rowHeights.put(ri, rowHeight);
    if (cutoff != Double.POSITIVE_INFINITY) {
      if (!spanned.isEmpty()) {
        throw new Unsupported("a background on a cell spanning rows, in a table wider than the page's content area");
      }
      ops = cut(ops, cutoff);
    }
    return new Laid(rowHeight, ops, lastBottom, hang, patterned, moved, spanned, closes);
  }

  /**
   * Marks the row laid out as holding part of a cell spanning rows that is taller than its first row: its content
   * reaches over the rows below, which a page break among them would part (refused where the rows are placed),
   * and over which their paint of its background would go (refused).
   */
  private void overflows(HtmlStyle cs, Element cell) throws Unsupported {
    overflowing = true;
    if (flow.printBackground && cs.background >= 0) {
      throw new Unsupported("a background on a cell spanning rows taller than its first row, "
          + HtmlStyle.describe(cell));
    }
  }

  /** Whether a cut row's cell, its lines {@code dy} below the row's top, has lines on both pages. */
  private boolean parted(Sink.Stack stack, double dy) {
    boolean above = false;
    boolean below = false;
    for (double[] line : stack.lines) {
      above |= dy + line[0] < cut[0];
      below |= dy + line[0] >= cut[0];
    }
    return above && below;
  }

  /**
   * Refuses a rounded cell ({@code border-radius}) whose drawing is not measured: one with a border, with collapsed
   * borders, or in a row laid out against a page break.
   */
  private static void rounded(HtmlStyle cs, int[][] edges, double boundary) throws Unsupported {
    if (edges != null || cs.border(TOP) > 0 || cs.border(RIGHT) > 0 || cs.border(BOTTOM) > 0 || cs.border(LEFT) > 0) {
      throw new Unsupported("border-radius on a table cell with a border or collapsed borders");
    }
    if (boundary != Double.POSITIVE_INFINITY) {
      throw new Unsupported("border-radius on a table cell in a row a page break meets");
    }
  }

  /**
   * A cell's content laid out in its column at {@code x}, inside its borders {@code in} and padding, against a page
   * boundary {@code boundary} below the content's top ({@code +∞}: none).
   */
  private Sink.Stack cell(Element c, HtmlStyle cs, double[] in, double column, double x, boolean auto,
      double boundary) throws RenderException {
    double inner = column - cs.padding[LEFT] - cs.padding[RIGHT] - in[LEFT] - in[RIGHT];
    // checking a template, automatic layout sizes no column: a table nested in the cell gets no room, not less
    if (flow.dry && auto) inner = Math.max(inner, 0);
    Sink.Stack stack = new Sink.Stack(x + in[LEFT] + cs.padding[LEFT]);
    stack.boundary = boundary;
    stack.period = period;
    stack.landing = landing;
    if (auto) flow.autoCells++;
    try {
      flow.children(c, cs, inner, stack);
    } finally {
      if (auto) flow.autoCells--;
    }
    return stack;
  }

  /** The part of a collapsed border of {@code dots} inside the cell: the extra dot goes to the top and left. */
  static int half(int dots, int side) {
    return side == TOP || side == LEFT ? (dots + 1) / 2 : dots / 2;
  }

  /** A drawn side's {@link HtmlStyle#borderKind}: 0 where solid or not drawn. */
  private static char kindOf(HtmlStyle s, int side) {
    return dotsOf(s, side) > 0 ? s.borderKind[side] : 0;
  }

  /** A solid border side in whole dots (0: none), as openhtmltopdf truncates it. */
  private static int dotsOf(HtmlStyle s, int side) {
    return s.borderSolid[side] ? (int) HtmlFlow.dotsOf(s.border[side]) : 0;
  }

  /**
   * Of two borders that meet, the one drawn: the wider; on a tie the dotted over the dashed over the solid
   * (openhtmltopdf ranks them so, the reverse of CSS 2.1's order: measured), then {@code a} (the cell's own, or
   * the nearer).
   */
  private static int wins(int aDots, char aKind, int bDots, char bKind) {
    if (bDots != aDots) return bDots > aDots ? 1 : 0;
    return rank(bKind) > rank(aKind) ? 1 : 0;
  }

  private static int rank(char kind) {
    return kind == HtmlStyle.DOTTED ? 2 : kind == HtmlStyle.DASHED ? 1 : 0;
  }

  /**
   * {@link #collapsed} of row {@code ri}, worked out once per table: the column widths and then the row's layout
   * both need it (twice over, it was a tenth of a 1,000-row statement's render). Rows are compared by identity,
   * with their neighbours, since the two passes are given equal lists, not the same one.
   */
  int[][] edges(List<Row> rows, int ri, HtmlStyle table) throws Unsupported {
    if (edgesKept == null || edgesKept.length != rows.size() || edgesTable != table) {
      edgesKept = new int[rows.size()][][];
      edgesOf = new Row[rows.size()][];
      edgesTable = table;
    }
    Row[] key = {ri > 0 ? rows.get(ri - 1) : null, rows.get(ri), ri + 1 < rows.size() ? rows.get(ri + 1) : null};
    Row[] kept = edgesOf[ri];
    if (kept == null || kept[0] != key[0] || kept[1] != key[1] || kept[2] != key[2]) {
      edgesKept[ri] = collapsed(rows, ri, table);
      edgesOf[ri] = key;
    }
    return edgesKept[ri];
  }

  private int[][][] edgesKept;
  /** The rows each of {@link #edgesKept} was worked out from: the one above, its own, the one below. */
  private Row[][] edgesOf;
  private HtmlStyle edgesTable;

  /**
   * The collapsed borders of row {@code ri}'s cells: per cell {top, right, bottom, left} widths in dots, then
   * their colours, then their {@link HtmlStyle#borderKind}s. The cell above or below is the one over or under its
   * first column, as openhtmltopdf looks.
   */
  int[][] collapsed(List<Row> rows, int ri, HtmlStyle table) throws Unsupported {
    Row r = rows.get(ri);
    Cells mine = cellsOf(r);
    HtmlStyle row = r.style();
    for (int side = 0; side < 4; side++) {
      if (kindOf(row, side) == HtmlStyle.DOUBLE) {
        throw new Unsupported("a double border with collapsed borders, on " + HtmlStyle.describe(r.tr()));
      }
    }
    HtmlStyle rowAbove = ri > 0 ? rows.get(ri - 1).style() : null;
    HtmlStyle rowBelow = ri + 1 < rows.size() ? rows.get(ri + 1).style() : null;
    List<Element> cells = mine.cells();
    List<HtmlStyle> own = mine.styles();
    int[] starts = mine.starts();
    Cells up = ri > 0 ? cellsOf(rows.get(ri - 1)) : null;
    Cells down = ri + 1 < rows.size() ? cellsOf(rows.get(ri + 1)) : null;
    int[][] out = new int[cells.size()][12];
    for (int i = 0; i < cells.size(); i++) {
      HtmlStyle cs = own.get(i);
      int[] e = out[i];
      for (int side = 0; side < 4; side++) {
        e[side] = dotsOf(cs, side);
        e[4 + side] = cs.borderRgb(side);
        e[8 + side] = kindOf(cs, side);
      }
      // in openhtmltopdf's order, a tie kept by the border met first: the cell's own, the neighbouring cell's,
      // its row's, the neighbouring row's, the table's at its edges (a row's border is one of its cells' there)
      if (i > 0) {
        meet(e, LEFT, own.get(i - 1), RIGHT);
      } else {
        meet(e, LEFT, row, LEFT);
        meet(e, LEFT, table, LEFT);
      }
      if (i + 1 < cells.size()) {
        meet(e, RIGHT, own.get(i + 1), LEFT);
      } else {
        meet(e, RIGHT, row, RIGHT);
        meet(e, RIGHT, table, RIGHT);
      }
      if (up != null) meet(e, TOP, up.at(starts[i]), BOTTOM);
      meet(e, TOP, row, TOP);
      meet(e, TOP, up != null ? rowAbove : table, up != null ? BOTTOM : TOP);
      if (down != null) meet(e, BOTTOM, down.at(starts[i]), TOP);
      meet(e, BOTTOM, row, BOTTOM);
      meet(e, BOTTOM, down != null ? rowBelow : table, down != null ? TOP : BOTTOM);
      // inside a cell spanning rows no border is drawn
      if (covered(r, cells.get(i))) e[TOP] = e[4 + TOP] = e[8 + TOP] = 0;
      if (down != null && down.element(starts[i]) == cells.get(i)) e[BOTTOM] = e[4 + BOTTOM] = e[8 + BOTTOM] = 0;
    }
    return out;
  }

  private void meet(int[] e, int side, HtmlStyle other, int otherSide) throws Unsupported {
    if (other == null) return;
    int d = dotsOf(other, otherSide);
    char kind = kindOf(other, otherSide);
    // a cell's double border is drawn where it meets none as wide (the wider wins whatever the styles, as in
    // openhtmltopdf's compareBorders); how it ranks against another style as wide is not measured
    if (d > 0 && d == e[side] && kind != e[8 + side] && (kind == HtmlStyle.DOUBLE || e[8 + side] == HtmlStyle.DOUBLE)) {
      throw new Unsupported("a double border meeting another style as wide, with collapsed borders");
    }
    if (wins(e[side], (char) e[8 + side], d, kind) == 1) {
      e[side] = d;
      e[4 + side] = other.borderRgb(otherSide);
      e[8 + side] = kind;
    }
  }

  private static int[] starts(List<Element> cells) throws Unsupported {
    int[] out = new int[cells.size()];
    for (int i = 0, col = 0; i < out.length; i++) {
      out[i] = col;
      col += span(cells.get(i));
    }
    return out;
  }

  /** A row's cells, their first columns and styles: each row is its own, its upper and its lower neighbour's. */
  private record Cells(List<Element> cells, int[] starts, List<HtmlStyle> styles) {
    /** The style of the cell that covers column {@code col}, or null. */
    HtmlStyle at(int col) {
      for (int i = starts.length - 1; i >= 0; i--) {
        if (col >= starts[i]) {
          return covers(i, col) ? styles.get(i) : null;
        }
      }
      return null;
    }

    /** The cell starting at column {@code col}, or null. */
    Element element(int col) {
      for (int i = 0; i < starts.length; i++) {
        if (starts[i] == col) return cells.get(i);
      }
      return null;
    }

    private boolean covers(int i, int col) {
      try {
        return col < starts[i] + span(cells.get(i));
      } catch (Unsupported e) {
        return false;
      }
    }
  }

  /** The last three rows' cells, by identity: collapsing a row looks at the one above and the one below. */
  private final Row[] cellsRows = new Row[3];
  private final Cells[] cellsKept = new Cells[3];
  private int cellsNext;

  private Cells cellsOf(Row r) throws Unsupported {
    for (int i = 0; i < 3; i++) {
      if (cellsRows[i] == r) return cellsKept[i];
    }
    List<Element> cells = cells(r);
    List<HtmlStyle> styles = new ArrayList<>(cells.size());
    for (Element c : cells) styles.add(flow.style(c, r.style()));
    Cells out = new Cells(cells, starts(cells), styles);
    cellsRows[cellsNext] = r;
    cellsKept[cellsNext] = out;
    cellsNext = (cellsNext + 1) % 3;
    return out;
  }

  /** The widest bottom border of a row's cells, in points. */
  private static double bottom(HtmlStyle[] cells) {
    double b = 0;
    for (HtmlStyle c : cells) b = Math.max(b, c.border(BOTTOM));
    return b;
  }

  /**
   * A cell's ops, without the lines that start past the page's content area ({@link #cutoff}): openhtmltopdf
   * paints a line box where its bounds meet the page's content window, so a line starting inside it is drawn
   * whole, past the page's edge, and one starting beyond it not at all.
   */
  private List<Ops> started(List<Ops> ops, boolean across) throws Unsupported {
    java.util.Map<Double, Double> lineStart = new java.util.HashMap<>();
    for (Ops op : ops) {
      if (op instanceof Ops.Text t) lineStart.merge(t.y(), t.x(), Math::min);
    }
    List<Ops> kept = new ArrayList<>(ops.size());
    for (Ops op : ops) {
      if (op instanceof Ops.Text t) {
        if (lineStart.get(t.y()) >= cutoff - 1e-6) continue;
        if (across && (t.mono() || t.oblique())) {
          throw new Unsupported("monospace or oblique text in a cell past the page's content area");
        }
        // the page shows only its content area: a line running past it is cut off at its edge (measured)
        kept.add(across ? new Ops.ClippedText(t, t.x() - 100, cutoff) : op);
      } else if (op instanceof Ops.Rect rect && rect.x() < cutoff - 1e-6
          || op instanceof Ops.Link link && link.x() < cutoff - 1e-6) {
        kept.add(op);
      } else {
        // a box starting past the content area inside a cell that starts before it, or a shape other than a
        // rectangle: what openhtmltopdf paints of it there is not measured
        throw new Unsupported("a box inside a cell past the page's content area, in a table with automatic layout"
            + " widened by text that cannot break");
      }
    }
    return kept;
  }

  /**
   * Ops cut off at {@code right}, where openhtmltopdf's page shows no more of the content (measured: a row's
   * background, borders and text end at the content area's edge, the margin left blank).
   */
  private static List<Ops> cut(List<Ops> ops, double right) throws Unsupported {
    List<Ops> cut = new ArrayList<>(ops.size());
    for (Ops op : ops) {
      switch (op) {
        case Ops.Rect r -> {
          if (r.x() < right) {
            cut.add(r.x() + r.w() <= right ? r : new Ops.Rect(r.x(), r.y(), right - r.x(), r.h(), r.rgb()));
          }
        }
        case Ops.Link l -> {
          if (l.x() < right) {
            cut.add(l.x() + l.w() <= right ? l : new Ops.Link(l.x(), l.y(), right - l.x(), l.h(), l.uri()));
          }
        }
        case Ops.Text t -> cut.add(t);
        case Ops.ClippedText t -> cut.add(t.right() <= right ? t
            : new Ops.ClippedText(t.text(), t.left(), right, t.top(), t.bottom()));
        default -> {
          // a dashed, rounded or turned shape: not cut here
          if (!(reach(op) <= right)) {
            throw new Unsupported("a dashed, rounded or turned border or background past the page's content area, in"
                + " a table with automatic layout widened by text that cannot break");
          }
          cut.add(op);
        }
      }
    }
    return cut;
  }

  /** How far right a shape reaches: NaN where that is not worked out. */
  private static double reach(Ops op) {
    return switch (op) {
      case Ops.RoundRect r -> r.x() + r.w();
      case Ops.RoundRing r -> r.x() + r.w();
      case Ops.Oval o -> o.x() + o.w();
      case Ops.Image i -> i.x() + i.w();
      case Ops.Dash d -> {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < d.clip().length; k += 2) m = Math.max(m, d.clip()[k]);
        yield m;
      }
      default -> Double.NaN;
    };
  }
}
