package dev.platen.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The bundled DejaVu fonts, parsed once per render thread. Parsing a 700 KB TrueType file per document cost more
 * than the whole rest of a one-page render (spec/stack.md 2.2: 13.4 ms → 8.2 ms per invoice). A parsed font is
 * not safe to share between threads, hence one copy per thread; renders are meant to run on a fixed pool of
 * platform threads, where this costs two parses per thread for the life of the process.
 */
final class ThreadFonts {
  private ThreadFonts() {}

  record Faces(TrueTypeFont regular, TrueTypeFont bold) {}

  private static final byte[] REGULAR = resource("/fonts/DejaVuSans.ttf");
  private static final byte[] BOLD = resource("/fonts/DejaVuSans-Bold.ttf");

  private static final ThreadLocal<Faces> PARSED = ThreadLocal.withInitial(() -> new Faces(parse(REGULAR), parse(BOLD)));

  static Faces current() {
    return PARSED.get();
  }

  private static TrueTypeFont parse(byte[] bytes) {
    try {
      return new TTFParser().parse(new RandomAccessReadBuffer(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("bundled font does not parse", e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = ThreadFonts.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("font " + name + " is missing from the classpath");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read font " + name, e);
    }
  }
}
