package dev.platen.render.handlebars;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Options;
import com.github.jknack.handlebars.TagType;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.helper.EachHelper;
import dev.platen.render.Dates;
import dev.platen.render.Numbers;
import dev.platen.render.RenderException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The helpers an HTML layout may call (docs/html-layouts.md). Everything else Handlebars.java registers by default
 * that could reach files, resource bundles or the server log is replaced by a helper that refuses; publish-time
 * checks refuse those names too, so the refusal is never first seen in a render.
 */
final class Helpers {
  private Helpers() {}

  /** Built-ins of Handlebars.java that load templates or bundles, or write to our log. */
  static final Set<String> DISABLED = Set.of("embedded", "block", "partial", "precompile", "i18n", "i18nJs", "log");

  private static final DateTimeFormatter DEFAULT_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
  private static final Pattern DATE_TOKENS = Pattern.compile("YYYY|YY|yyyy|yy|MMMM|MMM|MM|M|DD|D|dddd|ddd|dd|d"
      + "|EEEE|EEE|HH|H|hh|h|mm|m|ss|s|A|[A-Za-z]");
  static final int MAX_DATE_PATTERN = 64;
  private static final Pattern CSS_LENGTH = Pattern.compile("\\d{1,4}(\\.\\d{1,3})?(mm|cm|in|pt|px)");

  static void register(Handlebars hb) {
    for (String name : DISABLED) {
      hb.registerHelper(name, (context, options) -> {
        throw new IOException("the helper '" + name + "' is not available");
      });
    }
    hb.registerHelper("each", Helpers::each);
    hb.registerHelper("lookup", Helpers::lookup);
    hb.registerHelper("eq", (Object a, Options o) -> choose(same(a, o.param(0, null)), o));
    hb.registerHelper("gt", (Object a, Options o) -> choose(compare(a, o.param(0, null)) > 0, o));
    hb.registerHelper("lt", (Object a, Options o) -> choose(compare(a, o.param(0, null)) < 0, o));
    hb.registerHelper("upper", (Object v, Options o) -> text(v).toUpperCase(Locale.ROOT));
    hb.registerHelper("lower", (Object v, Options o) -> text(v).toLowerCase(Locale.ROOT));
    hb.registerHelper("default", (Object v, Options o) -> text(v).isEmpty() ? o.param(0, "") : v);
    hb.registerHelper("format-date", (Object v, Options o) -> formatDate(v, o.param(0, null)));
    hb.registerHelper("format-number", (Object v, Options o) -> formatNumber(v, o.param(0, null)));
    hb.registerHelper("format-currency", (Object v, Options o) -> {
      if (text(v).isEmpty()) return "";
      Object code = o.param(0, null);
      return RenderScope.rendering().currency(v, code == null || text(code).isBlank() ? null : text(code).trim());
    });
    hb.registerHelper("qr", (Object v, Options o) -> {
      String value = text(v);
      if (value.isEmpty()) return "";
      String size = size(o.hash("size"), "30mm");
      String uri = call(() -> RenderScope.rendering().qrDataUri(value));
      return new Handlebars.SafeString("<img src=\"" + uri + "\" alt=\"QR code\" style=\"width:" + size
          + ";height:" + size + ";\"/>");
    });
    hb.registerHelper("barcode", (Object v, Options o) -> {
      String value = text(v).trim();
      if (value.isEmpty()) return "";
      Object format = o.param(0, null);
      String height = size(o.hash("height"), "15mm");
      String uri = call(() -> RenderScope.rendering().barcodeDataUri(value, format == null ? null : text(format)));
      return new Handlebars.SafeString("<img src=\"" + uri + "\" alt=\"barcode\" style=\"height:" + height
          + ";\"/>");
    });
  }

  /**
   * Handlebars' own {@code each}, but every iteration is charged to the render and its output measured:
   * {@code each} is also what a Mustache-style section over a list runs, so this covers both spellings.
   */
  private static Object each(Object context, Options options) throws IOException {
    return EachHelper.INSTANCE.apply(context, new MeteredOptions(options));
  }

  private static final class MeteredOptions extends Options {
    MeteredOptions(Options o) {
      super(o.handlebars, o.helperName, o.tagType, o.context, o.fn, o.inverse, o.params, o.hash, o.blockParams);
    }

    /** Handlebars' in-memory buffer has no toString, which every writer it reaches relies on. */
    @Override public Buffer buffer() {
      return new TextBuffer();
    }

    @Override public CharSequence apply(Template template, Context context, List<Object> blockParams)
        throws IOException {
      RenderScope.iterate(template);
      CharSequence out = super.apply(template, context, blockParams);
      RenderScope.produced(out.length());
      return out;
    }
  }

