package dev.platen.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written checks agree with java.time, and {@link Dates#parse} reads everything they accept. */
class DatesTest {
  static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  static final Pattern DATE_TIME = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?");

  static boolean referenceDate(String s) {
    return DATE.matcher(s).matches() && parses(() -> LocalDate.parse(s));
  }

  static boolean referenceDateTime(String s, boolean zoneRequired) {
    if (!DATE_TIME.matcher(s).matches()) return false;
    boolean zoned = s.endsWith("Z") || s.charAt(s.length() - 6) == '+' || s.charAt(s.length() - 6) == '-';
    if (zoned) return parses(() -> OffsetDateTime.parse(s));
    return !zoneRequired && parses(() -> LocalDateTime.parse(s));
  }

  static boolean parses(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  @Test
  void agreesWithJavaTimeOnNearMisses() {
    Random random = new Random(20260605);
    int valid = 0;
    for (int n = 0; n < 100_000; n++) {
      String s = mutate(random, candidate(random));
      boolean date = Dates.isDate(s);
      if (date != referenceDate(s)) fail("isDate(" + s + ") = " + date);
      if (date && !(Dates.parse(s) instanceof LocalDate)) fail("parse(" + s + ") is not a date");
      if (Dates.isDateTime(s, false) && !(Dates.parse(s) instanceof OffsetDateTime)) {
        fail("parse(" + s + ") is not a date-time");
      }
      for (boolean zoneRequired : new boolean[] {true, false}) {
        boolean dateTime = Dates.isDateTime(s, zoneRequired);
        if (dateTime != referenceDateTime(s, zoneRequired)) {
          fail("isDateTime(" + s + ", " + zoneRequired + ") = " + dateTime);
        }
        if (dateTime) valid++;
      }
      if (date) valid++;
    }
    assertThat(valid).as("the generator must produce valid values too").isGreaterThan(10_000);
  }

  static String candidate(Random r) {
    StringBuilder s = new StringBuilder();
    s.append(String.format("%04d-%02d-%02d", r.nextInt(10_000), r.nextInt(14), r.nextInt(33)));
    if (r.nextInt(4) == 0) return s.toString();
    s.append(r.nextInt(20) == 0 ? 't' : 'T').append(String.format("%02d:%02d", r.nextInt(26), r.nextInt(62)));
    if (r.nextBoolean()) {
      s.append(String.format(":%02d", r.nextInt(62)));
      if (r.nextBoolean()) {
        s.append('.');
        for (int i = r.nextInt(11); i > 0; i--) s.append((char) ('0' + r.nextInt(10)));
      }
    }
    switch (r.nextInt(5)) {
      case 0 -> s.append('Z');
      case 1 -> { }
      case 2 -> s.append(r.nextInt(10) == 0 ? "z" : "Z");
      default -> s.append(r.nextBoolean() ? '+' : '-')
          .append(String.format("%02d:%02d", r.nextInt(20), r.nextInt(10) == 0 ? r.nextInt(61) : 0));
    }
    return s.toString();
  }

  static String mutate(Random r, String s) {
    if (r.nextInt(4) != 0 || s.isEmpty()) return s;
    StringBuilder b = new StringBuilder(s);
    int at = r.nextInt(b.length());
    switch (r.nextInt(3)) {
      case 0 -> b.deleteCharAt(at);
      case 1 -> b.setCharAt(at, "0129-:.TZ+ x".charAt(r.nextInt(12)));
      default -> b.insert(at, "0-:.".charAt(r.nextInt(4)));
    }
    return b.toString();
  }
}
