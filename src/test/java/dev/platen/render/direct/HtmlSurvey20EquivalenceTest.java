package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameSharp;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.EngineSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the next constructs of the ninth round's unseen templates are drawn as (a ledger's display: table header and
 * clipped amounts, a statement's narrow date column, Bootstrap's badge, a corporate invoice's summary box, a compact
 * invoice's boxes of tables, a packing slip's logo and item meta): each is drawn directly and printed as openhtmltopdf
 * prints it, compared at 150 dpi too ({@link HtmlEquivalenceTest#assertSameSharp}), or left to openhtmltopdf by name.
 */
class HtmlSurvey20EquivalenceTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  /**
   * A nowrap line wider than its cell in a table of fixed layout (a statement's date and amount columns, narrower
   * than "29 Oct 2023"): openhtmltopdf lets it overflow where the cell's alignment puts it, past either side.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"", "td.amt { text-align: right }", "td.amt { text-align: center }",
      "td { border: 1px solid #999 }", "table { border-collapse: collapse } td { border: 1px solid #999 }",
      "td.amt { background: #eee }"})
  void nowrapOverflowInFixedCells(String css) throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      rows.append("<tr><td class=\"d\">29 Oct 2023</td><td>Card payment to the corner shop</td>"
          + "<td class=\"amt\">-1,250,830.98</td></tr>");
    }
    assertSameSharp("survey20-nowrap-fixed", drawnDirectly("<p>Before</p><table><colgroup><col style=\"width:8%\">"
        + "<col style=\"width:82%\"><col style=\"width:10%\"></colgroup>" + rows + "</table><p>After</p>",
        "table { width: 100%; table-layout: fixed; font-size: 10pt } td { padding: 3px 4px; vertical-align: top }"
            + " .d, .amt { white-space: nowrap } " + css));
  }


  /**
   * A nowrap line of one style wider than a block that does not clip it, outside a table cell, in a box of a fixed
   * width or in a cell of a table of fixed layout: openhtmltopdf lets it overflow where the alignment puts it.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<div class=\"n\">" + LONG + " and more words here to go</div>",
      "<div class=\"n r\">" + LONG + " and more words here to go</div>",
      "<div class=\"n c\">" + LONG + " and more words here to go</div>",
      "<div class=\"n bg\">" + LONG + " and more words here to go</div>",
      "<div class=\"box\"><p class=\"n\">" + LONG + "</p></div>",
      "<div class=\"box\"><p class=\"n r\">" + LONG + "</p></div>",
      "<div class=\"box\"><p class=\"n m r\">" + LONG + "</p></div>",
      "<p class=\"n tiny\">a line longer than its box</p>",
      "<table class=\"f\"><tr><td><div class=\"n\">" + LONG + "</div></td><td>x</td></tr></table>",
      "<table class=\"f\"><tr><td class=\"n m\">" + LONG + "</td><td>x</td></tr></table>",
      "<table class=\"f\"><tr><td class=\"n r\">" + LONG + "</td><td>x</td></tr><tr><td class=\"n\">" + LONG
          + "</td><td>x</td></tr></table>"})
  void nowrapLinesOverflowingABoxThatDoesNotClip(String html) throws Exception {
    assertSameSharp("survey20-nowrap-else", drawnDirectly("<p>Before</p>" + html + "<p>After</p>", NOWRAP));
  }

  /**
   * A nowrap line of several styles (openhtmltopdf breaks it after an inline element), one after a {@code <br>}
   * (placed lower there), one in a box an ancestor of {@code overflow: hidden} clips: still refused, by name.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<div class=\"box\"><p class=\"n\">Card payment to <b>the corner shop</b> on the high"
      + " street</p></div>",
      "<div class=\"box\"><p class=\"n\">Card payment to the corner shop<br>" + LONG + "</p></div>",
      "<table class=\"f\"><tr><td class=\"n\">Card payment to <span class=\"big\">the corner</span> shop</td>"
          + "<td>x</td></tr></table>",
      "<div class=\"box clip\"><div><p class=\"n\">" + LONG + "</p></div></div>"})
  void otherNowrapOverflowIsRefused(String html) {
    assertThatThrownBy(() -> DIRECT.render(drawnDirectly("<p>Before</p>" + html + "<p>After</p>", NOWRAP)))
        .isInstanceOf(Unsupported.class).hasMessageContaining("nowrap text wider than its box, in a box that clips"
            + " it or holding several styles or lines");
  }

  /**
   * Selectors that name the divs of a display: table layout as the divs they are ({@code .head > div},
   * {@code div.c}, {@code div p}, {@code .t > div + div}): matched as openhtmltopdf matches them, past the anonymous
   * row it puts around a table's cells; {@code td}, {@code tr} and {@code table} match none of them there.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".head > div { display: table-cell; vertical-align: bottom }",
      ".head > div { display: table-cell; vertical-align: top } div.co { color: #1b3a5c; font-size: 15pt } div p { margin: 2pt 0 }",
      ".head > div { display: table-cell } .head > div + div { text-align: right; color: #666 }",
      ".head > div { display: table-cell } .head div:first-child { width: 60% } .head > div > p { color: #a00 }",
      ".head > div { display: table-cell; border-bottom: 2px solid #1b3a5c } .head > * { padding: 4pt }",
      ".head > div { display: table-cell } tr { color: #a00 } .head tr { background: #eee }",
      ".head > div { display: table-cell } td { color: #a00 } td p { font-weight: bold } table + p { color: #0a0 }"})
  void selectorsNamingTheDivsOfADisplayTable(String css) throws Exception {
    assertSameSharp("survey20-display-table-selectors", drawnDirectly("<div class=\"head\"><div class=\"co\">Northwind"
        + " Traders<p>General ledger</p></div><div class=\"period\">1 Jan 2024 to 31 Dec 2024<p>Page 1</p></div>"
        + "</div><p>After</p>", ".head { display: table; width: 100%; margin-bottom: 10pt } " + css));
  }

  /**
   * A cell's nowrap line of {@code overflow: hidden} aligned right or centred (a ledger's grand total in bold, wider
   * than its amount column): openhtmltopdf draws it where the alignment puts it, past the cell's left side, and clips
   * it at the padding box.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"text-align: right", "text-align: center", "text-align: right; font-weight: bold",
      "text-align: right; padding: 0", "text-align: right; background: #eee", "text-align: right; border: 1px solid #333",
      "text-align: center; padding: 6px 20px"})
  void clippedNowrapAlignedRightOrCentred(String css) throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      rows.append("<tr><td class=\"x\">Card payment to the corner shop on the high street</td><td></td>"
          + "<td class=\"x\">2,239,951.32</td><td></td></tr>");
    }
    assertSameSharp("survey20-clipped-right", drawnDirectly("<p>Before</p><table><colgroup><col style=\"width:20%\">"
        + "<col style=\"width:30%\"><col style=\"width:8%\"><col></colgroup>" + rows + "</table><p>After</p>",
        "table { width: 100%; table-layout: fixed; border-collapse: collapse } td { padding: 3px 5px; border-bottom: 1px solid #ccc }"
            + " .x { white-space: nowrap; overflow: hidden; " + css + " }"));
  }

  /**
   * A table of a % width in a bordered box in a cell of automatic layout (a utility bill's account panel beside the
   * address): checking the template, the cell has no width yet, and the box's border left the table less than none.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<div class=\"acct\"><table class=\"in\">ROWS</table></div>",
      "<table class=\"in\">ROWS</table>",
      "<div class=\"acct\"><table class=\"in half\">ROWS</table></div>",
      "<div class=\"acct pad\"><div><table class=\"in\">ROWS</table></div></div>",
      "<div class=\"acct\"><table class=\"in sep\">ROWS</table></div>"})
  void percentWidthTablesInCells(String inner) throws Exception {
    String rows = "<tr><td class=\"head\" colspan=\"2\">Your account</td></tr><tr><td>Account number</td><td>8841 2207 56</td></tr>"
        + "<tr><td>Tariff</td><td>Riverside Fixed Oct-25 v3</td></tr>";
    assertSameSharp("survey20-pct-nested", drawnDirectly("<table class=\"two\"><tr><td><div class=\"address\">Mr T. &amp; Mrs A."
        + " Lewandowski<br>Flat 2, 19 Wellington Road<br>Bristol</div></td><td>" + inner.replace("ROWS", rows)
        + "</td></tr></table><p>After</p>", ".two { width: 100%; border-collapse: collapse; } .two > tbody > tr > td {"
        + " vertical-align: top; width: 50%; padding: 0; } .two > tbody > tr > td + td { padding-left: 14px; }"
        + " .acct { border: 1px solid #cfd8dc; } table.in { width: 100%; border-collapse: collapse; } .half { width: 50% }"
        + " .pad { padding: 6px 10px } .sep { border-collapse: separate; border-spacing: 3px; border: 2px solid #999 }"
        + " .in td { padding: 3px 8px; border-bottom: 1px solid #eef2f3; font-size: 8.5pt; } .head { background: #eef2f3 }"));
  }

  /**
   * Bootstrap's badge ({@code display: inline-block; white-space: nowrap; padding: .35em .65em; font-size: .75em;
   * border-radius}) after an item's name in a cell of automatic layout: measured as one piece, as openhtmltopdf
   * measures an inline block's nowrap text.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Presentation folder with single pocket and card slits <span class=\"badge\">Rush</span>",
      "Artwork adjustments &amp; proof revisions (hours) <span class=\"badge\">Awaiting payment</span>",
      "<span class=\"badge\">Awaiting payment now</span> Artwork adjustments",
      "Folder <span class=\"badge\">Rush order</span><span class=\"sku\">SKU PF-A4-1P</span>"})
  void nowrapBadgesInCells(String cell) throws Exception {
    assertSameSharp("survey20-badge", drawnDirectly("<table class=\"t\"><tr><th>Item</th><th>Qty</th><th>Amount</th></tr>"
        + "<tr><td>" + cell + "</td><td>2</td><td>1,250.00</td></tr><tr><td>Binding</td><td>1</td><td>80.00</td></tr>"
        + "</table><p>After</p>", ".t { width: 100%; border-collapse: collapse } .t td, .t th { padding: 4px;"
        + " border-bottom: 1px solid #dee2e6 } .badge { display: inline-block; padding: .35em .65em; font-size: .75em;"
        + " font-weight: 700; line-height: 1; color: #fff; background: #0d6efd; text-align: center; white-space: nowrap;"
        + " vertical-align: baseline; border-radius: .375rem } .sku { color: #6c757d; font-size: .8em; display: block }"));
  }

  /**
   * A height on an inline element (a logo mark's {@code span} of {@code width} and {@code height} in a flex header,
   * which openhtmltopdf lays out as a block of inline content): none, as CSS 2.1 has it and openhtmltopdf measures.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<div class=\"logo\"><span class=\"mark\">K</span> Kestrel Studio</div>",
      "<div class=\"logo\"><span class=\"mark pad\">K</span> Kestrel Studio</div>",
      "<p>Invoice for <span class=\"mark\">Kestrel Studio</span>, 12 Harbour Lane, and more text after it so"
          + " that the line wraps where the span's height would have mattered</p>",
      "<table class=\"t\"><tr><td><span class=\"mark\">K</span> Kestrel</td><td>Amount</td></tr></table>",
      "<div class=\"logo\"><b class=\"mark tall\">K</b> Kestrel Studio</div>"})
  void heightOnInlineElements(String html) throws Exception {
    assertSameSharp("survey20-inline-height", drawnDirectly(html + "<p>After</p>", ".logo { display: flex;"
        + " align-items: center; gap: 8px; font-size: 20px; font-weight: 700 } .mark { width: 2.25rem; height: 2.25rem;"
        + " background: #0f766e; color: #fff; font-size: 16px } .pad { padding: 2px 6px } .tall { height: 80px }"
        + " .t { width: 100% }"));
  }

  /**
   * A table in an inline-block div of a width (an invoice's details box beside the addresses; its VAT table beside
   * the totals): laid out in it as in any block, the box aligned by the table's last line.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".box { vertical-align: top }", ".box { vertical-align: baseline }",
      ".box { vertical-align: middle }", ".box { vertical-align: top; min-height: 62px }",
      ".box { vertical-align: top } .kv { width: 100% }", ".box { vertical-align: top } .kv { border-collapse: collapse }"
          + " .kv td { border-bottom: 1px solid #ccc }"})
  void tablesInInlineBlockDivsOfAWidth(String css) throws Exception {
    assertSameSharp("survey20-table-inline-block", drawnDirectly("<div class=\"boxes\"><div class=\"box\"><h4>Bill to</h4>"
        + "<strong>Café Het Zuiderlicht V.O.F.</strong><br>t.a.v. M. Bakker-Jansen<br>Oudegracht 211</div>"
        + " <div class=\"box\"><h4>Ship to</h4>Café Het Zuiderlicht<br>Achteringang Lijnmarkt 4</div>"
        + " <div class=\"box\"><h4>Details</h4><table class=\"kv\"><tr><td>Factuurdatum</td><td>14-05-2024</td></tr>"
        + "<tr><td>Vervaldatum</td><td>28-05-2024</td></tr><tr><td>Order</td><td>SO-2024-11872</td></tr></table></div>"
        + "</div><p>After</p>", "body { font-size: 8pt } .box { box-sizing: border-box; display: inline-block; width: 32%;"
        + " margin-right: 1%; border: 1px solid #999; padding: 3px 5px } .box:last-child { margin-right: 0 }"
        + " .box h4 { margin: 0 0 2px 0; font-size: 6.5pt; text-transform: uppercase; color: #666 }"
        + " .kv td { padding: 0 2px } .kv td:first-child { color: #555; width: 45% } " + css));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"top", "baseline", "middle"})
  void tablesSideBySideInInlineBlockDivs(String align) throws Exception {
    assertSameSharp("survey20-split-inline-block", drawnDirectly("<p>Items</p><div class=\"split\"><div class=\"col l\">"
        + "<table class=\"tax\"><thead><tr><th>VAT breakdown</th><th>Rate</th><th>Base</th><th>VAT</th></tr></thead>"
        + "<tbody><tr><td>Standard</td><td>21%</td><td>1.127,20</td><td>236,71</td></tr><tr><td>Reduced</td><td>9%</td>"
        + "<td>1.539,35</td><td>137,42</td></tr><tr class=\"sum\"><td>Total</td><td></td><td>2.666,55</td><td>374,13</td>"
        + "</tr></tbody></table></div><div class=\"col rt\"><table class=\"tot\"><tr><td>Lines</td><td>19</td></tr>"
        + "<tr><td>Subtotal</td><td>2.666,55</td></tr><tr class=\"grand\"><td>To pay</td><td>3.040,68</td></tr></table>"
        + "</div></div><p>After</p>", "body { font-size: 8pt } table { border-collapse: collapse; width: 100% }"
        + " .split .col { display: inline-block; vertical-align: " + align + " } .split .col.l { width: 58%; margin-right: 2% }"
        + " .split .col.rt { width: 39% } .tax th { font-size: 7pt; text-align: left; border-bottom: 1px solid #111;"
        + " background: #f2f2f2 } .tax td { border-bottom: 1px solid #ddd } .tax tr.sum td { font-weight: bold }"
        + " .tot td { padding: 2px 4px } .tot tr.grand td { font-size: 10pt; font-weight: bold; border-top: 2px solid"
        + " #111; background: #ffe9a8 }"));
  }

  /**
   * A shop's logo of {@code max-width: 100%} (and {@code max-height}) in a header table's cell beside its address
   * (WooCommerce PDF Invoices' packing slip): the measure of automatic layout leaves the cap out, the cell then caps
   * the image at its width. Another % stays refused.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"td.header img { max-height: 3cm; max-width: 100%; width: auto }",
      "td.header img { max-width: 100% }", "table.head { width: 100% } td.header img { max-width: 100% }",
      "table.head { width: 100% } td.header img { max-height: 3cm; max-width: 100% }"})
  void logoOfMaxWidth100InACell(String css) throws Exception {
    for (String shop : new String[] {"Northwind Outfitters<br>12 Harbour Road", "x", "Northwind Outfitters, 12"
        + " Harbour Road, Leeds LS1 4AB, United Kingdom, VAT GB 123 4567 89, Company no. 01234567, phone +44 113 496"
        + " 0000, e-mail orders@northwind.example, and more words after"}) {
      assertSameSharp("survey20-logo-max-width", drawnDirectly(logo(shop), css));
    }
  }

  @org.junit.jupiter.api.Test
  void anotherPercentMaxWidthOnAnImageInACellIsRefused() {
    assertThat(HtmlEquivalenceTest.refusal(logo("x"), "td.header img { max-width: 50% }"))
        .isEqualTo("CSS property 'max-width' on img");
  }

  private static String logo(String shop) {
    return "<table class=\"head\"><tr><td class=\"header\"><img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAS"
        + "wAAABaCAIAAACNE/xKAAAA0ElEQVR42u3TAQkAAAzDsImYf62TcTiJhEJT4FQkABOCCQETggkBE4IJAROCCQETggkBE4IJAROCCQETggk"
        + "BE4IJAROCCQETggkBE4IJAROCCQETggkBE4IJAROCCQETggkBE4IJAROCCQETggkBE4IJAROCCQETggkBE4IJAROCCQETggkBE4IJAROCCQE"
        + "TggkBE4IJAROCCQETggnBhIAJwYSACcGEgAnBhIAJwYSACcGEgAnBhIAJwYSACcGEgAnBhIAJwYSACcGEgAnhmwEzermJiIQ1pAAAAABJRU5"
        + "ErkJggg==\" alt=\"Northwind\"></td><td class=\"shop\">" + shop + "</td></tr></table><p>After</p>";
  }

  /**
   * A row group's top or bottom border that its edge cells' borders cover (a packing slip's {@code tbody {
   * border-bottom: 1px solid #ccc }} over cells of that border): printed as the cells' alone, collapsed or separate.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tbody { border-bottom: 1px solid #ccc }", "tbody { border-top: 1px solid #ccc }",
      "tbody { border-bottom: 1px solid #ccc } td { border-bottom-width: 3px }",
      "tbody { border-bottom: 1px solid #ccc; border-top: 1px solid #ccc }",
      "table { border-collapse: separate } tbody { border-bottom: 1px solid #ccc }",
      "thead { border-bottom: 1px solid #ccc } th { border-bottom: 1px solid #ccc }"})
  void rowGroupBordersTheCellsCover(String css) throws Exception {
    String row = "<tr><td>Hiking boots, size 42</td><td>2</td><td>120.00</td></tr>";
    assertSameSharp("survey20-tbody-border", drawnDirectly("<table class=\"order-details\"><thead><tr><th>Product</th>"
        + "<th>Qty</th><th>Price</th></tr></thead><tbody>" + row + row + row + "</tbody></table><p>After</p>",
        "table { border-collapse: collapse; width: 100% } th { background: #000; color: #fff } td { border-bottom:"
            + " 1px solid #ccc; border-top: 1px solid #ccc; padding: 0.375em } " + css));
  }

  /** One they do not cover (a wider or other-coloured one, a short row under it, a side or background) is refused. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tbody { border-bottom: 2px solid #ccc }", "tbody { border-bottom: 1px solid #f00 }",
      "tbody { border-left: 1px solid #ccc }", "tbody { background: #eee }"})
  void rowGroupBordersTheCellsDoNotCoverAreRefused(String css) {
    String row = "<tr><td>Hiking boots, size 42</td><td>2</td><td>120.00</td></tr>";
    String html = "<table><tbody>" + row + row + "</tbody></table><p>After</p>";
    String base = "table { border-collapse: collapse; width: 100% } td { border-bottom: 1px solid #ccc;"
        + " border-top: 1px solid #ccc } ";
    org.junit.jupiter.api.Assertions.assertThrows(Unsupported.class, () -> {
      String why = HtmlEquivalenceTest.refusal(html, base + css);
      if (why != null) throw new Unsupported(why);
      DIRECT.render(drawnDirectly(html, base + css));
    });
  }

  /**
   * A block of {@code display: inline} (WooCommerce's item meta, "Color: <p>Blue</p>"; a receipt's title {@code h1}
   * before its text): laid out as the span it is, keeping its element's size and weight, its top and bottom margins
   * taking no room, as openhtmltopdf lays it out.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<ul class=\"meta\"><li><strong>Color:</strong> <p>Blue</p></li><li><strong>Size:</strong>"
      + " <p>M</p></li></ul>",
      "<div class=\"top\"><h1 class=\"title\">Receipt</h1> for order 1042, paid in full</div>",
      "<div class=\"top\"><h1 class=\"title\">Receipt</h1></div><p>Next</p>",
      "<dl class=\"d\"><dt>Invoice</dt> <dd>MO-0047</dd></dl>",
      "<div>Weight: <div class=\"in\">0.2kg</div> net, <h3 class=\"in\">fragile</h3></div>",
      "<div class=\"x\">first</div><div class=\"x\">second</div><p class=\"after\">after</p>"})
  void blocksOfDisplayInline(String html) throws Exception {
    assertSameSharp("survey20-display-inline", drawnDirectly("<p>Before</p>" + html + "<p>End</p>",
        ".meta li p, .meta li dd { display: inline } .meta p { margin-top: 4px; margin-left: 0 } .title { display:"
            + " inline } .d dt, .d dd { display: inline } .in { display: inline; color: #a00 } .x { display: inline;"
            + " background: #eee; padding: 2px 4px }"));
  }

  /**
   * An image of {@code display: block} in a table cell (an e-mail invoice's logo in its header row, framed in white):
   * measured by automatic layout as the image, its border and side margins, and drawn as a block, as openhtmltopdf
   * lays it out.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<td width=\"64\" valign=\"middle\">IMG</td><td valign=\"middle\" class=\"name\">Brightline Software</td>",
      "<td valign=\"middle\">IMG</td><td valign=\"middle\" class=\"name\">Brightline Software</td>",
      "<td>IMG</td><td class=\"name\">Brightline Software and a longer name that wraps onto a second line in its cell</td>",
      "<td style=\"padding: 6px\">IMG</td><td class=\"name\" align=\"right\">INVOICE<br>BL-30917</td>",
      "<td align=\"center\">IMG</td><td class=\"name\">Brightline</td>"})
  void blockImagesInCells(String cells) throws Exception {
    for (String style : new String[] {"display:block", "display:block; border:2px solid #ffffff", "display:block;"
        + " border:3px solid #0e7490; margin: 0 6px", "display:block; margin: 0 auto"}) {
      String img = "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QD"
          + "wADhgGAWjR9awAAAABJRU5ErkJggg==\" width=\"40\" height=\"40\" alt=\"B\" style=\"" + style + "\">";
      for (String table : new String[] {"<table border=\"0\" cellpadding=\"0\" cellspacing=\"0\" width=\"100%\">",
          "<table border=\"0\" cellpadding=\"0\" cellspacing=\"0\">", "<table style=\"table-layout: fixed; width: 100%\">"}) {
        assertSameSharp("survey20-block-img-cell", drawnDirectly("<p>Before</p>" + table + "<tr>"
            + cells.replace("IMG", img) + "</tr></table><p>After</p>", "img { border: 0; height: auto; outline: none;"
            + " text-decoration: none } .name { font-size: 20px; font-weight: bold; padding-left: 12px }"
            + " td { background: #ccc }"));
      }
    }
  }

  /**
   * A table floated alone in a cell (an e-mail invoice's meta table of {@code align="right"} in its half of the
   * header row): a cell holds its floats, so it is the table placed at the cell's right or left, as openhtmltopdf
   * lays it out; anything beside it in the cell stays refused.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<table border=\"0\" cellpadding=\"2\" cellspacing=\"0\" align=\"right\">META</table>",
      "<table border=\"0\" cellpadding=\"2\" cellspacing=\"0\" align=\"left\">META</table>",
      "<table style=\"float: right; border-collapse: collapse\">META</table>",
      "<table style=\"float: right; width: 200px; border-spacing: 0\">META</table>",
      "\n  <table border=\"0\" cellpadding=\"2\" cellspacing=\"0\" align=\"right\">META</table>\n  "})
  void aFloatedTableAloneInACell(String inner) throws Exception {
    String meta = "<tr><td align=\"right\" class=\"k\">Invoice date:</td><td align=\"right\">31 Oct 2024</td></tr>"
        + "<tr><td align=\"right\" class=\"k\">Customer ID:</td><td align=\"right\">cus_8FQ2LM0Z</td></tr>";
    for (String outer : new String[] {"<table border=\"0\" cellpadding=\"0\" cellspacing=\"0\" width=\"100%\">",
        "<table style=\"width: 100%; border-collapse: collapse\">"}) {
      assertSameSharp("survey20-float-in-cell", drawnDirectly("<p>Before</p>" + outer + "<tr><td width=\"50%\""
          + " valign=\"top\">Bill to<br>Harbourside Dental<br>12 Quay Street</td><td width=\"50%\" valign=\"top\""
          + " align=\"right\">" + inner.replace("META", meta) + "</td></tr></table><p>After</p>",
          "td { font-family: Arial, Helvetica, sans-serif; font-size: 13px } .k { color: #5b6b78 }"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<table align=\"right\"><tr><td>a</td></tr></table>Due 31 Oct",
      "<table align=\"right\"><tr><td>a</td></tr></table><table align=\"right\"><tr><td>b</td></tr></table>",
      "<div style=\"float: right; width: 50px\">a</div>", "<table align=\"right\"><tr><td>a</td></tr></table><p>b</p>",
      "<table style=\"float: right\"><tr><td>a</td></tr></table>"})
  void otherFloatsInACellAreRefused(String inner) {
    assertThat(HtmlEquivalenceTest.refusal("<table style=\"width: 100%\"><tr><td>x</td><td>" + inner + "</td></tr>"
        + "</table>", "")).isNotNull();
  }

  private static final String LONG = "Card payment to the corner shop on the high street, reference 0042 9912 8812";
  private static final String NOWRAP = ".n { white-space: nowrap } .r { text-align: right } .c { text-align: center }"
      + " .bg { background: #ddd } .box { width: 200px; border: 1px solid #000 } .big { font-size: 20px }"
      + " .f { width: 300px; table-layout: fixed } .m { font-family: monospace } .tiny { width: 20px }"
      + " .clip { overflow: hidden }";

}
