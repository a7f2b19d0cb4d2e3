package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inline-level constructs of outsiders' invoice and statement templates, drawn directly and printed as
 * openhtmltopdf prints them (text per page, page breaks, page images within 1% and word positions, as
 * {@link HtmlEquivalenceTest} compares), and the variants still left to openhtmltopdf, named. First of them:
 * divs with {@code display: inline-block} side by side, "Bill to" and "Ship to" columns of 48% each.
 */
class HtmlInlineLevelEquivalenceTest {

  /**
   * An invoice's parties: two columns of 48%, vertical-align top, padding inside a border-box width, a heading and a
   * paragraph of lines each, the one shorter than the other; a badge div of a width on a line of its own below.
   */
  @Test
  void billToAndShipToColumnsPrintTheSame() throws Exception {
    String html = "<h1>INVOICE</h1><div class=\"parties\">\n  <div class=\"party\">\n    <h3>Bill to</h3>\n"
        + "    <p>{{bill.name}}<br>{{bill.street}}<br>{{bill.city}}</p>\n  </div>\n  <div class=\"party\">\n"
        + "    <h3>Ship to</h3>\n    <p>Warehouse 4<br>Dock Road 9</p>\n  </div>\n</div>\n"
        + "<p>Status: <span class=\"badge\">PAID</span></p>\n<div class=\"due\">OVERDUE</div>\n<p>After</p>";
    String css = "body { font-size: 9pt; } .parties { margin: 10px 0; } .party { display: inline-block; width: 48%;"
        + " vertical-align: top; padding: 8px; box-sizing: border-box; background: #f3f3f3; }"
        + " .party h3 { margin: 0 0 4px; font-size: 10pt; } .party p { margin: 0; }"
        + " .badge { display: inline-block; padding: 2px 6px; background: #1a7f37; color: #fff; }"
        + " .due { display: inline-block; padding: 2px 6px; background: #c00000; color: #fff; width: 80px; }";
    assertThat(refusal(html, css)).isNull();
    RenderInput input = Canvas.input(HtmlCorpus.of(html, css), "{\"bill\": {\"name\": \"ACME Corp\", \"street\":"
        + " \"12 High Street\", \"city\": \"London\"}}");
    assertSame("inline-level-parties", input);
    assertSameFills(input, 0xf3f3f3, 0xc00000);
  }

  /**
   * Boxes that do not all fit on one line go on to the next, as openhtmltopdf breaks a line before an inline block;
   * a space of the parent's font between two where the markup has white space, none where it has not; each line
   * as tall as its tallest box and a half leading more (VerticalAlignContext, measured).
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"33.4%|newline", "32%|newline", "30%|none", "48%|space", "160px|indent",
      "25%|newline"})
  void boxesThatDoNotFitGoOnToTheNextLine(String width, String white) throws Exception {
    String between = switch (white) {
      case "newline" -> "\n";
      case "space" -> " ";
      case "indent" -> "\n  ";
      default -> "";
    };
    String html = "<div>Plain line</div>\n<div class=\"c\">One</div>" + between + "<div class=\"c\">Two<br>2b</div>"
        + between + "<div class=\"c\">Three<br>3b<br>3c</div>" + between + "<div class=\"c\">Four</div>\n"
        + "<div>Plain after</div>";
    String css = "body { font-size: 10pt; } .c { display: inline-block; width: " + width + "; vertical-align: top;"
        + " background: #dddddd; border-left: 2px solid #1a3f7a; }";
    assertSame("inline-level-wrap-" + Integer.toHexString((width + between).hashCode()), drawnDirectly(html, css));
  }

  /**
   * Boxes of the initial vertical-align, baseline: each box's last line on the line's baseline, so a shorter box
   * sits lower; with padding and a border, in another font size, beside a box aligned top.
   */
  @Test
  void boxesOnTheBaselinePrintTheSame() throws Exception {
    String html = "<p>Before</p>\n<div class=\"b\">Base1</div> <div class=\"b\">Base2<br>Second</div> <div"
        + " class=\"b pad\">Pad<br>Pad2</div>\n<div>Plain</div>\n<div class=\"b top\">Top<br>aligned</div>"
        + " <div class=\"b big\">Big<br>y</div>\n<p>After</p>";
    String css = "body { font-size: 10pt; } .b { display: inline-block; width: 30%; background: #cccccc; }"
        + " .pad { padding: 6px 8px; border: 1px solid #333333; } .big { font-size: 14pt; } .top { vertical-align:"
        + " top; }";
    assertSame("inline-level-baseline", drawnDirectly(html, css));
  }

