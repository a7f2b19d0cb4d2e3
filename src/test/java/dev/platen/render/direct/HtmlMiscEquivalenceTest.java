package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Small constructs of real invoices and statements, drawn directly and printed as openhtmltopdf prints them (text
 * per page, page breaks, page images within 1% and every word's start, as {@link HtmlEquivalenceTest} compares):
 * monospace text in openhtmltopdf's built-in Courier, small capitals and tabular figures, word breaking, kept
 * newlines and nowrap blocks.
 */
class HtmlMiscEquivalenceTest {
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  /**
   * Amounts in a monospace family, as statements align their figures: openhtmltopdf has no font of that name
   * bundled and sets them in its built-in Courier (unembedded, WinAnsiEncoding), and so does the direct engine;
   * the table's columns are sized by Courier's widths, bold amounts in Courier-Bold, and a {@code <code>} in a
   * heading in the default {@code monospace} of {@code code}, a smaller Courier box on a DejaVu Sans line.
   */
  @Test
  void monospaceAmountsInAnInvoicePrintTheSame() throws Exception {
    ObjectNode invoice = HtmlCorpus.edited("invoice-auto", "<h1>Invoice {{invoice.number}}</h1>",
        "<h1>Invoice <code>{{invoice.number}}</code></h1>",
        "td.n, th.n { font-family: 'DejaVu Sans Mono', Menlo, monospace; } td.n strong, p.n { font-weight: bold; }"
            + " h1 code { font-size: 80%; } p.n { font-family: 'Courier New', Courier, monospace; }");
    RenderInput input = HtmlCorpus.input("invoice-auto", invoice);
    assertThat(RoutingPdfEngine.choose(input.layout(), PageSetup.DEFAULT).reason()).isNull();
    assertSame("invoice-mono", input);
    assertThat(fonts(DIRECT.render(input))).isEqualTo(fonts(HTML.render(input)))
        .contains("Courier", "Courier-Bold");
  }

  /**
   * Monospace text where lines break and align: a long paragraph wrapping at the same words, centred and
   * right-aligned lines, Courier of other sizes and line heights inside a DejaVu Sans line and the other way round,
   * letter-spaced Courier, and a fixed-layout table of monospace cells.
   */
  @Test
  void monospaceTextWhereLinesBreakAndAlign() throws Exception {
    String text = "Reference 2026-INV-00142 / IBAN DE89 3704 0044 0532 0130 00 / BIC COBADEFFXXX / amount 1,234.50"
        + " EUR due within thirty days of the invoice date.";
    String html = "<p class=\"m\">" + text + " " + text + "</p>"
        + "<p class=\"m c\">Centred 0042</p><p class=\"m r\">Right 99.00</p>"
        + "<p>Pay with reference <code>RF18 5390 0754 7034</code> and <code class=\"big\">bigger</code> by"
        + " transfer; <kbd>Ctrl</kbd> <samp>out</samp> <tt>tt</tt>.</p>"
        + "<p class=\"m\">Courier with <span class=\"sans\">DejaVu Sans inside</span> and"
        + " <b>bold</b> <span class=\"tall\">taller</span>.</p>"
        + "<p class=\"m sp\">SPACED 1 234.50</p>"
        + "<table class=\"f\"><tr><th>Item</th><th class=\"n\">Amount</th></tr>"
        + "<tr><td>Consulting, March</td><td class=\"n\">1,000.00</td></tr>"
        + "<tr><td>Travel</td><td class=\"n\">234.50</td></tr></table>";
    String css = "body { color: #000; } .m { font-family: monospace; font-size: 9pt; line-height: 1.5; }"
        + " .c { text-align: center; } .r { text-align: right; } .big { font-size: 14pt; }"
        + " .sans { font-family: sans-serif; font-size: 11pt; } .tall { line-height: 2; } .sp { letter-spacing: 1px; }"
        + " table.f { width: 100%; table-layout: fixed; border-collapse: collapse; }"
        + " table.f th, table.f td { border: 1px solid #000; padding: 3pt; text-align: left; }"
        + " .n { font-family: Courier, monospace; text-align: right; }";
    assertSame("monospace-lines", Canvas.input(HtmlCorpus.of(html, css), "{}"));
  }

  /** Monospace text openhtmltopdf draws otherwise than the direct engine would stays with it, named. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "<p>x <code>y</code></p>|code { font-style: italic; font-size: small; }|a font-size keyword in a monospace"
          + " family (openhtmltopdf has other sizes) on code",
      "<p><em>x <code>y</code></em> <u>z <code>w</code></u></p>||text-decoration on text in a monospace family on"
          + " code",
      "<p><a href=\"https://example.com\">x <code>y</code></a></p>||text-decoration on text in a monospace family on code",
      "<p class=\"m\">x</p>|.m { font-family: monospace; line-height: 1; }|a line height of at most the font size in a"
          + " monospace family on p.m",
      "<p class=\"m\">x</p>|.m { font-family: 'Courier New'; }|CSS font-family ''Courier New'' (none of it is set in DejaVu Sans, as sans-serif, serif, Ari"
          + "al, Helvetica, Georgia and the other usual families are) on p.m",
      "<p class=\"m\">x</p>|.m { font-family: ZapfDingbats, monospace; }|CSS font-family 'ZapfDingbats, monospace' (none of it is set in DejaVu Sans, as sans-serif, "
          + "serif, Arial, Helvetica, Georgia and the other usual families are) on p.m"})
  void monospaceOutsideTheSubsetIsNamed(String html, String css, String reason) {
    assertThat(RoutingPdfEngine.choose(HtmlCorpus.of(html, css == null ? "" : css), PageSetup.DEFAULT).reason())
        .isEqualTo(reason);
  }

  /** A character Courier's WinAnsiEncoding lacks (openhtmltopdf prints '#' for it) sends the document there. */
  @Test
  void aCharacterCourierLacksGoesToOpenhtmltopdf() {
    RenderInput input = Canvas.input(HtmlCorpus.of("<p><code>{{x}}</code></p>", ""), "{\"x\": \"a \\u2192 b\"}");
    assertThat(RoutingPdfEngine.choose(input.layout(), PageSetup.DEFAULT).reason()).isNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DIRECT.render(input)).hasMessageContaining("the character U+2192 is not in the font");
  }

  /**
   * {@code font-variant: small-caps}, which openhtmltopdf sets as capitals of the full size (after text-transform,
   * as its TextUtil does: lowercase then small-caps is upper case), in a heading, table heads sized by their text
   * and a paragraph; {@code font-variant-numeric: tabular-nums}, which it does not know and DejaVu Sans's figures
   * do not need, on right-aligned amounts.
   */
  @Test
  void smallCapsAndTabularFiguresPrintTheSame() throws Exception {
    ObjectNode invoice = HtmlCorpus.edited("invoice-auto", "<h1>Invoice {{invoice.number}}</h1>",
        "<h1 class=\"sc\">Invoice {{invoice.number}}</h1><p class=\"sc low\">Tax Invoice, Original for Recipient</p>",
        "h1.sc, p.sc, th { font-variant: small-caps; } p.low { text-transform: lowercase; } td.n, th.n {"
            + " font-variant-numeric: tabular-nums; } td { font-variant: normal; }");
    assertSame("invoice-small-caps", HtmlCorpus.input("invoice-auto", invoice));
  }

  /**
   * {@code word-wrap: break-word} as openhtmltopdf breaks: a word wider than a whole line that starts a line broken
   * where each line is full, the words after it going on, in a block and in a table's cell (a word that fits a line
   * moves down whole); and {@code word-break} and {@code overflow-wrap}, which openhtmltopdf does not know: the long
   * word overflows its box.
   */
  @Test
  void wordWrapAndWordBreakPrintTheSame() throws Exception {
    String word = "INVREF2026000142ACMELTD";
    String iban = "DE89370400440532013000DE89370400440532013000";
    String html = "<p class=\"w\">" + iban + " end of the reference line, and a few words that fit.</p>"
        + "<p class=\"k\">Short words here and a " + iban + " end.</p>"
        + "<table class=\"t\"><tr><td class=\"w\">" + iban + " by the date</td><td>1,234.50</td></tr>"
        + "<tr><td>Reference " + word + "</td><td class=\"b\">Short words only</td></tr></table>";
    String css = "body { color: #000; } p.w { width: 120px; word-wrap: break-word; }"
        + " p.k { width: 120px; word-break: break-all; overflow-wrap: anywhere; }"
        + " table.t { width: 100%; table-layout: fixed; border-collapse: collapse; }"
        + " table.t td { border: 1px solid #000; padding: 2pt; vertical-align: top; } td.w { word-wrap: break-word; }"
        + " td.b { word-break: break-word; overflow-wrap: break-word; }";
    assertSame("word-wrap", Canvas.input(HtmlCorpus.of(html, css), "{}"));
  }

  /** A long word broken after other words on its line, a letter apart from openhtmltopdf at times, goes there. */
  @Test
  void aWordBrokenAfterOtherWordsGoesToOpenhtmltopdf() {
    RenderInput input = Canvas.input(HtmlCorpus.of("<p class=\"w\">Short words here and a"
        + " DE89370400440532013000DE89370400440532013000 end.</p>", "p.w { width: 120px; word-wrap: break-word; }"), "{}");
    assertThat(RoutingPdfEngine.choose(input.layout(), PageSetup.DEFAULT).reason()).isNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DIRECT.render(input))
        .hasMessageContaining("a word broken by word-wrap: break-word after other words on its line");
  }

  /**
   * {@code white-space: pre-line} and {@code pre-wrap} on notes and addresses from the data: each newline breaks the
   * line as a {@code <br>} (a leading one leaves an empty line, a trailing one none, as openhtmltopdf lays them
   * out), long lines wrap, spaces collapse (pre-line) or are single already (pre-wrap); and {@code nowrap} on
   * blocks whose text fits them, right-aligned and centred.
   */
  @Test
  void preservedNewlinesAndNowrapBlocksPrintTheSame() throws Exception {
    String html = "<p class=\"pl\">{{address}}</p><p class=\"pw\">{{notes}}</p>"
        + "<p class=\"pl c\">\nCentred after a leading newline\n</p>"
        + "<div class=\"n r\">Invoice total <b>1,234.50 EUR</b></div><p class=\"n c\">Thank you for your business</p>"
        + "<table class=\"t\"><tr><td class=\"pl\">{{address}}</td><td>x</td></tr></table>";
    String css = "body { color: #000; } .pl { white-space: pre-line; } .pw { white-space: pre-wrap; width: 60%; }"
        + " .c { text-align: center; } .r { text-align: right; } .n { white-space: nowrap; }"
        + " table.t { width: 100%; table-layout: fixed; border-collapse: collapse; } table.t td { border: 1px solid #000;"
        + " vertical-align: top; }";
    String notes = "Payment is due within thirty days of the invoice date. Please quote the invoice number with your"
        + " transfer.\\nLate payments carry interest at the statutory rate.\\n\\nThank you.";
    String data = "{\"address\": \"Acme Ltd\\n  1 Road,   Suite 4\\nLondon  \\nEC1A 1BB\", \"notes\": \"" + notes + "\"}";
    assertSame("pre-line", Canvas.input(HtmlCorpus.of(html, css), data));
  }

  /** White space the direct engine does not lay out as openhtmltopdf does is named. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "<p class=\"x\">x  y</p>|.x { white-space: pre-wrap; }|white space that white-space: pre-wrap keeps (spaces"
          + " beside a space, a tab, a line's first or last space)",
      "<table><tr><td class=\"x\">a</td></tr></table>|.x { white-space: pre-line; }|white-space: pre, pre-line or"
          + " pre-wrap in a table with automatic layout",
      "<p class=\"x\">a <b class=\"y\">b</b></p>|.x { white-space: pre-line; }|white-space changed inside a line, on b.y"})
  void whiteSpaceOutsideTheSubsetIsNamed(String html, String css, String reason) {
    assertThat(RoutingPdfEngine.choose(HtmlCorpus.of(html, css + " .y { white-space: normal; }"), PageSetup.DEFAULT)
        .reason()).isEqualTo(reason);
  }

  /**
   * A nowrap line of several styles wider than its block goes to openhtmltopdf, which breaks it after an inline
   * element (HtmlSurvey20EquivalenceTest has the lines of one style it lets overflow).
   */
  @Test
  void aNowrapLineOfSeveralStylesWiderThanItsBoxGoesToOpenhtmltopdf() {
    RenderInput input = Canvas.input(HtmlCorpus.of("<p class=\"x\">a line <b>longer</b> than its box</p>",
        ".x { white-space: nowrap; width: 20px; }"), "{}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DIRECT.render(input)).hasMessageContaining(
        "white-space: nowrap text wider than its box, in a box that clips it or holding several styles or lines");
  }

  /**
   * A colour name of CSS's that openhtmltopdf lacks ({@code lightgray}, {@code darkgrey}) makes its declaration
   * invalid there, a border shorthand and all: dropped in both engines, an earlier declaration left in place. Dark
   * colours around them, so the image comparison sees what is drawn; fill colours compared apart.
   */
  @Test
  void colourNamesOpenhtmltopdfLacksDropTheirDeclaration() throws Exception {
    String html = "<p class=\"a\">bordered in a name it lacks</p><p class=\"b\">coloured text kept black</p>"
        + "<table class=\"t\"><tr><td>cell</td><td class=\"g\">grey cell</td></tr></table>";
    String css = "body { color: #000; } p.a { border-bottom: 3px solid #800000; border-bottom: 3px solid lightgray; }"
        + " p.b { color: #000080; color: darkgrey; border-top: 2px solid #004000; background: slategrey; }"
        + " table.t { width: 100%; border-collapse: collapse; } table.t td { border: 2px solid #000; }"
        + " td.g { border: 1px solid darkslategrey; background-color: dimgrey; }";
    RenderInput input = Canvas.input(HtmlCorpus.of(html, css), "{}");
    assertThat(RoutingPdfEngine.choose(input.layout(), PageSetup.DEFAULT).reason()).isNull();
    assertSame("lacked-colours", input);
    assertSameFills(input);
  }

  /** The names dropped are exactly CSS's that openhtmltopdf's table (Conversions.COLORS) lacks. */
  @Test
  @SuppressWarnings("unchecked")
  void theColourNamesDroppedAreTheOnesOpenhtmltopdfLacks() throws Exception {
    var field = Class.forName("com.openhtmltopdf.css.parser.property.Conversions").getDeclaredField("COLORS");
    field.setAccessible(true);
    java.util.Map<String, ?> theirs = (java.util.Map<String, ?>) field.get(null);
    for (String name : HtmlStyle.LACKED) assertThat(theirs).doesNotContainKey(name);
    assertThat(theirs).containsKeys("lightgrey", "darkgray", "darkslategray", "dimgray", "lightslategray", "slategray");
  }

  /**
   * {@code min-width} on blocks as openhtmltopdf applies it: no effect on a block as wide as its container, a
   * narrower width raised to it (with border-box, the border box), and then max-width over it (openhtmltopdf
   * applies max-width last, measured).
   */
  @Test
  void minWidthOnBlocksPrintsTheSame() throws Exception {
    String html = "<div class=\"a\">as wide as the page</div><div class=\"b\">raised to 200px</div>"
        + "<div class=\"c\">border box raised to 300pt</div><div class=\"d\">max-width wins</div>";
    String css = "div { background: #000; color: #fff; margin: 0 0 4pt; } .a { min-width: 100px; }"
        + " .b { width: 100px; min-width: 200px; } .c { width: 50%; min-width: 300pt; box-sizing: border-box;"
        + " padding: 10px; } .d { width: 300px; max-width: 100px; min-width: 150px; }";
    RenderInput input = Canvas.input(HtmlCorpus.of(html, css), "{}");
    assertThat(RoutingPdfEngine.choose(input.layout(), PageSetup.DEFAULT).reason()).isNull();
    assertSame("min-width", input);
  }

  /**
   * A block min-width pushes past its container (openhtmltopdf lets it overflow), or raises with auto margins
   * (openhtmltopdf shares them by the width before it), goes there.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      ".x { min-width: 2000px; }|min-width wider than its container, on div.x",
      ".x { width: 20%; min-width: 250px; margin: 0 auto; }|min-width raising the width of a block with auto margins,"
          + " on div.x",
      ".x { float: left; width: 20%; min-width: 250px; }|min-width on a float on div.x"})
  void minWidthOutsideTheSubsetIsNamed(String css, String reason) {
    assertThat(RoutingPdfEngine.choose(HtmlCorpus.of("<div class=\"x\">x</div><p style=\"clear: both\">y</p>",
        css), PageSetup.DEFAULT).reason()).isEqualTo(reason);
  }

  static Set<String> fonts(byte[] pdf) throws IOException {
    Set<String> names = new TreeSet<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      for (PDPage page : doc.getPages()) {
        for (COSName n : page.getResources().getFontNames()) {
          names.add(page.getResources().getFont(n).getName().replaceAll("^[A-Z]{6}\\+", ""));
        }
      }
    }
    return names;
  }
}
