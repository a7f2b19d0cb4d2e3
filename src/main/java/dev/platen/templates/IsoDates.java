package dev.platen.templates;

/**
 * ISO-8601 date and date-time syntax, checked by hand: {@code java.time} parsing costs over a microsecond a value,
 * which adds up to seconds on a 10,000-item loop with many date columns. The accepted forms are what
 * {@code java.time} accepts for the same strings (a test holds the two together), so the engine can parse them.
 */
final class IsoDates {
  private IsoDates() {}

  /** {@code YYYY-MM-DD}, a real calendar day. */
  static boolean isDate(String s) {
    return s.length() == 10 && isDateAt(s);
  }

  /**
   * {@code YYYY-MM-DDThh:mm[:ss[.fraction]]} followed by {@code Z} or {@code ±hh:mm}; the zone may be left out
   * when {@code zoneRequired} is false.
   */
  static boolean isDateTime(String s, boolean zoneRequired) {
    int n = s.length();
    if (n < 16 || !isDateAt(s) || s.charAt(10) != 'T') return false;
    if (!isTwoDigits(s, 11, 23) || s.charAt(13) != ':' || !isTwoDigits(s, 14, 59)) return false;
    int i = 16;
    if (i < n && s.charAt(i) == ':') {
      if (i + 3 > n || !isTwoDigits(s, i + 1, 59)) return false;
      i += 3;
      if (i < n && s.charAt(i) == '.') {
        int digits = 0;
        while (i + 1 + digits < n && isDigit(s.charAt(i + 1 + digits))) digits++;
        if (digits < 1 || digits > 9) return false;
        i += 1 + digits;
      }
    }
    if (i == n) return !zoneRequired;
    return isZone(s, i);
  }

  /** {@code Z} or an offset java.time allows (at most ±18:00). */
  private static boolean isZone(String s, int i) {
    int n = s.length();
    if (n - i == 1) return s.charAt(i) == 'Z';
    if (n - i != 6 || (s.charAt(i) != '+' && s.charAt(i) != '-') || s.charAt(i + 3) != ':') return false;
    if (!isTwoDigits(s, i + 1, 18) || !isTwoDigits(s, i + 4, 59)) return false;
    return twoDigits(s, i + 1) < 18 || twoDigits(s, i + 4) == 0;
  }

  private static boolean isDateAt(String s) {
    if (s.length() < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') return false;
    for (int i = 0; i < 4; i++) {
      if (!isDigit(s.charAt(i))) return false;
    }
    if (!isTwoDigits(s, 5, 12) || !isTwoDigits(s, 8, 31)) return false;
    int year = Integer.parseInt(s, 0, 4, 10);
    int month = twoDigits(s, 5);
    int day = twoDigits(s, 8);
    return month >= 1 && day >= 1 && day <= daysIn(year, month);
  }

  private static int daysIn(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static boolean isTwoDigits(String s, int at, int max) {
    return at + 2 <= s.length() && isDigit(s.charAt(at)) && isDigit(s.charAt(at + 1)) && twoDigits(s, at) <= max;
  }

  private static int twoDigits(String s, int at) {
    return (s.charAt(at) - '0') * 10 + (s.charAt(at + 1) - '0');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
