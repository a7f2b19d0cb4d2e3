package dev.platen.templates;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A length as page margins accept it: a non-negative number with an absolute CSS unit, or a bare {@code 0}.
 * Relative units (%, em) are refused because a page margin has nothing to be relative to.
 *
 * @param css the length as written to the engine, unit in lower case ("20mm")
 */
record CssLength(String css, double millimetres) {
  private static final int MAX_TEXT = 24;
  private static final Pattern SYNTAX = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)(mm|cm|in|pt|pc|px)");
  private static final Pattern ZERO = Pattern.compile("0+(?:\\.0+)?");
  private static final Map<String, Double> MM_PER_UNIT = Map.of(
      "mm", 1.0, "cm", 10.0, "in", 25.4, "pt", 25.4 / 72, "pc", 25.4 / 6, "px", 25.4 / 96);

  /** @return the length, or null when the text is not one */
  static CssLength parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.length() > MAX_TEXT) return null;
    if (ZERO.matcher(s).matches()) return new CssLength("0", 0);
    Matcher m = SYNTAX.matcher(s);
    if (!m.matches()) return null;
    return new CssLength(s, Double.parseDouble(m.group(1)) * MM_PER_UNIT.get(m.group(2)));
  }
}
