package dev.platen.auth;

import dev.platen.store.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Project API keys: {@code ck_live_…} or {@code ck_test_…}; only their SHA-256 is ever stored. */
public final class ApiKeys {
  public static final String LIVE = "ck_live_";
  public static final String TEST = "ck_test_";

  /**
   * Every authenticated request hashes its key: a copy of one digest skips {@code getInstance}'s provider lookup and
   * algorithm-constraints check, the largest allocation of authenticating a request (profile of GETs under load).
   */
  private static final MessageDigest SHA256 = newSha256();

  private ApiKeys() {}

  public static String generate(boolean test) {
    return (test ? TEST : LIVE) + Ids.token(24);
  }

  public static boolean hasKnownPrefix(String key) {
    return key.startsWith(LIVE) || key.startsWith(TEST);
  }

  public static boolean isTest(String key) {
    return key.startsWith(TEST);
  }

  public static String hash(String key) {
    return HexFormat.of().formatHex(sha256().digest(key.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA256.clone();
    } catch (CloneNotSupportedException e) {
      return newSha256();
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public part shown in listings: the environment prefix plus the first 8 characters after it. */
  public static String prefix(String key) {
    return key.substring(0, Math.min(key.length(), LIVE.length() + 8));
  }
}
