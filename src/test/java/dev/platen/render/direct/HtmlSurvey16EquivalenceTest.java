package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
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
 * What a sixth survey of templates written as outsiders write them today (a "modern SaaS" invoice of flex rows and
 * custom properties, an invoice on a CSS reset, an invoice of utility classes, a brokerage statement, a statement
 * grouped by month, a US Letter utility statement) met: each construct drawn directly and printed as openhtmltopdf
 * prints it (text per page, page breaks, page images within 1%, word positions, as {@link HtmlEquivalenceTest}
 * compares).
 */
class HtmlSurvey16EquivalenceTest {
  private static final String UTILITY = "<div class=\"flex border-b\"><div class=\"w-1/2\">Brightline Digital</div>"
      + "<div class=\"w-1/2 text-right\">Invoice BD-1042</div></div>"
      + "<div class=\"flex\"><div class=\"w-7/12\">Website redesign</div><div class=\"w-1/12 text-right\">8</div>"
      + "<div class=\"w-2/12 text-right\">£1,295.00</div><div class=\"w-2/12 text-right\">£10,360.00</div></div>"
      + "<p class=\"md:mt-4 p-0.5\">Payment within 30 days.</p>";

  /**
   * Tailwind's class names hold characters a selector must escape ({@code .w-1\/2}, {@code .md\:mt-4},
   * {@code .p-0\.5}), which openhtmltopdf's Lexer reads as the name's characters. The direct path had read the
   * name only up to the backslash, matched no element with it, and drawn every such column at the full width, the
   * text of a right-aligned one at the page's right edge (up to 440pt from where openhtmltopdf draws it).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      ".w-1\\/2 { width: 50% } .w-7\\/12 { width: 58.333333% } .w-1\\/12 { width: 8.333333% }"
          + " .w-2\\/12 { width: 16.666667% } .text-right { text-align: right } .border-b { border-bottom: 1px solid }",
      ".md\\:mt-4 { margin-top: 1rem } .p-0\\.5 { padding: 0.125rem; background: #eeeeee }"
          + " div.w-1\\/2.text-right { color: #6b7280 } .w-1\\/2 { width: 50% } .flex .w-1\\/12 { width: 40pt }"})
  void escapedCharactersInClassNames(String css) throws Exception {
    assertSame("survey16-escapes", drawnDirectly(UTILITY, css));
  }

  /** A hex escape is not read directly: its rule's compound matches a superset, so such a document is refused. */
  @Test
  void aHexEscapeInAClassNameIsStillRefused() {
    assertThat(refusal("<div class=\"w-1/2\">Half</div>", ".w-1\\2f 2 { width: 50% }")).isNotNull();
  }

  private static final String RESET = "<h1>Invoice</h1><h2 class=\"to\">Bill to</h2><p>Verlag Morgenrot KG<br>"
      + "Am Hafen 3</p><table><thead><tr><th>Service</th><th class=\"n\">Total</th></tr></thead><tbody><tr>"
      + "<td>Art direction <strong>(rush)</strong></td><td class=\"n\">3,420.00 €</td></tr>"
      + "<tr><td><em>Copy editing</em></td>"
      + "<td class=\"n\"><b>1,200.00</b></td></tr></tbody></table><p class=\"note\">Please transfer the amount"
      + " within 14 days, quoting the invoice number, to the account below.</p>";

