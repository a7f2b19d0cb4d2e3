package dev.platen.render.direct;

import dev.platen.render.pdf.ThreadFonts;
import org.apache.fontbox.ttf.TrueTypeFont;

/** The measuring faces of this thread, built over the same parsed fonts the HTML engine embeds. */
final class Fonts {
  private Fonts() {}

  record Pair(Face regular, Face bold) {}

  private static final ThreadLocal<Pair> CURRENT = new ThreadLocal<>();

  static Pair current() {
    TrueTypeFont regular = ThreadFonts.current().regular();
    Pair pair = CURRENT.get();
    if (pair == null || pair.regular().ttf != regular) {
      pair = new Pair(new Face(regular), new Face(ThreadFonts.current().bold()));
      CURRENT.set(pair);
    }
    return pair;
  }
}
