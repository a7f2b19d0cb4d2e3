package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an eighth survey met: fifteen public templates written for other engines (mPDF, dompdf, WeasyPrint,
 * PhantomJS, Chromium), rendered as found, of which the direct path had drawn one. Each construct it draws now is
 * drawn directly and printed as openhtmltopdf prints it (text per page, page breaks, page images within 1%, as
 * {@link HtmlEquivalenceTest} compares); what it still leaves to openhtmltopdf is named.
 */
class HtmlSurvey18EquivalenceTest {
  private static final String ITEMS = "<table class=\"t\"><thead><tr><th>Item</th><th>Amount</th></tr></thead>"
      + "<tbody><tr><td>Website design</td><td>300.00</td></tr><tr><td>Hosting (3 months)</td><td>75.00</td></tr>"
      + "</tbody></table>";

  /**
   * Attributes openhtmltopdf never reads (a framework's {@code ref} and {@code v-if}, {@code for} on a cell, a
   * stray CSS declaration written as an attribute, {@code contenteditable}) draw nothing there: they had sent a
   * template to openhtmltopdf by name.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<div ref=\"header\" v-if=\"shown\"><p>Invoice 2026-0042</p></div>" + ITEMS,
      "<p>Invoice 2026-0042</p><table class=\"t\" page-break-inside:=\"\" avoid;=\"\"><tr><td for=\"x\">Website"
          + " design</td><td>300.00</td></tr></table>",
      "<p contenteditable=\"true\" spellcheck=\"false\" x-data=\"{}\">Invoice 2026-0042</p>" + ITEMS})
  void attributesOpenhtmltopdfNeverReadsAreDrawnDirectly(String html) throws Exception {
    assertSame("survey18-attributes", drawnDirectly(html, "table.t { width: 100%; } td, th { padding: 4px; }"));
  }

  /** Those it reads for what it draws, and the direct path does not, stay with it, named. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<a href=\"https://example.com/i.pdf\" download=\"i.pdf\">Invoice</a>|the attribute"
      + " 'download' on a", "<ol start=\"3\"><li>a</li></ol>|the attribute 'start' on ol",
      "<table><tr><td background=\"x.png\">a</td></tr></table>|the attribute 'background' on td",
      "<ol><li value=\"4\">a</li></ol>|the attribute 'value' on li", "<p fs-page-break-min-height=\"2\">a</p>|the"
      + " attribute 'fs-page-break-min-height' on p"})
  void attributesOpenhtmltopdfReadsAreNamed(String example) {
    String[] parts = example.split("\\|");
    assertThat(refusal("<p>x</p>" + parts[0], "")).isEqualTo(parts[1]);
  }

  /**
   * An element openhtmltopdf's default style sheet does not name ({@code <ninja>} of Invoice Ninja's designs,
   * {@code <time>}, {@code <q>}, a custom element) is a bare inline box there, styled by the author's sheet only:
   * drawn as a span is.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<p>VAT number: <ninja>SE556677889901</ninja></p>",
      "<p>Issued <time datetime=\"2026-12-05\">5 December 2026</time>, <q>net 30</q></p>",
      "<p>Status: <status-badge class=\"b\">Paid</status-badge> in full</p>"})
  void unstyledElementsAreInlineBoxes(String html) throws Exception {
    assertSame("survey18-inline", drawnDirectly(html + ITEMS, ".b { color: #1a7f37; font-weight: bold; }"
        + " table.t { width: 100%; }"));
  }

  /**
   * A form (an order form's frame, WeasyPrint's letter sample), {@code <details>}, {@code <dialog>} and
   * {@code <hgroup>} are blocks in openhtmltopdf's default sheet; a form also gets a bottom margin of 1em.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<form><p>Order form</p>" + "<p>Please tick what you need.</p></form><p>After the form</p>",
      "<hgroup><h1>Quote Q-17</h1><p>Valid 30 days</p></hgroup><details><p>Terms</p></details><p>After</p>",
      "<div class=\"box\"><form class=\"f\">Reference 2026-0042</form>Below the form</div>"})
  void formsAndOtherBareBlocks(String html) throws Exception {
    assertSame("survey18-blocks", drawnDirectly(html + ITEMS, ".f { padding: 4px; border: 1px solid #333; }"
        + " table.t { width: 100%; }"));
  }

  private static final String LONG = "<table class=\"t\"><thead><tr><th>Date</th><th>Amount</th></tr></thead><tbody>"
      + "<tr><td>2026-11-01 Card payment, Harbourside Dental Group</td><td>120.00</td></tr>".repeat(80)
      + "</tbody></table>";

  private static final String IMG = "<img class=\"logo\" src=\"" + dev.platen.render.Canvas.pngDataUri()
      + "\" alt=\"ACME\">";

  /**
   * An image of {@code display: block} (Tailwind's preflight gives every image one, with {@code max-width: 100%}
   * and {@code height: auto}): a box as tall as the image with no line around it, at its left margin or between
   * auto margins, its vertical margins meeting its neighbours'. It had sent the template to openhtmltopdf.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"img { display: block; vertical-align: middle; max-width: 100%; height: auto; }",
      "img { display: block; } .logo { width: 200px; margin: 0 auto; }",
      "img { display: block; } .logo { margin: 10px 0 0 30px; } p { margin: 12px 0; }",
      "img { display: block; } .logo { margin-top: 20px; } p { margin: 0; }",
      "img { display: block; } .logo { width: 60px; margin-left: auto; }",
      "img { display: block; margin: 0 auto; }",
      "img { display: block; } .card { padding: 10px; background-color: #eeeeee; } .logo { height: 24px; }"})
  void imagesOfDisplayBlock(String css) throws Exception {
    String html = "<p>Invoice 2026-0042</p><div class=\"card\">" + IMG + "<p>Bill to: Acme Corp.</p></div>" + IMG
        + ITEMS;
    assertSame("survey18-image-block", drawnDirectly(html, css + " table.t { width: 100%; }"));
  }

  /**
   * With padding, and at its own size with a bottom margin or after a block with one, which openhtmltopdf does not
   * collapse as CSS says (measured), such an image stays with openhtmltopdf, named (in a table cell it is drawn:
   * HtmlSurvey20EquivalenceTest).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<table><tr><td>IMG</td><td>Invoice</td></tr></table>|img { display: block; padding: 4px }|a"
      + " box style, offset, page break or % margin around img.logo, which has display: block", "<p>Invoice</p>IMG"
      + "|img { display: block; }|a bottom margin before img.logo, which has display: block and no width and height",
      "IMG<p>Bill to</p>|img { display: block; margin-bottom: 10px; }|a bottom margin on img.logo, which has display:"
      + " block and no width and height"})
  void imagesOfDisplayBlockOutsideTheSubsetAreNamed(String example) {
    String[] parts = example.split("\\|");
    assertThat(refusal("<p>x</p>" + parts[0].replace("IMG", IMG), parts[1])).isEqualTo(parts[2]);
  }

  /**
   * Sized by a width and a height, its margins and those of the blocks around it collapse as a block's do
   * (measured, 128 combinations of a block before, its margins and a block after, in the flow, a cell, a bordered
   * box and a box of margins, as an img and as an svg: each where openhtmltopdf puts it).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<p>Invoice</p>IMG<p>Bill to</p>|img { display: block }",
      "IMG<p>Bill to</p>|img { display: block; margin-bottom: 10px }",
      "<h2>Invoice</h2>IMG<h2>Items</h2>|img { display: block; margin: 12px 0 20px }",
      "<div class=\"w\"><p>Invoice</p>IMG<p style=\"margin-top: 12px\">Bill to</p></div>|img { display: block;"
          + " margin-bottom: 20px } .w { margin: 10px 0 }"})
  void imagesOfDisplayBlockCollapseTheirMargins(String example) throws Exception {
    String[] parts = example.split("\\|");
    assertSame("survey18-image-margins", drawnDirectly("<p>x</p>" + parts[0].replace("IMG",
        IMG.replace("<img ", "<img width=\"120\" height=\"40\" ")) + "<p>After</p>",
        parts[1]));
  }

  /**
   * {@code max-height} on an image (a logo capped at 60px, WooCommerce's and Invoice Ninja's templates), with a
   * {@code max-width} too (a % of its container outside table cells): the image scaled down to fit inside both, its
   * ratio kept, as openhtmltopdf's sizeReplacedElement clamps it; an image smaller than that keeps its size.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".logo { max-height: 20px; }", ".logo { max-height: 80px; }",
      ".logo { max-height: 12mm; display: block; } p { margin: 0; }", ".logo { max-width: 10%; }",
      ".logo { max-width: 65%; max-height: 20px; vertical-align: middle; }", ".logo { max-width: 10%; max-height: 20px; }",
      ".logo { max-width: 15%; max-height: 60px; display: block; margin: 0 auto; } p { margin: 0; }"})
  void maxHeightOnAnImage(String css) throws Exception {
    assertSame("survey18-max-height", drawnDirectly("<p>Invoice 2026-0042</p>" + IMG + "<p>Bill to</p>" + ITEMS,
        css + " table.t { width: 100%; }"));
  }

  /** Beside a width or on another element, max-height stays with openhtmltopdf, named. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".logo { max-height: 20px; width: 100px; }|max-height with a width or height on img.logo",
      "p { max-height: 20px; }|CSS property 'max-height' on p"})
  void maxHeightOutsideTheSubsetIsNamed(String example) throws Exception {
    String[] parts = example.split("\\|");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DirectPdfEngine(dev.platen.render.EngineSettings
        .defaults()).render(dev.platen.render.Canvas.input(dev.platen.render.HtmlCorpus.of("<p>x</p>" + IMG, parts[0]),
        "{}"))).isInstanceOf(Unsupported.class).hasMessageContaining(parts[1]);
  }

  /**
   * A block of a width under a wider max-width, centred by auto margins (a page-wide wrapper: {@code width: 100%;
   * max-width: 800px; margin: 0 auto}): the max-width changes nothing, in openhtmltopdf as in CSS. One that narrows
   * the block stays refused (see HtmlRoutingTest).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"#invoice { width: 100%; max-width: 800px; margin: 0 auto; padding: 30px 20px 40px; }",
      "#invoice { width: 300px; max-width: 400px; margin: 0 auto; background-color: #f4f4f4; }",
      "#invoice { width: 60%; max-width: 90%; margin-left: auto; }"})
  void anAutoMarginWithAWiderMaxWidth(String css) throws Exception {
    assertSame("survey18-max-width", drawnDirectly("<div id=\"invoice\"><p>Invoice 2026-0042</p>" + ITEMS
        + "</div><p>After</p>", css + " table.t { width: 100%; }"));
  }

  /**
   * An inline element holding only blocks and drawing nothing (Invoice Ninja's {@code <ninja>} round its divs, a
   * span round a table): openhtmltopdf splits it round them into anonymous boxes, so the blocks stand as its
   * parent's would, in its inherited style.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<div class=\"grid\"><ninja>\n  <div class=\"l\"><h1>Receipt</h1></div>\n</ninja>"
      + "<p>Paid in full</p></div>", "<p>To</p><ninja><p>VAT number: SE556677889901</p></ninja><p>Thank you</p>",
      "<span class=\"c\"><div>Coloured block</div>" + ITEMS + "</span><p>After</p>",
      "<div class=\"box\"><ninja><p>First</p><p>Second</p></ninja></div>",
      "<ninja><h2>Items</h2></ninja><ninja> <p>Second</p> </ninja><p>After both</p>",
      "<h1>Statement</h1><ninja><p>Opening balance</p>LONG<p>Closing balance</p></ninja><p>Thank you</p>"})
  void anInlineElementHoldingOnlyBlocks(String html) throws Exception {
    assertSame("survey18-wrapper", drawnDirectly(html.replace("LONG", LONG), ".c { color: #1a56b0; font-size: 14px; }"
        + " .box { padding: 8px; border: 1px solid #999999; } p { margin: 10px 0; } table.t { width: 100%; }"));
  }

  /**
   * {@code position: absolute} without {@code left} or {@code right} on a child of the body with a width (the
   * address window of a DIN 5008 letter: {@code top: 45mm; width: 85mm}): at its static left edge, the body's
   * left margin, as openhtmltopdf places it. With a left padding on the body (which openhtmltopdf leaves out of
   * that edge, measured) it stays refused.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"body { margin: 0; } .addr { position: absolute; top: 40mm; width: 85mm; }",
      ".addr { position: absolute; top: 20mm; width: 60mm; margin-left: 10px; }",
      "body { margin: 0; padding: 12px 0; } .addr { position: absolute; top: 30mm; width: 70mm; height: 30mm; }"
          + " .addr p { margin: 0; }"})
  void anAbsoluteBoxAtItsStaticLeftEdge(String css) throws Exception {
    assertSame("survey18-static-left", drawnDirectly("<p>Musterfirma GmbH, Hauptstraße 12, 10115 Berlin</p>"
        + "<div class=\"addr\"><p>Harbourside Dental Group LLC<br>Am Hafen 3<br>20457 Hamburg</p></div>"
        + "<h1>Rechnung 2026-0042</h1>" + ITEMS, css + " table.t { width: 100%; } h1 { margin-top: 80mm; }"));
  }

  @org.junit.jupiter.api.Test
  void anAbsoluteBoxWithoutLeftOrRightInABodyWithPaddingIsNamed() {
    assertThat(refusal("<div class=\"addr\">x</div>", "body { padding: 12px; } .addr { position: absolute; top: 30mm;"
        + " width: 70mm; }")).isEqualTo("position: absolute without one of left and right, on div.addr");
  }

  /**
   * A table of no width with {@code min-width: 100%} (Invoice Ninja's statements), in automatic or fixed layout, is
   * as wide as its container, as {@code width: 100%} makes it.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"table.t { min-width: 100%; }", "table.t { min-width: 100%; table-layout: fixed; }",
      "table.t { min-width: 100%; table-layout: fixed; padding-top: 1rem; border: 0px solid #000; } td { text-align:"
          + " center; }"})
  void aTableOfMinWidth100Percent(String css) throws Exception {
    assertSame("survey18-min-width", drawnDirectly("<p>Statement</p>" + ITEMS, css));
    assertSame("survey18-min-width-attribute", drawnDirectly("<p>Statement</p>" + ITEMS.replace("<table",
        "<table width=\"100%\" cellspacing=\"0\""), css));
  }

  /** {@code !important} in an {@code @page} rule (Invoice Ninja's): it wins over later declarations, as the cascade has it. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"@page { margin: 10mm 20mm !important; } @page { margin: 30mm; }",
      "@page { margin: 15mm !important; }", "@page { size: A5 !important; margin-top: 12mm; } @page { size: A4; }"})
  void importantInAPageRule(String css) throws Exception {
    assertSame("survey18-page-important", drawnDirectly("<p>Statement</p>" + ITEMS, css + " table.t { width: 100%; }"));
  }

  /**
   * A logo in a {@code position: fixed} header (dompdf's pattern, a Laravel cash statement's), here in the top page
   * margin: drawn on every page with the header's text, where it covers none of the page's text (openhtmltopdf paints it over the flow, the
   * direct engine under the text).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<header><img src=\"IMG\" style=\"height: 30px\"> Cash statement</header>",
      "<header><table width=\"95%\"><tr><td width=\"50%\">Juanda International Airport</td><td><img"
          + " src=\"IMG\" width=\"80\"></td></tr></table></header>"})
  void anImageInAFixedHeader(String header) throws Exception {
    String html = header.replace("IMG", dev.platen.render.Canvas.pngDataUri()) + "<p>Statement</p>LONG";
    assertSame("survey18-fixed-image", drawnDirectly(html.replace("LONG", LONG), "header { position: fixed; top: -18mm;"
        + " left: 0; right: 0; height: 15mm; } table.t { width: 100%; }"));
  }

  /** Over the text of a page, it stays with openhtmltopdf, named when the document is drawn. */
  @org.junit.jupiter.api.Test
  void anImageInAFixedHeaderOverTextIsNamed() {
    var input = drawnDirectly("<header><img src=\"" + dev.platen.render.Canvas.pngDataUri() + "\"></header><p>Statement"
        + " of account</p>", "header { position: fixed; top: 0; left: 0; right: 0; } body { margin: 0; }");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DirectPdfEngine(dev.platen.render.EngineSettings
        .defaults()).render(input)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("an image in a position: fixed element over the text of a page");
  }

