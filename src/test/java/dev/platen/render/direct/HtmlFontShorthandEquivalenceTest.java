package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.RenderInput;
import org.junit.jupiter.api.Test;

/**
 * The {@code font} shorthand without a line height, the commonest way templates set their font: openhtmltopdf's
 * FontPropertyBuilder sets line-height: normal then, and resets font-style, font-variant and font-weight to normal
 * where the shorthand leaves them out (a family left out stays as cascaded). Each is drawn directly and printed as
 * openhtmltopdf prints it (text per page, page breaks, page images within 1%, word positions, as
 * {@link HtmlEquivalenceTest} compares).
 */
class HtmlFontShorthandEquivalenceTest {
  private static final String LETTER = "<h2>Invoice INV-2026-0042</h2><p class=\"a\">Acme Trading GmbH<br/>"
      + "Hauptstrasse 12<br/>10115 Berlin</p><p>Thank you for your order. The goods below were delivered on"
      + " 3 November 2026; payment is due within thirty days of the invoice date, without deduction, to the account"
      + " given at the foot of this page. Questions about this invoice go to accounts@example.com.</p>"
      + "<table class=\"t\"><tr><th>Item</th><th>Qty</th><th>Amount</th></tr><tr><td>Consulting, on site</td>"
      + "<td>3</td><td class=\"n\">1,200.00</td></tr><tr><td>Travel, train and hotel for two nights</td><td>1</td>"
      + "<td class=\"n\">340.50</td></tr></table><p class=\"f\">Bank: Example Bank, IBAN DE00 1234 5678 9012 3456"
      + " 78, BIC EXAMPLEXX. <strong>Payable by 3 December 2026.</strong></p>";

  /** The three forms of the brief: a size and a family, bold with /normal, italic bold in pt. */
  @Test
  void theShorthandWithoutALineHeight() throws Exception {
    String css = "body { font: 12px Arial, sans-serif; } h2 { font: bold 14px/normal Helvetica, Arial, sans-serif; }"
        + " p.f { font: italic bold 11pt Georgia, serif; } table.t { width: 100%; } td.n { text-align: right; }";
    assertSame("font-shorthand-forms", drawnDirectly(LETTER, css));
  }

  /** What it leaves out it resets: a bold, small-caps, double-spaced paragraph before it prints plain and normal. */
  @Test
  void itResetsWeightStyleVariantAndLineHeight() throws Exception {
    String css = "p { font-weight: bold; font-style: italic; font-variant: small-caps; line-height: 2; }"
        + " p.f, p.a { font: 13px sans-serif; } th { font: 10pt 'Segoe UI', sans-serif; }"
        + " td { line-height: 1.8; font: 9pt Arial, sans-serif; }";
    assertSame("font-shorthand-resets", drawnDirectly(LETTER, css));
  }

  /** A line height after it wins over its normal, one before it does not; small-caps and a weight of 700 in it. */
  @Test
  void orderAgainstLineHeightAndTheVariantWord() throws Exception {
    String css = "p { font: 12px sans-serif; line-height: 1.6; } p.a { line-height: 1.6; font: 12px sans-serif; }"
        + " h2 { font: small-caps 700 16px DejaVu Sans; } p.f { font: normal normal 10px/14px serif; }";
    assertSame("font-shorthand-order", drawnDirectly(LETTER, css));
  }

  /** Without a family the cascaded one stays (openhtmltopdf resets all but the family). */
  @Test
  void withoutAFamily() throws Exception {
    String css = "body { font-family: Georgia, serif; } p { font: bold 11px; } h2 { font: italic 15px/normal; }";
    assertSame("font-shorthand-no-family", drawnDirectly(LETTER, css));
  }

  /** Many lines of the normal line height across page breaks: where openhtmltopdf breaks, in sizes of 10 to 14px. */
  @Test
  void normalLineHeightsAcrossPageBreaks() throws Exception {
    StringBuilder html = new StringBuilder("<h1>Statement</h1>");
    for (int i = 1; i <= 60; i++) {
      html.append("<p class=\"s").append(i % 3).append("\">Entry ").append(i).append(": transfer received with"
          + " the reference ").append(1000 + i * 37).append(", booked to the account on the day it arrived and"
          + " confirmed by mail.</p>");
    }
    String css = "body { font: 11px Arial, Helvetica, sans-serif; } p { margin: 0 0 4px 0; }"
        + " .s1 { font: 10px sans-serif; } .s2 { font: bold 14px sans-serif; } h1 { font: 20pt serif;"
        + " background: #203040; color: #ffffff; }";
    RenderInput in = drawnDirectly(html.toString(), css);
    assertSame("font-shorthand-pages", in);
    assertSameFills(in, 0x203040);
  }

  /** Sizes relative to the parent's (em, %) under it, and /normal in a margin box, which reads it as none given. */
  @Test
  void relativeSizesAndAMarginBox() throws Exception {
    String css = "body { font: 11pt sans-serif; } h2 { font: 700 1.4em Arial, sans-serif; } p { font: 90% serif; }"
        + " td { font: italic 0.85em/normal sans-serif; } table.t { width: 100%; }"
        + " @page { @bottom-left { content: \"Acme Trading GmbH\"; font: bold 8pt/normal Arial, sans-serif; } }";
    assertSame("font-shorthand-relative", drawnDirectly(LETTER, css));
  }

