package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a fourth survey of templates written as outsiders write them (an invoice in an invoicing app's style, a
 * brokerage statement, an invoice of "modern" CSS habits, a certificate) met: each construct drawn directly and
 * printed as openhtmltopdf prints it (text per page, page breaks, page images within 1%, word positions, as
 * {@link HtmlEquivalenceTest} compares).
 */
class HtmlSurvey13EquivalenceTest {
  private static final String TEXT = "<h1 class=\"t\">Invoice 2026-118</h1><p class=\"a\">Design and engineering"
      + " for the new booking flow, as agreed on the call</p><div class=\"b\">A padded box of rem</div>"
      + "<p>Plain text of the body after them, long enough to wrap onto a second line of the page's width at this"
      + " size, where the line height shows</p>";

  /**
   * rem is of the html element's font size, which a style sheet may set ({@code html { font-size: 62.5% }}, of
   * the initial 16px): openhtmltopdf's LengthValue reads the root element's style. em and % on the body are of
   * it too. The direct path had taken rem as 16px and the html element's size as the body's 10pt.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "html { font-size: 10pt } .a { font-size: 1.5rem } .b { padding: 1rem; margin: 2rem 0 0.5rem; background: #dddddd }",
      "html { font-size: 62.5% } body { font-size: 1.4rem } .t { font-size: 2.4rem; margin-bottom: 1rem }"
          + " .b { padding: .75rem 1.5rem; border-left: .3rem solid #333333 }",
      "body { font-size: 1.2em } .b { padding: 1rem; background: #dddddd }",
      "html { font-size: 18px } body { font-size: 80% } .a { font-size: 0.875rem; line-height: 1.5rem }"
          + " .b { width: 20rem; padding: 0.5rem }",
      ".a { font-size: 1.5rem } .b { padding: 1rem; margin-top: 2rem; background: #dddddd }"})
  void remIsOfTheHtmlElementsSize(String css) throws Exception {
    assertSame("survey13-rem", drawnDirectly(TEXT, css));
  }

  private static final String SUMMARY = "<section class=\"summary\"><dl class=\"list\">"
      + "<div class=\"row\"><dt>Subtotal</dt><dd>2,530.00 EUR</dd></div>"
      + "<div class=\"row\"><dt>VAT 21%</dt><dd>531.30 EUR</dd></div>"
      + "<div class=\"row total\"><dt>Total due</dt><dd>3,061.30 EUR</dd></div></dl></section><p>Thank you.</p>";

  /**
   * A summary's rows of two floats of 50%, label left and amount right: in a width of an odd number of dots each
   * is rounded up a dot, the amount no longer fits beside its label, and openhtmltopdf moves it below, to the
   * right edge (measured); in an even width they stand side by side. The direct path had sent the odd case to
   * openhtmltopdf.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"float: right; width: 45%", "width: 199.9875pt", "width: 200.025pt", "width: 200.0625pt",
      "float: left; width: 61%"})
  void aRightFloatThatDoesNotFitGoesBelowTheLeftOnes(String list) throws Exception {
    String css = "* { box-sizing: border-box; } * { margin: 0; padding: 0; } .summary { overflow: hidden; }"
        + " .list { " + list + " } .row { overflow: hidden; padding: 5pt 7.5pt; }"
        + " .row dt { float: left; width: 50%; color: #7b8794 } .row dd { float: right; width: 50%; text-align: right }"
        + " .total { border-top: 2px solid #1f2933; font-weight: 700; font-size: 1.15rem; background: #eeeeee }";
    assertSame("survey13-summary", drawnDirectly(SUMMARY, css));
  }

  private static final String NOTES = "<div class=\"notes\"><h4>Notes</h4><p>Please quote the invoice number with your"
      + " payment.</p><h4>Terms</h4><p>Payment within 30 days by bank transfer.</p></div><p>After the notes</p>";

  /**
   * A notes block kept whole ({@code page-break-inside: avoid}) that does not fit below the items moves to the
   * next page with its whole top margin above it, as openhtmltopdf lays it out again with a page clear (measured:
   * a margin that ends on the page, one reaching past its bottom, after a float and a clearfix, after a larger
   * bottom margin it collapsed with, inside a wrapper, without a border). The direct path had dropped the margin
   * there, or kept only the part past the bottom, and drew the block up to 22.5pt higher.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"700pt||", "740pt||", "745pt||", "740pt|<div class=\"w\">Total</div><div class=\"cf\"></div>|",
      "740pt|<div class=\"o\"><div class=\"w\">Total</div></div>|", "680pt|<p class=\"big\">Before</p>|",
      "680pt|<p class=\"big\">Before</p><div class=\"wrap\">|</div>", "718pt|<p>Before</p>|.notes { border: 0; padding: 0 }"})
  void aKeptBoxMovedToTheNextPageKeepsItsTopMargin(String setup) throws Exception {
    String[] parts = setup.split("\\|", -1);
    String close = parts[2].startsWith("<") ? parts[2] : "";
    String css = "@page { size: A4; margin: 15mm } body { margin: 0 } .sp { height: " + parts[0] + "; background: #eeeeee }"
        + " .notes { margin-top: 30px; padding-top: 10px; border-top: 1px solid #999999; page-break-inside: avoid }"
        + " .notes h4 { margin: 8px 0 3px 0 } .w { float: right; width: 40% } .cf { clear: both } .o { overflow: hidden }"
        + " .big { margin: 0 0 40pt } .wrap { margin-top: 10pt } " + (close.isEmpty() ? parts[2] : "");
    assertSame("survey13-kept", drawnDirectly("<div class=\"sp\"></div>" + parts[1] + NOTES + close, css));
  }
}