  /**
   * Badges as divs without a width, shrunk to their text as openhtmltopdf shrinks them: alone on a line, side by
   * side with a bold run and another size, one of two lines beside them on the baseline, and rounded.
   */
  @Test
  void badgeDivsShrinkToTheirText() throws Exception {
    String html = "<p>Before</p>\n<div class=\"badge\">PAID</div>\n<p>Middle</p>\n<div class=\"badge\">DUE"
        + " {{due}}</div> <div class=\"badge big\">Overdue <b>now</b></div>\n<div class=\"badge\">Two<br>lines"
        + " here</div>\n"
        + "<p>After</p>";
    String css = "body { font-size: 9pt; } .badge { display: inline-block; padding: 2px 8px; background: #1a7f37;"
        + " color: #ffffff; border-radius: 3px; } .big { font-size: 12pt; border: 1px solid #000; }";
    assertThat(refusal(html, css)).isNull();
    RenderInput input = Canvas.input(HtmlCorpus.of(html, css), "{\"due\": \"2026-01-31\"}");
    assertSame("inline-level-badges", input);
    assertSameFills(input, 0x1a7f37);
    RenderInput wide = Canvas.input(HtmlCorpus.of(html, css), "{\"due\": \"" + "a long date ".repeat(12) + "\"}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DirectPdfEngine(
        dev.platen.render.EngineSettings.defaults()).render(wide)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("an inline-block div without a width whose text is aligned or may wrap, div.badge");
  }

  /**
   * Boxes of vertical-align: middle beside a taller one on the baseline and beside one aligned top, placed as
   * openhtmltopdf's alignInlineContent places them: half the strut's ascent below the text's top, less half the
   * box's height.
   */
  @Test
  void boxesInTheMiddlePrintTheSame() throws Exception {
    String html = "<div>Plain line</div>\n<div class=\"logo\">Brand<br>two<br>three</div> <div class=\"m\">Company"
        + " name</div> <div class=\"m big\">Big</div>\n<div>Plain after</div>\n<div class=\"m\">Mid one</div> <div"
        + " class=\"t\">Top<br>two</div>\n<div>Plain end</div>";
    String css = "body { font-size: 10pt; } .logo { display: inline-block; width: 100px; background: #dddddd; }"
        + " .m { display: inline-block; width: 120px; vertical-align: middle; background: #eeeeee; }"
        + " .big { font-size: 16pt; padding: 4px; } .t { display: inline-block; width: 80px; vertical-align: top; }";
    assertSame("inline-level-middle", drawnDirectly(html, css));
  }

  /** Inline-block divs where openhtmltopdf places them otherwise than built here, or not yet measured: named. */
  @Test
  void inlineBlockDivsOutsideTheSubsetAreNamed() {
    String col = ".c { display: inline-block; width: 40%; vertical-align: top; }";
    assertThat(refusal("<div>Label <div class=\"c\">x</div></div>", col))
        .isEqualTo("an inline-block div beside text, div.c");
    assertThat(refusal("<div><div class=\"c\">x</div> tail</div>", col))
        .isEqualTo("text beside an inline-block div, in div");
    assertThat(refusal("<div class=\"c\"><p>x</p></div>", ".c { display: inline-block; }"))
        .isEqualTo("an inline-block div without a width around blocks, div.c");
    assertThat(refusal("<div class=\"c\">x</div>", ".c { display: inline-block; width: 40%; vertical-align:"
        + " bottom; }")).isEqualTo("vertical-align: bottom on an inline-block div, div.c");
    assertThat(refusal("<div class=\"c\">x</div>", ".c { display: inline-block; width: 40%; margin: 4px auto; }"))
        .isEqualTo("a top, bottom or auto margin on an inline-block div, div.c");
    assertThat(refusal("<table class=\"f\"><tr><td><div class=\"c\">x</div></td></tr></table>", col
        + " .f { width: 100%; table-layout: fixed; }"))
        .isEqualTo("an inline-block div in td");
    assertThat(refusal("<div class=\"m\"><div class=\"c\">x</div></div>", col + " .m { text-align: justify; }"))
        .isEqualTo("text-align, letter-spacing or white-space of div.m around inline-block divs");
    assertThat(refusal("<div class=\"c\"><img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\"></div>", col))
        .isEqualTo("a table or an image in an inline-block div, div.c");
    assertThat(refusal("<div class=\"c\"><table><tr><td>x</td></tr></table></div>", ".c { display: inline-block }"))
        .isEqualTo("an inline-block div without a width around blocks, div.c");
  }

