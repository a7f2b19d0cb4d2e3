package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.EngineSettings;
import dev.platen.render.RenderInput;
import org.junit.jupiter.api.Test;

/**
 * What a utility bill of 1,000 interval readings written by an outsider meets (the statement survey's a-util):
 * a header whose bottom border runs under floats it does not hold, drawn directly and printed as openhtmltopdf
 * prints it (text per page, page breaks, page images within 1%, word positions, as {@link HtmlEquivalenceTest}
 * compares).
 */
class HtmlUtilityBillEquivalenceTest {
  private static final String BASE = "body { font-family: Helvetica, Arial, sans-serif; font-size: 9pt; color: #222; }"
      + " .clear { clear: both; } .addr { margin: 14px 0; }";
  private static final String BRAND = "<div class=\"brand\"><div class=\"logo\">RIVERSIDE</div>"
      + "<div class=\"sub\">Water &amp; Power Cooperative</div></div>";
  private static final String ACCOUNT = "<div class=\"acct\"><table class=\"kv\"><tr><th>Account</th>"
      + "<td>0091-554-210</td></tr><tr><th>Bill date</th><td>2026-11-30</td></tr><tr><th>Due date</th>"
      + "<td>2026-12-21</td></tr></table></div>";
  private static final String AFTER = "<div class=\"clear\"></div><div class=\"addr\"><strong>Mara Lindqvist</strong>"
      + "<br>44 Alder Row</div><p>Your meter was read on 2026-11-28.</p>";
  private static final String HEAD_CSS = " .brand { float: left; width: 50%; } .logo { font-size: 20pt;"
      + " font-weight: bold; color: #0b6e4f; letter-spacing: 2px; } .sub { color: #666; }"
      + " .acct { float: right; width: 40%; } .kv { width: 100%; border-collapse: collapse; }"
      + " .kv th { text-align: left; color: #666; font-weight: normal; padding: 2px 0; }"
      + " .kv td { text-align: right; padding: 2px 0; }";

  /** The bill's header: a logo floated left, an account table floated right, a border under no content. */
  @Test
  void aHeaderBorderUnderFloatsOnBothSides() throws Exception {
    String css = BASE + HEAD_CSS + " .head { border-bottom: 3px solid #0b6e4f; padding-bottom: 8px; }";
    assertSame("bill-head-both", drawnDirectly("<div class=\"head\">" + BRAND + ACCOUNT + "</div>" + AFTER, css));
  }

  /** A logo alone floated left, a border and background on the header, padding on every side. */
  @Test
  void aHeaderBorderAndBackgroundUnderALeftFloat() throws Exception {
    String css = BASE + HEAD_CSS + " .head { border: 1px solid #999; border-bottom-width: 4px; padding: 6px 10px;"
        + " background: #eef5f1; }";
    assertSame("bill-head-left", drawnDirectly("<div class=\"head\">" + BRAND + "</div>" + AFTER, css));
  }

  /** A right float alone, taller than the left one would be: the clearing block goes below it. */
  @Test
  void aHeaderBorderUnderARightFloat() throws Exception {
    String css = BASE + HEAD_CSS + " .head { border-bottom: 2px solid #333; }";
    assertSame("bill-head-right", drawnDirectly("<div class=\"head\">" + ACCOUNT + "</div>" + AFTER, css));
  }

  /**
   * Floats shorter than the header's bottom padding: the header ends below them and the next block keeps its
   * top margin, as nothing needs clearing.
   */
  @Test
  void floatsShorterThanTheHeadersPadding() throws Exception {
    String css = BASE + " .l { float: left; width: 30%; } .r { float: right; width: 30%; text-align: right; }"
        + " .head { border-bottom: 1px solid #000; padding-bottom: 40px; } .clear { margin-top: 10px; }";
    assertSame("bill-head-short", drawnDirectly("<div class=\"head\"><div class=\"l\">Riverside</div>"
        + "<div class=\"r\">Page 1</div></div>" + AFTER, css));
  }

  /**
   * The clearing block's top margin: shorter than the floats reach below the header, openhtmltopdf puts the block
   * at their bottom and the margin still meets the next block's (12px taken off the address's 14px); longer, it
   * places the block as if there were no floats.
   */
  @Test
  void clearingMarginsBelowTheHeader() throws Exception {
    String css = BASE + HEAD_CSS + " .head { border-bottom: 3px solid #0b6e4f; padding-bottom: 4px; }";
    String html = "<div class=\"head\">" + BRAND + ACCOUNT + "</div>" + AFTER;
    assertSame("bill-head-margin", drawnDirectly(html, css + " .clear { margin-top: 12px; }"));
    assertSame("bill-head-margin-20", drawnDirectly(html, css + " .clear { margin-top: 20px; }"));
    assertSame("bill-head-margin-long", drawnDirectly(html, css + " .clear { margin-top: 90px; }"));
    assertSame("bill-head-margin-p", drawnDirectly(html.replace("<div class=\"clear\"></div>",
        "<p class=\"clear\">Readings</p>"), css + " .clear { margin-top: 12px; }"));
  }

