package dev.platen.render.direct;

import java.util.ArrayList;
import java.util.List;

/**
 * Where laid-out blocks go, top to bottom: straight onto pages ({@link Pages}), or into one cell of a multi-column
 * row ({@link Stack}), which never breaks. Vertical margins collapse as in CSS: the gap between two blocks is the
 * larger of the margins that meet.
 */
abstract class Sink {
  /** The bottom margin of the block above, not yet spent. */
  protected double pending;
  /** Added to the x of every op sliced: the left margin, border and padding of the HTML boxes around. */
  double indent;
  /** Added to the y of every op sliced: the vertical offset of the {@code position: relative} boxes around. */
  double shift;
  /**
   * Set while top margins are dropped until the next slice: openhtmltopdf drops the top margins of a relatively
   * positioned box with a vertical offset that opens the document, and of its first children (measured).
   */
  boolean dropMargins;
  /**
   * Set after a heading kept with what follows it, until something is drawn: openhtmltopdf moves a heading that fits
   * at a page's foot to the next page with what follows it when that does not fit (measured: an h2 before a p, a
   * div or an ol; a div in its place stays). A page break then moves the heading along ({@link Pages}'
   * moveHeading) where that is matched, and sends the document to openhtmltopdf elsewhere.
   */
  boolean afterHeading;
  /** Set by {@link #heading} until the heading's first slice lands, which records where the heading starts. */
  boolean headingNext;
  /** The top margin of the heading that starts the run a page break would move. */
  double headingMargin;

  /**
   * Called before a heading kept with what follows it: a heading right after another moves with it, openhtmltopdf
   * relaying the run of boxes kept together from its first.
   */
  final void heading(double margin) {
    if (afterHeading) return;
    headingNext = true;
    headingMargin = margin;
  }

  /** Where a positioned box's top landed: the page and y (shift included) of the first slice after {@link #mark}. */
  static final class Mark {
    int page = -1;
    double y;
  }

  private final List<Mark> marks = new ArrayList<>(0);

  /** A mark that the next slice sets to where it is placed. */
  final Mark mark() {
    Mark m = new Mark();
    marks.add(m);
    return m;
  }

  /** Called by each slice once its pending margin is spent: sets the open marks, ends dropped margins. */
  protected final void landed(int page, double y) {
    dropMargins = false;
    opening = false;
    if (marks.isEmpty()) return;
    for (Mark m : marks) {
      m.page = page;
      m.y = y + shift;
    }
    marks.clear();
  }

  /** The page slices go on now (0 in a cell) and the y of the next slice on it, its pending margin left out. */
  abstract int page();

  abstract double y();

  /** The height of a page's content area: unbounded in a cell. */
  double pageHeight() {
    return Double.POSITIVE_INFINITY;
  }

  /** Whether nothing is placed yet on the document's first page: not in a cell. */
  boolean atDocumentStart() {
    return false;
  }

  /** Whether nothing is placed yet on the current page, nor (after the first) a margin pending: not in a cell. */
  boolean atPageTop() {
    return false;
  }

  /** What is placed on page {@code page} so far, over it too, in the coordinates {@link #overlay} takes. */
  abstract List<Ops> placed(int page);

  /**
   * Ops painted over the flow of page {@code page}, after all of it: absolutely positioned boxes, as openhtmltopdf
   * paints their layers last. Their x is from the sink's left edge (no indent added), their y from the page's top.
   */
  abstract void overlay(int page, List<Ops> ops);

  /** Whether a slice of {@code height} goes on the current page (a cell or an empty page takes anything). */
  boolean fits(double height) {
    return true;
  }

  /**
   * Whether slices land straight on the document's pages (or, in the publish-time check, in its body's stack), not
   * in a cell, a float or a box laid out apart.
   */
  boolean document() {
    return false;
  }

  /** Whether a slice of {@code height} fits on a page at all (once moved to an empty one). */
  boolean fitsPage(double height) {
    return true;
  }

  /** A forced break before a block: only when something is on the page already (CSS page-break-before). */
  void breakBefore() throws Unsupported {}

  /** Whether no slice has landed since {@link #opening()}: the first positive top margin is then the one kept. */
  private boolean opening;

  /**
   * The document starts: measured, openhtmltopdf keeps the top margin of the outermost box that has one among the
   * body and its first children, not the largest of them ({@code body { margin: 5px }} over a paragraph's 1.12em
   * starts the text 3.75pt down, as a div's 10px over it does 7.5pt), until something lands.
   */
  final void opening() {
    opening = true;
  }

  /** A top margin meeting the pending bottom margin. */
  final void margin(double top) {
    if (dropMargins) return;
    if (opening) {
      if (pending == 0 && top > 0) pending = top;
      return;
    }
    pending = Math.max(pending, top);
  }

  /** Takes {@code h} back from the last slice: what follows starts that much higher (a collapsed table border). */
  abstract void back(double h);

