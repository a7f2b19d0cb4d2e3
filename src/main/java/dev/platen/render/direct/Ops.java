package dev.platen.render.direct;


/**
 * What a laid-out page is made of. Coordinates are points from the top-left corner of whatever the op was laid
 * out in; {@link #moved} places it on the page. Records, so a 10,000-row table is a flat list of small objects
 * until it is drawn.
 */
sealed interface Ops {

  /**
   * A colour is 0xRRGGBB; an {@code rgba()} colour carries its transparency in hundredths (100 minus the alpha in
   * hundredths, so an opaque colour is its plain RGB) in the seven bits above, and stays a positive int.
   */
  static int withAlpha(int rgb, int alphaHundredths) {
    return rgb & 0xffffff | (100 - alphaHundredths) << 24;
  }

  /** The colour's alpha, 0 to 1: 1 for an opaque colour. */
  static double alpha(int rgb) {
    return (100 - (rgb >>> 24 & 0x7f)) / 100.0;
  }

  Ops moved(double dx, double dy);

  /**
   * One line of text; {@code y} is the baseline; {@code mono}: in the built-in Courier; {@code oblique}: its
   * Courier-Oblique (italic monospace text, as openhtmltopdf draws it; DejaVu Sans text stays upright there).
   */
  record Text(double x, double y, boolean bold, boolean mono, double size, int rgb, double spacing, String text,
      boolean oblique) implements Ops {
    Text(double x, double y, boolean bold, double size, int rgb, double spacing, String text) {
      this(x, y, bold, false, size, rgb, spacing, text, false);
    }

    Text(double x, double y, boolean bold, boolean mono, double size, int rgb, double spacing, String text) {
      this(x, y, bold, mono, size, rgb, spacing, text, false);
    }

    public Ops moved(double dx, double dy) {
      return new Text(x + dx, y + dy, bold, mono, size, rgb, spacing, text, oblique);
    }
  }

  /**
   * A line of text, or a border or background ({@link Rect}, {@link RoundRect}, {@link RoundRing}), turned by
   * {@code degrees} (clockwise, as CSS's {@code rotate()}) about the point {@code cx, cy}: what a box with
   * {@code transform: rotate(…)} paints, turned about the box's centre as openhtmltopdf turns it (its whole layer
   * drawn under one {@code cm}, so the shapes are those of the unturned box).
   */
  record Turned(Ops op, double cx, double cy, double degrees) implements Ops {
    public Turned {
      if (!(op instanceof Text || op instanceof Rect || op instanceof RoundRect || op instanceof RoundRing)) {
        throw new IllegalArgumentException(op.toString());
      }
    }

    public Ops moved(double dx, double dy) { return new Turned(op.moved(dx, dy), cx + dx, cy + dy, degrees); }
  }

  /** A filled rectangle: backgrounds, borders, dividers, code modules. */
  record Rect(double x, double y, double w, double h, int rgb) implements Ops {
    public Ops moved(double dx, double dy) { return new Rect(x + dx, y + dy, w, h, rgb); }
  }

  /**
   * A dashed line from {@code x1, y1} to {@code x2, y2}, {@code width} wide, clipped to the quadrilateral
   * {@code clip} (x, y of four corners): a dashed or dotted border side as openhtmltopdf strokes it.
   */
  record Dash(double[] clip, double x1, double y1, double x2, double y2, double width, double on, double off, int rgb)
      implements Ops {
    public Ops moved(double dx, double dy) {
      double[] c = clip.clone();
      for (int i = 0; i < c.length; i += 2) {
        c[i] += dx;
        c[i + 1] += dy;
      }
      return new Dash(c, x1 + dx, y1 + dy, x2 + dx, y2 + dy, width, on, off, rgb);
    }
  }

  /**
   * A filled rectangle with elliptical corners of radii {@code rx}, {@code ry}: a background with border-radius,
   * each radius at most half the box's side, as openhtmltopdf clamps them (a large radius makes an ellipse).
   */
  record RoundRect(double x, double y, double w, double h, double rx, double ry, int rgb) implements Ops {
    public Ops moved(double dx, double dy) { return new RoundRect(x + dx, y + dy, w, h, rx, ry, rgb); }
  }

  /**
   * A rounded border of uniform width {@code t}: the rounded rectangle less the one inside it, its corners' radii less
   * {@code t} (square where that leaves none), filled by the even-odd rule.
   */
  record RoundRing(double x, double y, double w, double h, double rx, double ry, double t, int rgb) implements Ops {
    public Ops moved(double dx, double dy) { return new RoundRing(x + dx, y + dy, w, h, rx, ry, t, rgb); }
  }

  /**
   * A line of text shown only between {@code left} and {@code right} (and {@code top} and {@code bottom}, infinite
   * but for a fixed box's): a {@code nowrap} line wider than its table cell of {@code overflow: hidden}, which
   * openhtmltopdf clips at the cell's padding box, a fixed box's line in the page margin, which it clips at the
   * page's content area (measured).
   */
  record ClippedText(Text text, double left, double right, double top, double bottom) implements Ops {
    ClippedText(Text text, double left, double right) {
      this(text, left, right, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    public Ops moved(double dx, double dy) {
      return new ClippedText((Text) text.moved(dx, dy), left + dx, right + dx, top + dy, bottom + dy);
    }
  }

  /**
   * A rounded box's background or border ({@link RoundRect}, {@link RoundRing}) shown only between {@code top} and
   * {@code bottom} (either may be infinite): its part on one page where a page break cuts it, as each page shows
   * its part of openhtmltopdf's strip.
   */
  record Clipped(Ops shape, double top, double bottom) implements Ops {
    public Ops moved(double dx, double dy) { return new Clipped(shape.moved(dx, dy), top + dy, bottom + dy); }
  }

  /**
   * A filled path, {@code d} flat: 'm' x y, 'l' x y, 'c' x1 y1 x2 y2 x3 y3, one closed subpath: a rounded box's
   * background or border where its sides differ ({@link RoundedSides}).
   */
  record Shape(double[] d, int rgb) implements Ops {
    public Ops moved(double dx, double dy) {
      double[] m = d.clone();
      for (int i = 0; i < m.length; ) {
        int n = m[i] == 'c' ? 3 : 1;
        for (int k = 0; k < n; k++) {
          m[i + 1 + 2 * k] += dx;
          m[i + 2 + 2 * k] += dy;
        }
        i += 1 + 2 * n;
      }
      return new Shape(m, rgb);
    }

    /** The least and greatest y it reaches (its curves stay within their points). */
    double[] ys() {
      double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < d.length; ) {
        int n = d[i] == 'c' ? 3 : 1;
        for (int k = 0; k < n; k++) {
          lo = Math.min(lo, d[i + 2 + 2 * k]);
          hi = Math.max(hi, d[i + 2 + 2 * k]);
        }
        i += 1 + 2 * n;
      }
      return new double[] {lo, hi};
    }
  }

  /** A filled ellipse in the box {@code x, y, w, h}: a list's disc marker. */
  record Oval(double x, double y, double w, double h, int rgb) implements Ops {
    public Ops moved(double dx, double dy) { return new Oval(x + dx, y + dy, w, h, rgb); }
  }

  /** Where a link is: a clickable area, as openhtmltopdf adds for {@code <a href>}. */
  record Link(double x, double y, double w, double h, String uri) implements Ops {
    public Ops moved(double dx, double dy) { return new Link(x + dx, y + dy, w, h, uri); }
  }

  record Image(double x, double y, double w, double h, Picture image) implements Ops {
    public Ops moved(double dx, double dy) { return new Image(x + dx, y + dy, w, h, image); }
  }
}
