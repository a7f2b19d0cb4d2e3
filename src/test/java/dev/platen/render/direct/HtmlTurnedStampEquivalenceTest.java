package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import org.junit.jupiter.api.Test;

/**
 * Turned "PAID" and "OVERDUE" stamps, as invoice templates print them: an absolute box with
 * {@code transform: rotate(…deg)}, a solid border (rounded or not), padding, bold spaced capitals and sometimes a
 * translucent background, drawn directly and printed as openhtmltopdf prints them (text per page, page breaks, page
 * images within 1%, word positions, fill colours, as {@link HtmlEquivalenceTest} compares). openhtmltopdf paints
 * the box's layer under one rotation about its centre, so its border and background are the upright box's shapes
 * turned with its text, and it paints them twice (an rgba() background is as dark as two layers of it).
 */
class HtmlTurnedStampEquivalenceTest {
  private static final String STAMP = ".stamp { position: absolute; border: 3px solid #2e7d32; border-radius: 6px;"
      + " padding: 4px 12px; color: #2e7d32; font-size: 22px; font-weight: bold; letter-spacing: 2px;"
      + " text-transform: uppercase; }";

  /**
   * The common "PAID" stamp in the invoice's header made {@code position: relative}: turned back 15 degrees, a
   * rounded green ring, spaced capitals and no width (openhtmltopdf sizes the box by its text without the spacing
   * and lets the spaced word reach into the padding; laid out alike here).
   */
  @Test
  void aRoundedPaidStampInARelativeHeader() throws Exception {
    RenderInput input = HtmlCorpus.input("invoice", HtmlCorpus.edited("invoice", "<div class=\"brand\">",
        "<div class=\"stamp\">Paid</div>\n<div class=\"brand\">", STAMP
            + ".header { position: relative; height: 80px; } .stamp { top: 14px; right: 30px;"
            + " transform: rotate(-15deg); }"));
    assertSame("stamp-paid-header", input);
    assertSameFills(input, 0x2e7d32);
  }

  /**
   * An "OVERDUE" stamp on the page (the first page's content area holds it), turned forward 12 degrees, a square
   * red border 4px wide, a translucent red background (rgba), a width and centred text; and a second one turned
   * back 20 degrees with an opaque background and a large radius, its two words wrapped as openhtmltopdf wraps
   * them (the box sized by its text without the spacing).
   */
  @Test
  void stampsOnThePageSquareOrRoundedWithBackgrounds() throws Exception {
    String html = "<h1>Invoice INV-2026-0142</h1><p>Issued 3 December 2026, due 17 December 2026.</p>"
        + "<p>Bill to: Acme Ltd, 1 Market Street, Springfield</p>"
        + "<div class=\"stamp overdue\">Overdue</div><div class=\"stamp due\">Past due</div>";
    String css = "body { font-family: Arial, sans-serif; font-size: 10pt; }" + STAMP
        + " .overdue { top: 60mm; left: 20mm; width: 45mm; text-align: center; transform: rotate(12deg);"
        + " border: 4px solid #c62828; border-radius: 0; color: #c62828; background: rgba(198, 40, 40, 0.15); }"
        + " .due { top: 110mm; left: 100mm; transform: rotate(-20deg); border: 2px solid #1a56b0;"
        + " border-radius: 12px; color: #1a56b0; background: #e3ecfa; text-align: center; font-size: 18px; }";
    RenderInput input = Canvas.input(HtmlCorpus.of(html, css), "{}");
    assertSame("stamp-overdue-page", input);
    assertSameFills(input, 0xc62828, 0x1a56b0, 0xe3ecfa);
  }

  /**
   * The stamp as templates write it, straight on the page beside the title: turned back 15 degrees from the top
   * right corner of the first page's content area, {@code opacity} (which openhtmltopdf ignores) included.
   */
  @Test
  void theStampAsTemplatesWriteItOnThePage() throws Exception {
    String css = "body { font-family: Arial, sans-serif; font-size: 10pt; } .stamp { position: absolute; top: 40px;"
        + " right: 30px; transform: rotate(-15deg); border: 3px solid #2e7d32; border-radius: 6px; padding: 4px 12px;"
        + " color: #2e7d32; font-size: 22px; font-weight: bold; letter-spacing: 2px; text-transform: uppercase;"
        + " opacity: 0.8; }";
    RenderInput input = Canvas.input(HtmlCorpus.of("<p>Invoice INV-2026-0142</p><div class=\"stamp\">Paid</div>",
        css), "{}");
    assertSame("stamp-page-corner", input);
    assertSameFills(input, 0x2e7d32);
  }

  /** A stamp turned forward by a fraction of a degree, square, with a border but no background. */
  @Test
  void aSquareStampTurnedForwardInAHeaderWithABorderOnly() throws Exception {
    RenderInput input = HtmlCorpus.input("invoice", HtmlCorpus.edited("invoice", "<div class=\"brand\">",
        "<div class=\"stamp\">Draft</div>\n<div class=\"brand\">", STAMP
            + ".header { position: relative; height: 120px; } .stamp { top: 62px; left: 300px;"
            + " transform: rotate(7.5deg); border: 2px solid #6a1b9a; border-radius: 0; color: #6a1b9a; }"));
    assertSame("stamp-draft-header", input);
    assertSameFills(input, 0x6a1b9a);
  }

  /**
   * What a turned stamp may not have, refused when the template is published: a dashed border (as on any absolute
   * box), an rgba() border colour (openhtmltopdf paints the border twice as mitred sides, the direct path its
   * sides overlapping at the corners) and underlined text in it.
   */
  @Test
  void turnedStampsOutsideTheSubsetAreRefusedAtPublish() {
    String html = "<div class=\"stamp\">Paid</div>";
    String at = " .stamp { top: 10mm; left: 10mm; transform: rotate(-15deg); }";
    assertThat(refusal(html, STAMP + at + " .stamp { border-style: dashed; border-radius: 0; }"))
        .isEqualTo("a dashed, dotted or double border on div.stamp, which has position: absolute");
    assertThat(refusal(html, STAMP + at + " .stamp { border-color: rgba(46, 125, 50, 0.6); }"))
        .isEqualTo("an rgba() border colour on div.stamp, which is turned (transform: rotate)");
    assertThat(refusal("<div class=\"stamp\"><u>Paid</u></div>", STAMP + at))
        .isEqualTo("underlined or struck-through text in a turned position: absolute element, on div.stamp");
    assertThat(refusal(html, STAMP + at)).isNull();
  }

  /**
   * A turned stamp whose border would cross the flow's text (openhtmltopdf paints it over the text, the direct
   * path under), taken by the upright rectangle around it turned: the document goes to openhtmltopdf.
   */
  @Test
  void aTurnedStampOverTextIsRefusedWhenDrawn() {
    StringBuilder html = new StringBuilder();
    for (int i = 1; i <= 12; i++) html.append("<p>Line ").append(i).append(" of the invoice, long enough to reach"
        + " under the stamp placed over it</p>");
    html.append("<div class=\"stamp\">Paid</div>");
    RenderInput input = Canvas.input(HtmlCorpus.of(html.toString(), STAMP
        + " .stamp { top: 20mm; left: 60mm; transform: rotate(-15deg); }"), "{}");
    assertThatThrownBy(() -> new DirectPdfEngine(EngineSettings.defaults()).render(input))
        .isInstanceOf(Unsupported.class)
        .hasMessageContaining("a border or background in a position: absolute element over text, on div.stamp");
  }
}
