package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.EngineSettings;
import dev.platen.render.RenderInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Receipts and invoices derived from e-mail templates (Postmark's, mailgun's, WooCommerce's): tables for layout,
 * {@code align}, {@code width}, {@code bgcolor} and {@code cellpadding} attributes, centred inner tables, a hidden
 * preheader, "bulletproof" buttons (a link made {@code inline-block} with a border in its own background colour)
 * and the template's line breaks with white space before them, drawn directly and printed as openhtmltopdf prints
 * them (text per page, page breaks, page images within 1%, word positions, as {@link HtmlEquivalenceTest} compares).
 */
class HtmlMailStyleEquivalenceTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  private static final String BUTTON = "<a href=\"https://example.com\" class=\"button\" target=\"_blank\""
      + " style=\"color: #FFF; background-color: #3869D4; display: inline-block; text-decoration: none;"
      + " border-radius: 3px; box-sizing: border-box; border-color: #3869D4; border-style: solid;"
      + " border-width: 10px 18px;\">Download as PDF</a>";

  /** Postmark's receipt, inlined as it is published, with {@code n} line items. */
  private static RenderInput receipt(int n) {
    StringBuilder items = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      items.append("<tr><td width=\"80%\" class=\"purchase_item\"><span>Item ").append(i)
          .append(" of the order</span></td><td class=\"align-right\" width=\"20%\" align=\"right\"><span>$")
          .append(10 + i).append(".00</span></td></tr>\n");
    }
    String html = "<body bgcolor=\"#F2F4F6\"><span class=\"preheader\">This is a receipt for your recent purchase."
        + "</span>\n<table class=\"email-wrapper\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\""
        + " bgcolor=\"#F2F4F6\"><tr><td align=\"center\">\n"
        + "<table class=\"email-content\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\">"
        + "<tr><td class=\"email-masthead\" align=\"center\">[Product Name]</td></tr>\n"
        + "<tr><td class=\"email-body\" width=\"570\" cellpadding=\"0\" cellspacing=\"0\">\n"
        + "<table class=\"email-body_inner\" align=\"center\" width=\"570\" cellpadding=\"0\" cellspacing=\"0\""
        + " bgcolor=\"#FFFFFF\"><tr><td class=\"content-cell\">\n"
        + "<h1 align=\"left\">Hi Jane,</h1>\n"
        + "<table class=\"discount\" align=\"center\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr>"
        + "<td align=\"center\"><h1 class=\"discount_heading\" align=\"center\">10% off your next purchase!</h1>\n"
        + "<table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"0\"><tr><td align=\"center\">\n"
        + BUTTON + "\n</td></tr></table></td></tr></table>\n"
        + "<table class=\"purchase\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td><h3>R-0042</h3></td>"
        + "<td><h3 class=\"align-right\" align=\"right\">4 December 2026</h3></td></tr><tr><td colspan=\"2\">\n"
        + "<table class=\"purchase_content\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\">\n"
        + "<tr><th class=\"purchase_heading\" align=\"left\"><p>Description</p></th>"
        + "<th class=\"purchase_heading\" align=\"right\"><p>Amount</p></th></tr>\n" + items
        + "<tr><td width=\"80%\" class=\"purchase_footer\" valign=\"middle\"><p class=\"purchase_total\">Total</p></td>"
        + "<td width=\"20%\" class=\"purchase_footer\" valign=\"middle\"><p class=\"purchase_total\">$99.00</p></td>"
        + "</tr></table></td></tr></table>\n"
        + "<p>Cheers,\n    <br />The [Product Name] team</p>\n"
        + "<table class=\"body-action\" align=\"center\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr>"
        + "<td align=\"center\"><table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"0\"><tr>"
        + "<td align=\"center\">\n" + BUTTON + "\n</td></tr></table></td></tr></table>\n"
        + "</td></tr></table></td></tr>\n"
        + "<tr><td><table class=\"email-footer\" align=\"center\" width=\"570\" cellpadding=\"0\" cellspacing=\"0\">"
        + "<tr><td class=\"content-cell\" align=\"center\"><p class=\"sub\">[Company Name, LLC]\n    <br />1234"
        + " Street Rd.\n    <br />Suite 1234\n  </p></td></tr></table></td></tr>\n"
        + "</table></td></tr></table></body>";
    String css = "body { width: 100% !important; height: 100%; margin: 0; background-color: #F2F4F6;"
        + " color: #51545E; font-family: Helvetica, Arial, sans-serif; }"
        + " .preheader { display: none !important; visibility: hidden; mso-hide: all; font-size: 1px;"
        + " line-height: 1px; max-height: 0; max-width: 0; opacity: 0; overflow: hidden; }"
        + " td { word-break: break-word; font-size: 16px; }"
        + " h1 { margin-top: 0; color: #333333; font-size: 22px; font-weight: bold; text-align: left; }"
        + " p { margin: .4em 0 1.1875em; font-size: 16px; line-height: 1.625; color: #51545E; }"
        + " p.sub { font-size: 13px; text-align: center; color: #A8AAAF; }"
        + " .discount { width: 100%; margin: 0; padding: 24px; background-color: #F4F4F7; }"
        + " .discount_heading { text-align: center; }"
        + " .email-masthead { padding: 25px 0; text-align: center; font-weight: bold; color: #A8AAAF; }"
        + " .email-body_inner { width: 570px; margin: 0 auto; padding: 0; background-color: #FFFFFF; }"
        + " .email-footer { width: 570px; margin: 0 auto; padding: 0; text-align: center; }"
        + " .content-cell { padding: 45px; }"
        + " .purchase { width: 100%; margin: 0; padding: 35px 0; }"
        + " .purchase_content { width: 100%; margin: 0; padding: 25px 0 0 0; }"
        + " .purchase_item { padding: 10px 0; color: #51545E; font-size: 15px; line-height: 18px; }"
        + " .purchase_heading { padding-bottom: 8px; border-bottom: 1px solid #EAEAEC; }"
        + " .purchase_heading p { margin: 0; color: #85878E; font-size: 12px; }"
        + " .purchase_footer { padding-top: 15px; border-top: 1px solid #EAEAEC; }"
        + " .purchase_total { margin: 0; text-align: right; font-weight: bold; color: #333333; }"
        + " .body-action { width: 100%; margin: 30px auto; padding: 0; text-align: center; }"
        + " .align-right { text-align: right; }"
        + " h3 { margin-top: 0; color: #333333; font-size: 14px; font-weight: bold; text-align: left; }";
    return drawnDirectly(html, css);
  }

  /**
   * Postmark's receipt with 8 line items (one page) and with 40 (its one outer row cut by page breaks, the buttons
   * in nested tables clear of them): the centred inner tables, the preheader, the buttons, the footer's lines.
   */
  @Test
  void postmarksReceiptWithEightAndFortyItems() throws Exception {
    assertSame("mail-postmark-8", receipt(8));
    assertSameFills(receipt(8), 0x3869d4, 0xffffff);
    assertSame("mail-postmark-40", receipt(40));
  }

  /**
   * {@code align="center"} on a table is openhtmltopdf's {@code margin-left: auto; margin-right: auto} (its
   * XhtmlNamespaceHandler): a table of a set width with a background is centred, on the page and nested in a cell;
   * author CSS still wins over it.
   */
  @Test
  void centredTablesWithBackgrounds() throws Exception {
    String html = "<table style=\"width:300px;margin:0 auto;background:#fff\"><tr><td>One cell</td><td>two</td></tr>"
        + "</table><table align=\"center\" width=\"320\" cellpadding=\"0\" cellspacing=\"0\" bgcolor=\"#FFFFFF\""
        + " style=\"background-color:#eee\"><tr><td style=\"padding:10px\">One cell</td><td>two</td></tr></table>"
        + "<table align=\"center\" width=\"200\" style=\"margin-left:0\"><tr><td>left after all</td></tr></table>"
        + "<table style=\"margin-left:auto;width:200px;background:#ccc\"><tr><td>right</td></tr></table>"
        + "<table width=\"100%\"><tr><td align=\"center\"><table align=\"center\" width=\"250\" cellspacing=\"0\""
        + " style=\"background:#fff\"><tr><td>nested</td><td>cell</td></tr></table></td></tr></table>"
        + "<table width=\"100%\"><tr><td><table align=\"center\" width=\"250\" cellspacing=\"0\" cellpadding=\"5\""
        + " bgcolor=\"#ffffff\"><tr><td>nested2</td><td>cell</td></tr></table></td><td>beside</td></tr></table>";
    RenderInput input = drawnDirectly(html, "body { background: #f2f4f6; }");
    assertSame("mail-centred-tables", input);
    assertSameFills(input, 0xeeeeee, 0xcccccc);
  }

  /**
   * The bulletproof button: a link with {@code display: inline-block}, {@code border-width: 10px 18px} and
   * {@code border-radius: 3px} in its own background colour, alone in a centred cell, beside text, and a second
   * colour; with two to four border widths given.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"10px 18px", "10px", "8px 16px 12px", "6px 12px 10px 20px"})
  void bulletproofButtons(String widths) throws Exception {
    String button = BUTTON.replace("10px 18px", widths);
    String html = "<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr><td align=\"center\">\n" + button
        + "\n</td></tr></table><p>Or <a class=\"green\" href=\"#\">Pay now</a> before the due date.</p>";
    String css = "body { font-family: Helvetica, sans-serif; font-size: 16px; }"
        + " .green { display: inline-block; background-color: #22BC66; color: #fff; text-decoration: none;"
        + " border-style: solid; border-color: #22BC66; border-width: " + widths + "; border-radius: 3px; }";
    RenderInput input = drawnDirectly(html, css);
    assertSame("mail-button-" + widths.replace(' ', '-'), input);
    assertSameFills(input, 0x3869d4, 0x22bc66);
  }

  /**
   * A button in a nested table of a row cut by page breaks (an e-mail is one outer row): where its own row stays on
   * a page it is drawn where the flow puts it; where the break cuts its own row it goes to openhtmltopdf.
   */
  @Test
  void aButtonInANestedTableOfARowCutByAPageBreak() throws Exception {
    for (int n : new int[] {46, 50, 54, 57}) assertSame("mail-button-cut-" + n, cutButton(n));
    assertThatThrownBy(() -> DIRECT.render(cutButton(52))).isInstanceOf(Unsupported.class)
        .hasMessageContaining("an inline-block in a table row cut by a page break");
  }

  private static RenderInput cutButton(int lines) {
    StringBuilder filler = new StringBuilder();
    for (int k = 0; k < lines; k++) {
      filler.append("<p style=\"margin:0\">Line ").append(k).append(" of filler text</p>\n");
    }
    return drawnDirectly("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr><td align=\"center\">"
        + filler + "<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr><td align=\"center\">\n" + BUTTON
        + "\n</td></tr></table>\n<p>after the button</p></td><td>side</td></tr></table><p>below</p>", "");
  }

  /**
   * The template's white space before a {@code <br>} ("Cheers,⏎  <br>The team"): openhtmltopdf fits the line's
   * last word with the space after it and aligns the line with it, so the word wraps a space earlier and a right
   * or centred line stands a space (half a space) further left; justified lines before a break are left alone.
   * In a table of automatic layout the column is measured without that space, so the line's last word wraps there.
   */
  @Test
  void whiteSpaceBeforeALineBreak() throws Exception {
    StringBuilder blocks = new StringBuilder();
    for (String align : new String[] {"left", "right", "center", "justify"}) {
      for (int w = 161; w <= 167; w += 2) {
        blocks.append("<div style=\"width:").append(w).append("px;text-align:").append(align)
            .append("\">Cheers and thanks a lot, \n<br/>T").append(w).append(" and more words here to wrap the line")
            .append(" at some point, <b>bold</b> \n<br>\n<i>slanted</i> <br> end</div>\n");
      }
    }
    assertSame("mail-br-blocks", drawnDirectly(blocks.toString(), "body { font-size: 12px; }"));
    String cells = "<table><tr><td>Cheers,\n  <br />The Product Name team</td><td>x</td></tr></table>"
        + "<table><tr><td>Cheers and thanks a lot,\n  <br />The team</td><td>x</td></tr></table>"
        + "<table style=\"width:100%\"><tr><td>Cheers and thanks a lot,\n  <br />The team</td><td>x</td></tr></table>"
        + "<p>after</p>";
    assertSame("mail-br-cells", drawnDirectly(cells, ""));
  }

  /**
   * A box of {@code display: none} is not drawn, so what else it declares is not judged (the preheader's
   * {@code visibility}, {@code max-height}, {@code opacity}); the last {@code display} declared wins, but for
   * {@code flex} and {@code grid}, which openhtmltopdf drops.
   */
  @Test
  void aHiddenPreheaderAndTheLastDisplayDeclared() throws Exception {
    String html = "<span class=\"preheader\">Hidden preview text</span><p class=\"shown\">Shown</p>"
        + "<p class=\"gone\">Gone</p><p>After</p>";
    String css = ".preheader { display: none !important; visibility: hidden; mso-hide: all; font-size: 1px;"
        + " line-height: 1px; max-height: 0; max-width: 0; opacity: 0; overflow: hidden; }"
        + " .shown { display: none; } p.shown { display: block; } .gone { display: none; } p.gone { display: flex; }";
    assertSame("mail-preheader", drawnDirectly(html, css));
    assertThat(refusal("<span class=\"p\">x</span>", ".p { visibility: hidden; }"))
        .startsWith("CSS property 'visibility'");
  }

  /**
   * {@code page-break-before: avoid} (WooCommerce's order table): measured, openhtmltopdf moves the paragraph before
   * the table along to the next page when the break would fall right before it. Drawn directly wherever the break
   * falls elsewhere (inside the table, before the paragraph, after the table); where it falls right before the
   * table, and in a table cell, the document goes to openhtmltopdf.
   */
  @Test
  void pageBreakBeforeAvoid() throws Exception {
    for (int n : new int[] {30, 51, 53, 57}) assertSame("mail-avoid-" + n, avoidBefore(n, "table"));
    assertSame("mail-avoid-div-53", avoidBefore(53, "div"));
    assertThatThrownBy(() -> DIRECT.render(avoidBefore(50, "table"))).isInstanceOf(Unsupported.class)
        .hasMessageContaining("page-break-before: avoid on table.order-details where a page break falls before it");
    RenderInput inCell = drawnDirectly("<table><tr><td><p>a</p><p class=\"k\">b</p></td></tr></table>",
        ".k { page-break-before: avoid; }");
    assertThatThrownBy(() -> DIRECT.render(inCell)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("or in a table cell");
  }

  private static RenderInput avoidBefore(int lines, String tag) {
    StringBuilder filler = new StringBuilder("<h3>Heading before</h3>");
    for (int k = 0; k < lines; k++) {
      filler.append("<p style=\"margin:0\">Line ").append(k).append(" of filler text</p>\n");
    }
    String box = tag.equals("table")
        ? "<table class=\"order-details\"><tr><td>Row one</td></tr><tr><td>Row two</td></tr><tr><td>Row three</td></tr>"
            + "</table>"
        : "<div class=\"order-details\"><p>Block one</p><p>Block two</p></div>";
    return drawnDirectly(filler + "<p>Last paragraph</p>" + box + "<p>after</p>",
        ".order-details { page-break-before: avoid; width: 100%; }");
  }

  /** What of these stays with openhtmltopdf is named. */
  @ParameterizedTest(name = "{1}")
  @ValueSource(strings = {
      // a float in openhtmltopdf without a width (a floated table with one is drawn: HtmlSurvey17EquivalenceTest)
      "<table align=\"right\"><tr><td>x</td></tr></table>\t\ta floated table without a width or with margins",
      "<table align=\"left\"><tr><td>x</td></tr></table>\t\ta floated table without a width or with margins",
      // measured: openhtmltopdf centres a framed table otherwise (8px left with a 3px border and 5px padding)
      "<table align=\"center\" width=\"300\" style=\"border:3px solid #333;padding:5px\"><tr><td>x</td></tr></table>"
          + "\t\tan auto margin on table with a border or padding",
      // sides of other colours along the curve
      "<a style=\"display:inline-block;background:#38d;border:solid #123;border-width:10px 18px;"
          + "border-radius:3px\">x</a>\t\tborder-radius with a border whose sides differ",
      "<a style=\"display:inline-block;background:#38d;border:dashed #38d;border-width:10px 18px;"
          + "border-radius:3px\">x</a>\t\tborder-radius with a border whose sides differ"})
  void whatStaysWithOpenhtmltopdfIsNamed(String example) {
    String[] parts = example.split("\t\t");
    assertThat(refusal("<p>Before</p>" + parts[0], "")).startsWith(parts[1]);
  }
}