  /** An unbreakable slice of {@code height} points; ops are relative to its top-left corner. */
  abstract void slice(double height, List<Ops> ops) throws Unsupported;

  /**
   * A box kept whole ({@code page-break-inside: avoid}): a slice, moved over a break as {@link Pages} moves it.
   *
   * @param margin the box's own top margin (collapsed with its first child's), which it keeps on a page it moves to
   */
  void kept(double height, List<Ops> ops, double margin) throws Unsupported {
    slice(height, ops);
  }

  /**
   * A line box: a slice that a table cell laid out against a page boundary ({@link Stack#boundary}) moves down to
   * it when it reaches across, as openhtmltopdf moves a line box over a page break.
   */
  void line(double height, List<Ops> ops) throws Unsupported {
    slice(height, ops);
  }

  /** Whether a line box of {@code height} would be moved over a page break by {@link #line}. */
  boolean movesOver(double height) {
    return !fits(height);
  }

  /**
   * The room left on the current page below the pending margin: unbounded in a cell, but for one laid out against
   * a page boundary ({@link Stack#boundary}), where it is the room above the boundary.
   */
  double room() {
    return Double.POSITIVE_INFINITY;
  }

  /**
   * How far apart the page breaks after the next one are, down the strip: a page's content height (a cell's pages'
   * while it is laid out against them, else unbounded in a cell).
   */
  double period() {
    return Double.POSITIVE_INFINITY;
  }

  /**
   * Whether a table row of {@code height} reaches over a page's bottom here, to be cut there ({@link #across}): on
   * pages, where it does not fit; in a cell laid out against a page boundary, where it reaches across the boundary.
   */
  boolean cuts(double height) {
    return !fits(height);
  }

  /**
   * A slice that reaches over the bottom of the page, placed where it starts, as openhtmltopdf places a table row
   * without {@code page-break-inside: avoid}: its layout is one strip, and each page shows the strip's part behind
   * its content area. What lies over the bottom goes on at the top of the next page, cut there; what follows goes
   * on below it there. Only pages cut a slice; a cell never does.
   */
  void across(double height, List<Ops> ops) throws Unsupported {
    slice(height, ops);
  }

  /**
   * A row of a table with a repeated header cut by the page's bottom, {@code page} below its top, as openhtmltopdf
   * cuts it: its part above (cut there) closes the page {@code above} high, the running footer follows it, and its
   * part from {@code page} below the next page's header on goes on {@code below} high below that header.
   */
  void headedAcross(double page, double above, double below, List<Ops> ops) throws Unsupported {
    throw new Unsupported("a row of a table with a repeated header cut by a page break inside a table cell");
  }

  /**
   * Where a box that may reach over page breaks starts: its page, its y there, and how many ops that page held, so
   * that the box's paint goes under what it holds.
   */
  record Start(int page, double y, int index) {}

  /**
   * Opens a box laid out straight onto the pages, as openhtmltopdf lays out a box with a border or background
   * that a page break crosses: the pending margin is spent, then {@code top} (the box's top border and padding) is
   * passed where it falls, cut by a page's bottom rather than moved. Only pages take such a box; a cell never needs
   * one, since it never breaks.
   */
  Start open(double top) throws Unsupported {
    throw new Unsupported("a box across a page break in a table cell");
  }

  /** Passes {@code h} (a box's bottom padding and border, after its pending margin) where it falls, as {@link #open}. */
  void pass(double h) throws Unsupported {
    throw new Unsupported("a box across a page break in a table cell");
  }

  /**
   * Carries the flow on to {@code target}, down the strip of pages from page 1's top, where it has not come that far:
   * a root box of a set height ending below its content. The pending margin goes on below the box where it
   * {@code passes} the box's bottom (the body's last bottom margin); else it stays inside.
   */
  void reach(double target, boolean passes) throws Unsupported {
    throw new Unsupported("a box of a set height in a table cell");
  }

  /** How far the flow has come since {@code start}, down the strip of pages (the pending margin left out). */
  double since(Start start) {
    return y() - start.y();
  }

  /**
   * Paints {@code ops} (a box's background and borders, from its top-left corner at {@code start} and the indent of
   * the moment) under what the box holds, each page showing the part behind its content area.
   */
  void paint(Start start, List<Ops> ops) throws Unsupported {
    throw new Unsupported("a box across a page break in a table cell");
  }

  /**
   * The page each of a paragraph's lines, {@code heights} high, would go on from here, counted from the page the
   * first lands on, each moving over a break as a slice does. A cell's lines all go on one.
   */
  int[] pagesOf(double[] heights) {
    return new int[heights.length];
  }

  /** Starts a new page with a block's top margin of {@code margin} kept at its top: a paragraph moved whole. */
  void clearPage(double margin) throws Unsupported {
    throw new Unsupported("a paragraph moved to the next page in a table cell");
  }

