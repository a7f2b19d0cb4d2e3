package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static dev.platen.render.direct.HtmlEquivalenceTest.fillColours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * CSS of real invoice and statement templates beyond the first subset (heights, hsl() colours, more structural
 * pseudo-classes and attribute selectors, font-size keywords, more list markers), drawn directly and printed as
 * openhtmltopdf prints them (text per page, page breaks, page images within 1% and every word's start, as
 * {@link HtmlEquivalenceTest} compares; fill colours where a colour is the point), and the variants that stay
 * with openhtmltopdf, named.
 */
class HtmlCssMoreEquivalenceTest {
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  private static RenderInput input(String html, String css) {
    return Canvas.input(HtmlCorpus.of(html, css), "{}");
  }

  private static String refusal(String html, String css) {
    return HtmlEquivalenceTest.refusal(html, css);
  }

  /**
   * height on blocks, of the box box-sizing names, content no taller than it: a painted box with padding, an empty
   * spacer, a bordered box, a border-box in em, a plain paragraph, boxes holding a paragraph whose margins stay
   * inside them (padding, borders, overflow: hidden) and one holding blocks without margins.
   */
  @Test
  void blockHeightsPrintTheSame() throws Exception {
    String html = "<p>before</p><div class=\"a\">box text</div><div class=\"sp\"></div><p>after</p>"
        + "<div class=\"b\">one<br>two</div><div class=\"c\">border box</div><div class=\"d\">plain <b>text</b></div>"
        + "<p class=\"p\">a paragraph of a set height</p><div class=\"w1\"><p>padded</p></div>"
        + "<div class=\"w2\"><p>hidden overflow</p></div><div class=\"w3\"><p>bordered</p></div>"
        + "<div class=\"w4\"><div class=\"in\">inner</div><div class=\"in\">two</div></div><p>end</p>";
    String css = ".a { height: 50px; background: #333333; color: #ffffff; padding: 4px; margin: 10px 0; }"
        + " .sp { height: 30px; } .b { height: 40px; border: 2px solid #000000; }"
        + " .c { height: 3em; box-sizing: border-box; padding: 6px; border: 3px solid #222222; }"
        + " .d { height: 25pt; } .p { height: 30px; }"
        + " .w1 { height: 60px; padding: 1px 0; background: #555555; }"
        + " .w2 { height: 60px; overflow: hidden; background: #404040; }"
        + " .w3 { height: 60px; border-top: 1px solid #000000; border-bottom: 1px solid #000000; background: #303030; }"
        + " .w4 { height: 70px; background: #505050; } .in { padding: 4px; background: #202020; color: #ffffff; }";
    RenderInput in = input(html, css);
    assertSame("css-block-heights", in);
    assertSameFills(in, 0x333333, 0x555555, 0x404040, 0x303030, 0x505050, 0x202020);
  }

  /**
   * height on cells and rows: the least height of the row, padding and borders included (measured), in collapsed
   * and separated borders, with the content aligned in the row; a cell's height attribute; a height below the
   * content's, which the content overrides.
   */
  @Test
  void cellAndRowHeightsPrintTheSame() throws Exception {
    String rows = "<table class=\"t\"><tr><td class=\"h\">a</td><td>b</td></tr><tr class=\"r\"><td>c</td>"
        + "<td class=\"m\">d</td></tr><tr><td class=\"big\">e<br>f<br>g</td><td>h</td></tr>"
        + "<tr><td height=\"40\" bgcolor=\"#333333\">x</td><td valign=\"bottom\">y</td></tr></table><p>after</p>";
    RenderInput collapsed = input(rows, "table.t { width: 100%; border-collapse: collapse; }"
        + " td { border: 1px solid #000000; padding: 3px; } td.h { height: 40px; } tr.r { height: 50px; }"
        + " td.big { height: 10px; } td.m { vertical-align: bottom; }");
    assertSame("css-cell-heights-collapsed", collapsed);
    assertSameFills(collapsed, 0x333333);
    RenderInput separate = input(rows, "table.t { width: 100%; border-spacing: 4px; }"
        + " td { border: 2px solid #000000; padding: 5px; background: #444444; color: #ffffff; vertical-align: top; }"
        + " td.h { height: 40px; } tr.r { height: 50px; } td.big { height: 10px; } td.m { vertical-align: middle; }");
    assertSame("css-cell-heights-separate", separate);
    // the author's td background wins over the bgcolor attribute, in both
    assertSameFills(separate, 0x444444);
  }

