package dev.platen.templates;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Template and project slugs: kebab-case, at most 120 characters. */
public final class Slugs {
  public static final int MAX_LENGTH = 120;
  /** Derived slugs stay shorter than the limit so that a collision suffix ("-2") always fits. */
  static final int MAX_DERIVED_LENGTH = 100;

  private static final Pattern VALID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");
  // Letters that NFKD does not decompose into an ASCII base letter, spelled the way people transliterate them.
  private static final Map<String, String> LETTERS = Map.of(
      "ß", "ss", "æ", "ae", "œ", "oe", "ø", "o", "đ", "d", "ð", "d", "ł", "l", "þ", "th", "ı", "i");

  private Slugs() {}

  public static boolean isValid(String slug) {
    return slug != null && slug.length() <= MAX_LENGTH && VALID.matcher(slug).matches();
  }

  /** A valid slug derived from a template name ("Invoice (EU) – 2026" → "invoice-eu-2026"); never empty. */
  public static String derive(String name) {
    return derive(name, "template");
  }

  /** As {@link #derive(String)}, with {@code fallback} for a name without a letter or digit to keep. */
  public static String derive(String name, String fallback) {
    String s = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
    s = s.toLowerCase(Locale.ROOT);
    for (var e : LETTERS.entrySet()) {
      s = s.replace(e.getKey(), e.getValue());
    }
    s = trimDashes(SEPARATORS.matcher(s).replaceAll("-"));
    if (s.length() > MAX_DERIVED_LENGTH) s = trimDashes(s.substring(0, MAX_DERIVED_LENGTH));
    return s.isEmpty() ? fallback : s;
  }

  private static String trimDashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '-') start++;
    while (end > start && s.charAt(end - 1) == '-') end--;
    return s.substring(start, end);
  }
}
