package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static dev.platen.render.direct.HtmlEquivalenceTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * How real templates style their {@code @page} margin boxes (a survey of ten unseen ones: half were sent to
 * openhtmltopdf for these alone): font stacks naming a bundled family anywhere, the {@code font} shorthand, a rule
 * over the footer ({@code border-top}), padding above or below the text, and margins, which openhtmltopdf's margin
 * boxes ignore. Each is printed by both engines on a two-page statement and compared as {@link HtmlEquivalenceTest}
 * compares (text per page, page count, page images within 1%, word positions), and fill colours where a border is
 * painted: a half-point grey rule is too thin for the page images to see.
 */
class HtmlMarginBoxStyleEquivalenceTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());
  /** Two A4 pages of the corpus statement. */
  private static final int ROWS = 45;

  private static RenderInput statement(String css) {
    ObjectNode layout = HtmlCorpus.edited("statement", "<body>", "<body>", css);
    return Canvas.input(layout, HtmlCorpus.statement(ROWS));
  }

  /** Font lists and the font shorthand, alone, beside other boxes of their edge, in the top and bottom margins. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "font-list\t@page{size:A4;margin:20mm;@bottom-right{content:\"Page \" counter(page);"
          + "font-family:Arial,sans-serif}}",
      "font-list-system\t@page{@bottom-right{content:\"Page \" counter(page) \" of \" counter(pages);font-family:"
          + "system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif;font-size:8pt;"
          + "color:#6c757d}}",
      "font-list-serif\t@page{@top-center{content:\"Brokerage Account Statement\";font-family:Georgia,"
          + "\"Times New Roman\",serif;font-size:8pt;color:#555}}",
      "font-shorthand\t@page{margin:18mm 15mm 22mm;@top-left{content:\"Account statement 2026/12\";"
          + "font:7pt Helvetica,Arial,sans-serif;color:#777}@top-right{content:\"IBAN DE89 3704 0044 0532\";"
          + "font:7pt Helvetica,Arial,sans-serif;color:#777}}",
      "font-shorthand-bold-line-height\t@page{@bottom-left{content:\"Hanse Sparkasse\";font:bold 9pt/1.4 Arial,"
          + "sans-serif}@bottom-right{content:counter(page);font:italic 7pt/20pt sans-serif}}",
      // the shorthand resets the weight a declaration before it set
      "font-shorthand-resets\t@page{@bottom-right{content:counter(page);font-weight:bold;font:8pt sans-serif}}"})
  void fontsPrintTheSame(String example) throws Exception {
    String[] parts = example.split("\t");
    assertSame(parts[0], statement(parts[1]));
  }

  /**
   * A rule over the footer, across its box's cell, and padding: openhtmltopdf's margin box is a cell as tall as the
   * margin, its border at the margin's edge, its text centred inside border and padding.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "border-top\t@page{@bottom-center{content:\"Page \" counter(page) \" of \" counter(pages);"
          + "font:7pt Helvetica,Arial,sans-serif;color:#777;border-top:0.5pt solid #cccccc}}",
      "border-top-thick\t@page{@bottom-center{content:counter(page);border-top:3pt solid #cc0000}}",
      "borders-three-boxes\t@page{margin:20mm;@bottom-left{content:\"Lindqvist Invoice\";border-top:1pt solid"
          + " #cc0000}@bottom-center{content:\"c\";border-bottom:2pt solid #00cc00}@bottom-right{content:"
          + "counter(page);padding-bottom:3mm}}",
      "border-bottom-top-edge\t@page{@top-left{content:\"Lindqvist Invoice\";border-bottom:1pt solid #cc0000;"
          + "padding-bottom:1mm}@top-right{content:counter(page);border-top:1px solid;font-size:7pt;color:#0000cc}}",
      // a DIN letter's footer: the page number at the top of the bottom margin, below a little padding
      "vertical-align\t@page{margin:15mm;@top-left{content:\"Seite \" counter(page);font-size:9pt;vertical-align:top;"
          + "border-top:1pt solid #cc0000}@top-right{content:\"Seite\";vertical-align:bottom;padding-bottom:2mm;"
          + "border-bottom:1pt solid #cc0000}@bottom-right{content:\"Seite \" counter(page) \" von \" counter(pages);"
          + "font-size:7pt;vertical-align:top;padding-top:2mm}}"})
  void bordersAndPaddingPrintTheSame(String example) throws Exception {
    String[] parts = example.split("\t");
    RenderInput input = statement(parts[1]);
    assertSame(parts[0], input);
    assertSameFills(input, colours(parts[1]).toArray(Integer[]::new));
  }

  /** The colours after "solid #" in a style sheet: the borders the fill check must find. */
  private static List<Integer> colours(String css) {
    List<Integer> out = new java.util.ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("solid #([0-9a-f]{6})").matcher(css);
    while (m.find()) out.add(Integer.parseInt(m.group(1), 16));
    if (css.contains("solid;")) out.add(0x0000cc);
    return out;
  }

  @Test
  void paddingBelowTheFooterRuleMovesItsText() throws Exception {
    String css = "@page{@bottom-right{content:\"Page \" counter(page);font-size:7pt;padding-top:2mm}}";
    assertSame("padding-top", statement(css));
  }

  /** Measured: margins in a margin box change nothing in openhtmltopdf (its boxes are table cells). */
  @Test
  void marginsInMarginBoxesAreIgnoredAsThere() throws Exception {
    RenderInput input = statement("@page{size:A4;margin:0 0 15mm 0;@bottom-left{content:\"Lindqvist & Partner"
        + " GmbH · Invoice\";font-size:8pt;color:#999;margin-left:12mm}@bottom-right{content:counter(page);"
        + "font-size:8pt;color:#999;margin-right:12mm}}");
    assertSame("margins", input);
    assertThat(texts(DIRECT.render(input)).get(1)).contains("Lindqvist&PartnerGmbH·Invoice").endsWith("2");
  }

  /** What stays with openhtmltopdf is named. */
  @ParameterizedTest(name = "{1}")
  @ValueSource(strings = {
      // no family set in DejaVu: openhtmltopdf sets it in its built-in Times-Roman
      "@page{@bottom-right{content:counter(page);font:7pt Frutiger}}\tCSS font-family 'Frutiger' in @bottom-right",
      "@page{@bottom-right{content:counter(page);font:bold Arial}}\tCSS value 'bold Arial' for 'font' in @bottom-right",
      "@page{@bottom-center{content:counter(page);border-top:1px dashed #ccc}}"
          + "\tCSS value '1px dashed #ccc' for 'border-top' in @bottom-center",
      "@page{@bottom-center{content:counter(page);border:1px solid #ccc}}\tCSS property 'border' in @bottom-center",
      // measured, openhtmltopdf paints it, across a cell its table sizes empty
      "@page{@bottom-center{content:\"\";border-top:1pt solid #c00}}\ta border in @bottom-center without text",
      "@page{@bottom-left{border-top:1pt solid #c00}}\ta border in @bottom-left without text",
      "@page{@bottom-right{content:counter(page);padding-left:2mm}}\tCSS property 'padding-left' in @bottom-right",
      "@page{@bottom-right{content:counter(page);vertical-align:baseline}}"
          + "\tCSS value 'baseline' for 'vertical-align' in @bottom-right"})
  void outsideTheSubsetIsNamed(String example) {
    String[] parts = example.split("\t");
    assertThat(Plan.of(statement(parts[0]).layout(), null).refusal()).startsWith(parts[1]);
  }

  /**
   * Measured: a line height taller than the margin, or under the font's own, moves the text in openhtmltopdf; that
   * document goes there.
   */
  @ParameterizedTest(name = "{1}")
  @ValueSource(strings = {
      "font:7pt/80pt sans-serif\ta line of @bottom-right taller than its margin box",
      "font:9pt/.5 sans-serif\ta line-height in @bottom-right smaller than its font's",
      "font-size:10pt;line-height:1\ta line-height in @bottom-right smaller than its font's"})
  void aLineHeightThatMovesTheTextIsLeftToOpenhtmltopdf(String example) {
    String[] parts = example.split("\t");
    RenderInput input = statement("@page{margin:20mm;@bottom-right{content:counter(page);" + parts[0] + "}}");
    assertThat(Plan.of(input.layout(), input.page()).refusal()).isNull();
    assertThatThrownBy(() -> DIRECT.render(input)).isInstanceOf(Unsupported.class).hasMessageContaining(parts[1]);
  }
}
