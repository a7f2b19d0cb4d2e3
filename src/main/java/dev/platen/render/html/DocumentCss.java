package dev.platen.render.html;

import dev.platen.render.Css;
import dev.platen.render.PageSetup;
import java.util.Locale;

/**
 * The style sheet every canvas document gets: paper size and margins from {@link PageSetup}, the running
 * "Page X of Y" footer, and the rules that make loop tables paginate (header repeated on every page, rows never
 * split). openhtmltopdf has no flexbox or grid, so layout rows are tables.
 */
final class DocumentCss {
  private DocumentCss() {}

  // HTML layouts get these rules too: the canvas classes set nothing an empty element of theirs lacks anyway, so
  // a user's element of the same class keeps its content's height (ERPNext's print formats wrap each document in
  // a div.page-break, which a height of 0 had laid over the next)
  private static final String BASE = """
      html, body { margin: 0; padding: 0; }
      body { font-family: 'DejaVu Sans', 'Droid Sans Fallback'; font-size: 10pt; line-height: 1.35; color: #111111; }
      h1 { font-size: 20pt; margin: 0 0 8pt 0; }
      h2 { font-size: 16pt; margin: 0 0 6pt 0; }
      h3 { font-size: 13pt; margin: 0 0 5pt 0; }
      h4 { font-size: 11pt; margin: 0 0 4pt 0; }
      h5 { font-size: 10pt; margin: 0 0 4pt 0; }
      h6 { font-size: 9pt; margin: 0 0 4pt 0; }
      p.text { margin: 0 0 6pt 0; }
      table.row { width: 100%; table-layout: fixed; border-collapse: separate; border-spacing: 0; }
      td.col { vertical-align: top; padding: 0; }
      table.kv { border-collapse: separate; border-spacing: 0; margin: 0 0 6pt 0; }
      table.kv th { text-align: left; font-weight: bold; padding: 1pt 12pt 1pt 0; vertical-align: top; }
      table.kv td { padding: 1pt 0; vertical-align: top; }
      table.loop { width: 100%; table-layout: fixed; border-collapse: separate; border-spacing: 0;
        -fs-table-paginate: paginate; margin: 0 0 8pt 0; }
      table.loop thead { display: table-header-group; }
      table.loop tr { page-break-inside: avoid; }
      table.loop th { font-weight: bold; text-align: left; padding: 3pt 4pt; border-bottom: 1pt solid #333333;
        background-color: #f2f2f2; }
      table.loop td { padding: 3pt 4pt; border-bottom: 0.5pt solid #d0d0d0; vertical-align: top;
        word-wrap: break-word; }
      table.loop .num { text-align: right; }
      div.image { margin: 0 0 6pt 0; }
      img.value { max-width: 100%; }
      div.html img { max-width: 100%; }
      div.divider { margin: 6pt 0; }
      a { color: #1a56b0; }
      div.button-block { margin: 0 0 6pt 0; }
      a.button, span.button { display: inline-block; padding: 5pt 14pt; background-color: #1a56b0;
        color: #ffffff; text-decoration: none; font-weight: bold; border-radius: 3pt; }
      div.page-break { page-break-after: always; }
      div.code { margin: 0 0 6pt 0; }
      div.code-text { font-size: 9pt; letter-spacing: 1pt; }
      div.html { margin: 0 0 6pt 0; }
      h1, h2, h3, h4, h5, h6 { page-break-after: avoid; }
      .keep { page-break-inside: avoid; }
      div.running-header { position: running(header); }
      div.running-footer { position: running(footer); }
      div.running-header p.text, div.running-footer p.text { margin: 0; }
      p.page-number { margin: 0; }
      span.page-no::before { content: counter(page); }
      span.page-count::before { content: counter(pages); }
      """;

  private static final String NO_BACKGROUNDS = """
      * { background-color: transparent !important; background-image: none !important; }
      """;

  static String base() {
    return BASE;
  }

  static String of(PageSetup page) {
    return of(page, false, false);
  }

  /**
   * @param header the body starts with a {@code running-header} element to repeat in every page's top margin
   * @param footer likewise for the bottom margin; without one, every page gets "Page X of Y"
   */
  static String of(PageSetup page, boolean header, boolean footer) {
    PageSetup p = page == null ? PageSetup.DEFAULT : page;
    return pageRule(p, header, footer) + BASE + (p.printBackground() ? "" : NO_BACKGROUNDS);
  }

  private static String pageRule(PageSetup p, boolean header, boolean footer) {
    double[] mm = p.millimetres();
    double width = mm[0];
    double height = mm[1];
    String top = header ? "@top-center { content: element(header); width: 100%; vertical-align: bottom;"
        + " padding-bottom: 4mm; }" : "";
    String bottom = footer
        ? "@bottom-center { content: element(footer); width: 100%; vertical-align: top; padding-top: 4mm; }"
        : """
          @bottom-center {
            content: "Page " counter(page) " of " counter(pages);
            font-family: 'DejaVu Sans', 'Droid Sans Fallback'; font-size: 8pt; color: #555555;
          }""";
    return String.format(Locale.ROOT, """
        @page {
          size: %smm %smm;
          margin: %s %s %s %s;
          %s
          %s
        }
        """, trim(width), trim(height), margin(p.marginTop()), margin(p.marginRight()), margin(p.marginBottom()),
        margin(p.marginLeft()), top, bottom);
  }

  private static String margin(String length) {
    String css = Css.length(length);
    return css == null ? "20mm" : css;
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
