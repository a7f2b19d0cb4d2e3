package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import org.junit.jupiter.api.Test;

/**
 * Top and bottom margins on inline elements, as Bootstrap's spacing utilities put them on a status badge
 * ({@code <span class="badge mt-2">PAID</span>}, {@code .badge} an inline block): drawn directly and printed as
 * openhtmltopdf prints them (text per page, page breaks, page images within 1%, word positions, fill colours, as
 * {@link HtmlEquivalenceTest} compares). An inline block's margins make its line taller; a plain inline element's
 * take no room (CSS, and openhtmltopdf, measured).
 */
class HtmlInlineMarginEquivalenceTest {
  private static final String BADGE = "body { font-family: Arial, sans-serif; font-size: 10pt; line-height: 1.5; }"
      + " .r { text-align: right; } .badge { display: inline-block; padding: .35em .65em; font-size: .75em;"
      + " font-weight: 700; line-height: 1; color: #fff; background: #198754; border-radius: .375rem; }"
      + " .mt-2 { margin-top: .5rem; } .mb-3 { margin-bottom: 1rem; } .m { margin: 5.3px 0 3.7px; }"
      + " .ring { border: 1.5px solid #c00000; margin-top: 20pt; } td { border: 1px solid #000; padding: 3px; }"
      + " .top { vertical-align: top; }";

  /**
   * The invoice header's badge below the due date (its own line, after a block and after a {@code <br>}), one
   * among text with a bottom margin, margins of fractional dots, two of different margins and a border on one
   * line, and badges in table cells whose rows they make taller.
   */
  @Test
  void inlineBlockMarginsMakeTheirLineTallerAsInOpenhtmltopdf() throws Exception {
    String html = "<div class=\"r\"><div>Due 30 Dec</div><span class=\"badge mt-2\">PAID</span></div>"
        + "<div class=\"r\">Due 30 Dec<br><span class=\"badge mt-2\">PAID</span> text</div>"
        + "<p>Status <span class=\"badge mb-3\">OPEN</span> and more</p><div><span class=\"badge m\">DUE</span></div>"
        + "<div>big <span class=\"badge ring\">PAID</span> and <span class=\"badge mb-3\">DUE</span> x</div>"
        + "<table><tr><td>Due<br><span class=\"badge mt-2 mb-3\">PAID</span></td><td class=\"top\">x</td></tr>"
        + "<tr><td>a <span class=\"badge mb-3\">OPEN</span></td><td>y</td></tr></table><p>after</p>";
    RenderInput input = Canvas.input(HtmlCorpus.of(html, BADGE), "{}");
    assertSame("inline-block-margins", input);
    assertSameFills(input, 0x198754, 0xc00000);
  }

  /** Lines of badges with top and bottom margins over three pages: the same lines on each page. */
  @Test
  void inlineBlockMarginsBreakPagesAsInOpenhtmltopdf() throws Exception {
    StringBuilder html = new StringBuilder();
    for (int i = 1; i <= 60; i++) {
      html.append("<div>Row ").append(i).append("<br><span class=\"badge\" style=\"margin-top: 6px; margin-bottom:"
          + " 4px\">PAID ").append(i).append("</span> x</div>");
    }
    RenderInput input = Canvas.input(HtmlCorpus.of(html.toString(), BADGE), "{}");
    assertSame("inline-block-margins-pages", input);
  }

  /** Top and bottom margins on plain inline elements and on inline boxes (a background, padding) change nothing. */
  @Test
  void verticalMarginsOnInlineElementsTakeNoRoom() throws Exception {
    String html = "<p>a <span class=\"v\">x</span> b <span class=\"v bg\">boxed</span> and <b class=\"v big\">big</b>"
        + " <span class=\"v bg small\">small</span></p><p>after</p>";
    String css = BADGE + " .v { margin-top: 10px; margin-bottom: 6px; } .bg { background: #eeeeee; padding: 2px;"
        + " border: 1px solid #c00000; } .big { font-size: 14pt; } .small { margin-top: 30px; font-size: 6pt; }";
    RenderInput input = Canvas.input(HtmlCorpus.of(html, css), "{}");
    assertSame("inline-vertical-margins", input);
    assertSameFills(input, 0xeeeeee, 0xc00000);
  }

