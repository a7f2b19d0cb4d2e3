package dev.platen.render.pdf;

import org.apache.pdfbox.filter.Filter;

/**
 * How hard PDFBox compresses what it writes: content streams, font subsets, re-encoded images and, at save, the
 * object streams. At PDFBox's default (zlib level 6) deflating was about half of the font-subsetting cost of a
 * one-page invoice; level 1 makes files larger (+7 % for a one-page invoice, +20 % for a text-heavy 32-page
 * statement; docs/benchmarks.md, issue 12) for a sizeable part of the CPU. PDFBox reads the level from a system property on every stream, so it is a process-wide setting;
 * an operator who sets {@code -Dorg.apache.pdfbox.filter.deflatelevel} keeps their value.
 */
public final class Compression {
  private Compression() {}

  static final String FAST = "1";

  static {
    if (System.getProperty(Filter.SYSPROP_DEFLATELEVEL) == null) {
      System.setProperty(Filter.SYSPROP_DEFLATELEVEL, FAST);
    }
  }

  /** Applies the setting (once, when this class is first used); both engines call it when they are built. */
  public static void useFastDeflate() {
    // the static initializer does the work; this method only makes sure the class is initialised
  }
}
