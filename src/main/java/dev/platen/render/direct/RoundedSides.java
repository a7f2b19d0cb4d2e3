package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlStyle.BOTTOM;
import static dev.platen.render.direct.HtmlStyle.LEFT;
import static dev.platen.render.direct.HtmlStyle.RIGHT;
import static dev.platen.render.direct.HtmlStyle.TOP;

/**
 * A rounded block box whose solid border sides differ (a callout's accent bar: {@code border-left: 3px solid;
 * border-radius: 4px}; a summary box's thick left side beside thin ones), drawn as openhtmltopdf's BorderPainter
 * draws it (measured from its PDF): the background fills the box inside the border, each corner's radii less the
 * border widths beside it; each side is its own shape between the box's outer rounded edge and that inner edge,
 * sharing each corner with its neighbour in proportion to their widths.
 */
final class RoundedSides {

  private RoundedSides() {}

  /** The background of a box {@code w} by {@code h} at 0, 0: inside its border, each corner's radii less the border. */
  static Ops background(double w, double h, HtmlStyle s) {
    double[] b = widths(s);
    Corners inner = new Corners(b[LEFT], b[TOP], w - b[LEFT] - b[RIGHT], h - b[TOP] - b[BOTTOM],
        innerRadii(radii(w, h, s), b));
    Path p = new Path();
    p.move(inner.point(0, true));
    for (int c = 0; c < 4; c++) {
      p.arc(inner, c, true);
      p.line(inner.point((c + 1) % 4, true));
    }
    return new Ops.Shape(p.close(), s.background);
  }

  /**
   * The border of {@code side} as openhtmltopdf's BorderPainter.generateBorderShape builds it, in the side's own frame
   * (laid out as a top side, its outer edge at y = -width, the content's corner at 0, 0) then turned onto its side:
   * along the outer curve of its first corner from where the corner is shared out (90° times its width over the
   * sum of its and the neighbour's: the whole corner beside a side without a border) one degree past the side, the
   * same at its second corner, then back along the inner curves, each radius less the widths beside it, or the inner
   * corner's point where that leaves none.
   */
  static Ops band(double x, double w, double h, HtmlStyle s, int side) {
    double[] b = widths(s);
    // the side's first corner going clockwise (corners are numbered as sides are: 0 top left, 1 top right, …) and its
    // second
    double[] radii = radii(w, h, s);
    double r = radii[side], r2 = radii[(side + 1) % 4];
    // this side's width, the one before it (its first corner's) and after it, clockwise from the top
    double t = b[side], pl = b[(side + 3) % 4], pr = b[(side + 1) % 4];
    boolean across = side == RIGHT || side == LEFT;
    double length = across ? h : w;
    double inner = length - pl - pr;
    Path p = new Path();
    double first = pl + t == 0 ? 90 : 90 * t / (t + pl);
    double second = pr + t == 0 ? 90 : 90 * t / (t + pr);
    p.arc(-pl + r, -t + r, r, r, 90 + first, -first - 1);
    p.arc(inner + pr - r2, -t + r2, r2, r2, 90, -second - 1);
    double iw = 2 * r2 - 2 * pr, ih = 2 * r2 - 2 * t;
    if (iw > 0 && ih > 0) p.arc(inner - iw / 2, ih / 2, iw / 2, ih / 2, 90 - second, second + 1);
    else p.line(new double[] {inner, 0});
    iw = 2 * r - 2 * pl;
    ih = 2 * r - 2 * t;
    if (iw > 0 && ih > 0) p.arc(iw / 2, ih / 2, iw / 2, ih / 2, 90, first + 1);
    else p.line(new double[] {0, 0});
    double[] d = p.close();
    // into the box: the side's frame centred on the box's centre, turned a quarter per side clockwise
    double ox = -length / 2 + pl, oy = -(across ? w : h) / 2 + t;
    double cos = new double[] {1, 0, -1, 0}[side], sin = new double[] {0, 1, 0, -1}[side];
    for (int i = 0; i < d.length; ) {
      char op = (char) (int) d[i];
      int points = op == 'c' ? 3 : 1;
      i++;
      for (int k = 0; k < points; k++, i += 2) {
        double lx = d[i] + ox, ly = d[i + 1] + oy;
        d[i] = x + w / 2 + lx * cos - ly * sin;
        d[i + 1] = h / 2 + lx * sin + ly * cos;
      }
    }
    return new Ops.Shape(d, s.borderRgb(side));
  }

  /**
   * The corners' radii, clockwise from the top left, scaled down alike until the two corners of each side fit along
   * it: BorderPropertySet's normalizedInstance, which BorderPainter applies (measured: 20px on a box 22px high is
   * 11px wide too), its left side judged by the bottom corners as it judges it.
   */
  private static double[] radii(double w, double h, HtmlStyle s) {
    double[] c = s.corners != null ? s.corners.clone() : new double[] {s.radius, s.radius, s.radius, s.radius};
    double factor = Math.min(1, Math.min(Math.min(w / Math.max(w, c[0] + c[1]), w / Math.max(w, c[2] + c[3])),
        Math.min(h / Math.max(h, c[1] + c[2]), h / Math.max(h, c[3] + c[2]))));
    for (int i = 0; i < 4; i++) c[i] *= factor;
    return c;
  }

