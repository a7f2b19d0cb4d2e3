package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlStyle.LEFT;
import static dev.platen.render.direct.HtmlStyle.RIGHT;

import dev.platen.render.RenderException;
import dev.platen.render.direct.HtmlTables.Row;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * A table's column widths: fixed layout from the first row's declared widths, and automatic layout as a port of
 * openhtmltopdf's AutoTableLayout, with the measuring of content (narrowest and widest, in openhtmltopdf's whole
 * dots) that automatic layout needs. Apart from {@link HtmlTables} because it only computes numbers, writing to no
 * page: it has to agree with AutoTableLayout to the dot, and reads best beside it on its own. It keeps no layout state;
 * rows and their collapsed borders come from the tables, styles and inline content from the flow. Its one state is
 * how deep in nested tables a measure is.
 */
final class HtmlTableWidths {
  private final HtmlFlow flow;
  /** How many tables nested in a cell are being measured around the current node (HtmlFlow.percentOfNothing). */
  private int nested;

  HtmlTableWidths(HtmlFlow flow) {
    this.flow = flow;
  }

  /**
   * The widths a table's {@code <col>} and {@code <colgroup>} elements give its columns, as openhtmltopdf keeps
   * them (BoxBuilder.addColumns: each {@code <col>} of a group, or the group itself when it has none, one
   * TableColumn per element, spanning its {@code span}). Per column: {@code own}, the width of the element covering
   * it, which a cell without a width of its own takes in automatic layout (TableCellBox.getOuterStyleOrColWidth);
   * {@code fixed}, that width or else its group's, which fixed layout gives every column the element covers
   * (FixedTableLayout.calcWidthArray); {@code auto}, the same but only from an element spanning one column
   * (AutoTableLayout.fullRecalc). Null where there is none; {@code count} is how many columns the elements cover.
   */
  record Declared(String[] own, String[] fixed, String[] auto, int count) {
    static final Declared NONE = new Declared(new String[0], new String[0], new String[0], 0);

    private static String at(String[] w, int col) {
      return col < w.length ? w[col] : null;
    }
  }

  /**
   * The column elements of table {@code t}. A border or background on one is refused: openhtmltopdf collapses a
   * column's border with its cells' and paints its background under theirs, which the direct path does not draw;
   * so is a width other than an absolute length or a percentage.
   */
  Declared declared(Element t, HtmlStyle ts) throws Unsupported {
    List<String[]> elements = new ArrayList<>(); // {width, group's width, span} per column element
    for (Element g : t.children()) {
      if (!g.normalName().equals("colgroup") && !g.normalName().equals("col")) continue;
      HtmlStyle gs = flow.style(g, ts);
      if (gs.hidden) continue;
      columnElement(g, gs);
      boolean found = false;
      if (g.normalName().equals("colgroup")) {
        for (Element c : g.children()) {
          if (!c.normalName().equals("col")) {
            throw new Unsupported("the element <" + c.normalName() + "> in a <colgroup>");
          }
          HtmlStyle cs = flow.style(c, gs);
          if (cs.hidden) continue;
          columnElement(c, cs);
          found = true;
          elements.add(new String[] {columnWidth(c, cs), columnWidth(g, gs), String.valueOf(columnSpan(c))});
        }
      }
      if (!found) elements.add(new String[] {columnWidth(g, gs), null, String.valueOf(columnSpan(g))});
    }
    if (elements.isEmpty()) return Declared.NONE;
    int count = 0;
    for (String[] e : elements) count += Integer.parseInt(e[2]);
    String[] own = new String[count];
    String[] fixed = new String[count];
    String[] auto = new String[count];
    int col = 0;
    for (String[] e : elements) {
      int span = Integer.parseInt(e[2]);
      String start = e[0] != null ? e[0] : e[1];
      for (int k = 0; k < span; k++) {
        own[col + k] = e[0];
        fixed[col + k] = start;
      }
      if (span == 1) auto[col] = start;
      col += span;
    }
    return new Declared(own, fixed, auto, count);
  }

  private static void columnElement(Element e, HtmlStyle s) throws Unsupported {
    if (s.decorated(true)) throw new Unsupported("a border or background on " + HtmlStyle.describe(e));
    if (s.displayBlock || s.inlineBlock) {
      throw new Unsupported("a display other than a column's on " + HtmlStyle.describe(e));
    }
  }

  /**
   * A column element's width: openhtmltopdf reads its {@code width} attribute as a declaration put before its style
   * attribute's (XhtmlCssOnlyNamespaceHandler.getElementStyling), so it wins over the sheets but not over
   * {@code style}. Zero is none.
   */
  private static String columnWidth(Element e, HtmlStyle s) throws Unsupported {
    String w = s.width;
    String attr = e.attr("width").trim();
    boolean styled = false;
    for (HtmlCss.Declaration d : HtmlCss.declarations(e.attr("style"))) styled |= d.name().equals("width");
    if (!attr.isEmpty() && !styled) {
      w = attr.chars().allMatch(c -> c >= '0' && c <= '9') ? attr + "px" : attr.toLowerCase(java.util.Locale.ROOT);
    }
    if (w == null || w.equals("auto")) return null;
    w = w.trim();
    boolean percent = w.matches("[0-9]*\\.?[0-9]+%");
    if (!percent && !w.matches("[0-9]*\\.?[0-9]+(px|pt|mm|cm|in)")) {
      throw new Unsupported("the width '" + w + "' on " + HtmlStyle.describe(e));
    }
    double v = Styles.points(w, s.size, 100);
    // openhtmltopdf keeps a percentage's whole percent only, and takes a zero width as none
    if (percent ? (long) (float) v == 0 : HtmlFlow.dotsOf(v) == 0) return null;
    return w;
  }

  private static int columnSpan(Element e) throws Unsupported {
    if (!e.hasAttr("span")) return 1;
    String v = e.attr("span").trim();
    if (v.matches("[0-9]{1,4}") && Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= 1000) return Integer.parseInt(v);
    throw new Unsupported("the span '" + v + "' on " + HtmlStyle.describe(e));
  }

