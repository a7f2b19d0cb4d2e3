package dev.platen.render.handlebars;

import dev.platen.render.RenderException;
import java.io.Writer;

/** Collects the template's output and stops the render once it passes the limit, before memory runs out. */
final class CappedWriter extends Writer {
  private final StringBuilder out = new StringBuilder(16 * 1024);
  private final int maxChars;

  CappedWriter(int maxChars) {
    this.maxChars = maxChars;
  }

  @Override public void write(char[] buf, int off, int len) {
    check(len);
    out.append(buf, off, len);
  }

  @Override public void write(String s, int off, int len) {
    check(len);
    out.append(s, off, off + len);
  }

  @Override public Writer append(CharSequence csq) {
    CharSequence s = csq == null ? "null" : csq;
    check(s.length());
    out.append(s);
    return this;
  }

  @Override public Writer append(CharSequence csq, int start, int end) {
    CharSequence s = csq == null ? "null" : csq;
    check(end - start);
    out.append(s, start, end);
    return this;
  }

  @Override public void write(int c) {
    check(1);
    out.append((char) c);
  }

  private void check(int more) {
    if ((long) out.length() + more > maxChars) {
      throw new HelperFailure(new RenderException("document HTML exceeds " + (maxChars / (1024 * 1024)) + " MB",
          false));
    }
  }

  @Override public void flush() {}

  @Override public void close() {}

  @Override public String toString() { return out.toString(); }
}
