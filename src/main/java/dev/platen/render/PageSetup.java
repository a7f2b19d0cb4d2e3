package dev.platen.render;

/**
 * Paper for one document. Margins are CSS lengths ("20mm", "0.5in", "12pt") already validated by whoever built
 * the record.
 *
 * @param format one of A3, A4, A5, Letter, Legal, Tabloid
 * @param pdfa write PDF/A-2b (archival: fonts embedded, sRGB output intent, XMP metadata)
 */
public record PageSetup(String format, boolean landscape, String marginTop, String marginRight, String marginBottom,
    String marginLeft, boolean printBackground, boolean pdfa) {

  public static final PageSetup DEFAULT = new PageSetup("A4", false, "20mm", "20mm", "20mm", "20mm", true, false);

  /** An ordinary (not PDF/A) document. */
  public PageSetup(String format, boolean landscape, String marginTop, String marginRight, String marginBottom,
      String marginLeft, boolean printBackground) {
    this(format, landscape, marginTop, marginRight, marginBottom, marginLeft, printBackground, false);
  }
}