  /**
   * Fixed table layout: the first row's declared widths (lengths plus padding and borders, percentages as they
   * are), the rest shared equally.
   */
  double[] columns(List<Row> rows, int n, double width, HtmlStyle collapse, String where, Declared cols)
      throws Unsupported {
    Row first = rows.get(0);
    List<Element> cells = flow.tables.cells(first);
    // the first row's cells size the columns: one shorter than another leaves columns no cell sizes, not measured
    if (flow.tables.columns(first) < n) throw new Unsupported("a first row shorter than another, in " + where
        + " with table-layout: fixed");
    // openhtmltopdf merges columns no cell starts or ends between
    boolean[] edge = new boolean[n + 1];
    for (Row r : rows) {
      int col = 0;
      for (Element c : flow.tables.cells(r)) {
        col += HtmlTables.span(c);
        if (col <= n) edge[col] = true;
      }
    }
    for (int i = 1; i < n; i++) {
      if (!edge[i]) throw new Unsupported("a table column that only spanning cells cover, in " + where);
    }
    // with collapsed borders a cell's length is measured with its halves of the borders that won
    int[][] edges = collapse == null || flow.dry ? null : flow.tables.collapsed(rows, 0, collapse);
    // each column's declared width as openhtmltopdf holds it (FixedTableLayout): a length in whole dots, a cell's
    // with its padding and borders, or a whole percent; a column element's comes first, then the first row's cells
    long[] value = new long[n];
    int[] type = new int[n];
    // and in points, as the columns are drawn where that sharing fits the table
    double[] w = new double[n];
    double declared = 0;
    int open = 0;
    // openhtmltopdf adds a column for each one a <col> declares past the rows' (appendColumn): not matched
    if (cols.count() > n) throw new Unsupported("more <col> columns than cells in a row of " + where);
    for (int k = 0; k < n; k++) {
      String cw = Declared.at(cols.fixed(), k);
      if (cw == null) continue;
      if (cw.endsWith("%")) {
        type[k] = PERCENT;
        value[k] = (long) (float) Styles.points(cw, 0, 100);
        w[k] = width * value[k] / 100;
      } else {
        type[k] = FIXED;
        w[k] = Styles.points(cw, 0, width);
        value[k] = Math.round(w[k] * HtmlStyle.DOTS_PER_POINT);
      }
      declared += w[k];
    }
    for (int i = 0, col = 0; i < cells.size(); i++) {
      HtmlStyle cs = flow.style(cells.get(i), first.style());
      int span = HtmlTables.span(cells.get(i));
      if (cs.width == null || span == 1 && type[col] != VARIABLE) {
        // a spanning cell without a width leaves its columns to share what is left, one share each
        for (int k = 0; k < span; k++) {
          if (type[col + k] != VARIABLE) continue;
          w[col + k] = -1;
          open++;
        }
        col += span;
        continue;
      }
      if (span != 1) throw new Unsupported("a width on a cell spanning columns in the first row of " + where);
      if (cs.width.trim().endsWith("%")) {
        // openhtmltopdf takes a percentage as the whole column, padding included (measured on its output)
        long p = (long) (float) Styles.points(cs.width.trim(), cs.size, 100);
        if (p < 0) throw new Unsupported("the width '" + cs.width + "' on " + HtmlStyle.describe(cells.get(i)));
        if (p > 0) {
          type[col] = PERCENT;
          value[col] = p;
        }
        w[col] = HtmlFlow.length(cs.width, cs, width);
      } else {
        double borders = edges == null ? cs.border(LEFT) + cs.border(RIGHT)
            : (HtmlTables.half(edges[i][LEFT], LEFT) + HtmlTables.half(edges[i][RIGHT], RIGHT))
                / HtmlStyle.DOTS_PER_POINT;
        type[col] = FIXED;
        w[col] = HtmlFlow.length(cs.width, cs, width) + cs.padding[LEFT] + cs.padding[RIGHT] + borders;
        value[col] = Math.round(w[col] * HtmlStyle.DOTS_PER_POINT);
      }
      declared += w[col];
      col++;
    }
    if (declared <= width + 0.01 && (open > 0 || declared >= width - 0.01)) {
      for (int i = 0; i < w.length; i++) {
        if (w[i] < 0) w[i] = (width - declared) / open;
      }
      return w;
    }
    // declared widths rounded past the table's (two cells of 50% in an odd number of dots), or short of it with no
    // column left to take the rest: shared out in whole dots as openhtmltopdf shares them
    long[] calc = fixedColumns(HtmlFlow.dotsOf(width), type, value);
    if (calc == null) throw new Unsupported("table columns wider than their table");
    for (int i = 0; i < n; i++) w[i] = calc[i] / HtmlStyle.DOTS_PER_POINT;
    return w;
  }

  /**
   * The columns of a fixed table layout in whole dots, as openhtmltopdf shares {@code tableWidth} out
   * (FixedTableLayout.layout): lengths first, then percentages of the table scaled into what is left, then equal
   * shares for the rest, and any dots left over one by one from the last column; null where lengths alone are wider
   * than the table or leave a column nothing (openhtmltopdf widens the table or draws the column empty).
   */
  static long[] fixedColumns(long tableWidth, int[] type, long[] value) {
    int n = type.length;
    long[] calc = new long[n];
    java.util.Arrays.fill(calc, -1);
    long available = tableWidth;
    long totalPercent = 0;
    int totalVariable = 0;
    for (int i = 0; i < n; i++) {
      if (type[i] == FIXED) {
        calc[i] = value[i];
        available -= value[i];
      } else if (type[i] == PERCENT) {
        totalPercent += value[i];
      } else {
        totalVariable++;
      }
    }
    if (available < 0) return null;
    if (available > 0 && totalPercent > 0) {
      long base = Math.min((int) tableWidth * (int) totalPercent / 100, available);
      for (int i = 0; available > 0 && i < n; i++) {
        if (type[i] != PERCENT) continue;
        calc[i] = base * value[i] / totalPercent;
        available -= calc[i];
      }
    }
    for (int i = 0; available > 0 && i < n; i++) {
      if (type[i] != VARIABLE) continue;
      calc[i] = available / totalVariable;
      available -= calc[i];
      totalVariable--;
    }
    for (int i = 0; i < n; i++) {
      if (calc[i] <= 0) return null;
    }
    for (int i = n, total = n; available > 0 && i-- > 0; total--) {
      long w = available / total;
      available -= w;
      calc[i] += w;
    }
    return calc;
  }

