package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static dev.platen.render.direct.HtmlEquivalenceTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inline blocks with a {@code width}, as statements and invoices line up figures and labels with them
 * ({@code <span class="k">Opening</span><span class="v">1,234.00</span>} with {@code .v { display: inline-block;
 * width: 80px; text-align: right }}), drawn directly and printed as openhtmltopdf prints them: text per page, page
 * breaks, page images within 1% and word positions, as {@link HtmlEquivalenceTest} compares, and fill colours.
 * Also the page-number footers of such templates: {@code @page} margin boxes with a slash or hyphen in their text
 * ({@code "Page " counter(page) " / " counter(pages)}), and a layout's margin box that replaces pageConfig's.
 */
class HtmlInlineBlockEquivalenceTest {
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());
  private static final RoutingPdfEngine ROUTING = new RoutingPdfEngine(DIRECT, HTML);

  private static String reason(String html, String css) {
    return RoutingPdfEngine.choose(HtmlCorpus.of(html, css), PageSetup.DEFAULT).reason();
  }

  /**
   * A summary line of fixed-width labels and right-aligned figures, side by side without spaces between them
   * (two pairs to a line in its 300px box, the rest on the next), one figure bold and one larger; a right-aligned
   * paragraph's figure; label columns before text, one with padding and a border inside its border-box width;
   * boxes of a percentage width aligned left, centre and right inside, with a border and a background; and
   * labels in a cell of a table with fixed layout.
   */
  @Test
  void fixedWidthFiguresAndLabelsPrintTheSame() throws Exception {
    String html = "<div class=\"sum\"><span class=\"k\">Opening</span><span class=\"v\">{{format-number opening}}</span>"
        + "<span class=\"k\">Credits</span><span class=\"v\">15,000.00</span><span class=\"k\">Debits</span><span"
        + " class=\"v\"><b>-9.00</b></span><span class=\"k\">Closing</span><span class=\"v big\">6,234.00</span></div>"
        + "<p class=\"r\">Total due: <span class=\"v\">99.00</span></p>"
        + "<p><span class=\"lbl\">Account:</span> {{account}}<br><span class=\"lbl\">IBAN:</span> DE89 3704<br>"
        + "<span class=\"lbl pad\">Period:</span> 2026</p>"
        + "<div class=\"cols\"><span class=\"pc\">Left</span><span class=\"pc c\">Centre</span><span class=\"pc r\">"
        + "Right</span></div><table class=\"f\"><tr><td><span class=\"lbl\">In cell</span> text</td><td class=\"r\">"
        + "<span class=\"v\">7.00</span></td></tr></table>";
    String css = "body { font-size: 9pt; } .sum { width: 300px; background: #1a3f7a; color: #ffffff; padding: 4px; }"
        + " .k { display: inline-block; width: 90px; } .v { display: inline-block; width: 80px; text-align: right; }"
        + " .big { font-size: 12pt; font-weight: bold; } .r { text-align: right; }"
        + " .lbl { display: inline-block; width: 120px; font-weight: bold; }"
        + " .pad { padding: 2px 5px; border: 1px solid #c00000; box-sizing: border-box; } .cols { width: 400px; }"
        + " .pc { display: inline-block; width: 33%; border-left: 2px solid #000000; padding-left: 3px;"
        + " background: #0b3d2e; color: #ffffff; } .c { text-align: center; }"
        + " table.f { width: 100%; table-layout: fixed; }";
    RenderInput input = Canvas.input(HtmlCorpus.of(html, css), "{\"opening\": 1234, \"account\": \"12345\"}");
    assertThat(reason(html, css)).isNull();
    assertSame("inline-block-widths", input);
    assertSameFills(input, 0x1a3f7a, 0xc00000, 0x0b3d2e);
  }

  /**
   * Boxes of a width on lines they do not all fit: openhtmltopdf breaks before and after an inline block even
   * where no space is (between two boxes, between a box and a word), as here, in boxes of several widths.
   */
  @ParameterizedTest
  @ValueSource(ints = {120, 150, 200, 260})
  void inlineBlocksWrapToTheNextLineAsOpenhtmltopdfWrapsThem(int width) throws Exception {
    String boxes = "<span class=\"k\">Aa</span><span class=\"k\">Bb</span><span class=\"k\">Cc</span>";
    String html = "<div>" + boxes + boxes + "</div><div><span class=\"k\">Ee</span> <span class=\"k\">Ff</span> <span"
        + " class=\"k\">Gg</span></div><div>Label text <span class=\"k\">Ii</span><span class=\"k\">Jj</span> tail words"
        + " here</div><div>Word<span class=\"k\">Kk</span>word2<span class=\"k\">Ll</span>word3 and more words after"
        + " it</div><div>Some words tex(<span class=\"b\">Kk</span>) after <span class=\"b\">PAID</span><span"
        + " class=\"b\">DUE</span>, and so on</div>";
    String css = "body { font-size: 10pt; } div { width: " + width + "px; border-bottom: 1px solid #000000; }"
        + " .k { display: inline-block; width: 60px; background: #1a3f7a; color: #ffffff; text-align: center; }"
        + " .b { display: inline-block; background: #0b3d2e; color: #ffffff; padding: 0 10px; }";
    RenderInput input = Canvas.input(HtmlCorpus.of(html, css), "{}");
    assertSame("inline-block-wrap-" + width, input);
    assertSameFills(input, 0x1a3f7a, 0x0b3d2e);
  }

  /**
   * A bank statement's summary box: four figures in inline blocks of 24% of the box, without spaces between them,
   * above a paginated table of transactions.
   */
  @Test
  void aBankStatementSummaryPrintsTheSame() throws Exception {
    String html = "<h1>Account Statement</h1><table class=\"meta\"><tr><td class=\"k\">Account holder</td><td>"
        + "{{holder}}</td></tr></table><div class=\"box\"><span>Opening: {{format-currency opening \"EUR\"}}</span>"
        + "<span>Credits: {{format-currency credits \"EUR\"}}</span><span>Debits: {{format-currency debits \"EUR\"}}"
        + "</span><span>Closing: {{format-currency closing \"EUR\"}}</span></div><table class=\"tx\"><thead><tr>"
        + "<th>Date</th><th>Description</th><th class=\"amt\">Amount</th></tr></thead><tbody>{{#each rows}}<tr><td>"
        + "{{date}}</td><td>{{desc}}</td><td class=\"amt\">{{format-number amount}}</td></tr>{{/each}}</tbody></table>";
    String css = "@page { size: A4; margin: 20mm 15mm 25mm; } body { font-family: Arial, Helvetica, sans-serif;"
        + " font-size: 8pt; color: #1a1a1a; } h1 { font-size: 15pt; color: #00529b; margin: 0 0 2mm; }"
        + " .meta td { padding: 1px 8px 1px 0; } .box { border: 1px solid #00529b; padding: 3mm; margin: 4mm 0;"
        + " background: #f0f6fc; } .box span { display: inline-block; width: 24%; }"
        + " table.tx { width: 100%; border-collapse: collapse; -fs-table-paginate: paginate; }"
        + " table.tx thead { display: table-header-group; } table.tx th { background: #00529b; color: white;"
        + " text-align: left; padding: 3px 4px; } table.tx td { padding: 2px 4px; border-bottom: 0.5pt solid #d5dde5; }"
        + " table.tx tr { page-break-inside: avoid; } .amt { text-align: right; }";
    StringBuilder rows = new StringBuilder();
    for (int i = 1; i <= 80; i++) {
      if (i > 1) rows.append(',');
      rows.append(String.format("{\"date\": \"2026-01-%02d\", \"desc\": \"Card payment %d\", \"amount\": %s}",
          i % 28 + 1, i, i % 3 == 0 ? -i * 12.5 : i * 7.25));
    }
    RenderInput input = Canvas.input(HtmlCorpus.of(html, css), "{\"holder\": \"Jane Q. Example\", \"opening\": 1000,"
        + " \"credits\": 5000, \"debits\": 4000, \"closing\": -6589.74, \"rows\": [" + rows + "]}");
    assertThat(reason(html, css)).isNull();
    assertSame("inline-block-bank-summary", input);
  }

  /**
   * Text wider than its inline block, which openhtmltopdf wraps inside the box: the template is drawn directly,
   * the document whose data is too wide for the box goes to openhtmltopdf.
   */
  @Test
  void textWiderThanItsInlineBlockIsLeftToOpenhtmltopdf() throws Exception {
    String html = "<p>Label <span class=\"v\">{{x}}</span> after</p>";
    String css = ".v { display: inline-block; width: 40px; text-align: right; }";
    assertThat(reason(html, css)).isNull();
    RenderInput narrow = Canvas.input(HtmlCorpus.of(html, css), "{\"x\": \"1.00\"}");
    assertSame("inline-block-fits", narrow);
    RenderInput wide = Canvas.input(HtmlCorpus.of(html, css), "{\"x\": \"a long value here\"}");
    assertThatThrownBy(() -> DIRECT.render(wide)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("text wider than the inline block span.v (a long value here)");
    assertThat(texts(ROUTING.render(wide))).isEqualTo(texts(HTML.render(wide)));
  }

  /**
   * A badge alone on the line after a {@code <br>}: measured, that line keeps its block's strut (the line height of
   * 1.5 here), where a badge alone in its block does not; the direct engine made it 7 pt shorter (survey M4).
   */
  @Test
  void aBadgeOnTheLineAfterABreakKeepsTheStrut() throws Exception {
    String css = "body { font-size: 10pt; line-height: 1.5 } .b { display: inline-block; font-size: 8pt; line-height: 1;"
        + " padding: 1pt 4pt; background: #dcfce7 }";
    assertSame("badge-after-br", Canvas.input(HtmlCorpus.of("<div>Due<br><span class=\"b\">PAID</span></div>"
        + "<p>after</p><div><span class=\"b\">ALONE</span></div><p>after that</p>", css), "{}"));
  }

  /** Widths not drawn as openhtmltopdf draws them are named. */
  @Test
  void widthsOutsideTheSubsetAreNamed() {
    // an inline element has no width, as openhtmltopdf lays it out (HtmlSurvey20EquivalenceTest)
    assertThat(reason("<p><span class=\"b\">x</span></p>", ".b { width: 40px; }")).isNull();
    assertThat(reason("<table><tr><td><span class=\"b\">x</span></td></tr></table>",
        ".b { display: inline-block; width: 40px; }"))
        .isEqualTo("a width on the inline block span.b in a table with automatic layout");
    assertThat(reason("<p><span class=\"b\">x</span></p>", ".b { display: inline-block; width: 40px; text-align:"
        + " justify; }")).isEqualTo("text-align: justify in the inline block span.b with a width");
  }

  private static final String PAGES = "<p>One</p><p style=\"page-break-before: always\">Two</p>"
      + "<p style=\"page-break-before: always\">Three</p>";

  /**
   * Page numbers with a slash or hyphen, alone on their edge: in the centre box that replaces pageConfig's footer
   * (in its own size and colour, or in openhtmltopdf's medium 12pt black without them), a corner's "2/3", a
   * reference with hyphens and slashes inside its words.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "@bottom-center { content: 'Page ' counter(page) ' / ' counter(pages); }",
      "@bottom-center { content: 'Page ' counter(page) ' - ' counter(pages); font-size: 8pt; color: #555555 }",
      "@top-right { content: counter(page) '/' counter(pages); font-size: 9pt } @bottom-center { content: 'Ref"
          + " INV-2026-001/A - page ' counter(page) ' / ' counter(pages); font-weight: bold }"})
  void pageNumbersWithASlashOrHyphenPrintTheSame(String boxes) throws Exception {
    RenderInput input = Canvas.input(HtmlCorpus.of(PAGES, "@page { " + boxes + " }"), "{}");
    assertThat(reason(PAGES, "@page { " + boxes + " }")).isNull();
    assertSame("margin-slash-" + Integer.toHexString(boxes.hashCode()), input);
  }

  /**
   * A layout's margin box replaces an earlier one of its name whole, as openhtmltopdf keeps the last: pageConfig's
   * 8pt grey "Page X of Y" gives a @bottom-center without a font-size nothing (it prints in 12pt black), and a
   * later box without content leaves none.
   */
  @Test
  void aLaterMarginBoxReplacesAnEarlierOneWhole() throws Exception {
    String own = "@page { @bottom-center { content: 'Page ' counter(page) ' of ' counter(pages); } }";
    assertSame("margin-replaced-footer", Canvas.input(HtmlCorpus.of(PAGES, own), "{}"));
    String later = "@page { @bottom-center { content: 'Alpha'; font-size: 9pt } } @page { @bottom-center { color:"
        + " #c00000 } } @page { @bottom-left { content: 'L1'; font-size: 9pt } } @page { @bottom-left { content: 'L2' } }";
    RenderInput input = Canvas.input(HtmlCorpus.of(PAGES, later), "{}");
    assertSame("margin-replaced-later", input);
    assertThat(texts(DIRECT.render(input)).getFirst()).isEqualTo("OneL2");
  }

  /**
   * Boxes side by side on an edge, with page counters, slashes and hyphens: the cells are shared as openhtmltopdf's
   * margin table shares them, each counter measured as "999", its layout text, whatever the page.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "@bottom-left { content: 'Northwind Bank Stmt'; } @bottom-center { content: 'Page ' counter(page) ' / '"
          + " counter(pages); } @bottom-right { content: 'Confidential - internal'; }",
      "@bottom-left { content: 'Doc INV-2026-001/A'; } @bottom-center { content: counter(page) '/' counter(pages); }"
          + " @bottom-right { content: 'www.example.com/terms - v2'; }",
      "@top-left { content: 'Northwind Bank plc, Statement of account'; font-size: 9pt } @top-right { content: 'Page '"
          + " counter(page) '/' counter(pages); font-size: 9pt } @bottom-left { content: 'Bank - internal'; font-size:"
          + " 7pt } @bottom-right { content: 'p. ' counter(page) ' - ' counter(pages); font-size: 7pt }"})
  void marginBoxesSideBySideWithCountersPrintTheSame(String boxes) throws Exception {
    RenderInput input = Canvas.input(HtmlCorpus.of(PAGES, "@page { " + boxes + " }"), "{}");
    assertSame("margin-cells-" + Integer.toHexString(boxes.hashCode()), input);
  }

  /**
   * A side box whose text fits the cell its text would get, not the one openhtmltopdf gives it with its counters
   * measured as "999" (it wraps the text there): the document is drawn by openhtmltopdf.
   */
  @ParameterizedTest
  @ValueSource(strings = {"' of '", "' / '"})
  void aSideBoxNarrowedByTheCentresCountersIsLeftToOpenhtmltopdf(String separator) throws Exception {
    String css = "@page { @bottom-left { content: 'Northwind Bank Statement'; } @bottom-center { content: 'Page '"
        + " counter(page) " + separator + " counter(pages); } @bottom-right { content: 'Confidential'; } }";
    RenderInput input = Canvas.input(HtmlCorpus.of(PAGES, css), "{}");
    assertThatThrownBy(() -> DIRECT.render(input)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("the text of @bottom-left wider than its margin box");
    assertThat(texts(ROUTING.render(input))).isEqualTo(texts(HTML.render(input)));
  }
}