  /**
   * Eric Meyer's reset ({@code html, body, div, h1, …, table, th, td { margin: 0; padding: 0; border: 0;
   * font-size: 100%; font: inherit; vertical-align: baseline }}): openhtmltopdf's FontPropertyBuilder makes
   * {@code font: inherit} inherit of all six font properties, so headings, cells and {@code strong} lose the base
   * sheet's sizes and bold until a later rule sets them (measured). The direct path had refused the value.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "html, body, div, h1, h2, p, table, thead, tbody, tr, th, td { margin: 0; padding: 0; border: 0;"
          + " font-size: 100%; font: inherit; vertical-align: baseline }",
      "html, body, h1, h2, p, table, th, td, strong, em, b { margin: 0; font-size: 100%; font: inherit }"
          + " html { font-size: 62.5% } body { font-family: Helvetica, sans-serif; font-size: 1.1rem;"
          + " line-height: 1.45 } h1 { font-size: 3.2rem; font-weight: 300 } h2 { font-weight: 700 }"
          + " th { font-weight: 700; text-align: left } .n { text-align: right } .note { margin-top: 3em }",
      "body { font: 12px/1.6 Arial, sans-serif } h1, th, strong { font: inherit } td { font-size: inherit }"
          + " .to { font: bold 14px Georgia, serif } .to { font: inherit }"})
  void fontInheritOfAReset(String css) throws Exception {
    assertSame("survey16-font-inherit", drawnDirectly(RESET, css));
  }

  private static final String TRADES = "<table class=\"tx\"><thead><tr><th>Trade date</th><th>Description</th>"
      + "<th class=\"amt\">Amount</th></tr></thead><tbody><tr><td>01/02/2026</td><td>AAPL APPLE INC COM</td>"
      + "<td class=\"amt\">-12,480.00</td></tr><tr><td>01/03/2026</td><td>VTI VANGUARD TOTAL STOCK MARKET ETF</td>"
      + "<td class=\"amt\">3,310.25</td></tr></tbody></table><p>After the table</p>";

  /**
   * {@code position: sticky}, which openhtmltopdf's Position builder does not allow: the declaration is dropped
   * there and the value cascaded before stays, and the offsets of a box left static move nothing (measured). The
   * direct path had refused the value.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      ".tx { width: 100%; border-collapse: collapse } .tx thead th { position: sticky; top: 0; background: #0b3d91;"
          + " color: #ffffff; text-align: left; padding: 4px 6px } .amt { text-align: right } td { padding: 3px 6px }",
      "thead th { position: static; position: sticky; top: 4px; left: 2px } p { position: sticky; bottom: 0 }"})
  void positionStickyIsDropped(String css) throws Exception {
    assertSame("survey16-sticky", drawnDirectly(TRADES, css));
  }

  /** A sticky position after a relative one leaves the relative one, as openhtmltopdf drops it: still refused. */
  @Test
  void stickyAfterRelativeKeepsTheRelative() {
    assertThat(refusal(TRADES, "thead th { position: relative; position: sticky; top: 4px }"))
        .startsWith("position: relative on th");
  }

  private static final String BADGES = "<div class=\"meta\">\n  <div class=\"label\">Invoice</div>\n"
      + "  <div class=\"number\">#INV-2026-0412</div>\n  <div class=\"pill\">due</div>\n</div>\n"
      + "<div class=\"meta w\">\n  <div class=\"pill\">Paid in full</div> <div class=\"pill wide\">2 of 2</div>\n"
      + "  <div class=\"pill\">Receipt sent</div>\n</div>\n<p>After</p>";