  // ---- automatic table layout

  private static final int VARIABLE = 0, FIXED = 1, PERCENT = 2;

  /** Whether the text measured for the table being sized breaks inside a word somewhere. */
  private boolean innerBreaks;

  /** One column of the automatic layout (AutoTableLayout.Layout): its declared width, text widths and result. */
  private static final class Col {
    int type = VARIABLE;
    long value;
    int effType;
    long effValue;
    long min = 1;
    long max = 1;
    long effMin;
    long effMax;
    long calc;
  }

  /** A cell spanning columns, measured: distributed over its columns once the single cells are in. */
  private record Spanning(int col, int span, long min, long max, int type, long value) {}

  /**
   * The width a cell declares, as openhtmltopdf's layout reads it: {type, value}, a percentage as its whole
   * percent, a length in dots with the cell's borders and padding (getOuterStyleWidth); zero is no width.
   */
  private long[] declared(Element c, HtmlStyle cs, long borders, String where) throws Unsupported {
    if (cs.width == null) return new long[] {VARIABLE, 0};
    String w = cs.width.trim();
    if (w.endsWith("%")) {
      long p = (long) (float) Styles.points(w, cs.size, 100); // openhtmltopdf keeps the whole percent only
      if (p < 0) throw new Unsupported("the width '" + w + "' on " + HtmlStyle.describe(c));
      return p == 0 ? new long[] {VARIABLE, 0} : new long[] {PERCENT, p};
    }
    // font-relative lengths are not absolute to openhtmltopdf's shrink-to-fit measure: not matched
    double pt = w.matches("[0-9.]+(px|pt|mm|cm|in)") ? Styles.points(w, cs.size, Double.NaN) : Double.NaN;
    if (Double.isNaN(pt) || pt < 0) throw new Unsupported("the width '" + w + "' on " + HtmlStyle.describe(c) + " in "
        + where);
    long v = HtmlFlow.dotsOf(pt);
    if (v == 0) return new long[] {VARIABLE, 0};
    return new long[] {FIXED, v + borders + HtmlFlow.dotsOf(cs.padding[LEFT]) + HtmlFlow.dotsOf(cs.padding[RIGHT])};
  }

  /**
   * Automatic table layout as openhtmltopdf does it (Flying Saucer's AutoTableLayout, after Mozilla's): every
   * column gets at least its widest unbreakable piece of text, percentage and length columns their width, and
   * what is left goes to the columns without a width in proportion to their text on one line; a cell spanning
   * columns widens them where its text needs more than they have. All in openhtmltopdf's whole layout dots and
   * integer arithmetic, so the columns come out the same to the dot. A table without a width is as wide as its
   * text on one line, up to {@code avail}. A table whose text cannot fit its width, which openhtmltopdf would
   * widen, sends the document there.
   *
   * @param n how many columns the table has (its longest row's)
   * @param width the table's width in points, or NaN when it has none
   */
  double[] autoColumns(List<Row> rows, int n, double width, double avail, HtmlStyle collapse, String where,
      double spacing, Declared declared) throws RenderException {
    boolean outer = innerBreaks;
    innerBreaks = false;
    Col[] cols = autoMeasure(rows, n, collapse, where, spacing, declared);
    boolean inner = innerBreaks;
    innerBreaks |= outer;
    if (flow.dry) return new double[cols.length];
    long[] widest = minMax(cols);
    long minWidth = widest[0];
    long maxWidth = widest[1];
    long availDots = Math.round(avail * HtmlStyle.DOTS_PER_POINT);
    long tableWidth = Double.isNaN(width) ? Math.min(availDots, maxWidth)
        : Math.round(width * HtmlStyle.DOTS_PER_POINT);
    // text that cannot fit the width widens the table to its least width, every column at its least, as
    // openhtmltopdf widens it (measured: a 64-letter word in a statement's description, the date column broken
    // after its hyphens, the table past the right margin and what lies beyond the page cut off)
    // at its least width a column breaks its words where they break inside (a date after its hyphens), and a piece
    // that fills the column to the dot is set otherwise there than here: not followed (HtmlFlow's breaking inside)
    // past the page's content area that is drawn where no such piece fills its line to within openhtmltopdf's
    // rounding (HtmlFlow's leastColumns: an ISO date's "01-01" under "2026-" does, a URL's pieces need not)
    boolean past = minWidth > availDots && flow.tables.widens;
    if (minWidth > tableWidth && inner && !past) {
      throw new Unsupported("text wider than its table, in a table with automatic layout, breaking a word inside");
    }
    flow.leastColumns |= minWidth > tableWidth && inner;
    // past the page's content area openhtmltopdf leaves out what starts there (measured: a last column beyond the
    // right margin is not drawn at all), followed only for a table laid straight onto the pages (HtmlTables.cutoff)
    if (minWidth > tableWidth && minWidth > availDots && !flow.tables.widens) {
      throw new Unsupported("text wider than its container, in a table with automatic layout");
    }
    tableWidth = Math.max(tableWidth, minWidth);
    long available = tableWidth;
    boolean havePercent = false;
    int numVariable = 0;
    int numFixed = 0;
    long totalVariable = 0;
    long totalFixed = 0;
    long totalPercent = 0;
    long allocVariable = 0;
    for (Col l : cols) {
      l.calc = l.effMin;
      available -= l.effMin;
      switch (l.effType) {
        case PERCENT -> {
          havePercent = true;
          totalPercent += l.effValue;
        }
        case FIXED -> {
          numFixed++;
          totalFixed += l.effMax;
        }
        default -> {
          numVariable++;
          totalVariable += l.effMax;
          allocVariable += l.effMin;
        }
      }
    }
    if (totalPercent > 100) throw new Unsupported("percentage widths over 100% in " + where);
    if (available > 0 && havePercent) {
      for (Col l : cols) {
        if (l.effType != PERCENT) continue;
        long w = Math.max(l.effMin, tableWidth * l.effValue / 100);
        available += l.calc - w;
        l.calc = w;
      }
    }
    if (available > 0) {
      for (Col l : cols) {
        if (l.effType == FIXED && l.effValue > l.calc) {
          available += l.calc - l.effValue;
          l.calc = l.effValue;
        }
      }
    }
    if (available > 0 && numVariable > 0) {
      available += allocVariable;
      for (Col l : cols) {
        if (l.effType != VARIABLE || totalVariable == 0) continue;
        long w = Math.max(l.calc, available * l.effMax / totalVariable);
        available -= w;
        totalVariable -= l.effMax;
        l.calc = w;
      }
    }
    if (available > 0 && numFixed > 0) {
      for (Col l : cols) {
        if (l.effType != FIXED) continue;
        long w = available * l.effMax / totalFixed;
        available -= w;
        totalFixed -= l.effMax;
        l.calc += w;
      }
    }
    if (available > 0 && havePercent && totalPercent < 100) {
      for (Col l : cols) {
        if (l.effType != PERCENT) continue;
        long w = available * l.effValue / totalPercent;
        available -= w;
        totalPercent -= l.effValue;
        l.calc += w;
        if (available == 0 || totalPercent == 0) break;
      }
    }
    if (available > 0) {
      long total = n;
      for (int i = n - 1; i >= 0; i--) {
        long w = available / total;
        available -= w;
        total--;
        cols[i].calc += w;
      }
    }
    // over-allocated: take it back from the columns without a width, then the ones with a length, then the
    // percentage ones, each in proportion to what it has over its minimum
    for (int type : new int[] {VARIABLE, FIXED, PERCENT}) {
      if (available >= 0) break;
      long room = 0;
      for (int i = n - 1; i >= 0; i--) {
        if (cols[i].effType == type) room += cols[i].calc - cols[i].effMin;
      }
      for (int i = n - 1; i >= 0 && room > 0; i--) {
        if (cols[i].effType != type) continue;
        long diff = cols[i].calc - cols[i].effMin;
        long reduce = available * diff / room;
        cols[i].calc += reduce;
        available -= reduce;
        room -= diff;
        if (available >= 0) break;
      }
    }
    if (available < 0) throw new Unsupported("columns wider than their table, in a table with automatic layout");
    double[] columns = new double[n];
    for (int i = 0; i < n; i++) columns[i] = cols[i].calc / HtmlStyle.DOTS_PER_POINT;
    return columns;
  }