  /** A header slice to repeat at the top of each new page until {@link #endHeader}. */
  abstract void startHeader(double height, List<Ops> ops);

  abstract void endHeader();

  /**
   * A footer to keep room for at the bottom of each page until {@link #endFooter}, and to place after the last
   * slice of each page that is left for a new one (openhtmltopdf's running table footer).
   */
  void startFooter(double height, List<Ops> ops) {}

  void endFooter() {}

  abstract void pageBreak() throws Unsupported;

  /** A cell of a multi-column row: stacks slices, never breaks. */
  static final class Stack extends Sink {
    final List<Ops> ops = new ArrayList<>();
    private final double dx;
    /** The publish-time check lays the whole body into one stack: its page breaks are the document's, not a cell's. */
    private final boolean body;
    double y;
    /**
     * Whether the margin pending before the first slice leaves the stack ({@link #leading}) rather than opening it:
     * a box without top border or padding, whose first child's top margin collapses through it, as CSS and
     * openhtmltopdf collapse it (measured: above a background, not inside it).
     */
    boolean escapeLeading;
    double leading;
    private boolean sliced;
    /**
     * Where a page boundary crosses the cell, in this stack's y ({@code +∞}: none): a line reaching across it
     * moves down to it, as openhtmltopdf moves a line box; anything else reaching across is not drawn here.
     */
    double boundary = Double.POSITIVE_INFINITY;
    /** How far apart the boundaries after the first are ({@code +∞}: one only): the pages' content height. */
    double period = Double.POSITIVE_INFINITY;
    /**
     * How far below the boundary a line moved over it lands: 0 but in a row of a table with a repeated header, where
     * openhtmltopdf keeps the row's bottom padding and border, the running footer, the header and the row's top
     * padding and border free around the break (its extra space). With one boundary only.
     */
    double landing;
    /** The line boxes placed, {top, bottom} in this stack's y, while a {@link #boundary} is set. */
    final List<double[]> lines = new ArrayList<>(0);
    /** How far the next slice moves down to the boundary. */
    private double push;
    /** Set while a slice laid out against the boundary ({@link #across}) is placed over it. */
    private boolean crossing;

    Stack(double dx) {
      this(dx, false);
    }

    Stack(double dx, boolean body) {
      this.dx = dx;
      this.body = body;
    }

    /** The margin still pending after the last slice (a last child's bottom margin). */
    double trailing() {
      return pending;
    }

    /** Where the next line's top lands: below the pending margin, unless it leaves the stack. */
    private double nextTop() {
      return y + (sliced || !escapeLeading ? pending : 0);
    }

    /** The first boundary below {@code top} (a boundary at {@code top} is above it): where the next page starts. */
    private double boundaryAfter(double top) {
      if (dots(top) < dots(boundary) || period == Double.POSITIVE_INFINITY) return boundary;
      double b = boundary + Math.floor((top - boundary) / period) * period;
      while (dots(b) <= dots(top)) b += period;
      return b;
    }

    @Override boolean movesOver(double height) {
      if (boundary == Double.POSITIVE_INFINITY) return false;
      double top = nextTop();
      double b = boundaryAfter(top);
      // openhtmltopdf moves a line whose bottom reaches the page's bottom (greatestAbsY >= bottom), in whole dots
      return dots(top) < dots(b) && dots(top + height) >= dots(b);
    }

    @Override void line(double height, List<Ops> sliceOps) throws Unsupported {
      if (boundary == Double.POSITIVE_INFINITY) {
        slice(height, sliceOps);
        return;
      }
      // measured, openhtmltopdf keeps no two lines together here (widows and orphans hold in blocks, not cells)
      if (movesOver(height)) {
        push = boundaryAfter(nextTop()) + landing - nextTop();
      } else if (landing > 0 && dots(nextTop()) >= dots(boundary) && dots(nextTop()) < dots(boundary + landing)) {
        // a line starting in the space kept free around the break goes below it too
        push = boundary + landing - nextTop();
      }
      slice(height, sliceOps);
      lines.add(new double[] {y - height, y});
    }

    private static long dots(double points) {
      return Math.round(points * HtmlStyle.DOTS_PER_POINT);
    }

    @Override void slice(double height, List<Ops> sliceOps) throws Unsupported {
      if (boundary != Double.POSITIVE_INFINITY && !crossing) {
        double top = nextTop() + push;
        double b = boundaryAfter(top);
        if (dots(top) < dots(b) && dots(top + height) > dots(b) && !sliceOps.isEmpty()) {
          throw new Unsupported("a block other than a line of text across a page break in a table cell");
        }
      }
      if (!sliced) {
        sliced = true;
        if (escapeLeading) {
          leading = pending;
          pending = 0;
        }
      }
      y += pending + push;
      pending = 0;
      push = 0;
      landed(0, y);
      for (Ops op : sliceOps) ops.add(op.moved(dx + indent, y + shift));
      y += height;
    }