  private static double[] widths(HtmlStyle s) {
    return new double[] {s.border(TOP), s.border(RIGHT), s.border(BOTTOM), s.border(LEFT)};
  }

  /** Corner radii {rx, ry} clockwise from the top left, each less the border beside it (never below 0). */
  private static double[] innerRadii(double[] r, double[] b) {
    return new double[] {
      Math.max(0, r[0] - b[LEFT]), Math.max(0, r[0] - b[TOP]),
      Math.max(0, r[1] - b[RIGHT]), Math.max(0, r[1] - b[TOP]),
      Math.max(0, r[2] - b[RIGHT]), Math.max(0, r[2] - b[BOTTOM]),
      Math.max(0, r[3] - b[LEFT]), Math.max(0, r[3] - b[BOTTOM])};
  }

  /**
   * A rectangle with per-corner radii, corners numbered clockwise from the top left (0 top left, 1 top right, 2
   * bottom right, 3 bottom left). Going clockwise each corner's curve starts on the side before it and ends on
   * the side after it.
   */
  private record Corners(double x, double y, double w, double h, double[] r) {
    double[] corner(int c) {
      return new double[] {c == 1 || c == 2 ? x + w : x, c >= 2 ? y + h : y};
    }

    /** Where corner {@code c}'s curve starts ({@code start}) or ends, going clockwise. */
    double[] point(int c, boolean start) {
      double[] k = corner(c);
      double rx = r[2 * c], ry = r[2 * c + 1];
      // the point on the horizontal side: top left ends there, top right starts there, and so on
      boolean horizontal = (c == 1 || c == 3) == start;
      double sx = c == 1 || c == 2 ? -1 : 1, sy = c >= 2 ? -1 : 1;
      return horizontal ? new double[] {k[0] + sx * rx, k[1]} : new double[] {k[0], k[1] + sy * ry};
    }
  }

  /** A path in flat segments: 'm' x y, 'l' x y, 'c' x1 y1 x2 y2 x3 y3, as {@link Ops.Shape} holds it. */
  private static final class Path {
    private final java.util.List<Double> d = new java.util.ArrayList<>();

    void move(double[] p) {
      d.add((double) 'm');
      d.add(p[0]);
      d.add(p[1]);
    }

    void line(double[] p) {
      d.add((double) 'l');
      d.add(p[0]);
      d.add(p[1]);
    }

    /**
     * An arc of the ellipse about {@code cx, cy}, as java.awt.geom.Arc2D's path has it: angles in degrees, 0 to the
     * right and growing upward on the page (y grows down), split into equal cubics of at most 90°; a line to its
     * start when the path has begun.
     */
    void arc(double cx, double cy, double rx, double ry, double start, double extent) {
      int n = (int) Math.ceil(Math.abs(extent) / 90 - 1e-9);
      double step = Math.toRadians(extent) / n, a = Math.toRadians(start);
      double[] from = {cx + rx * Math.cos(a), cy - ry * Math.sin(a)};
      if (d.isEmpty()) move(from);
      else line(from);
      double kappa = 4.0 / 3 * Math.tan(step / 4);
      for (int i = 0; i < n; i++, a += step) {
        double b = a + step;
        d.add((double) 'c');
        d.add(cx + rx * (Math.cos(a) - kappa * Math.sin(a)));
        d.add(cy - ry * (Math.sin(a) + kappa * Math.cos(a)));
        d.add(cx + rx * (Math.cos(b) + kappa * Math.sin(b)));
        d.add(cy - ry * (Math.sin(b) - kappa * Math.cos(b)));
        d.add(cx + rx * Math.cos(b));
        d.add(cy - ry * Math.sin(b));
      }
    }

    /** Corner {@code c}'s quarter ellipse, clockwise or back: one cubic, its handles toward the corner. */
    void arc(Corners k, int c, boolean clockwise) {
      double kappa = 0.5522847498307933;
      double[] from = k.point(c, clockwise), to = k.point(c, !clockwise), at = k.corner(c);
      d.add((double) 'c');
      d.add(from[0] + kappa * (at[0] - from[0]));
      d.add(from[1] + kappa * (at[1] - from[1]));
      d.add(to[0] + kappa * (at[0] - to[0]));
      d.add(to[1] + kappa * (at[1] - to[1]));
      d.add(to[0]);
      d.add(to[1]);
    }

    double[] close() {
      double[] out = new double[d.size()];
      for (int i = 0; i < out.length; i++) out[i] = d.get(i);
      return out;
    }
  }
}
