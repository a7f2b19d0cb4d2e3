package dev.platen.render;

import java.util.Locale;

/**
 * Paper for one document. Margins are CSS lengths ("20mm", "0.5in", "12pt") already validated by whoever built
 * the record.
 *
 * @param format the label of one {@link Paper} (A3, A4, A5, Letter, Legal, Tabloid)
 * @param pdfa write PDF/A-2b (archival: fonts embedded, sRGB output intent, XMP metadata)
 */
public record PageSetup(String format, boolean landscape, String marginTop, String marginRight, String marginBottom,
    String marginLeft, boolean printBackground, boolean pdfa) {

  public static final PageSetup DEFAULT = new PageSetup("A4", false, "20mm", "20mm", "20mm", "20mm", true, false);

  /** Reads the normalised pageConfig stored with a template version; what it lacks is the default's. */
  public static PageSetup stored(tools.jackson.databind.JsonNode pc) {
    PageSetup d = DEFAULT;
    tools.jackson.databind.JsonNode m = pc.path("margin");
    return new PageSetup(pc.path("format").asString(d.format()),
        "landscape".equals(pc.path("orientation").asString("portrait")),
        m.path("top").asString(d.marginTop()), m.path("right").asString(d.marginRight()),
        m.path("bottom").asString(d.marginBottom()), m.path("left").asString(d.marginLeft()),
        pc.path("printBackground").asBoolean(d.printBackground()), pc.path("pdfa").asBoolean(d.pdfa()));
  }

  /** An ordinary (not PDF/A) document. */
  public PageSetup(String format, boolean landscape, String marginTop, String marginRight, String marginBottom,
      String marginLeft, boolean printBackground) {
    this(format, landscape, marginTop, marginRight, marginBottom, marginLeft, printBackground, false);
  }

  /**
   * The paper sizes the API accepts and both engines draw, in portrait millimetres; the one table of them, so
   * validation and the page size in the PDF cannot disagree. Declared in the order error messages list them.
   */
  public enum Paper {
    A3("A3", 297, 420),
    A4("A4", 210, 297),
    A5("A5", 148, 210),
    LETTER("Letter", 215.9, 279.4),
    LEGAL("Legal", 215.9, 355.6),
    TABLOID("Tabloid", 279.4, 431.8);

    /** The name as the API spells it and pageConfig echoes it. */
    public final String label;
    public final double widthMm;
    public final double heightMm;

    Paper(String label, double widthMm, double heightMm) {
      this.label = label;
      this.widthMm = widthMm;
      this.heightMm = heightMm;
    }

    /** The paper whose label equals {@code name} ignoring case, or null. */
    public static Paper named(String name) {
      if (name == null) return null;
      for (Paper p : values()) {
        if (p.label.equalsIgnoreCase(name)) return p;
      }
      return null;
    }
  }

  /** This page's paper; unknown names fall back to A4 (the API validates them first). */
  public Paper paper() {
    Paper p = format == null ? null : Paper.named(format.trim().toLowerCase(Locale.ROOT));
    return p == null ? Paper.A4 : p;
  }

  /** Width and height of the page as it is turned, in millimetres. */
  public double[] millimetres() {
    Paper p = paper();
    return landscape ? new double[] {p.heightMm, p.widthMm} : new double[] {p.widthMm, p.heightMm};
  }
}