    /**
     * A nested table's row across the boundary, laid out against it as the pages lay out a row they cut (its lines
     * reaching across moved below it): openhtmltopdf lays the whole document out on one strip, so a row in a cell
     * meets the page's bottom as a row on the page does (measured: an e-mail invoice inside one wrapper cell).
     */
    @Override double room() {
      return boundary == Double.POSITIVE_INFINITY ? boundary : boundaryAfter(nextTop()) - nextTop();
    }

    @Override double period() {
      return period;
    }

    @Override boolean cuts(double height) {
      if (boundary == Double.POSITIVE_INFINITY) return false;
      double top = nextTop();
      double b = boundaryAfter(top);
      return dots(top) < dots(b) && dots(top + height) > dots(b);
    }

    /** Placed where it starts, over the boundary: the pages cut it when the cell is placed ({@link Pages#across}). */
    @Override void across(double height, List<Ops> sliceOps) throws Unsupported {
      crossing = true;
      try {
        slice(height, sliceOps);
      } finally {
        crossing = false;
      }
    }

    @Override int page() {
      return 0;
    }

    @Override double y() {
      return y;
    }

    @Override void overlay(int page, List<Ops> over) {
      for (Ops op : over) ops.add(op.moved(dx, 0));
    }

    @Override List<Ops> placed(int page) {
      List<Ops> out = new ArrayList<>(ops.size());
      for (Ops op : ops) out.add(op.moved(-dx, 0));
      return out;
    }

    @Override void back(double h) {
      y = Math.max(0, y - h);
    }

    /**
     * A framed table in a cell: its frame is passed and painted as any slice. Across a boundary its top and bottom
     * are passed where they fall and its paint is cut with the cell's by the pages, as the pages open a box.
     */
    @Override Start open(double top) throws Unsupported {
      slice(0, List.of());
      Start start = new Start(0, y, ops.size());
      slice(top, List.of());
      return start;
    }

    @Override void pass(double h) throws Unsupported {
      slice(h, List.of());
    }

    @Override void paint(Start start, List<Ops> paint) {
      List<Ops> at = new ArrayList<>(paint.size());
      for (Ops op : paint) at.add(op.moved(dx + indent, start.y() + shift));
      ops.addAll(start.index(), at);
    }

    boolean sliced() {
      return sliced;
    }

    /** The bottom margin of the last block, not yet spent. */
    double pending() {
      return pending;
    }

    /** Height of the cell: a table cell keeps its last block's bottom margin inside. */
    double height() {
      return y + pending;
    }

    @Override void startHeader(double height, List<Ops> ops) {}

    @Override void endHeader() {}

    @Override boolean document() {
      return body;
    }

    @Override void pageBreak() throws Unsupported {
      if (body) return;
      throw new Unsupported("a page break inside a multi-column row");
    }
  }

  /** The document: slices flow onto pages of the content area, a slice that does not fit starts a new page. */
  static final class Pages extends Sink {
    final List<List<Ops>> pages = new ArrayList<>();
    private final double left;
    private final double top;
    private final double height;
    /** The first page's, after {@code @page :first}: the same as the others' when the layout has none. */
    private final double firstLeft;
    private final double firstTop;
    private final double firstHeight;
    private final int maxPages;
    private final String tooMany;
    private List<Ops> page;
    private double y;
    /**
     * The page the last forced break opened with no margin pending, and how many ops and how far down it had then;
     * -1 where the break had a margin pending.
     */
    private int bareBreak = -1;
    private int bareOps;
    private double bareY;
    private double headerHeight;
    private List<Ops> header;
    private double footerHeight;
    private List<Ops> footer;
    /** Per page, what {@link #overlay} painted over it; added after the page's flow in {@link #finish}. */
    private final List<List<Ops>> overlays = new ArrayList<>(0);
    /** Where the heading a page break would move starts: its page, its first op there and its border edge's y. */
    private int headPage = -1;
    private int headOp;
    private double headY;
    /** Boxes {@link #open}ed and not yet {@link #paint}ed: their paint goes where they opened. */
    private int opened;

    Pages(double left, double top, double height, int maxPages, String tooMany) {
      this(left, top, height, left, top, height, maxPages, tooMany);
    }

    /**
     * Pages whose first has its own content area ({@code @page :first}): openhtmltopdf's strip of pages is page 1's
     * content height, then the others', and each page shows the flow at its own left and top margin.
     */
    Pages(double left, double top, double height, double firstLeft, double firstTop, double firstHeight,
        int maxPages, String tooMany) {
      this.left = left;
      this.top = top;
      this.height = height;
      this.firstLeft = firstLeft;
      this.firstTop = firstTop;
      this.firstHeight = firstHeight;
      this.maxPages = maxPages;
      this.tooMany = tooMany;
    }

