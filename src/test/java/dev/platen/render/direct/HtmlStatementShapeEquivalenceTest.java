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

/**
 * The shapes of statement templates seen in the survey of unseen templates (a brokerage statement's summary tiles,
 * a utility bill's running header): % margins, floats wrapping onto a second row, a collapsed-border table in a
 * running header. Each drawn directly and printed as openhtmltopdf prints it (text per page, page breaks, page
 * images within 1% and every word's start, as {@link HtmlEquivalenceTest} compares), and the variants that stay
 * with openhtmltopdf, named.
 */
class HtmlStatementShapeEquivalenceTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  /**
   * Margins in %, of the containing block's width on every side, the top and bottom too (measured: a 5% top margin
   * in a 400pt box is 20pt), collapsing with their neighbours as lengths do; a paragraph's lines break at the width
   * its % side margins leave.
   */
  @Test
  void percentMarginsPrintTheSame() throws Exception {
    String html = "<p class=\"z\">Lead</p>"
        + "<div class=\"w\"><div class=\"a\">Alpha one</div><div class=\"b\">Beta two</div></div>"
        + "<div class=\"w2\"><div class=\"b\">Beta three</div><div class=\"e\">Eps</div></div>"
        + "<div class=\"f\">Foxtrot</div>"
        + "<p class=\"d\">Some text that is long enough to wrap across a couple of lines in this paragraph with a"
        + " percentage margin on each side of it, so that line breaking is checked as well as the edges.</p>";
    String css = "body { margin: 0; font-size: 10pt } .z { margin: 0 0 4pt }"
        + " .w { width: 400.3pt; background: #eeeeee } .w2 { width: 400pt; background: #dddddd; margin-bottom: 6pt }"
        + " .a { margin: 5% 10% 2% 20%; background: #ffcccc } .e { margin: 0 0 5% 0; background: #ffcccc }"
        + " .f { margin-top: 3%; background: #ccccff } .d { margin: 1.5% 7.3% }";
    RenderInput in = drawnDirectly(html, css);
    assertSame("shape-percent-margins", in);
    assertSameFills(in, 0xffcccc, 0xccccff);
  }

  /**
   * A brokerage statement's summary: four tiles of 23.5% with 2% gutters and padding, too wide for one row, so the
   * fourth goes down under the first, as openhtmltopdf (and CSS) places a left float that does not fit.
   */
  @Test
  void leftFloatsWrapBelowALevelRow() throws Exception {
    String html = "<div class=\"boxes\">"
        + "<div class=\"box\"><h4>Beginning value</h4><p>2,500.00 USD</p></div>"
        + "<div class=\"box\"><h4>Deposits</h4><p>150,945.87 USD</p></div>"
        + "<div class=\"box\"><h4>Withdrawals</h4><p>310,283.97 USD</p></div>"
        + "<div class=\"box last\"><h4>Ending value</h4><p>-156,838.10 USD</p></div></div>"
        + "<h2>Transaction detail</h2>";
    String css = "body { font-size: 8.5pt; margin: 0 } .boxes { overflow: hidden; margin-bottom: 14pt }"
        + " .box { float: left; width: 23.5%; margin-right: 2%; border-top: 3px solid #2e5e4e; background: #f1f5f3;"
        + " padding: 5pt 6pt } .box.last { margin-right: 0 } .box h4 { margin: 0; font-size: 7pt }"
        + " .box p { margin: 2pt 0 0; font-size: 12pt; font-weight: bold }";
    RenderInput in = drawnDirectly(html, css);
    assertSame("shape-float-wrap", in);
    assertSameFills(in, 0x2e5e4e, 0xf1f5f3);
    // the fourth tile is under the first
    var words = HtmlEquivalenceTest.words(DIRECT.render(in), 0);
    var beginning = words.stream().filter(w -> w.text().equals("Beginning")).findFirst().orElseThrow();
    var ending = words.stream().filter(w -> w.text().equals("Ending")).findFirst().orElseThrow();
    assertThat(ending.x()).isEqualTo(beginning.x());
    assertThat(ending.y()).isGreaterThan(beginning.y() + 20);
  }

  /** A row of floats ending at different heights leaves a wrapped float a place not drawn here: named. */
  @Test
  void floatsWrappingBelowARaggedRowAreNamed() throws Exception {
    RenderInput in = drawnDirectly("<div class=\"r\"><div class=\"c\">one</div><div class=\"c\">two<br>lines</div>"
        + "<div class=\"c\">three</div></div>", ".r { overflow: hidden } .c { float: left; width: 40% }");
    assertThatThrownBy(() -> DIRECT.render(in)).hasMessageContaining("floats wider than their container, in div.r");
  }

  /** What stays with openhtmltopdf: % padding, % margins in a table cell or inside a running element. */
  @Test
  void percentMarginsOutsideTheFlowAreNamed() {
    assertThat(refusal("<div class=\"a\">x</div>", ".a { padding: 3% }")).contains("CSS value '3%' for 'padding'");
    assertThat(refusal("<table><tr><td><div class=\"a\">x</div></td></tr></table>", ".a { margin-left: 5% }"))
        .contains("a % margin on the body, an hr or a block in a table cell on div.a");
    assertThat(refusal("<div class=\"h\"><div class=\"a\">x</div></div><p>body</p>",
        ".h { position: running(header) } @page { @top-center { content: element(header) } } .a { margin-left: 5% }"))
        .contains("a % margin inside a positioned, running or fixed element, on div.a");
  }

  /**
   * A utility bill's running header: a table with collapsed borders whose own bottom border rules the brand off
   * the page, drawn where openhtmltopdf draws it (measured: only a top border moves such a table, see below).
   */
  @Test
  void collapsedTableInARunningHeaderPrintsTheSame() throws Exception {
    String html = "<div id=\"page-header\"><table class=\"hd\"><tr><td class=\"brand\">Stadtwerke Nordlicht</td>"
        + "<td class=\"cust\">Customer no. {{customer}}<br>Meter {{meter}}</td></tr></table></div>"
        + "<p>Annual statement</p>";
    String css = "@page { size: A4; margin: 25mm 14mm 18mm; @top-center { content: element(page-header) } }"
        + " #page-header { position: running(page-header) } body { font-size: 8.5pt }"
        + " table.hd { width: 100%; border-collapse: collapse; border-bottom: 2px solid #00a19a; border-left: 1px solid"
        + " #00a19a; border-right: 1px solid #00a19a } .brand { font-size: 14pt; font-weight: bold; color: #00a19a;"
        + " padding-bottom: 3pt; background: #f5f5f5 } .cust { text-align: right; font-size: 7.5pt; color: #555555;"
        + " border-bottom: 1px solid #ff0000 }";
    RenderInput in = Canvas.input(HtmlCorpus.of(html, css), "{\"customer\":\"C-88213\",\"meter\":\"ZB-44-01923\"}");
    assertThat(Plan.of(in.layout(), in.page()).refusal()).isNull();
    assertSame("shape-running-collapsed", in);
    assertSameFills(in, 0x00a19a, 0xf5f5f5);
  }

  /** openhtmltopdf draws a running table lower by a quarter of its first row's top border: named, not drawn. */
  @Test
  void topBorderOfACollapsedTableInARunningHeaderIsNamed() {
    String html = "<div class=\"h\"><table class=\"hd\"><tr><td>Brand</td><td>Customer</td></tr></table></div>";
    String run = ".h { position: running(header) } @page { @top-center { content: element(header) } }"
        + " table.hd { width: 100%; border-collapse: collapse }";
    assertThat(refusal(html, run + " td { border-top: 4px solid #0000ff }"))
        .startsWith("a top border on a table with collapsed borders in a running or fixed element, on table.hd");
    assertThat(refusal(html, run + " table.hd { border: 3px solid #00a19a }"))
        .startsWith("a top border on a table with collapsed borders in a running or fixed element, on table.hd");
  }
}
