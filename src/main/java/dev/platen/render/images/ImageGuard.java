package dev.platen.render.images;

import dev.platen.render.RenderException;
import dev.platen.render.Units;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What an image may cost to draw, judged from its header before anything decodes it. A 189 KB PNG can declare
 * 40000×40000 pixels and a 2 KB SVG a million {@code <use>} clones: the byte-size cap says nothing about either,
 * and once a decoder or Batik starts, no timeout stops it. Every image a render draws passes through here first,
 * whichever way it came in ({@link ImageEmbedder} for image blocks, HTML layouts' and html blocks' {@code <img>},
 * and through it the PDF engine's resource check for CSS {@code url(data:…)}).
 *
 * <p>Raster sizes come from small hand-written header readers (PNG IHDR, JPEG SOFn, GIF screen and frame
 * descriptors, WebP VP8/VP8L/VP8X, BMP info header), so checking costs microseconds whatever the image claims.
 * SVG goes through {@link SvgScan}. Formats none of them recognises are refused. Thread-safe.
 */
public final class ImageGuard {
  public static final long DEFAULT_MAX_PIXELS = 40_000_000;
  public static final int DEFAULT_MAX_SVG_ELEMENTS = 10_000;

  static final String SUPPORTED = "PNG, JPEG, GIF or SVG";

  private final long maxPixels;
  private final int maxSvgElements;

  public ImageGuard(long maxPixels, int maxSvgElements) {
    if (maxPixels < 1) throw new IllegalArgumentException("maxPixels must be at least 1");
    if (maxSvgElements < 1) throw new IllegalArgumentException("maxSvgElements must be at least 1");
    this.maxPixels = maxPixels;
    this.maxSvgElements = maxSvgElements;
  }

  /**
   * Checks one image and names its type.
   *
   * @param shown how the image is named in messages: its URL, or the start of its data: URI
   * @return the MIME type of an image the engines draw
   * @throws RenderException (not retryable) when the image is over a limit, damaged, or of another format
   */
  /**
   * An SVG known to be one (written inline in a layout), held to the limits of an SVG image. A template's drawing is
   * the same XML on every render, so the last ones that passed are remembered per thread, by their whole text.
   */
  void checkSvg(String shown, String xml) throws RenderException {
    Map<String, Boolean> passed = checkedSvgs.get();
    if (passed.containsKey(xml)) return;
    SvgScan.check(shown, xml.getBytes(StandardCharsets.UTF_8), maxSvgElements);
    if (xml.length() <= 256 * 1024) passed.put(xml, Boolean.TRUE);
  }

  private final ThreadLocal<Map<String, Boolean>> checkedSvgs = ThreadLocal.withInitial(
      () -> new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > 16;
        }
      });

  public String check(String shown, byte[] bytes) throws RenderException {
    Format format = Format.of(bytes);
    if (format == null) throw refused(shown, "is not a " + SUPPORTED + " image");
    if (format == Format.SVG) {
      SvgScan.check(shown, bytes, maxSvgElements);
      return format.mime;
    }
    Size size = format.size(bytes);
    if (size == null || size.width() < 1 || size.height() < 1) {
      throw refused(shown, "is a " + format.label + " whose header is damaged or gives no size");
    }
    if (size.width() * size.height() > maxPixels) {
      throw refused(shown, "is " + Units.count(size.width()) + "×" + Units.count(size.height())
          + " pixels; the limit is " + Units.count(maxPixels) + " pixels (PLATEN_MAX_IMAGE_PIXELS)");
    }
    if (!format.drawn) {
      throw refused(shown, "is a " + format.label + " image, which is not supported; use " + SUPPORTED);
    }
    return format.mime;
  }

  static RenderException refused(String shown, String why) {
    return new RenderException("image " + shown + " " + why, false);
  }

  /** Width and height as the header declares them (unsigned, so a long each). */
  record Size(long width, long height) {}

  enum Format {
    PNG("image/png", "PNG", true),
    JPEG("image/jpeg", "JPEG", true),
    GIF("image/gif", "GIF", true),
    SVG("image/svg+xml", "SVG", true),
    WEBP("image/webp", "WebP", false),
    BMP("image/bmp", "BMP", false);

    final String mime;
    final String label;
    /** Whether both engines can draw it; the others are only recognised so a bomb is named as one. */
    final boolean drawn;

    Format(String mime, String label, boolean drawn) {
      this.mime = mime;
      this.label = label;
      this.drawn = drawn;
    }

    /** The format from magic bytes, or null when it is none of these. */
    static Format of(byte[] b) {
      if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return PNG;
      if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) return JPEG;
      if (startsWith(b, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(b, 0, 'G', 'I', 'F', '8', '9', 'a')) return GIF;
      if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) return WEBP;
      if (startsWith(b, 0, 'B', 'M')) return BMP;
      if (looksLikeSvg(b)) return SVG;
      return null;
    }

    Size size(byte[] b) {
      return switch (this) {
        case PNG -> png(b);
        case JPEG -> jpeg(b);
        case GIF -> gif(b);
        case WEBP -> webp(b);
        case BMP -> bmp(b);
        case SVG -> null;
      };
    }
  }

  /** IHDR must be the first chunk: width and height are its first two 4-byte big-endian fields. */
  static Size png(byte[] b) {
    if (b.length < 24 || !startsWith(b, 12, 'I', 'H', 'D', 'R')) return null;
    return new Size(u32be(b, 16), u32be(b, 20));
  }

  /**
   * The frame header (SOF0–SOF15 but DHT, JPG and DAC, which share the range) of the first frame, skipping
   * APPn segments by their length so an EXIF thumbnail's size is never mistaken for the image's. A hierarchical
   * file's DHP segment gives the final size ahead of its frames; the larger of the two counts.
   */
  static Size jpeg(byte[] b) {
    Size dhp = null;
    int i = 2;
    while (i + 1 < b.length) {
      if ((b[i] & 0xff) != 0xFF) return null;
      int marker = b[i + 1] & 0xff;
      if (marker == 0xFF) {          // fill byte before a marker
        i++;
        continue;
      }
      i += 2;
      if (marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) continue; // no length field
      if (marker == 0xD9 || marker == 0xDA) return dhp; // end of image, or a scan before any frame header
      if (i + 2 > b.length) return null;
      int length = u16be(b, i);
      if (length < 2) return null;
      boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (sof || marker == 0xDE) {
        if (i + 7 > b.length) return null;
        Size s = new Size(u16be(b, i + 5), u16be(b, i + 3));
        if (sof) return dhp != null && area(dhp) > area(s) ? dhp : s;
        dhp = s;
      }
      i += length;
    }
    return null;
  }

  /**
   * The largest of the logical screen and every frame's image descriptor: decoders size their buffers by the
   * frame, some also by the screen. Walks the blocks by their lengths, so it reads only headers.
   */
  static Size gif(byte[] b) {
    if (b.length < 13) return null;
    Size largest = new Size(u16le(b, 6), u16le(b, 8));
    int i = 13 + colorTable(b[10]);
    while (i < b.length) {
      int block = b[i] & 0xff;
      if (block == 0x2C) {                       // image descriptor
        if (i + 10 > b.length) return largest;
        Size frame = new Size(u16le(b, i + 5), u16le(b, i + 7));
        if (area(frame) > area(largest)) largest = frame;
        i += 10 + colorTable(b[i + 9]) + 1;      // + the LZW minimum code size byte
        i = skipSubBlocks(b, i);
      } else if (block == 0x21) {                // extension: label, then sub-blocks
        i = skipSubBlocks(b, i + 2);
      } else {
        return largest;                          // trailer (0x3B) or trailing garbage
      }
    }
    return largest;
  }

  private static int colorTable(byte flags) {
    return (flags & 0x80) == 0 ? 0 : 3 * (1 << ((flags & 0x07) + 1));
  }

  private static int skipSubBlocks(byte[] b, int i) {
    while (i < b.length) {
      int length = b[i] & 0xff;
      i += 1 + length;
      if (length == 0) break;
    }
    return i;
  }

  /** The first chunk after the RIFF header: lossy (VP8), lossless (VP8L) or extended (VP8X, the canvas size). */
  static Size webp(byte[] b) {
    if (b.length < 30) return null;
    if (startsWith(b, 12, 'V', 'P', '8', ' ')) {
      if (!startsWith(b, 23, 0x9D, 0x01, 0x2A)) return null;   // key frame start code
      return new Size(u16le(b, 26) & 0x3FFF, u16le(b, 28) & 0x3FFF);
    }
    if (startsWith(b, 12, 'V', 'P', '8', 'L')) {
      if ((b[20] & 0xff) != 0x2F) return null;
      long bits = u32le(b, 21);
      return new Size((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
    }
    if (startsWith(b, 12, 'V', 'P', '8', 'X')) {
      return new Size(u24le(b, 24) + 1, u24le(b, 27) + 1);
    }
    return null;
  }

  /** The info header: 16-bit sizes in the old OS/2 12-byte form, signed 32-bit ones (negative: top-down) after. */
  static Size bmp(byte[] b) {
    if (b.length < 26) return null;
    long header = u32le(b, 14);
    if (header == 12) return new Size(u16le(b, 18), u16le(b, 20));
    if (header < 16) return null;
    return new Size(Math.abs((long) (int) u32le(b, 18)), Math.abs((long) (int) u32le(b, 22)));
  }

  private static long area(Size s) {
    return s.width() * s.height();
  }

  private static boolean startsWith(byte[] b, int at, int... magic) {
    if (b.length < at + magic.length) return false;
    for (int i = 0; i < magic.length; i++) {
      if ((b[at + i] & 0xff) != magic[i]) return false;
    }
    return true;
  }

  // SVG has no magic number: an XML text starting with markup (after an optional BOM) that opens an <svg element
  private static boolean looksLikeSvg(byte[] b) {
    String head = new String(b, 0, Math.min(b.length, 2048), StandardCharsets.UTF_8);
    String t = head.startsWith("\uFEFF") ? head.substring(1).stripLeading() : head.stripLeading();
    return t.startsWith("<") && t.contains("<svg");
  }

  private static int u16be(byte[] b, int i) {
    return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
  }

  private static long u32be(byte[] b, int i) {
    return (long) u16be(b, i) << 16 | u16be(b, i + 2);
  }

  private static int u16le(byte[] b, int i) {
    return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
  }

  private static long u24le(byte[] b, int i) {
    return u16le(b, i) | (long) (b[i + 2] & 0xff) << 16;
  }

  private static long u32le(byte[] b, int i) {
    return u16le(b, i) | (long) u16le(b, i + 2) << 16;
  }
}