    /** The content height of page {@code k} (0 the first). */
    private double heightOf(int k) {
      return k == 0 ? firstHeight : height;
    }

    private double leftOf(int k) {
      return k == 0 ? firstLeft : left;
    }

    private double topOf(int k) {
      return k == 0 ? firstTop : top;
    }

    /** The index of the page slices go on now: the first before any is open. */
    private int current() {
      return Math.max(0, pages.size() - 1);
    }

    /** The content height of the current page. */
    private double here() {
      return heightOf(current());
    }

    /** The content height of the page a break opens next (the first before any is open). */
    private double next() {
      return heightOf(page == null ? 0 : pages.size());
    }

    /** The strip's length from the top of page {@code from} to the top of page {@code to}. */
    private double between(int from, int to) {
      if (to <= from) return 0;
      return (to - from) * height + (from == 0 ? firstHeight - height : 0);
    }

    private void newPage() throws Unsupported {
      if (pages.size() >= maxPages) throw new PageLimit(tooMany);
      if (afterHeading && page != null) {
        throw new Unsupported("a page break right after a heading, before a box kept whole, a table or a box with a"
            + " border or background, or after a margin");
      }
      if (footer != null && page != null) {
        for (Ops op : footer) page.add(op.moved(leftOf(current()), topOf(current()) + y));
      }
      page = new ArrayList<>();
      pages.add(page);
      y = 0;
      pending = 0;
      if (header != null) {
        for (Ops op : header) page.add(op.moved(leftOf(current()), topOf(current())));
        y += headerHeight;
      }
    }

    @Override void slice(double h, List<Ops> ops) throws Unsupported {
      if (page == null) {
        // the first page keeps the top margin of what opens it, as openhtmltopdf keeps it; margins end at a break
        double first = pending;
        newPage();
        y += first;
        place(h, ops);
        return;
      }
      spend();
      if (pastBottom(y, h) && !isPageEmpty()) {
        if (afterHeading) moveHeading(h);
        else newPage();
      }
      place(h, ops);
    }

    /**
     * openhtmltopdf lays a heading (page-break-after: avoid) and the boxes after it out again from the heading with a
     * page clear when a break falls between the heading's end and the end of the first line after it (BlockBoxing's
     * page-break-avoid runs): the heading's margin edge starts the next page, its own top margin kept above it
     * (measured), and what follows it keeps its place below it.
     */
    private void moveHeading(double h) throws Unsupported {
      int k = current();
      if (headPage != k || headOp == 0 || header != null || footer != null || opened > 0
          || shift != 0) {
        throw new Unsupported("a page break right after a heading that opens its page, breaks itself,"
            + " sits in a box with a border or background or a relatively positioned box, or under a"
            + " repeated header or above a running footer");
      }
      List<Ops> run = new ArrayList<>(page.subList(headOp, page.size()));
      page.subList(headOp, page.size()).clear();
      double below = y - headY;
      afterHeading = false;
      newPage();
      double dx = leftOf(k + 1) - leftOf(k);
      double dy = topOf(k + 1) + headingMargin - topOf(k) - headY;
      for (Ops op : run) page.add(op.moved(dx, dy));
      y = headingMargin + below;
      if (pastBottom(y, h)) {
        throw new Unsupported("a page break right after a heading whose first line after it still does not fit on"
            + " the next page");
      }
    }

    /**
     * openhtmltopdf lays a kept box that a break would cut out again with a page clear before it (BlockBoxing), so
     * the box's margin edge starts the next page and its whole top margin stays above it there (measured: a notes
     * block's 30px), where a slice moved by a break drops its margin or keeps only the part past the bottom. The
     * margin kept is the box's own, not a larger bottom margin of the block before it that it collapsed with (measured).
     */
    @Override void kept(double h, List<Ops> ops, double margin) throws Unsupported {
      if (page == null || isPageEmpty() || !pastBottom(y + pending, h)) {
        slice(h, ops);
        return;
      }
      if (header != null || footer != null) {
        throw new Unsupported("a box kept whole (page-break-inside: avoid) moved to a new page under a repeated header"
            + " or above a running footer");
      }
      if (pastBottom(pages.size(), margin, h)) {
        throw new Unsupported("a box kept whole (page-break-inside: avoid) taller than a page with its top margin");
      }
      if (afterHeading) {
        // moved to the next page's top, then the heading before it after it (measured: a loop table's first row)
        spend();
        moveHeading(h);
        place(h, ops);
        return;
      }
      newPage();
      y = margin;
      place(h, ops);
    }

    /**
     * Whether the pending margin reaches from the current page's y past its bottom. openhtmltopdf lays the document
     * out as one strip: what follows such a margin starts on the next page as far below its top as the margin
     * reaches past the bottom (measured), where a margin that ends on the page is dropped at a break.
     */
    private boolean carries() {
      return page != null && header == null && footer == null && y + pending >= here() - 0.005;
    }

