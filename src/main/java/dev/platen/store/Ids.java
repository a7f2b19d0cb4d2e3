package dev.platen.store;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Identifiers and secrets minted for new rows. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /**
   * A UUIDv7: time-ordered, so render ids sort by creation and index inserts stay append-mostly. It reads the wall
   * clock rather than the injected one because the time in an id only orders rows; no decision depends on it.
   */
  public static UUID uuid7() {
    long ms = System.currentTimeMillis();
    byte[] r = new byte[10];
    RANDOM.nextBytes(r);
    long msb = (ms << 16) | 0x7000L | ((r[0] & 0x0FL) << 8) | (r[1] & 0xFFL);
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