  /** Negative margins on inline elements and inline blocks stay with openhtmltopdf, named. */
  @Test
  void negativeInlineMarginsAreRefused() {
    assertThat(refusal("<p>a <span class=\"badge\" style=\"margin-top: -2px\">x</span></p>", BADGE))
        .contains("-2px").contains("span.badge");
    assertThat(refusal("<p>a <span style=\"margin-bottom: -2px\">x</span></p>", BADGE)).contains("-2px");
  }

  /**
   * A badge on a line of its own in indented markup: white space before it, after it, both, or in a bold element
   * beside it, and before a {@code <br>}, each giving the line the block's strut in openhtmltopdf; and badges
   * wrapped over three lines with white space at one end of their paragraph only (the first or the last line
   * strut-high). Bootstrap's header column, margin and all, as inv-bs5 has it.
   */
  @Test
  void whiteSpaceBesideAnInlineBlockGivesItsLineTheStrut() throws Exception {
    String html = "<div class=\"r\"><div>Due 30 Dec</div>\n  <span class=\"badge mt-2\">PAID</span>\n</div>"
        + "<div><div>Due</div> <span class=\"badge\">OPEN</span></div>"
        + "<div><div>Due</div><span class=\"badge mt-2\">DUE</span> </div>"
        + "<div><div>Due</div><span class=\"badge\">LATE</span><b> </b></div>"
        + "<div><span class=\"badge mt-2\">PAID</span> <br>x</div><div><span class=\"badge\">PAID</span><br>y</div>"
        + "<div class=\"w\"> <span class=\"badge mt-2\">PAID</span><span class=\"badge\">OVERDUE</span><span"
        + " class=\"badge\">X</span></div><div class=\"w\"><span class=\"badge\">PAID</span><span class=\"badge\">"
        + "OVERDUE</span><span class=\"badge\">X</span>\n</div><p>after</p>";
    RenderInput input = Canvas.input(HtmlCorpus.of(html, BADGE + " .w { width: 80px; }"), "{}");
    assertSame("inline-block-strut", input);
    assertSameFills(input, 0x198754);
  }

