package dev.platen.render.direct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;
import org.apache.pdfbox.pdmodel.font.encoding.WinAnsiEncoding;

/**
 * Advance widths of one parsed font, in thousandths of an em, cached per code point of the Basic Multilingual
 * Plane. Measuring is most of what line breaking does, and a cmap + hmtx lookup per character per document would
 * cost more than the drawing. Belongs to one thread, like the {@link TrueTypeFont} it reads.
 */
final class Face {
  /** Marks a code point the font has no glyph for: the document goes to the HTML engine. */
  static final float MISSING = -1f;

  /** The bundled font, or null for a built-in PDF font ({@link #type1}). */
  final TrueTypeFont ttf;
  /**
   * One of the standard 14 fonts, which openhtmltopdf draws unembedded in WinAnsiEncoding (its Courier for
   * {@code monospace}), or null; measured by its AFM metrics, as PDFBox measures it there. Its "glyphs" are the
   * one-byte codes of that encoding.
   */
  final PDType1Font type1;
  private final CmapLookup cmap;
  private final float scale;
  private final float[] widths = new float[0x10000];
  private final int[] glyphs = new int[0x10000];
  private final boolean[] known = new boolean[0x10000];
  /** hhea ascent and descent as fractions of the em; CSS line boxes are built from them. */
  final float ascent;
  final float descent;
  /**
   * The last subsets embedded, by the code points they hold: documents of one template mostly use the same
   * characters, and making the subset (TTFSubsetter, then deflate) was a quarter of a direct invoice's CPU.
   */
  final Map<BitSet, EmbeddedFont.Subset> subsets = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<BitSet, EmbeddedFont.Subset> eldest) {
      return size() > 32;
    }
  };

  /**
   * @param fallback the face openhtmltopdf falls back to after it (DejaVu Sans, for what Courier lacks): its font
   *     holds both, and takes the larger ascent and descent of the two for line boxes (measured: a Courier line's
   *     baseline moved by DejaVu's metrics once DejaVu was registered as the final fallback)
   */
  Face(PDType1Font type1, Face fallback) {
    this.ttf = null;
    this.type1 = type1;
    this.cmap = null;
    this.scale = 1;
    // openhtmltopdf's PdfBoxRawPDFontMetrics: the font descriptor's ascent and descent
    this.ascent = Math.max(type1.getFontDescriptor().getAscent() / 1000, fallback.ascent);
    this.descent = Math.max(-type1.getFontDescriptor().getDescent() / 1000, fallback.descent);
  }

  Face(TrueTypeFont ttf) {
    try {
      this.type1 = null;
      this.ttf = ttf;
      this.cmap = ttf.getUnicodeCmapLookup();
      this.scale = 1000f / ttf.getUnitsPerEm();
      this.ascent = ttf.getHorizontalHeader().getAscender() / (float) ttf.getUnitsPerEm();
      this.descent = -ttf.getHorizontalHeader().getDescender() / (float) ttf.getUnitsPerEm();
    } catch (IOException e) {
      throw new UncheckedIOException("bundled font has no usable tables", e);
    }
  }

  /** Advance of one code point in 1/1000 em, or {@link #MISSING}. */
  float width(int cp) {
    if (cp < 0x10000 && known[cp]) return widths[cp];
    float w;
    int gid;
    try {
      if (type1 != null) {
        gid = code(cp);
        w = gid == 0 ? MISSING : type1.getWidth(gid);
      } else {
        gid = cmap.getGlyphId(cp);
        w = gid == 0 ? MISSING : ttf.getAdvanceWidth(gid) * scale;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("bundled font cannot be read", e);
    }
    if (cp < 0x10000) {
      widths[cp] = w;
      glyphs[cp] = gid;
      known[cp] = true;
    }
    return w;
  }

  /** The WinAnsiEncoding code of a code point in a built-in font, or 0 where it has none (or no glyph for it). */
  private int code(int cp) {
    if (cp >= 0x10000 || Character.isISOControl(cp)) return 0;
    String name = GlyphList.getAdobeGlyphList().codePointToName(cp);
    Integer code = WinAnsiEncoding.INSTANCE.getNameToCodeMap().get(name);
    if (code == null || code == 0) return 0;
    try {
      return type1.hasGlyph(name) ? code : 0;
    } catch (IOException e) {
      throw new UncheckedIOException("built-in font cannot be read", e);
    }
  }

  /** The code points the font's cmap maps to a glyph, or null. */
  List<Integer> charCodes(int gid) {
    return cmap.getCharCodes(gid);
  }

  /** The glyph id of a code point already measured (0 when the font lacks it). */
  int glyph(int cp) {
    if (cp < 0x10000 && known[cp]) return glyphs[cp];
    width(cp);
    return cp < 0x10000 ? glyphs[cp] : type1 != null ? 0 : cmap.getGlyphId(cp);
  }
}
