package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderInput;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The quote and the letter of a survey of eight templates written for a Chromium service by someone who had not read
 * the subset's documentation (2026-12-06; src/test/resources/html-corpus/quote.html and letter-survey.html, as
 * written). The quote's class chosen inside a row's tag, its totals table of {@code width: 40%; margin-left: 60%}
 * and its signature table kept whole had sent it to openhtmltopdf, as the letter's {@code text-indent} had the
 * letter. Drawn directly now and printed as openhtmltopdf prints them, with more items pushing the quote's totals
 * and signatures over the page break, and the letter's paragraphs repeated over pages.
 */
class HtmlSurvey23EquivalenceTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  private static RenderInput quote(int items) {
    ObjectNode data = (ObjectNode) Canvas.JSON.readTree(HtmlCorpus.resource("quote.data.json"));
    ArrayNode given = (ArrayNode) data.get("items");
    ArrayNode all = data.putArray("items");
    for (int i = 0; i < items; i++) {
      ObjectNode item = ((ObjectNode) given.get(i % given.size())).deepCopy();
      item.put("no", i + 1);
      all.add(item);
    }
    return Canvas.input(HtmlCorpus.layout("quote"), data.toString());
  }

  @ParameterizedTest(name = "{0} items")
  @ValueSource(ints = {5, 6, 7, 8, 9, 10, 11, 12, 14})
  void theQuote(int items) throws Exception {
    RenderInput in = quote(items);
    assertThat(RoutingPdfEngine.choose(in.layout(), PageSetup.DEFAULT).engine()).isEqualTo("direct");
    assertSame("survey23-quote-" + items, in);
    // the signature table is never split: both its lines stand on one page
    List<String> pages = texts(DIRECT.render(in));
    assertThat(pages.stream().filter(p -> p.contains("Name,signature")).findFirst().orElseThrow())
        .contains("ForSunRidgeEnergy");
  }

  /**
   * The survey's business letter (html-corpus/letter-survey.html, as written), which {@code .body-text {
   * text-align: justify; text-indent: 2em }} had sent to openhtmltopdf, with its paragraphs repeated to run over
   * pages.
   */
  @ParameterizedTest(name = "paragraphs x{0}")
  @ValueSource(ints = {1, 2, 3, 5})
  void theLetter(int times) throws Exception {
    ObjectNode data = (ObjectNode) Canvas.JSON.readTree(HtmlCorpus.resource("letter-survey.data.json"));
    ArrayNode given = (ArrayNode) data.get("paragraphs");
    ArrayNode all = data.putArray("paragraphs");
    for (int i = 0; i < times; i++) all.addAll(given);
    RenderInput in = Canvas.input(HtmlCorpus.layout("letter-survey"), data.toString());
    assertThat(RoutingPdfEngine.choose(in.layout(), PageSetup.DEFAULT).engine()).isEqualTo("direct");
    assertSame("survey23-letter-" + times, in);
  }
}
