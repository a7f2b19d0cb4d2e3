package dev.platen.render.pdf;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The bundled fonts, parsed once per render thread. Parsing a 700 KB TrueType file per document cost more than the
 * whole rest of a one-page render (docs/decisions.md S3: 13.4 ms → 8.2 ms per invoice). A parsed font is not safe to
 * share between threads, hence one copy per thread; renders are meant to run on a fixed pool of platform threads,
 * where this costs a few parses per thread for the life of the process.
 *
 * <p>DejaVu Sans covers Latin, Greek, Cyrillic, Hebrew and Arabic. Droid Sans Fallback (Chinese, Japanese,
 * Korean) is a 4 MB file, so a thread parses it only when it first meets a document that needs it, and a document
 * only gets it registered when some character is missing from DejaVu. A character missing from both is drawn as
 * U+FFFD (a visible replacement mark from DejaVu) instead of being left out silently.
 */
public final class ThreadFonts {
  private ThreadFonts() {}

  /** The bundled face; style sheets name it first. */
  private static final String FAMILY = "DejaVu Sans";
  static final String FALLBACK_FAMILY = "Droid Sans Fallback";
  /**
   * Generic names map to the bundled face too, so markup asking for any other family still gets DejaVu.
   * openhtmltopdf looks {@code sans-serif} and {@code serif} up as "SansSerif" and "Serif" (FontUtil
   * normalizes the name asked for, not the one registered); registered only under the CSS names, they fell
   * through to its built-in Helvetica and Times.
   */
  private static final List<String> GENERIC = List.of(FAMILY, "sans-serif", "serif", "SansSerif", "Serif");

  /**
   * Families a template names that are not bundled, set in DejaVu Sans as a browser sets a missing font in its
   * default one (D64): the fonts of the web's and the office's usual stacks, sans and serif. openhtmltopdf would set
   * a list naming only them in its built-in Times-Roman (Helvetica for {@code Helvetica}), whose Latin-1 encoding
   * prints '#' for a Polish or Czech name.
   */
  public static final List<String> ALIASES = List.of("Arial", "Helvetica", "Helvetica Neue", "Verdana", "Tahoma",
      "Trebuchet MS", "Segoe UI", "Roboto", "Open Sans", "Lato", "Montserrat", "Source Sans Pro", "Source Sans 3",
      "Noto Sans", "Inter", "Calibri", "Candara", "Gill Sans", "Ubuntu", "Oxygen", "Cantarell", "Fira Sans",
      "Droid Sans", "system-ui", "-apple-system", "BlinkMacSystemFont", "Liberation Sans", "Nunito", "Poppins",
      "Raleway", "PT Sans", "Work Sans", "IBM Plex Sans", "Arial Narrow", "Lucida Grande", "Lucida Sans Unicode",
      "Geneva", "Avenir", "Futura", "Times", "Times New Roman", "Georgia", "Garamond", "Cambria", "Palatino",
      "Palatino Linotype", "Book Antiqua", "Baskerville", "Merriweather", "PT Serif", "Noto Serif",
      "Liberation Serif", "Source Serif Pro", "Lora", "DejaVu Serif");

  private static final List<String> FAMILIES = java.util.stream.Stream.concat(GENERIC.stream(), ALIASES.stream())
      .toList();
  private static final int REPLACEMENT = 0xFFFD;
  private static final List<FontStyle> STYLES = List.of(FontStyle.NORMAL, FontStyle.ITALIC);

  public record Faces(TrueTypeFont regular, TrueTypeFont bold, CmapLookup cmap) {}

  /** Text ready for layout, and whether it needs the fallback font. */
  public record Coverage(String text, boolean fallback) {}

  private static final byte[] REGULAR = resource("/fonts/DejaVuSans.ttf");
  private static final byte[] BOLD = resource("/fonts/DejaVuSans-Bold.ttf");
  private static final byte[] FALLBACK = resource("/fonts/DroidSansFallbackFull.ttf");

  private static final ThreadLocal<Faces> PARSED = ThreadLocal.withInitial(() -> {
    TrueTypeFont regular = parse(REGULAR);
    return new Faces(regular, parse(BOLD), cmap(regular));
  });

