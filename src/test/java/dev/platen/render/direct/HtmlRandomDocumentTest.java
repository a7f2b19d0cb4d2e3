package dev.platen.render.direct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Documents no template author would write, from a fixed seed: nested blocks, tables of up to 120 rows, lists,
 * images and inline elements under random declarations. Whatever the publish-time check sends to the direct engine
 * must be drawn or handed to openhtmltopdf ({@link Unsupported}), never fail the render with an exception of the
 * engine's own: a render fails only for what the template or data did wrong.
 */
class HtmlRandomDocumentTest {
  private static final String[] TAGS = {"div", "p", "span", "table", "h1", "h2", "ul", "b", "em", "section",
      "strong", "small", "td", "tr", "th", "br", "hr", "img", "a", "thead", "tbody", "tfoot", "ol", "li", "dl", "dt",
      "dd", "pre"};
  private static final String[] DECLARATIONS = {"width: 50%", "width: 120px", "max-width: 300px", "padding: 4px 8px",
      "margin: 10px auto", "margin-left: auto", "border: 1px solid #333", "border-bottom: 2px dashed red",
      "border-collapse: collapse", "border-spacing: 4px", "float: left", "float: right", "clear: both",
      "text-align: right", "text-align: center", "font-size: 14pt", "font-size: 0.8em", "font-weight: bold",
      "line-height: 1.6", "background: #eef", "background-color: rgba(0,0,0,0.1)", "color: #555", "display: block",
      "display: inline-block", "display: table", "display: table-cell", "display: none", "vertical-align: top",
      "vertical-align: middle", "white-space: nowrap", "white-space: pre", "overflow: hidden",
      "position: absolute; top: 10px; right: 10px", "position: relative", "height: 40px", "height: 100%",
      "min-height: 20px", "letter-spacing: 1px", "text-transform: uppercase", "page-break-inside: avoid",
      "page-break-before: always", "border-radius: 6px", "box-sizing: border-box", "table-layout: fixed",
      "word-wrap: break-word", "text-decoration: underline", "list-style: none", "list-style-position: inside",
      "padding: 0", "margin: 0", "font-family: Helvetica, Arial, sans-serif", "font-style: italic",
      "transform: rotate(-20deg)", "border-left: 4px solid #06c", "width: 0", "padding: 50%", "margin-top: -10px",
      "font-size: 0", "line-height: 0", "width: 2000px", "height: 3000px", "border-width: 40px; border-style: solid",
      "letter-spacing: -3px", "text-align: justify", "font-size: 72pt", "word-spacing: 4px"};
  private static final String[] WORDS = {"Invoice", "Total", "1,234.56", "Lorem ipsum dolor sit amet consectetur",
      "Supercalifragilisticexpialidocious-long/word", "", " ", "Due 2026-12-01", "VAT 21%", "€ 99,00",
      "a b c d e f g h i j k l m n o p", "Ünïcødé", "x"};
  private static final String IMAGE = "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAf"
      + "FcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\" width=\"";

  @Test
  void theDirectEngineDrawsOrHandsOverEveryDocumentItIsGiven() {
    DirectPdfEngine direct = new DirectPdfEngine(EngineSettings.defaults());
    Random random = new Random(20261204);
    int drawn = 0;
    int handedOver = 0;
    List<String> failures = new ArrayList<>();
    while (drawn + handedOver < 600) {
      String html = nodes(random, 0);
      StringBuilder css = new StringBuilder();
      for (int i = 0; i < 6; i++) {
        css.append(TAGS[random.nextInt(TAGS.length)]).append(random.nextBoolean() ? "" : ".c" + random.nextInt(3))
            .append(" { ");
        for (int k = random.nextInt(3); k >= 0; k--) {
          css.append(DECLARATIONS[random.nextInt(DECLARATIONS.length)]).append("; ");
        }
        css.append("}\n");
      }
      var layout = HtmlCorpus.of(html, css.toString());
      Plan plan = Plan.of(layout, PageSetup.DEFAULT);
      if (plan.refusal() != null) continue;
      try {
        byte[] pdf = direct.render(plan, Canvas.input(layout, "{}"));
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        drawn++;
      } catch (Unsupported e) {
        handedOver++;
      } catch (RenderException e) {
        // one of the engine's own exceptions, wrapped (EngineFailures); a limit the document broke has no cause
        if (e.getCause() != null) failures.add(e.getCause() + "\n  html: " + html + "\n  css: " + css);
        handedOver++;
      }
    }
    assertThat(failures).as("documents the direct engine failed on").isEmpty();
    assertThat(drawn).as("documents drawn directly").isGreaterThan(400);
  }