  /**
   * The columns of a table of automatic layout, measured from their cells (AutoTableLayout.fullRecalc) and the
   * spanning cells spread over them (calcEffectiveWidth). When checking a template, only checks them.
   */
  private Col[] autoMeasure(List<Row> rows, int n, HtmlStyle collapse, String where, double spacing,
      Declared declared) throws RenderException {
    Col[] cols = new Col[n];
    for (int i = 0; i < n; i++) {
      cols[i] = new Col();
      // a column element spanning one column gives it its width first (fullRecalc), a length its widest too
      String start = Declared.at(declared.auto(), i);
      if (start == null) continue;
      long[] w = columnDeclared(start);
      cols[i].type = (int) w[0];
      cols[i].value = w[1];
      if (w[0] == FIXED) cols[i].max = Math.max(cols[i].max, w[1]);
    }
    boolean[] edge = new boolean[n + 1];
    List<Spanning> spanning = new ArrayList<>();
    for (int ri = 0; ri < rows.size(); ri++) {
      Row r = rows.get(ri);
      int col = 0;
      // with collapsed borders a cell is measured with its halves of the borders that won
      int[][] edges = collapse == null || flow.dry ? null : flow.tables.edges(rows, ri, collapse);
      int ci = 0;
      for (Element c : flow.tables.cells(r)) {
        int span = HtmlTables.span(c);
        if (col + span > n) throw new Unsupported("table rows with different numbers of cells");
        HtmlStyle cs = flow.style(c, r.style());
        long borders = edges == null ? HtmlFlow.dotsOf(cs.border(LEFT)) + HtmlFlow.dotsOf(cs.border(RIGHT))
            : HtmlTables.half(edges[ci][LEFT], LEFT) + HtmlTables.half(edges[ci][RIGHT], RIGHT);
        ci++;
        long[] w = declared(c, cs, borders, where);
        // a cell without a width of its own takes its column element's, as it is: no padding or border added
        String own = cs.width == null && span == 1 ? Declared.at(declared.own(), col) : null;
        if (own != null) w = columnDeclared(own);
        long[] mm = measure(c, cs, true, borders);
        if (w[0] == FIXED && own == null) {
          // a cell's length is a floor for its widest, not a width, in automatic layout (isFixedWidthAdvisoryOnly)
          mm[1] = Math.max(mm[1], HtmlFlow.dotsOf(Styles.points(cs.width, cs.size, Double.NaN)) + borders
              + HtmlFlow.dotsOf(cs.padding[LEFT]) + HtmlFlow.dotsOf(cs.padding[RIGHT]));
        }
        edge[col] = true;
        edge[col + span] = true;
        if (span > 1) {
          if (w[0] == PERCENT) throw new Unsupported("a percentage width on a cell spanning columns in " + where);
          // openhtmltopdf's calcEffectiveWidth: the spacing between the spanned columns is the cell's already
          long between = Math.round(spacing * HtmlStyle.DOTS_PER_POINT) * (span - 1);
          spanning.add(new Spanning(col, span, mm[0] - between, mm[1] - between, (int) w[0], w[1]));
        } else {
          Col l = cols[col];
          l.min = Math.max(l.min, mm[0]);
          l.max = Math.max(l.max, mm[1]);
          if (w[0] == FIXED && l.type != PERCENT) {
            if (l.type == FIXED) l.value = Math.max(l.value, w[1]);
            else {
              l.type = FIXED;
              l.value = w[1];
            }
            l.max = Math.max(l.max, w[1]);
          } else if (w[0] == PERCENT && (l.type != PERCENT || w[1] > l.value)) {
            l.type = PERCENT;
            l.value = w[1];
          }
        }
        col += span;
      }
      // a row with fewer cells leaves its last columns without a box (HtmlTables.shortRows)
    }
    for (int i = 1; i < n; i++) {
      // openhtmltopdf merges columns no cell starts or ends between
      if (!edge[i]) throw new Unsupported("a table column that only spanning cells cover, in " + where);
    }
    if (flow.dry) return cols;
    for (Col l : cols) {
      l.max = Math.max(l.max, l.min);
      l.effType = l.type;
      l.effValue = l.value;
      l.effMin = l.min;
      l.effMax = l.max;
    }
    spanning.sort(java.util.Comparator.comparingInt(Spanning::span));
    for (Spanning sc : spanning) spread(cols, sc);
    return cols;
  }

