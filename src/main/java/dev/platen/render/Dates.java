package dev.platen.render;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;

/**
 * The one reading of ISO-8601 dates in data: the data validator checks values with {@link #isDate} and
 * {@link #isDateTime}, and both value formatters (canvas dataTypes, the Handlebars {@code format-date} helper) read
 * them with {@link #parse}. The checks are written by hand because {@code java.time} parsing costs over a
 * microsecond a value, which adds up to seconds on a 10,000-item loop with many date columns; everything they
 * accept, {@link #parse} reads as the same day and instant (a test holds the two together). {@link #parse} is
 * more lenient than the checks (lower-case {@code t}, offsets with seconds, years past 9999) because data in HTML
 * layouts is not validated by type and documents that print such values today must keep printing them.
 */
public final class Dates {
  private Dates() {}

  /**
   * A calendar day ({@link LocalDate}) or an instant normalised to UTC ({@link OffsetDateTime}); a date-time
   * without a zone is read as UTC. Null when the text is neither. Surrounding white space is ignored.
   */
  public static Temporal parse(String text) {
    if (text == null) return null;
    String t = text.trim();
    // the common case without the formatter: 4% of a direct invoice's CPU went to LocalDate.parse
    if (isDate(t)) {
      return LocalDate.of(Integer.parseInt(t, 0, 4, 10), Integer.parseInt(t, 5, 7, 10),
          Integer.parseInt(t, 8, 10, 10));
    }
    try {
      return LocalDate.parse(t);
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return OffsetDateTime.parse(t).withOffsetSameInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return Instant.parse(t).atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(t).atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code YYYY-MM-DD}, a real calendar day. */
  public static boolean isDate(String s) {
    return s.length() == 10 && isDateAt(s);
  }

  /**
   * {@code YYYY-MM-DDThh:mm[:ss[.fraction]]} followed by {@code Z} or {@code ±hh:mm}; the zone may be left out
   * when {@code zoneRequired} is false.
   */
  public static boolean isDateTime(String s, boolean zoneRequired) {
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
