package dev.platen.render.html;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceType;
import dev.platen.render.RenderException;
import dev.platen.render.images.ImageEmbedder;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The PDF engine's resource check after it resolved a URI: data: URIs only, and every one it is about to draw as
 * an image checked by {@link ImageEmbedder#check} first, whether it came from an {@code <img>} or from CSS. That
 * is the one place every image the engine draws passes, so a decompression bomb in {@code background-image:
 * url(data:…)} meets the same limits as an image block.
 *
 * <p>A refusal must fail the render, but the engine turns a rejected resource into a missing image; so the check
 * throws {@link Refused} through the engine and also keeps the reason, for the engine's callers to rethrow in
 * case some part of it swallowed the exception. One per render; not thread-safe.
 */
final class ImageGate implements BiPredicate<String, ExternalResourceType> {
  private static final Set<ExternalResourceType> IMAGES = EnumSet.of(ExternalResourceType.IMAGE_RASTER,
      ExternalResourceType.XML_SVG, ExternalResourceType.SVG_BINARY, ExternalResourceType.PDF);

  private final ImageEmbedder embedder;
  private RenderException refusal;

  ImageGate(ImageEmbedder embedder) {
    this.embedder = embedder;
  }

  @Override public boolean test(String uri, ExternalResourceType type) {
    if (uri == null || !uri.regionMatches(true, 0, "data:", 0, 5)) return false;
    if (!IMAGES.contains(type)) return true;
    if (refusal != null) throw new Refused(refusal);
    try {
      embedder.check(uri);
      return true;
    } catch (RenderException e) {
      refusal = e;
      throw new Refused(e);
    }
  }

  void throwIfRefused() throws RenderException {
    if (refusal != null) throw refusal;
  }

  /** The refusal a failure carries, even wrapped by the engine on its way out; null for any other failure. */
  static RenderException refusalIn(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof Refused r) return r.reason;
    }
    return null;
  }

  /** Carries a refusal out of the engine, which only lets unchecked exceptions through. */
  static final class Refused extends RuntimeException {
    final RenderException reason;

    Refused(RenderException reason) {
      super(reason.getMessage(), null, false, false);
      this.reason = reason;
    }
  }
}
