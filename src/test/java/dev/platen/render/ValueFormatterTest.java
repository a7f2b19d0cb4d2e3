package dev.platen.render;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.JsonNodeFactory;

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

  /**
   * Issue 8, finding 3: 9e999999999 ran DecimalFormat out of memory and 1e99999999 as a currency spent 15 minutes
   * in BigInteger.square. Beyond ±10^15 a value prints as written; below any printed digit it prints as zero.
   */
  @ParameterizedTest(name = "{0} as {1} → {2}")
  @CsvSource(delimiter = '|', textBlock = """
      "9e999999999"           | number   | 9e999999999
      "9e999999999"           | currency | 9e999999999
      "1e99999999"            | currency | 1e99999999
      "-1e99999999"           | currency | -1e99999999
      "1e16"                  | currency | 1e16
      1e300                   | currency | 1.0E300
      1e999                   | number   | Infinity
      "1e-99999999"           | currency | 0.00 EUR
      "-1e-99999999"          | currency | 0.00 EUR
      "1e-99999999"           | number   | 0
      "0e-99999999"           | currency | 0.00 EUR
      "0e99999999"            | number   | 0
      "1e15"                  | currency | 1,000,000,000,000,000.00 EUR
      "-1e15"                 | number   | -1,000,000,000,000,000
      "1e-7"                  | number   | 0
      "1.5e-6"                | number   | 0.000002
      """)
  void absurdNumbersPrintAsWrittenAndQuickly(String json, String dataType, String expected) {
    assertTimeoutPreemptively(Duration.ofSeconds(2), () ->
        assertThat(formatter.format(Canvas.json(json), dataType, "currency:EUR")).isEqualTo(expected));
  }

  @Test
  void bigDecimalNodesOutOfBoundsPrintWithoutExpanding() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
      assertThat(formatter.format(nodes.numberNode(new BigDecimal("9e999999999")), "number", null))
          .isEqualTo("9E+999999999");
      assertThat(formatter.format(nodes.numberNode(new BigDecimal("1e99999999")), "currency", "currency:EUR"))
          .isEqualTo("1E+99999999");
      assertThat(formatter.format(nodes.numberNode(new BigDecimal("1e-99999999")), "currency", null))
          .isEqualTo("0.00");
      assertThat(formatter.format(nodes.numberNode(new BigDecimal("1e99999999")), "text", null))
          .isEqualTo("1E+99999999");
    });
    assertThat(formatter.format(nodes.numberNode(new BigDecimal("1234.5")), "currency", null)).isEqualTo("1,234.50");
    assertThat(Placeholders.scalarText(nodes.numberNode(new BigDecimal("1e3")))).isEqualTo("1000");
  }

  @Test
  void boundsAreDecidedWithoutExpanding() {
    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
      assertThat(Numbers.isWithinBounds(new BigDecimal("9e999999999"))).isFalse();
      assertThat(Numbers.isWithinBounds(new BigDecimal("-1e99999999"))).isFalse();
      assertThat(Numbers.isWithinBounds(new BigDecimal("1e-99999999"))).isTrue();
      assertThat(Numbers.isWithinBounds(new BigDecimal("1" + "0".repeat(1000) + "e-990"))).isFalse();
      assertThat(Numbers.isWithinBounds(new BigDecimal("1e15"))).isTrue();
      assertThat(Numbers.isWithinBounds(new BigDecimal("1000000000000000.000"))).isTrue();
      assertThat(Numbers.isWithinBounds(new BigDecimal("1000000000000000.001"))).isFalse();
      assertThat(Numbers.isWithinBounds(new BigDecimal("-1000000000000000.001"))).isFalse();
      assertThat(Numbers.isWithinBounds(new BigDecimal("9.99e15"))).isFalse();
      assertThat(Numbers.parse("1e9999999999")).isNull();
      assertThat(Numbers.parse("1".repeat(2000))).isNull();
    });
  }
}
