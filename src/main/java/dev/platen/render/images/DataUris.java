package dev.platen.render.images;

import dev.platen.render.RenderException;
import dev.platen.render.Units;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** Decoding data: URIs (RFC 2397) under the image byte cap, and naming them in messages. */
final class DataUris {
  private DataUris() {}

  /** The start of a data: URI, for messages: its header, never its (possibly megabytes of) payload. */
  static String shown(String uri) {
    int comma = uri.indexOf(',');
    String header = comma < 0 ? uri : uri.substring(0, comma);
    return (header.length() > 60 ? header.substring(0, 60) + "…" : header) + (comma < 0 ? "" : ",…");
  }

  /**
   * @param asEngine decide base64 or percent encoding exactly as openhtmltopdf's {@code DataUriFactory} does (the
   *     header ends with "base64", case-sensitive), so the bytes checked are the bytes that engine draws; otherwise
   *     also accept a ";BASE64" header in any case, which is what a template author means by it
   */
  static byte[] decode(String uri, String shown, long maxBytes, boolean asEngine) throws RenderException {
    int comma = uri.indexOf(',');
    if (comma < 0) throw ImageGuard.refused(shown, "is not a valid data: URI");
    String header = uri.substring(0, comma);
    String payload = uri.substring(comma + 1);
    boolean base64 = header.endsWith("base64")
        || (!asEngine && header.toLowerCase(Locale.ROOT).endsWith(";base64"));
    if ((base64 ? payload.length() / 4L * 3 : payload.length()) > maxBytes) throw tooLarge(shown, maxBytes);
    byte[] bytes;
    if (base64) {
      try {
        bytes = Base64.getMimeDecoder().decode(payload);
      } catch (IllegalArgumentException e) {
        throw ImageGuard.refused(shown, "is not valid base64");
      }
    } else {
      bytes = percentDecoded(payload);
    }
    if (bytes.length > maxBytes) throw tooLarge(shown, maxBytes);
    return bytes;
  }

  private static RenderException tooLarge(String shown, long maxBytes) {
    return ImageGuard.refused(shown, "exceeds " + Units.bytes(maxBytes));
  }

  /**
   * Percent-decoding as openhtmltopdf does it: a '%' not followed by two hex digits stays as it is (SVG in data:
   * URIs is full of width='100%'), '+' stays a plus, and other characters are taken as UTF-8.
   */
  static byte[] percentDecoded(String data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length());
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < data.length(); i++) {
      char c = data.charAt(i);
      int hi;
      int lo;
      if (c == '%' && i + 2 < data.length()
          && (hi = Character.digit(data.charAt(i + 1), 16)) != -1
          && (lo = Character.digit(data.charAt(i + 2), 16)) != -1) {
        out.writeBytes(literal.toString().getBytes(StandardCharsets.UTF_8));
        literal.setLength(0);
        out.write((hi << 4) + lo);
        i += 2;
      } else {
        literal.append(c);
      }
    }
    out.writeBytes(literal.toString().getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
