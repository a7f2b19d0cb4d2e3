package dev.platen.render.direct;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Writes laid-out pages as content streams. Shapes and images first, then the margin boxes' text and all text of the page in
 * one text object, setting font and colour only when they change.
 *
 * <p>The operators are written here rather than through {@code PDPageContentStream}: its {@code showText} runs
 * every string through PDFBox's GSUB worker (DejaVu has a GSUB table), which profiling showed as a fifth of a
 * one-page invoice, and formats every number through {@code NumberFormat}. Glyphs are written as their font's
 * glyph ids, which is what PDFBox's Identity-H encoding of an embedded TrueType font produces too (its subsetter
 * keeps the original glyph ids as CIDs); each code point drawn goes into the {@link EmbeddedFont}'s subset. The
 * bytes also feed the document digest, so the file identifier comes from what is printed.
 */
final class Painter {
  private final PDDocument doc;
  private final EmbeddedFont regular;
  private final EmbeddedFont bold;
  private final Face regularFace;
  private final Face boldFace;
  private final Face monoFace;
  private final Face monoBoldFace;
  /**
   * Courier's faces of this document, unembedded as openhtmltopdf writes them, by {@link #monoIndex(boolean, boolean)};
   * made when first used.
   */
  private final COSDictionary[] monoFonts = new COSDictionary[4];
  private final PDRectangle size;
  private final MessageDigest digest;
  private final ContentBytes out = new ContentBytes(16 * 1024);

  Painter(PDDocument doc, EmbeddedFont regular, EmbeddedFont bold, Fonts.Pair faces, PDRectangle size,
      MessageDigest digest) {
    this.doc = doc;
    this.regular = regular;
    this.bold = bold;
    this.regularFace = faces.regular();
    this.boldFace = faces.bold();
    this.monoFace = faces.mono();
    this.monoBoldFace = faces.monoBold();
    this.size = size;
    this.digest = digest;
  }

  /** An empty inline block's image box (a check box) as its background and borders, where the box stands. */
  private static List<Ops> squaresDrawn(List<Ops> ops) {
    boolean any = false;
    for (Ops op : ops) any |= op instanceof Ops.Image i && i.image().square();
    if (!any) return ops;
    List<Ops> out = new java.util.ArrayList<>(ops.size() + 4);
    for (Ops op : ops) {
      if (op instanceof Ops.Image i && i.image().square()) {
        for (Ops shape : i.image().shapes()) out.add(shape.moved(i.x(), i.y()));
      } else {
        out.add(op);
      }
    }
    return out;
  }

