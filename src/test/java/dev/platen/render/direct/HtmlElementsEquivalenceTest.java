package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Elements of real invoices, statements and letters beyond the first subset, drawn directly with openhtmltopdf's
 * default styles for them (its XhtmlNamespaceHandler.css) and printed as openhtmltopdf prints them (text per page,
 * page breaks, page images within 1% and every word's start, as {@link HtmlEquivalenceTest} compares): footnote
 * marks and units in {@code <sup>} and {@code <sub>}, quotes, figures, asides, definition lists; and the variants
 * that stay with openhtmltopdf.
 */
class HtmlElementsEquivalenceTest {
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  private static RenderInput input(String html, String css) {
    return Canvas.input(HtmlCorpus.of(html, css), "{}");
  }

  /**
   * Raised and lowered text as openhtmltopdf sets it: 0.83em, line-height normal, its baseline half its ascent
   * above or below the line's, the line box grown to hold it. Every glyph (a raised "2" is a word of its own) is
   * compared to a tenth of a point, closer than the word check's 1.5.
   */
  @Test
  void supAndSubPrintTheSame() throws Exception {
    String html = """
        <p>Office space of 120 m<sup>2</sup> on the 3<sup>rd</sup> floor, rent per m<sup>2</sup> as agreed.<sup>1</sup></p>
        <p class="big">Water, H<sub>2</sub>O, and CO<sub>2</sub> levels measured at x<sup>n</sup> and y<sub>i</sub>.</p>
        <p>A long paragraph with a footnote mark<sup>2</sup> in its first line, and words enough to wrap it over
        several lines, so that the raised mark's line is taller than the others and every line below it moves down
        by as much as openhtmltopdf moves it<sup>3</sup>, and a lowered<sub>x</sub> one too.</p>
        <div class="note"><span class="s">Spans</span> raised <span class="s">by CSS</span> and <span class="b">lowered</span>.</div>
        <p class="just">A justified paragraph, as contracts set them, with a footnote mark<sup>5</sup> in a line that is
        spread to the width of the box, and a second<sup>6</sup> one further down, so that both engines spread the
        same lines by the same amounts around the raised marks, as openhtmltopdf does.</p>
        <p class="tight">Line height normal on a paragraph, with<sup>4</sup> a mark.</p>
        <table class="t"><tr><td>Area m<sup>2</sup></td><td class="num">1,200<sup>*</sup></td></tr></table>
        <p><small>1 Footnote text under the body.</small></p>""";
    String css = """
        body { color: #000; }
        .big { font-size: 14pt; line-height: 1.6; }
        .note { font-size: 11pt; }
        .s { vertical-align: super; font-size: 8pt; }
        .b { vertical-align: sub; }
        .tight { line-height: normal; }
        .just { text-align: justify; }
        table.t { width: 100%; border-collapse: collapse; } table.t td { border-bottom: 1px solid #000; padding: 3pt; }
        .num { text-align: right; }""";
    RenderInput in = input(html, css);
    assertSameWords(in);
    assertSame("sup-sub", in);
  }

  /**
   * The block and inline elements of letters and invoices with openhtmltopdf's defaults for them: a quote inset
   * 40px on both sides with the margins of a paragraph, a definition list of invoice details (its terms bare
   * blocks, its descriptions inset 40px), a figure with its caption, an aside and a nav (bare blocks there, without
   * a browser's margins), centred text, and label, mark, cite, var, dfn and abbr as plain inline text (mark is not
   * highlighted: openhtmltopdf has no rule for it), styled by the template too. A quote or callout with a left
   * border only lets its paragraphs' margins collapse through its top and bottom.
   */
  @Test
  void blockAndInlineElementsPrintTheSame() throws Exception {
    String html = """
        <nav><span class="crumb">Home / Invoices / 2026</span></nav>
        <dl class="meta"><dt>Invoice no.</dt><dd>INV-2026-0042</dd><dt>Date</dt><dd>5 June 2026</dd></dl>
        <dl><dt>Terms</dt><dd>Net 30 days, as in the <cite>framework agreement</cite> of <var>n</var> pages.</dd></dl>
        <p>Dear customer, as <abbr>VAT</abbr> rules and the <dfn>reverse charge</dfn> apply, <mark>no tax is due</mark>
        on this invoice.</p>
        <blockquote>We deliver on time or the <mark class="hl">delivery is free</mark>, a promise quoted here over two
        lines or more so that the inset on both sides moves where the lines break.</blockquote>
        <blockquote class="q"><p>A quote holding a paragraph, its margins meeting the quote's.</p></blockquote>
        <div class="callout"><p>A callout whose paragraphs' margins collapse through its top and bottom, which have
        no border or padding, as CSS and openhtmltopdf collapse them.</p><p>Its second paragraph.</p></div>
        <figure><div class="box">Chart</div><figcaption>Figure 1: revenue by quarter</figcaption></figure>
        <aside class="note"><label>Note:</label> payment by bank transfer only.</aside>
        <center>Thank you for your business</center>
        <figure class="f"><figcaption>Figure 2, styled</figcaption></figure>""";
    String css = """
        body { color: #000; }
        dl.meta { margin: 0 0 6pt; } dl.meta dt { font-weight: bold; float: none; } dl.meta dd { margin-left: 20mm; }
        blockquote.q { border-left: 3pt solid #000; padding-left: 8pt; margin: 6pt 0; }
        .box { height: auto; border: 1pt solid #000; padding: 10pt; }
        figcaption { font-size: 9pt; }
        aside.note { border: 1pt solid #000; padding: 4pt; margin: 8pt 0; }
        label { font-weight: bold; }
        mark.hl { background: #000; color: #fff; }
        figure.f { margin: 10pt 30pt; }
        .callout { border-left: 4pt solid #000; background: #444; color: #fff; padding: 0 6pt; margin: 4pt 0 2pt; }""";
    RenderInput in = input(html, css);
    assertSame("block-inline-elements", in);
    HtmlEquivalenceTest.assertSameFills(in, 0x000000, 0x444444);
  }

  /**
   * A table's caption as openhtmltopdf places it: a block right above the table, as wide as the table's container
   * (centred on the container, not on a narrower table), in the table's inherited style, or styled by the template.
   */
  /** normalize.css's and Bootstrap's {@code hr { height: 0 }}: an hr holds nothing, so it changes nothing. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"height: 0", "height: 0; box-sizing: content-box;"
      + " overflow: visible", "height: 0; border: 0; border-top: 1px solid #ccc; margin: 16px 0"})
  void aRuleOfNoHeightPrintsTheSame(String hr) throws Exception {
    assertSame("hr-" + hr.length(), HtmlEquivalenceTest.drawnDirectly("<p>above</p><hr><p>below</p>",
        "@page { size: A5; margin: 20mm } body { margin: 0; font-size: 10pt } hr { " + hr + " }"));
  }

  @Test
  void tableCaptionsPrintTheSame() throws Exception {
    String html = """
        <p>Before the tables.</p>
        <table class="t"><caption>Items of the invoice</caption>
          <tr><td>Alpha</td><td>12.00</td></tr><tr><td>Beta</td><td>3.50</td></tr></table>
        <p>Between them.</p>
        <table class="u"><caption class="left">Caption of an automatic table, wider than it</caption>
          <thead><tr><th>Item</th><th>Amount</th></tr></thead><tbody><tr><td>A</td><td>1</td></tr></tbody></table>
        <table style="width: 100%"><caption>Full width</caption><tr><td>x</td></tr></table>
        <p>After them.</p>""";
    String css = """
        body { color: #000; }
        table.t { width: 60%; border-collapse: collapse; font-size: 9pt; } td { border: 1px solid #000; }
        caption.left { text-align: left; font-weight: bold; padding: 4pt 0; border-bottom: 1pt solid #000; }""";
    RenderInput in = input(html, css);
    assertSame("table-captions", in);
    assertSameWords(in);
  }

  /** Captions where openhtmltopdf's placing is not measured stay with it. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "<table style=\"width: 50%; margin-left: auto\"><caption>c</caption><tr><td>x</td></tr></table>|a <caption> on a table with an auto side margin",
      "<table><tr><td>x</td></tr><caption>c</caption></table>|a <caption> other than the first child"})
  void captionsOutsideTheSubsetAreNamed(String html, String reason) {
    assertThat(Plan.of(HtmlCorpus.of(html, ""), PageSetup.DEFAULT).refusal()).contains(reason);
  }

  /** Where a raised or lowered element holds anything but text, openhtmltopdf's placing is not followed. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "<p>x<sup><b>1</b></sup></p>|vertical-align: super on sup holding an element",
      "<p><u>x<sup>1</sup></u></p>|vertical-align: super on sup with underlined or struck-out text",
      "<p><span style=\"background: #000\">x<sub>1</sub></span></p>|vertical-align: sub inside the inline box span",
      "<p>x<sup style=\"padding: 2px\">1</sup></p>|vertical-align on the inline box sup",
      "<p>x<code><sup>1</sup></code></p>|line-height: normal in a monospace family on sup",
      "<div style=\"vertical-align: super\">x</div>|vertical-align: super on an element other than an inline one",
      "<p>x<span style=\"vertical-align: middle\">1</span></p>|vertical-align on the inline element span"})
  void supAndSubOutsideTheSubsetAreNamed(String html, String reason) {
    assertThat(Plan.of(HtmlCorpus.of(html, ""), PageSetup.DEFAULT).refusal()).contains(reason);
  }

  /**
   * Every word of every page (a raised "2" is a word of its own, on its own baseline) on openhtmltopdf's baseline
   * within a tenth of a point: closer than the word check's 1.5, which a shift of half an ascent (some 3pt) would
   * nearly pass. Across a line both engines part by up to a few tenths (openhtmltopdf places each run after the
   * last by its width at the font size in whole dots): the word check's 1.5 stays for x.
   */
  private static void assertSameWords(RenderInput in) throws Exception {
    byte[] html = HTML.render(in);
    byte[] direct = DIRECT.render(in);
    int pages = HtmlEquivalenceTest.texts(html).size();
    for (int p = 0; p < pages; p++) {
      List<HtmlEquivalenceTest.Word> a = HtmlEquivalenceTest.words(html, p);
      List<HtmlEquivalenceTest.Word> b = HtmlEquivalenceTest.words(direct, p);
      assertThat(b.stream().map(HtmlEquivalenceTest.Word::text).toList())
          .isEqualTo(a.stream().map(HtmlEquivalenceTest.Word::text).toList());
      List<String> off = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        HtmlEquivalenceTest.Word x = a.get(i);
        HtmlEquivalenceTest.Word y = b.get(i);
        if (Math.abs(x.x() - y.x()) > 1.5 || Math.abs(x.y() - y.y()) > 0.1) {
          off.add(String.format("'%s' at %.2f, %.2f, directly at %.2f, %.2f", x.text(), x.x(), x.y(), y.x(), y.y()));
        }
      }
      assertThat(off).as("words of page %d off the baseline openhtmltopdf draws them on", p + 1).isEmpty();
    }
  }
}
