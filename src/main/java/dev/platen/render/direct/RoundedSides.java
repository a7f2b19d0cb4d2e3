package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlStyle.BOTTOM;
import static dev.platen.render.direct.HtmlStyle.LEFT;
import static dev.platen.render.direct.HtmlStyle.RIGHT;
import static dev.platen.render.direct.HtmlStyle.TOP;

/**
 * A rounded block box whose solid border is on one side only (a callout's accent bar: {@code border-left: 3px solid;
 * border-radius: 4px}), drawn as openhtmltopdf's BorderPainter draws it (measured from its PDF): the background
 * fills the box inside the border, each corner's radii less the border widths beside it (so the bar's side has
 * corners flattened to the radius less the bar's width, the others the full radius); the side is the band between
 * the box's outer rounded edge and that inner edge, running round its two corners to where their curves meet the
 * neighbouring sides.
 */
final class RoundedSides {

  private RoundedSides() {}

  /** The one side of {@code s} with a border, or -1 when none or more than one has. */
  static int oneSide(HtmlStyle s) {
    int found = -1;
    for (int side = 0; side < 4; side++) {
      if (s.border(side) <= 0) continue;
      if (found >= 0) return -1;
      found = side;
    }
    return found;
  }

  /** The background of a box {@code w} by {@code h} at 0, 0: inside its border, each corner's radii less the border. */
  static Ops background(double w, double h, HtmlStyle s) {
    double[] b = widths(s);
    double rx = radius(w, h, s), ry = rx;
    Corners inner = new Corners(b[LEFT], b[TOP], w - b[LEFT] - b[RIGHT], h - b[TOP] - b[BOTTOM], innerRadii(rx, ry, b));
    Path p = new Path();
    p.move(inner.point(0, true));
    for (int c = 0; c < 4; c++) {
      p.arc(inner, c, true);
      p.line(inner.point((c + 1) % 4, true));
    }
    return new Ops.Shape(p.close(), s.background);
  }

  /** The border of {@code side}: from its first corner's outer curve to its second's, back along the inner edge. */
  static Ops band(double x, double w, double h, HtmlStyle s, int side) {
    double[] b = widths(s);
    double rx = radius(w, h, s), ry = rx;
    double[] all = {rx, ry, rx, ry, rx, ry, rx, ry};
    Corners outer = new Corners(x, 0, w, h, all);
    Corners inner = new Corners(x + b[LEFT], b[TOP], w - b[LEFT] - b[RIGHT], h - b[TOP] - b[BOTTOM],
        innerRadii(rx, ry, b));
    // corners clockwise from the top left; side k runs from corner k to corner k + 1 (the left: bottom left to top left)
    int first = side, second = (side + 1) % 4;
    Path p = new Path();
    p.move(outer.point(first, true));
    p.arc(outer, first, true);
    p.line(outer.point(second, true));
    p.arc(outer, second, true);
    p.past(outer, second, true);
    p.line(inner.point(second, false));
    p.arc(inner, second, false);
    p.line(inner.point(first, false));
    p.arc(inner, first, false);
    p.past(inner, first, false);
    return new Ops.Shape(p.close(), s.borderRgb(side));
  }

  /**
   * The radius scaled down, on both axes alike, until two corners fit along each side: BorderPropertySet's
   * normalizedInstance, which BorderPainter applies (measured: 20px on a box 22px high is 11px wide too).
   */
  private static double radius(double w, double h, HtmlStyle s) {
    return s.radius * Math.min(1, Math.min(w / (2 * s.radius), h / (2 * s.radius)));
  }

  private static double[] widths(HtmlStyle s) {
    return new double[] {s.border(TOP), s.border(RIGHT), s.border(BOTTOM), s.border(LEFT)};
  }

  /** Corner radii {rx, ry} clockwise from the top left, each less the border beside it (never below 0). */
  private static double[] innerRadii(double rx, double ry, double[] b) {
    return new double[] {
      Math.max(0, rx - b[LEFT]), Math.max(0, ry - b[TOP]),
      Math.max(0, rx - b[RIGHT]), Math.max(0, ry - b[TOP]),
      Math.max(0, rx - b[RIGHT]), Math.max(0, ry - b[BOTTOM]),
      Math.max(0, rx - b[LEFT]), Math.max(0, ry - b[BOTTOM])};
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

    /**
     * One degree more of corner {@code c}'s curve past where it meets the neighbouring side (its end clockwise, its
     * start going back), as a line: openhtmltopdf's arcs run 91 degrees (BorderPainter's {@code -angle-1}), so the
     * band reaches about 1.7% of the radius along that side (0.13 pt at 10px).
     */
    void past(Corners k, int c, boolean clockwise) {
      double[] on = k.point(c, !clockwise), other = k.point(c, clockwise), at = k.corner(c);
      double along = Math.hypot(on[0] - at[0], on[1] - at[1]), across = Math.hypot(other[0] - at[0], other[1] - at[1]);
      if (along == 0 || across == 0) return;
      double a = Math.toRadians(1), out = along * Math.sin(a) / along, in = across * (1 - Math.cos(a)) / across;
      line(new double[] {on[0] + (on[0] - at[0]) * out + (other[0] - at[0]) * in,
          on[1] + (on[1] - at[1]) * out + (other[1] - at[1]) * in});
    }

    double[] close() {
      double[] out = new double[d.size()];
      for (int i = 0; i < out.length; i++) out[i] = d.get(i);
      return out;
    }
  }
}
