package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.words;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderInput;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a line of text breaks when it nearly fills its box. openhtmltopdf fits a line in whole dots: each piece (a
 * word and the space after it) measured in whole font units and rounded up to a dot, summed, against the box's
 * width in whole dots. A line within a few tenths of a point of its box's edge so breaks a word earlier than its
 * exact width says; the direct engine used to keep the word, and sent list items over more than one line to
 * openhtmltopdf for it.
 */
class HtmlLineFitEquivalenceTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());
  private static final String PAGE = "@page { size: A4; margin: 20mm } body { font-family: sans-serif; font-size: 10pt;"
      + " margin: 0 }";

  private static RenderInput input(String html, String css) {
    return HtmlEquivalenceTest.drawnDirectly(html, css);
  }

  /**
   * One line each, ten words then a last word that ends it 443 to 452 pt wide in a box 451.9 pt wide, so that the
   * break falls either side of the last word: in a list, a numbered list and a padded block.
   */
  @Test
  void aLineNearlyFillingItsBoxBreaksWhereOpenhtmltopdfBreaksIt() throws Exception {
    String base = "statutory sale delivery interest statutory sale general remain property period ";
    StringBuilder items = new StringBuilder();
    for (int k = 17; k <= 21; k++) {
      for (String suffix : new String[] {"", "f", "r", "t", "e", "a", "m"}) {
        items.append("<li>").append(base).append("i".repeat(k)).append(suffix).append(" nextword</li>");
      }
    }
    String html = "<ol>" + items + "</ol><ul>" + items + "</ul>" + items.toString().replace("<li>", "<div class=\"d\">")
        .replace("</li>", "</div>");
    RenderInput input = input(html, PAGE + " .d { padding-left: 40px }");
    assertSame("line-fit-edge", input);
    // the direct engine's exact widths would have kept the word on 5 of these 105 lines
    assertThat(words(DIRECT.render(input), 0).stream().filter(w -> w.text().equals("nextword")).count())
        .isGreaterThan(10);
  }

  /** Paragraphs and list items of random words, wrapped over many lines, in three widths. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void wrappedParagraphsAndListItemsBreakTheSame(int seed) throws Exception {
    Random random = new Random(seed);
    String[] words = ("payment invoice due within thirty days interest statutory rate quote number account quickly"
        + " goods remain property until paid full agreed general terms conditions sale delivery returns warranty"
        + " period months").split(" ");
    StringBuilder html = new StringBuilder("<ul>");
    for (int i = 0; i < 60; i++) {
      if (i == 20) html.append("</ul><ol>");
      if (i == 40) html.append("</ol>");
      html.append(i < 40 ? "<li>" : "<p>");
      int n = 8 + random.nextInt(40);
      for (int w = 0; w < n; w++) {
        String word = words[random.nextInt(words.length)];
        html.append(w > 0 ? " " : "").append(w % 11 == 5 ? "<b>" + word + "</b>" : word);
      }
      html.append(i < 40 ? ".</li>" : ".</p>");
    }
    String css = PAGE + " body { margin: 0 " + (seed * 17) + "pt 0 0 } p { margin: 0 0 6pt }";
    assertSame("line-fit-random-" + seed, input(html.toString(), css));
  }
}
