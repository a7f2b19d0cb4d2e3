package dev.platen.render.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Units;
import java.time.Instant;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.pdfbox.util.DateConverter;
import org.junit.jupiter.api.Test;

/** The hand-written formats that replaced {@code String.format} on the render path write what it wrote. */
class PdfIdentityTest {

  @Test
  void pdfDatesAreWhatPdfBoxWritesForAUtcCalendar() {
    for (long millis : new long[] {0L, 1L, 1_780_000_000_123L, 946_684_799_999L, 253_402_300_799_000L}) {
      GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
      c.setTimeInMillis(millis);
      assertThat(PdfIdentity.pdfDate(Instant.ofEpochMilli(millis))).as("at %d", millis)
          .isEqualTo(DateConverter.toString(c));
    }
  }

  @Test
  void countsAreGroupedInThousandsAsFormatDid() {
    for (long n : new long[] {0, 7, -7, 999, 1000, -1000, 12_345, 100_000, 2_000_000, -98_765_432,
        Long.MAX_VALUE, Long.MIN_VALUE}) {
      assertThat(Units.count(n)).as("%d", n).isEqualTo(String.format(Locale.ENGLISH, "%,d", n));
    }
  }
}