  /** Heights the direct engine does not draw as openhtmltopdf does stay with it, named. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "<div class=\"w\"><p>x</p></div>|.w { height: 80px; background: #555; }|height on div.w whose first or last block has a margin",
      "<div class=\"w\"><div>x</div><p>y</p></div>|.w { height: 80px; padding-top: 2px; }|height on div.w whose first or last block has a margin",
      "<div class=\"w\"><p>x</p></div>|.w { min-height: 80px; background: #555; }|min-height on div.w whose first or last block has a margin",
      "<div class=\"w\">x</div>|.w { height: 50%; }|CSS value '50%' for 'height' on div.w",
      "<p>a <span class=\"w\">x</span></p>|.w { height: 20%; }|CSS property 'height' on span.w",
      "<ul><li class=\"w\">x</li></ul>|.w { height: 20px; }|CSS property 'height' on li.w"})
  void heightsOutsideTheSubsetAreNamed(String html, String css, String reason) {
    assertThat(refusal(html, css)).contains(reason);
  }

  /**
   * Content taller than its box's height overflows it in openhtmltopdf, over what follows: drawn directly on the
   * box's page (HtmlStatementSurveyEquivalenceTest), refused per document where it reaches past the page's bottom.
   */
  @Test
  void contentTallerThanItsHeightIsRefusedWhenLaidOut() {
    RenderInput in = input("<p>before</p><div style=\"height: 660pt\"></div><div class=\"b\">one<br>two<br>three"
        + "</div><p>end</p>", ".b { height: 20px; border: 2px solid #000000; }");
    assertThatThrownBy(() -> DIRECT.render(in)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("content taller than the height of div.b");
  }

  /**
   * hsl() and hsla() colours as openhtmltopdf converts them (through HSB, in floats): text, backgrounds, borders,
   * a table cell, a negative hue, one in deg past 360, fractional and over-100% percentages, grey, an alpha.
   */
  @Test
  void hslColoursPrintTheSame() throws Exception {
    String html = "<div class=\"a\">one</div><div class=\"b\">two</div><div class=\"c\">three</div>"
        + "<div class=\"d\">four</div><div class=\"e\">five</div><div class=\"f\">six</div><div class=\"g\">seven</div>"
        + "<p class=\"t\">text</p><table class=\"tb\"><tr><td>x</td></tr></table>";
    String css = ".a { background: hsl(210, 50%, 40%); color: hsl(0, 0%, 100%); }"
        + " .b { background-color: hsl(33, 87%, 23.5%); color: hsla(120, 100%, 25%, 1); }"
        + " .c { background: hsl(-30, 40%, 30%); border: 3px solid hsl(300, 60%, 20%); }"
        + " .d { background: hsl(400deg, 70%, 35%); }"
        + " .e { background: hsl(187, 13%, 47%); color: hsl(59, 120%, 50%); }"
        + " .f { background: hsla(250, 30%, 20%, 0.5); }"
        + " .g { background: hsl(90, 0%, 33%); border-bottom: 2px solid hsl(0, 100%, 50%); }"
        + " .t { color: hsl(222, 47%, 11%); } .tb td { background: hsl(145, 63%, 22%); color: hsl(45, 100%, 51%); }";
    RenderInput in = input(html, css);
    assertSame("css-hsl", in);
    // hsl(210, 50%, 40%) is #336699, hsl(120, 100%, 25%) #008000
    assertSameFills(in, 0x336699, 0x008000, 0xff0000, 0xffffff);
  }

  /** hsl() forms openhtmltopdf reads other than as drawn here (angles in rad or turn, space-separated) stay with it. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"hsl(1rad, 50%, 40%)", "hsl(210 50% 40%)", "hsl(0.5turn, 50%, 40%)",
      "hsla(210, 50%, 40%, 0.333)"})
  void hslFormsOutsideTheSubsetAreNamed(String colour) {
    assertThat(refusal("<p>x</p>", "p { color: " + colour + "; }")).isEqualTo("CSS colour '" + colour + "' on p");
  }

  /**
   * Attribute selectors as openhtmltopdf matches them: presence (an empty value too), =, ^=, $=, *=, ~= and |=,
   * case-sensitive values, quoted or not, on a cell's align attribute and on data-* attributes.
   */
  @Test
  void attributeSelectorsPrintTheSame() throws Exception {
    String html = "<p class=\"e1\" title=\"t\">exists</p><p class=\"e2\">no title</p><p class=\"e3\" title=\"\">empty</p>"
        + "<table><tr><td align=\"right\">R</td><td align=\"left\">L</td><td>N</td></tr></table>"
        + "<p data-s=\"paid-full\">prefix</p><p data-s=\"full-paid\">suffix</p><p data-s=\"xx paidy\">sub</p>"
        + "<p data-k=\"a b c\">list</p><p data-k=\"ab c\">not in the list</p><p data-s=\"Paid\">case</p>"
        + "<p lang=\"en-US\">dash</p>";
    String css = "[title] { color: #cc0000; } td[align=right] { color: #00aa00; } td[align=\"left\"] { background: #222222; }"
        + " [data-s^=\"paid\"] { color: #0000cc; } [data-s$='paid'] { color: #aa00aa; } [data-s*=paid] { background: #333333; }"
        + " [data-k~=\"b\"] { color: #884400; } [data-s=paid] { color: #ff8800; } [lang|=en] { color: #008888; }";
    RenderInput in = input(html, css);
    assertSame("css-attribute-selectors", in);
    assertSameFills(in, 0xcc0000, 0x00aa00, 0x222222, 0x0000cc, 0xaa00aa, 0x333333, 0x884400, 0x008888);
    assertThat(fillColours(HTML.render(in))).doesNotContain(0xff8800);
  }

  /**
   * Pseudo-classes openhtmltopdf's parser does not know drop their rule whole, every selector of it, as :not()
   * does: none of these colours is drawn by either engine.
   */
  @Test
  void unknownPseudoClassesDropTheirRule() throws Exception {
    String html = "<div><p class=\"x\">one</p><p>two</p><p>three</p></div><div><p>only</p></div>";
    String css = "p:first-of-type, .x { color: #cc0000; } p:last-of-type { color: #00aa00; }"
        + " p:nth-of-type(2) { color: #0000cc; } p:only-child { color: #aa00aa; } p:nth-last-child(2) { color: #884400; }"
        + " p:only-of-type { color: #008888; } p:empty { color: #888800; }";
    RenderInput in = input(html, css);
    assertSame("css-unknown-pseudo-classes", in);
    assertSameFills(in);
    assertThat(fillColours(HTML.render(in))).doesNotContain(0xcc0000, 0x00aa00, 0x0000cc, 0xaa00aa, 0x884400);
  }

  /** Whether a rule names a pseudo-class openhtmltopdf does not know, read outside attribute values. */
  @Test
  void unknownPseudoClassesAreToldFromKnownOnes() {
    assertThat(HtmlCss.unknownPseudoClass("tr:nth-child(2n+1) td:first-child, p::before")).isFalse();
    assertThat(HtmlCss.unknownPseudoClass("a[href^=\"http:x\"]:hover")).isFalse();
    assertThat(HtmlCss.unknownPseudoClass("td:last-of-type")).isTrue();
    assertThat(HtmlCss.unknownPseudoClass("p, li:nth-last-child(1)")).isTrue();
  }

  /**
   * The font-size keywords at openhtmltopdf's sizes (xx-small 9px … xx-large 32px), and smaller and larger as 0.8em
   * and 1.2em of a parent sized otherwise, in a line and in a bold heading.
   */
  @Test
  void fontSizeKeywordsPrintTheSame() throws Exception {
    String html = "<p class=\"a\">xx-small text</p><p class=\"b\">x-small text</p><p class=\"c\">small text</p>"
        + "<p class=\"d\">medium text</p><p class=\"e\">large text</p><p class=\"f\">x-large text</p>"
        + "<p class=\"g\">xx-large text</p><p>plain <span class=\"s\">smaller</span> and <span class=\"l\">larger</span>"
        + " words</p><h2>head <small class=\"s\">smaller small</small></h2>";
    String css = ".a { font-size: xx-small; } .b { font-size: x-small; } .c { font-size: small; }"
        + " .d { font-size: medium; } .e { font-size: large; } .f { font-size: x-large; } .g { font-size: xx-large; }"
        + " .s { font-size: smaller; } .l { font-size: larger; }";
    assertSame("css-font-size-keywords", input(html, css));
  }

  /** Where openhtmltopdf steps from keyword to keyword, or has other sizes for monospace, it draws them. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "<p class=\"c\">small <span class=\"s\">smaller</span></p>|.c { font-size: small; } .s { font-size: smaller; }"
          + "|CSS value 'smaller' for 'font-size' inside a font-size keyword on span.s",
      "<p class=\"c\">x</p>|.c { font-size: large; font-family: monospace; }"
          + "|a font-size keyword in a monospace family (openhtmltopdf has other sizes) on p.c"})
  void fontSizeKeywordsOutsideTheSubsetAreNamed(String html, String css, String reason) {
    assertThat(refusal(html, css)).isEqualTo(reason);
  }

  /**
   * Numbered lists in letters and roman numerals (lower and upper, by list-style-type and the list-style shorthand)
   * and decimal with a leading zero, past 9, as openhtmltopdf writes their markers ("iv.", "B.", "01.").
   */
  @Test
  void moreListMarkersPrintTheSame() throws Exception {
    StringBuilder nine = new StringBuilder();
    for (int i = 1; i <= 11; i++) nine.append("<li>item ").append(i).append("</li>");
    String html = "<ol class=\"la\"><li>one</li><li>two</li><li>three</li></ol><ol class=\"ua\"><li>one</li><li>two"
        + "</li></ol><ol class=\"lr\">" + nine + "</ol><ol class=\"ur\"><li>one</li><li>two</li><li>three</li><li>four"
        + "</li></ol><ol class=\"dz\">" + nine + "</ol>";
    String css = ".la { list-style-type: lower-alpha; } .ua { list-style: upper-alpha; } .lr { list-style-type: lower-roman; }"
        + " .ur { list-style-type: upper-roman; color: #7a1f1f; } .dz { list-style-type: decimal-leading-zero; }";
    RenderInput in = input(html, css);
    assertSame("css-list-markers", in);
    assertThat(String.join("", HtmlEquivalenceTest.texts(DIRECT.render(in)))).contains("c.", "iv.", "xi.", "B.", "IV.", "01.", "11.");
  }

  @Test
  void counterTextIsOpenhtmltopdfs() {
    assertThat(HtmlFlow.counterText("lower-alpha", 28)).isEqualTo("ab");
    assertThat(HtmlFlow.counterText("upper-alpha", 26)).isEqualTo("Z");
    assertThat(HtmlFlow.counterText("upper-roman", 1994)).isEqualTo("MCMXCIV");
    assertThat(HtmlFlow.counterText("lower-roman", 49)).isEqualTo("xlix");
    assertThat(HtmlFlow.counterText("decimal-leading-zero", 7)).isEqualTo("07");
  }

  /**
   * calc(), which openhtmltopdf's parser does not know: every declaration using it is dropped, a shorthand too, and
   * the value cascaded before stays (measured on width, margin-left, padding, font-size, height, border-left).
   */
  @Test
  void calcDeclarationsAreDroppedAsOpenhtmltopdfDropsThem() throws Exception {
    String html = "<div class=\"a\">width calc</div><div class=\"b\">margin calc</div><div class=\"c\">padding calc</div>"
        + "<p class=\"d\">font calc</p><div class=\"e\">height calc</div><div class=\"f\">border calc</div>";
    String css = ".a { width: 200px; width: calc(100% - 20px); background: #333333; color: #ffffff; }"
        + " .b { margin-left: 30px; margin-left: calc(10px + 5%); background: #444444; color: #ffffff; }"
        + " .c { padding: 5px; padding: calc(2px * 5); background: #555555; color: #ffffff; }"
        + " .d { font-size: 20px; font-size: calc(1em + 2px); }"
        + " .e { height: calc(40px); background: #222222; color: #ffffff; }"
        + " .f { border-left: calc(2px + 1px) solid #000000; }";
    RenderInput in = input(html, css);
    assertSame("css-calc-dropped", in);
    assertSameFills(in, 0x333333, 0x444444, 0x555555, 0x222222);
  }

  /**
   * white-space: nowrap on spans inside wrapping lines (a name, a reference, a date with bold inside, an amount):
   * each on one line, the lines broken around them as openhtmltopdf breaks them.
   */
  @Test
  void nowrapSpansInsideALinePrintTheSame() throws Exception {
    String html = "<p class=\"w\">The total of this invoice is due within thirty days, payable to <span class=\"n\">"
        + "Northwind Traders Ltd</span> by bank transfer, quoting <span class=\"n\">INV 2026 0042</span> on every payment.</p>"
        + "<p class=\"w\">Short <span class=\"n\">no wrap here</span> end.</p><p class=\"w\"><b>Due</b> <span class=\"n\">"
        + "5 June <b>2026</b></span>, <span class=\"n\">EUR 1,540.50</span> in all, to the account below, by transfer.</p>";
    RenderInput in = input(html, ".w { width: 300px; } .n { white-space: nowrap; }");
    assertSame("css-nowrap-spans", in);
  }

  /**
   * Where a line would break inside a nowrap span, openhtmltopdf breaks before it: the document goes to
   * openhtmltopdf; and nowrap spans in justified or break-word text are not drawn here.
   */
  @Test
  void nowrapSpansOutsideTheSubsetAreNamed() {
    RenderInput in = input("<p class=\"w\">The total of this invoice is due within thirty days, payable to Northwind"
        + " Traders by bank transfer quoting the reference <span class=\"n\">INV 2026 0042</span> on every payment.</p>",
        ".w { width: 300px; } .n { white-space: nowrap; }");
    assertThatThrownBy(() -> DIRECT.render(in)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("a line break inside white-space: nowrap text");
    assertThat(refusal("<p class=\"w\">a <span class=\"n\">b c</span></p>",
        ".w { text-align: justify; } .n { white-space: nowrap; }"))
        .isEqualTo("white-space changed inside a line, on span.n");
  }

  /**
   * A box with a background, or kept whole by page-break-inside: avoid, holding blocks with margins: the first
   * child's top margin and the last one's bottom margin collapse through it where no border or padding stands
   * between, above and below its background, as openhtmltopdf collapses them (they were drawn inside the box
   * before: measured 11pt lower). Nested, at the start of the document, beside the box's own margins, with a border
   * on one side.
   */
  @Test
  void childMarginsCollapseThroughPaintedAndKeptBoxes() throws Exception {
    String html = "<div class=\"bg\"><h2>First heading</h2><p>text</p></div><div class=\"bg m\"><div><p class=\"big\">"
        + "nested</p></div></div><div class=\"k\"><h3>kept</h3><p>kept two</p></div><div class=\"bg\"><p>only</p></div>"
        + "<div class=\"bg b\"><p>bordered bottom</p></div><p>end</p>";
    String css = ".bg { background: #444444; color: #ffffff; } .m { margin: 20px 0 5px; } .big { margin: 30px 0; }"
        + " .k { page-break-inside: avoid; background: #222222; color: #ffffff; margin-top: 4px; }"
        + " .b { border-bottom: 3px solid #000000; }";
    RenderInput in = input(html, css);
    assertSame("css-margins-through-boxes", in);
    assertSameFills(in, 0x444444, 0x222222);
    RenderInput kept = input("<p>before</p><div class=\"k\"><p>kept one</p><p>kept two</p></div><p>end</p>",
        ".k { page-break-inside: avoid; }");
    assertSame("css-margins-through-kept-box", kept);
  }
}