  /** The header after a page of paragraphs, on the second page. */
  @Test
  void aHeaderBorderUnderFloatsFurtherDown() throws Exception {
    String css = BASE + HEAD_CSS + " .head { border-bottom: 3px solid #0b6e4f; padding-bottom: 8px; }";
    String body = "<p>Interval readings follow on the next pages.</p>".repeat(50);
    assertSame("bill-head-down", drawnDirectly(body + "<div class=\"head\">" + BRAND + ACCOUNT + "</div>" + AFTER,
        css));
  }

  /** Still refused: text before the floats in the header, and a header with a bottom margin. */
  @Test
  void headersStillRefused() {
    String css = BASE + HEAD_CSS + " .head { border-bottom: 3px solid #0b6e4f; padding-bottom: 8px; }";
    assertThat(refusal("<div class=\"head\"><div>Statement</div>" + BRAND + "</div>" + AFTER, css))
        .contains("floats their parent does not hold after other content");
    assertThat(refusal("<div class=\"head\">" + BRAND + "</div>" + AFTER, css + " .head { margin-bottom: 6px; }"))
        .contains("floats their parent does not hold");
  }

  private static String readings(int days) {
    StringBuilder b = new StringBuilder("<table class=\"usage\"><caption>Meter E-77120</caption><thead><tr>"
        + "<th>Date</th><th>Time</th><th>Reading</th><th class=\"num\">kWh</th></tr></thead>");
    for (int d = 1; d <= days; d++) {
      b.append("<tbody>");
      for (int k = 0; k < 4; k++) {
        b.append("<tr><td class=\"date\">2026-01-").append(d < 10 ? "0" : "").append(d).append("</td><td>")
            .append(k * 6).append(":00</td><td>41,0").append(10 + d).append("</td><td class=\"num\">")
            .append(4 + (d * 7 + k * 3) % 11).append(".").append(k).append("</td></tr>");
      }
      b.append("</tbody>");
    }
    return b.append("</table><p>Amount due 211.40</p>").toString();
  }

  private static final String USAGE = BASE + " table.usage { width: 100%; border-collapse: separate; }"
      + " table.usage caption { text-align: left; font-style: italic; padding-bottom: 4px; }"
      + " table.usage th { background: #0b6e4f; color: #fff; text-align: left; padding: 4px 6px; }"
      + " table.usage td { padding: 2px 6px; border-bottom: 1px solid #e3e3e3; }"
      + " table.usage tbody tr:nth-child(even) td { background: #fafdfb; } .num { text-align: right; }";

  /**
   * The bill's readings: {@code border-spacing: 0 1px}, cells side by side and rows a pixel apart, zebra rows, a
   * table of 30 days (120 rows) whose rows the page breaks cut, as openhtmltopdf cuts them without a repeated header.
   */
  @Test
  void rowsAPixelApartAcrossPages() throws Exception {
    assertSame("bill-spacing-rows", drawnDirectly(readings(30), USAGE + " table.usage { border-spacing: 0 1px; }"));
  }

  /** The same under a header repeated on every page ({@code -fs-table-paginate}), rows moved whole. */
  @Test
  void rowsApartUnderARepeatedHeader() throws Exception {
    assertSame("bill-spacing-paginate", drawnDirectly(readings(30), USAGE
        + " table.usage { border-spacing: 0 3px; -fs-table-paginate: paginate; } table.usage tr {"
        + " page-break-inside: avoid; }"));
  }

  /**
   * Cells apart and rows together ({@code 6px 0}), and both apart by different lengths, with cell borders, a
   * table's background showing between them, and a table of no width grown by its spacing.
   */
  @Test
  void spacingOfTwoDifferentLengths() throws Exception {
    String css = USAGE + " table.usage td { border: 1px solid #999; }";
    assertSame("bill-spacing-cols", drawnDirectly(readings(3), css + " table.usage { border-spacing: 6px 0; }"));
    assertSame("bill-spacing-both", drawnDirectly(readings(12).replace("<caption>Meter E-77120</caption>", ""), css
        + " table.usage { border-spacing: 2px 5px; background: #eef5f1; }"));
    assertSame("bill-spacing-divs", drawnDirectly("<div class=\"t\"><div class=\"c\">Account</div><div class=\"c\">"
        + "0091-554-210</div></div>", BASE + " .t { display: table; border-spacing: 8pt 0; } .c { display: table-cell;"
        + " border: 1px solid #999; padding: 2px; }"));
    assertSame("bill-spacing-auto", drawnDirectly(readings(2).replace("<table class=\"usage\">",
        "<table class=\"usage\" style=\"width: auto\">"), css + " table.usage { border-spacing: 10px 1px; }"));
  }

