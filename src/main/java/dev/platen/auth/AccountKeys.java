package dev.platen.auth;

import dev.platen.store.Ids;

/**
 * The account's keys, {@code ck_acct_…}: they manage projects and project keys and open nothing else. Hashed and
 * shown like project keys ({@link ApiKeys#hash}, {@link ApiKeys#prefix}).
 */
public final class AccountKeys {
  public static final String PREFIX = "ck_acct_";

  private AccountKeys() {}

  public static String generate() {
    return PREFIX + Ids.token(24);
  }

  public static boolean looksLikeOne(String key) {
    return key.startsWith(PREFIX);
  }
}