  /**
   * A font weight that is no weight ({@code font-weight: none}, the cash statement's) is dropped, as openhtmltopdf's
   * parser drops it, and the weight cascaded before stays.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<p><b>Total: <span style=\"font-weight: none\">1,234.00</span></b></p>",
      "<p>Total: <span class=\"w\">1,234.00</span></p>"})
  void aFontWeightThatIsNoWeight(String html) throws Exception {
    assertSame("survey18-weight", drawnDirectly(html + ITEMS, ".w { font-weight: bold; } .w { font-weight: heavy; }"
        + " table.t { width: 100%; }"));
  }

  /**
   * Templates written for mPDF: its {@code <sethtmlpageheader name="…" value="on">} (an element openhtmltopdf does
   * not know, whose attributes it never reads), its {@code @page} properties ({@code header: html_header}, which
   * openhtmltopdf's parser drops), and {@code direction: ltr} (the initial direction).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<sethtmlpageheader name=\"myheader\" value=\"on\" show-this-page=\"1\"></sethtmlpageheader>"
      + "<p>Delivery note DN-0042</p>|", "<p>Delivery note DN-0042</p>|@page { header: html_header; footer:"
      + " html_footer; margin-top: 30mm; margin-header: 5mm; }", "<p>General ledger</p>|body { direction: ltr; }"})
  void mpdfMarkupOpenhtmltopdfIgnores(String example) throws Exception {
    String[] parts = example.split("\\|", -1);
    assertSame("survey18-mpdf", drawnDirectly(parts[0] + ITEMS, parts[1] + " table.t { width: 100%; }"));
  }

  @org.junit.jupiter.api.Test
  void anotherDirectionIsNamed() {
    assertThat(refusal("<p>x</p>", "p { direction: rtl; }")).isEqualTo("CSS value 'rtl' for 'direction' on p");
  }

  /**
   * {@code @font-face} rules that load nothing (Lago's receipt: {@code src: local("Inter-Thin")}; a web font's URL,
   * which Platen does not fetch): the family stays unknown in both engines, and the list goes on to what is
   * bundled. One with a {@code data:} font stays with openhtmltopdf.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"@font-face { font-family: 'Inter'; font-weight: 100; src: local(\"Inter-Thin\"); }",
      "@font-face { font-family: 'Brand'; src: url(https://fonts.example.com/brand.woff2) format('woff2'); }"})
  void fontFacesThatLoadNothing(String face) throws Exception {
    assertSame("survey18-font-face", drawnDirectly("<p>Receipt R-0042</p>" + ITEMS, face + " body { font-family:"
        + " 'Inter', 'Brand', sans-serif; } table.t { width: 100%; }"));
    assertThat(refusal("<p>x</p>", "@font-face { font-family: 'Brand'; src: url(data:font/woff2;base64,AAAA); }"))
        .isEqualTo("CSS @font-face rule");
  }

  /**
   * A table of a width under a max-width at least as wide (Sylius' layout table: {@code width: 100%; max-width:
   * 1000px; margin: 0 auto}): the max-width changes nothing. One that would narrow the table stays refused, named.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"table.t { width: 100%; max-width: 1000px; margin: 0 auto; border-spacing: 10px; }",
      "table.t { width: 300px; max-width: 90%; }"})
  void aTableUnderAWiderMaxWidth(String css) throws Exception {
    assertSame("survey18-table-max-width", drawnDirectly("<p>Invoice</p>" + ITEMS, css));
    assertThat(refusal("<p>Invoice</p>" + ITEMS, "table.t { width: 100%; max-width: 200px; }"))
        .isEqualTo("a max-width narrower than the width of table.t");
  }

  /**
   * Top and bottom margins on the html element (Crater's {@code html { margin: 0; margin-top: 50px; margin-bottom:
   * 25px }}): page 1's flow starts that much lower, the body's margin below it. Side margins stay refused.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"html { margin: 0px; padding: 0px; margin-top: 50px; margin-bottom: 25px; }",
      "html { margin-top: 20mm; } body { margin-top: 12px; }", "html { margin-top: 50px; } h1 { margin-top: 30px; }"})
  void marginsOnTheHtmlElement(String css) throws Exception {
    assertSame("survey18-html-margin", drawnDirectly("<h1>Invoice INV-0042</h1><p>Opening balance</p>LONG"
        .replace("LONG", css.contains("margin-bottom") ? ITEMS : LONG), css + " table.t { width: 100%; }"));
    assertThat(refusal("<p>x</p>", "html { margin-left: 10px; }")).isEqualTo("a box style on the html element");
  }

  /**
   * A font-family list with a quoted name and no comma after it (Frappe's certificate: {@code "Inter" sans-serif}):
   * openhtmltopdf parts it after the quoted name, so sans-serif is bundled DejaVu Sans there; without quotes
   * ({@code Inter sans-serif}) it is one unknown family, which it sets in Times-Roman (measured), refused here.
   */
  @org.junit.jupiter.api.Test
  void aQuotedFamilyWithoutAComma() throws Exception {
    assertSame("survey18-family", drawnDirectly("<p class=\"c\">Certificate of completion</p>" + ITEMS,
        ".c { font-family: \"Inter\" sans-serif; font-size: 20pt; } table.t { width: 100%; font-family: 'Open Sans'"
            + " serif; }"));
    assertThat(refusal("<p>x</p>", "p { font-family: Inter sans-serif; }")).startsWith("CSS font-family 'Inter"
        + " sans-serif' (none of it is set in DejaVu Sans");
  }