  /** A column element's width as automatic layout reads it: {type, value}, as {@link #declared} a cell's. */
  private static long[] columnDeclared(String w) {
    return w.endsWith("%") ? new long[] {PERCENT, (long) (float) Styles.points(w, 0, 100)}
        : new long[] {FIXED, HtmlFlow.dotsOf(Styles.points(w, 0, Double.NaN))};
  }

  /** The table's narrowest and widest, its spacing left out, {min, max} in dots (calcMinMaxWidth). */
  private static long[] minMax(Col[] cols) {
    long minWidth = 0;
    long maxWidth = 0;
    long maxPercent = 0;
    long maxNonPercent = 0;
    long remainingPercent = 100;
    for (Col l : cols) {
      minWidth += l.effMin;
      maxWidth += l.effMax;
      if (l.effType == PERCENT) {
        long percent = Math.min(l.effValue, remainingPercent);
        maxPercent = Math.max(maxPercent, l.effMax * 100 / Math.max(percent, 1));
        remainingPercent -= percent;
      } else {
        maxNonPercent += l.effMax;
      }
    }
    maxNonPercent = (maxNonPercent * 100 + 50) / Math.max(remainingPercent, 1);
    maxWidth = Math.max(Math.max(maxWidth, maxNonPercent), maxPercent);
    return new long[] {minWidth, maxWidth};
  }

  /**
   * A spanning cell's narrowest and widest over the columns it spans, where they exceed theirs
   * (calcEffectiveWidth, without border spacing, which the subset keeps at 0).
   */
  private static void spread(Col[] cols, Spanning sc) {
    int col = sc.col();
    int lastCol = col;
    int span = sc.span();
    long cMinWidth = sc.min();
    long cMaxWidth = sc.max();
    long totalPercent = 0;
    long minWidth = 0;
    long maxWidth = 0;
    boolean allColsArePercent = true;
    boolean allColsAreFixed = true;
    boolean haveVariable = false;
    long fixedWidth = 0;
    while (lastCol < cols.length && span > 0) {
      Col l = cols[lastCol];
      if (l.type == PERCENT) {
        totalPercent += l.value;
        allColsAreFixed = false;
      } else if (l.type == FIXED && l.value > 0) {
        fixedWidth += l.value;
        allColsArePercent = false;
      } else {
        haveVariable = true;
        if (l.effType != PERCENT) {
          l.effType = VARIABLE;
          l.effValue = 0;
          allColsArePercent = false;
        } else {
          totalPercent += l.effValue;
        }
        allColsAreFixed = false;
      }
      span--;
      minWidth += l.effMin;
      maxWidth += l.effMax;
      lastCol++;
    }
    if (cMinWidth > minWidth) {
      if (allColsAreFixed) {
        for (int pos = col; fixedWidth > 0 && pos < lastCol; pos++) {
          long cWidth = Math.max(cols[pos].effMin, cMinWidth * cols[pos].value / fixedWidth);
          fixedWidth -= cols[pos].value;
          cMinWidth -= cWidth;
          cols[pos].effMin = cWidth;
        }
      } else if (allColsArePercent) {
        long maxw = maxWidth;
        long minw = minWidth;
        long cminw = cMinWidth;
        for (int pos = col; maxw > 0 && pos < lastCol; pos++) {
          Col l = cols[pos];
          if (l.effType == PERCENT && l.effValue > 0 && fixedWidth <= cMinWidth) {
            long cWidth = Math.max(l.effMin, cminw * l.effValue / totalPercent);
            cWidth = Math.min(l.effMin + (cMinWidth - minw), cWidth);
            maxw -= l.effMax;
            minw -= l.effMin;
            cMinWidth -= cWidth;
            l.effMin = cWidth;
          }
        }
      } else {
        long maxw = maxWidth;
        long minw = minWidth;
        // the minimum goes to the columns with a length first, then to the others
        for (int pos = col; maxw > 0 && pos < lastCol; pos++) {
          Col l = cols[pos];
          if (l.type == FIXED && haveVariable && fixedWidth <= cMinWidth) {
            long cWidth = Math.max(l.effMin, l.value);
            fixedWidth -= l.value;
            minw -= l.effMin;
            maxw -= l.effMax;
            cMinWidth -= cWidth;
            l.effMin = cWidth;
          }
        }
        for (int pos = col; maxw > 0 && pos < lastCol && minw < cMinWidth; pos++) {
          Col l = cols[pos];
          if (!(l.type == FIXED && haveVariable && fixedWidth <= cMinWidth)) {
            long cWidth = Math.max(l.effMin, cMinWidth * l.effMax / maxw);
            cWidth = Math.min(l.effMin + (cMinWidth - minw), cWidth);
            maxw -= l.effMax;
            minw -= l.effMin;
            cMinWidth -= cWidth;
            l.effMin = cWidth;
          }
        }
      }
    }
    if (cMaxWidth > maxWidth) {
      for (int pos = col; maxWidth > 0 && pos < lastCol; pos++) {
        long cWidth = Math.max(cols[pos].effMax, cMaxWidth * cols[pos].effMax / maxWidth);
        maxWidth -= cols[pos].effMax;
        cMaxWidth -= cWidth;
        cols[pos].effMax = cWidth;
      }
    }
  }


