package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Words openhtmltopdf may break inside: after a hyphen ("SEPA-Lastschrift", "INV-2026-0142"), before a slash
 * ("2026/11/04"), as its UrlAwareLineBreakIterator finds the places. Such words come from the data (references,
 * e-mail addresses, dates), so before this a statement went to openhtmltopdf at render time whenever one fell at a
 * line's end. They are now laid out piece by piece as openhtmltopdf lays them out, URLs too (LineBreaks); in a
 * table of automatic layout,
 * where openhtmltopdf's rounding of each piece is not followed, a piece ending within that rounding of the line's
 * end still sends the document there.
 */
class HtmlInnerBreakEquivalenceTest {
  private static final String WORDS = "Transfer to savings ref. 2026/11/04-778 SEPA-Lastschrift Stadtwerke "
      + "INV-2026-0142 billing@nordlicht-example.de (on-site) Löhne/Gehälter 11/2026 Müller-Lüdenscheidt GmbH "
      + "a/b/c/d SKU-0100-A x-ray well-known/also-known end.";

  @ParameterizedTest(name = "width {0}pt")
  @ValueSource(ints = {92, 88, 97, 105, 118, 131, 149, 163, 177, 196, 230})
  void aParagraphBreaksItsWordsWhereOpenhtmltopdfBreaksThem(int width) throws Exception {
    assertSame("inner-p-" + width, drawnDirectly("<div class=\"box\"><p>" + WORDS + "</p></div>",
        ".box { width: " + width + "pt; } p { margin: 0; }"));
  }

  @ParameterizedTest(name = "width {0}pt")
  @ValueSource(ints = {95, 83, 109, 141})
  void justifiedAndRightAlignedTextBreakAlike(int width) throws Exception {
    assertSame("inner-j-" + width, drawnDirectly(
        "<p class=\"j\">" + WORDS + "</p><p class=\"r\">" + WORDS + "</p>",
        "p { width: " + width + "pt; margin: 0 0 6pt 0; font-size: 9pt; } .j { text-align: justify; }"
            + " .r { text-align: right; }"));
  }

  @ParameterizedTest(name = "reference column {0}%")
  @ValueSource(ints = {12, 17, 23, 29})
  void cellsOfAFixedLayoutStatementBreakAlike(int percent) throws Exception {
    StringBuilder rows = new StringBuilder();
    String[] descriptions = {"SEPA-Lastschrift Stadtwerke München, Kd.-Nr. 88213",
        "Transfer to savings — ref. 2026/11/04-778", "Card payment AMZN Mktp DE*2K4L71/Berlin",
        "Refund to billing@nordlicht-example.de (partial)", "Löhne/Gehälter 11/2026 Abschlag",
        "Consulting – phase 2 (on-site) for INV-2026-0142"};
    for (int i = 0; i < 60; i++) {
      rows.append("<tr><td>0").append(1 + i % 9).append(".11.2026</td><td>REF-").append(1000 + i)
          .append("/26-A/").append(i).append("</td><td>").append(descriptions[i % 6])
          .append(" ").append(descriptions[(i + 1) % 6]).append("</td><td class=\"amount\">").append(i * 7 + 0.5)
          .append("</td></tr>");
    }
    assertSame("inner-fixed-" + percent, drawnDirectly(
        "<table><thead><tr><th class=\"date\">Date</th><th class=\"ref\">Reference</th><th>Description</th>"
            + "<th class=\"amount\">Amount</th></tr></thead><tbody>" + rows + "</tbody></table>",
        "table { width: 100%; table-layout: fixed; border-spacing: 0; -fs-table-paginate: paginate;"
            + " font-size: 8.5pt; } th, td { padding: 2pt 4pt; border-bottom: 0.5pt solid #ccc; text-align: left; }"
            + " .date { width: 15%; } .ref { width: " + percent + "%; } .amount { width: 14%; text-align: right; }"
            + " tr { page-break-inside: avoid; }"));
  }

  @Test
  void cellsOfAnAutomaticLayoutStatementBreakAlike() throws Exception {
    StringBuilder rows = new StringBuilder();
    String[] descriptions = {"SEPA-Lastschrift Stadtwerke München Abschlag Strom und Gas, Kd.-Nr. 88213",
        "Transfer to savings account for the holiday budget — ref. 2026/11/04-778",
        "Card payment at Supermarkt Nord, Hamburg-Altona (contactless) 4471",
        "Online shop order 2026-10005 incl. shipping and handling fees to the customer"};
    for (int i = 0; i < 40; i++) {
      rows.append("<tr><td>0").append(1 + i % 9).append(".11.2026</td><td>").append(descriptions[i % 4])
          .append("</td><td>TX-").append(4000 + i).append("</td><td class=\"r\">-").append(i * 37 + 0.45)
          .append("</td></tr>");
    }
    assertSame("inner-auto", drawnDirectly("<table><tbody>" + rows + "</tbody></table>",
        "table { width: 100%; border-collapse: collapse; } td { padding: 2px 5px; border-bottom: 1px solid #eee;"
            + " font-size: 8.5pt; } .r { text-align: right; }"));
  }

  @ParameterizedTest(name = "width {0}pt")
  @ValueSource(ints = {96, 121, 143, 170})
  void aUrlBreaksWhereOpenhtmltopdfBreaksIt(int width) throws Exception {
    assertSame("inner-url-" + width, drawnDirectly("<p>Pay online at https://pay.example.com/inv/2026/0142 today,"
        + " or see http://www.example.com/help/billing-faq for the terms.</p>",
        "p { width: " + width + "pt; margin: 0; }"));
  }

  @Test
  void aUrlInACellOfAutomaticLayoutSizesItsColumnAsInOpenhtmltopdf() throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      rows.append("<tr><td>0").append(1 + i % 9).append(".11.2026</td><td>Download the receipt at https://"
          + "receipts.example.com/2026/11/").append(4400 + i).append(" or ask support</td><td class=\"r\">")
          .append(i * 13 + 0.5).append("</td></tr>");
    }
    assertSame("inner-url-auto", drawnDirectly("<table><tbody>" + rows + "</tbody></table>",
        "table { width: 100%; border-collapse: collapse; } td { padding: 2px 5px; border-bottom: 1px solid #eee;"
            + " font-size: 8.5pt; } .r { text-align: right; }"));
  }

  /**
   * In left-aligned text such a piece overflows on the right in both engines (HtmlUtilityBillEquivalenceTest); aligned
   * right it overflows on the left in both (it had gone to openhtmltopdf; HtmlWordBreakEquivalenceTest).
   */
  @Test
  void aPieceWiderThanItsLineAlignedRightOverflowsOnTheLeftAsThere() throws Exception {
    assertSame("inner-wide-right", drawnDirectly("<p>Mail billing@nordlicht-example.de</p>",
        "p { width: 50pt; text-align: right; }"));
  }

  @Test
  void thePlacesFollowOpenhtmltopdfsIterator() {
    // after hyphens and before slashes that are not at a piece's edge
    assertThat(HtmlFlow.innerBreaks("SEPA-Lastschrift", 0, 16)).containsExactly(5);
    assertThat(HtmlFlow.innerBreaks("x 2026/11/04", 2, 12)).containsExactly(6, 9);
    assertThat(HtmlFlow.innerBreaks("plain", 0, 5)).isEmpty();
  }
}
