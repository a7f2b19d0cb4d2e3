package dev.platen.render.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import dev.platen.testing.Pdfs;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which HTML layouts the direct engine draws: decided on the template, with the first construct outside the subset
 * named, and documents that turn out to need the HTML engine only once their data is in handed to it.
 */
class HtmlRoutingTest {
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());
  private static final RoutingPdfEngine ROUTING = new RoutingPdfEngine(DIRECT, HTML);

  static JsonNode layout(String html, String css) {
    ObjectNode layout = Canvas.JSON.createObjectNode();
    layout.put("html", html);
    if (css != null) layout.put("css", css);
    return layout;
  }

  static Stream<Arguments> outsideTheSubset() {
    String table = "<table class=\"t\"><tr><td>a</td><td>b</td></tr></table>";
    return Stream.of(
        Arguments.of("<div class=\"note\">x</div>", ".note { float: right; max-width: 50%; }",
            "a float without a width, div.note"),
        Arguments.of("<div><div class=\"f\">x</div><p>text flows around it</p></div>", ".f { float: left; width: 30%; }",
            "content beside a float (clear it with clear: both), p"),
        Arguments.of("<div class=\"h\"><div class=\"f\">x</div></div><p>y</p>", ".f { float: left; width: 30%; }",
            "floats their parent does not hold (give it overflow: hidden), in div.h"),
        Arguments.of("<p>Pay <span class=\"f\">x</span></p>", ".f { float: left; width: 30%; }",
            "a float beside text, span.f"),
        Arguments.of("<p>{{{{raw}}}}{{bio}}{{{{/raw}}}}</p>", null, "a raw block ({{{{raw}}}}…{{{{/raw}}}})"),
        Arguments.of("<fieldset><legend>one</legend></fieldset>", null, "the element <fieldset>"),
        Arguments.of("<ul style=\"list-style: circle\"><li>one</li></ul>", null, "CSS value 'circle' for 'list-style' on ul"),
        Arguments.of("<p>a</p><hr style=\"border: 2px ridge #ccc\"><p>b</p>", null, "CSS border style 'ridge' on hr"),
        Arguments.of("<p><a href=\"https://example.com\">link</a></p>", "a { text-decoration: overline; }",
            "CSS text-decoration 'overline' on a"),
        Arguments.of(table, "table.t { width: 100%; border-collapse: collapse; } tr { border-bottom: 3px double #000; }",
            "a double border with collapsed borders, on tr"),
        Arguments.of("<table class=\"t\"><tr><td>a</td><td>b</td></tr><tr><td colspan=\"2\">c</td></tr></table>",
            "table.t { width: 100%; border-spacing: 0; } td { width: 50%; }",
            "a percentage width on a cell spanning columns in table.t"),
        Arguments.of("<table class=\"t\"><tr><td colspan=\"2\">a</td></tr><tr><td colspan=\"2\">b</td></tr></table>",
            "table.t { border-spacing: 0; }", "a table column that only spanning cells cover, in table.t"),
        Arguments.of(table, "table.t { table-layout: fixed; border-spacing: 0; }",
            "table-layout: fixed on a table without a width, on table.t"),
        Arguments.of("<table class=\"t\"><tfoot><tr><td>a</td></tr></tfoot><tfoot><tr><td>b</td></tr></tfoot></table>",
            "table.t { width: 100%; border-spacing: 0; }", "a second <tfoot> in table.t"),
        Arguments.of("<table class=\"t\"><tr><td>a <br>b</td><td>c</td></tr></table>",
            "table.t { width: 100%; border-spacing: 0; } td { white-space: pre-line; }",
            "white-space: pre, pre-line or pre-wrap in a table with automatic layout"),
        Arguments.of(table, "table.t { width: 100%; border-spacing: 0; } td { width: 3em; }",
            "the width '3em' on td in table.t"),
        Arguments.of("<table class=\"t\"><thead><tr><td>h</td></tr></thead><tfoot><tr><td>f</td></tr></tfoot>"
            + "<tbody><tr><td>a</td></tr></tbody></table>", "table.t { width: 100%; -fs-table-paginate: paginate; }",
            "a running table footer (-fs-table-paginate) with border-spacing, on table.t"),
        Arguments.of("<p class=\"x\">x</p>", "p.x:hover { color: red; }", "CSS selector 'p.x:hover' on p.x"),
        Arguments.of("<p>x</p>", "@media print { @font-face { font-family: x; src: url(data:font/ttf;base64,AAAA); } }", "CSS @font-face rule"),
        Arguments.of("<p>x</p>", "@page { size: A5; @bottom-left { content: string(title); } }",
            "CSS content 'string(title)' in @bottom-left (strings, counter(page), counter(pages) and element() alone"
                + " are drawn directly)"),
        Arguments.of("<p>x</p>", "@page :left { margin-top: 0; }", "a CSS @page rule with a selector ('@page :left')"),
        Arguments.of("<p>x</p>", "@page { size: B5; }", "CSS value 'B5' for 'size' in @page"),
        Arguments.of("{{#if big}}<style>@page { size: A3; }</style>{{/if}}<p>x</p>", null,
            "a CSS @page rule in a <style> element after a Handlebars block tag (put it in the layout's css)"),
        Arguments.of("<p id=\"{{c}}\">x</p>", null, "a Handlebars tag in the 'id' attribute of p#{{c}}"),
        Arguments.of("<p class=\"a {{#if x}}b{{/if}}\">x</p>", ".b { text-indent: 5%; }",
            "CSS value '5%' for 'text-indent' on p.a"),
        // a cell's height attribute is drawn (HtmlCssMoreEquivalenceTest); a percentage one is not
        Arguments.of("<table><tr><td height=\"40%\">x</td></tr></table>", null, "CSS value '40%' for 'height' on td"),
        Arguments.of("<table class=\"t\"><tr><td colspan=\"2\" style=\"width: 50%\">x</td></tr>"
            + "<tr><td>a</td><td>b</td></tr></table>", "table.t { width: 100%; table-layout: fixed; border-spacing: 0; }",
            "a width on a cell spanning columns in the first row of table.t"),
        Arguments.of("<p>{{qr (lower link)}}</p>", null, "the qr helper (its image is placed by the HTML engine)"),
        Arguments.of("<p style=\"text-align: justify\">Pay here: {{qr link}}</p>", null,
            "an image in a justified paragraph"),
        Arguments.of("<p>x</p>", "p { border: 1px ridge #000; }", "CSS border style 'ridge' on p"),
        Arguments.of("<p>x</p>", "p { text-align: match-parent; }", "CSS value 'match-parent' for 'text-align' on p"),
        Arguments.of("<p>a <button>2</button></p>", null, "the element <button>"),
        // a family openhtmltopdf does not know: its default, Times-Roman
        Arguments.of("<p>x</p>", "p { font-family: 'Courier New'; }",
            "CSS font-family ''Courier New'' (none of it is set in DejaVu Sans, as sans-serif, serif, Arial, Helvetica, Georgia and the other usual families are) on p"),
        // openhtmltopdf draws these in its built-in Times-Roman and Courier: no family set in DejaVu in the list
        Arguments.of("<p>x</p>", "p { font-family: 'Brandon Grotesque', Frutiger; }",
            "CSS font-family ''Brandon Grotesque', Frutiger' (none of it is set in DejaVu Sans, as sans-serif, serif, Arial, Helvetica, Georgia and the other usual families are) on p"),
        Arguments.of("<p>x</p>", "p { font-family: 'Droid Sans Fallback', ZapfDingbats, monospace; }",
            "CSS font-family ''Droid Sans Fallback', ZapfDingbats, monospace' (none of it is set in DejaVu Sans, as sans-serif, serif, Arial, Helvetica, Georgia and the other usual families are) on p"),
        // pseudo-classes openhtmltopdf does not have drop their rule in both engines (HtmlCssMoreEquivalenceTest)
        Arguments.of("<div><p>x</p></div>", "p:nth-child(x) { color: red; }", "CSS selector 'p:nth-child(x)' on p"),
        Arguments.of("<div class=\"h\">x</div>", ".h { display: inline-block; width: 50%; vertical-align: bottom; }",
            "vertical-align: bottom on an inline-block div, div.h"),
        Arguments.of("<p>x</p>", "p { text-transform: full-width; }", "CSS value 'full-width' for 'text-transform' on p"),
        Arguments.of("<p>x</p>", "p { box-sizing: padding-box; }", "CSS value 'padding-box' for 'box-sizing' on p"),
        // not a colour name of CSS's or openhtmltopdf's (those of CSS it lacks, 'lightgray', are dropped as there)
        Arguments.of("<p>x</p>", "p { color: bluish; }", "CSS colour 'bluish' on p"),
        // openhtmltopdf's FontPropertyBuilder drops a shorthand giving a word twice
        Arguments.of("<p>x</p>", "p { font: bold bold 12px Arial, sans-serif; }",
            "CSS value 'bold bold 12px Arial, sans-serif' for 'font' (give it a size in a unit, after style, variant"
                + " and weight words each at most once) on p"),
        Arguments.of("<p>x</p>", "p { font: 12px/1.5 Frutiger; }",
            "CSS font-family 'Frutiger' (none of it is set in DejaVu Sans, as sans-serif, serif, Arial, Helvetica, Georgia and the other usual families are) on p"),
        // % padding is not drawn directly yet; % margins in a cell are found before the cell's width (openhtmltopdf)
        Arguments.of("<p>x</p>", "p { padding: 0 5%; }", "CSS value '0 5%' for 'padding' on p"),
        Arguments.of("<table><tr><td><p>x</p></td></tr></table>", "p { margin: 3% 0 0 0; }",
            "a % margin on the body, an hr or a block in a table cell on p"),
        Arguments.of("<p>x</p>", "p { width: 50%; max-width: 200px; margin: 0 auto; }",
            "an auto margin with width and max-width on p"),
        Arguments.of("<p>x</p>", "p { width: 50%; margin: 0 10px 0 auto; }",
            "an auto margin-left beside a margin-right on p"),
        Arguments.of("<table class=\"t\"><tr><td>a</td></tr></table>",
            "table.t { width: 50%; border-spacing: 0; margin: 0 auto; table-layout: fixed; }",
            "an auto margin on table.t with table-layout: fixed"),
        Arguments.of("<p>x</p>", "p { color: rgba(0, 0, 0, 0.125); }", "CSS colour 'rgba(0, 0, 0, 0.125)' on p"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("outsideTheSubset")
  void constructsOutsideTheSubsetGoToTheHtmlEngineNamed(String html, String css, String reason) throws Exception {
    JsonNode layout = layout(html, css);
    assertThat(RoutingPdfEngine.choose(layout, PageSetup.DEFAULT))
        .isEqualTo(new RoutingPdfEngine.Choice("html", reason));
  }

  /**
   * What real templates write first: a font list with a bundled family anywhere in it, structural pseudo-classes,
   * flex and grid (which openhtmltopdf ignores), box-sizing, text-transform and CSS colour names.
   */
  @ParameterizedTest(name = "{1}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "<p>x</p>|p { font-family: Helvetica, Arial, sans-serif; }",
      "<p>x</p>|p { font-family: \"Helvetica Neue\", Helvetica, Arial, SANS-SERIF; }",
      "<p>x</p>|p { font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, sans-serif; }",
      "<p>x</p>|p { font-family: Georgia, serif; }",
      "<p>x</p>|p { font-family: Arial, 'DejaVu Sans'; }",
      "<table class=t><tr><td>a</td><td>b</td></tr></table>|table.t { width: 100%; border-spacing: 0; }"
          + " tr:nth-child(even) td { background: #f5f5f5; } td:first-child { color: red; }"
          + " tr:last-child td { border: none; } tr:nth-child(odd) td:nth-child(-n+1) { color: teal; }",
      "<div class=h><div>a</div><div>b</div></div>|.h { display: flex; justify-content: space-between; gap: 10px;"
          + " align-items: center; } .h div { flex: 1; } .g { display: grid; grid-template-columns: 1fr 1fr; }",
      "<div class=b>x</div>|* { box-sizing: border-box; } .b { width: 50%; padding: 10px; }",
      "<p>x</p>|p { text-transform: uppercase; } p { text-transform: none; }",
      "<p>x</p>|p { color: slategray; background-color: aliceblue; border-bottom: 1px solid lightgrey; }",
      "<div class=b>x</div>|.b { width: 60%; margin: 0 auto; } body { max-width: 800px; margin: 0 auto; }",
      "<p class=x>x</p>|.x { color: red !important; } p.x { color: blue; }",
      "<p>x</p>|body { font: 13px/1.6 'Helvetica Neue', Helvetica, Arial, sans-serif; } p { font: italic bold 9pt/12pt serif; }"})
  void whatRealTemplatesWriteIsDrawnDirectly(String html, String css) {
    assertThat(RoutingPdfEngine.choose(layout(html, css), PageSetup.DEFAULT))
        .isEqualTo(new RoutingPdfEngine.Choice("direct", null));
  }

  @Test
  void rulesThatMatchNothingDoNotMatter() {
    JsonNode layout = layout("<div class=\"box\">Hello <b>{{name}}</b></div>",
        ".note { float: right; } a:hover { color: red; } .box { padding: 4pt; border: 1px solid #ccc; }");
    assertThat(RoutingPdfEngine.choose(layout, PageSetup.DEFAULT)).isEqualTo(new RoutingPdfEngine.Choice("direct",
        null));
    PageSetup pdfa = new PageSetup("A4", false, "20mm", "20mm", "20mm", "20mm", true, true);
    assertThat(RoutingPdfEngine.choose(layout, pdfa).engine()).isEqualTo("html");
  }

  @Test
  void theCorpusIsRoutedDirect() throws Exception {
    for (String name : HtmlCorpus.NAMES) {
      assertThat(RoutingPdfEngine.choose(HtmlCorpus.layout(name), PageSetup.DEFAULT).engine()).as(name)
          .isEqualTo("direct");
    }
    RenderInput invoice = HtmlCorpus.input("invoice");
    assertThat(ROUTING.render(invoice)).isEqualTo(DIRECT.render(invoice));
  }

  /**
   * Classes and declarations the data chooses are judged on each document: a template is drawn directly when its
   * literal ones are inside the subset, and a document whose data picks an unsupported one goes to the HTML engine.
   */
  @Test
  void classesAndStylesFromTheDataAreJudgedPerDocument() throws Exception {
    JsonNode layout = layout("<p class=\"amt {{#if neg}}neg{{/if}}\" style=\"padding: 2pt; color: {{c}}\">{{v}}</p>",
        ".amt { text-align: right; } .neg { color: #b00020; }");
    assertThat(RoutingPdfEngine.choose(layout, PageSetup.DEFAULT)).isEqualTo(new RoutingPdfEngine.Choice("direct", null));
    RenderInput red = Canvas.input(layout, "{\"neg\": true, \"c\": \"#b00020\", \"v\": \"-12.00\"}");
    assertThat(HtmlEquivalenceTest.fillColours(DIRECT.render(red))).contains(0xb00020);
    RenderInput odd = Canvas.input(layout, "{\"neg\": false, \"c\": \"rgba(0,0,0,.125)\", \"v\": \"12.00\"}");
    assertThatThrownBy(() -> DIRECT.render(odd)).isInstanceOf(Unsupported.class).hasMessageContaining("rgba");
    assertThat(ROUTING.render(odd)).isEqualTo(HTML.render(odd));
  }

  /**
   * A block choosing a start tag's class or style ({@code <tr{{#if optional}} class="optional"{{/if}}>}, in the
   * quote of {@link HtmlSurvey23EquivalenceTest}) is judged as a class or style the data chooses: the template goes
   * direct when both branches' are inside the subset, and each document is drawn as openhtmltopdf draws it. Any
   * other attribute in such a block, and a branch holding more than attributes, keep the template on openhtmltopdf.
   */
  @Test
  void attributesChosenByABlockInsideTheTag() throws Exception {
    JsonNode layout = layout("<table class=\"items\">{{#each items}}<tr{{#if optional}} class=\"optional\"{{/if}}>"
        + "<td>{{name}}</td><td{{#unless optional}} style=\"font-weight: bold\"{{else}} class=\"dim\"{{/unless}}>"
        + "{{amount}}</td></tr>{{/each}}</table><p class=\"note\"{{#if late}} style=\"color: #b00020\"{{/if}}>"
        + "Thank you.</p>", "table.items { width: 100%; border-collapse: collapse } .optional td { color: #888888;"
        + " font-style: italic } tr td.dim { color: #999999 } .note { margin-top: 12px }");
    assertThat(RoutingPdfEngine.choose(layout, PageSetup.DEFAULT)).isEqualTo(new RoutingPdfEngine.Choice("direct", null));
    RenderInput in = Canvas.input(layout, "{\"late\": true, \"items\": [{\"name\": \"Solar array\", \"amount\": \"7,200.00\","
        + " \"optional\": false}, {\"name\": \"Battery storage\", \"amount\": \"5,400.00\", \"optional\": true}]}");
    HtmlEquivalenceTest.assertSame("attribute-blocks", in);
    assertThat(HtmlEquivalenceTest.fillColours(DIRECT.render(in))).contains(0xb00020, 0x888888, 0x999999);
    // the branch's unsupported style is judged at publish, as a literal one would be
    assertThat(RoutingPdfEngine.choose(layout("<p{{#if a}} class=\"x\"{{else}} style=\"text-indent: 5%\"{{/if}}>y</p>",
        null), PageSetup.DEFAULT).reason()).contains("text-indent");
    for (String refused : new String[] {"<td{{#if wide}} colspan=\"2\"{{/if}}>x</td>",
        "<p{{#if a}} class=\"x\" {{b}}{{/if}}>y</p>", "<p{{#if a}} class=\"x\"{{else if b}} class=\"y\"{{/if}}>z</p>"}) {
      assertThat(RoutingPdfEngine.choose(layout(refused, null), PageSetup.DEFAULT).engine()).as(refused).isEqualTo("html");
    }
  }

  /**
   * openhtmltopdf keeps at least two lines of a paragraph on each side of a page break (widows and orphans), moving
   * the paragraph's block whole where it must. Text straight in a box with a background, which would move the box
   * itself, is left to it: pushing such boxes down point by point finds a break that meets one, and the document
   * whose break it meets still prints the same.
   */
  @Test
  void aPageBreakLeavingOneLineOfTextInABoxGoesToTheHtmlEngine() throws Exception {
    String text = "A note in a shaded box, long enough to wrap onto three lines at this width, written as a terms"
        + " block often is, straight in its box without a paragraph around it, so that a page break meets it.";
    RenderInput found = null;
    for (int pt = 0; pt <= 60 && found == null; pt += 2) {
      RenderInput input = Canvas.input(layout("<div class=\"gap\"></div>" + ("<div class=\"note\">" + text
          + "</div>").repeat(24), "@page { size: A5; margin: 20mm } .gap { height: " + pt + "pt }"
          + " .note { background: #eef; margin-bottom: 6pt }"), "{}");
      try {
        DIRECT.render(input);
      } catch (Unsupported e) {
        // other boxes meet the break at other heights
        if (e.getMessage().contains("a page break leaving one line of a paragraph alone")) found = input;
      }
    }
    assertThat(found).as("a gap that leaves one line of a box's text at a page break").isNotNull();
    assertThat(ROUTING.render(found)).isEqualTo(HTML.render(found));
  }

  @Test
  void anUnsupportedTemplateRendersAsTheHtmlEngineRendersIt() throws Exception {
    RenderInput input = Canvas.input(layout("<div class=\"note\">Hello {{name}}</div>",
        ".note { float: right; max-width: 50%; }"),
        "{\"name\":\"Ada\"}");
    assertThat(ROUTING.render(input)).isEqualTo(HTML.render(input));
  }

  @Test
  void dataTheFontOrTheLayoutCannotTakeFallsBackAtRenderTime() throws Exception {
    RenderInput invoice = HtmlCorpus.input("invoice");
    ObjectNode data = (ObjectNode) invoice.data().deepCopy();
    ((ObjectNode) data.path("customer")).put("name", "شركة المثال");
    RenderInput arabic = new RenderInput(invoice.layout(), data, invoice.page(), invoice.title(),
        invoice.documentDate(), false);
    assertThatThrownBy(() -> DIRECT.render(arabic)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("shaping or bidi");
    assertThat(ROUTING.render(arabic)).isEqualTo(HTML.render(arabic));

    // rows of two lines, not kept whole, under a repeated header with border-spacing: fine while the table fits, the
    // HTML engine's once a page break cuts a row after its first line (openhtmltopdf cuts it there, below the header:
    // matched without border-spacing only)
    JsonNode loose = layout("<table class=\"t\"><thead><tr><th>Row</th></tr></thead><tbody>{{#each rows}}<tr><td>"
        + "{{this}}<br>second line</td></tr>{{/each}}</tbody></table>", "table.t { width: 100%; table-layout: fixed;"
        + " border-spacing: 0 1pt; -fs-table-paginate: paginate } td { padding: 3pt; }");
    RenderInput few = Canvas.input(loose, "{\"rows\":[\"a\",\"b\",\"c\"]}");
    assertThat(ROUTING.render(few)).isEqualTo(DIRECT.render(few));
    StringBuilder rows = new StringBuilder("[");
    for (int i = 0; i < 200; i++) rows.append(i == 0 ? "" : ",").append("\"row ").append(i).append('"');
    RenderInput many = Canvas.input(loose, "{\"rows\":" + rows + "]}");
    assertThatThrownBy(() -> DIRECT.render(many)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("cut by a page break");
    byte[] routed = ROUTING.render(many);
    assertThat(routed).isEqualTo(HTML.render(many));
    assertThat(Pdfs.pages(routed)).isGreaterThan(1);
  }

  /**
   * A word broken inside across an inline box (a {@code <span>} with a background) goes to openhtmltopdf; a
   * hyphenated word alone is broken after its hyphens as there, and so is one across text nodes of two styles
   * (HtmlInnerBreakEquivalenceTest, HtmlWordBreakEquivalenceTest).
   */
  @Test
  void aWordAcrossAnInlineBoxAtALineEndGoesToTheHtmlEngineAndAHyphenatedWordNoLonger() throws Exception {
    JsonNode narrow = layout("<div class=\"n\">{{text}} <span class=\"k\">ABC-</span>2026-000142</div>",
        ".n { width: 30mm; } .k { background: #eee; }");
    JsonNode hyphenated = layout("<div class=\"n\">{{text}}</div>", ".n { width: 30mm; }");
    RenderInput plain = Canvas.input(hyphenated, "{\"text\":\"short words only here and there\"}");
    assertThat(ROUTING.render(plain)).isEqualTo(DIRECT.render(plain));
    RenderInput hyphen = Canvas.input(hyphenated, "{\"text\":\"reference number ABC-2026-000142-XYZ\"}");
    assertThat(ROUTING.render(hyphen)).isEqualTo(DIRECT.render(hyphen));
    RenderInput styled = Canvas.input(narrow, "{\"text\":\"reference number here\"}");
    assertThatThrownBy(() -> DIRECT.render(styled)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("a word it might break inside (ABC-2026-000142)");
    assertThat(ROUTING.render(styled)).isEqualTo(HTML.render(styled));
  }

  /**
   * Automatic table layout sizes unsized columns by their text, as openhtmltopdf does, so a long word widens its
   * column in both engines; text that cannot fit the table is widened as openhtmltopdf widens the table, past the
   * page's content area too, and an ISO date broken after its hyphens in a column at its least width goes to the
   * HTML engine.
   */
  @Test
  void automaticTableLayoutFollowsTheDataAndTextWiderThanTheContainerGoesToTheHtmlEngine() throws Exception {
    JsonNode auto = layout("<table class=\"t\"><tr><td class=\"a\">{{a}}</td><td>{{b}}</td><td>{{c}}</td></tr></table>",
        "table.t { width: 60mm; border-spacing: 0; } td.a { width: 10%; }");
    assertThat(RoutingPdfEngine.choose(auto, PageSetup.DEFAULT).engine()).isEqualTo("direct");
    RenderInput fits = Canvas.input(auto, "{\"a\":\"short\",\"b\":\"the rest of the line\",\"c\":\"12.50\"}");
    assertThat(ROUTING.render(fits)).isEqualTo(DIRECT.render(fits));
    RenderInput long1 = Canvas.input(auto, "{\"a\":\"Donaudampfschiff\",\"b\":\"rest\",\"c\":\"1\"}");
    assertThat(ROUTING.render(long1)).isEqualTo(DIRECT.render(long1));
    assertThat(HtmlEquivalenceTest.texts(DIRECT.render(long1))).isEqualTo(HtmlEquivalenceTest.texts(HTML.render(long1)));
    // wider than the table but not than its container: widened as openhtmltopdf widens it (survey 17)
    RenderInput wider = Canvas.input(auto,
        "{\"a\":\"Donaudampfschifffahrtsgesellschaftskapitän\",\"b\":\"Rechtsschutzversicherungsgesellschaften\",\"c\":\"1\"}");
    assertThat(ROUTING.render(wider)).isEqualTo(DIRECT.render(wider));
    assertThat(HtmlEquivalenceTest.texts(DIRECT.render(wider))).isEqualTo(HtmlEquivalenceTest.texts(HTML.render(wider)));
    RenderInput wide = Canvas.input(auto, "{\"a\":\"Donaudampfschifffahrtsgesellschaftskapitän\","
        + "\"b\":\"Rechtsschutzversicherungsgesellschaften\",\"c\":\"Grundstücksverkehrsgenehmigungszuständigkeit\"}");
    // wider than the page's content area: drawn directly too, cut off at its edge (HtmlWideTableEquivalenceTest)
    assertThat(ROUTING.render(wide)).isEqualTo(DIRECT.render(wide));
    assertThat(HtmlEquivalenceTest.texts(DIRECT.render(wide))).isEqualTo(HtmlEquivalenceTest.texts(HTML.render(wide)));
    // but not where a column at its least width breaks a word inside and a piece fills its line (an ISO date)
    RenderInput dated = Canvas.input(auto, "{\"a\":\"2026-12-01\","
        + "\"b\":\"Rechtsschutzversicherungsgesellschaften\",\"c\":\"Grundstücksverkehrsgenehmigungszuständigkeit\"}");
    assertThatThrownBy(() -> DIRECT.render(dated)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("a word it might break inside");
    assertThat(ROUTING.render(dated)).isEqualTo(HTML.render(dated));
  }

  /** bench/Load.java's HTML invoice (an unsized three-column table, its @page in a <style> element) is drawn directly. */
  @Test
  void theBenchInvoiceIsDrawnDirectly() throws Exception {
    JsonNode layout = Canvas.JSON.readTree(HtmlCorpus.benchTemplate()).path("layout");
    assertThat(RoutingPdfEngine.choose(layout, PageSetup.DEFAULT)).isEqualTo(new RoutingPdfEngine.Choice("direct", null));
  }

  /** Its openhtmltopdf variant (BENCH_LAYOUT=openhtml) is not: what a template outside the subset costs. */
  @Test
  void theBenchInvoiceWithARotatedHeadingGoesToOpenhtmltopdf() throws Exception {
    JsonNode layout = Canvas.JSON.readTree(HtmlCorpus.benchOpenhtmlTemplate()).path("layout");
    RoutingPdfEngine.Choice choice = RoutingPdfEngine.choose(layout, PageSetup.DEFAULT);
    assertThat(choice.engine()).isEqualTo("html");
    assertThat(choice.reason()).contains("transform on h1");
  }
}
