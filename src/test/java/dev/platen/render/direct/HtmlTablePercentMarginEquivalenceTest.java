package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Side margins in % on a table (the quote of {@link HtmlSurvey23EquivalenceTest}: {@code .totals { width: 40%;
 * margin-left: 60% }}), taken of the container's width as a block's are, and then sizing the table as a length
 * margin does: openhtmltopdf takes a table's % width as of its margin box, the margins coming off it, and where
 * they take more than the width (that quote's totals) the table fills what they leave of its container. Compared as
 * {@link HtmlEquivalenceTest} compares (text per page, page images, word positions).
 */
class HtmlTablePercentMarginEquivalenceTest {
  private static final String QUOTE = "<h1>Quotation Q-2026-0311</h1><table class=\"items\"><thead><tr><th>#</th>"
      + "<th>Description</th><th class=\"n\">Total</th></tr></thead><tbody><tr><td>1</td><td>Solar PV array 6.4 kWp"
      + "</td><td class=\"n\">7,200.00 EUR</td></tr><tr><td>2</td><td>Hybrid inverter 6 kW</td>"
      + "<td class=\"n\">1,850.00 EUR</td></tr></tbody></table><table class=\"totals\"><tr><td>Subtotal</td>"
      + "<td>11,350.00 EUR</td></tr><tr><td>VAT (0%)</td><td>0.00 EUR</td></tr><tr class=\"grand\"><td>Total</td>"
      + "<td>11,350.00 EUR</td></tr></table><p>This quotation is valid for 30 days.</p>";

  private static final String BASE = "body { font-family: Helvetica, Arial, sans-serif; font-size: 10pt }"
      + " table.items { width: 100%; border-collapse: collapse } .items td, .items th { padding: 6px;"
      + " border-bottom: 1px solid #dddddd } .n { text-align: right } .totals td { padding: 5px 8px }"
      + " .totals td:last-child { text-align: right } .grand td { border-top: 2px solid #333333; font-weight: bold }";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      // the survey's: 40% wide of a margin box that the 60% margin more than fills, so as wide as the margin leaves
      ".totals { width: 40%; margin-left: 60%; margin-top: 15px; border-collapse: collapse }",
      ".totals { width: 45%; margin-left: 55% }",
      ".totals { width: 100%; margin-left: 50% }",
      ".totals { width: 100%; margin-left: 10%; margin-right: 10%; border-collapse: collapse }",
      ".totals { width: 90%; margin: 12px 5% 0; border: 1px solid #999999 }",
      ".totals { width: 75%; margin-right: 25%; border-spacing: 4px }",
      ".totals { width: 100%; margin-left: 33.3%; border-collapse: collapse; table-layout: fixed }",
      "table.items { width: 90%; margin-left: 5% } .totals { width: 50%; margin-left: 50% }",
      // margins taking more than the width: the table fills what they leave, % or length
      ".totals { width: 20%; margin-left: 60%; border-collapse: collapse }",
      ".totals { width: 10%; margin-left: 200px }",
      ".totals { width: 30%; margin-left: 40%; margin-right: 35% }",
      // exactly as much: at its least width, as a length margin leaving less than it
      ".totals { width: 60%; margin-left: 60% }",
      ".totals { width: 40%; margin-left: 200px }"})
  void percentSideMargins(String css) throws Exception {
    assertSame("table-percent-margin", drawnDirectly(QUOTE, BASE + " " + css));
  }

  /** In a padded wrapper the % is of the wrapper's content width, in odd numbers of layout dots. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".wrap { padding: 0 17px }", ".wrap { width: 433px; margin-left: 9px }"})
  void ofTheContainersWidth(String wrap) throws Exception {
    assertSame("table-percent-margin-wrapped", drawnDirectly("<div class=\"wrap\">" + QUOTE + "</div>",
        BASE + " " + wrap + " .totals { width: 42%; margin-left: 58%; border-collapse: collapse }"));
  }

  /** A long table under a repeated header, indented by % on both sides, across pages. */
  @Test
  void aStatementIndentedByPercent() throws Exception {
    StringBuilder b = new StringBuilder("<table class=\"tx\"><thead><tr><th>Date</th><th>Description</th>"
        + "<th>Amount</th></tr></thead><tbody>");
    for (int i = 1; i <= 120; i++) {
      b.append("<tr><td>2026-04-").append(10 + i % 20).append("</td><td>Direct debit ").append(i)
          .append("</td><td class=\"n\">").append(i * 3).append(".50</td></tr>");
    }
    b.append("</tbody></table>");
    assertSame("table-percent-margin-statement", drawnDirectly(b.toString(), "body { font-size: 9pt }"
        + " table.tx { width: 94%; margin: 0 3%; border-collapse: collapse; -fs-table-paginate: paginate }"
        + " thead { display: table-header-group } .tx td, .tx th { border-bottom: 1px solid #cccccc; padding: 2px 4px }"
        + " .n { text-align: right }"));
  }

  /** Where it stays refused: no width (as with a length margin), in a cell, top and bottom margins in %. */
  @Test
  void whatStaysRefused() {
    assertThat(refusal(QUOTE, BASE + " .totals { margin-left: 60% }")).contains("side margins on a table without a width");
    assertThat(refusal("<table><tr><td><table class=\"t\"><tr><td>1</td></tr></table></td></tr></table>",
        "table.t { width: 50%; margin-left: 10% }")).isNotNull();
    assertThat(refusal(QUOTE, BASE + " .totals { width: 40%; margin-top: 5% }")).contains("percentage");
    assertThat(refusal(QUOTE, BASE + " .totals { width: 40%; margin-left: 60%; table-layout: fixed }"))
        .contains("side margins wider than the width");
  }
}