  /**
   * What the generator found drawn otherwise than openhtmltopdf draws it (compared with HtmlEquivalenceTest's check):
   * an image taller than the page, which openhtmltopdf lets run past the page's bottom, counting pages otherwise.
   */
  @Test
  void anImageTallerThanThePageGoesToOpenhtmltopdfAndOneThatFitsIsDrawnDirectly() throws Exception {
    DirectPdfEngine direct = new DirectPdfEngine(EngineSettings.defaults());
    var tall = Canvas.input(HtmlCorpus.of("<p>Scan</p>" + IMAGE + "99\">", "img { height: 3000px; }"), "{}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> direct.render(tall)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("an image taller than the page, img");
    HtmlEquivalenceTest.assertSame("tall-image", HtmlEquivalenceTest.drawnDirectly("<p>Scan</p>" + IMAGE + "99\">",
        "img { height: 800px; }"));
  }

  /**
   * Also found by it: an image alone in its block with white space beside it, as indented markup puts a logo
   * ({@code <div class="logo">\n  <img …>\n</div>}). openhtmltopdf gives that line a strut, the image on its baseline
   * and the strut's depth below (measured: 0.33em more than the image); without white space the line is the image.
   * In a table cell too (a logo beside the sender's address).
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0} | {1}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "<div class=\"logo\">\\n    IMG\\n  </div>\\n  <h1>Invoice</h1> | ",
      "<div class=\"l\"> IMG</div><p>VAT</p> | .l { font-size: 20pt; }",
      "<div class=\"l\">IMG </div><p>VAT</p> | .l { line-height: 2; }",
      "<div style=\"text-align: right\"> IMG</div><p>VAT</p> | ",
      "<div>IMG</div>VAT 21% | ",
      "<table><tr><td> IMG </td><td>x</td></tr></table><p>After</p> | ",
      "<table style=\"width: 100%\"><tr><td>\\n  IMG\\n</td><td>Invoice</td></tr></table><p>After</p>"
          + " | td { padding: 0; }",
      "<table style=\"width: 100%\"><tr><td style=\"vertical-align: top\">\\n  IMG\\n</td>"
          + "<td>Invoice<br>Street 1</td></tr></table><p>After</p> | td { font-size: 14pt; }"})
  void anImageAloneWithWhiteSpaceBesideItSitsOnAStrutAsInOpenhtmltopdf(String html, String css) throws Exception {
    HtmlEquivalenceTest.assertSame("logo", HtmlEquivalenceTest.drawnDirectly(
        html.replace("\\n", "\n").replace("IMG", IMAGE + "80\">"), css == null ? "" : css));
  }

  private static String nodes(Random r, int depth) {
    StringBuilder b = new StringBuilder();
    for (int n = 1 + r.nextInt(depth == 0 ? 6 : 4); n > 0; n--) {
      if (depth > 4 || r.nextInt(3) == 0) {
        b.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
        continue;
      }
      String tag = TAGS[r.nextInt(TAGS.length)];
      String cls = r.nextBoolean() ? " class=\"c" + r.nextInt(3) + "\"" : "";
      switch (tag) {
        case "br", "hr" -> b.append('<').append(tag).append('>');
        case "img" -> b.append(IMAGE).append(1 + r.nextInt(200)).append("\">");
        case "table" -> {
          b.append("<table").append(cls).append('>');
          int rows = 1 + r.nextInt(r.nextInt(10) == 0 ? 120 : 4);
          int columns = 1 + r.nextInt(4);
          for (int y = 0; y < rows; y++) {
            b.append("<tr>");
            for (int x = 0; x < columns; x++) {
              b.append(y == 0 && r.nextBoolean() ? "<th>" : r.nextInt(8) == 0 ? "<td colspan=\"2\">" : "<td>")
                  .append(nodes(r, depth + 2)).append("</td>");
            }
            b.append("</tr>");
          }
          b.append("</table>");
        }
        default -> b.append('<').append(tag).append(cls).append('>').append(nodes(r, depth + 1)).append("</")
            .append(tag).append('>');
      }
    }
    return b.toString();
  }
}
