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
 */
public record EngineSettings(boolean allowPrivateFetch, int maxPages, Duration fetchTimeout, long maxImageBytes) {

  public EngineSettings {
    Objects.requireNonNull(fetchTimeout, "fetchTimeout");
    if (maxPages < 1) throw new IllegalArgumentException("maxPages must be at least 1");
    if (fetchTimeout.isNegative() || fetchTimeout.isZero()) {
      throw new IllegalArgumentException("fetchTimeout must be positive");
    }
    if (maxImageBytes < 1) throw new IllegalArgumentException("maxImageBytes must be at least 1");
  }

  public static EngineSettings defaults() {
    return new EngineSettings(false, 2000, Duration.ofSeconds(10), 10L * 1024 * 1024);
  }

  public EngineSettings withAllowPrivateFetch(boolean allow) {
    return new EngineSettings(allow, maxPages, fetchTimeout, maxImageBytes);
  }

  public EngineSettings withMaxPages(int pages) {
    return new EngineSettings(allowPrivateFetch, pages, fetchTimeout, maxImageBytes);
  }

  public EngineSettings withFetchTimeout(Duration timeout) {
    return new EngineSettings(allowPrivateFetch, maxPages, timeout, maxImageBytes);
  }

  public EngineSettings withMaxImageBytes(long bytes) {
    return new EngineSettings(allowPrivateFetch, maxPages, fetchTimeout, bytes);
  }
}