  private static final class TextBuffer implements Options.Buffer {
    private final StringBuilder text = new StringBuilder();

    @Override public Appendable append(CharSequence csq) {
      text.append(csq);
      return this;
    }

    @Override public Appendable append(CharSequence csq, int start, int end) {
      text.append(csq, start, end);
      return this;
    }

    @Override public Appendable append(char c) {
      text.append(c);
      return this;
    }

    @Override public int length() { return text.length(); }

    @Override public char charAt(int index) { return text.charAt(index); }

    @Override public CharSequence subSequence(int start, int end) { return text.subSequence(start, end); }

    @Override public String toString() { return text.toString(); }
  }

  /**
   * Map keys and list indexes only. The built-in {@code lookup} falls back to printing the whole object when a
   * key is missing, which is surprising and shows Java's {@code toString} of maps.
   */
  private static Object lookup(Object context, Options options) {
    Object key = options.param(0, null);
    if (key == null) return null;
    if (context instanceof java.util.Map<?, ?> map) return map.get(text(key));
    if (context instanceof List<?> list) {
      BigDecimal i = decimal(key);
      if (i == null || i.signum() < 0 || i.compareTo(BigDecimal.valueOf(list.size())) >= 0) return null;
      try {
        return list.get(i.intValueExact());
      } catch (ArithmeticException e) {
        return null;
      }
    }
    return null;
  }

  /** Block form renders its body or else-branch; inline and subexpression forms give the boolean. */
  private static Object choose(boolean value, Options o) throws IOException {
    if (o.tagType == TagType.SECTION) return value ? o.fn() : o.inverse();
    return value;
  }

  private static boolean same(Object a, Object b) {
    if (a == null || b == null) return a == b;
    BigDecimal x = decimal(a);
    BigDecimal y = decimal(b);
    if (x != null && y != null) return x.compareTo(y) == 0;
    return text(a).equals(text(b));
  }

  /** Numbers (or numeric strings) by value, anything else as text, so ISO dates compare in time order. */
  private static int compare(Object a, Object b) {
    if (a == null || b == null) return a == b ? 0 : (a == null ? -1 : 1);
    BigDecimal x = decimal(a);
    BigDecimal y = decimal(b);
    if (x != null && y != null) return x.compareTo(y);
    return Integer.signum(text(a).compareTo(text(b)));
  }

  static String text(Object v) {
    if (v == null) return "";
    if (v instanceof BigDecimal d) return Numbers.plainText(d);
    if (v instanceof CharSequence || v instanceof Number || v instanceof Boolean) return v.toString();
    return ""; // maps and lists have no text of their own, as in the canvas layouts
  }

