package dev.platen.render;

import java.math.BigDecimal;

/**
 * The numbers a document formats, and how to tell one that is not from its precision and scale alone. A
 * BigDecimal such as 9e999999999 is a few bytes, but rounding, printing or converting it expands all its digits:
 * minutes of BigInteger work or an OutOfMemoryError. Nothing here expands a number before it is known to be small.
 */
public final class Numbers {
  /** The largest magnitude data may declare as a number or currency, and that formatters will format. */
  public static final BigDecimal LIMIT = BigDecimal.ONE.scaleByPowerOfTen(15);
  public static final int MAX_DIGITS = 1000;
  /** The longest numeric text worth parsing: MAX_DIGITS digits plus sign, point and exponent. */
  private static final int MAX_TEXT = MAX_DIGITS + 16;
  /** No formatter prints more than 10 decimals; anything below 10^-30 rounds to (signed) zero at any of them. */
  private static final int NEGLIGIBLE_EXPONENT = -30;

  private Numbers() {}

  /** @return whether |n| ≤ 10^15 with at most {@value #MAX_DIGITS} significant digits */
  public static boolean isWithinBounds(BigDecimal n) {
    if (n.signum() == 0) return true;
    int precision = n.precision();
    if (precision > MAX_DIGITS) return false;
    long exponent = exponent(n);
    if (exponent != 15) return exponent < 15;
    return n.abs().compareTo(LIMIT) <= 0;
  }

  /**
   * @return n, or a stand-in that formats identically and cheaply (a value too small to show any digit becomes
   *     ±10^-31), or null when n is out of bounds and should be printed as it was written
   */
  public static BigDecimal forFormatting(BigDecimal n) {
    if (n == null || !isWithinBounds(n)) return null;
    if (n.signum() != 0 && exponent(n) < NEGLIGIBLE_EXPONENT) {
      return BigDecimal.valueOf(n.signum(), -NEGLIGIBLE_EXPONENT + 1);
    }
    return n.signum() == 0 && Math.abs((long) n.scale()) > MAX_DIGITS ? BigDecimal.ZERO : n;
  }

  /** @return the number the text spells, or null when it spells none or is too long to be one we format */
  public static BigDecimal parse(String text) {
    String t = text.trim();
    if (t.isEmpty() || t.length() > MAX_TEXT) return null;
    try {
      return new BigDecimal(t);
    } catch (NumberFormatException e) {
      return null; // also an exponent beyond int range
    }
  }

  /** Plain digits as before for any ordinary number; scientific notation when plain digits would not fit a page. */
  public static String plainText(BigDecimal n) {
    long widest = Math.max(n.precision(), Math.abs((long) n.scale()));
    return widest <= MAX_DIGITS ? n.toPlainString() : n.toString();
  }

  /** floor(log10 |n|) for a non-zero n, from its digit count and scale. */
  private static long exponent(BigDecimal n) {
    return (long) n.precision() - n.scale() - 1;
  }
}
