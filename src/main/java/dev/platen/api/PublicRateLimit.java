package dev.platen.api;

import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per client address per minute on routes anyone can call without a key (the share pages), so one client
 * cannot turn page views into a stream of database writes. Counted per process, in fixed one-minute windows.
 */
final class PublicRateLimit {
  /** Beyond this many addresses the table starts over rather than grow without bound under a spoofed flood. */
  private static final int MAX_ADDRESSES = 100_000;

  private final int perMinute;
  private final InstantSource clock;
  private final ConcurrentHashMap<String, long[]> windows = new ConcurrentHashMap<>();

  /** @param perMinute 0 turns the limit off */
  PublicRateLimit(int perMinute, InstantSource clock) {
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /** Counts one request from {@code address}; false when it is over the limit. */
  boolean allow(String address) {
    if (perMinute <= 0) return true;
    long minute = clock.millis() / 60_000;
    if (windows.size() > MAX_ADDRESSES) windows.clear();
    long[] w = windows.compute(address, (k, v) -> v == null || v[0] != minute ? new long[] {minute, 1}
        : new long[] {minute, v[1] + 1});
    return w[1] <= perMinute;
  }

  /** Seconds until the current window ends. */
  long retryAfterSeconds() {
    return Math.max(1, 60 - (clock.millis() / 1000) % 60);
  }
}
