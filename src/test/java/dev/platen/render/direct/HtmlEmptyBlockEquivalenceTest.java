package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A block left empty by its data ({@code <p class="note">{{note}}</p>} without a note) whose margins collapse
 * through it. Found by a random-document comparison of the two engines: first or last in its parent, or beside
 * text, openhtmltopdf places what follows otherwise than CSS's collapsing (measured: the box's top margin kept apart
 * from the next block's and its bottom margin dropped at the top of its parent, both dropped at the bottom, 5 to 20 pt
 * off), so such a document goes to openhtmltopdf; between two blocks both engines collapse it alike.
 */
class HtmlEmptyBlockEquivalenceTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  @ParameterizedTest(name = "{0} | {1}")
  @CsvSource(delimiter = '|', value = {
      "<h1>Invoice 2026-118</h1><p class=\"note\"></p><p>Thank you for your order.</p> | ",
      "<h1>Invoice</h1><p></p><p></p><p>Total</p> | p { margin: 7pt 0 13pt 0; }",
      "<h1>Invoice</h1><ul class=\"extras\"></ul><table><tr><td>Total</td></tr></table> | ",
      "<table><tr><td><p></p><p>Paid in full</p></td><td>x</td></tr></table> | td { padding: 0; }",
      "<table><tr><td><p></p></td><td>Paid</td></tr></table><p>After</p> | "})
  void betweenTwoBlocksOrAtTheTopOfACellItIsDrawnDirectlyAsOpenhtmltopdfDrawsIt(String html, String css)
      throws Exception {
    assertSame("empty-block", drawnDirectly(html, css == null ? "" : css));
  }

  @ParameterizedTest(name = "{0} | {1}")
  @CsvSource(delimiter = '|', value = {
      "<p class=\"note\"></p><p>Total</p> | ",
      "<p></p><p>Total</p> | p { margin: 0 0 20pt 0; }",
      "<h1>A</h1><div><p></p><p>Total</p></div> | p { margin: 20pt 0 0 0; }",
      "<div><p>Total</p><p></p></div><p>Next</p> | ",
      "<table><tr><td><p>Paid</p><p></p></td><td>x</td></tr></table> | ",
      "<div class=\"box\"><p>A</p><p></p></div><p>B</p> | .box { padding: 8pt; }",
      "<p></p>Total | ",
      "<div>Total<h2></h2><span>due</span></div> | "})
  void firstOrLastInItsParentOrBesideTextItGoesToOpenhtmltopdf(String html, String css) {
    RenderInput input = Canvas.input(HtmlCorpus.of(html, css == null ? "" : css), "{}");
    assertThatThrownBy(() -> DIRECT.render(input)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("with a margin, first or last in its parent or beside text");
  }
}