  /**
   * Status badges and columns of {@code display: inline-block} divs in a parent aligned right or centred (a
   * "modern" invoice's header: the number and a badge at the right): each line of boxes moved as openhtmltopdf's
   * LineBox.align moves it, in whole dots, white space where a line breaks on its end, at the content's
   * end not (measured). The direct path
   * had refused the parent's alignment.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"right|301px|0", "center|301px|0", "right|100%|0", "center|255.5px|0", "right|251px|6px",
      "center|100%|3px", "right|180px|0", "center|181px|4px", "right|137px|0", "center|137px|2px"})
  void inlineBlockDivsInAnAlignedParent(String setup) throws Exception {
    String[] p = setup.split("\\|");
    String css = ".meta { text-align: " + p[0] + " } .w { width: " + p[1] + " } .pill { display: inline-block;"
        + " padding: 2px 10px; margin: 0 " + p[2] + "; background: #eef2ff; color: #6366f1; font-weight: 600;"
        + " font-size: 0.75rem } .wide { width: 60px; text-align: left }";
    assertSame("survey16-aligned-badges", drawnDirectly(BADGES, css));
  }

  /**
   * A top or bottom margin on an inline-block div (a badge's {@code margin-top: 0.25rem} under the invoice number,
   * columns of {@code margin-bottom: 12px}): in openhtmltopdf's inline BlockBox the margins are part of the box's
   * height, so the box stays on its baseline and the line grows by them, or a top-aligned box moves down by its
   * top margin (measured). The direct path had refused them.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"right|0.25rem 0 0", "left|4px", "center|0 0 12px", "right|6px 3px 2px|top",
      "left|10px 0|middle", "left|3px 0 8px|top"})
  void verticalMarginsOfInlineBlockDivs(String setup) throws Exception {
    String[] p = setup.split("\\|");
    String css = ".meta { text-align: " + p[0] + " } .pill { display: inline-block; padding: 2px 10px; margin: " + p[1]
        + "; background: #eef2ff; color: #6366f1; font-weight: 600; font-size: 0.75rem"
        + (p.length > 2 ? "; vertical-align: " + p[2] : "") + " } .wide { width: 60px; text-align: left }";
    assertSame("survey16-badge-margins", drawnDirectly(BADGES, css));
  }

  private static final String HEAD = "<div class=\"head clearfix\"><h1 class=\"title\">Invoice</h1>"
      + "<div class=\"company\">Studio Kranich GmbH<br>Lindenstraße 14<br>10969 Berlin</div></div>"
      + "<p class=\"after\">Bill to: Verlag Morgenrot KG, Am Hafen 3, 20457 Hamburg."
      + " <span class=\"ref\">2026-118</span></p>";

  /**
   * {@code *, *::before, *::after { box-sizing: border-box }}, the first line of today's resets, beside a clearfix:
   * box-sizing changes nothing on an empty block, in either engine (measured). The
   * direct path had refused it as a property of the generated box wherever a {@code ::after} rule had content.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "*, *::before, *::after { box-sizing: border-box } .clearfix::after { content: \"\"; display: block;"
          + " clear: both } .title { float: left; margin: 0 } .company { float: right; text-align: right }",
      "*, ::before, ::after { box-sizing: border-box; } .clearfix:after { clear: both; content: ''; display: block }"
          + " .title { float: left; width: 40%; margin: 0 } .company { float: right; width: 40%; padding: 4px;"
          + " border: 1px solid #999999 }"})
  void boxSizingOfGeneratedBoxes(String css) throws Exception {
    assertSame("survey16-generated-box-sizing", drawnDirectly(HEAD, css));
  }

  /**
   * Cells aligned on their baseline (a reset's {@code vertical-align: baseline} on every element) where one cell's
   * first line holds smaller text: openhtmltopdf lines the baselines up, the direct path had aligned the cells'
   * tops (the words 1.6pt apart). Such a document goes to openhtmltopdf when it is drawn; cells whose first
   * baselines match stay direct.
   */
  @Test
  void baselineCellsWithASmallerFirstLineGoToOpenhtmltopdf() throws Exception {
    String css = "td { vertical-align: baseline; padding: 0 }";
    String small = "<table><tr><td><small>Copy editing</small></td><td><b>1,200.00</b></td></tr></table>";
    RenderInput in = drawnDirectly(small, css);
    assertThatThrownBy(() -> new DirectPdfEngine(EngineSettings.defaults()).render(in))
        .isInstanceOf(Unsupported.class).hasMessageContaining("baseline across cells whose first lines differ");
    assertSame("survey16-baseline-cells", drawnDirectly("<table><tr><td>Copy editing, two rounds</td>"
        + "<td><b>1,200.00</b></td></tr><tr><td><em>Art</em> direction</td><td>3,420.00</td></tr></table>", css));
  }

  private static final String CLIPPED = "<table class=\"tx\"><tr><td>01/02/2026</td><td class=\"desc\">BND VANGUARD"
      + " TOTAL BOND MARKET ETF</td><td class=\"amt\">-12,480.00</td></tr><tr><td>01/03/2026</td>"
      + "<td class=\"desc\">VTI VANGUARD</td><td class=\"amt\">3,310.25</td></tr><tr><td>01/04/2026</td>"
      + "<td class=\"desc\">BRKB BERKSHIRE HATHAWAY INC CL B</td><td class=\"amt\">-880.10</td></tr>"
      + "</table><p>After the table</p>";

