package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import org.junit.jupiter.api.Test;

/**
 * Tables nested in the cells of a table of automatic layout, as e-mail-style templates nest them: a wrapper table
 * of one column holding full-width tables, a two-column layout table (logo | address table). The nested table is
 * measured as openhtmltopdf measures it for the outer columns (its columns' narrowest and widest plus its spacing;
 * a percentage width does not enter the measure) and laid out in its cell. Each is drawn directly and printed as
 * openhtmltopdf prints it (text per page, page breaks, page images within 1%, word positions, as
 * {@link HtmlEquivalenceTest} compares), with dark fills the image comparison sees.
 */
class HtmlNestedTableEquivalenceTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  private static final String CSS = "body { font-family: Arial, sans-serif; font-size: 12px; color: #000000; }"
      + " .logo { font-size: 22px; font-weight: bold; color: #0b5394; } td { vertical-align: top; }"
      + " .a td { border-bottom: 1px solid #000000; } .f td { background: #336699; color: #ffffff; }";

  private static RenderInput input(String html, String css) {
    return Canvas.input(HtmlCorpus.of(html, css), "{}");
  }

  /**
   * The e-mail invoice: a one-column wrapper holding a header table, a {@code <br>} alone as a spacer, the items
   * table (a colspan) and a note.
   */
  @Test
  void aWrapperTableHoldingFullWidthTables() throws Exception {
    String html = "<table width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td>"
        + "<table width=\"100%\" cellpadding=\"6\" cellspacing=\"0\"><tr><td class=\"logo\">Northwind Studio</td>"
        + "<td align=\"right\" class=\"logo\">Invoice 42</td></tr></table>\n<br>\n"
        + "<table class=\"a\" width=\"100%\" cellpadding=\"6\" cellspacing=\"0\"><tr class=\"f\"><th align=\"left\">"
        + "Description</th><th align=\"right\" width=\"15%\">Qty</th><th align=\"right\" width=\"20%\">Price</th>"
        + "</tr><tr><td>Consulting hours, on site</td><td align=\"right\">3</td><td align=\"right\">120.00 EUR</td>"
        + "</tr><tr><td colspan=\"2\" align=\"right\">Total</td><td align=\"right\">360.00 EUR</td></tr></table>"
        + "<p>Bank: GB33 BUKB 2020 1555 5555 55</p></td></tr></table><p>after the wrapper</p>";
    RenderInput in = input(html, CSS + " tr.f th { background: #203040; color: #ffffff; }");
    assertSame("nested-wrapper", in);
    assertSameFills(in, 0x203040);
  }

  /** Two columns: a logo cell beside an address table without a width, then one of 100% beside a 40% cell. */
  @Test
  void aLogoCellBesideAnAddressTable() throws Exception {
    String html = "<table width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td><div class=\"logo\">"
        + "ACME Tools</div></td><td><table class=\"a f\" cellpadding=\"2\" cellspacing=\"0\"><tr><td>Riverside Street"
        + " 12</td></tr><tr><td>4021 Linz, Austria</td></tr></table></td></tr></table>"
        + "<table width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td width=\"40%\"><div class=\"logo\">ACME"
        + "</div></td><td align=\"right\"><table class=\"a\" width=\"100%\" cellpadding=\"2\" cellspacing=\"0\"><tr>"
        + "<td>Riverside Street 12</td><td align=\"right\">VAT AT123</td></tr><tr><td>4021 Linz</td>"
        + "<td align=\"right\">x</td></tr></table></td></tr></table><p>after</p>";
    RenderInput in = input(html, CSS);
    assertSame("nested-two-columns", in);
    assertSameFills(in, 0x336699);
  }

  /**
   * The default 2px spacing on both tables, an outer table without a width (sized by the nested one's measure),
   * a nested table of 50% (measured by its content, then half its cell), tables nested two deep, and collapsed
   * borders on the nested table.
   */
  @Test
  void spacingPercentagesAndDepth() throws Exception {
    String html = "<table><tr><td>Left text</td><td><table class=\"f\"><tr><td>inner one</td><td>inner two words"
        + "</td></tr></table></td></tr></table>"
        + "<table width=\"100%\"><tr><td><table class=\"a\" width=\"50%\"><tr><td>half</td><td>table here</td></tr>"
        + "</table></td></tr></table>"
        + "<table width=\"100%\"><tr><td><table width=\"100%\"><tr><td><table class=\"f\" width=\"100%\"><tr><td>"
        + "deep</td><td align=\"right\">right</td></tr></table></td></tr></table></td></tr></table>"
        + "<table width=\"100%\"><tr><td width=\"30%\">Logo cell</td><td><table class=\"c\" width=\"100%\"><tr>"
        + "<td>Bill to</td><td>Ship to</td></tr><tr><td>Acme Ltd, 1 Long Road, Leeds</td><td>Same</td></tr>"
        + "</table></td></tr></table>";
    RenderInput in = input(html, CSS + " .c { border-collapse: collapse; }"
        + " .c td { border: 2px solid #000000; background: #993333; color: #ffffff; }");
    assertSame("nested-spacing-depth", in);
    assertSameFills(in, 0x336699, 0x993333);
  }

  /** A {@code <br>} alone between blocks is one empty line of its block's font: 12px, 20px, a line height of 1.6. */
  @Test
  void aBreakAloneBetweenBlocks() throws Exception {
    String html = "<div>x</div><br><div>y</div><div class=\"b\">a<div>x</div><br><div>y</div></div><p>z</p><br/>"
        + "<p>w</p><div style=\"font-size: 20px\"><div>x</div><br><div>y</div></div>";
    assertSame("nested-break-alone", input(html, "body { font-size: 12px; color: #000000; }"
        + " .b { font-size: 9pt; line-height: 1.6; }"));
    // in a larger font than its block it is not matched
    for (String odd : new String[] {"<span style=\"font-size: 40px\"><br></span>"}) {
      RenderInput in = input("<div>x</div>" + odd + "<div>y</div>", "");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> DIRECT.render(in)).as(odd)
          .hasMessageContaining("a line holding only <br>");
    }
  }

  /** What the measure does not port stays with openhtmltopdf, named. */
  @Test
  void whatIsNotMeasuredIsRefused() {
    String outer = "<table width=\"100%%\"><tr><td>Logo</td><td>%s</td></tr></table>";
    String[][] cases = {
        {"<table style=\"margin-left: 10px\"><tr><td>x</td></tr></table>", "side margins on table"},
        {"<table width=\"100%\" style=\"table-layout: fixed\"><tr><td>x</td></tr></table>", "table-layout: fixed"},
    };
    for (String[] c : cases) {
      RenderInput in = input(String.format(outer, c[0]), "");
      assertThat(dev.platen.render.direct.Plan.of(in.layout(), in.page()).refusal()).as(c[0]).contains(c[1]);
    }
  }
}
