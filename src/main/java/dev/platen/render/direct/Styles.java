package dev.platen.render.direct;

import dev.platen.render.Css;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The numbers of the HTML engine's style sheet (DocumentCss) that decide where things land, so both engines
 * break pages at the same rows, and the conversion of the layout's CSS values to points.
 */
final class Styles {
  private Styles() {}

  static final double BODY_SIZE = 10;
  static final double LINE_HEIGHT = 1.35;
  static final int TEXT_RGB = 0x111111;
  static final double[] HEADING_SIZE = {20, 16, 13, 11, 10, 9};
  static final double[] HEADING_MARGIN = {8, 6, 5, 4, 4, 4};
  static final double TEXT_MARGIN = 6;
  static final double KV_MARGIN = 6;
  static final double KV_LABEL_GAP = 12;
  static final double KV_PAD_V = 1;
  static final double TABLE_MARGIN = 8;
  static final double CELL_PAD_V = 3;
  static final double CELL_PAD_H = 4;
  static final double HEAD_BORDER = 1;
  static final int HEAD_BORDER_RGB = 0x333333;
  static final int HEAD_BG_RGB = 0xf2f2f2;
  static final double ROW_BORDER = 0.5;
  static final int ROW_BORDER_RGB = 0xd0d0d0;
  static final double BLOCK_MARGIN = 6;
  static final double DIVIDER_MARGIN = 6;
  static final int DIVIDER_RGB = 0xcccccc;
  static final double CODE_TEXT_SIZE = 9;
  static final double CODE_TEXT_SPACING = 1;
  static final double FOOTER_SIZE = 8;
  static final int FOOTER_RGB = 0x555555;
  /** One CSS pixel is 1/96 in. */
  static final double PX = 0.75;
  static final double MM = 72 / 25.4;

  /**
   * Points for a CSS length as {@code Css.length} normalises it, or NaN when it needs context this path does
   * not model (percentages of something other than the column).
   *
   * @param percentOf what 100% is, or NaN when percentages are not accepted here
   */
  static double points(String css, double em, double percentOf) {
    if (css == null) return Double.NaN;
    String s = css.trim().toLowerCase(Locale.ROOT);
    int unit = s.length();
    while (unit > 0 && !Character.isDigit(s.charAt(unit - 1)) && s.charAt(unit - 1) != '.') unit--;
    double n;
    try {
      n = Double.parseDouble(s.substring(0, unit));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
    return switch (s.substring(unit)) {
      case "px", "" -> n * PX;
      case "pt" -> n;
      case "mm" -> n * MM;
      case "cm" -> n * MM * 10;
      case "in" -> n * 72;
      case "em" -> n * em;
      case "rem" -> n * 12; // the root font size: 16 px
      case "%" -> n * percentOf / 100;
      default -> Double.NaN;
    };
  }

  static double points(JsonNode v, double em, double percentOf) {
    return points(Css.length(v), em, percentOf);
  }

  /** A colour as 0xRRGGBB, or -1 when absent; -2 when present in a form only the HTML engine reads. */
  static int rgb(JsonNode v) {
    String c = Css.color(v);
    if (c == null) return -1;
    if (c.startsWith("#") && c.length() == 7) return Integer.parseInt(c.substring(1), 16);
    if (c.startsWith("#") && c.length() == 4) {
      int r = Character.digit(c.charAt(1), 16);
      int g = Character.digit(c.charAt(2), 16);
      int b = Character.digit(c.charAt(3), 16);
      return (r * 17) << 16 | (g * 17) << 8 | b * 17;
    }
    return switch (c.toLowerCase(Locale.ROOT)) {
      case "black" -> 0x000000;
      case "white" -> 0xffffff;
      case "red" -> 0xff0000;
      case "green" -> 0x008000;
      case "blue" -> 0x0000ff;
      case "gray", "grey" -> 0x808080;
      default -> -2;
    };
  }
}