  /** Columns a page break would cut: openhtmltopdf moves the line, not ported; the document goes there. */
  @ParameterizedTest
  @ValueSource(ints = {40})
  void columnsAcrossAPageBreakAreLeftToOpenhtmltopdf(int lines) throws Exception {
    String html = "<div class=\"c\">" + "line<br>".repeat(lines) + "</div> <div class=\"c\">" + "row<br>".repeat(lines)
        + "</div>";
    String css = "p { margin: 0 } .c { display: inline-block; width: 45%; vertical-align: top; }";
    String pad = "<p>" + "x<br>".repeat(30) + "</p>";
    RenderInput input = drawnDirectly(pad + html, css);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DirectPdfEngine(
        dev.platen.render.EngineSettings.defaults()).render(input)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("inline-block divs across a page break");
  }

  /**
   * Images on lines of text: a logo of a given width beside a company name in a larger bold font (the line as tall
   * as the image, its bottom on the baseline), icons before labels in a right-aligned line, an icon in the middle of
   * a paragraph that wraps and one inside a span of smaller text, a centred one of a CSS height, and one of
   * vertical-align: middle in a taller line.
   */
  @Test
  void imagesBesideTextPrintTheSame() throws Exception {
    String logo = HtmlImageWidthEquivalenceTest.logo(200, 60);
    String img = "<img src=\"" + logo + "\" class=\"icon\">";
    String html = "<div class=\"hdr\"><img src=\"" + logo + "\" width=\"60\"> <strong>{{company}}</strong></div>"
        + "<p class=\"r\">" + img + "Phone: +44 20 7946 0000 " + img + " mail@acme.example</p>"
        + "<p>A paragraph with an icon " + img + " in the middle of words that go on so that the line wraps round"
        + " the page more than once, and <span class=\"s\">a span " + img + " inside</span> to see how it fares.</p>"
        + "<p class=\"c\"><img src=\"" + logo + "\" style=\"height: 40px\"> Centred caption</p>"
        + "<p class=\"m\"><img src=\"" + logo + "\" class=\"mid\"> Middle aligned</p><p>After</p>";
    String css = "body { font-size: 10pt; } .hdr { font-size: 16pt; } .icon { width: 10px; height: 10px; }"
        + " .r { text-align: right; } .c { text-align: center; } .s { font-size: 8pt; }"
        + " .m { line-height: 1.6; font-size: 12pt; } .mid { vertical-align: middle; height: 24px; }";
    assertThat(refusal(html, css)).isNull();
    assertSame("inline-level-images", Canvas.input(HtmlCorpus.of(html, css),
        "{\"company\": \"ACME Corporation\"}"));
  }

  /** Images on a line of text where openhtmltopdf places them otherwise, or not yet measured: named. */
  @Test
  void imagesOnALineOutsideTheSubsetAreNamed() throws Exception {
    String logo = HtmlImageWidthEquivalenceTest.logo(20, 20);
    String icon = "<img class=\"i\" src=\"" + logo + "\">";
    assertThat(refusal("<p>Text " + icon + "</p>", ".i { vertical-align: top; }"))
        .isEqualTo("vertical-align: top on img.i in a line of text");
    assertThat(refusal("<p>Text " + icon + "</p>", ".i { margin-top: 4px; }"))
        .isEqualTo("a box style or position on img.i in a line of text");
    assertThat(refusal("<p>Text " + icon + "</p>", ".i { width: 10%; }"))
        .isEqualTo("a width or height in % or max-width on img.i in a line of text");
    assertThat(refusal("<p>Text <a href=\"https://example.com\">" + icon + "</a></p>", ""))
        .isEqualTo("an image in a link or in underlined or struck-out text");
    assertThat(refusal("<p>Text <span>" + icon + "</span></p>", ".i { vertical-align: middle; }"))
        .isEqualTo("vertical-align: middle on img.i inside an inline element");
    assertThat(refusal("<table style=\"width: 100%; table-layout: fixed\"><tr><td>Text " + icon + "</td></tr></table>",
        "")).isEqualTo("an image in a line of text in a table cell");
    assertThat(refusal("<p class=\"j\">Text " + icon + "</p>", ".j { text-align: justify; }"))
        .isEqualTo("an image in a justified paragraph");
  }

  /**
   * {@code word-spacing}, which openhtmltopdf parses but its layout never reads: words stand where they stand
   * without it, in a plain line, across a bold run, in a justified paragraph and in a cell.
   */
  @Test
  void wordSpacingChangesNothingAsInOpenhtmltopdf() throws Exception {
    String html = "<p>Plain words here again</p><p class=\"w\">Spaced words here again</p><p class=\"w2\">Spaced"
        + " <b>bold words</b> here</p><p class=\"j\">Justified text with word spacing that runs long enough to wrap"
        + " onto a second line so that the first line is justified across the page width.</p><table><tr><td"
        + " class=\"w\">Cell words here</td></tr></table>";
    String css = ".w { word-spacing: 6px; } .w2 { word-spacing: 0.5em; } .j { text-align: justify; word-spacing:"
        + " 4pt; }";
    assertSame("inline-level-word-spacing", drawnDirectly(html, css));
  }