  private static String spanned(int days) {
    StringBuilder b = new StringBuilder("<table class=\"usage\"><thead><tr><th>Date</th><th>Time</th><th>Reading</th>"
        + "<th class=\"num\">kWh</th></tr></thead>");
    for (int d = 1; d <= days; d++) {
      b.append("<tbody>");
      for (int k = 0; k < 4; k++) {
        b.append("<tr>");
        if (k == 0) b.append("<td class=\"date\" rowspan=\"4\">2026-01-").append(d < 10 ? "0" : "").append(d).append("</td>");
        b.append("<td>").append(k * 6).append(":00</td><td>41,0").append(10 + d).append("</td><td class=\"num\">")
            .append(4 + (d * 7 + k * 3) % 11).append(".").append(k).append("</td></tr>");
      }
      b.append("</tbody>");
    }
    return b.append("</table><p>Amount due 211.40</p>").toString();
  }

  private static final String DATE = " table.usage td.date { font-weight: bold; vertical-align: top;"
      + " background: #dde8e2; }";

  /** The date over its day's four readings with a background, rows a pixel apart, the page breaks cutting rows. */
  @Test
  void aBackgroundOnTheDateOverItsDay() throws Exception {
    assertSame("bill-date-bg", drawnDirectly(spanned(30), USAGE + DATE + " table.usage { border-spacing: 0 1px; }"));
    assertSame("bill-date-bg-0", drawnDirectly(spanned(3), USAGE + DATE + " table.usage { border-spacing: 0; }"));
    assertSame("bill-date-bg-c", drawnDirectly(spanned(3), USAGE + DATE + " table.usage { border-collapse: collapse; }"
        + " table.usage td { border-top: 1px solid #999; }"));
  }

  /** Under a header repeated on every page, rows moved whole, the page breaks falling between days. */
  @Test
  void aBackgroundOnTheDateUnderARepeatedHeader() throws Exception {
    assertSame("bill-date-bg-paginate", drawnDirectly(spanned(30), USAGE + DATE
        + " table.usage { border-spacing: 0 2px; -fs-table-paginate: paginate; }"));
  }

  /**
   * Rows kept whole ({@code page-break-inside: avoid}) without a repeated header: a page break moving a row of a
   * day to the next page leaves a gap at the page's bottom, which openhtmltopdf paints the date's background down
   * over, as here.
   */
  @Test
  void aBackgroundOnTheDateOverAGapAKeptRowLeaves() throws Exception {
    assertSame("bill-date-bg-kept", drawnDirectly(spanned(30), USAGE + DATE
        + " table.usage { border-spacing: 0; } table.usage tr { page-break-inside: avoid; }"));
    assertSame("bill-date-bg-kept-2", drawnDirectly("<h2>Interval readings</h2>" + spanned(30), USAGE + DATE
        + " table.usage { border-spacing: 0; } table.usage tr { page-break-inside: avoid; }"));
  }

  /**
   * Under a repeated header, openhtmltopdf paints the date's background a little way into the gap a moved row
   * leaves and closes it with a line: that document goes to openhtmltopdf, named.
   */
  @Test
  void aBackgroundOnTheDateOverARowMovedUnderARepeatedHeaderGoesToOpenhtmltopdf() {
    RenderInput in = drawnDirectly("<h2>Interval readings</h2><p>One</p>" + spanned(30), USAGE + DATE
        + " table.usage { border-spacing: 0 2px; -fs-table-paginate: paginate; }");
    assertThatThrownBy(() -> new DirectPdfEngine(EngineSettings.defaults()).render(in))
        .hasMessageContaining("a row moved to a new page under a cell spanning rows with a background");
  }

  /**
   * Under a repeated header openhtmltopdf also closes the date's bottom border on the page a moved row of its
   * day leaves (below the last row there by the moved row's bottom padding and border, measured), which the
   * direct path does not draw: without a background too, that document goes to openhtmltopdf; with the break
   * between days it is drawn directly.
   */
  @Test
  void aBorderedDateOverARowMovedUnderARepeatedHeaderGoesToOpenhtmltopdf() throws Exception {
    String css = USAGE + " table.usage td.date { vertical-align: top; } table.usage { border-spacing: 0;"
        + " -fs-table-paginate: paginate; }";
    RenderInput in = drawnDirectly("<h2>Interval readings</h2><p>One</p>" + spanned(30), css);
    assertThatThrownBy(() -> new DirectPdfEngine(EngineSettings.defaults()).render(in))
        .hasMessageContaining("under a repeated header, a bottom border");
    assertSame("bill-date-border-paginate", drawnDirectly(spanned(30), css));
  }

