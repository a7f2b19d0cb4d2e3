package dev.platen.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Formats one data value by its manifest dataType, as docs/layouts.md specifies: English, UTC, fixed patterns,
 * so the same data always prints the same way whatever the server's locale or zone. A value that does not parse
 * as its declared type prints as its plain text rather than failing the render.
 */
final class ValueFormatter {
  // DecimalFormat is not thread-safe: one formatter per document, never shared between renders
  private final DecimalFormat money = pattern("#,##0.00");
  private final DecimalFormat plain = pattern("#,##0.######");

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);

  /** Plain (unescaped) text for a value; empty for null or missing. */
  String format(JsonNode value, String dataType, String format) {
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
    LocalDate d = parseDate(text);
    if (d != null) return DATE.format(d);
    OffsetDateTime t = parseDateTime(text);
    return t == null ? text : DATE.format(t);
  }

  private static String dateTime(String text) {
    OffsetDateTime t = parseDateTime(text);
    if (t != null) return DATETIME.format(t);
    LocalDate d = parseDate(text);
    return d == null ? text : DATE.format(d);
  }

  private static String bool(JsonNode value, String text) {
    if (value.isBoolean()) return value.booleanValue() ? "Yes" : "No";
    if (text.equalsIgnoreCase("true")) return "Yes";
    if (text.equalsIgnoreCase("false")) return "No";
    return text;
  }

  private static BigDecimal decimal(JsonNode value, String text) {
    if (value.isNumber()) return value.decimalValue();
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static LocalDate parseDate(String text) {
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** ISO instants, offsets, or local date-times (read as UTC), normalised to UTC. */
  private static OffsetDateTime parseDateTime(String text) {
    String t = text.trim();
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

  private static DecimalFormat pattern(String p) {
    DecimalFormat f = new DecimalFormat(p, DecimalFormatSymbols.getInstance(Locale.ENGLISH));
    f.setRoundingMode(RoundingMode.HALF_UP);
    return f;
  }
}
