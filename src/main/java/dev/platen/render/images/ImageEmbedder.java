package dev.platen.render.images;

import dev.platen.render.RenderException;
import dev.platen.render.Units;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The images of one render: fetched once per distinct URL, checked to really be PNG, JPEG, GIF or SVG by their
 * first bytes (not by a Content-Type the remote server chose), and handed to the HTML layout as data: URIs, the
 * only kind of resource the PDF engine is allowed to load, or to the direct engine as the checked bytes. Not
 * thread-safe: one instance per render.
 */
public final class ImageEmbedder implements ImageSource {
  private static final String NOT_AN_IMAGE = "is not a PNG, JPEG, GIF or SVG image";

  private final GuardedImageLoader loader;
  private final Map<String, Entry> bySrc = new HashMap<>();
  private boolean embeddedSvg;

  public ImageEmbedder(GuardedImageLoader loader) {
    this.loader = loader;
  }

  /** Whether any embedded image is SVG, which needs the (heavier) SVG drawer registered. */
  public boolean embeddedSvg() { return embeddedSvg; }

  @Override public String dataUri(String src) throws RenderException {
    Entry e = entry(src);
    // encoded on first use only: the direct engine never asks, and a loop may show one image on every row
    if (e.uri == null) {
      e.uri = "data:" + e.image.mime() + ";base64," + Base64.getEncoder().encodeToString(e.image.bytes());
    }
    return e.uri;
  }

  /**
   * The checked image bytes and their type, for the direct engine, which draws images itself rather than handing
   * data: URIs to a layout engine.
   */
  public Image load(String src) throws RenderException {
    return entry(src).image;
  }

  /** @param bytes null for a URL-encoded SVG data: URI, which only the HTML engine draws */
  public record Image(String mime, byte[] bytes) {}

  /** One checked source; {@code uri} is set up front only for the URL-encoded SVG, which is passed on as written. */
  private static final class Entry {
    final Image image;
    String uri;

    Entry(Image image, String uri) {
      this.image = image;
      this.uri = uri;
    }
  }

  private Entry entry(String src) throws RenderException {
    String key = src.trim();
    Entry cached = bySrc.get(key);
    if (cached != null) return cached;
    Entry e = key.regionMatches(true, 0, "data:", 0, 5) ? checkedDataUri(key) : new Entry(fetched(key), null);
    bySrc.put(key, e);
    return e;
  }

  private Image fetched(String url) throws RenderException {
    return checked(url, loader.fetch(url));
  }

  private Image checked(String shown, byte[] bytes) throws RenderException {
    String mime = sniff(bytes);
    if (mime == null) throw new RenderException("image " + shown + " " + NOT_AN_IMAGE, false);
    if (mime.equals("image/svg+xml")) {
      refuseEntities(shown, bytes);
      embeddedSvg = true;
    }
    return new Image(mime, bytes);
  }

  /**
   * Refuses SVGs that declare entities (a DOCTYPE with an internal subset): the classic way to make an XML parser
   * read local files or expand into gigabytes. Plain DOCTYPEs, common in editor exports, pass.
   */
  static void refuseEntities(String shown, byte[] svg) throws RenderException {
    String text = new String(svg, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
    int doctype = text.indexOf("<!DOCTYPE");
    int end = doctype < 0 ? -1 : text.indexOf('>', doctype);
    int subset = doctype < 0 ? -1 : text.indexOf('[', doctype);
    if (text.contains("<!ENTITY") || (doctype >= 0 && (end < 0 || (subset >= 0 && subset < end)))) {
      throw new RenderException("image " + shown + " is an SVG that declares entities, which is not allowed", false);
    }
  }

  private Entry checkedDataUri(String uri) throws RenderException {
    int comma = uri.indexOf(',');
    String header = comma < 0 ? uri : uri.substring(0, comma);
    String shown = header.length() > 60 ? header.substring(0, 60) + "…" : header;
    String lowerHeader = header.toLowerCase(Locale.ROOT);
    if (comma < 0) throw new RenderException("image " + shown + " is not a valid data: URI", false);
    long payload = uri.length() - comma - 1L;
    if (lowerHeader.endsWith(";base64")) {
      if (payload / 4 * 3 > loader.maxBytes()) {
        throw new RenderException("image " + shown + ",… exceeds " + Units.bytes(loader.maxBytes()), false);
      }
      byte[] bytes;
      try {
        bytes = Base64.getMimeDecoder().decode(uri.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        throw new RenderException("image " + shown + ",… is not valid base64", false);
      }
      return new Entry(checked(shown + ",…", bytes), null);
    }
    if (lowerHeader.startsWith("data:image/svg+xml")) {
      if (payload > loader.maxBytes()) {
        throw new RenderException("image " + shown + ",… exceeds " + Units.bytes(loader.maxBytes()), false);
      }
      try {
        // '+' decodes to a space here, which does not matter: the text is only searched for entity declarations
        String svg = URLDecoder.decode(uri.substring(comma + 1), StandardCharsets.UTF_8);
        refuseEntities(shown + ",…", svg.getBytes(StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new RenderException("image " + shown + ",… is not a valid data: URI", false);
      }
      embeddedSvg = true;
      return new Entry(new Image("image/svg+xml", null), uri);
    }
    throw new RenderException("image " + shown + ",… " + NOT_AN_IMAGE, false);
  }

  /** The image type from magic bytes, or null when it is none of the four formats the engine draws. */
  static String sniff(byte[] b) {
    if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return "image/png";
    if (startsWith(b, 0xFF, 0xD8, 0xFF)) return "image/jpeg";
    if (startsWith(b, 'G', 'I', 'F', '8', '7', 'a') || startsWith(b, 'G', 'I', 'F', '8', '9', 'a')) return "image/gif";
    if (looksLikeSvg(b)) return "image/svg+xml";
    return null;
  }

  private static boolean startsWith(byte[] b, int... magic) {
    if (b.length < magic.length) return false;
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xff) != magic[i]) return false;
    }
    return true;
  }

  // SVG has no magic number: an XML text starting with markup (after an optional BOM) that opens an <svg element
  private static boolean looksLikeSvg(byte[] b) {
    String head = new String(b, 0, Math.min(b.length, 2048), StandardCharsets.UTF_8);
    String t = head.startsWith("\uFEFF") ? head.substring(1).stripLeading() : head.stripLeading();
    return t.startsWith("<") && t.contains("<svg");
  }
}
