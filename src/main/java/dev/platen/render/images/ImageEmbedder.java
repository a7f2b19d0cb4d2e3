package dev.platen.render.images;

import dev.platen.render.RenderException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The images of one render: fetched once per distinct URL, decoded once per distinct data: URI, checked by
 * {@link ImageGuard} (their real format from their first bytes, not a Content-Type the remote server chose; their
 * size from their header, before anything decodes them), and handed to the HTML layout as base64 data: URIs, the
 * only kind of resource the PDF engine is allowed to load, or to the direct engine as the checked bytes. The PDF
 * engine also asks {@link #check} about every data: URI it is about to draw as an image, so CSS {@code url(data:…)}
 * passes the same checks. Not thread-safe: one instance per render.
 */
public final class ImageEmbedder implements ImageSource {
  private final GuardedImageLoader loader;
  private final ImageGuard guard;
  private final Map<String, Entry> bySrc = new HashMap<>();
  /** data: URIs checked as the PDF engine decodes them; apart from bySrc, whose data: URIs are decoded leniently. */
  private final Set<String> checkedForEngine = new HashSet<>();
  private boolean embeddedSvg;

  public ImageEmbedder(GuardedImageLoader loader) {
    this.loader = loader;
    this.guard = loader.guard();
  }

  /** Whether any embedded image is SVG, which needs the (heavier) SVG drawer registered. */
  public boolean embeddedSvg() { return embeddedSvg; }

  @Override public String dataUri(String src) throws RenderException {
    Entry e = entry(src);
    // encoded on first use only: the direct engine never asks, and a loop may show one image on every row
    if (e.uri == null) {
      e.uri = "data:" + e.image.mime() + ";base64," + Base64.getEncoder().encodeToString(e.image.bytes());
      // the PDF engine asks about this URI again when it draws it; base64 decodes the same in both rules
      checkedForEngine.add(e.uri);
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

  /**
   * Checks a data: URI the PDF engine is about to draw as an image, decoded exactly the way that engine decodes
   * it, so what is checked is what gets drawn.
   */
  public void check(String dataUri) throws RenderException {
    if (checkedForEngine.contains(dataUri)) return;
    String shown = DataUris.shown(dataUri);
    checked(shown, DataUris.decode(dataUri, shown, loader.maxBytes(), true));
    checkedForEngine.add(dataUri);
  }

  /**
   * Checks an SVG written inside an HTML layout, as XML, with the limits of an SVG image; the PDF engine then needs
   * its SVG drawer.
   */
  public void checkSvg(String shown, String xml) throws RenderException {
    guard.checkSvg(shown, xml);
    embeddedSvg = true;
  }

  public record Image(String mime, byte[] bytes) {}

  private static final class Entry {
    final Image image;
    String uri;

    Entry(Image image) {
      this.image = image;
    }
  }

  private Entry entry(String src) throws RenderException {
    String key = src.trim();
    Entry cached = bySrc.get(key);
    if (cached != null) return cached;
    Entry e;
    if (key.regionMatches(true, 0, "data:", 0, 5)) {
      String shown = DataUris.shown(key);
      e = new Entry(checked(shown, DataUris.decode(key, shown, loader.maxBytes(), false)));
    } else {
      e = new Entry(checked(key, loader.fetch(key)));
    }
    bySrc.put(key, e);
    return e;
  }

  private Image checked(String shown, byte[] bytes) throws RenderException {
    String mime = guard.check(shown, bytes);
    if (mime.equals("image/svg+xml")) embeddedSvg = true;
    return new Image(mime, bytes);
  }
}