  /**
   * The qr and barcode helpers' images on a line of text ("Pay here:" and the code after it), sized in mm by the
   * helpers' style attributes, as openhtmltopdf prints them.
   */
  @Test
  void codeHelpersBesideTextPrintTheSame() throws Exception {
    String html = "<p>Pay here: {{qr link size=\"20mm\"}} or scan</p><p>Parcel {{barcode parcel height=\"8mm\"}}"
        + " tracked</p><p>After</p>";
    assertThat(refusal(html, "")).isNull();
    assertSame("inline-level-codes", Canvas.input(HtmlCorpus.of(html, ""),
        "{\"link\": \"https://pay.example.com/i/42\", \"parcel\": \"JJD0001234567\"}"));
  }

  /**
   * {@code list-style-position: inside}: the item's first line moved over by the marker's width (openhtmltopdf's
   * MarkerData layout width: three diameters of a disc or square, a number's text with ".  "), the marker before
   * it, a long item wrapping to the content's left edge; by the property and the shorthand, with a paragraph in
   * the item, and without the list's padding.
   */
  @Test
  void insideListMarkersPrintTheSame() throws Exception {
    String html = "<ul class=\"in\"><li>First item</li><li>Second item that is long enough to wrap onto a second line"
        + " of text in this narrow list box, yes</li></ul><ol class=\"in\"><li>One</li><li>Two <b>bold</b></li>"
        + "{{#each more}}<li>{{this}}</li>{{/each}}</ol><ul><li>Outside item</li></ul><ul class=\"sq\"><li>Square</li>"
        + "<li><p>In a paragraph</p></li></ul><ul class=\"in\" style=\"padding-left: 0\"><li>No padding</li></ul>";
    String css = "ul, ol { width: 300px; } .in { list-style-position: inside; } .sq { list-style: square inside; }"
        + " ol.in { list-style-type: lower-roman; }";
    assertThat(refusal(html, css)).isNull();
    assertSame("inline-level-inside-markers", Canvas.input(HtmlCorpus.of(html, css),
        "{\"more\": [\"Three\", \"Four\", \"Five\", \"Six\", \"Seven\", \"Eight\", \"Nine\"]}"));
    assertThat(refusal("<ul class=\"c\"><li>x</li></ul>", ".c { list-style-position: inside; text-align: center; }"))
        .isEqualTo("list-style-position: inside in a list item of text-align center");
  }

  /**
   * {@code <pre>} (openhtmltopdf's built-in Courier, its margins of 1em) and {@code white-space: pre}: notes and an
   * address printed as the data gives them, every space and line break kept, a blank line, a bold run, the newline
   * after the start tag and the ones before the end tag as openhtmltopdf reads them.
   */
  @Test
  void preformattedTextPrintsTheSame() throws Exception {
    String html = "<p>Before</p>\n<pre>{{notes}}</pre>\n<pre>\nFirst after a newline\n  indented <b>bold</b> end\n"
        + "</pre>\n<pre>trailing newlines\n\n</pre>\n<div class=\"addr\">{{address}}</div>\n<div class=\"t\">Terms:"
        + "\n  net 30 days\n</div>\n<p>After</p>";
    String css = ".addr, .t { white-space: pre; } .addr { font-size: 9pt; color: #333333; }";
    assertThat(refusal(html, css)).isNull();
    assertSame("inline-level-pre", Canvas.input(HtmlCorpus.of(html, css), "{\"notes\": \"Line one\\n  Line two   spaced"
        + "\\n\\nLine four\", \"address\": \"ACME Corp\\n12 High Street\\nLondon  EC1A 1BB\"}"));
  }

  /** Preformatted text openhtmltopdf lays out otherwise than built here, or not measured: named. */
  @Test
  void preformattedTextOutsideTheSubsetIsNamed() throws Exception {
    assertThat(refusal("<pre>a\tb</pre>", "")).isEqualTo("a tab in white-space: pre text");
    assertThat(refusal("<table><tr><td class=\"p\">a  b</td></tr></table>", ".p { white-space: pre; }"))
        .isEqualTo("white-space: pre, pre-line or pre-wrap in a table with automatic layout");
    RenderInput right = drawnDirectly("<pre class=\"r\">a  b</pre>", ".r { text-align: right; }");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DirectPdfEngine(
        dev.platen.render.EngineSettings.defaults()).render(right)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("white-space: pre text not aligned left");
  }
}