    /** Where the next slice starts on the next page when the pending margin {@link #carries}. */
    private double carried() {
      return y + pending - here();
    }

    /** Spends the pending margin where a slice that is not moved lands: the first page keeps it, as in {@link #slice}. */
    private void arrive() throws Unsupported {
      if (page == null) {
        double first = pending;
        newPage();
        y += first;
      } else {
        spend();
      }
    }

    /** Spends the pending margin, on the next page where it {@link #carries} there. */
    private void spend() throws Unsupported {
      if (carries() && afterHeading) {
        // what follows the heading starts past the page's bottom: its first line with it (measured: an h1's margin)
        y += pending;
        pending = 0;
        moveHeading(0);
        return;
      }
      if (carries()) {
        double c = carried();
        if (c >= next()) throw new Unsupported("a margin taller than a page");
        newPage();
        y = c;
      } else {
        y += pending;
      }
      pending = 0;
    }

    @Override Start open(double h) throws Unsupported {
      if (header != null || footer != null) {
        throw new Unsupported("a box with a border or background across a page break under a repeated header or above"
            + " a running footer");
      }
      arrive();
      landed(pages.size() - 1, y);
      Start start = new Start(pages.size() - 1, y, page.size());
      opened++;
      if (headingNext) {
        // a heading painting across a break: not moved
        headingNext = false;
        headPage = -1;
      }
      pass(h);
      return start;
    }

    @Override void pass(double h) throws Unsupported {
      spend();
      y += h;
      // what reaches past the bottom goes on at the next page's top; a box ending on the bottom opens no page
      while (y > here() + 0.005) {
        double over = y - here();
        newPage();
        y = over;
      }
    }

    @Override double since(Start start) {
      return between(start.page(), pages.size() - 1) + y - start.y();
    }

    @Override void reach(double target, boolean passes) throws Unsupported {
      double at = between(0, pages.size() - 1) + y;
      if (page == null || target <= at + (passes ? 0 : pending)) return;
      double after = passes ? pending : 0;
      pending = 0;
      pass(target - at);
      pending = after;
    }

    @Override void paint(Start start, List<Ops> ops) throws Unsupported {
      opened--;
      for (int k = start.page(); k < pages.size(); k++) {
        double at = start.y() - between(start.page(), k);
        List<Ops> here = new ArrayList<>();
        for (Ops op : ops) {
          for (Ops above : cut(op.moved(indent, at), heightOf(k), new ArrayList<>())) {
            List<Ops> below = new ArrayList<>(1);
            cut(above, 0, below);
            for (Ops part : below) here.add(part.moved(leftOf(k), topOf(k)));
          }
        }
        pages.get(k).addAll(k == start.page() ? start.index() : 0, here);
      }
    }

    @Override int[] pagesOf(double[] heights) {
      int[] pages = new int[heights.length];
      double at;
      int on = current();
      if (page == null) {
        at = pending;
      } else if (carries()) {
        at = carried();
        on++;
      } else {
        at = y + pending;
      }
      boolean empty = at == 0;
      int p = 0;
      for (int k = 0; k < heights.length; k++) {
        if (pastBottom(on + p, at, heights[k]) && !empty) {
          p++;
          at = header == null ? 0 : headerHeight;
        }
        pages[k] = p;
        at += heights[k];
        empty = false;
      }
      return pages;
    }

    @Override void clearPage(double margin) throws Unsupported {
      if (page == null) newPage();
      newPage();
      y += margin;
    }

    @Override double room() {
      if (carries()) return next() - footerHeight - carried();
      return here() - footerHeight - pending - (page == null ? 0 : y);
    }

    @Override double period() {
      return height;
    }

    /**
     * A row taller than a page (a mail's wrapper cell holding the whole document) is cut at each page's bottom in
     * turn, each page showing its part of the strip.
     */
    @Override void across(double h, List<Ops> ops) throws Unsupported {
      if (header != null || footer != null) {
        throw new Unsupported("a table row across a page break under a repeated header or above a running footer");
      }
      arrive();
      double b = here() - y;
      landed(pages.size() - 1, y);
      // the strip's y of the current page's top, from the row's top
      double pageTop = -y;
      List<Ops> rest = new ArrayList<>(ops.size());
      for (Ops op : ops) rest.add(op.moved(indent, shift));
      while (true) {
        List<Ops> below = new ArrayList<>();
        for (Ops op : rest) {
          for (Ops part : cut(op, b, below)) page.add(part.moved(leftOf(current()), topOf(current()) - pageTop));
        }
        newPage();
        pageTop = b;
        rest = below;
        if (h - b <= here()) break;
        b += here();
      }
      for (Ops op : rest) page.add(op.moved(leftOf(current()), topOf(current()) - pageTop));
      y = h - pageTop;
    }