  static BigDecimal decimal(Object v) {
    if (v instanceof BigDecimal d) return d;
    if (v instanceof Double d && (d.isNaN() || d.isInfinite())) return null;
    if (v instanceof Float d && (d.isNaN() || d.isInfinite())) return null;
    if (v instanceof Number n) return new BigDecimal(n.toString());
    if (v instanceof CharSequence s) {
      String t = s.toString().trim();
      if (t.isEmpty() || t.length() > 100) return null;
      try {
        return new BigDecimal(t);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** A value outside {@link Numbers}' bounds prints as written: formatting it could take minutes or all memory. */
  static String formatNumber(Object v, Object decimals) {
    BigDecimal n = Numbers.forFormatting(decimal(v));
    if (n == null) return text(v);
    BigDecimal places = decimals == null ? null : decimal(decimals);
    int p = -1; // no count: up to six places, as written
    if (places != null) {
      // intValue() expands the whole number first, so an absurd count is clamped by its sign instead
      BigDecimal bounded = Numbers.forFormatting(places);
      int asked = bounded != null ? bounded.intValue() : places.signum() > 0 ? 10 : 0;
      p = Math.max(0, Math.min(10, asked));
    }
    return numberFormats.get().of(p).format(n);
  }

  /**
   * A statement's loop calls format-number thousands of times per document, and building a DecimalFormat each time
   * was most of the helper's cost; one formatter per places count and thread (DecimalFormat is not thread-safe).
   */
  private static final ThreadLocal<NumberFormats> numberFormats = ThreadLocal.withInitial(NumberFormats::new);

  private static final class NumberFormats {
    private final DecimalFormat[] byPlaces = new DecimalFormat[12];

    DecimalFormat of(int places) {
      DecimalFormat f = byPlaces[places + 1];
      if (f == null) {
        f = new DecimalFormat(places < 0 ? "#,##0.######" : places == 0 ? "#,##0" : "#,##0." + "0".repeat(places),
            DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        f.setRoundingMode(RoundingMode.HALF_UP);
        byPlaces[places + 1] = f;
      }
      return f;
    }
  }

  /**
   * ISO dates and date-times (UTC, as the canvas layouts) in English. Unparsable values, and patterns that cannot
   * print them, print the value as it is: docs/html-layouts.md promises a pattern never fails a render.
   */
  static String formatDate(Object v, Object pattern) {
    String value = text(v).trim();
    if (value.isEmpty()) return "";
    TemporalAccessor t = Dates.parse(value);
    if (t == null) return value;
    DateTimeFormatter f = pattern == null || text(pattern).isBlank() ? DEFAULT_DATE : formatter(text(pattern));
    if (f == null) return value;
    try {
      return f.format(t);
    } catch (RuntimeException e) {
      // a time pattern on a plain date fails only when applied; java.time's message names Java internals
      return value;
    }
  }

  /**
   * Building a formatter costs ~15 µs, which made a loop of {@code format-date} calls the slowest template work
   * per character there is; templates use few distinct patterns, so they are kept, a bounded number of them.
   */
  private static final Map<String, Optional<DateTimeFormatter>> FORMATTERS = new ConcurrentHashMap<>();
  private static final int MAX_FORMATTERS = 512;

  /** Null when the pattern cannot print dates: too long, or a token run java.time refuses. */
  private static DateTimeFormatter formatter(String pattern) {
    Optional<DateTimeFormatter> known = FORMATTERS.get(pattern);
    if (known == null) {
      DateTimeFormatter built;
      try {
        built = javaPattern(pattern);
      } catch (RuntimeException e) {
        built = null; // YYYY repeated past 19 digits, among others
      }
      known = Optional.ofNullable(built);
      if (FORMATTERS.size() >= MAX_FORMATTERS) FORMATTERS.clear();
      FORMATTERS.put(pattern, known);
    }
    return known.orElse(null);
  }

  /**
   * Moment-style tokens as Craftkit's examples write them ({@code DD/MM/YYYY}) to a java.time pattern, and the
   * lowercase year and day tokens of date-fns, Java and ICU ({@code dd.MM.yyyy}, {@code MMM d, yyyy},
   * {@code EEE}), which authors bring from those libraries; other letters are printed literally. Moment's own
   * {@code dd} and {@code d} (a weekday's two letters, its number) are not kept: in a document they are far
   * rarer than the day of the month the other libraries mean by them (D42).
   *
   * @return null for a pattern longer than {@value #MAX_DATE_PATTERN} characters: no date format needs that many,
   *     and cutting it short would print something the author did not write
   */
  static DateTimeFormatter javaPattern(String pattern) {
    if (pattern.length() > MAX_DATE_PATTERN) return null;
    String p = pattern;
    StringBuilder out = new StringBuilder();
    StringBuilder text = new StringBuilder();
    Matcher m = DATE_TOKENS.matcher(p);
    int last = 0;
    while (m.find()) {
      String java = switch (m.group()) {
        case "YYYY", "yyyy" -> "yyyy";
        case "YY", "yy" -> "yy";
        case "MMMM", "MMM", "MM", "M", "HH", "H", "hh", "h", "mm", "m", "ss", "s", "EEEE", "EEE", "dd", "d" -> m.group();
        case "DD" -> "dd";
        case "D" -> "d";
        case "dddd" -> "EEEE";
        case "ddd" -> "EEE";
        case "A" -> "a";
        default -> null;
      };
      if (java == null) {
        text.append(p, last, m.end());
      } else {
        text.append(p, last, m.start());
        literal(out, text);
        out.append(java);
      }
      last = m.end();
    }
    text.append(p.substring(last));
    literal(out, text);
    return DateTimeFormatter.ofPattern(out.toString(), Locale.ENGLISH);
  }

  /** Literal text, quoted once however many runs it gathered (two quoted runs side by side print a quote). */
  private static void literal(StringBuilder out, StringBuilder text) {
    if (text.isEmpty()) return;
    out.append('\'').append(text.toString().replace("'", "''")).append('\'');
    text.setLength(0);
  }

  private static String size(Object declared, String fallback) {
    String s = declared == null ? "" : text(declared).trim();
    return CSS_LENGTH.matcher(s).matches() ? s : fallback;
  }

  private interface RenderCall {
    String get() throws RenderException;
  }

  private static String call(RenderCall c) {
    try {
      return c.get();
    } catch (RenderException e) {
      throw new HelperFailure(e);
    }
  }
}
