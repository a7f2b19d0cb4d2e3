package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameSharp;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the eleventh round's unseen templates (a Laravel Cashier receipt, an Odoo invoice, a German VAT invoice, a
 * CMS's statement) needed next: fixed-layout columns whose declared widths round past their table's, a background
 * shorthand with no image, attributes openhtmltopdf reads on other elements only, and root elements of a set height.
 * Each is drawn directly and printed as openhtmltopdf prints it.
 */
class HtmlSurvey21EquivalenceTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  /**
   * A table of fixed layout whose cells' % widths, each rounded to a whole dot, come to a dot more or less than the
   * table (two halves of an odd width, thirds, percentages short of 100 with no column left free, or over 100):
   * openhtmltopdf shares the table out in whole dots (FixedTableLayout), the last column taking what is left.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"50%,50%", "33%,33%,34%", "30%,30%", "40%,40%,10%", "60%,60%", "25%,25%,25%,25%",
      "50%,50%|border: 1px solid #000", "50%,50%|border-collapse: collapse; border: 1px solid #000",
      "120px,50%", "20%,30%,auto"})
  void fixedColumnsRoundedPastOrShortOfTheTable(String example) throws Exception {
    String[] parts = example.split("\\|");
    StringBuilder cells = new StringBuilder();
    String[] widths = parts[0].split(",");
    for (int i = 0; i < widths.length; i++) {
      String w = widths[i].equals("auto") ? "" : " style=\"width:" + widths[i] + "\"";
      cells.append("<td").append(w).append(">Cell ").append(i + 1).append(" holds a few words that wrap in it</td>");
    }
    String row = "<tr>" + cells + "</tr>";
    assertSameSharp("survey21-fixed-rounded", drawnDirectly("<p>Before</p><table class=\"t\" cellspacing=\"0\">" + row
        + row.replace("Cell", "Row two") + "</table><p>After</p>", "body { font-size: 10pt } .t { width: 100%;"
        + " table-layout: fixed; " + (parts.length > 1 ? parts[1] : "") + " } td { padding: 4px; vertical-align: top;"
        + " background: #eef }"));
  }

  /** The same in a page whose content width is an odd number of dots (two 50% cells of a letterhead). */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"@page { size: A4; margin: 20mm 21mm }", "@page { size: letter; margin: 0.55in }",
      "@page { size: A4; margin: 15mm 17mm 15mm 23mm }"})
  void halvesOfAnOddWidth(String page) throws Exception {
    assertSameSharp("survey21-halves", drawnDirectly("<table class=\"head\" width=\"100%\" cellspacing=\"0\""
        + " cellpadding=\"0\"><tr><td width=\"50%\">Acme Trading Ltd<br>1 High Street</td><td width=\"50%\""
        + " style=\"text-align: right\">INVOICE<br>No. 2026-042</td></tr></table><p>Body text</p>",
        page + " body { font-size: 10pt } table.head { table-layout: fixed } td { background: #eee }"));
  }

  /** A background shorthand whose image is none: its colour draws, its repeat and position draw nothing. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"#ffeeaa none", "none repeat scroll 0 0 #ffeeaa", "#ffeeaa none no-repeat left top",
      "transparent none", "none", "rgb(255, 238, 170) none repeat-x 0% 0%"})
  void backgroundShorthandWithoutAnImage(String value) throws Exception {
    assertSameSharp("survey21-background", drawnDirectly("<div class=\"b\"><p>Amount due</p></div><p>After</p>",
        ".b { padding: 6pt; background: #0000ff; } .b { background: " + value + " }"));
  }

  /**
   * Attributes openhtmltopdf reads on some elements only: {@code name} on links and form fields, {@code rowspan}
   * and {@code colspan} on cells. On a div or a row they draw nothing, in both engines.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<div name=\"col-9\">Invoice INV/2026/0042</div>",
      "<table><tr rowspan=\"2\"><td>Cell</td><td>Other</td></tr><tr colspan=\"2\"><td>Next</td><td>Row</td></tr></table>"})
  void attributesReadOnOtherElementsOnly(String html) throws Exception {
    assertSame("survey21-attributes", drawnDirectly("<p>Before</p>" + html + "<p>After</p>", ""));
  }

  /**
   * Bootstrap 3's clearfix ({@code :before, :after { content: " "; display: table } :after { clear: both }}) on a
   * box holding no floats (a container, a panel, a form group): an empty table, drawn as nothing in either engine.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"", ".c { background: #eee }", ".c { margin-top: 20px } .c p { margin: 12px 0 }",
      ".c { padding: 6px; border: 1px solid #999 }", ".c:before { content: '' }", ".c { text-align: right }",
      ".c h3 { margin-top: 0 } .c p { margin-bottom: 0 }"})
  void bootstrapClearfixAroundNoFloats(String css) throws Exception {
    assertSameSharp("survey21-clearfix", drawnDirectly("<p>Before</p><div class=\"c\"><p>First</p><p>Second</p></div>"
        + "<div class=\"c\"><h3>Heading</h3><p>Third</p></div><div class=\"c\">Text alone</div><div class=\"c\">"
        + "<table><tr><td>Cell</td></tr></table></div><p>After</p>", ".c:before, .c:after { content: \" \";"
        + " display: table } .c:after { clear: both } " + css));
  }

  /**
   * Bootstrap 3's columns, floats of {@code position: relative} without offsets, in a row that holds them: drawn as
   * floats without it; an absolute box inside one, which it would place, is refused.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".row { overflow: hidden }", ".row:after { content: \"\"; display: block; clear: both }",
      ".row { overflow: hidden } .col { top: 0; left: 0 }"})
  void relativeColumnsWithoutOffsets(String css) throws Exception {
    assertSameSharp("survey21-relative-columns", drawnDirectly("<div class=\"row\"><div class=\"col\"><b>Acme Ltd</b>"
        + "<br>1 High Street<br>London</div><div class=\"col r\">INVOICE<br>No. 42</div></div><p>After the row.</p>",
        ".col { float: left; width: 50%; position: relative; min-height: 1px; padding: 0 10px; box-sizing: border-box }"
            + " .r { text-align: right } " + css));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".col { top: 4px }", ".col span { position: absolute; top: 0; right: 0 }"})
  void relativeColumnsOtherwiseAreRefused(String css) {
    RenderInput in = Canvas.input(HtmlCorpus.of("<div class=\"row\"><div class=\"col\">Acme<span>x</span></div>"
        + "<div class=\"col\">Two</div></div>", ".row { overflow: hidden } .col { float: left; width: 50%;"
        + " position: relative } " + css), "{}");
    assertThatThrownBy(() -> DIRECT.render(in)).isInstanceOf(Unsupported.class).hasMessageContaining("position");
  }

  /** A rule drawn as a bar: an hr of a set height, no border and a background (ERPNext's print formats). */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"height:2px;border-width:0;color:black;background-color:black",
      "height:1px;border:0;background:#999", "height:4px;border:none;background-color:#1b3a5c;margin:10px 0",
      "border-width:0;color:black;background-color:black;padding-bottom:2px", "height:3px;border-top:1px solid #333"})
  void ruleOfASetHeight(String style) throws Exception {
    assertSameSharp("survey21-hr", drawnDirectly("<p>Statement of account</p><hr style=\"" + style + "\"><p>After</p>",
        ""));
  }

  /** Text properties of the value inherit, the parent's whatever was declared before (Frappe's headings). */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2 { font-family: Courier } .x h2 { font-family: inherit }",
      ".x { font-family: Courier } .x h2 { font-family: Times } .x h2 { font-family: inherit }",
      ".x { font-variant: small-caps } h2 { font-variant: normal } .x h2 { font-variant: inherit }",
      ".x { text-transform: uppercase } .x h2 { text-transform: inherit }",
      ".x { letter-spacing: 2px } .x h2 { letter-spacing: 0 } .x h2 { letter-spacing: inherit }",
      "code { font-family: inherit }"})
  void textPropertiesOfTheValueInherit(String css) throws Exception {
    assertSameSharp("survey21-inherit", drawnDirectly("<div class=\"x\"><h2>Statement of account</h2><p>Body text"
        + " <code>INV-1</code></p></div>", css));
  }

  private static final String LOGO = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAHgAAAAoCAIAAAC6iKlyAAAAU0lEQVR42u3QQ"
      + "Q0AAAgEoGtiDxPZP4EtnA82EpDq4UAUiBaNaNGiLYgWjWjRoi2IFo1o0aIRLRrRokUjWjSiRYtGtGhEixaNaNGIFi0a0aIR/c8CS8ojk711sY"
      + "QAAAAASUVORK5CYII=";

  /**
   * A floated image (a statement's logo beside its title, both floats in a header that holds them): a box of the
   * image's size, placed as openhtmltopdf places a float.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".logo { float: left; width: 150px }", ".logo { float: left }",
      ".logo { float: right; width: 90px; margin: 4px 0 0 10px }", ".logo { float: left; height: 30px }",
      ".logo { float: left; width: 120px } .title { float: left; margin-left: 20px }",
      ".logo { float: left; width: 150px } .header { padding: 0 }", ".logo { float: left; width: 150px } .header { padding: 0; margin-left: 30px }",
      ".logo { float: left; width: 150px } .header { padding: 0; border: 5px solid #000 }", ".logo { float: left; width: 150px; margin: 10px }  .header { padding: 0 }",
      ".logo { float: left; width: 150px } .wrap { padding: 20px 25px; background: #eee }",
      ".logo { float: left; width: 150px } .header { padding: 5px 30px 0 12px } .wrap { padding: 10px }"})
  void floatedImages(String css) throws Exception {
    assertSameSharp("survey21-float-img", drawnDirectly("<div class=\"wrap\"><div class=\"header\"><img class=\"logo\" src=\"" + LOGO
        + "\" alt=\"Logo\"><div class=\"title\">CREDIT CARD STATEMENT<span>01 Jan 2024 to 30 Apr 2024</span></div>"
        + "</div></div><p>After the header.</p>", ".header { background-color: #FFC800; padding: 15px; overflow: hidden }"
        + " .title { float: right; font-size: 18pt; font-weight: bold; margin-top: 20px } .title span { display: block;"
        + " font-size: 9pt; font-weight: normal; text-align: right } " + css));
  }

  /**
   * A wrapper of the class the base sheet gives canvas page breaks ({@code <div class="page-break">} round each of
   * ERPNext's documents): it keeps its content's height, in both engines, and breaks the page after it.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"", ".page-break { padding: 10px 0; border-bottom: 1px dashed #888 }"})
  void pageBreakWrappers(String css) throws Exception {
    RenderInput in = drawnDirectly("<div class=\"page-break\"><h2>Statement 1</h2><p>First customer</p></div>"
        + "<div class=\"page-break\"><h2>Statement 2</h2><p>Second customer</p></div>", css);
    assertSameSharp("survey21-page-break-wrapper", in);
    java.util.List<String> pages = texts(DIRECT.render(in));
    assertThat(pages.get(0)).contains("Firstcustomer");
    assertThat(pages.get(1)).contains("Secondcustomer");
  }

  /**
   * A last box of {@code page-break-after: always}: openhtmltopdf opens a page after it only where a bottom margin
   * is pending there (its last paragraph's, or its own), else prints no blank page; the direct path had always
   * opened one.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<div class=x><p>First</p></div>|", "<div class=x><p>First</p></div>|padding-bottom: 10px",
      "<div class=x>First</div>|", "<div class=x><p style='margin:0'>First</p></div>|",
      "<div class=x><p>First</p></div>|border-bottom: 1px solid #000", "<div class=x><p>First</p></div>|margin-bottom: 10px",
      "<div class=x>First</div>|margin-bottom: 10px", "<p class=x>First</p>|", "<p class=x style='margin:0'>First</p>|",
      "<div class=x>First</div><div class=x>Second</div>|", "<div class=x>First</div><div></div>|"})
  void aLastPageBreak(String example) throws Exception {
    String[] parts = example.split("\\|", -1);
    assertSame("survey21-last-break", drawnDirectly("<p>Before</p>" + parts[0], ".x { page-break-after: always; "
        + parts[1] + " }"));
  }

  /**
   * A table of no width with a length's min-width (a statement's summary, {@code min-width: 280px}): widened to it
   * where its text leaves it narrower, as openhtmltopdf shares the width out; as its text where that is wider.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"border-collapse: collapse; min-width: 280px", "border-collapse: collapse; min-width: 80px",
      "border-collapse: collapse; min-width: 400px; border: 1px solid #333", "border-spacing: 0; min-width: 3in",
      "border-collapse: collapse; min-width: 280px; margin-left: auto"})
  void tableMinWidth(String css) throws Exception {
    String rows = "<tr><td>Opening balance</td><td class=\"n\">$4,210.55</td></tr><tr><td>Deposits</td><td class=\"n\">"
        + "$12,480.00</td></tr><tr class=\"end\"><td>Closing balance</td><td class=\"n\">$9,127.31</td></tr>";
    RenderInput in = Canvas.input(HtmlCorpus.of("<p>Summary</p><table class=\"s\">" + rows + "</table><p>After</p>",
        ".s { " + css + " } .s td { padding: 3px 8px } .s td.n { text-align: right } .s tr.end td { border-top: 1px solid"
        + " #333; font-weight: 700 }"), "{}");
    if (css.contains("auto")) {
      assertThatThrownBy(() -> DIRECT.render(in)).isInstanceOf(Unsupported.class).hasMessageContaining("min-width");
      return;
    }
    assertSameSharp("survey21-table-min-width", in);
  }

  /**
   * Headings set at a line height of at most their font size (a bold invoice's {@code h1 { font-size: 72px;
   * line-height: .85 }}, a modern sheet's {@code line-height: 1}): openhtmltopdf's half leading is then of the font
   * size, so the baseline sits lower than CSS's half leading would put it; and a number written {@code .85} is
   * 0.85 there (the direct path had read it as a length).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"font-size: 72px; line-height: .85", "font-size: 72px; line-height: 1", "font-size: 30px; line-height: 1",
      "font-size: 30px; line-height: 0.9", "font-size: 18pt; line-height: 1; font-weight: 900; letter-spacing: -1px",
      "font-size: 40px; line-height: .95; text-transform: uppercase", "font-size: 24px; line-height: 1.05"})
  void tightLineHeights(String css) throws Exception {
    assertSameSharp("survey21-tight", drawnDirectly("<h1>Invoice<span class=\"dot\">.</span></h1><p>Before</p>"
        + "<h2>Statement of account for the quarter</h2><p>After</p>", "h1, h2 { margin: 0; " + css + " }"
        + " .dot { color: #f60 } h2 { width: 300px }"));
  }

  /**
   * Tags and badges of letter-spacing (an inline-block div of no width: {@code .tag { display: inline-block;
   * letter-spacing: 2px; text-transform: uppercase }}): openhtmltopdf sizes the box by its text without the spacing
   * and lays the spaced text out in it, so "BILL TO" wraps and a spaced word reaches into the padding (measured).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<div class=\"tag\">Bill to</div>", "<div class=\"tag\">Paid</div>",
      "<div class=\"tag\">Event</div> <div class=\"tag b\">Due soon</div>", "<div class=\"tag b\">Invoice no.</div>",
      "<div class=\"tag\">Bill <b>to</b></div>"})
  void spacedTags(String html) throws Exception {
    assertSameSharp("survey21-spaced-tag", drawnDirectly("<p>Before</p>" + html + "<div>Fennick Games Ltd.</div><p>After</p>",
        ".tag { display: inline-block; background: #111; color: #fff; font-size: 9px; font-weight: 700;"
            + " text-transform: uppercase; letter-spacing: 2px; padding: 3px 7px; margin-bottom: 6px }"
            + " .b { border: 2px solid #f60; letter-spacing: 1px }"));
  }

  /**
   * An absolute block placed by both offsets after an inline image or text (a letterhead's address box beside the
   * logo), with nothing inline after it: the line before it ends there, and the box stands where its offsets put it.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<img src=\"LOGO\" alt=\"Logo\"> <div class=\"abs\">Jl. Raya Rungkut 18<br>Surabaya</div>",
      "Acme Trading <div class=\"abs\">Jl. Raya Rungkut 18</div>\n  <p>Next block</p>",
      "<img src=\"LOGO\" alt=\"Logo\"><div class=\"abs r\">Phone 031-8439120</div>"})
  void absoluteBlocksAfterInlineContent(String html) throws Exception {
    assertSameSharp("survey21-abs-after-inline", drawnDirectly("<div class=\"head\">" + html.replace("LOGO", LOGO)
        + "</div><p>After the header.</p>", ".head { border-bottom: 1px solid #333 } .abs { position: absolute; top: 9px;"
        + " left: 220px; font-size: 9pt } .r { left: auto; right: 10px }"));
  }

  /**
   * An inline-block div of several words and no width ("Acme Trading Ltd" at 10pt, found by a differential run of
   * random invoices): as wide as openhtmltopdf's measure, its pieces each rounded up, so its last word stays on the
   * line (the direct path had wrapped it).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"font-size: 10pt; line-height: 1", "font-size: 10pt", "font-size: 10pt; line-height: 0.9",
      "font-size: 9pt; font-weight: bold", "font-size: 11px; line-height: 1.4"})
  void inlineBlocksOfSeveralWords(String css) throws Exception {
    assertSameSharp("survey21-inline-block-words", drawnDirectly("<p>Before</p><div class=\"tag\">Acme Trading Ltd</div>"
        + " <div class=\"tag\">Payment within 14 days</div><p>After</p>", "body { font-family: Helvetica, Arial,"
        + " sans-serif; " + css + " } .tag { display: inline-block; background: #eef; padding: 2px 4px }"));
  }

  private static final String SHORT = "<h2>Rechnung 2026-118</h2><p>Sehr geehrte Damen und Herren,</p>"
      + "<p>vielen Dank für Ihren Auftrag.</p>";

  /**
   * html and body of a set height (an Odoo layout's {@code html, body { height: 100% }}, an mPDF letter's body of
   * 29.7cm): the body's box reaches past its content, and where it ends past the page's bottom openhtmltopdf prints
   * another page, blank (measured, a short letter of two pages); content taller than the box goes on over it.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"html, body { height: 100% }", "html, body { height: 100% } body { margin: 0 }",
      "html, body { height: 99% } body { margin: 0 }", "html, body { height: 95% }", "html { height: 100% }",
      "body { height: 100% }", "body { height: 29.7cm }", "body { height: 20cm }", "body { margin: 0; height: 728pt }",
      "html { height: 100% } body { height: 60%; margin: 0 }", "html { height: 600pt } body { height: 100% }",
      "html, body { height: 100% } body { background: #fff; margin: 0 }", "html, body { height: 100% } h2 { margin-top: 30pt }",
      "html, body { height: 100% } p { margin: 0 }", "body { height: 722pt } p { margin: 0 0 4pt }",
      "body { height: 727pt } p { margin: 0 0 4pt }", "html, body { height: 100% } body { margin: 10pt }",
      "html { height: 100% } body { margin: 10pt 0; height: 97% }"})
  void rootElementsOfASetHeight(String css) throws Exception {
    assertSame("survey21-root-height", drawnDirectly(SHORT, css));
    StringBuilder longer = new StringBuilder(SHORT);
    for (int i = 0; i < 90; i++) longer.append("<p>Position ").append(i).append(" of the order, delivered.</p>");
    assertSame("survey21-root-height-long", drawnDirectly(longer.toString(), css));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"html, body { height: 100% }"})
  void aShortDocumentOfAFullPageBodyPrintsTwoPages(String css) throws Exception {
    assertThat(texts(DIRECT.render(drawnDirectly(SHORT, css)))).hasSize(2);
  }
}
