package dev.platen.store;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Identifiers and secrets minted for new rows. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** The millisecond of the last id and its 12-bit counter, so ids minted in one millisecond still sort in order. */
  private static long lastMs = Long.MIN_VALUE;
  private static int counter;

  /**
   * A UUIDv7: time-ordered, so render ids sort by creation and index inserts stay append-mostly. Within this
   * process each id sorts after the one before (RFC 9562 §6.2, method 1): its 12 bits after the version count up
   * from a random start in the lower half at each new millisecond, and when it passes 4,095, or the clock steps
   * back, the id borrows the next millisecond. The other 62 bits are random. It reads the wall clock
   * rather than the injected one because the time in an id only orders rows; no decision depends on it.
   */
  public static UUID uuid7() {
    byte[] r = new byte[10];
    RANDOM.nextBytes(r);
    long ms;
    int count;
    synchronized (Ids.class) {
      long now = System.currentTimeMillis();
      if (now > lastMs) {
        lastMs = now;
        counter = ((r[0] & 0x07) << 8) | (r[1] & 0xFF);
      } else if (++counter > 0xFFF) {
        lastMs++;
        counter = 0;
      }
      ms = lastMs;
      count = counter;
    }
    long msb = (ms << 16) | 0x7000L | count;
    long lsb = 0x8000000000000000L | ((r[2] & 0x3FL) << 56);
    for (int i = 3; i < 10; i++) lsb |= (r[i] & 0xFFL) << (8 * (9 - i));
    return new UUID(msb, lsb);
  }

  public static String newId() {
    return uuid7().toString();
  }

  /** {@code bytes} of randomness, URL-safe base64 without padding. */
  public static String token(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
