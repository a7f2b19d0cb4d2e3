package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Constructs of e-mail-style invoices (tables of presentational attributes, as mail clients need them), drawn
 * directly and printed as openhtmltopdf prints them: text per page, page breaks, page images within 1%, every word's
 * start, and the colours filled.
 */
class HtmlMailEquivalenceTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  /**
   * {@code <font color face size>}: openhtmltopdf has no rule for any of them, so the text keeps its inherited
   * colour, family and size (measured: a {@code <font color="#999999">} label in a {@code #666666} cell is drawn
   * {@code #666666}); the direct engine ignores them too. The fills compare text colours, which the page images
   * cannot tell apart in a few grey letters.
   */
  @Test
  void fontAttributesAreIgnoredAsOpenhtmltopdfIgnoresThem() throws Exception {
    String html = "<table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"0\"><tr>"
        + "<td width=\"50%\" valign=\"top\" style=\"font-size:12px;color:#666666;\">"
        + "<font color=\"#999999\">BILL TO</font><br><b style=\"color:#333333\">Contoso Europe B.V.</b><br>Keizersgracht"
        + " 221</td><td align=\"right\" style=\"font-size:12px;color:#666666;\">Invoice date: <font face=\"Courier New,"
        + " monospace\" size=\"5\">30 November 2026</font><br><font size=\"+2\" color=\"red\">PO</font>:"
        + " <font face=\"serif\">PO-77812</font></td></tr></table>";
    String css = "body { margin: 0; font-family: Arial, Helvetica, sans-serif; }";
    assertSame("mail-font", drawnDirectly(html, css));
    assertSameFills(drawnDirectly(html, css), 0x666666, 0x333333);
  }

  /**
   * A mail's "button": a cell with a background and {@code border-radius} (separate borders, no border), its
   * background rounded as openhtmltopdf rounds a block's, the radius clamped to half of each side (a 30px radius on
   * a 20px-high cell makes an ellipse), beside a rounded cell with spacing around it.
   */
  @Test
  void aRoundedButtonCellPrintsTheSame() throws Exception {
    String html = "<table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"0\"><tr><td style=\""
        + "padding:24px;font-size:14px;color:#333333;line-height:20px;\"><p style=\"margin:0\">Pay now.</p>"
        + "<table border=\"0\" cellspacing=\"0\" cellpadding=\"0\" style=\"margin-top:24px;\"><tr>"
        + "<td bgcolor=\"#1a73e8\" style=\"border-radius:4px;padding:10px 18px;\"><a href=\"https://pay.example/1\""
        + " style=\"color:#ffffff;text-decoration:none;font-weight:bold;font-size:14px;\">Pay invoice online</a></td>"
        + "</tr></table><table cellspacing=\"4\"><tr><td style=\"background:#c00;border-radius:30px;height:20px;"
        + "width:30px\">x</td><td bgcolor=\"#0c0\" style=\"border-radius:8px;padding:8px\">Badge two</td></tr>"
        + "</table></td></tr></table>";
    String css = "body { margin: 0; font-family: Arial, sans-serif; }";
    assertSame("mail-button", drawnDirectly(html, css));
    assertSameFills(drawnDirectly(html, css), 0x1a73e8, 0xcc0000, 0x00cc00);
  }

  /**
   * A rounded cell whose drawing is not measured stays with openhtmltopdf: with a border of its own and separate
   * borders (at publish), or in a row a page break cuts (at render). With collapsed borders openhtmltopdf draws it
   * square, and so does the direct engine (HtmlSurvey22EquivalenceTest).
   */
  @Test
  void roundedCellsNotMeasuredAreRefused() {
    String button = "<td bgcolor=\"#1a73e8\" style=\"border-radius:4px;padding:10px\">Pay</td>";
    assertThat(refusal("<table><tr><td style=\"border:1px solid #000;border-radius:4px\">Pay</td></tr></table>", ""))
        .contains("border-radius on a table cell with a border or collapsed borders");
    RenderInput cut = Canvas.input(HtmlCorpus.of("<div style=\"height:700pt\"></div><table><tr>"
        + button.replace("Pay", "Pay<br>now<br>or<br>later<br>please<br>thanks") + "</tr></table>", ""), "{}");
    assertThatThrownBy(() -> DIRECT.render(cut)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("border-radius on a table cell in a row a page break meets");
  }

  /**
   * The whole mail in one wrapper cell that a page break crosses (mail templates centre a fixed-width table in a
   * full-width one): openhtmltopdf lays the document out on one strip, so the framed 600px table inside the cell
   * has its frame cut at the page's bottom, and a row of the items table nested in it that reaches across the break
   * is laid out against it as a row on the page is (both its lines moved to the next page, its middle-aligned
   * amount laid out again beside them), the rows below going on after it. With 40 items the wrapper row is cut by
   * two breaks, each page showing its part of the strip.
   */
  @ParameterizedTest
  @CsvSource({"16, 2, Itemnumber16", "40, 3, Itemnumber34"})
  void aMailInOneWrapperCellAcrossPageBreaksPrintsTheSame(int items, int pages, String lastPageStart)
      throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 1; i <= items; i++) {
      rows.append("<tr><td style=\"border-bottom:1px solid #eeeeee;\">Item number ").append(i)
          .append("<br><span style=\"color:#888888;font-size:11px;\">Detail line ").append(i)
          .append("</span></td><td align=\"right\" style=\"border-bottom:1px solid #eeeeee;\">").append(i * 7)
          .append(".00 EUR</td></tr>");
    }
    String html = "<table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"0\" bgcolor=\"#f4f4f4\"><tr>"
        + "<td align=\"center\" valign=\"top\" style=\"padding:20px 10px;\"><table width=\"600\" border=\"0\""
        + " cellspacing=\"0\" cellpadding=\"0\" bgcolor=\"#ffffff\" style=\"border:1px solid #e0e0e0;\"><tr>"
        + "<td bgcolor=\"#1a73e8\" style=\"padding:18px 24px;color:#ffffff;font-size:20px;font-weight:bold\">ACME</td>"
        + "</tr><tr><td style=\"padding:24px;font-size:14px;color:#333333;line-height:20px;\"><p style=\"margin:0 0 12px"
        + " 0;\">Dear customer,</p><table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"6\""
        + " style=\"border-collapse:collapse;font-size:12px;\">" + rows + "</table><table border=\"0\" cellspacing=\"0\""
        + " cellpadding=\"0\" style=\"margin-top:24px;\"><tr><td bgcolor=\"#1a73e8\" style=\"border-radius:4px;"
        + "padding:10px 18px;color:#fff\">Pay</td></tr></table></td></tr><tr><td bgcolor=\"#fafafa\" style=\""
        + "padding:14px 24px;font-size:11px;color:#999999;border-top:1px solid #e0e0e0;\" align=\"center\">ACME &bull;"
        + " Street<br>IBAN DE00</td></tr></table></td></tr></table>";
    String css = "body { margin: 0; font-family: Arial, sans-serif; } @page { size: letter; margin: 0.5in; }";
    RenderInput input = drawnDirectly(html, css);
    assertThat(HtmlEquivalenceTest.texts(DIRECT.render(input))).hasSize(pages).last().asString()
        .startsWith(lastPageStart);
    assertSame("mail-wrapper-" + items, input);
  }

  /**
   * A paragraph in a cell that a page break would part leaving one line alone: openhtmltopdf keeps two lines on each
   * side in a block inside a cell (measured: a two-line {@code <p>} moves to the next page whole), which the cell's
   * lines are not laid out for, so the document goes to openhtmltopdf; a cell's own text parts line by line.
   */
  @Test
  void aParagraphInACellLeftWithOneLineAloneIsRefused() {
    StringBuilder paragraphs = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      paragraphs.append("<p>Paragraph ").append(i)
          .append(" with some words to fill a line and wrap it once more when it runs long enough, yes.</p>");
    }
    RenderInput input = drawnDirectly("<table width=\"100%\"><tr><td style=\"padding:10px\">" + paragraphs
        + "</td><td width=\"80\">side</td></tr></table>", "body { font-size: 12px; }");
    assertThatThrownBy(() -> DIRECT.render(input)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("a page break leaving one line of a paragraph alone");
  }
}
