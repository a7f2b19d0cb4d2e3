package dev.platen.render;

import java.time.Duration;
import java.util.Locale;

/** How limits read in user-facing messages: "2,000 pages", "10 MB", "10 s". */
public final class Units {
  private Units() {}

  public static String count(long n) {
    return String.format(Locale.ENGLISH, "%,d", n);
  }

  public static String bytes(long n) {
    long mb = 1024L * 1024;
    if (n >= mb && n % mb == 0) return count(n / mb) + " MB";
    if (n >= mb) return String.format(Locale.ENGLISH, "%.1f MB", n / (double) mb);
    if (n >= 1024 && n % 1024 == 0) return count(n / 1024) + " KB";
    return count(n) + " bytes";
  }

  public static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 == 0) return count(ms / 1000) + " s";
    if (ms > 1000) return String.format(Locale.ENGLISH, "%.1f s", ms / 1000.0);
    return ms + " ms";
  }
}
