package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlRowBreakEquivalenceTest.assertSameCut;

import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Blocks that meet a page break, drawn directly and printed as openhtmltopdf prints them. It lays the document out
 * as one strip that each page shows its part of: a box with a border or background is cut by the page's bottom and
 * goes on at the next page's top, and a margin reaching past the bottom goes on there too.
 */
class HtmlBlockBreakEquivalenceTest {
  private static final String PAGE = "@page { size: A4; margin: 20mm } body { font-family: sans-serif; font-size: 10pt;"
      + " margin: 0 } p { margin: 0 0 6pt }";

  private static RenderInput input(String html, String css) {
    return HtmlEquivalenceTest.drawnDirectly(html, css);
  }

  private static String paragraphs(int n, String text) {
    StringBuilder html = new StringBuilder();
    for (int i = 1; i <= n; i++) html.append("<p>").append(text).append(' ').append(i).append(".</p>");
    return html.toString();
  }

  /**
   * A bottom margin that reaches past the page's bottom: what follows starts that far below the next page's top,
   * where the direct engine used to start it at the top (the margins of a page break were dropped).
   */
  @ParameterizedTest
  @ValueSource(ints = {40, 61, 80, 100, 130})
  void aMarginReachingPastThePageBottomGoesOnAtTheNextPagesTop(int margin) throws Exception {
    String css = PAGE + " p { margin: 0 0 " + margin + "px }";
    assertSame("margin-past-" + margin, input(paragraphs(40, "Paragraph number"), css));
  }

  /**
   * A box with a border, padding and a background, the page break falling at {@code above} points below the content
   * area's top plus the box's own offset: in the box's top border or padding (its first line wholly on the next
   * page), among its lines, in its bottom padding. (Not half a point above the bottom: openhtmltopdf's clip ends
   * 0.06 pt above the direct engine's cut, which decides whether a pixel row of a half-point sliver is painted.)
   */
  @ParameterizedTest
  @CsvSource({"0,60", "0,75", "300,20", "700,10", "715,10", "726,10", "727.5,10", "0,41", "0,42", "0,43",
      "0,44"})
  void aBoxWithABackgroundIsCutByThePageBreak(double above, int lines) throws Exception {
    String css = PAGE + " .spacer { height: " + above + "pt } .box { background: #8899bb; border: 2px solid #335;"
        + " padding: 12pt 10pt 14pt }";
    RenderInput input = input("<div class=\"spacer\"></div><div class=\"box\">" + paragraphs(lines, "A line in the box")
        + "</div><p>After the box.</p>", css);
    assertSame("box-cut-" + above + "-" + lines, input);
    assertSameCut(input);
  }

