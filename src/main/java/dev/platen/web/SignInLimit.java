package dev.platen.web;

import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per client address in fixed 15-minute windows, so a key cannot be guessed through the form. Only
 * failures count: a user who signs in and out often is never locked out.
 */
final class SignInLimit {
  static final int FAILURES = 10;
  static final long WINDOW_MS = 15 * 60_000L;
  private static final int MAX_ADDRESSES = 100_000;

  private final InstantSource clock;
  private final ConcurrentHashMap<String, long[]> windows = new ConcurrentHashMap<>();

  SignInLimit(InstantSource clock) {
    this.clock = clock;
  }

  boolean blocked(String address) {
    long[] w = windows.get(address);
    return w != null && w[0] == window() && w[1] >= FAILURES;
  }

  void failed(String address) {
    long window = window();
    if (windows.size() > MAX_ADDRESSES) windows.clear();
    windows.compute(address, (k, v) -> v == null || v[0] != window ? new long[] {window, 1}
        : new long[] {window, v[1] + 1});
  }

  long retryAfterSeconds() {
    return Math.max(1, (WINDOW_MS - clock.millis() % WINDOW_MS) / 1000);
  }

  private long window() {
    return clock.millis() / WINDOW_MS;
  }
}