  private static final String NOTICE = "Your meter was read on 2026-11-28. Usage in this period was 12% higher than"
      + " the same period last year. Visit riverside.coop/save/tips-and-tools for tips on lowering your bill, or call"
      + " us at 555-0134 (self-service, 24/7) or write to billing@riverside.coop. Readings dated 12/05/2026 and"
      + " INV-2026-0142/A are estimates; see www.riverside.coop/help/faq?topic=meter&lang=en for details.";

  /**
   * The bill's notice: URLs, a phone number, an e-mail address, dates and hyphenated words, in boxes of many
   * widths, so that lines end inside them where openhtmltopdf's line breaker allows (after a hyphen or a dot,
   * before a slash), as openhtmltopdf breaks them.
   */
  @Test
  void wordsBrokenInsideAsOpenhtmltopdfBreaksThem() throws Exception {
    for (int w = 120; w <= 420; w += 23) {
      assertSame("bill-notice-" + w, drawnDirectly("<div class=\"notice\">" + NOTICE + "</div><p>After</p>",
          BASE + " .notice { width: " + w + "px; border: 1px solid #c9dcd3; padding: 6px 8px; font-size: 8.5pt; }"));
    }
  }

  /** The same in a justified paragraph and in a list item, and a long path alone on its line. */
  @Test
  void wordsBrokenInsideJustifiedAndInLists() throws Exception {
    for (int w = 140; w <= 400; w += 37) {
      assertSame("bill-notice-j" + w, drawnDirectly("<p class=\"n\">" + NOTICE + "</p><ul><li>" + NOTICE
          + "</li></ul><p class=\"n\">/srv/statements/2026/11/riverside-coop/0091-554-210/interval-readings.pdf"
          + "</p>", BASE + " .n { width: " + w + "px; text-align: justify; } ul { width: " + w + "px; }"));
    }
  }

  /**
   * The notice's sentences in bold or in a link: each text node's text is broken on its own there, so a line may
   * end inside a word at an element's edge too, and they print the same (HtmlWordBreakEquivalenceTest); the same
   * words in a span with a background, an inline box, still go to openhtmltopdf, named.
   */
  @Test
  void wordsInsideInlineElementsBreakAsThereAndInsideInlineBoxesAreStillRefused() throws Exception {
    String bold = "<div class=\"notice\">" + NOTICE.replace("riverside.coop/save/tips-and-tools",
        "<b>riverside.coop/save/tips-and-tools</b>") + "</div>";
    String link = "<div class=\"notice\">" + NOTICE.replace("call us at 555-0134 (self-service, 24/7) or write",
        "<a href=\"tel:5550134\">call us at 555-0134 (self-service, 24/7) or write</a>") + "</div>";
    for (String html : new String[] {bold, link}) {
      assertSame("bill-notice-" + html.length(), drawnDirectly(html, BASE + " .notice { width: 131px; }"));
    }
    String boxed = "<div class=\"notice\">" + NOTICE.replace("riverside.coop/save/tips-and-tools",
        "<span class=\"k\">riverside.coop/save/tips-and-tools</span>") + "</div>";
    RenderInput in = drawnDirectly(boxed, BASE + " .notice { width: 131px; } .k { background: #eee; }");
    assertThatThrownBy(() -> new DirectPdfEngine(EngineSettings.defaults()).render(in))
        .hasMessageContaining("a word it might break inside");
  }

  /** A reference number broken after its hyphens in a narrow box (it had gone to openhtmltopdf). */
  @Test
  void aHyphenatedReferenceInANarrowBox() throws Exception {
    for (String w : new String[] {"30mm", "24mm", "41mm"}) {
      assertSame("bill-hyphen-" + w, drawnDirectly("<div class=\"n\">reference number ABC-2026-000142-XYZ and"
          + " INV-2026-0142</div>", BASE + " .n { width: " + w + "; }"));
    }
  }

  /**
   * A scheme's "://", which openhtmltopdf's breaker passes over to its next place: broken as there since the
   * breaker is ported whole (LineBreaks).
   */
  @Test
  void aSchemeInAWordAtTheLineEndBreaksAsThere() throws Exception {
    assertSame("bill-scheme", drawnDirectly(
        "<p style=\"width: 120px\">Visit https://riverside.coop/save/tips for tips</p>", BASE));
  }
}