  /**
   * Side margins on an image in a line of text (Frappe's certificate: a logo of {@code height: 3rem; margin-right:
   * 0.5rem} before the name): room beside it on the line, as openhtmltopdf leaves it; top and bottom margins, which
   * would change the line's height, stay refused.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".logo { height: 3rem; margin-right: 0.5rem; }", ".logo { height: 20px; margin: 0 12px 0 30px; }",
      ".logo { height: 14px; margin-left: 6px; vertical-align: middle; }"})
  void sideMarginsOnAnImageInALine(String css) throws Exception {
    assertSame("survey18-image-margins", drawnDirectly("<p>" + IMG + "ACME Learning, certificate of completion for"
        + " Harbourside Dental Group " + IMG + " issued 5 December 2026, valid for three years from the date of issue"
        + "</p>" + ITEMS, css + " table.t { width: 100%; }"));
    assertThat(refusal("<p>Logo " + IMG + " text</p>", ".logo { margin-top: 4px; }"))
        .isEqualTo("a box style or position on img.logo in a line of text");
  }

  /**
   * A table under {@code box-sizing: border-box} (Bigcapital's {@code *, *::before, *::after} rule) with a top or
   * bottom border only (its ledger's rule above the head): no width changes. Side borders or padding, with which
   * openhtmltopdf sizes the table otherwise (measured, columns 2-22 pt off), stay refused.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"table.t { width: 100%; border-top: 1px solid #000; table-layout: fixed; border-spacing: 0; }",
      "table.t { width: 90%; border-top: 2px solid #000; border-bottom: 1px solid #000; padding-top: 4px; }"})
  void aBorderBoxTableWithATopBorder(String css) throws Exception {
    assertSame("survey18-border-box-table", drawnDirectly("<p>General ledger</p>" + ITEMS, "*, *::before, *::after {"
        + " box-sizing: border-box; } " + css));
    assertThat(refusal("<p>x</p>" + ITEMS, "* { box-sizing: border-box; } table.t { width: 100%; border: 1px solid #000; }"))
        .isEqualTo("a side border or padding on table.t with box-sizing: border-box");
  }

  /**
   * A transparent border (Bigcapital's ledger cells: {@code border-bottom: 1px solid transparent}): it takes its
   * room and paints nothing, in separated and collapsed borders alike, square or rounded.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"td { border-bottom: 1px solid transparent; padding: 4px; }",
      "table.t { border-collapse: collapse; } td { border: 3px solid transparent; } th { border-bottom: 1px solid #000; }",
      "table.t { border-collapse: collapse; } td { border-bottom: 2px solid transparent; } tr + tr td { border-top: 1px"
          + " solid #999; }", "p { border: 2px solid transparent; border-radius: 4px; padding: 4px; }"})
  void transparentBorders(String css) throws Exception {
    var input = drawnDirectly("<p>General ledger</p>" + ITEMS, css + " table.t { width: 100%; }");
    assertSame("survey18-transparent", input);
    // a thin line is too few pixels for the image comparison: the colours filled must be the same too
    HtmlEquivalenceTest.assertSameFills(input);
  }
}
