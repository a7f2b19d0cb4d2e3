package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.fillColours;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import org.junit.jupiter.api.Test;

/**
 * Selectors and cascade values of real invoice and statement templates (sibling combinators, the box-sizing resets
 * of Bootstrap and Tailwind on {@code ::before}/{@code ::after}, {@code inherit}), drawn directly and printed as
 * openhtmltopdf prints them (text per page, page breaks, page images within 1% and every word's start, as
 * {@link HtmlEquivalenceTest} compares; fill colours where a colour is the point), and the variants that stay
 * with openhtmltopdf, named.
 */
class HtmlSelectorEquivalenceTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  /**
   * {@code +}: the next element sibling, text between them or not. An amount column right-aligned by
   * {@code td + td} (a statement template drew it left before), {@code p + p}, a chain {@code h2 + p + p}, a
   * sibling combinator left of a descendant one ({@code h2 + div b}), without spaces ({@code li+li}).
   */
  @Test
  void adjacentSiblingsPrintTheSame() throws Exception {
    String html = "<table style=\"width:100%\"><tr><td>Opening balance</td><td>2,500.00</td><td>EUR</td></tr>"
        + "<tr><td>Fees</td><td>12.40</td><td>EUR</td></tr></table>"
        + "<p>first</p> text <p>second</p><div>div</div><p>after the div</p>"
        + "<h2>Heading</h2><p>right after</p><p>two after</p><p>three after</p>"
        + "<h2>Again</h2><div>a <b>bold</b> word</div><div>b <b>bold</b> word</div>"
        + "<ul><li>one</li><li>two</li><li>three</li></ul>";
    String css = "td + td { text-align: right } td + td + td { color: #0000c0 } p + p { color: #c00000 }"
        + " h2 + p { font-weight: bold } h2 + p + p { background: #404040; color: #ffffff }"
        + " h2 + div b { color: #008000 } li+li { padding-left: 40px }";
    RenderInput in = drawnDirectly(html, css);
    assertSame("selector-adjacent", in);
    assertSameFills(in, 0x0000c0, 0xc00000, 0x404040, 0x008000);
    // the amount is at the right, as openhtmltopdf draws it
    assertThat(HtmlEquivalenceTest.words(DIRECT.render(in), 0).stream()
        .filter(w -> w.text().equals("2,500.00")).findFirst().orElseThrow().x()).isGreaterThan(300);
  }

  /**
   * Rows a template repeats: {@code tr + tr} rules a line above every row but the first, a style shared by rows
   * alike in their ancestors must not be shared across it; the template check sees the rule as one that may match.
   */
  @Test
  void adjacentSiblingsOfRepeatedRowsPrintTheSame() throws Exception {
    String html = "<table style=\"width:100%; border-collapse: collapse\"><tbody>{{#each rows}}<tr><td>{{name}}</td>"
        + "<td>{{amount}}</td></tr>{{/each}}</tbody></table>";
    String css = "tr + tr td { border-top: 2px solid #303030 } td + td { text-align: right }";
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      rows.append(i == 0 ? "" : ",").append("{\"name\":\"Item ").append(i).append("\",\"amount\":\"")
          .append(i * 37 % 1000).append(".50\"}");
    }
    RenderInput in = Canvas.input(HtmlCorpus.of(html, css), "{\"rows\":[" + rows + "]}");
    assertSame("selector-adjacent-rows", in);
    assertSameFills(in, 0x303030);
  }

  /** openhtmltopdf's parser does not know {@code ~}: the rule is dropped whole, its other selectors too. */
  @Test
  void generalSiblingRulesAreDroppedAsOpenhtmltopdfDropsThem() throws Exception {
    RenderInput in = drawnDirectly("<p>x</p><p>y</p><div>z</div><p>w</p><p class=\"k\">k</p>",
        "p ~ p, div { color: #ff0000 } .k { color: #0000c0 } p[class~=k] { background: #404040 }");
    assertSame("selector-general-sibling", in);
    assertSameFills(in, 0x0000c0, 0x404040);
    assertThat(fillColours(DIRECT.render(in))).doesNotContain(0xff0000);
  }

  /**
   * {@code ::before}/{@code ::after} rules that generate no box (no content, or none or normal) style nothing in
   * openhtmltopdf: Bootstrap 5's {@code *, *::before, *::after { box-sizing: border-box }}, Tailwind's
   * {@code *, ::before, ::after} preflight, and others with content none. One with content and another property
   * stays refused.
   */
  @Test
  void pseudoElementsWithoutContentAreIgnored() throws Exception {
    String html = "<div class=\"a\"><p>Hello <span class=\"b\">world</span> and more</p><table style=\"width:100%\">"
        + "<tr><td>x</td><td>y</td></tr></table><ul><li>one</li></ul><p class=\"box\">boxed</p></div>";
    RenderInput bootstrap = drawnDirectly(html, "*, *::before, *::after { box-sizing: border-box }"
        + " p::before { color: #ff0000; font-size: 30px } span::after { content: none; margin: 20px }"
        + " td::before { content: normal; display: block; padding: 20px } li::before { padding: 10px }"
        + " .box { width: 200px; padding: 10px; border: 4px solid #000000 }");
    assertSame("selector-bootstrap-reset", bootstrap);
    assertThat(fillColours(DIRECT.render(bootstrap))).doesNotContain(0xff0000);
    RenderInput tailwind = drawnDirectly(html, "*, ::before, ::after { box-sizing: border-box; border-width: 0;"
        + " border-style: solid; border-color: #e5e7eb } ::before, ::after { --tw-content: '' }"
        + " table { text-indent: 0; border-color: inherit; border-collapse: collapse }"
        + " .box { width: 200px; padding: 10px; border: 4px solid #000000 }");
    assertSame("selector-tailwind-preflight", tailwind);
    assertThat(refusal("<p>a <span class=\"b\">b</span></p>", "span::before { content: \"x\"; color: red }"))
        .contains("CSS property 'color' in a ::before rule");
    // the preflight's text-indent is the initial one; one in % is refused
    assertThat(refusal("<p>a</p>", "p { text-indent: 5% }")).contains("CSS value '5%' for 'text-indent'");
  }

  /**
   * {@code inherit}: the parent's text-align, colour, weight and line height ({@code th}, {@code address},
   * {@code hr} of Bootstrap's reboot), and border colours: the parent's border colour, or its text colour where it
   * has none, whatever the element's own colour. Others stay refused by name.
   */
  @Test
  void inheritPrintsTheSame() throws Exception {
    String html = "<div style=\"color:#c00000; border-color:#0000c0\"><table style=\"border-color:inherit; width:100%\">"
        + "<tr><th>head</th><td>x</td></tr></table><hr style=\"color:inherit\"><address>addr<br>line</address></div>"
        + "<div style=\"color:#00a000\"><table style=\"border-color:inherit; color:#808000\"><tr>"
        + "<td style=\"border:2px solid; border-color:inherit\">y</td></tr></table>"
        + "<hr style=\"color:inherit; border-width:3px\">"
        + "<p style=\"border-bottom:2px solid; border-bottom-color:inherit; color:#0000ff\">p</p></div>";
    RenderInput in = drawnDirectly(html, "th { text-align: inherit; color: inherit; font-weight: inherit }"
        + " div { line-height: 2 } address { line-height: inherit }");
    assertSame("selector-inherit", in);
    assertSameFills(in, 0x808000, 0x00a000, 0xc00000, 0x0000ff);
    assertThat(refusal("<p>a</p>", "p { width: inherit }")).contains("CSS value 'inherit' for 'width'");
  }

  /**
   * A browser's prefixed properties and keywords, which openhtmltopdf does not know and drops, the value before
   * staying: Bootstrap's {@code th { text-align: inherit; text-align: -webkit-match-parent }}, Tailwind's
   * {@code -webkit-text-size-adjust}, Stripe's {@code -webkit-font-smoothing}, {@code display: -webkit-box}.
   */
  @Test
  void vendorPrefixesAreDroppedAsOpenhtmltopdfDropsThem() throws Exception {
    String html = "<div style=\"text-align:right\"><table style=\"width:100%\"><tr><th>head</th><td>x</td></tr></table>"
        + "<p style=\"-webkit-text-size-adjust:100%; -webkit-font-smoothing:antialiased;"
        + " -moz-osx-font-smoothing:grayscale\">p</p><p class=\"b\">block p <span class=\"ib\">span</span> tail</p>"
        + "</div><table style=\"width:100%\"><tr><th>left head</th><td>y</td></tr></table>";
    RenderInput in = drawnDirectly(html, "th { text-align: inherit; text-align: -webkit-match-parent }"
        + " .ib { display: inline-block; display: -webkit-box; padding: 5px; background: #404040 }"
        + " .b { text-align: right; text-align: -moz-center }");
    assertSame("selector-vendor-prefixes", in);
    assertSameFills(in, 0x404040);
  }
}
