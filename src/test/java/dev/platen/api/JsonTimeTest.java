package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Json.time writes timestamps by hand; java.time's formatter is the reference it must match. */
class JsonTimeTest {
  private static final DateTimeFormatter REFERENCE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static void same(long ms) {
    assertThat(Json.time(ms)).as("%d ms", ms).isEqualTo(REFERENCE.format(Instant.ofEpochMilli(ms)));
  }

  @Test
  void matchesJavaTimeAtTheEdges() {
    long day = 86_400_000L;
    for (long ms : new long[] {0, -1, 1, 999, 1_000, day - 1, day, -day, -day - 1, 1_780_653_600_000L,
        Instant.parse("2024-02-29T23:59:59.999Z").toEpochMilli(), Instant.parse("2000-03-01T00:00:00Z").toEpochMilli(),
        Instant.parse("1900-02-28T12:00:00Z").toEpochMilli(), Instant.parse("2100-03-01T00:00:00Z").toEpochMilli(),
        Instant.parse("0001-01-01T00:00:00Z").toEpochMilli(), Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli(),
        Instant.parse("0000-12-31T23:59:59.999Z").toEpochMilli(), Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli(),
        Long.MAX_VALUE / 1_000, Long.MIN_VALUE / 1_000}) {
      same(ms);
    }
  }

  @Test
  void matchesJavaTimeEveryDayFrom1960To2200AndAtRandom() {
    long day = 86_400_000L;
    long from = Instant.parse("1960-01-01T00:00:00Z").toEpochMilli();
    long to = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
    SplittableRandom random = new SplittableRandom(42);
    for (long ms = from; ms < to; ms += day) same(ms + random.nextLong(day));
    long first = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();
    long last = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
    for (int i = 0; i < 100_000; i++) same(random.nextLong(first, last + 1));
  }
}