  /**
   * The narrowest and widest an element's box can be, {min, max} in whole dots, as openhtmltopdf measures for
   * automatic table layout: its text's widest unbreakable piece and its text on one line, plus its horizontal
   * margins (not for a cell), borders and padding. When checking a template, only checks that it can be measured.
   */
  long[] measure(Element e, HtmlStyle s, boolean cell) throws RenderException {
    return measure(e, s, cell, HtmlFlow.dotsOf(s.border(LEFT)) + HtmlFlow.dotsOf(s.border(RIGHT)));
  }

  /** @param borders the box's left and right borders in dots (a cell's collapsed halves) */
  long[] measure(Element e, HtmlStyle s, boolean cell, long borders) throws RenderException {
    long sides = HtmlFlow.dotsOf(s.padding[LEFT]) + HtmlFlow.dotsOf(s.padding[RIGHT]) + borders
        + (cell ? 0 : HtmlFlow.dotsOf(s.margin[LEFT]) + HtmlFlow.dotsOf(s.margin[RIGHT]));
    // a % width is measured by the content, as openhtmltopdf's BlockBox.calcMinMaxWidth measures it (Crater's
    // heading of width: 100% in a cell), and laid out as its share of the cell
    boolean percent = s.width != null && s.width.trim().endsWith("%");
    if (s.width != null && !cell && (!percent || s.borderBox || s.maxWidth != null || s.minWidth != null)) {
      // a block of a length's width is measured by it alone, its margins, borders and padding added, as openhtmltopdf's
      // BlockBox.calcMinMaxWidth measures it (a seal or a signature line in a cell); border-box (its width is then
      // counted with the sides twice) and min-/max-width are not ported
      if (percent || s.borderBox || s.maxWidth != null || s.minWidth != null) {
        throw new Unsupported("a width on " + HtmlStyle.describe(e) + " in a table with automatic layout");
      }
      long width = HtmlFlow.dotsOf(HtmlFlow.length(s.width, s, 0)) + sides;
      return new long[] {width, width};
    }
    long min = 0;
    long max = 0;
    List<Node> inline = new ArrayList<>();
    for (Node n : e.childNodes()) {
      // a span with display: block is measured as the block it is laid out as
      HtmlStyle displayed = flow.displayedBlock(n, s);
      // and one holding only blocks as the block that draws nothing it is laid out as (HtmlFlow.wrapper)
      HtmlStyle wrapping = displayed == null ? flow.wrapper(n, s) : null;
      if (wrapping != null) {
        long[] line = measureInline(inline, s);
        inline.clear();
        long[] b = measure((Element) n, wrapping, false);
        min = Math.max(min, Math.max(line[0], b[0]));
        max = Math.max(max, Math.max(line[1], b[1]));
        continue;
      }
      if (displayed == null && HtmlFlow.isInline(n)) {
        inline.add(n);
        continue;
      }
      if (!(n instanceof Element child)) continue;
      String tag = child.normalName();
      if (tag.equals("style") || tag.equals("title")) continue;
      long[] line = measureInline(inline, s);
      inline.clear();
      min = Math.max(min, line[0]);
      max = Math.max(max, line[1]);
      HtmlStyle cs = displayed != null ? displayed : flow.style(child, s);
      if (cs.hidden) continue;
      if (displayed != null && HtmlStyle.replaced(tag)) {
        // an image of display: block (an e-mail's logo in its header row): as wide as the image and its margins
        long[] b = new long[5];
        measureImage(child, s, b);
        long w = b[1] + HtmlFlow.dotsOf(cs.border(LEFT)) + HtmlFlow.dotsOf(cs.border(RIGHT))
            + (cs.autoMargin[LEFT] ? 0 : HtmlFlow.dotsOf(cs.margin[LEFT]))
            + (cs.autoMargin[RIGHT] ? 0 : HtmlFlow.dotsOf(cs.margin[RIGHT]));
        min = Math.max(min, w);
        max = Math.max(max, w);
        continue;
      }
      if (displayed == null && tag.equals("table")) {
        long[] b = measureTable(child, cs);
        min = Math.max(min, b[0]);
        max = Math.max(max, b[1]);
        continue;
      }
      if (displayed == null && !HtmlStyle.BLOCKS.contains(tag) || tag.equals("body")) {
        throw new Unsupported("the element <" + tag + "> in a table with automatic layout");
      }
      long[] b = measure(child, cs, false);
      min = Math.max(min, b[0]);
      max = Math.max(max, b[1]);
    }
    long[] line = measureInline(inline, s);
    min = Math.max(min, line[0]) + sides;
    max = Math.max(max, line[1]) + sides;
    if (cell && s.maxWidth != null) {
      // openhtmltopdf's BlockBox.calcMinMaxCSSMinMaxWidth: max-width (in whole dots, cut) and the cell's sides cap
      // the widest measure, never below the narrowest; the cell's text is then laid out at its column's width
      long cap = HtmlFlow.dotsOf(HtmlFlow.length(s.maxWidth, s, 0)) + sides;
      if (max > cap) max = Math.max(cap, min);
    }
    return new long[] {min, max};
  }

