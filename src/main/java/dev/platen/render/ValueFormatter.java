package dev.platen.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Formats one data value by its manifest dataType, as docs/layouts.md specifies: English, UTC, fixed patterns,
 * so the same data always prints the same way whatever the server's locale or zone. A value that does not parse
 * as its declared type, or is too large to format (see {@link Numbers}), prints as its plain text rather than
 * failing the render.
 */
public final class ValueFormatter {
  // DecimalFormat is not thread-safe: one formatter per document, never shared between renders
  private final DecimalFormat money = pattern("#,##0.00");
  private final DecimalFormat plain = pattern("#,##0.######");

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);

  /** Plain (unescaped) text for a value; empty for null or missing. */
  public String format(JsonNode value, String dataType, String format) {
    String text = Placeholders.scalarText(value);
    if (text.isEmpty() || dataType == null) return text;
    return switch (dataType) {
      case "currency" -> currency(value, text, format);
      case "number" -> number(value, text);
      case "date" -> date(text);
      case "datetime" -> dateTime(text);
      case "boolean" -> bool(value, text);
      default -> text;
    };
  }

  private String currency(JsonNode value, String text, String format) {
    BigDecimal n = decimal(value, text);
    if (n == null) return text;
    String amount = money.format(n.setScale(2, RoundingMode.HALF_UP));
    String code = currencyCode(format);
    return code == null ? amount : amount + " " + code;
  }

  /** The code from {@code currency:EUR} or {@code money:EUR}; null when the format names none. */
  static String currencyCode(String format) {
    if (format == null) return null;
    String f = format.trim();
    for (String prefix : new String[] {"currency:", "money:"}) {
      if (f.regionMatches(true, 0, prefix, 0, prefix.length())) {
        String code = f.substring(prefix.length()).trim();
        return code.isEmpty() ? null : code;
      }
    }
    return null;
  }

  private String number(JsonNode value, String text) {
    BigDecimal n = decimal(value, text);
    return n == null ? text : plain.format(n);
  }

  private static String date(String text) {
    Temporal t = Dates.parse(text);
    return t == null ? text : DATE.format(t);
  }

  private static String dateTime(String text) {
    return switch (Dates.parse(text)) {
      case OffsetDateTime t -> DATETIME.format(t);
      case LocalDate d -> DATE.format(d);
      case null, default -> text;
    };
  }

  private static String bool(JsonNode value, String text) {
    if (value.isBoolean()) return value.booleanValue() ? "Yes" : "No";
    if (text.equalsIgnoreCase("true")) return "Yes";
    if (text.equalsIgnoreCase("false")) return "No";
    return text;
  }

  /** Null, so the text prints as written, for anything not a number or outside {@link Numbers}' bounds. */
  private static BigDecimal decimal(JsonNode value, String text) {
    if (value.isNumber()) {
      if (value.isFloatingPointNumber() && !value.isBigDecimal() && !Double.isFinite(value.doubleValue())) return null;
      return Numbers.forFormatting(value.decimalValue());
    }
    return Numbers.forFormatting(Numbers.parse(text));
  }

  /**
   * Looked up once: {@code DecimalFormatSymbols.getInstance} asks the locale providers which locales they have, parsing
   * every language tag they list, at each call, twice per document here. C2 compiled that stream with the tags'
   * parsing inlined, and compiled it again (0.46 s) when the first real renders' data broke one of its loop
   * predicates (canvas invoice, per-thread run, D77). The formatters copy the symbols; nothing changes them.
   */
  private static final DecimalFormatSymbols ENGLISH = DecimalFormatSymbols.getInstance(Locale.ENGLISH);

  private static DecimalFormat pattern(String p) {
    DecimalFormat f = new DecimalFormat(p, ENGLISH);
    f.setRoundingMode(RoundingMode.HALF_UP);
    return f;
  }
}
