package dev.platen.render.direct;

import java.util.List;
import java.util.Locale;

/**
 * The {@code @page} rule of an HTML layout's {@code css}: {@code size} (a paper name, optionally {@code portrait}
 * or {@code landscape}, or two lengths) and {@code margin}, which override the template's pageConfig as they do
 * in the HTML engine, where the layout's style sheet comes after the one made from pageConfig.
 */
final class HtmlPage {
  private HtmlPage() {}

  /**
   * The page box after the rule: {width, height, top, right, bottom, left} in points.
   *
   * @throws Unsupported naming the first declaration outside this subset
   */
  static double[] apply(List<HtmlCss.Declaration> declarations, double[] box) throws Unsupported {
    double[] b = box.clone();
    // !important declarations after the others, in their order, as the cascade applies them
    List<HtmlCss.Declaration> ordered = new java.util.ArrayList<>(declarations.size());
    for (HtmlCss.Declaration d : declarations) if (!d.important()) ordered.add(d);
    for (HtmlCss.Declaration d : declarations) if (d.important()) ordered.add(d);
    for (HtmlCss.Declaration d : ordered) {
      String v = d.value().trim().toLowerCase(Locale.ROOT);
      switch (d.name()) {
        case "size" -> size(v, b, d);
        case "margin" -> {
          String[] parts = v.split("\\s+");
          if (parts.length > 4) throw refused(d);
          double[] pts = new double[parts.length];
          for (int i = 0; i < parts.length; i++) pts[i] = length(parts[i], d);
          int n = pts.length;
          b[2] = pts[0];
          b[3] = n > 1 ? pts[1] : pts[0];
          b[4] = n > 2 ? pts[2] : pts[0];
          b[5] = n > 3 ? pts[3] : n > 1 ? pts[1] : pts[0];
        }
        case "margin-top" -> b[2] = length(v, d);
        case "margin-right" -> b[3] = length(v, d);
        case "margin-bottom" -> b[4] = length(v, d);
        case "margin-left" -> b[5] = length(v, d);
        default -> {
          // a property openhtmltopdf does not know (mPDF's header: html_header, sheet-size) is dropped there
          if (HtmlCss.OPENHTMLTOPDF_PROPERTIES.contains(d.name())) {
            throw new Unsupported("CSS property '" + d.name() + "' in @page");
          }
        }
      }
    }
    return b;
  }

  /**
   * The first page's box: the plain rules' declarations, then the {@code @page :first} rules', which win on page 1
   * wherever they stand. Measured, openhtmltopdf lays the whole flow at the first page's content width and places
   * it at each later page's own left margin (a narrower first page leaves later pages' right side empty); a wider
   * first page would have its flow cut at the later pages' content area, and another page size on page 1 is not
   * ported: both are refused.
   *
   * @param box the page box before either rule
   * @return {width, height, top, right, bottom, left} in points
   * @throws Unsupported naming the first declaration outside this subset
   */
  static double[] first(List<HtmlCss.Declaration> plain, List<HtmlCss.Declaration> first, double[] box)
      throws Unsupported {
    for (HtmlCss.Declaration d : first) {
      if (d.name().equals("size")) throw new Unsupported("CSS property 'size' in @page :first");
    }
    double[] later = apply(plain, box);
    List<HtmlCss.Declaration> all = new java.util.ArrayList<>(plain);
    all.addAll(first);
    double[] b = apply(all, box);
    if (b[0] - b[3] - b[5] > later[0] - later[3] - later[5] + 0.001) {
      throw new Unsupported("an @page :first rule whose side margins leave page 1 a wider content area than the"
          + " pages after it (openhtmltopdf lays the flow at page 1's width and cuts it on the later pages)");
    }
    return b;
  }

  private static void size(String v, double[] b, HtmlCss.Declaration d) throws Unsupported {
    String[] parts = v.split("\\s+");
    double w = b[0];
    double h = b[1];
    String orientation = null;
    int lengths = 0;
    double[] ls = new double[2];
    for (String p : parts) {
      switch (p) {
        case "portrait", "landscape" -> orientation = p;
        case "a3", "a4", "a5", "letter", "legal" -> {
          dev.platen.render.PageSetup.Paper paper = dev.platen.render.PageSetup.Paper.named(p);
          w = paper.widthMm * Styles.MM;
          h = paper.heightMm * Styles.MM;
        }
        default -> {
          if (lengths == 2) throw refused(d);
          ls[lengths++] = length(p, d);
        }
      }
    }
    if (lengths == 1) {
      w = ls[0];
      h = ls[0];
    } else if (lengths == 2) {
      w = ls[0];
      h = ls[1];
    }
    if ("landscape".equals(orientation) && w < h || "portrait".equals(orientation) && w > h) {
      double t = w;
      w = h;
      h = t;
    }
    b[0] = w;
    b[1] = h;
  }

  private static double length(String v, HtmlCss.Declaration d) throws Unsupported {
    if (v.equals("0")) return 0;
    if (v.endsWith("%") || v.endsWith("em")) throw refused(d);
    double pt = Styles.points(v, Styles.BODY_SIZE, Double.NaN);
    if (Double.isNaN(pt) || pt < 0) throw refused(d);
    return pt;
  }

  private static Unsupported refused(HtmlCss.Declaration d) {
    return new Unsupported("CSS value '" + d.value() + "' for '" + d.name() + "' in @page");
  }
}
