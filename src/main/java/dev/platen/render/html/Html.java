package dev.platen.render.html;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;

/**
 * Escaping for the XHTML the engine writes. The output goes through an XML parser, so besides the markup
 * characters it also drops code points that XML 1.0 forbids (control characters, lone surrogates): one stray
 * U+0001 in customer data would otherwise fail the whole document.
 */
final class Html {
  private Html() {}

  private static final Document.OutputSettings XHTML = new Document.OutputSettings()
      .syntax(Document.OutputSettings.Syntax.xml)
      .escapeMode(Entities.EscapeMode.xhtml)
      .prettyPrint(false);

  /** How jsoup writes what the engine parses as XML: XML syntax, XHTML escapes, no added white space. */
  static Document.OutputSettings xhtmlOutput() {
    return XHTML.clone();
  }

  /** Text or attribute value, escaped. Null becomes empty. */
  static String escape(String s) {
    if (s == null || s.isEmpty()) return "";
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (allowedInXml(cp)) out.appendCodePoint(cp);
        }
      }
    }
    return out.toString();
  }

  /** Escaped text with line breaks kept as {@code <br/>}. */
  static String multiline(String s) {
    String escaped = escape(s);
    if (escaped.indexOf('\n') < 0 && escaped.indexOf('\r') < 0) return escaped;
    return escaped.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "<br/>");
  }

  /** The text unchanged except for code points XML 1.0 forbids, for markup that is escaped elsewhere. */
  static String withoutXmlInvalidChars(String s) {
    if (s == null) return "";
    StringBuilder out = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (!allowedInXml(cp) && out == null) out = new StringBuilder(s.length()).append(s, 0, i);
      if (out != null && allowedInXml(cp)) out.appendCodePoint(cp);
      i = next;
    }
    return out == null ? s : out.toString();
  }

  private static boolean allowedInXml(int cp) {
    return cp == '\t' || cp == '\n' || cp == '\r'
        || (cp >= 0x20 && cp <= 0xD7FF)
        || (cp >= 0xE000 && cp <= 0xFFFD)
        || (cp >= 0x10000 && cp <= 0x10FFFF);
  }
}
