package dev.platen.templates;

import dev.platen.render.Dates;
import dev.platen.render.Numbers;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** What each data type accepts at render time, and the value the template then sees. */
public final class ValueRules {
  static final int MAX_URL_LENGTH = 2048;

  /** Either the value to keep or why the raw value was refused. */
  record Checked(JsonNode value, String problem) {
    static Checked ok(JsonNode value) {
      return new Checked(value, null);
    }

    static Checked bad(String problem) {
      return new Checked(null, problem);
    }
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_NUMERIC_STRING = 400;
  private static final long LIMIT = Numbers.LIMIT.longValueExact();
  static final String OUT_OF_RANGE = "Must be between -1e15 and 1e15.";
  private static final int MAX_EMAIL_LENGTH = 254;
  // Deliberately plain: dot-atom local part, dotted host names with a letter TLD, no quoted or IP-literal forms.
  private static final Pattern EMAIL = Pattern.compile(
      "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
          + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

  private ValueRules() {}

  /** @param raw a present, non-null value */
  static Checked check(DataType type, JsonNode raw) {
    return switch (type) {
      case TEXT, LONGTEXT -> raw.isString() ? Checked.ok(raw) : Checked.bad(FieldReader.expected("string", raw));
      case NUMBER, CURRENCY -> number(raw);
      case BOOLEAN -> bool(raw);
      case DATE -> temporal(raw, false, "Invalid date");
      case DATETIME -> temporal(raw, true, "Invalid datetime");
      case IMAGE, URL -> httpUrl(raw);
      case EMAIL -> email(raw);
    };
  }

  private static Checked number(JsonNode raw) {
    JsonNode number;
    if (raw.isNumber()) {
      // Jackson reads 1e999 as an infinite double; JSON numbers are otherwise kept exactly as sent.
      boolean finite = (raw.isIntegralNumber() && !raw.isBigInteger()) || Double.isFinite(raw.doubleValue());
      if (!finite) return Checked.bad("Expected a finite number");
      number = raw;
    } else {
      if (!raw.isString()) return Checked.bad(FieldReader.expected("number", raw));
      String s = raw.stringValue().trim();
      if (s.length() > MAX_NUMERIC_STRING || !isNumeric(s)) {
        return Checked.bad(FieldReader.expected("number", raw));
      }
      number = parseNumber(s);
      if (number == null) return Checked.bad("Expected a finite number");
    }
    return isWithinBounds(number) ? Checked.ok(number) : Checked.bad(OUT_OF_RANGE);
  }

  /**
   * Refused here, with a message, so that no formatter ever meets such a number from validated data; decided
   * without expanding the number, which is the very cost being avoided.
   */
  private static boolean isWithinBounds(JsonNode number) {
    if (number.isInt() || number.isLong()) {
      long v = number.longValue();
      return v >= -LIMIT && v <= LIMIT;
    }
    if (number.isBigInteger()) {
      BigInteger v = number.bigIntegerValue();
      return v.bitLength() < 63 && Math.abs(v.longValue()) <= LIMIT;
    }
    if (number.isBigDecimal()) return Numbers.isWithinBounds(number.decimalValue());
    return Math.abs(number.doubleValue()) <= LIMIT;
  }

  /** {@code -?\d+(\.\d+)?([eE][+-]?\d+)?}, scanned by hand because a regex costs more than the parse. */
  private static boolean isNumeric(String s) {
    int n = s.length();
    int i = s.startsWith("-") ? 1 : 0;
    int start = i;
    while (i < n && isDigit(s.charAt(i))) i++;
    if (i == start) return false;
    if (i < n && s.charAt(i) == '.') {
      start = ++i;
      while (i < n && isDigit(s.charAt(i))) i++;
      if (i == start) return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
      start = i;
      while (i < n && isDigit(s.charAt(i))) i++;
      if (i == start) return false;
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The node the JSON parser would have produced for the same digits, or null when not finite as a double. */
  private static JsonNode parseNumber(String s) {
    boolean integral = s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('E') < 0;
    if (integral) {
      long value;
      if (s.length() <= 18) {
        value = Long.parseLong(s);
      } else {
        BigInteger big = new BigInteger(s);
        if (big.bitLength() >= 64) return Double.isFinite(big.doubleValue()) ? NODES.numberNode(big) : null;
        value = big.longValue();
      }
      return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }
    double value = Double.parseDouble(s);
    return Double.isFinite(value) ? NODES.numberNode(value) : null;
  }

  private static Checked bool(JsonNode raw) {
    if (raw.isBoolean()) return Checked.ok(raw);
    if (raw.isString()) {
      String s = raw.stringValue().trim();
      if (s.equals("true")) return Checked.ok(BooleanNode.TRUE);
      if (s.equals("false")) return Checked.ok(BooleanNode.FALSE);
    }
    return Checked.bad(FieldReader.expected("boolean", raw));
  }

  /**
   * A date-only string or an ISO-8601 date-time; kept as sent. {@code datetime} insists on a zone so the instant
   * is unambiguous; {@code date} only cares about the calendar day.
   */
  private static Checked temporal(JsonNode raw, boolean zoneRequired, String invalid) {
    if (!raw.isString()) return Checked.bad(FieldReader.expected("string", raw));
    String s = raw.stringValue();
    boolean valid = Dates.isDate(s) || Dates.isDateTime(s, zoneRequired);
    return valid ? Checked.ok(raw) : Checked.bad(invalid);
  }

  private static Checked httpUrl(JsonNode raw) {
    if (!raw.isString()) return Checked.bad(FieldReader.expected("string", raw));
    String s = raw.stringValue();
    if (s.length() > MAX_URL_LENGTH) {
      return Checked.bad("String must contain at most " + MAX_URL_LENGTH + " character(s)");
    }
    return isHttpUrl(s) ? Checked.ok(raw) : Checked.bad("Expected an http(s) URL");
  }

  /** Hosts java.net.URI cannot name (such as "my_host") are refused too: the engine could not fetch them. */
  private static boolean isHttpUrl(String s) {
    try {
      URI uri = new URI(s);
      String scheme = uri.getScheme();
      if (scheme == null) return false;
      scheme = scheme.toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static Checked email(JsonNode raw) {
    if (!raw.isString()) return Checked.bad(FieldReader.expected("string", raw));
    return isEmail(raw.stringValue()) ? Checked.ok(raw) : Checked.bad("Invalid email");
  }

  /** The address rule of an {@code email} variable, which every other address Platen accepts follows too. */
  public static boolean isEmail(String s) {
    return s.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(s).matches();
  }
}
