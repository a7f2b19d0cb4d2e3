package dev.platen.render.direct;

import java.util.ArrayList;
import java.util.List;

/**
 * Line breaking as the HTML engine does it for this document model: white space collapsed, breaks at spaces,
 * words longer than the line broken anywhere (table cells ask for {@code word-wrap: break-word}), explicit line
 * breaks only where the engine writes {@code <br/>}.
 */
final class Text {
  private Text() {}

  /**
   * The printable text: characters XML 1.0 forbids dropped (the HTML engine's escaping drops them too), runs of
   * white space collapsed to one space, each line trimmed.
   *
   * @param keepBreaks keep line breaks (heading and text blocks); elsewhere they are white space
   */
  static String clean(String s, boolean keepBreaks) {
    if (s == null || s.isEmpty()) return "";
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\r') {
        if (i < s.length() && s.charAt(i) == '\n') continue;
        cp = '\n';
      }
      if (cp == '\n' && keepBreaks) {
        trimEnd(out);
        out.append('\n');
        space = false;
        continue;
      }
      if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\f') {
        space = true;
        continue;
      }
      if (!(cp >= 0x20 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF)) continue;
      if (space && !out.isEmpty() && out.charAt(out.length() - 1) != '\n') out.append(' ');
      space = false;
      out.appendCodePoint(cp);
    }
    // a final <br/> ends the last line without opening a new one
    if (!out.isEmpty() && out.charAt(out.length() - 1) == '\n') out.setLength(out.length() - 1);
    // trailing white space is not printed, but openhtmltopdf measures the last word with it (see paragraph)
    if (space && !out.isEmpty() && out.charAt(out.length() - 1) != '\n') out.append(' ');
    return out.toString();
  }

  private static void trimEnd(StringBuilder out) {
    while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') out.setLength(out.length() - 1);
  }

  /** Width in points; throws when a character needs the HTML engine. */
  static double width(Face face, String s, double size, double spacing) throws Unsupported {
    double w = 0;
    int n = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      w += advance(face, cp);
      n++;
    }
    return w * size / 1000 + spacing * n;
  }

  static float advance(Face face, int cp) throws Unsupported {
    if (cp >= 0x0590 && needsShaping(cp)) throw new Unsupported("text in a script that needs shaping or bidi");
    float a = face.width(cp);
    if (a == Face.MISSING) {
      throw new Unsupported("the character U+" + Integer.toHexString(cp).toUpperCase() + " is not in the font");
    }
    return a;
  }

  /**
   * Scripts from Hebrew on need bidi reordering or shaping that only the HTML engine has; symbol and punctuation
   * blocks and the Latin/Greek extensions are drawn glyph by glyph like Latin.
   */
  private static boolean needsShaping(int cp) {
    return !(cp >= 0x1E00 && cp <= 0x1FFF || cp >= 0x2000 && cp <= 0x2BFF || cp >= 0xFB00 && cp <= 0xFB06);
  }

  record Line(String text, double width) {}

  /** Lines of at most {@code max} points (a single character may exceed it). */
  static List<Line> wrap(Face face, String text, double size, double spacing, double max) throws Unsupported {
    List<Line> lines = new ArrayList<>(2);
    if (text.isEmpty()) return lines;
    double scale = size / 1000;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) end = text.length();
      paragraph(face, text, start, end, scale, spacing, max, lines);
      start = end + 1;
    }
    return lines;
  }

  /**
   * Greedy, word by word. A word fits only if the space after it fits too: openhtmltopdf measures a word with its
   * trailing space (seen on its output: a cell of 207.1 pt text plus a final space wraps in 208.9 pt), and
   * matching that is what keeps the two engines breaking table rows, and so pages, at the same places.
   */
  private static void paragraph(Face face, String text, int from, int to, double scale, double spacing, double max,
      List<Line> lines) throws Unsupported {
    if (from == to) {
      lines.add(new Line("", 0));
      return;
    }
    double space = advance(face, ' ') * scale + spacing;
    int lineStart = from;
    double lineWidth = 0;
    int i = from;
    while (i < to) {
      int j = text.indexOf(' ', i);
      if (j < 0 || j > to) j = to;
      double word = width(face, text, i, j, scale, spacing);
      double after = j < to ? space : 0;
      double gap = i > lineStart ? space : 0;
      if (i > lineStart && lineWidth + gap + word + after > max + 0.01) {
        lines.add(new Line(text.substring(lineStart, i - 1), lineWidth));
        lineStart = i;
        lineWidth = 0;
        gap = 0;
      }
      if (i == lineStart && word > max + 0.01) {
        // a word wider than the line: broken anywhere (word-wrap: break-word), the rest starts the current line
        int k = i;
        double w = 0;
        for (int c = i; c < j; ) {
          int cp = text.codePointAt(c);
          double cw = advance(face, cp) * scale + spacing;
          if (w + cw > max + 0.01 && c > k) {
            lines.add(new Line(text.substring(k, c), w));
            k = c;
            w = 0;
          }
          w += cw;
          c += Character.charCount(cp);
        }
        lineStart = k;
        lineWidth = w;
      } else {
        lineWidth += gap + word;
      }
      i = j + 1;
    }
    int end = to;
    while (end > lineStart && text.charAt(end - 1) == ' ') end--;
    lines.add(new Line(text.substring(lineStart, end), lineWidth));
  }

  private static double width(Face face, String s, int from, int to, double scale, double spacing)
      throws Unsupported {
    double w = 0;
    for (int i = from; i < to; ) {
      int cp = s.codePointAt(i);
      w += advance(face, cp) * scale + spacing;
      i += Character.charCount(cp);
    }
    return w;
  }
}
