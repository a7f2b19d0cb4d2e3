package dev.platen.render.direct;

import dev.platen.render.pdf.ThreadFonts;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** The measuring faces of this thread, built over the same parsed fonts the HTML engine embeds. */
final class Fonts {
  private Fonts() {}

  /**
   * The bundled faces, and openhtmltopdf's built-in Courier (regular and bold) for text in a monospace family.
   */
  record Pair(Face regular, Face bold, Face mono, Face monoBold) {
    Face of(boolean isBold, boolean isMono) {
      return isMono ? isBold ? monoBold : mono : isBold ? bold : regular;
    }
  }

  private static final ThreadLocal<Pair> CURRENT = new ThreadLocal<>();

  static Pair current() {
    TrueTypeFont regular = ThreadFonts.current().regular();
    Pair pair = CURRENT.get();
    if (pair == null || pair.regular().ttf != regular) {
      Face dejaVu = new Face(regular);
      Face dejaVuBold = new Face(ThreadFonts.current().bold());
      pair = new Pair(dejaVu, dejaVuBold, new Face(new PDType1Font(Standard14Fonts.FontName.COURIER), dejaVu),
          new Face(new PDType1Font(Standard14Fonts.FontName.COURIER_BOLD), dejaVuBold));
      CURRENT.set(pair);
    }
    return pair;
  }
}