  private static final ThreadLocal<Fallback> PARSED_FALLBACK = ThreadLocal.withInitial(() -> {
    TrueTypeFont font = parse(FALLBACK);
    return new Fallback(font, cmap(font));
  });

  private record Fallback(TrueTypeFont font, CmapLookup cmap) {}

  public static Faces current() {
    return PARSED.get();
  }

  /**
   * Checks every character against the fonts: those no bundled font can draw become U+FFFD, and the fallback font
   * is asked for only when DejaVu lacks something. Markup, CSS and data: URIs are ASCII and pass untouched.
   */
  public static Coverage cover(String html) {
    CmapLookup dejaVu = current().cmap();
    CmapLookup fallback = null;
    StringBuilder out = null;
    for (int i = 0; i < html.length(); ) {
      int cp = html.codePointAt(i);
      int next = i + Character.charCount(cp);
      boolean keep = true;
      int replacement = -1;
      if (cp >= 0x80 && !invisible(cp) && dejaVu.getGlyphId(cp) == 0) {
        if (fallback == null) fallback = PARSED_FALLBACK.get().cmap();
        if (fallback.getGlyphId(cp) == 0) {
          keep = false;
          // a variation selector only picks a glyph style: dropping it is invisible, a mark would be noise
          if (!(cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF)) replacement = REPLACEMENT;
        }
      }
      if (!keep && out == null) out = new StringBuilder(html.length()).append(html, 0, i);
      if (out != null) {
        if (keep) out.appendCodePoint(cp);
        else if (replacement > 0) out.appendCodePoint(replacement);
      }
      i = next;
    }
    return new Coverage(out == null ? html : out.toString(), fallback != null);
  }

  /** Spaces and format characters (joiners, direction marks) have no glyph of their own and need none. */
  private static boolean invisible(int cp) {
    int type = Character.getType(cp);
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.FORMAT
        || type == Character.CONTROL;
  }

  /**
   * Registers the fonts with a builder for one document and returns the bold face, which the watermark uses.
   *
   * @param fallback also register Droid Sans Fallback, as the family the style sheet lists after DejaVu
   */
  public static PDType0Font register(FontedBuilder builder, PDDocument doc, boolean fallback) throws IOException {
    Faces faces = current();
    PDType0Font bold = PDType0Font.load(doc, faces.bold(), true);
    PDFontSupplier regularFont = new PDFontSupplier(PDType0Font.load(doc, faces.regular(), true));
    PDFontSupplier boldFont = new PDFontSupplier(bold);
    // no oblique face is bundled: italic text is set upright in DejaVu rather than in a fallback font that lacks
    // most non-Latin glyphs
    for (FontStyle style : STYLES) {
      for (String family : FAMILIES) {
        builder.useFont(regularFont, family, 400, style, true);
        builder.useFont(boldFont, family, 700, style, true);
      }
      // what a family it does set in a built-in font lacks (Courier's ł, any list's 北京) falls to these last, not
      // to '#': openhtmltopdf tries them after its built-in fonts
      builder.useFallbackFont(regularFont, FAMILY, 400, style);
      builder.useFallbackFont(boldFont, FAMILY, 700, style);
    }
    if (fallback) {
      PDFontSupplier cjk = new PDFontSupplier(PDType0Font.load(doc, PARSED_FALLBACK.get().font(), true));
      for (FontStyle style : STYLES) {
        // one weight only: bold CJK is drawn regular rather than not at all
        builder.useFont(cjk, FALLBACK_FAMILY, 400, style, true);
        builder.useFont(cjk, FALLBACK_FAMILY, 700, style, true);
        builder.useFallbackFont(cjk, FALLBACK_FAMILY, 400, style);
        builder.useFallbackFont(cjk, FALLBACK_FAMILY, 700, style);
      }
    }
    return bold;
  }

  private static CmapLookup cmap(TrueTypeFont font) {
    try {
      return font.getUnicodeCmapLookup();
    } catch (IOException e) {
      throw new UncheckedIOException("bundled font has no Unicode cmap", e);
    }
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
