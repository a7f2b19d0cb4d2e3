package dev.platen.render;

import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Turns style props from a layout into CSS values, or null when a value is not plainly one of the accepted
 * forms. Layout props are written by template authors and pasted into style attributes, so anything beyond a
 * length, a colour or a keyword is dropped rather than passed through (no {@code url(...)}, no {@code ;}).
 */
public final class Css {
  private Css() {}

  private static final Pattern LENGTH = Pattern.compile("-?\\d{1,6}(\\.\\d{1,4})?(px|pt|mm|cm|in|em|rem|%)?");
  private static final Pattern HEX = Pattern.compile("#(\\p{XDigit}{3}|\\p{XDigit}{4}|\\p{XDigit}{6}|\\p{XDigit}{8})");
  private static final Pattern RGB = Pattern.compile("rgba?\\(\\s*[\\d.%]+\\s*(,\\s*[\\d.%]+\\s*){2,3}\\)");
  private static final Pattern NAMED = Pattern.compile("[a-zA-Z]{3,20}");

  /** A number (pixels) or a CSS length; a bare number in a string also counts as pixels. */
  public static String length(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) return null;
    if (v.isNumber()) return number(v.doubleValue()) + "px";
    if (!v.isString()) return null;
    return length(v.stringValue());
  }

  public static String length(String s) {
    if (s == null) return null;
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (!LENGTH.matcher(t).matches()) return null;
    return Character.isDigit(t.charAt(t.length() - 1)) ? t + "px" : t;
  }

  /** One to four lengths, as in {@code padding} or {@code margin}. */
  public static String box(JsonNode v) {
    if (v != null && v.isString()) {
      String[] parts = v.stringValue().trim().split("\\s+");
      if (parts.length > 4) return null;
      StringBuilder out = new StringBuilder();
      for (String p : parts) {
        String len = length(p);
        if (len == null) return null;
        if (!out.isEmpty()) out.append(' ');
        out.append(len);
      }
      return out.toString();
    }
    return length(v);
  }

  public static String color(JsonNode v) {
    if (v == null || !v.isString()) return null;
    String s = v.stringValue().trim();
    if (HEX.matcher(s).matches() || RGB.matcher(s).matches() || NAMED.matcher(s).matches()) return s;
    return null;
  }

  public static String align(JsonNode v) {
    if (v == null || !v.isString()) return null;
    return switch (v.stringValue()) {
      case "left", "center", "right", "justify" -> v.stringValue();
      default -> null;
    };
  }

  public static String fontWeight(JsonNode v) {
    if (v == null) return null;
    if (v.isNumber()) {
      int w = v.intValue();
      return w >= 100 && w <= 900 ? Integer.toString(w / 100 * 100) : null;
    }
    if (!v.isString()) return null;
    return switch (v.stringValue()) {
      case "light" -> "300";
      case "normal" -> "400";
      case "medium" -> "500";
      case "bold" -> "700";
      case "extrabold" -> "800";
      default -> null;
    };
  }

  /** Unitless number or length, as CSS {@code line-height} takes it. */
  public static String lineHeight(JsonNode v) {
    if (v != null && v.isNumber()) return number(v.doubleValue());
    return length(v);
  }

  private static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e7) return Long.toString((long) d);
    return String.format(Locale.ROOT, "%.3f", d).replaceAll("0+$", "");
  }

  /** Appends {@code name: value;} when the value is present. */
  public static void put(StringBuilder style, String name, String value) {
    if (value != null) style.append(name).append(':').append(value).append(';');
  }
}