  /** Forms openhtmltopdf reads otherwise stay refused: a word given twice (it drops the declaration), a keyword size. */
  @Test
  void formsNotReadStayRefused() {
    assertThat(refusal("<p>x</p>", "p { font: bold bold 12px sans-serif; }"))
        .contains("for 'font'");
    assertThat(refusal("<p>x</p>", "p { font: italic oblique 12px sans-serif; }"))
        .contains("for 'font'");
    assertThat(refusal("<p>x</p>", "p { font: small sans-serif; }"))
        .contains("for 'font'");
    // openhtmltopdf's line-height: normal in Courier is not matched
    assertThat(refusal("<p>x</p>", "p { font: 12px Courier, monospace; }"))
        .contains("line-height: normal in a monospace family");
  }

  private static final String NAMES = "<h2>customer list for q3</h2><p class=\"c\">jean-luc o'neil, mary-ann mcDONALD"
      + " and \u00e9mile \u00fcberg of 12 rue de la paix, 3rd floor, 2nd door (left); ma\u00dfe\u00a0und gewichte,"
      + " \"quoted words\", e-mail: info@example.com, 1st-class mail, 50kg, x2 and 10 am\tto\n4 pm.</p>"
      + "<p class=\"c\">split <b>mc</b>donald, <span>a</span>b, <i>de</i> la, <span class=\"u\">upper and capitalized"
      + "</span>, <span class=\"l\">LOWER WORDS</span> and the end</p><table class=\"t\"><tr><th>first name</th>"
      + "<th>last name</th><th>city</th></tr><tr><td>anna-lena</td><td>d'angelo</td><td>san jos\u00e9 del cabo</td>"
      + "</tr><tr><td>o'brien</td><td>van der berg</td><td>4th avenue</td></tr></table>";

  /**
   * text-transform: capitalize as openhtmltopdf's DefaultToTitleTransformer does it, per text node: only white space
   * (a no-break space too) starts a word, so hyphenated and apostrophe words keep their second part and "3rd" becomes
   * "3Rd"; the rest of each word stays as written; small-caps first makes it all capitals.
   */
  @Test
  void capitalizeAsOpenhtmltopdfTitlesText() throws Exception {
    String css = "h2, p.c, table.t { text-transform: capitalize; } table.t { width: 100%; } th { text-align: left; }"
        + " .u { font-variant: small-caps; } .l { text-transform: lowercase; }";
    assertSame("capitalize", drawnDirectly(NAMES, css));
  }

  /** Capitalized cells in a table of automatic layout: the columns sized by the capitalized text. */
  @Test
  void capitalizedColumnsAreSizedByTheirCapitalizedText() throws Exception {
    String css = "table.t { border-collapse: collapse; } td, th { border: 1px solid #000000; padding: 2px 6px;"
        + " text-transform: capitalize; font: 13px sans-serif; } th { background: #304050; color: #ffffff; }";
    RenderInput in = drawnDirectly(NAMES, css);
    assertSame("capitalize-columns", in);
    assertSameFills(in, 0x304050);
  }

  @Test
  void titleCaseAsOpenhtmltopdf() {
    assertThat(HtmlStyle.title("jean-luc o'neil 3rd (left) mcDONALD \u00e9mile\u00a0x"))
        .isEqualTo("Jean-luc O'neil 3Rd (Left) McDONALD \u00c9mile\u00a0X");
  }

  private static final String CENTRED = "<p>Summary</p><table class=\"a\"><tr><th>Item</th><th>Amount</th></tr>"
      + "<tr><td>Consulting</td><td class=\"n\">1,200.00</td></tr><tr><td>Travel</td><td class=\"n\">340.50</td></tr>"
      + "</table><table class=\"b\"><tr><td>Subtotal</td><td class=\"n\">1,540.50</td></tr><tr><td>VAT 19%</td>"
      + "<td class=\"n\">292.70</td></tr></table><div class=\"box\"><table class=\"c\"><tr><td>Signed</td>"
      + "<td>Berlin, 4 December 2026</td></tr></table></div><table class=\"d\"><tr><td>a cell whose text is wider"
      + " than the width the table asks for</td></tr></table><p>after</p>";

  /**
   * Auto margins on both sides centre a table of automatic layout in openhtmltopdf (measured: refused before as
   * left there): a % width with the default spacing, a length width with none, collapsed borders inside a padded
   * box, and a table its text makes wider than its width (no room left to share: at the left).
   */
  @Test
  void autoMarginsOnBothSidesCentreATable() throws Exception {
    String css = "table { margin: 8pt auto; } td, th { padding: 2px 6px; border: 1px solid #000000; }"
        + " table.a { width: 60%; } th { background: #304050; color: #ffffff; }"
        + " table.b { width: 200pt; border-spacing: 0; } td.n { text-align: right; }"
        + " div.box { padding: 0 30px; } table.c { width: 50%; border-collapse: collapse; }"
        + " table.d { width: 80px; margin: 0 auto; }";
    RenderInput in = drawnDirectly(CENTRED, css);
    assertSame("table-auto-margins-centred", in);
    assertSameFills(in, 0x304050);
  }

  /** A length width with spacing: openhtmltopdf counts the spacing inside the width, as beside one auto margin. */
  @Test
  void aCentredTableOfALengthWidthWithSpacing() throws Exception {
    String css = "table.a, table.b, table.c, table.d { width: 300px; margin-left: auto; margin-right: auto;"
        + " border-spacing: 4px; } td, th { background: #603030; color: #ffffff; }";
    RenderInput in = drawnDirectly(CENTRED, css);
    assertSame("table-auto-margins-spacing", in);
    assertSameFills(in, 0x603030);
  }
}
