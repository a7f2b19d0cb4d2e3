package dev.platen.render.html;

import static dev.platen.render.Canvas.block;
import static dev.platen.render.Canvas.blocks;
import static dev.platen.render.Canvas.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import dev.platen.render.images.ImageSource;
import org.junit.jupiter.api.Test;

/** The XHTML produced for a layout, checked before it reaches the PDF engine. */
class CanvasHtmlTest {
  private static final ImageSource NO_IMAGES = src -> {
    throw new AssertionError("no image expected, got " + src);
  };

  private static String html(String layoutJson, String dataJson) throws RenderException {
    return CanvasHtml.build(input(Canvas.json(layoutJson), dataJson), NO_IMAGES).html();
  }

  @Test
  void dataAndContentAreEscaped() throws RenderException {
    String html = CanvasHtml.build(input(blocks(block("text", "{\"content\":\"<i>{{x}}</i>\"}")),
        "{\"x\":\"<script>alert('x')</script> & more\"}"), NO_IMAGES).html();

    assertThat(html)
        .contains("&lt;i&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more&lt;/i&gt;")
        .doesNotContain("<script");
  }

  @Test
  void styleValuesThatAreNotPlainLengthsOrColoursAreDropped() throws RenderException {
    String html = CanvasHtml.build(input(blocks(block("text",
        "{\"content\":\"x\",\"color\":\"red;background:url(http://evil/)\",\"fontSize\":\"12px;x:y\","
            + "\"align\":\"center\"}")), "{}"), NO_IMAGES).html();

    assertThat(html).doesNotContain("evil").doesNotContain("x:y").contains("text-align:center;");
  }

  @Test
  void acceptedStyleValuesAreKept() throws RenderException {
    String html = CanvasHtml.build(input(blocks(block("text",
        "{\"content\":\"x\",\"color\":\"#336699\",\"fontSize\":14,\"fontWeight\":\"bold\",\"lineHeight\":1.5}")),
        "{}"), NO_IMAGES).html();

    assertThat(html).contains("style=\"font-size:14px;color:#336699;font-weight:700;line-height:1.5;\"");
  }

  @Test
  void multiColumnRowsBecomeTablesWithPercentWidths() throws RenderException {
    String html = html("""
        {"sections":[{"rows":[{"gutter":10,"columns":[
          {"width":60,"blocks":[{"type":"text","props":{"content":"left"}}]},
          {"blocks":[{"type":"text","props":{"content":"right"}}]}]}]}]}
        """, "{}");

    assertThat(html).contains("<table class=\"row\"><tr><td class=\"col\" style=\"width:60.000%;\">")
        .contains("<td class=\"col\" style=\"width:40.000%;padding-left:10px;\">");
  }

  @Test
  void hiddenPartsAreSkipped() throws RenderException {
    String html = html("""
        {"sections":[{"rows":[{"columns":[{"blocks":[
          {"type":"text","props":{"content":"shown"}},
          {"type":"text","hidden":true,"props":{"content":"secret"}},
          {"type":"nonsense","hidden":true}]}]}]},
          {"hidden":true,"rows":[{"columns":[{"blocks":[{"type":"text","props":{"content":"also secret"}}]}]}]}]}
        """, "{}");

    assertThat(html).contains("shown").doesNotContain("secret");
  }

  @Test
  void placeholdersReadNestedObjectsAndArrayIndexes() throws RenderException {
    String html = CanvasHtml.build(input(blocks(block("heading",
        "{\"content\":\"{{ customer.name }} / {{items.1.sku}} / {{items}} / {{n}}\",\"as\":\"h3\"}")),
        "{\"customer\":{\"name\":\"Ada\"},\"items\":[{\"sku\":\"A\"},{\"sku\":\"B\"}],\"n\":1.5}"), NO_IMAGES).html();

    assertThat(html).contains("<h3>Ada / B /  / 1.5</h3>");
  }

  @Test
  void tableCellsAlignNumbersRightAndLinkUrls() throws RenderException {
    String html = CanvasHtml.build(input(blocks(block("table", """
        {"loop":"rows","columns":[{"header":"Site","field":"url","dataType":"url"},
          {"header":"Hits","field":"hits","dataType":"number","width":20},
          {"header":"Note","field":"note","align":"center"}]}
        """)), "{\"rows\":[{\"url\":\"https://example.com/?a=1&b=2\",\"hits\":12345,\"note\":\"ok\"}]}"),
        NO_IMAGES).html();

    assertThat(html)
        .contains("<th class=\"num\" style=\"width:20%;\">Hits</th>")
        .contains("<td><a href=\"https://example.com/?a=1&amp;b=2\">https://example.com/?a=1&amp;b=2</a></td>")
        .contains("<td class=\"num\">12,345</td>")
        .contains("<td style=\"text-align:center\">ok</td>");
  }

  @Test
  void titleFallsBackToTheLayoutMeta() {
    RenderInput untitled = new RenderInput(Canvas.json("{\"meta\":{\"title\":\"From layout\"},\"sections\":[]}"),
        Canvas.json("{}"), PageSetup.DEFAULT, null, Canvas.DATE, false);

    assertThat(CanvasHtml.title(untitled)).isEqualTo("From layout");
  }

  @Test
  void controlCharactersThatXmlForbidsAreDropped() {
    assertThat(Html.escape("a\u0000b\u0007c\td\uD800e\uD83D\uDE00")).isEqualTo("abc\tde\uD83D\uDE00");
  }
}