  /**
   * Badges wrapped over lines with white space at both ends of their paragraph: openhtmltopdf gives the middle
   * line the strut too, not understood, so refused; and caption-side: bottom on a table with a caption.
   */
  @Test
  void whatIsNotMatchedIsRefused() throws Exception {
    String html = "<div class=\"w\"> <span class=\"badge\">PAID</span><span class=\"badge\">OVERDUE</span><span"
        + " class=\"badge\">X</span> </div>";
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DirectPdfEngine(dev.platen.render.EngineSettings
            .defaults()).render(Canvas.input(HtmlCorpus.of(html, BADGE + " .w { width: 80px; }"), "{}")))
        .hasMessageContaining("a line of inline blocks alone inside a paragraph with white space at both ends");
    String css = "table { caption-side: bottom; }";
    assertThat(refusal("<table><caption>Items</caption><tr><td>a</td></tr></table>", css)).contains("caption-side");
    assertThat(refusal("<table><tr><td>a</td></tr></table>", css)).isNull();
  }

  /** caption-side: bottom on tables without a caption (Bootstrap's .table) changes nothing. */
  @Test
  void captionSideWithoutACaptionChangesNothing() throws Exception {
    String html = "<table class=\"table\"><tr><th>Item</th><th>Amount</th></tr><tr><td>Design</td><td>450.00</td>"
        + "</tr></table><p>after</p>";
    String css = ".table { width: 100%; border-collapse: collapse; caption-side: bottom; } td, th { border: 1px solid"
        + " #dee2e6; padding: 4px; } th { text-align: inherit; text-align: -webkit-match-parent; }";
    assertSame("caption-side-bottom", Canvas.input(HtmlCorpus.of(html, css), "{}"));
  }

  /**
   * A paid stamp of Zoho's kind (a rounded border, padding, large bold text, opacity, which openhtmltopdf ignores)
   * placed absolutely beside the flow's text, a note box with a background and border of a width, and boxes with a
   * background at the right and bottom of a position: relative box: their borders and backgrounds drawn as
   * openhtmltopdf draws them, where they cover no text of the flow.
   */
  @Test
  void bordersAndBackgroundsOfAbsoluteBoxesPrintTheSame() throws Exception {
    String html = "<p>Invoice header</p><div class=\"stamp\">PAID</div><div class=\"note\">Note box</div>"
        + "<div class=\"rel\"><p>Left text</p><div class=\"tr\">Paid on 3 Dec<br>thank you</div><div class=\"bl\">"
        + "Ref 123</div></div><p>after</p>";
    String css = "body { font-family: Arial, sans-serif; font-size: 10pt; } .stamp { position: absolute; top: 42mm;"
        + " left: 80mm; border: 3px solid #d9534f; color: #d9534f; font-size: 20pt; font-weight: bold; padding: 4px"
        + " 14px; border-radius: 6px; opacity: .6; } .note { position: absolute; top: 70mm; left: 10mm; width: 50mm;"
        + " background: #eeeeee; padding: 2mm; border: 1px solid #333333; } .rel { position: relative; height: 120px;"
        + " border: 1px solid #999999; } .tr { position: absolute; top: 5px; right: 8px; width: 40mm; background:"
        + " #e8f0fe; padding: 2mm; border: 2px solid #1a73e8; border-radius: 4px; } .bl { position: absolute;"
        + " bottom: 4px; left: 6px; background: #ffddee; padding: 3px; }";
    RenderInput input = Canvas.input(HtmlCorpus.of(html, css), "{}");
    assertSame("absolute-borders", input);
    assertSameFills(input, 0xd9534f, 0xeeeeee, 0x333333, 0xe8f0fe, 0x1a73e8, 0xffddee);
  }

  /**
   * An absolute box's border over the flow's text (openhtmltopdf paints it over the text, the direct path under)
   * goes to openhtmltopdf when rendered; a turned one with an rgba() border, when published.
   */
  @Test
  void absoluteBordersOverTextOrTurnedAreRefused() {
    StringBuilder html = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      html.append("<p>line ").append(i).append(" of the invoice text, long enough to reach under the stamp</p>");
    }
    html.append("<div class=\"stamp\">PAID</div>");
    String css = ".stamp { position: absolute; top: 42mm; left: 80mm; border: 3px solid #d9534f; }";
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DirectPdfEngine(dev.platen.render.EngineSettings
            .defaults()).render(Canvas.input(HtmlCorpus.of(html.toString(), css), "{}")))
        .hasMessageContaining("a border or background in a position: absolute element over text, on div.stamp");
    assertThat(refusal("<div class=\"stamp\">PAID</div>", css + " .stamp { transform: rotate(-15deg);"
        + " border-color: rgba(217, 83, 79, 0.5); }"))
        .isEqualTo("an rgba() border colour on div.stamp, which is turned (transform: rotate)");
  }

  /**
   * A line with a badge that the page break moves to page 2: openhtmltopdf draws the badge taller there and the
   * page's lines lower (measured: 1.5% of page 2 differing), so the render goes to openhtmltopdf.
   */
  @Test
  void anInlineBlockOnALineMovedOverAPageBreakIsRefused() {
    StringBuilder html = new StringBuilder();
    for (int i = 1; i <= 70; i++) {
      html.append("<div>Row ").append(i).append(" <span class=\"badge\">PAID</span> x</div>");
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DirectPdfEngine(dev.platen.render.EngineSettings
            .defaults()).render(Canvas.input(HtmlCorpus.of(html.toString(), BADGE), "{}")))
        .hasMessageContaining("an inline block on a line that a page break moves to the next page");
  }
}
