package dev.platen.sharing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Text into HTML: everything a user or a template author wrote is escaped, in element text and attribute values. */
final class Html {
  private static final DateTimeFormatter READABLE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Html() {}

  static String escape(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A user-written note keeps its line breaks. */
  static String paragraph(String s) {
    return escape(s).replace("\r\n", "\n").replace("\n", "<br>");
  }

  static String readable(long epochMs) {
    return READABLE.format(Instant.ofEpochMilli(epochMs));
  }
}
