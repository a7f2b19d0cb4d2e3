package dev.platen.render.html;

import static dev.platen.render.Canvas.block;
import static dev.platen.render.Canvas.blocks;
import static dev.platen.render.Canvas.input;
import static dev.platen.render.Canvas.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.EngineSettings;
import dev.platen.render.RenderException;
import dev.platen.testing.Golden;
import dev.platen.testing.Pdfs;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Running headers and footers, keepTogether and headings kept with what follows them. */
class PrintLayoutTest {
  private static final HtmlPdfEngine engine = new HtmlPdfEngine(EngineSettings.defaults());

  @BeforeAll
  static void warmUp() {
    engine.warmUp();
  }

  static String paragraphs(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      if (i > 1) b.append(',');
      b.append(block("text", "{\"content\":\"Paragraph " + i + ": the quick brown fox jumps over the lazy dog, "
          + "again and again, until the line wraps and the paragraph takes two lines.\"}"));
    }
    return b.toString();
  }

  static JsonNode withHeaderAndFooter(String body) {
    return json("""
        {"version":1,
         "header":[{"id":"h","type":"text","props":{"content":"ACME Ltd · Statement for {{customer}}",
           "align":"right","color":"#555555","fontSize":"8pt"}}],
         "footer":{"id":"f","type":"section","rows":[{"id":"fr","type":"row","columns":[
           {"id":"fc1","type":"column","blocks":[{"id":"ft","type":"text","props":{"content":"Confidential",
             "fontSize":"8pt"}}]},
           {"id":"fc2","type":"column","blocks":[{"id":"fp","type":"pageNumber","props":{"align":"right",
             "fontSize":"8pt","format":"Sheet {{page}} / {{pages}}"}}]}]}]},
         "sections":[{"id":"s","type":"section","rows":[{"id":"r","type":"row","columns":[{"id":"c","type":"column",
           "blocks":[%s]}]}]}]}
        """.formatted(body));
  }

  @Test
  void headerAndFooterRepeatOnEveryPageWithPageNumbers() throws Exception {
    byte[] pdf = engine.render(input(withHeaderAndFooter(paragraphs(60)), "{\"customer\":\"Zoë\"}"));
    Golden.assertPage("print-header-footer", pdf);
    Golden.assertPage("print-header-footer-p2", pdf, 2);

    List<String> pages = Pdfs.pageTexts(pdf, true);
    assertThat(pages.size()).isGreaterThan(1);
    for (int i = 0; i < pages.size(); i++) {
      assertThat(pages.get(i)).contains("ACME Ltd · Statement for Zoë").contains("Confidential")
          .contains("Sheet " + (i + 1) + " / " + pages.size())
          .doesNotContain("Page " + (i + 1) + " of");
    }
    // the header sits in the top margin, the footer in the bottom one
    var page1 = Pdfs.lines(pdf, 1);
    assertThat(Pdfs.lineTop(page1, "ACME Ltd")).isLessThan(20 * 72 / 25.4);
    assertThat(Pdfs.lineTop(page1, "Confidential")).isGreaterThan(297 * 72 / 25.4 - 20 * 72 / 25.4);
  }

  @Test
  void pageTokensInTextOfAFooterAndDefaultFooterWithoutOne() throws Exception {
    JsonNode layout = json("""
        {"version":1,"footer":[{"id":"f","type":"text","props":{"content":"{{ page }} of {{pages}} — {{ref}}",
          "align":"center"}}],
         "sections":[{"id":"s","type":"section","rows":[{"id":"r","type":"row","columns":[{"id":"c","type":"column",
           "blocks":[{"id":"b","type":"text","props":{"content":"Body {{page}}"}},
                     {"id":"p","type":"pageBreak","props":{}},
                     {"id":"b2","type":"text","props":{"content":"Second"}}]}]}]}]}
        """);
    List<String> pages = Pdfs.pageTexts(engine.render(input(layout, "{\"ref\":\"R-1\",\"page\":\"data\"}")), true);
    assertThat(pages).hasSize(2);
    assertThat(pages.get(0)).contains("1 of 2 — R-1").contains("Body data");
    assertThat(pages.get(1)).contains("2 of 2 — R-1");

    List<String> plain = Pdfs.pageTexts(engine.render(input(blocks(block("text", "{\"content\":\"x\"}")), "{}")));
    assertThat(plain.get(0)).contains("Page 1 of 1");
  }

  @Test
  void keepTogetherMovesAWholeBlockToTheNextPage() throws Exception {
    // about 40 paragraphs fill most of page 1; a 30-line kept block cannot fit in what is left
    String kept = block("text", "{\"keepTogether\":true,\"content\":\"KEPT-START" + "\\nline".repeat(30)
        + "\\nKEPT-END\"}");
    byte[] pdf = engine.render(input(blocks(paragraphs(16), kept), "{}"));
    List<String> pages = Pdfs.pageTexts(pdf);
    int start = pageOf(pages, "KEPT-START");
    assertThat(start).isEqualTo(pageOf(pages, "KEPT-END")).isEqualTo(1);

    byte[] loose = engine.render(input(blocks(paragraphs(16), kept.replace("\"keepTogether\":true,", "")), "{}"));
    List<String> loosePages = Pdfs.pageTexts(loose);
    assertThat(pageOf(loosePages, "KEPT-START")).isZero();
    assertThat(pageOf(loosePages, "KEPT-END")).isEqualTo(1);
  }

  @Test
  void keepTogetherOnASection() throws Exception {
    JsonNode layout = json("""
        {"version":1,"sections":[
          {"id":"s1","type":"section","rows":[{"id":"r","type":"row","columns":[{"id":"c","type":"column",
            "blocks":[%s]}]}]},
          {"id":"s2","type":"section","keepTogether":true,"rows":[
            {"id":"r1","type":"row","columns":[{"id":"c","type":"column","blocks":[
              {"id":"t","type":"heading","props":{"content":"SECTION-START"}}]}]},
            {"id":"r2","type":"row","columns":[{"id":"a","type":"column","blocks":[%s]},
              {"id":"b","type":"column","blocks":[{"id":"e","type":"text","props":{"content":"SECTION-END"}}]}]}]}]}
        """.formatted(paragraphs(16), paragraphs(8)));
    List<String> pages = Pdfs.pageTexts(engine.render(input(layout, "{}")));
    assertThat(pageOf(pages, "SECTION-START")).isEqualTo(1);
    assertThat(pageOf(pages, "SECTION-END")).isEqualTo(1);
  }

  @Test
  void aHeadingIsNeverLeftAloneAtTheBottomOfAPage() throws Exception {
    // find how many paragraphs fill page 1 exactly, then put a heading right where the page ends
    for (int n = 17; n <= 21; n++) {
      String body = paragraphs(n) + "," + block("heading", "{\"content\":\"Stranded?\",\"as\":\"h2\"}") + ","
          + block("text", "{\"content\":\"FOLLOWER paragraph under the heading.\"}");
      List<String> pages = Pdfs.pageTexts(engine.render(input(blocks(body), "{}")));
      assertThat(pageOf(pages, "Stranded?")).as("heading after %d paragraphs", n)
          .isEqualTo(pageOf(pages, "FOLLOWER"));
    }
  }

  @Test
  void aHeaderThatIsNeitherBlocksNorASectionFailsTheRender() {
    JsonNode layout = json("{\"version\":1,\"header\":\"ACME\",\"sections\":[]}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.render(input(layout, "{}")))
        .isInstanceOf(RenderException.class)
        .hasMessage("invalid layout: header is not a list of blocks or a section");
  }

  static int pageOf(List<String> pages, String text) {
    for (int i = 0; i < pages.size(); i++) {
      if (pages.get(i).contains(text)) return i;
    }
    return -1;
  }
}
