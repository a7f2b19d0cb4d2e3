package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a fifth survey, of real published invoice templates (laravel-invoices' default, WooCommerce PDF Invoices'
 * "Simple", mailgun's billing e-mail, an invoice of tCableBilling), met: each construct drawn directly and printed
 * as openhtmltopdf prints it (text per page, page breaks, page images within 1%, word positions, as
 * {@link HtmlEquivalenceTest} compares).
 */
class HtmlSurvey14EquivalenceTest {
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());
  private static final RoutingPdfEngine ROUTING = new RoutingPdfEngine(DIRECT, HTML);

  private static final String STYLED = "p.a { font-size: 16pt; margin-left: 30pt; color: #1a56b0 }"
      + " .t { width: 100%; border-collapse: collapse } .t td { padding: 0.75rem; border-top: 1px solid #dee2e6 }";
  private static final String BODY = "<body><p class=\"a\">Invoice INV/2026/00042</p><table class=\"t\"><tr><td>Seller"
      + "</td><td>Buyer</td></tr><tr><td>Roosevelt Lane Design</td><td>Harbour &amp; Finch LLP</td></tr></table>"
      + "<p>Amount in words: three thousand and sixty-one euro</p></body>";

  /**
   * laravel-invoices' default template and tCableBilling's invoice hold their whole style sheet in a
   * {@code <style type="text/css" media="screen">}: openhtmltopdf renders for print and leaves such a sheet out
   * (measured: screen, a media query, any case; print or all among commas keep it, and the type it does not read),
   * so those invoices print in the base style, and so does the direct path now. It had refused the attributes.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"type=\"text/css\" media=\"screen\"", "media=\"only screen and (max-width: 600px)\"",
      "media=\"SCREEN\"", "media=\"print and (min-width: 1px)\"", "type=\"text/css\"", "media=\"print\"",
      "media=\"screen, print\"", "media=\" ALL \"", "media=\"\"", "type=\"text/less\"",
      "type=\"text/css\" rel=\"stylesheet\" media=\"all\""})
  void aStyleElementForTheScreenIsLeftOut(String attributes) throws Exception {
    String html = "<html><head><style " + attributes + ">" + STYLED + "</style></head>" + BODY + "</html>";
    assertSame("survey14-media", drawnDirectly(html, ""));
  }

  /** A sheet left out is not judged either: what it holds is never drawn. */
  @Test
  void aStyleElementForTheScreenIsNotJudged() {
    String html = "<html><head><style media=\"screen\">p { display: inline-block; float: left }</style></head>"
        + BODY + "</html>";
    assertThat(HtmlEquivalenceTest.refusal(html, "")).isNull();
  }

  private static RenderInput withData(String html, String css, String data) {
    tools.jackson.databind.node.ObjectNode layout = HtmlCorpus.of(html, css);
    assertThat(Plan.of(layout, PageSetup.DEFAULT).refusal()).as("why it is not drawn directly").isNull();
    return Canvas.input(layout, data);
  }

  /**
   * Markup the data prints, as laravel-invoices' notes ({@code {!! $invoice->notes !!}}) and WooCommerce's shop
   * address (lines joined by {@code <br/>}) print it: {@code {{{…}}}} and {@code {{&…}}} in the template, judged
   * at publish where text would stand, and the document with the data's markup in it judged as it is laid out.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<p>Notes: {{{notes}}}</p><div class=\"addr\">{{{address}}}</div>",
      "<p>Notes: {{&notes}}</p><div class=\"addr\">{{& address }}</div>",
      "<p>Notes: {{~{notes}~}}</p><table class=\"t\"><tr><td class=\"addr\">{{{address}}}</td><td>{{{price}}}</td></tr></table>",
      "<div class=\"addr\"><h3>{{shop}}</h3>{{{address}}}</div><p class=\"{{cls}}\">{{{notes}}}</p>"})
  void markupFromTheData(String html) throws Exception {
    String data = "{\"notes\": \"Please quote <strong>INV/2026/00042</strong> with your payment.<br>Thank you"
        + " for your <em>business</em>!\", \"address\": \"1 Commerce Way<br/>Bristol BS1 4DJ<br/>United Kingdom\","
        + " \"price\": \"<span class=\\\"amount\\\"><bdi>&pound;12.50</bdi></span>\", \"shop\": \"Sample Shop\","
        + " \"cls\": \"n\"}";
    assertSame("survey14-raw", withData(html, ".addr { color: #555555; line-height: 1.4 } .t { width: 100% }"
        + " .n { margin-top: 12pt }", data));
  }

  /**
   * Markup from the data that the direct path does not draw, or a style sheet from it (whose page rules the
   * plan does not hold), sends that document to openhtmltopdf, named.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<fieldset>Legal</fieldset>|the element <fieldset> (markup from the data)",
      "<style>p { color: red }</style>x|a <style> element from the data (markup from the data)",
      "<ol start=\\\"3\\\"><li>x</li></ol>|the attribute 'start' on ol (markup from the data)",
      "<span style=\\\"float: left\\\">x</span>|floats their parent does not hold"})
  void markupFromTheDataOutsideTheSubsetGoesToOpenhtmltopdf(String setup) throws Exception {
    String[] parts = setup.split("\\|");
    RenderInput in = withData("<div>{{{notes}}}</div><p>After</p>", "", "{\"notes\": \"" + parts[0] + "\"}");
    assertThatThrownBy(() -> DIRECT.render(in)).isInstanceOf(Unsupported.class).hasMessageContaining(parts[1]);
    assertThat(ROUTING.render(in)).isEqualTo(HTML.render(in));
  }

  /** A raw block prints its text unfilled: still refused, named. */
  @Test
  void aRawBlockIsNamed() {
    assertThat(HtmlEquivalenceTest.refusal("<p>{{{{raw}}}}{{notes}}{{{{/raw}}}}</p>", ""))
        .isEqualTo("a raw block ({{{{raw}}}}…{{{{/raw}}}})");
  }

  /**
   * WooCommerce's prices wrap the amount in {@code <bdi>}, and its Simple template's footer holds mPDF's
   * {@code <htmlpagefooter name="…">}: inline boxes without style in openhtmltopdf (its default sheet gives bdi
   * only a direction), drawn as a span is.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "<table class=\"t\"><tr><td>Subtotal</td><td class=\"price\"><span class=\"amount\"><bdi><span class=\"sym\">"
          + "&pound;</span>1,250.00</bdi></span> <small>via Flat rate</small></td></tr></table>",
      "<p>Total <strong><bdi>&euro;3,061.30</bdi></strong> (includes <bdi>&euro;531.30</bdi> VAT)</p>",
      "<div id=\"footer\"><htmlpagefooter name=\"docFooter\"><!-- required for mPDF engine -->\n Sample Shop Ltd"
          + " &middot; Registered in England 01234567\n</htmlpagefooter></div><p>After</p>",
      "<htmlpageheader name=\"h\">Sample Shop</htmlpageheader><p>Body</p>"})
  void bdiAndMpdfsPageFooterAreInlineBoxes(String html) throws Exception {
    assertSame("survey14-inline", drawnDirectly(html, ".t { width: 100% } .price { text-align: right; width: 40% }"
        + " #footer { text-align: center; border-top: 0.1mm solid gray; padding-top: 2mm }"
        + " bdi { font-weight: bold }"));
  }

  /**
   * WooCommerce's Simple template sets {@code page-break-inside: always} on its tables and rows, not a value
   * of the property: openhtmltopdf drops the declaration and the one cascaded before stays (measured: avoid then
   * always keeps the box whole; always alone breaks inside it). The direct path had refused it.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".k { page-break-inside: always }", ".k { page-break-inside: avoid } .k2 { page-break-inside: always }",
      ".k { page-break-inside: avoid; page-break-inside: never }", "table { page-break-inside: always } .k { }"})
  void pageBreakInsideAlwaysIsDropped(String css) throws Exception {
    String html = "<div style=\"height: 640pt\"></div><div class=\"k k2\"><p>One</p><p>Two</p><p>Three</p><p>Four</p>"
        + "</div><table><tr><td>Subtotal</td><td>12.00</td></tr></table>";
    assertSame("survey14-break-inside", drawnDirectly(html, css));
  }

  /**
   * mailgun's billing e-mail sets {@code body { height: 100% }}: a % of the html element's automatic height, none
   * in openhtmltopdf (measured over one page and four); the direct path had refused it.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"3|body { height: 100% }", "90|body { height: 100%; line-height: 1.6 }",
      "3|body { height: 50%; background-color: #f6f6f6 }", "3|body { width: 100% !important; height: 100%;"
          + " background-color: #f6f6f6 }", "3|body { height: 100%; border: 2px solid #cc0000 }",
      "40|body { height: 100%; margin: 30px; border-top: 3px solid #333333 }"})
  void aPercentHeightOnTheBodyIsNone(String setup) throws Exception {
    String[] parts = setup.split("\\|");
    String html = "<p>First</p>" + "<p>Para</p>".repeat(Integer.parseInt(parts[0])) + "<p>Last</p>"
        + "<div style=\"background: #cccccc\">After</div>";
    assertSame("survey14-body-height", drawnDirectly(html, parts[1]));
  }

  /**
   * tCableBilling's bill table has no width (its sheet is for the screen) and a newline after each cell's text:
   * each column is as wide as its text, and openhtmltopdf, counting the space after the first word as it lays the
   * line out, breaks "SKU-0100" after its hyphen, where the direct path had drawn it whole on one line. Such a
   * document went to openhtmltopdf; since words are broken where openhtmltopdf breaks them
   * (HtmlInnerBreakEquivalenceTest) it is drawn directly, broken after the hyphen too. A word with nowhere to
   * break, or a space-free cell, is drawn whole.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"SKU-0100\n", "SKU-0100", "00100\n", "SKU-0100 \n", "2026/12"})
  void aTableSizedToItsTextBreaksAHyphenatedFirstWordBeforeItsSpace(String cell) throws Exception {
    String html = "<table><tr><td>" + cell.replace("\\n", "\n") + "</td><td>February 2024</td><td>858.19 BDT</td>"
        + "<td>6007.33 TK</td><td>5406.60 BDT</td><td>600.73 BDT</td></tr></table>";
    assertSame("survey14-hyphen", drawnDirectly(html, ""));
  }

  /**
   * Postmark's receipt e-mail ends its sheet with {@code @media (prefers-color-scheme: dark)}, and e-mails keep
   * {@code @media only screen and (max-width: 600px)} blocks: openhtmltopdf applies a block only for a list of
   * plain media types naming print or all, and leaves it out whole when the list holds a query with features or a
   * keyword anywhere (measured: {@code screen and (max-width: 600px), print} too, which the direct path had
   * applied), the rules after it kept. The direct path had refused the dark-mode query.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"(prefers-color-scheme: dark)", "screen and (max-width: 600px), print", "not screen", "tv",
      "print and (min-width: 1px)", "only print", "PRINT", "screen, print", "all", "speech"})
  void aMediaQueryWithFeaturesLeavesItsBlockOut(String query) throws Exception {
    String css = "p.x { color: #333333 } @media " + query + " { p.x { font-size: 20pt; margin-left: 50px; color: #FFFFFF }"
        + " .purchase_item { color: #FFF !important } } p.y { margin-left: 20px }";
    String html = "<p class=\"x\">Hi Olivia,</p><p class=\"y\">Thanks for using Acme.</p><table><tr>"
        + "<td class=\"purchase_item\">Service 1</td><td>$ 19.99</td></tr></table>";
    assertSame("survey14-media-query", drawnDirectly(html, css));
  }

  /** Postmark's receipt gives the body a {@code bgcolor}, which openhtmltopdf does not paint (measured). */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"bgcolor=\"#F2F4F6\"", "bgcolor=\"#ff0000\" style=\"color: #51545E; margin: 0\""})
  void aBgcolorOnTheBodyIsNotPainted(String attributes) throws Exception {
    RenderInput in = drawnDirectly("<html><body " + attributes + "><p>Hi Olivia,</p></body></html>", "");
    assertSame("survey14-bgcolor", in);
    assertThat(HtmlEquivalenceTest.fillColours(DIRECT.render(in))).doesNotContain(0xff0000, 0xf2f4f6);
  }

  /**
   * Postmark's receipt gives a cell {@code cellpadding} and {@code cellspacing}, attributes of a table: openhtmltopdf
   * reads them on the table only (measured), and so does the direct path.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<td cellpadding=\"30\" cellspacing=\"30\">Hello</td>",
      "<td class=\"email-body\" width=\"270\" cellpadding=\"0\" cellspacing=\"0\" style=\"padding: 0\">Hello</td>",
      "<th cellpadding=\"12\">Hello</th>"})
  void aCellsOwnCellpaddingIsIgnored(String cell) throws Exception {
    assertSame("survey14-cellpadding", drawnDirectly("<table style=\"border-collapse: collapse\" cellpadding=\"4\"><tr>"
        + cell + "<td>World</td></tr></table>", ""));
  }

  private static final String BOOTSTRAP_TABLE = "<table class=\"table\"><thead><tr><th>Description</th><th>Sub total</th>"
      + "</tr></thead><tbody>{{#each items}}<tr><td>{{this}}</td><td>12.00</td></tr>{{/each}}</tbody></table>";

  /**
   * laravel-invoices' sheet is Bootstrap 4's, with {@code .table tbody + tbody { border-top: 2px solid }}: a
   * sibling selector the publish check matched against any sibling, the element itself included, since a block
   * may repeat it. Where no Handlebars block and no markup from the data stands between an element's children in
   * the template, they are the document's, and the selector is matched as openhtmltopdf matches it: a table's one
   * tbody has no tbody before it.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"", "<table class=\"table mt-5\"><tbody><tr><td>Invoice</td></tr></tbody></table>",
      "<p>Before</p>\n<table class=\"table\">\n<tbody>\n<tr><td>Seller</td><td>Buyer</td></tr>\n</tbody>\n</table>"})
  void anAdjacentSiblingSelectorOfFixedChildren(String before) throws Exception {
    RenderInput in = withData(before + BOOTSTRAP_TABLE, ".table { width: 100%; border-collapse: collapse }"
        + " .table td, .table th { padding: 0.75rem; border-top: 1px solid #dee2e6 }"
        + " .table tbody + tbody { border-top: 2px solid #dee2e6 }", "{\"items\": [\"Website\", \"Hosting\"]}");
    assertSame("survey14-fixed-siblings", in);
  }

  /** Where a block or the data's markup may add a sibling, the rule is judged as before: named. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<table class=\"table\">{{#each groups}}<tbody><tr><td>x</td></tr></tbody>{{/each}}</table>",
      "<table class=\"table\"><tbody><tr><td>x</td></tr></tbody>{{#if more}}<tbody><tr><td>y</td></tr></tbody>{{/if}}</table>",
      "<table class=\"table\"><tbody><tr><td>x</td></tr></tbody>{{{more}}}</table>",
      "<table class=\"table\"><tr><td>x</td></tr></table>"})
  void anAdjacentSiblingSelectorWhereABlockMayRepeatIsNamed(String html) {
    assertThat(HtmlEquivalenceTest.refusal(html, ".table tbody + tbody { border-top: 2px solid #dee2e6 }"))
        .isEqualTo("a border on tbody that its cells' do not cover");
  }

  /**
   * laravel-invoices' {@code body { background-color: #fff }} (Bootstrap's reboot): white paint on the white page
   * under everything, laid out as a body that paints nothing. Over a page break, with a first block's top margin at
   * the body's edge (its table's {@code mt-5}), the direct path had sent the document to openhtmltopdf.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"body { background-color: #fff; margin: 36pt }", "body { background: #ffffff }",
      "body { background-color: white; margin: 0 } .t { margin-top: 3rem }"})
  void aWhiteBodyAcrossPages(String css) throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 1; i <= 70; i++) rows.append("<tr><td>Item ").append(i).append("</td><td>12.00</td></tr>");
    assertSame("survey14-white-body", drawnDirectly("<table class=\"t\" style=\"margin-top: 36pt; width: 100%\">"
        + rows + "</table><p>Amount in words</p>", css));
  }

  /** A body of another colour, or a white one with a border, is still laid out as a painted box: named. */
  @Test
  void aBodyOfAnotherColourAcrossPagesIsNamed() {
    StringBuilder rows = new StringBuilder();
    for (int i = 1; i <= 70; i++) rows.append("<tr><td>Item ").append(i).append("</td></tr>");
    RenderInput in = drawnDirectly("<table style=\"margin-top: 36pt\">" + rows + "</table>",
        "body { background-color: #fefefe }");
    assertThatThrownBy(() -> DIRECT.render(in)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("top margin at its edge");
  }
}