  /**
   * A statement's description cell of {@code white-space: nowrap; overflow: hidden; text-overflow: ellipsis} in a
   * table of fixed layout: openhtmltopdf draws the line whole from the cell's left and clips it at the cell's
   * padding box, with no ellipsis ({@code text-overflow} is not a property it knows; measured). The direct path
   * had sent such a document to openhtmltopdf when it was drawn. (Where the hidden part runs under the next
   * cell's text, the two engines' glyphs lie on one another and a text extractor may interleave them in another
   * order: the snippets keep it clear of the amounts.)
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      ".tx { width: 100%; border-collapse: collapse; table-layout: fixed } td { padding: 3px 6px;"
          + " border-bottom: 1px solid #e4e7eb } .desc { width: 30%; white-space: nowrap; overflow: hidden;"
          + " text-overflow: ellipsis } .amt { width: 40%; text-align: right }",
      ".tx { width: 100%; table-layout: fixed; border-spacing: 2px } td { padding: 4px; border: 1px solid #999999;"
          + " background: #f5f7fa } .desc { width: 28%; white-space: nowrap; overflow: hidden }"
          + " .amt { text-align: right }",
      ".tx { width: 100%; border-collapse: collapse; table-layout: fixed } td { border: 2px solid #0b3d91 }"
          + " td.desc { width: 25%; white-space: nowrap; overflow: hidden; color: #555555; font-weight: bold }"})
  void nowrapTextClippedByItsCell(String css) throws Exception {
    assertSame("survey16-clipped", drawnDirectly(CLIPPED, css));
  }

  /** Clipped text in a cell of {@code overflow: auto}, or in Courier, is still refused when drawn. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"overflow: auto", "font-family: monospace"})
  void otherClippedTextIsStillRefused(String more) {
    RenderInput in = drawnDirectly(CLIPPED, ".tx { width: 100%; table-layout: fixed } .desc { width: 30%;"
        + " white-space: nowrap; overflow: hidden; " + more + " }");
    assertThatThrownBy(() -> new DirectPdfEngine(EngineSettings.defaults()).render(in))
        .isInstanceOf(Unsupported.class).hasMessageContaining("nowrap text wider than its box");
  }

  private static final String META = "<div class=\"info\"><div class=\"to\"><h2>Bill to</h2><p>Verlag Morgenrot KG<br>"
      + "Am Hafen 3<br>20457 Hamburg</p></div><dl class=\"meta\"><dt>Invoice no.</dt><dd>2026-118</dd><dt>Date</dt>"
      + "<dd>04.12.2026</dd><dt>Due</dt><dd>18.12.2026</dd></dl></div><p class=\"after\">Please transfer the amount"
      + " within 14 days.</p>";

  /**
   * Floats inside a float (an invoice's floated {@code dl} of floated {@code dt} and {@code dd}): the float holds
   * them, as a block formatting context does in CSS and in openhtmltopdf (measured). The direct path had refused
   * them as floats their parent does not hold.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      ".info { overflow: hidden; margin: 12px 0 } .to { float: left; width: 50% } .meta { float: right; width: 40%;"
          + " margin: 0 } .meta dt { float: left; width: 50%; color: #868e96 } .meta dd { float: left; width: 50%;"
          + " margin: 0; text-align: right }",
      "* { box-sizing: border-box } .info { overflow: hidden } .to { float: left; width: 55% } .meta { float: right;"
          + " width: 45%; margin: 0; padding: 6px; border: 1px solid #0b7285 } .meta dt { float: left; width: 40% }"
          + " .meta dd { float: left; width: 60%; margin: 0; text-align: right; font-weight: bold }"})
  void floatsInsideAFloat(String css) throws Exception {
    assertSame("survey16-floats-in-a-float", drawnDirectly(META, css));
  }
}
