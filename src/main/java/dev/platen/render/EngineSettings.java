package dev.platen.render;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and permissions of the PDF engines (both read the same ones, so a layout fails the same way in either).
 *
 * @param allowPrivateFetch let image URLs point at loopback, private, link-local and similar addresses; only for
 *     development and tests, since a template author could otherwise make the server fetch internal services
 * @param maxPages documents that lay out to more pages fail instead of being written
 * @param fetchTimeout whole-fetch budget for one image URL, redirects included
 * @param maxImageBytes largest image body accepted, in bytes
 * @param maxImagePixels largest raster image accepted, in pixels (width × height as its header declares them)
 * @param maxSvgElements most elements an SVG image may draw, counting every copy a reference makes
 */
public record EngineSettings(boolean allowPrivateFetch, int maxPages, Duration fetchTimeout, long maxImageBytes,
    long maxImagePixels, int maxSvgElements) {

  public EngineSettings {
    Objects.requireNonNull(fetchTimeout, "fetchTimeout");
    if (maxPages < 1) throw new IllegalArgumentException("maxPages must be at least 1");
    if (fetchTimeout.isNegative() || fetchTimeout.isZero()) {
      throw new IllegalArgumentException("fetchTimeout must be positive");
    }
    if (maxImageBytes < 1) throw new IllegalArgumentException("maxImageBytes must be at least 1");
    if (maxImagePixels < 1) throw new IllegalArgumentException("maxImagePixels must be at least 1");
    if (maxSvgElements < 1) throw new IllegalArgumentException("maxSvgElements must be at least 1");
  }

  public static EngineSettings defaults() {
    return new EngineSettings(false, 2000, Duration.ofSeconds(10), 10L * 1024 * 1024, 40_000_000, 10_000);
  }

  public EngineSettings withAllowPrivateFetch(boolean allow) {
    return new EngineSettings(allow, maxPages, fetchTimeout, maxImageBytes, maxImagePixels, maxSvgElements);
  }

  public EngineSettings withMaxPages(int pages) {
    return new EngineSettings(allowPrivateFetch, pages, fetchTimeout, maxImageBytes, maxImagePixels, maxSvgElements);
  }

  public EngineSettings withFetchTimeout(Duration timeout) {
    return new EngineSettings(allowPrivateFetch, maxPages, timeout, maxImageBytes, maxImagePixels, maxSvgElements);
  }

  public EngineSettings withMaxImageBytes(long bytes) {
    return new EngineSettings(allowPrivateFetch, maxPages, fetchTimeout, bytes, maxImagePixels, maxSvgElements);
  }

  public EngineSettings withMaxImagePixels(long pixels) {
    return new EngineSettings(allowPrivateFetch, maxPages, fetchTimeout, maxImageBytes, pixels, maxSvgElements);
  }

  public EngineSettings withMaxSvgElements(int elements) {
    return new EngineSettings(allowPrivateFetch, maxPages, fetchTimeout, maxImageBytes, maxImagePixels, elements);
  }
}
