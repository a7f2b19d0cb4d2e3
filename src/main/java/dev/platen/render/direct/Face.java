package dev.platen.render.direct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TrueTypeFont;

/**
 * Advance widths of one parsed font, in thousandths of an em, cached per code point of the Basic Multilingual
 * Plane. Measuring is most of what line breaking does, and a cmap + hmtx lookup per character per document would
 * cost more than the drawing. Belongs to one thread, like the {@link TrueTypeFont} it reads.
 */
final class Face {
  /** Marks a code point the font has no glyph for: the document goes to the HTML engine. */
  static final float MISSING = -1f;

  final TrueTypeFont ttf;
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

  Face(TrueTypeFont ttf) {
    try {
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
      gid = cmap.getGlyphId(cp);
      w = gid == 0 ? MISSING : ttf.getAdvanceWidth(gid) * scale;
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

  /** The code points the font's cmap maps to a glyph, or null. */
  List<Integer> charCodes(int gid) {
    return cmap.getCharCodes(gid);
  }

  /** The glyph id of a code point already measured (0 when the font lacks it). */
  int glyph(int cp) {
    if (cp < 0x10000 && known[cp]) return glyphs[cp];
    width(cp);
    return cp < 0x10000 ? glyphs[cp] : cmap.getGlyphId(cp);
  }
}