    @Override void headedAcross(double page, double above, double below, List<Ops> ops) throws Unsupported {
      arrive();
      if (header == null || pastBottom(pages.size(), headerHeight, below)) {
        throw new Unsupported("a row of a table with a repeated header cut by more than one page break");
      }
      List<Ops> top = new ArrayList<>(ops.size());
      List<Ops> rest = new ArrayList<>();
      for (Ops op : ops) top.addAll(cut(op, page, rest));
      place(above, top);
      newPage();
      List<Ops> moved = new ArrayList<>(rest.size());
      for (Ops op : rest) moved.add(op.moved(0, -page - headerHeight));
      place(below, moved);
    }

    /**
     * The part of {@code op} above {@code b}, in the list returned; the part below it goes to {@code below}. A
     * line of text is whole on one side (a line reaching across moved down before); a rectangle is cut.
     */
    private static List<Ops> cut(Ops op, double b, List<Ops> below) throws Unsupported {
      switch (op) {
        case Ops.Text t -> {
          if (t.y() < b) return List.of(t);
          below.add(t);
          return List.of();
        }
        case Ops.ClippedText t -> {
          if (t.text().y() < b) return List.of(t);
          below.add(t);
          return List.of();
        }
        case Ops.Rect r -> {
          return cut(r, r.y(), r.h(), b, below, (y, h) -> new Ops.Rect(r.x(), y, r.w(), h, r.rgb()));
        }
        case Ops.Link l -> {
          return cut(l, l.y(), l.h(), b, below, (y, h) -> new Ops.Link(l.x(), y, l.w(), h, l.uri()));
        }
        case Ops.RoundRect r -> {
          return clip(new Ops.Clipped(r, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), b, below);
        }
        case Ops.RoundRing r -> {
          return clip(new Ops.Clipped(r, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), b, below);
        }
        case Ops.Clipped c -> {
          return clip(c, b, below);
        }
        default -> {
          double[] ys = extent(op);
          if (ys[1] <= b) return List.of(op);
          if (ys[0] >= b) {
            below.add(op);
            return List.of();
          }
          throw new Unsupported("a dashed or dotted border, a rounded or turned box or an image across a page"
              + " break");
        }
      }
    }

    /** {@link #cut} of a clipped shape: the whole shape on both sides, each shown up to or from {@code b}. */
    private static List<Ops> clip(Ops.Clipped c, double b, List<Ops> below) {
      double[] ys = extent(c);
      if (ys[1] <= b) return List.of(c);
      if (ys[0] >= b) {
        below.add(c);
        return List.of();
      }
      below.add(new Ops.Clipped(c.shape(), b, c.bottom()));
      return List.of(new Ops.Clipped(c.shape(), c.top(), b));
    }

    /** {@link #cut} of a box from {@code y}, {@code h} high, which {@code at} makes again at another y and height. */
    private static List<Ops> cut(Ops box, double y, double h, double b, List<Ops> below,
        java.util.function.BiFunction<Double, Double, Ops> at) {
      if (y + h <= b) return List.of(box);
      if (y >= b) {
        below.add(box);
        return List.of();
      }
      below.add(at.apply(b, y + h - b));
      return List.of(at.apply(y, b - y));
    }

    /** The top and bottom of what {@code op} paints. */
    private static double[] extent(Ops op) {
      return switch (op) {
        case Ops.Dash d -> {
          double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
          for (int i = 1; i < d.clip().length; i += 2) {
            lo = Math.min(lo, d.clip()[i]);
            hi = Math.max(hi, d.clip()[i]);
          }
          yield new double[] {lo, hi};
        }
        case Ops.RoundRect r -> new double[] {r.y(), r.y() + r.h()};
        case Ops.RoundRing r -> new double[] {r.y(), r.y() + r.h()};
        case Ops.Clipped c -> {
          double[] shape = extent(c.shape());
          yield new double[] {Math.max(shape[0], c.top()), Math.min(shape[1], c.bottom())};
        }
        case Ops.Shape sh -> sh.ys();
        case Ops.Oval o -> new double[] {o.y(), o.y() + o.h()};
        case Ops.Image i -> new double[] {i.y(), i.y() + i.h()};
        // a turned line reaches around its centre: taken as reaching across
        case Ops.Turned t -> new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        case Ops.Text t -> new double[] {t.y(), t.y()};
        case Ops.ClippedText t -> new double[] {t.text().y(), t.text().y()};
        case Ops.Rect r -> new double[] {r.y(), r.y() + r.h()};
        case Ops.Link l -> new double[] {l.y(), l.y() + l.h()};
      };
    }

    private boolean isPageEmpty() {
      return y == 0 || (header != null && y <= headerHeight + 0.01 && page.size() <= header.size());
    }

