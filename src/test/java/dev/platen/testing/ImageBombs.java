package dev.platen.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/**
 * Images that declare far more pixels (or SVG elements) than they weigh, generated on the spot so no large binary
 * is committed. The raster ones carry a valid header and only a token of image data: a guard that reads the
 * header refuses them, a decoder would start allocating the declared size.
 */
public final class ImageBombs {
  private ImageBombs() {}

  /** Every bomb by name, with the dimensions its message must show ("40,000×40,000"), or null for an SVG. */
  public static Map<String, Bomb> all() {
    Map<String, Bomb> bombs = new LinkedHashMap<>();
    bombs.put("1-bit PNG", new Bomb(png(40_000, 40_000, 1, 0), "40,000×40,000"));
    bombs.put("RGBA PNG", new Bomb(png(12_000, 12_000, 8, 6), "12,000×12,000"));
    bombs.put("JPEG", new Bomb(jpeg(65_000, 65_000), "65,000×65,000"));
    bombs.put("GIF", new Bomb(gif(65_535, 65_535), "65,535×65,535"));
    bombs.put("WebP", new Bomb(webpExtended(30_000, 30_000), "30,000×30,000"));
    bombs.put("BMP", new Bomb(bmp(50_000, 50_000), "50,000×50,000"));
    bombs.put("SVG of a million <use> clones", new Bomb(svgUseClones(6, 10), "draw 4,691,351 elements"));
    bombs.put("SVG with entities", new Bomb(billionLaughs(), "declares entities"));
    return bombs;
  }

  /** @param expected the part of the refusal that names what was too much */
  public record Bomb(byte[] bytes, String expected) {
    public String dataUri() {
      return ImageBombs.dataUri(bytes);
    }
  }

  public static String dataUri(byte[] bytes) {
    String mime = bytes.length > 0 && bytes[0] == '<' ? "image/svg+xml" : "image/png";
    return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  /** A PNG whose IHDR says width×height, followed by one deflated row of zeros. */
  public static byte[] png(int width, int height, int bitDepth, int colorType) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
        .put((byte) bitDepth).put((byte) colorType).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    Deflater deflater = new Deflater(9);
    deflater.setInput(new byte[1 + 1024]);
    deflater.finish();
    byte[] idat = new byte[2048];
    int n = deflater.deflate(idat);
    deflater.end();
    chunk(out, "IDAT", java.util.Arrays.copyOf(idat, n));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /** SOI, a JFIF APP0 and an EXIF-like APP1 holding a decoy small frame header, then a baseline SOF0. */
  public static byte[] jpeg(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
    // a thumbnail's SOF inside APP1 must not be taken for the image's own
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, 0, 10, (byte) 0xFF, (byte) 0xC0, 0, 8, 8, 0, 1, 0});
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xC0, 0, 11, 8, (byte) (height >> 8), (byte) height,
        (byte) (width >> 8), (byte) width, 1, 1, 0x11, 0});
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
    return out.toByteArray();
  }

  /** A GIF89a whose screen is small and whose one frame is width×height. */
  public static byte[] gif(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    b.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) 10).putShort((short) 10)
        .put((byte) 0x80).put((byte) 0).put((byte) 0)                   // a 2-colour global table
        .put(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255})
        .put(new byte[] {0x21, (byte) 0xF9, 4, 0, 0, 0, 0, 0})          // graphic control extension
        .put((byte) 0x2C).putShort((short) 0).putShort((short) 0)
        .putShort((short) width).putShort((short) height).put((byte) 0)
        .put((byte) 2).put((byte) 2).put((byte) 0x4C).put((byte) 0x01).put((byte) 0) // a tiny LZW stream
        .put((byte) 0x3B);
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  /** An extended WebP (VP8X) whose canvas is width×height. */
  public static byte[] webpExtended(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22).put("WEBP".getBytes(StandardCharsets.US_ASCII))
        .put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).put((byte) 0).put(new byte[3]);
    put24(b, width - 1);
    put24(b, height - 1);
    return b.array();
  }

  /** A lossless WebP (VP8L) header of width×height (at most 16384 each). */
  public static byte[] webpLossless(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22).put("WEBP".getBytes(StandardCharsets.US_ASCII))
        .put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(10).put((byte) 0x2F)
        .putInt((width - 1) | (height - 1) << 14).put(new byte[5]);
    return b.array();
  }

  /** A lossy WebP (VP8) key frame header of width×height (at most 16383 each). */
  public static byte[] webpLossy(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22).put("WEBP".getBytes(StandardCharsets.US_ASCII))
        .put("VP8 ".getBytes(StandardCharsets.US_ASCII)).putInt(10).put(new byte[3])
        .put((byte) 0x9D).put((byte) 0x01).put((byte) 0x2A).putShort((short) width).putShort((short) height);
    return b.array();
  }

  private static void put24(ByteBuffer b, int v) {
    b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
  }

  /** A BMP with a BITMAPINFOHEADER of width×height (a negative height: stored top-down) and no pixel data. */
  public static byte[] bmp(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(54).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'B').put((byte) 'M').putInt(54).putInt(0).putInt(54)
        .putInt(40).putInt(width).putInt(-height).putShort((short) 1).putShort((short) 24)
        .putInt(0).putInt(0).putInt(2835).putInt(2835).putInt(0).putInt(0);
    return b.array();
  }

  /**
   * Nested groups of {@code <use>}: level k holds {@code fanout} uses of level k-1, so the file is a few hundred
   * bytes and draws fanout^levels rectangles.
   */
  public static byte[] svgUseClones(int levels, int fanout) {
    StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" "
        + "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\"><defs>"
        + "<rect id=\"l0\" width=\"1\" height=\"1\"/>");
    for (int level = 1; level <= levels; level++) {
      s.append("<g id=\"l").append(level).append("\">");
      for (int i = 0; i < fanout; i++) s.append("<use xlink:href=\"#l").append(level - 1).append("\"/>");
      s.append("</g>");
    }
    s.append("</defs><use xlink:href=\"#l").append(levels).append("\"/></svg>");
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] billionLaughs() {
    StringBuilder s = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      s.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    s.append("]><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><text>&lol9;</text></svg>");
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** An ordinary image: a 40×20 PNG, half red. */
  public static byte[] smallPng() {
    return encode(small(BufferedImage.TYPE_INT_ARGB), "png");
  }

  /** A small real image in any format ImageIO writes (png, jpeg, gif, bmp). */
  public static byte[] small(String format) {
    return encode(small(format.equals("png") ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB), format);
  }

  private static BufferedImage small(int type) {
    BufferedImage image = new BufferedImage(40, 20, type);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 40, 20);
    g.setColor(Color.RED);
    g.fillRect(0, 0, 20, 20);
    g.dispose();
    return image;
  }

  private static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) throw new IllegalStateException("no ImageIO writer for " + format);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
