package dev.platen.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueFormatterTest {
  private final ValueFormatter formatter = new ValueFormatter();

  @ParameterizedTest(name = "{0} as {1} ({2}) → {3}")
  @CsvSource(delimiter = '|', nullValues = "NIL", textBlock = """
      1234.5                  | currency | currency:EUR | 1,234.50 EUR
      1234.5                  | currency | money:USD    | 1,234.50 USD
      1234.5                  | currency | NIL          | 1,234.50
      0.005                   | currency | currency:EUR | 0.01 EUR
      -42                     | currency | currency:GBP | -42.00 GBP
      "1234.5"                | currency | currency:EUR | 1,234.50 EUR
      1234567.1234567         | number   | NIL          | 1,234,567.123457
      12                      | number   | NIL          | 12
      "2026-06-05"            | date     | NIL          | 5 June 2026
      "2026-06-05T23:30:00-02:00" | date | NIL          | 6 June 2026
      "2026-06-05T10:00:00Z"  | datetime | NIL          | 5 June 2026, 10:00 UTC
      "2026-06-05T12:00:00+02:00" | datetime | NIL      | 5 June 2026, 10:00 UTC
      "2026-06-05T10:00:00"   | datetime | NIL          | 5 June 2026, 10:00 UTC
      true                    | boolean  | NIL          | Yes
      false                   | boolean  | NIL          | No
      "true"                  | boolean  | NIL          | Yes
      "not a date"            | date     | NIL          | not a date
      "n/a"                   | currency | currency:EUR | n/a
      "plain"                 | text     | NIL          | plain
      42                      | NIL      | NIL          | 42
      null                    | currency | currency:EUR | ''
      """)
  void formatsByDataType(String json, String dataType, String format, String expected) {
    assertThat(formatter.format(Canvas.json(json), dataType, format)).isEqualTo(expected);
  }

  @Test
  void missingValuesAreEmpty() {
    assertThat(formatter.format(Canvas.json("{}").path("nope"), "currency", "currency:EUR")).isEmpty();
  }

  @Test
  void currencyCodeComesFromEitherPrefix() {
    assertThat(ValueFormatter.currencyCode("currency:EUR")).isEqualTo("EUR");
    assertThat(ValueFormatter.currencyCode("money:CHF")).isEqualTo("CHF");
    assertThat(ValueFormatter.currencyCode("EUR")).isNull();
    assertThat(ValueFormatter.currencyCode(null)).isNull();
  }
}