  void page(List<Ops> ops, List<Ops.Text> margins) throws IOException {
    ops = squaresDrawn(ops);
    PDPage page = new PDPage(size);
    doc.addPage(page);
    PDResources resources = new PDResources();
    // the names PDResources.add would give the first two fonts of a page
    COSDictionary fonts = new COSDictionary();
    fonts.setItem(REGULAR, regular.dictionary());
    fonts.setItem(BOLD, bold.dictionary());
    resources.getCOSObject().setItem(COSName.FONT, fonts);
    COSName regularName = REGULAR;
    COSName boldName = BOLD;
    Map<PDXObject, COSName> images = new IdentityHashMap<>();
    double h = size.getHeight();
    out.clear();
    int fill = -1;
    pageResources = resources;
    alphas.clear();
    alpha = 100;
    for (Ops op : ops) {
      if (invisible(op)) continue;
      if (op instanceof Ops.Rect r) {
        if (r.rgb() != fill) {
          color(r.rgb());
          fill = r.rgb();
        }
        num(r.x()).num(h - r.y() - r.h()).num(r.w()).num(r.h()).op("re f");
      } else if (op instanceof Ops.RoundRect || op instanceof Ops.RoundRing) {
        fill = rounded(op, fill, h);
      } else if (op instanceof Ops.Shape sh) {
        if (sh.rgb() != fill) {
          color(sh.rgb());
          fill = sh.rgb();
        }
        double[] d = sh.d();
        for (int i = 0; i < d.length; ) {
          int n = d[i] == 'c' ? 3 : 1;
          for (int k = 0; k < n; k++) num(d[i + 1 + 2 * k]).num(h - d[i + 2 + 2 * k]);
          op(d[i] == 'm' ? "m" : d[i] == 'l' ? "l" : "c");
          i += 1 + 2 * n;
        }
        op("h f");
      } else if (op instanceof Ops.Clipped c) {
        // in its own graphics state, which Q ends with the colour and alpha set before it
        int before = alpha;
        out.append("q\n");
        double top = Math.max(c.top(), -1);
        double bottom = Math.min(c.bottom(), h + 1);
        num(-1).num(h - bottom).num(size.getWidth() + 2).num(bottom - top).op("re W n");
        rounded(c.shape(), -1, h);
        out.append("Q\n");
        alpha = before;
      } else if (op instanceof Ops.Turned t && !(t.op() instanceof Ops.Text)) {
        // openhtmltopdf paints a turned box's layer in its own graphics state under the rotation's cm, so its
        // border and background are the unturned box's shapes; Q brings back the colour and alpha set before it
        int before = alpha;
        out.append("q\n");
        turn(t, h);
        op("cm");
        if (t.op() instanceof Ops.Rect r) {
          color(r.rgb());
          num(r.x()).num(h - r.y() - r.h()).num(r.w()).num(r.h()).op("re f");
        } else {
          rounded(t.op(), -1, h);
        }
        out.append("Q\n");
        alpha = before;
      } else if (op instanceof Ops.Oval o) {
        if (o.rgb() != fill) {
          color(o.rgb());
          fill = o.rgb();
        }
        oval(o, h);
      } else if (op instanceof Ops.Dash d) {
        // openhtmltopdf's patterned border side: a butt-capped stroke twice the border's width along its middle,
        // clipped to the side's mitred quadrilateral, in its own graphics state
        double[] c = d.clip();
        out.append("q\n");
        num(c[0]).num(h - c[1]).op("m");
        for (int k = 2; k < 8; k += 2) num(c[k]).num(h - c[k + 1]).op("l");
        op("h W n");
        num(d.width()).op("w 0 J 2 j");
        out.append('[');
        num(d.on()).num(d.off()).op("] 0 d");
        components(d.rgb()).op("RG");
        num(d.x1()).num(h - d.y1()).op("m");
        num(d.x2()).num(h - d.y2()).op("l S Q");
      } else if (op instanceof Ops.Image i) {
        Picture p = i.image();
        COSName name = images.computeIfAbsent(p.object(), x -> x instanceof PDFormXObject form ? resources.add(form)
            : resources.add((PDImageXObject) x));
        out.append("q ");
        // an image fills the unit square; a drawing's matrix already makes its pixels points (HtmlSvg)
        double sx = p.drawing() ? i.w() / (p.width() * Styles.PX) : i.w();
        double sy = p.drawing() ? i.h() / (p.height() * Styles.PX) : i.h();
        num(sx).out.append("0 0 ");
        num(sy).num(i.x()).num(h - i.y() - i.h()).out.append("cm /").append(name.getName()).append(" Do Q\n");
      }
    }
    out.append("BT\n");
    // the margin boxes first, where the HTML engine writes them, so both extract in the same order
    boolean isBold = false;
    boolean isMono = false;
    boolean isOblique = false;
    double fontSize = Double.NaN;
    double spacing = 0;
    int count = ops.size();
    for (int k = -margins.size(); k < count; k++) {
      Ops o = k < 0 ? margins.get(k + margins.size()) : ops.get(k);
      Ops.Turned turned = o instanceof Ops.Turned r ? r : null;
      if (turned != null) o = turned.op();
      Ops.ClippedText clipped = o instanceof Ops.ClippedText c ? c : null;
      if (clipped != null) {
        // a clipping path is made outside a text object, in a graphics state of its own; Q brings back the font,
        // colour and spacing set before it
        int before = alpha;
        out.append("ET\nq\n");
        double bottom = Math.min(clipped.bottom(), h + 1);
        double top = Math.max(clipped.top(), -1);
        num(clipped.left()).num(h - bottom).num(clipped.right() - clipped.left()).num(bottom - top).op("re W n");
        out.append("BT\n");
        Ops.Text t = clipped.text();
        font(t.bold() ? boldName : regularName, t.size());
        color(t.rgb());
        num(t.spacing()).op("Tc");
        text(t, h, t.bold() ? boldFace : regularFace, t.bold() ? bold : regular, null);
        out.append("ET\nQ\nBT\n");
        alpha = before;
        continue;
      }
      if (!(o instanceof Ops.Text t)) continue;
      if (t.bold() != isBold || t.mono() != isMono || t.oblique() != isOblique || t.size() != fontSize) {
        font(t.mono() ? monoName(fonts, t.bold(), t.oblique()) : t.bold() ? boldName : regularName, t.size());
        isBold = t.bold();
        isMono = t.mono();
        isOblique = t.oblique();
        fontSize = t.size();
      }
      if (t.rgb() != fill) {
        color(t.rgb());
        fill = t.rgb();
      }
      if (t.spacing() != spacing) {
        num(t.spacing()).op("Tc");
        spacing = t.spacing();
      }
      if (t.mono()) text(t, h, t.bold() ? monoBoldFace : monoFace, null, turned);
      else if (t.bold()) text(t, h, boldFace, bold, turned);
      else text(t, h, regularFace, regular, turned);
    }
    out.append("ET\n");
    out.digestInto(digest);
    page.setContents(new PDStream(doc, out.stream(), COSName.FLATE_DECODE));
    page.setResources(resources);
    for (Ops op : ops) {
      if (!(op instanceof Ops.Link l)) continue;
      org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink link =
          new org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink();
      link.setRectangle(new PDRectangle((float) l.x(), (float) (h - l.y() - l.h()), (float) l.w(), (float) l.h()));
      org.apache.pdfbox.pdmodel.interactive.action.PDActionURI action =
          new org.apache.pdfbox.pdmodel.interactive.action.PDActionURI();
      action.setURI(l.uri());
      link.setAction(action);
      link.setBorderStyle(new org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary());
      link.getBorderStyle().setWidth(0);
      page.getAnnotations().add(link);
      digest.update(l.uri().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static final COSName REGULAR = COSName.getPDFName("F1");
  private static final COSName BOLD = COSName.getPDFName("F2");
  /** Courier, Courier-Bold, Courier-Oblique and Courier-BoldOblique: their names on a page, and the fonts. */
  private static final COSName[] MONO_NAMES = {COSName.getPDFName("F3"), COSName.getPDFName("F4"),
      COSName.getPDFName("F5"), COSName.getPDFName("F6")};
  private static final Standard14Fonts.FontName[] MONO_FONTS = {Standard14Fonts.FontName.COURIER,
      Standard14Fonts.FontName.COURIER_BOLD, Standard14Fonts.FontName.COURIER_OBLIQUE,
      Standard14Fonts.FontName.COURIER_BOLD_OBLIQUE};

  /** The index of a Courier face in {@link #MONO_NAMES} and {@link #MONO_FONTS}. */
  private static int monoIndex(boolean isBold, boolean isOblique) {
    return (isBold ? 1 : 0) + (isOblique ? 2 : 0);
  }

  /**
   * The page's name for a face of Courier, added to its fonts when the page first uses it. The oblique faces share
   * Courier's metrics, so they are measured by its faces.
   */
  private COSName monoName(COSDictionary fonts, boolean isBold, boolean isOblique) {
    int k = monoIndex(isBold, isOblique);
    if (monoFonts[k] == null) monoFonts[k] = new PDType1Font(MONO_FONTS[k]).getCOSObject();
    fonts.setItem(MONO_NAMES[k], monoFonts[k]);
    return MONO_NAMES[k];
  }

  /**
   * A line of text: two-byte glyph ids of an embedded font (whose subset takes each code point), or, with no
   * {@code font}, a built-in font's one-byte WinAnsiEncoding codes ({@link Face#glyph}), as PDFBox writes them.
   */
  private void text(Ops.Text t, double h, Face face, EmbeddedFont font, Ops.Turned turned) {
    if (turned == null) {
      out.append("1 0 0 1 ");
      num(t.x()).num(h - t.y()).out.append("Tm <");
    } else {
      // the text matrix openhtmltopdf's rotation about the centre (cm) and its text position (Tm) make together
      turn(turned, h);
      out.append("Tm <");
    }
    String s = t.text();
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      int glyph = face.glyph(cp);
      if (font == null) {
        out.hex2(glyph);
      } else {
        font.use(cp);
        out.hex4(glyph);
      }
    }
    out.append("> Tj\n");
  }

  /**
   * The six numbers of the matrix turning {@code t} about its centre, as page space sees it, or, for a line of
   * text, that matrix with the line's start as its origin (a text matrix). Clockwise on the page is anticlockwise
   * in PDF space, whose y goes up.
   */
  private void turn(Ops.Turned t, double h) {
    double a = Math.toRadians(-t.degrees());
    double cos = Math.cos(a), sin = Math.sin(a);
    double cx = t.cx(), cy = h - t.cy();
    double x = -cx, y = -cy;
    if (t.op() instanceof Ops.Text text) {
      x += text.x();
      y += h - text.y();
    }
    // the matrix's turn in five decimals: in three, a shape's corners 500 pt from the page's origin would move by a
    // tenth of a point (sin 15° is 0.25882), which shows along a stamp's edges
    fine(cos).fine(sin).fine(-sin).fine(cos).num(cx + cos * x - sin * y).num(cy + sin * x + cos * y);
  }

  private void font(COSName name, double fontSize) {
    out.append('/').append(name.getName()).append(' ');
    num(fontSize).op("Tf");
  }

  /** Four Bézier quarters, with the control distance Java2D's Ellipse2D (and so openhtmltopdf) uses. */
  private void oval(Ops.Oval o, double h) {
    double k = 0.5522847498307933;
    double rx = o.w() / 2;
    double ry = o.h() / 2;
    double cx = o.x() + rx;
    double cy = h - o.y() - ry;
    num(cx + rx).num(cy).op("m");
    num(cx + rx).num(cy + ry * k).num(cx + rx * k).num(cy + ry).num(cx).num(cy + ry).op("c");
    num(cx - rx * k).num(cy + ry).num(cx - rx).num(cy + ry * k).num(cx - rx).num(cy).op("c");
    num(cx - rx).num(cy - ry * k).num(cx - rx * k).num(cy - ry).num(cx).num(cy - ry).op("c");
    num(cx + rx * k).num(cy - ry).num(cx + rx).num(cy - ry * k).num(cx + rx).num(cy).op("c");
    op("f");
  }

  /**
   * Whether {@code op} is a filled shape of no opacity (a transparent border, square or rounded): it paints
   * nothing, and openhtmltopdf writes no fill for it either.
   */
  private static boolean invisible(Ops op) {
    return op instanceof Ops.Rect r && Ops.alpha(r.rgb()) == 0 || op instanceof Ops.Shape sh && Ops.alpha(sh.rgb()) == 0
        || op instanceof Ops.RoundRect rr && Ops.alpha(rr.rgb()) == 0
        || op instanceof Ops.RoundRing ring && Ops.alpha(ring.rgb()) == 0;
  }

  /** A rounded background or border in its colour, which is returned as the fill colour now set. */
  private int rounded(Ops op, int fill, double h) {
    if (op instanceof Ops.RoundRect r) {
      if (r.rgb() != fill) color(r.rgb());
      roundRect(r, h);
      return r.rgb();
    }
    Ops.RoundRing r = (Ops.RoundRing) op;
    if (r.rgb() != fill) color(r.rgb());
    roundPath(r.x(), r.y(), r.w(), r.h(), r.rx(), r.ry(), h);
    double t = r.t();
    roundPath(r.x() + t, r.y() + t, r.w() - 2 * t, r.h() - 2 * t, Math.max(0, r.rx() - t), Math.max(0, r.ry() - t), h);
    op("f*");
    return r.rgb();
  }

  /** A rounded rectangle: four sides and four quarter ellipses of Bézier curves, anticlockwise from the right. */
  private void roundRect(Ops.RoundRect r, double h) {
    roundPath(r.x(), r.y(), r.w(), r.h(), r.rx(), r.ry(), h);
    op("f");
  }

  /** The path of a rounded rectangle, not yet filled. */
  private void roundPath(double x, double y, double w, double hh, double rx, double ry, double h) {
    double k = 0.5522847498307933;
    double l = x;
    double right = x + w;
    double top = h - y;
    double bottom = top - hh;
    num(right).num(bottom + ry).op("m");
    num(right).num(top - ry).op("l");
    num(right).num(top - ry + ry * k).num(right - rx + rx * k).num(top).num(right - rx).num(top).op("c");
    num(l + rx).num(top).op("l");
    num(l + rx - rx * k).num(top).num(l).num(top - ry + ry * k).num(l).num(top - ry).op("c");
    num(l).num(bottom + ry).op("l");
    num(l).num(bottom + ry - ry * k).num(l + rx - rx * k).num(bottom).num(l + rx).num(bottom).op("c");
    num(right - rx).num(bottom).op("l");
    num(right - rx + rx * k).num(bottom).num(right).num(bottom + ry - ry * k).num(right).num(bottom + ry).op("c");
    op("h");
  }

  /** A colour's red, green and blue, 0 to 1, for the fill ({@code rg}) or stroke ({@code RG}) operator. */
  private Painter components(int rgb) {
    return num(((rgb >> 16) & 0xff) / 255.0).num(((rgb >> 8) & 0xff) / 255.0).num((rgb & 0xff) / 255.0);
  }

  private void color(int rgb) {
    components(rgb).op("rg");
    int a = (int) Math.round(Ops.alpha(rgb) * 100);
    if (a != alpha) {
      // as openhtmltopdf: the fill alpha of an rgba() colour is an ExtGState's /ca, set again whenever it changes
      COSName name = alphas.computeIfAbsent(a, k -> {
        org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState gs =
            new org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState();
        gs.setNonStrokingAlphaConstant(k / 100f);
        return pageResources.add(gs);
      });
      out.append('/').append(name.getName()).append(" gs\n");
      alpha = a;
    }
  }

  /** The page's resources, its ExtGStates by alpha in hundredths, and the alpha in force (100: opaque). */
  private PDResources pageResources;
  private final Map<Integer, COSName> alphas = new java.util.HashMap<>();
  private int alpha = 100;

  private Painter op(String operator) {
    out.append(operator).append('\n');
    return this;
  }

  /** A number between -1 and 1 with at most five decimals and a trailing space: a turn's cosine or sine. */
  private Painter fine(double v) {
    return decimals(v, 100_000);
  }

  /** A number with at most three decimals and a trailing space: enough for 1/1000 pt, and deterministic. */
  private Painter num(double v) {
    return decimals(v, 1_000);
  }

  /** {@code v} rounded to 1/{@code scale} (a power of ten), without trailing zeros, and a space. */
  private Painter decimals(double v, long scale) {
    long units = Math.round(v * scale);
    if (units < 0) {
      out.append('-');
      units = -units;
    }
    out.append(units / scale);
    long frac = units % scale;
    if (frac != 0) {
      out.append('.');
      for (long p = scale / 10; p > frac; p /= 10) out.append('0');
      while (frac % 10 == 0) frac /= 10;
      out.append(frac);
    }
    out.append(' ');
    return this;
  }
}