  /** A card holding a statement's table over three pages, its rows cut as rows are, then a box with a top rule. */
  @ParameterizedTest
  @ValueSource(ints = {0, 5, 11, 17})
  void aCardHoldingALongTableRunsOverPages(int above) throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 1; i <= 90; i++) {
      rows.append("<tr><td>2026-01-").append(i % 28 + 1).append("</td><td>Payment number ").append(i)
          .append("</td><td class=\"n\">").append(i * 13).append(".50</td></tr>");
    }
    String html = "<h1>Statement</h1><div class=\"card\"><h2>Transactions</h2><table><thead><tr><th>Date</th>"
        + "<th>Details</th><th class=\"n\">Amount</th></tr></thead><tbody>" + rows + "</tbody></table></div>"
        + "<div class=\"note\"><p>Closing note one.</p><p>Closing note two.</p></div>";
    String css = PAGE + " h1 { margin: 0 0 " + above + "pt } h2 { margin: 0 0 8pt; font-size: 12pt }"
        + " .card { border: 1px solid #99a; background: #dde4f0; padding: 12px 16px; margin-bottom: 20px }"
        + " table { width: 100%; border-collapse: collapse } td, th { padding: 3pt 4pt; border-bottom: 1px solid #ccd }"
        + " .n { text-align: right } .note { border-top: 3px solid #333; background: #eee; padding: 6pt }";
    RenderInput input = input(html, css);
    assertSame("card-" + above, input);
    assertSameCut(input);
  }

  /** Boxes in boxes, each cut where the break falls in it, the inner one's paint over the outer one's. */
  @ParameterizedTest
  @ValueSource(ints = {0, 9, 23})
  void nestedBoxesAreCutEachInTurn(int above) throws Exception {
    String css = PAGE + " h1 { margin: 0 0 " + above + "pt } .outer { background: #ccd5e0; border: 3px solid #223;"
        + " padding: 10pt } .inner { background: #8899bb; border-left: 6px solid #a33; padding: 4pt 8pt;"
        + " margin: 12pt 0 }";
    String html = "<h1>Terms</h1><div class=\"outer\">" + paragraphs(12, "Before the inner box")
        + "<div class=\"inner\">" + paragraphs(40, "Inside the inner box") + "</div>"
        + paragraphs(8, "After the inner box") + "</div>";
    RenderInput input = input(html, css);
    assertSame("nested-" + above, input);
    assertSameCut(input);
  }

  /**
   * The Tailwind-style invoice of an earlier acceptance round: a footer with a top rule after the items, which a page
   * break met once the items ran over a page. Its margin reaching past the page's bottom goes on at the next page's top.
   */
  @ParameterizedTest
  @ValueSource(ints = {20, 24, 40})
  void anInvoiceFooterWithARuleMeetsThePageBreak(int items) throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < items; i++) {
      rows.append("<tr><td><strong>Consulting hours ").append(i).append("</strong><br><span class=\"muted\">Sprint ")
          .append(i).append(" planning and review</span></td><td class=\"num\">").append(i + 1).append("</td>")
          .append("<td class=\"num\">").append(120 * (i + 1)).append(".00 USD</td></tr>");
    }
    String html = "<h1>INVOICE</h1><table><thead><tr><th>Item</th><th class=\"num\">Qty</th><th class=\"num\">Amount"
        + "</th></tr></thead><tbody>" + rows + "</tbody></table><table class=\"totals\"><tr><td>Subtotal</td><td class="
        + "\"num\">4,320.00 USD</td></tr><tr class=\"grand\"><td>Total</td><td class=\"num\">4,665.60 USD</td></tr>"
        + "</table><footer><p>Thank you for your business. Payment is due within 30 days.</p></footer>";
    String css = "* { box-sizing: border-box; margin: 0; padding: 0 } body { font-family: Helvetica, Arial, sans-serif;"
        + " font-size: 10pt; color: #1f2937; line-height: 1.5 } h1 { font-size: 24pt; margin-bottom: 32px }"
        + " .muted { font-size: 8.5pt; color: #6b7280 } table { width: 100%; border-collapse: collapse }"
        + " thead th { text-align: left; font-size: 8pt; border-bottom: 2px solid #e5e7eb; padding: 8px 0 }"
        + " tbody td { padding: 10px 0; border-bottom: 1px solid #f3f4f6; vertical-align: top }"
        + " th.num, td.num { text-align: right } .totals { width: 45%; margin-left: auto; margin-top: 16px }"
        + " .totals td { padding: 4px 0; border: none } .totals tr.grand td { border-top: 2px solid #111827;"
        + " font-weight: 700; font-size: 12pt; padding-top: 8px } footer { margin-top: 40px; font-size: 8pt;"
        + " color: #9ca3af; border-top: 1px solid #e5e7eb; padding-top: 12px } @page { size: A4; margin: 18mm 16mm }";
    assertSame("invoice-footer-" + items, input(html, css));
  }

  /**
   * Paragraphs of 2 to 9 lines that a page break meets at each of their lines, after margins of three shapes:
   * openhtmltopdf keeps two lines on each side (widows and orphans: 2). With one line left on the first page, or one
   * on the last and at most four in all, the paragraph moves to the next page whole, its own top margin with it;
   * with one on the last page and more lines, the line three from the end starts the next page. These documents
   * were all sent to openhtmltopdf before.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("breaks")
  void widowsAndOrphansMoveLinesAsOpenhtmltopdfMovesThem(double above, int words, String margin) throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= words; i++) text.append(i == 1 ? "" : " ").append("lorem").append(i);
    String css = PAGE + " p { margin: " + margin + " } .spacer { height: " + above + "pt }";
    String html = "<div class=\"spacer\"></div><p>A paragraph of one line.</p><p>" + text + "</p>"
        + "<p>After the paragraph.</p><p>Another after it.</p>";
    assertSame("lines-" + above + "-" + words + "-" + margin.replace(' ', '_'), input(html, css));
  }

  /**
   * A two-line paragraph moved whole to the next page, then a rule: measured, its bottom margin then stays in its
   * parent (a signature block) instead of collapsing through the parent's bottom with the rule's top margin, and
   * collapses as usual where the rule is its sibling.
   */
  @ParameterizedTest
  @CsvSource({"655,true", "661,true", "664,true", "667,true", "670,true", "673,true", "676,true", "664,false",
      "670,false"})
  void aParagraphMovedWholeKeepsItsBottomMarginInItsParent(int above, boolean wrapped) throws Exception {
    String moved = "<p class=\"name\">Katharina Vogel<br>Managing Director</p>";
    String html = "<div class=\"spacer\"></div><p>Kind regards,</p>" + (wrapped ? "<div>" + moved + "</div>" : moved)
        + "<hr><p>Copy: project file</p>";
    String css = PAGE + " p { margin: 0 0 8pt } .name { margin-top: 28pt } hr { border: none; border-top: 1px solid"
        + " #7a1f1f; margin: 14pt 0 6pt } .spacer { height: " + above + "pt }";
    assertSame("moved-" + above + "-" + wrapped, input(html, css));
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> breaks() {
    java.util.List<org.junit.jupiter.params.provider.Arguments> all = new java.util.ArrayList<>();
    String[] margins = {"10pt 0", "5pt 0 20pt", "20pt 0 5pt"};
    int[] words = {22, 36, 48, 60, 110};
    for (int w = 0; w < words.length; w++) {
      for (double above = 560; above < 680; above += 11.7) {
        all.add(org.junit.jupiter.params.provider.Arguments.of(above, words[w], margins[(int) (above + w) % 3]));
      }
    }
    return all.stream();
  }

  /**
   * The corpus letter pushed down by its recipient's top margin, so that the page break meets its paragraphs at
   * other lines: some of these offsets left one line of a paragraph alone and went to openhtmltopdf before.
   */
  @ParameterizedTest
  @ValueSource(ints = {40, 66, 92, 118, 144, 170, 196, 222, 248, 274, 300})
  void theLetterPushedDownPrintsTheSame(int pt) throws Exception {
    ObjectNode letter = (ObjectNode) HtmlCorpus.layout("letter").deepCopy();
    letter.put("css", letter.path("css").asString() + "\n.recipient { margin-top: " + pt + "pt; }");
    assertSame("letter-" + pt, HtmlCorpus.input("letter", letter));
  }

  /**
   * A rounded box, its background alone or with a border, cut by the page break in its top corners, among its
   * lines, and in its bottom corners: openhtmltopdf paints the whole rounded shape once in its strip and each page
   * shows its part, so the corners are cut as they fall.
   */
  @ParameterizedTest
  @CsvSource({"0,60,none", "0,60,1.5pt solid #335", "724,10,none", "724,10,1.5pt solid #335", "726,10,2px solid #335",
      "300,20,1pt solid #335", "0,43,none", "0,44,1.5pt solid #335"})
  void aRoundedBoxIsCutByThePageBreak(double above, int lines, String border) throws Exception {
    String css = PAGE + " .spacer { height: " + above + "pt } .box { background: #8899bb; border: " + border + ";"
        + " border-radius: 8pt; padding: 12pt 10pt 14pt }";
    RenderInput input = input("<div class=\"spacer\"></div><div class=\"box\">" + paragraphs(lines, "A line in the box")
        + "</div><p>After the box.</p>", css);
    assertSame("round-cut-" + above + "-" + lines + "-" + border.length(), input);
    assertSameCut(input);
  }
}