  /**
   * A table nested in a cell of automatic layout, measured as openhtmltopdf measures it (AutoTableLayout
   * .calcMinMaxWidth): its columns' narrowest and widest summed, plus its spacing left of every column and right
   * of the last. A width in percent does not enter the measure there (only a length does), so such a table is
   * measured by its content and then takes its percentage of the cell it sizes. What this does not port (side
   * margins, fixed layout, a caption) is refused.
   */
  private long[] measureTable(Element t, HtmlStyle ts) throws RenderException {
    nested++;
    try {
      return measureNested(t, ts);
    } finally {
      nested--;
    }
  }

  private long[] measureNested(Element t, HtmlStyle ts) throws RenderException {
    String where = HtmlStyle.describe(t);
    if (ts.fixed) throw new Unsupported("table-layout: fixed on " + where + " nested in a table with automatic layout");
    boolean length = ts.width != null && !ts.width.trim().endsWith("%");
    // auto margins do not enter the measure (marginsBordersPaddingAndSpacing ignoring them): an e-mail's centred
    // inner table (align="center", margin: 0 auto) is measured as one without
    if (ts.margin[LEFT] != 0 || ts.margin[RIGHT] != 0) {
      throw new Unsupported("side margins on " + where + " nested in a table with automatic layout");
    }

    List<Row> head = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    List<Row> foot = new ArrayList<>();
    for (Node n : t.childNodes()) {
      if (!(n instanceof Element e)) continue;
      switch (e.normalName()) {
        case "thead", "tbody", "tfoot" -> {
          HtmlStyle gs = flow.style(e, ts);
          if (gs.hidden) continue;
          for (Element tr : e.children()) {
            HtmlStyle rs = flow.style(tr, gs);
            if (tr.normalName().equals("tr") && !rs.hidden) {
              String g = e.normalName();
              (g.equals("tfoot") ? foot : g.equals("thead") ? head : rows).add(new Row(tr, rs));
            }
          }
        }
        case "tr" -> {
          HtmlStyle rs = flow.style(e, ts);
          if (!rs.hidden) rows.add(new Row(e, rs));
        }
        case "style", "colgroup", "col" -> {}
        // laying the table out refuses what else it holds; a caption would widen the measure
        default -> throw new Unsupported("the element <" + e.normalName() + "> in " + where
            + " nested in a table with automatic layout");
      }
    }
    // in the order the table is laid out in (collapsed borders meet by it): header, bodies, footer
    rows.addAll(0, head);
    rows.addAll(foot);
    if (rows.isEmpty()) return new long[] {0, 0};
    double sp = HtmlTables.spacing(ts);
    Col[] cols = autoMeasure(rows, flow.tables.columns(rows), ts.collapse ? ts : null, where, sp, declared(t, ts));
    if (flow.dry) return new long[] {0, 0};
    long[] mm = minMax(cols);
    long spacings = Math.round(sp * HtmlStyle.DOTS_PER_POINT) * (cols.length + 1);
    // with separate borders its own border and padding too (marginsBordersPaddingAndSpacing there)
    if (!ts.collapse) {
      spacings += HtmlFlow.dotsOf(ts.border(LEFT)) + HtmlFlow.dotsOf(ts.border(RIGHT)) + HtmlFlow.dotsOf(ts.padding[LEFT])
          + HtmlFlow.dotsOf(ts.padding[RIGHT]);
    }
    if (length) {
      // a length width is a floor and the widest measure both, its spacing added outside it (the width of an
      // e-mail's 600px table, as openhtmltopdf's AutoTableLayout measures it: contentWidth + bs)
      long w = Math.max(mm[0] + spacings, HtmlFlow.dotsOf(HtmlFlow.length(ts.width, ts, Double.NaN))
          + Math.round(sp * HtmlStyle.DOTS_PER_POINT) * (cols.length + 1));
      return new long[] {w, w};
    }
    return new long[] {mm[0] + spacings, mm[1] + spacings};
  }

  /** One line of inline content: {widest piece, all of it}; white space collapsed, leading space dropped. */
  private long[] measureInline(List<Node> nodes, HtmlStyle block) throws RenderException {
    // widest piece, the line so far, the widest line ended by a <br>, the space ending the last text, an inline
    // box's left side not yet given to its first piece
    long[] out = new long[5];
    boolean[] space = {true};
    for (Node n : nodes) measureNode(n, block, block, space, out);
    // openhtmltopdf takes a trailing space off the line's width (its trimmable inline box), though laying the
    // line out it counts it: a column so measured is too narrow for its last word, which wraps in both engines
    out[1] -= out[3];
    return new long[] {out[0], Math.max(out[1], out[2])};
  }

