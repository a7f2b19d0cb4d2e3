package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.PageSetup;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code overflow: auto}, which openhtmltopdf treats unlike {@code overflow: hidden} (measured): it keeps a first
 * child's top margin in the box but lets the last child's bottom margin out, and holds no floats. The direct engine
 * used to treat both alike and printed the box's background and what followed it a margin lower.
 */
class HtmlOverflowEquivalenceTest {
  private static final String CSS = "@page { size: A5; margin: 20mm } body { margin: 0; font-size: 10pt }"
      + " .w { overflow: auto; background: #ddeeff } p { margin: 20px 0 }";

  @Test
  void aBoxWithOverflowAutoAndPaddingPrintsTheSame() throws Exception {
    ObjectNode layout = HtmlCorpus.of("<div class=\"w\"><p>inside</p></div><p>after</p>", CSS + " .w { padding: 4pt }");
    assertSame("overflow-auto-padded", Canvas.input(layout, "{}"));
  }

  @Test
  void aBottomMarginAtTheEdgeOfAnOverflowAutoBoxIsNamed() {
    ObjectNode layout = HtmlCorpus.of("<div class=\"w\"><p>inside</p></div><p>after</p>", CSS);
    assertThat(Plan.of(layout, PageSetup.DEFAULT).refusal())
        .startsWith("overflow: auto on div.w whose last block has a bottom margin at its edge");
    ObjectNode hidden = HtmlCorpus.of("<div class=\"w\"><p>inside</p></div><p>after</p>", CSS.replace("auto", "hidden"));
    assertThat(Plan.of(hidden, PageSetup.DEFAULT).refusal()).isNull();
  }

  @Test
  void floatsInAnOverflowAutoBoxAreNamed() {
    ObjectNode layout = HtmlCorpus.of("<div class=\"a\"><div class=\"l\">left</div><div class=\"r\">right</div></div>"
        + "<div>next block</div>", ".a { overflow: auto } .l { float: left; width: 40% } .r { float: right; width: 40% }");
    assertThat(Plan.of(layout, PageSetup.DEFAULT).refusal()).startsWith("floats their parent does not hold");
  }
}
