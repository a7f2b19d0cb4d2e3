package dev.platen.render.direct;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A page's content stream as {@link Painter} writes it: operators, numbers and glyph ids are ASCII, so they go
 * straight into a byte array. A {@code StringBuilder} checked its coder and capacity for each of the four hex digits
 * of every glyph (a tenth of a 1,000-row statement's render) and then copied the whole page twice, to a string and
 * to Latin-1 bytes.
 */
final class ContentBytes {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private byte[] buf;
  private int len;

  ContentBytes(int capacity) {
    buf = new byte[capacity];
  }

  void clear() {
    len = 0;
  }

  private void room(int n) {
    if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
  }

  ContentBytes append(char c) {
    room(1);
    buf[len++] = (byte) c;
    return this;
  }

  /** ASCII text: operators, names and the like (anything else would not be a valid content stream anyway). */
  ContentBytes append(String s) {
    int n = s.length();
    room(n);
    for (int i = 0; i < n; i++) buf[len + i] = (byte) s.charAt(i);
    len += n;
    return this;
  }

  ContentBytes append(long v) {
    if (v < 0) {
      append('-');
      v = -v;
    }
    if (v < 10) return append((char) ('0' + v));
    int digits = 0;
    for (long t = v; t > 0; t /= 10) digits++;
    room(digits);
    for (int i = len + digits - 1; i >= len; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    len += digits;
    return this;
  }

  /** A glyph id as the four hex digits of a two-byte code in a {@code <…>} string. */
  ContentBytes hex4(int gid) {
    room(4);
    buf[len] = HEX[(gid >> 12) & 15];
    buf[len + 1] = HEX[(gid >> 8) & 15];
    buf[len + 2] = HEX[(gid >> 4) & 15];
    buf[len + 3] = HEX[gid & 15];
    len += 4;
    return this;
  }

  /** A one-byte code as two hex digits. */
  ContentBytes hex2(int code) {
    room(2);
    buf[len] = HEX[(code >> 4) & 15];
    buf[len + 1] = HEX[code & 15];
    len += 2;
    return this;
  }

  void digestInto(MessageDigest digest) {
    digest.update(buf, 0, len);
  }

  InputStream stream() {
    return new ByteArrayInputStream(buf, 0, len);
  }
}