  private void measureNode(Node n, HtmlStyle inherited, HtmlStyle block, boolean[] space, long[] out)
      throws RenderException {
    if (n instanceof TextNode t) {
      StringBuilder text = new StringBuilder();
      String whole = inherited.transform(t.getWholeText());
      for (int i = 0; i < whole.length(); i++) {
        char c = whole.charAt(i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
          if (!space[0]) text.append(' ');
          space[0] = true;
        } else {
          text.append(c);
          space[0] = false;
        }
      }
      if (text.isEmpty()) return;
      if (inherited.keepNewlines) {
        // its newlines would break the lines the columns are measured by: not ported
        throw new Unsupported("white-space: pre, pre-line or pre-wrap in a table with automatic layout");
      }
      if (inherited.nowrap != block.nowrap) {
        throw new Unsupported("white-space changed inside a line, on " + HtmlStyle.describe((Element) n.parent()));
      }
      if (flow.dry) {
        out[3] = text.charAt(text.length() - 1) == ' ' ? 1 : 0;
        return;
      }
      String s = text.toString();
      Face face = flow.face(inherited);
      float size = Math.round(inherited.size * HtmlStyle.DOTS_PER_POINT);
      // a space at the end of the line is taken off again: the width of one in this text's font
      out[3] = s.endsWith(" ") ? HtmlFlow.textDots(face, " ", size) : 0;
      if (inherited.nowrap) {
        // one piece, measured whole (InlineBox.calcMinMaxWidth for nowrap)
        long w = HtmlFlow.textDots(face, s.replace("\u00ad", ""), size);
        out[0] = Math.max(out[0], w + out[4]);
        out[1] += w;
        out[4] = 0;
        return;
      }
      // letter spacing is left out of both widths: measured, openhtmltopdf sizes a column by its text without it
      // (a spaced word then wraps, or overflows its column, which sends the document there), whatever its
      // InlineBox source suggests for the narrowest
      int last = 0;
      for (int b : LineBreaks.of(s)) {
        // a soft hyphen is not measured; a piece that ends with one is measured with a hyphen after it, for the
        // column's widest line too (InlineBox.calcMinWidthFromWordLength)
        String piece = s.substring(last, b);
        if (piece.indexOf('\u00ad') >= 0) piece = (piece + (piece.endsWith("\u00ad") ? "-" : "")).replace("\u00ad", "");
        piece(face, piece, size, inherited.breakWord, out);
        innerBreaks |= inherited.breakWord || b < s.length() && s.charAt(b - 1) != ' ';
        last = b;
      }
      return;
    }
    if (!(n instanceof Element e)) return;
    String tag = e.normalName();
    if (HtmlStyle.DROPPED.contains(tag)) return;
    if (tag.equals("br")) {
      // openhtmltopdf's <br> is a pre-line "\n" (br:before): it ends the line, less the space before it
      HtmlStyle s = flow.style(e, inherited);
      if (s.hidden) return;
      // openhtmltopdf measures the line without the space before the break (and lays it out with it, as the line
      // breaker here does too)
      out[2] = Math.max(out[2], out[1] - out[3]);
      out[1] = 0;
      space[0] = true;
      return;
    }
    if (HtmlStyle.replaced(tag) || flow.square(e, inherited)) {
      measureImage(e, inherited, out);
      return;
    }
    if (!HtmlStyle.inline(tag)) throw new Unsupported("the element <" + tag + "> inside a line of text");
    HtmlStyle s = flow.style(e, inherited);
    if (s.hidden) return;
    if (s.displayBlock) {
      throw new Unsupported("display: block on " + HtmlStyle.describe(e) + " in a table with automatic layout");
    }
    boolean boxed = flow.inlineBox(e, s);
    long left = boxed ? HtmlFlow.dotsOf(s.margin[LEFT] + s.border(LEFT) + s.padding[LEFT]) : 0;
    if (boxed && s.inlineBlock && s.width != null) {
      // its width would size the column, not its text: not ported
      throw new Unsupported("a width on the inline block " + HtmlStyle.describe(e) + " in a table with automatic layout");
    }
    if (boxed && s.inlineBlock) {
      // an inline block is at least its widest word and both its sides, measured (its lines would break inside);
      // its white-space is its own block's (Bootstrap's nowrap badge: its text one piece)
      long widest = out[0];
      out[0] = 0;
      out[1] += left;
      for (Node c : e.childNodes()) measureNode(c, s, s, space, out);
      long right = HtmlFlow.dotsOf(s.margin[RIGHT] + s.border(RIGHT) + s.padding[RIGHT]);
      out[1] += right;
      out[0] = Math.max(widest, left + out[0] + right);
      return;
    }
    if (boxed) {
      // an inline box's sides widen the line, and the left one its first piece
      out[1] += left;
      out[4] = left;
    }
    for (Node c : e.childNodes()) measureNode(c, s, block, space, out);
    if (boxed) {
      // measured, openhtmltopdf leaves the right side out of the narrowest the column can be: squeezed to it,
      // the side wraps alone to the next line, which the direct path refuses as a word wider than its column
      out[1] += HtmlFlow.dotsOf(s.margin[RIGHT] + s.border(RIGHT) + s.padding[RIGHT]);
      out[4] = 0;
    }
  }

  /**
   * An image in a cell of an automatic-layout table (a logo beside the invoice's title): one unbreakable piece as
   * wide as the image. A width in % would be of the column being measured: not ported.
   */
  private void measureImage(Element img, HtmlStyle inherited, long[] out) throws RenderException {
    HtmlStyle s = flow.style(img, inherited);
    if (s.hidden) return;
    String cssWidth = HtmlFlow.sizeAttribute(img, "width", s.width);
    boolean percent = cssWidth != null && cssWidth.endsWith("%");
    boolean nothing = percent && (nested > 0 || flow.percentOfNothing(true));
    if (percent && !nothing) {
      throw new Unsupported("a width in % on " + HtmlStyle.describe(img) + " in a table with automatic layout");
    }
    if (flow.dry) return;
    Picture picture = flow.picture(img, s);
    if (picture == null) return;
    // max-width: 100% (HtmlStyle allows no other % in a cell) does not enter the measure: the column is as wide as
    // the image would be without it, which it then caps at the cell's width (measured beside short and long text)
    boolean capped = s.maxWidth != null && s.maxWidth.endsWith("%");
    long w = HtmlFlow.dotsOf(HtmlFlow.imageSize(img, s, picture,
        nothing ? 0 : capped ? Double.POSITIVE_INFINITY : Double.NaN)[0]);
    if (nothing && w == 0) return;
    out[0] = Math.max(out[0], w + out[4]);
    out[4] = 0;
    out[1] += w;
    out[3] = 0;
  }

  /** One unbreakable piece of text (with the spaces after it): its width widens the line, and may the minimum. */
  private static void piece(Face face, String word, float size, boolean breakWord, long[] out) throws Unsupported {
    long w = HtmlFlow.textDots(face, word, size);
    long least = w;
    if (breakWord) {
      least = 0;
      for (int k = 0; k < word.length(); k++) {
        least = Math.max(least, HtmlFlow.textDots(face, word.substring(k, k + 1), size));
      }
    }
    least += out[4];
    out[4] = 0;
    out[0] = Math.max(out[0], least);
    out[1] += w;
  }
}
