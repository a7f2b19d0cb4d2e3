package dev.platen.render;

import java.time.Duration;

/** TEMPORARY stub until the engine branch lands. */
public record EngineSettings(boolean allowPrivateFetch, int maxPages, Duration fetchTimeout, long maxImageBytes) {
  public static EngineSettings defaults() {
    return new EngineSettings(false, 2000, Duration.ofSeconds(10), 10L << 20);
  }
}