    private void place(double h, List<Ops> ops) {
      if (headingNext) {
        headingNext = false;
        headPage = current();
        headOp = page.size();
        headY = y;
      }
      if (!ops.isEmpty()) afterHeading = false;
      landed(pages.size() - 1, y);
      for (Ops op : ops) page.add(op.moved(leftOf(current()) + indent, topOf(current()) + y + shift));
      y += h;
    }

    @Override int page() {
      return Math.max(0, pages.size() - 1);
    }

    @Override double y() {
      return y;
    }

    @Override boolean atDocumentStart() {
      return page != null && pages.size() == 1 && y == 0 && page.isEmpty();
    }

    @Override boolean atPageTop() {
      return page != null && y == 0 && (pending == 0 || pages.size() == 1) && page.isEmpty();
    }

    /** The first page's: the initial containing block of absolute boxes is its content area. */
    @Override double pageHeight() {
      return firstHeight;
    }

    @Override List<Ops> placed(int index) {
      List<Ops> out = new ArrayList<>(pages.get(index).size());
      for (Ops op : pages.get(index)) out.add(op.moved(-leftOf(index), -topOf(index)));
      if (index < overlays.size()) {
        for (Ops op : overlays.get(index)) out.add(op.moved(-leftOf(index), -topOf(index)));
      }
      return out;
    }

    @Override void overlay(int index, List<Ops> ops) {
      while (overlays.size() <= index) overlays.add(new ArrayList<>(0));
      for (Ops op : ops) overlays.get(index).add(op.moved(leftOf(index), topOf(index)));
    }

    @Override void back(double h) {
      if (page != null) y = Math.max(0, y - h);
    }

    @Override boolean document() {
      return true;
    }

    @Override boolean fits(double h) {
      if (page == null) return !pastBottom(0, 0, h);
      if (carries()) return !pastBottom(pages.size(), carried(), h);
      return !pastBottom(y + pending, h) || isPageEmpty() && !pastBottom(0, h);
    }

    /** Whether it fits on the page a break opens next (or on the first before any is open). */
    @Override boolean fitsPage(double h) {
      return !pastBottom(page == null ? 0 : pages.size(), 0, h);
    }

    /** Whether a slice {@code h} high from {@code top} reaches past the current page's bottom (a running footer's top). */
    private boolean pastBottom(double top, double h) {
      return pastBottom(current(), top, h);
    }

    /** {@link #pastBottom(double, double)} on page {@code k}. */
    private boolean pastBottom(int k, double top, double h) {
      return top + h + footerHeight > heightOf(k) + 0.01;
    }

    @Override void breakBefore() throws Unsupported {
      if (page != null && !isPageEmpty()) newPage();
    }

    @Override void startHeader(double h, List<Ops> ops) {
      header = indented(ops);
      headerHeight = h;
    }

    @Override void endHeader() {
      header = null;
    }

    @Override void startFooter(double h, List<Ops> ops) {
      footer = indented(ops);
      footerHeight = h;
    }

    /** A running header's or footer's ops, placed again on each new page, where the indent of the moment may be another. */
    private List<Ops> indented(List<Ops> ops) {
      List<Ops> moved = new ArrayList<>(ops.size());
      for (Ops op : ops) moved.add(op.moved(indent, 0));
      return moved;
    }

    @Override void endFooter() {
      footer = null;
      footerHeight = 0;
    }

    @Override void pageBreak() throws Unsupported {
      if (page == null) newPage();
      boolean bare = pending == 0;
      newPage();
      bareBreak = bare ? pages.size() - 1 : -1;
      bareOps = page.size();
      bareY = y;
    }

    double contentHeight() {
      return Math.min(firstHeight, height);
    }

    List<List<Ops>> finish() throws Unsupported {
      if (page == null) newPage();
      if (bareBreak == pages.size() - 1 && bareBreak > 0 && page.size() == bareOps && y == bareY && pending == 0
          && (overlays.size() <= bareBreak || overlays.get(bareBreak).isEmpty())) {
        // a forced break that nothing followed: openhtmltopdf opens no page for it, unless a margin was pending
        // there (measured: a last div of page-break-after: always prints no blank page, one whose paragraph's
        // bottom margin reaches out of it does)
        pages.remove(bareBreak);
        for (int i = 0; i < bareBreak && i < overlays.size(); i++) pages.get(i).addAll(overlays.get(i));
        return pages;
      }
      // the document's strip ends below its last margin: one reaching past the bottom opens a page, as it does there
      if (header == null && footer == null && y + pending > here() + 0.005) newPage();
      for (int i = 0; i < overlays.size(); i++) pages.get(i).addAll(overlays.get(i));
      return pages;
    }
  }

  /** The page cap: not a fallback case, the HTML engine would refuse the document too. */
  static final class PageLimit extends Unsupported {
    final String message;

    PageLimit(String message) {
      super(message);
      this.message = message;
    }
  }
}
