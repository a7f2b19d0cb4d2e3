package dev.platen.render.direct;

import java.text.BreakIterator;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where openhtmltopdf may break a line inside a text: its UrlAwareLineBreakIterator over the JDK's line breaks
 * (after a hyphen, among others), which also breaks before each slash that is not at a piece's edge, and after
 * "://" only at the next break past it. Ported step by step, so the places are openhtmltopdf's for any text,
 * URLs included; both the column measure of automatic table layout and the line breaker use them.
 */
final class LineBreaks {
  private LineBreaks() {}

  /** The characters the iterator trims off a piece's ends before it looks for a slash in it. */
  private static final String BREAKING = ".,:;!?- \n\r\t/";

  private static final ThreadLocal<BreakIterator> LINES =
      ThreadLocal.withInitial(() -> BreakIterator.getLineInstance(Locale.US));

  /** The places after 0, in order, the text's length last, as the iterator's {@code next()} returns them. */
  static int[] of(String text) {
    BreakIterator delegate = LINES.get();
    delegate.setText(text);
    // the iterator's current range [start, stop) and the range it looks for a slash in
    int start = delegate.current();
    int stop = start;
    int[] out = new int[8];
    int n = 0;
    while (true) {
      int from = start;
      if (start == delegate.current()) {
        int next = delegate.next();
        if (next == BreakIterator.DONE) break;
        stop = Math.max(start, next);
        if (stop >= 1 && stop + 2 <= text.length() && text.startsWith("://", stop - 1)) {
          from = stop + 2;
          stop = Math.max(start, delegate.next());
        }
      }
      int to = Math.max(from, stop);
      while (from < stop && BREAKING.indexOf(text.charAt(from)) >= 0) from++;
      to = Math.max(from, to);
      while (to > from && BREAKING.indexOf(text.charAt(to - 1)) >= 0) to--;
      int slash = text.indexOf('/', from);
      start = slash >= 0 && slash < to ? slash : delegate.current();
      stop = Math.max(start, stop);
      if (n == out.length) out = Arrays.copyOf(out, n * 2);
      out[n++] = start;
    }
    return Arrays.copyOf(out, n);
  }
}
