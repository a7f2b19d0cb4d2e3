package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameSharp;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.EngineSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the next constructs of the eighth survey's public templates are drawn as: each is drawn directly and printed
 * as openhtmltopdf prints it (text per page, page breaks, page images within 1%, as {@link HtmlEquivalenceTest}
 * compares), or left to openhtmltopdf by name.
 */
class HtmlSurvey19EquivalenceTest {
  private static final String ROW = "<tr><td>Website design</td><td>2</td><td>150.00</td><td>300.00</td></tr>";

  /**
   * A row with fewer cells than the first: a layout table's spacer row of one empty cell (Sylius's invoice), a
   * totals row that stops short, an empty row (mPDF templates' {@code <tr><tr>}), a first row shorter than those
   * below, with separate or collapsed borders. openhtmltopdf lays it out in the
   * first row's columns and draws no box where a cell is missing, nor the row's background.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "<table class=\"layout\"><tr><td>Seller<br>ACME Ltd</td><td>Buyer<br>Harbourside Dental</td></tr>"
          + "<tr><td class=\"spacer\"></td></tr><tr><td colspan=\"2\">Invoice 2026-0042</td></tr></table>",
      "<table class=\"items\"><tr><th>Item</th><th>Qty</th><th>Price</th><th>Amount</th></tr>" + ROW + ROW
          + "<tr><td class=\"b\">Total</td><td class=\"b\">600.00</td></tr></table>",
      "<table class=\"items\"><tr><th>Item</th><th>Qty</th><th>Price</th><th>Amount</th></tr>" + ROW
          + "<tr><td colspan=\"3\" class=\"b\">Total</td></tr>" + ROW + "</table>",
      "<table class=\"items\"><tr><th>Item</th><th>Qty</th><th>Price</th><th>Amount</th></tr><tr></tr>" + ROW
          + "<tr><td></td></tr></table>",
      "<table class=\"items\"><tr><th>Item</th><th>Qty</th><th>Price</th><th>Amount</th></tr>" + ROW
          + "<tr style=\"background: #246\"><td style=\"padding: 80px 4px\">Total</td><td>600.00</td></tr></table>",
      "<table class=\"layout\"><tr><td>Seller<br>ACME Ltd</td><td>Buyer<br>Harbourside Dental</td></tr>"
          + "<tr style=\"background: #246\"><td style=\"padding: 80px 4px\">Total</td></tr></table>",
      "<table class=\"coll\"><tr><th>Item</th><th>Qty</th><th>Price</th><th>Amount</th></tr>" + ROW
          + "<tr><td>Total</td><td>600.00</td></tr>" + ROW + "</table>",
      "<table class=\"coll\"><tr><th>Item</th><th>Qty</th><th>Price</th><th>Amount</th></tr>" + ROW
          + "<tr><td colspan=\"3\">Total</td></tr></table>",
      "<table class=\"coll2\"><tr><th>Item</th><th>Qty</th><th>Price</th><th>Amount</th></tr>" + ROW
          + "<tr><td class=\"b\">Total</td><td>600.00</td></tr></table>",
      "<table class=\"layout\"><tr></tr><tr><td>Seller<br>ACME Ltd</td><td>Page 1</td><td>+44 114 272 9165</td></tr>"
          + "</table>",
      "<table class=\"coll\"><tr><td>Delivery note 17</td></tr><tr><td>Item</td><td>Qty</td><td>Price</td></tr>"
          + "<tr><td colspan=\"2\">Total</td><td>600.00</td></tr></table>",
      "<table class=\"fixed\"><tr><td>Seller</td><td>Buyer</td><td>Date</td></tr><tr><td>ACME Ltd</td></tr>"
          + "<tr><td>a</td><td>b</td><td>c</td></tr></table>"})
  void shortRowsAreDrawnDirectly(String html) throws Exception {
    assertSameSharp("survey19-short-rows", drawnDirectly("<p>Invoice</p>" + html + "<p>Thank you</p>",
        "table.layout { width: 100%; border-spacing: 10px; } .spacer { height: 14px; }"
            + " table.items { width: 100%; border-spacing: 0; } .items td, .items th { padding: 4px 8px;"
            + " border-bottom: 1px solid #999; } .items th { background: #eee; } .b { border: 1px solid #333; }"
            + " table.coll, table.coll2 { width: 100%; border-collapse: collapse; } .coll td, .coll th { border: 3px solid"
            + " #333; padding: 4px; } .coll2 td { border-bottom: 4px solid #555; }"
            + " table.fixed { width: 100%; table-layout: fixed; } .fixed td { border: 1px solid #888; }"));
  }

  /**
   * A block of a % width in a cell of a table of automatic layout (Crater's report heading of {@code width: 100%}):
   * openhtmltopdf measures it by its content and lays it out as its share of the cell.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<table class=\"t\"><tr><td><p class=\"w100\">Brightline Paper Supply LLC</p></td>"
      + "<td><p>01/01/2024 - 31/12/2024</p></td></tr></table>",
      "<table class=\"t\"><tr><td><div class=\"w50\">Sales report by customer for the whole of the year, all"
          + " regions and all channels together</div></td><td>Page 1</td></tr></table>",
      "<table><tr><td><p class=\"w100\">Brightline</p></td><td><div class=\"w50\">Office Supply LLC, 12 Main"
          + " Street</div></td></tr></table>",
      "<table class=\"t\"><tr><td><p class=\"w100 pad\">Brightline Paper Supply LLC</p></td><td>x</td></tr>"
          + "</table>",
      "<table class=\"t c\"><tr><td><p class=\"h\">Brightline Paper Supply LLC</p></td><td><p class=\"d\">01/01/2024"
          + " - 31/12/2024</p></td></tr></table>",
      "<table class=\"t c\"><tr><td><p class=\"h2\">Brightline Paper Supply LLC</p></td><td><p class=\"d\">01/01/2024"
          + " - 31/12/2024</p></td></tr></table>",
      "<table class=\"t c\"><tr><td><p class=\"h\">Brightline Paper Supply LLC</p></td><td><p class=\"d2\">01/01/2024"
          + " - 31/12/2024</p></td></tr></table>"})
  void percentWidthBlocksInCells(String html) throws Exception {
    assertSameSharp("survey19-percent-in-cell", drawnDirectly(html + "<p>After</p>", "table.t { width: 100%; }"
        + " .w100 { width: 100%; margin: 0; font-size: 18px; font-weight: bold; color: #5851D8; } .w50 { width: 50%;"
        + " background: #333; color: #fff; } .pad { padding: 4px; border: 1px solid #000; } .c { border-collapse: collapse; }"
        + " .h, .h2 { font-weight: bold; font-size: 24px; color: #5851D8; width: 100%; margin: 0; } .h2 { width: auto; }"
        + " .d, .d2 { font-size: 15px; color: #A5ACC1; width: 100%; text-align: right; margin: 0; } .d2 { width: auto; }"));
  }

  /**
   * Padding on a table with collapsed borders (Crater's report: {@code padding-bottom: 10px} under a global
   * {@code border-collapse: collapse}): none, as CSS 2.1 has it and openhtmltopdf lays it out.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".t { padding-bottom: 10px }", ".t { padding: 20px }", ".t { padding: 12px; border: 3px solid #000 }",
      ".t { padding: 12px; width: auto } td { border: 3px solid #444 }", ".t { padding: 12px 30px; background: #ccc }"})
  void paddingOnACollapsedTable(String css) throws Exception {
    assertSameSharp("survey19-collapsed-padding", drawnDirectly("<p>Before</p><table class=\"t\"><tr><td>25 Jan 2024"
        + " (INV-000001)</td><td>$5,920.30</td></tr><tr><td>2 Feb 2024 (INV-000002)</td><td>$120.00</td></tr></table>"
        + "<p>After</p>", "table { border-collapse: collapse; } .t { width: 100%; } " + css));
  }

  /**
   * Auto side margins on a table without a width (a meta table pushed right by {@code margin-left: auto}, one centred
   * by {@code margin: 0 auto}): openhtmltopdf places it by the width its columns come to, as CSS does.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<table class=\"m\"><tr><td>Invoice no.</td><td>INV-2024-0187</td></tr><tr><td>Issue date</td>"
      + "<td>3 June 2024</td></tr></table>",
      "<table class=\"m c\"><tr><td>Invoice no.</td><td>INV-2024-0187</td></tr><tr><td>Issue date</td>"
      + "<td>3 June 2024</td></tr></table>",
      "<table class=\"m2\"><tr><td>Invoice no.</td><td>INV-2024-0187</td></tr></table>",
      "<div class=\"meta\"><h1>Invoice</h1><table class=\"m c\"><tr><td>Invoice no.</td><td>INV-2024-0187</td></tr>"
          + "<tr><td>Issue date</td><td>3 June 2024</td></tr></table></div>",
      "<table class=\"m\"><tr><td>A very long description of the work that was done over the whole month of June,"
          + " with every meeting and every review listed one after the other</td><td>3 June 2024</td></tr></table>"})
  void autoMarginsOnATableWithoutAWidth(String html) throws Exception {
    assertSameSharp("survey19-auto-margin-table", drawnDirectly("<p>Before</p>" + html + "<p>After</p>",
        ".m { margin-left: auto; } .m2 { margin: 0 auto; } .c { border-collapse: collapse; } td { padding: 1px 0 1px"
            + " 14px; } .meta { width: 45%; margin-left: auto; text-align: right; }"));
  }

  /**
   * A height on a float (a bank's monogram crest beside its name, floated too): the float's box is that tall, as a
   * block's, taller or shorter than its text.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".crest { float: left; width: 46px; height: 46px; border: 2px solid #5a1e2b; text-align:"
      + " center; line-height: 46px; margin-right: 12px; }",
      ".crest { float: left; width: 46px; height: 46px; border: 2px solid #5a1e2b; border-radius: 50%; text-align:"
          + " center; line-height: 46px; margin-right: 12px; }",
      ".crest { float: left; width: 80px; height: 60px; background: #333; color: #fff; }",
      ".crest { float: right; width: 80px; height: 60px; padding: 4px; border: 1px solid #000; }",
      ".crest { float: left; width: 80px; height: 10px; background: #ccc; }"})
  void aHeightOnAFloat(String css) throws Exception {
    assertSameSharp("survey19-float-height", drawnDirectly("<div class=\"head\"><div class=\"crest\">A&amp;L</div>"
        + "<div class=\"bank\">Ashford &amp; Lyle Bank</div><div style=\"clear: both\"></div></div><p>Statement of"
        + " account</p>", css + " .bank { font-size: 20px; float: left; width: 300px; }"));
  }

  /** Side margins on an image alone on its line (a logo before a company's name in a flex header). */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"margin-right: 14px", "margin-left: 20px", "margin: 0 14px 0 30px; | text-align: right",
      "margin-left: 40px; | text-align: center", "margin-right: 40px; | text-align: center"})
  void sideMarginsOnAnImageAloneOnItsLine(String setup) throws Exception {
    String[] parts = (setup + "|").split("\\|", -1);
    assertSameSharp("survey19-image-margins", drawnDirectly("<div class=\"logo\"><img src=\""
        + dev.platen.render.Canvas.pngDataUri() + "\" alt=\"M\"><div>Meridian Systems Inc.</div></div><table><tr><td>"
        + "<img src=\"" + dev.platen.render.Canvas.pngDataUri() + "\" alt=\"M\"> </td></tr></table>",
        ".logo { display: flex; " + parts[1] + " } img { width: 240px; height: 80px; " + parts[0] + " }"));
  }

  /** One alone at the end of the document (HtmlCssMoreEquivalenceTest had named it). */
  @org.junit.jupiter.api.Test
  void aHeightOnAFloatAlone() throws Exception {
    assertSameSharp("survey19-float-height-alone", drawnDirectly("<div class=\"w\">x</div>", ".w { height: 20px;"
        + " width: 50px; float: left; background: #333; color: #fff; }"));
  }

  /**
   * openhtmltopdf draws ff, fi, fl, ffi and ffl as ligatures, and what follows them on the run half their saving
   * further left than laid out (measured): a bold heading's "Office" moves the words after it 1.7pt at 24px. Where that
   * comes to a point the document goes to openhtmltopdf, named; below, it is drawn directly.
   */
  @org.junit.jupiter.api.Test
  void ligaturesMovingTextAreNamed() throws Exception {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DirectPdfEngine(EngineSettings.defaults()).render(
        drawnDirectly("<p class=\"h\">Brightline Office Supply LLC</p>", ".h { font-size: 24px; font-weight: bold; }")))
        .hasMessageEndingWith("ligatures (ff, fi, fl) moving the text after them in 'Brightline Office Supply LLC'");
    assertSameSharp("survey19-ligatures", drawnDirectly("<p class=\"h\">Brightline Office Supply LLC</p><p>The"
        + " official office staff of the affiliate, different and effective.</p>", ".h { font-size: 12px;"
        + " font-weight: bold; }"));
  }

  /**
   * A short row beside a cell spanning rows, a short first row in a fixed layout, and an auto margin on a table without
   * a width but with a frame, stay named.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "<table><tr><td rowspan=\"2\">a</td><td>b</td></tr><tr><td>c</td></tr><tr><td>d</td></tr></table>|table rows"
          + " with different numbers of cells, with a cell spanning rows, in table",
      "<table class=\"fixed\"><tr><td>a</td></tr><tr><td>b</td><td>c</td></tr></table>|a first row shorter than"
          + " another, in table.fixed with table-layout: fixed",
      "<table style=\"margin-left: auto; border: 2px solid #000\"><tr><td>a</td></tr></table>|an auto margin on table"
          + " with a border or padding"})
  void shortRowsLeftToOpenhtmltopdf(String example) {
    String[] parts = example.split("\\|");
    assertThat(refusal(parts[0], "table.fixed { width: 100%; table-layout: fixed; }")).isEqualTo(parts[1]);
  }
}
