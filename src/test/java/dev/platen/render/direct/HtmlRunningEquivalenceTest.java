package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.fillColours;
import static dev.platen.render.direct.HtmlEquivalenceTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Repeated page headers and footers of statement templates: running elements ({@code position: running(name)},
 * shown by {@code @page} margin boxes through {@code element(name)}, with page counters in them) and
 * {@code position: fixed} boxes at the top or bottom of every page, drawn directly and printed as openhtmltopdf
 * prints them on a four-page statement: text per page, page count, page images within 1% and word positions, as
 * {@link HtmlEquivalenceTest} compares, and fill colours where colours matter.
 *
 * <p>Text per page is compared in PDFBox's position order, which takes two lines a few points apart for one when
 * their glyphs are tall enough, and the glyph heights of the two engines' fonts differ: the examples keep a fixed
 * box off the line of another margin text, so that the order compared is the lines' own.
 */
class HtmlRunningEquivalenceTest {
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());
  /** Four A4 pages of the corpus statement. */
  private static final int ROWS = 110;

  /** The corpus statement with {@code first} at the start of its body and {@code css} after its own. */
  private static RenderInput statement(String first, String css) {
    ObjectNode layout = HtmlCorpus.edited("statement", "<body>", "<body>\n" + first, css);
    return Canvas.input(layout, HtmlCorpus.statement(ROWS));
  }

  private static String reason(String first, String css) {
    ObjectNode layout = HtmlCorpus.edited("statement", "<body>", "<body>\n" + first, css);
    return Plan.of(layout, null).refusal();
  }

  /**
   * A letterhead of two lines, bold and coloured, over a rule, in every page's top margin, and a footer with the
   * page counters of the base style sheet's {@code page-no} and {@code page-count} spans in place of "Page X of Y".
   */
  @Test
  void aRunningLetterheadAndFooterWithPageCountersPrintTheSame() throws Exception {
    RenderInput input = statement("""
        <div class="letterhead"><b>Hanse Sparkasse</b><br>Am Hafen 1 · 20457 Hamburg</div>
        <div class="running-footer">Page <span class="page-no"></span> of <span class="page-count"></span></div>""", """
        @page { @top-center { content: element(letterhead) } @bottom-center { content: element(footer) } }
        .letterhead { position: running(letterhead); color: #0b3d2e; font-size: 9pt; border-bottom: 1pt solid #0b3d2e;
          padding-bottom: 2pt; }
        .running-footer { text-align: center; font-size: 8pt; color: #333333; }""");
    assertSame("running-letterhead", input);
    byte[] direct = DIRECT.render(input);
    List<String> pages = texts(direct);
    assertThat(pages).hasSize(4);
    for (int i = 0; i < pages.size(); i++) {
      assertThat(pages.get(i)).startsWith("HanseSparkasseAmHafen1").contains("Page" + (i + 1) + "of4");
    }
    assertThat(fillColours(direct)).containsAll(fillColours(HTML.render(input))).contains(0x0b3d2e, 0x333333);
  }

  /**
   * Generated content of the layout's own ({@code ::before} and {@code ::after} with strings and both counters),
   * a running header in {@code @top-center} sharing its edge with a string in {@code @top-right}, sized as
   * openhtmltopdf's margin table sizes the two, and a right-aligned running footer.
   */
  @Test
  void generatedContentAndAHeaderBesideAMarginStringPrintTheSame() throws Exception {
    RenderInput input = statement("""
        <div class="head"><b>Hanse Sparkasse</b> · Account statement 2026</div>
        <div class="foot">Sheet <span class="page"></span><span class="pages"></span> · <span class="page-no"></span>/<span class="page-count"></span></div>""", """
        @page { margin: 25mm 20mm; @top-center { content: element(head) } @top-right { content: "Private"; font-size: 8pt }
          @bottom-center { content: element(foot) } }
        .head { position: running(head); font-size: 9pt; color: #0b3d2e; }
        .foot { position: running(foot); text-align: right; font-size: 8pt; }
        .foot .page::before { content: counter(page); }
        .foot .pages::after { content: " of " counter(pages); }""");
    assertSame("running-generated", input);
    List<String> pages = texts(DIRECT.render(input));
    assertThat(pages.get(2)).contains("Sheet3of4·3/4");
  }

  /**
   * Boxes with {@code position: fixed}: placed in the page's content area by their offsets (negative ones into the
   * margin), with a width or between left and right offsets, with margins, on every page and over the flow, which
   * keeps no room for them (openhtmltopdf's page breaks are the statement's own).
   */
  @Test
  void fixedHeadersAndFootersPrintTheSame() throws Exception {
    RenderInput input = statement("""
        <div class="fx">Hanse Sparkasse AG<br>Confidential</div>
        <div class="fy">Registered office Hamburg · HRB 12345 · all amounts in EUR</div>
        <footer>Thank you for banking with us</footer>""", """
        .fx { position: fixed; right: 0; top: -12mm; width: 50mm; margin: 2pt 4pt; font-size: 8pt; text-align: right;
          color: #0b3d2e; }
        .fy { position: fixed; left: 10mm; right: 10mm; bottom: -12mm; text-align: center; font-size: 7pt; }
        footer { position: fixed; bottom: 0; left: 0; right: 0; text-align: center; font-size: 8pt; }""");
    // sharp: openhtmltopdf clips the boxes in the margin at the content area, their text in the PDF but not seen
    HtmlEquivalenceTest.assertSameSharp("fixed-boxes", input);
    byte[] direct = DIRECT.render(input);
    int pages = texts(direct).size();
    assertThat(pages).isEqualTo(texts(DIRECT.render(statement("", ""))).size());
    for (int i = 0; i < pages; i++) {
      // by word: a footer's words share a line with the page's other margin text, and interleave with it there
      assertThat(HtmlEquivalenceTest.words(direct, i)).extracting(HtmlEquivalenceTest.Word::text)
          .contains("Confidential", "Registered", "Thank", "banking");
    }
  }

  /**
   * The shapes templates write them in: the unseen probes' running footer and fixed footer as they are, a running
   * footer centred with the counters, a fixed header of a width, an element running under a name no margin box
   * shows (openhtmltopdf drops it), and running elements alone on their edge in side boxes, as wide as the edge.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "running-footer\t<div class=\"f\">Thanks</div>\t@page{@bottom-center{content:element(footer)}}"
          + " .f{position:running(footer)}",
      "fixed-footer\t<footer>Thank you</footer>\tfooter{position:fixed;bottom:0;left:0;right:0;text-align:center;"
          + "font-size:8pt}",
      "running-counters\t<div class=\"f\">Page <span class=\"page-no\"></span> of <span class=\"page-count\"></span>"
          + "</div>\t@page{@bottom-center{content:element(footer)}} .f{position:running(footer);text-align:center;"
          + "font-size:8pt}",
      "fixed-header\t<header>Hanse Sparkasse statement</header>\theader{position:fixed;top:0;width:100%;font-size:8pt}",
      "running-unshown\t<div class=\"f\">Not shown</div>\t.f{position:running(nothing)}",
      "running-side-boxes-alone\t<div class=\"f\">Account 1234 5678</div><div class=\"h\">Head right</div>"
          + "\t@page{@bottom-center{content:none} @bottom-right{content:element(footer)} @top-left{content:element(head)}}"
          + " .f{position:running(footer);font-size:8pt} .h{position:running(head);text-align:right}"})
  void templateShapesPrintTheSame(String example) throws Exception {
    String[] parts = example.split("\t");
    assertSame(parts[0], statement(parts[1], parts[2]));
  }

  /** What stays with openhtmltopdf is named. */
  @ParameterizedTest(name = "{2}")
  @ValueSource(strings = {
      "<p>x</p><div class=\"f\">Thanks</div>\t.f{position:running(footer)} @page{@bottom-center{content:element(footer)}}"
          + "\tposition: running(footer) after content, on div.f",
      "<div class=\"w\"><div class=\"f\">Thanks</div></div>\t.f{position:running(footer)}"
          + "\tposition: running(footer) inside div.w",
      "<span class=\"f\">Thanks</span>\t.f{position:running(footer)}\tposition: running() on the inline element span.f",
      "<div class=\"f\">a</div><div class=\"f\">b</div>\t.f{position:running(footer)}"
          + "\ttwo elements with position: running(footer)",
      "<div class=\"f\">Thanks <img src=\"data:,\" alt=\"\"></div>\t.f{position:running(footer)}"
          + "\tan image or link in div.f, which has position: running(footer)",
      "<div class=\"f\">Thanks</div>\t.f{position:running(footer)} @page{@bottom-left{content:element(footer)}}"
          + "\telement() in @bottom-left beside another margin box of its edge with content",
      "<div class=\"f\">Thanks</div>\t.f{position:absolute;bottom:0}\tposition: absolute without one of left and right, on div.f",
      "<div class=\"f\">Thanks</div>\t.f{position:fixed;left:0;right:0}"
          + "\tposition: fixed without one of top and bottom, on div.f",
      "<div class=\"f\">Thanks</div>\t.f{position:fixed;bottom:0;left:0}"
          + "\tposition: fixed without a width or both left and right",
      "<div class=\"f\">Thanks</div>\t.f{position:fixed;bottom:0;left:0;right:0;border-top:1px dashed #000}"
          + "\ta border or background in a position: fixed element, on div.f",
      "<div class=\"f\">Thanks</div>\t.f{position:fixed;bottom:0;left:10%;right:0}\tCSS value '10%' for 'left' on div.f",
      "<p>Page <span class=\"page-no\"></span></p>\t\tgenerated content (::before, ::after) outside a running element,"
          + " on span.page-no",
      "<div class=\"f\">Page <span class=\"n\"></span></div>\t.f{position:running(footer)}"
          + " .n::before{content:counter(page);font-weight:bold}\tCSS property 'font-weight' in a ::before rule on span.n",
      "<div class=\"f\">Page <span class=\"n\"></span></div>\t.f{position:running(footer)}"
          + " .n::before{content:counter(page, upper-roman)}\tCSS content 'counter(page, upper-roman)' in a ::before rule",
      "<div class=\"f\">Thanks</div>\t.f{position:running(footer)} .f::after{content:'.'}"
          + "\tgenerated content (::before, ::after) on a block",
      // measured: openhtmltopdf draws such a table lower by a quarter of the border
      "<div class=\"h\"><table class=\"hd\"><tr><td>Brand</td><td>Customer</td></tr></table></div>"
          + "\t.h{position:running(header)} @page{@top-center{content:element(header)}}"
          + " table.hd{width:100%;border-collapse:collapse;border-top:2px solid #00a19a}"
          + "\ta top border on a table with collapsed borders in a running or fixed element, on table.hd"})
  void outsideTheSubsetIsNamed(String example) {
    String[] parts = example.split("\t", -1);
    assertThat(reason(parts[0], parts[1])).startsWith(parts[2]);
  }

  /** A running element taller than its margin would cross into the page: that document goes to openhtmltopdf. */
  @Test
  void aRunningElementTallerThanItsMarginIsLeftToOpenhtmltopdf() {
    RenderInput input = statement("<div class=\"f\">one<br>two<br>three<br>four<br>five</div>",
        "@page { margin: 15mm; @bottom-center { content: element(footer) } } .f { position: running(footer); }");
    assertThat(Plan.of(input.layout(), input.page()).refusal()).isNull();
    assertThatThrownBy(() -> DIRECT.render(input)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("a running element taller than the page margin it is shown in");
  }
}
