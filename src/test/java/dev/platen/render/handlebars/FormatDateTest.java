package dev.platen.render.handlebars;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code format-date} prints today, odd inputs included, so that sharing one date parser with the canvas
 * formatter and the data validator cannot change a document that already renders.
 */
class FormatDateTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** The value goes in as JSON, so numbers, booleans and objects reach the helper as they would from data. */
  static String formatDate(String valueJson, String pattern) throws Exception {
    String call = pattern == null ? "{{format-date v}}" : "{{format-date v \"" + pattern + "\"}}";
    return HtmlTemplate.compile(call, null).apply(JSON.readTree("{\"v\":" + valueJson + "}"), HtmlTemplateTest.FAKE);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      // date only
      "'\"2026-06-05\"'                    | '5 June 2026'",
      "'\" 2026-06-05 \"'                  | '5 June 2026'",
      "'\"2024-02-29\"'                    | '29 February 2024'",
      "'\"+12026-06-05\"'                  | '5 June +12026'",
      // date-time with an offset: converted to UTC first, so the day can change
      "'\"2026-06-05T23:30:00+02:00\"'     | '5 June 2026'",
      "'\"2026-06-05T01:30:00+02:00\"'     | '4 June 2026'",
      "'\"2026-06-05T23:30:00-02:00\"'     | '6 June 2026'",
      "'\"2026-06-05T23:30+02:00\"'        | '5 June 2026'",
      "'\"2026-06-05T23:30:00+02:00:30\"'  | '5 June 2026'",
      // Z, with and without seconds and fractions, and in lower case
      "'\"2026-06-05T23:30:00Z\"'          | '5 June 2026'",
      "'\"2026-06-05T23:30Z\"'             | '5 June 2026'",
      "'\"2026-06-05T23:30:00.123456789Z\"'| '5 June 2026'",
      "'\"2026-06-05t23:30:00z\"'          | '5 June 2026'",
      // local date-time: read as it is, no zone applied
      "'\"2026-06-05T23:30\"'              | '5 June 2026'",
      "'\"2026-06-05T23:30:59.5\"'         | '5 June 2026'",
      // not dates: printed as they are
      "'\"2026-02-30\"'                    | '2026-02-30'",
      "'\"2026-13-01\"'                    | '2026-13-01'",
      "'\"2026-06-05 23:30:00\"'           | '2026-06-05 23:30:00'",
      "'\"20260605\"'                      | '20260605'",
      "'\"2026-06-05T23:30:00+02:00[Europe/Paris]\"' | '2026-06-05T23:30:00+02:00[Europe/Paris]'",
      "'\"5 June 2026\"'                   | '5 June 2026'",
      "'\"not a date\"'                    | 'not a date'",
      // epoch millis are not dates to this helper
      "'1780000000000'                     | '1780000000000'",
      "'\"1780000000000\"'                 | '1780000000000'",
      "'true'                              | 'true'",
      // nothing to print
      "'\"\"'                              | ''",
      "'\"   \"'                           | ''",
      "'null'                              | ''",
      "'{\"a\":1}'                         | ''",
      "'[1,2]'                             | ''",
  })
  void defaultPattern(String value, String expected) throws Exception {
    assertThat(formatDate(value, null)).isEqualTo(expected == null ? "" : expected);
  }

  @ParameterizedTest(name = "{0} with {1} → {2}")
  @CsvSource(delimiter = '|', value = {
      "'\"2026-06-05\"'                    | DD/MM/YYYY          | 05/06/2026",
      "'\"2026-06-05\"'                    | D MMM YY            | 5 Jun 26",
      "'\"2026-06-05\"'                    | dddd, D MMMM YYYY   | 'Friday, 5 June 2026'",
      "'\"2026-06-05\"'                    | ddd M/D             | Fri 6/5",
      // a time pattern on a plain date cannot be printed: the value comes back unchanged
      "'\"2026-06-05\"'                    | HH:mm               | 2026-06-05",
      "'\"2026-06-05T23:30:00+02:00\"'     | D MMM YYYY HH:mm    | 5 Jun 2026 21:30",
      "'\"2026-06-05T01:30:00+02:00\"'     | YYYY-MM-DD HH:mm    | 2026-06-04 23:30",
      "'\"2026-06-05T23:30:00Z\"'          | HH:mm:ss            | 23:30:00",
      "'\"2026-06-05T23:30:00Z\"'          | h:mm A              | 11:30 PM",
      "'\"2026-06-05T23:30\"'              | HH:mm               | 23:30",
      // letters that are no token are printed literally, so no pattern can fail
      "'\"2026-06-05T23:30:00Z\"'          | YYYY-MM-DDTHH:mm:ssZ | 2026-06-05T23:30:00Z",
      // ...however many runs of them there are (two quoted runs side by side printed a quote, D42)
      "'\"2026-06-05T09:05:07Z\"'          | H:m:s               | 9:5:7",
      "'\"2026-06-05\"'                    | [week] W            | [week] W",
      "'\"2026-06-05\"'                    | Qx                  | Qx",
      // date-fns', Java's and ICU's lowercase year and day tokens (D42)
      "'\"2026-06-05\"'                    | dd.MM.yyyy          | 05.06.2026",
      "'\"2026-06-05\"'                    | 'MMM d, yyyy'       | 'Jun 5, 2026'",
      "'\"2026-06-05\"'                    | 'EEE, d MMM yy'     | 'Fri, 5 Jun 26'",
      "'\"2026-06-05\"'                    | yyyy-MM-dd          | 2026-06-05",
      "'\"not a date\"'                    | DD/MM/YYYY          | not a date",
      // a blank pattern means the default one
      "'\"2026-06-05\"'                    | ' '                 | 5 June 2026",
  })
  void withPattern(String value, String pattern, String expected) throws Exception {
    assertThat(formatDate(value, pattern)).isEqualTo(expected);
  }

  /**
   * Patterns java.time refuses, when built or when applied, and patterns too long to be meant, print the value
   * unchanged instead of failing the render (issue 8, finding 9).
   */
  @ParameterizedTest(name = "{0} with {1} → unchanged")
  @CsvSource(delimiter = '|', value = {
      "'\"2026-06-05\"'                    | YYYYYYYYYYYYYYYYYYYYYYYY",
      "'\"2026-06-05T23:30:00Z\"'          | YYYYYYYYYYYYYYYYYYYYYYYY",
      "'\"2026-06-05\"'                    | DDD",
      "'\"2026-06-05\"'                    | MMMMMM",
      "'\"2026-06-05T23:30:00Z\"'          | hhh",
      "'\"2026-06-05T23:30:00Z\"'          | HHHmmm",
      "'\"2026-06-05T23:30:00Z\"'          | dddddddd",
      "'\"2026-06-05\"'                    | A",
  })
  void invalidPatternsPrintTheValue(String value, String pattern) throws Exception {
    assertThat(formatDate(value, pattern)).isEqualTo(JSON.readTree(value).asString().trim());
  }

  @ParameterizedTest(name = "{0} letters of {1}")
  @CsvSource({"64, Y", "64, H", "64, D", "64, M", "65, x", "100, DD/", "101, a", "5000, YYYY"})
  void longPatternsPrintTheValue(int length, String unit) throws Exception {
    String pattern = unit.repeat(length / unit.length() + 1).substring(0, length);
    for (String value : new String[] {"2026-06-05", "2026-06-05T23:30:00Z"}) {
      assertThat(formatDate("\"" + value + "\"", pattern)).isEqualTo(value);
    }
  }

  @Test
  void theLongestPatternAllowedStillFormats() throws Exception {
    String pattern = "YYYY-MM-DD" + " ".repeat(Helpers.MAX_DATE_PATTERN - 10);
    assertThat(formatDate("\"2026-06-05\"", pattern)).startsWith("2026-06-05 ");
  }
}
