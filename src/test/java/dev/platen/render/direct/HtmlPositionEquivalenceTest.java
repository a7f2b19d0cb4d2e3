package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static dev.platen.render.direct.HtmlEquivalenceTest.texts;
import static dev.platen.render.direct.HtmlEquivalenceTest.words;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Positioned boxes of invoice templates, drawn directly and printed as openhtmltopdf prints them (text per page,
 * page count, page images within 1% and word positions, as {@link HtmlEquivalenceTest} compares, and fill colours
 * where colours matter): {@code position: relative} nudges, which shift a box and leave the flow alone, and
 * {@code position: absolute} stamps and logos placed from the first page's content area or from a relative
 * header.
 */
class HtmlPositionEquivalenceTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  private static RenderInput invoice(String from, String to, String css) {
    return HtmlCorpus.input("invoice", HtmlCorpus.edited("invoice", from, to, css));
  }

  private static String reason(String html, String css) {
    return Plan.of(HtmlCorpus.of(html, css), null).refusal();
  }

  /** Where the first word {@code text} of page 1 starts, {x, y} in points. */
  private static double[] at(byte[] pdf, String text) {
    for (HtmlEquivalenceTest.Word w : words(pdf, 0)) {
      if (w.text().equals(text)) return new double[] {w.x(), w.y()};
    }
    throw new AssertionError("no word " + text);
  }

  /**
   * Relative nudges: the brand line shifted right and down over the header's rule, a heading in a table cell
   * moved up, a relative span in the payment note (drawn where it stands, as openhtmltopdf draws it), and the
   * header itself relative without offsets, border and all; the flow around stays where it was.
   */
  @Test
  void relativeBoxesAreDrawnShiftedAndTheFlowIsNot() throws Exception {
    RenderInput input = invoice("<span class=\"ref\">", "<span class=\"ref\" style=\"position: relative; top: 3px\">", """
        .header { position: relative; }
        .brand { position: relative; left: 12px; top: 6px; }
        h1 { position: relative; bottom: 2pt; left: 1mm; }""");
    assertSame("position-relative", input);
    byte[] shifted = DIRECT.render(input);
    byte[] plain = DIRECT.render(HtmlCorpus.input("invoice"));
    // the brand moved by its offsets, the next line of the header not at all
    assertThat(at(shifted, "Nordlicht")[0] - at(plain, "Nordlicht")[0]).isCloseTo(9, within(0.05));
    assertThat(at(shifted, "Nordlicht")[1] - at(plain, "Nordlicht")[1]).isCloseTo(4.5, within(0.05));
    assertThat(at(shifted, "Hafenstraße")).containsExactly(at(plain, "Hafenstraße"));
    assertThat(at(shifted, "Invoice")[1] - at(plain, "Invoice")[1]).isCloseTo(-2, within(0.05));
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }

  /**
   * The odd thing openhtmltopdf does, matched: a box with a vertical offset that opens the document loses the top
   * margins that would meet at the top of the page (its own and its first child's), and so does the flow after it;
   * a box around it keeps its own.
   */
  @Test
  void aShiftedBoxOpeningTheDocumentLosesItsTopMargin() throws Exception {
    assertSame("position-first", Canvas.input(HtmlCorpus.of("""
        <div class="wrap"><div class="top"><p>Account statement</p><p>Second line</p></div></div>
        <p>After the header</p><p style="position: relative; top: 5px">Not first: a nudge <b>as usual</b></p>""",
        ".wrap { margin-top: 6pt; } .top { position: relative; top: 20px; left: 4px; } p { margin: 10pt 0; }"), "{}"));
  }

  /**
   * A "PAID" stamp: large bold green text placed from the first page's content area by top and right, shrunk to
   * its text, with padding and margins, over the invoice's lines; opacity, which openhtmltopdf ignores, too.
   */
  @Test
  void aPaidStampIsPlacedFromTheContentAreaOverTheFlow() throws Exception {
    RenderInput input = invoice("<div class=\"header\">", "<div class=\"stamp\">PAID</div>\n<div class=\"header\">", """
        .stamp { position: absolute; top: 62mm; right: 12mm; font-size: 34pt; font-weight: bold; color: #1f7a3a;
          padding: 2pt 6pt; margin: 3pt; opacity: 0.6; }""");
    assertSame("position-stamp", input);
    assertSameFills(input, 0x1f7a3a);
    double[] paid = at(DIRECT.render(input), "PAID");
    assertThat(paid[1]).isGreaterThan(56.7 + 170);
  }

  /**
   * A watermark across the content area: left and right offsets give it its width, its text centred in it,
   * on the first page of a four-page statement only (openhtmltopdf's initial containing block is the first page's).
   */
  @Test
  void aDraftWatermarkBetweenLeftAndRightIsOnTheFirstPageOnly() throws Exception {
    ObjectNode layout = HtmlCorpus.edited("statement", "<div class=\"top\">",
        "<div class=\"draft\">DRAFT <span>not for payment</span></div>\n<div class=\"top\">", """
        .draft { position: absolute; top: 90mm; left: 20mm; right: 20mm; text-align: center; font-size: 40pt;
          color: #b02020; font-weight: bold; }
        .draft span { font-size: 12pt; font-weight: normal; }""");
    RenderInput input = Canvas.input(layout, HtmlCorpus.statement(110));
    assertSame("position-draft", input);
    byte[] pdf = DIRECT.render(input);
    assertThat(texts(pdf)).hasSize(4);
    for (int i = 0; i < 4; i++) {
      List<String> words = words(pdf, i).stream().map(HtmlEquivalenceTest.Word::text).toList();
      if (i == 0) assertThat(words).contains("DRAFT");
      else assertThat(words).doesNotContain("DRAFT");
    }
  }

  /**
   * A turned watermark, as invoice templates stamp drafts: {@code transform: rotate(-30deg)} on an absolute box,
   * turned about its centre as openhtmltopdf turns it (each glyph within the word-position check), over the
   * invoice's table; and one turned the other way with a width, padding and a bold word.
   */
  @Test
  void aRotatedWatermarkIsTurnedAboutItsCentre() throws Exception {
    // below the text of a two-item invoice: PDFBox would order turned glyphs among the lines they cross by the
    // glyph heights, which differ between the engines' fonts, and the text compared would differ in order alone
    RenderInput input = Canvas.input(HtmlCorpus.edited("invoice", "<div class=\"header\">", """
        <div class="mark">DRAFT</div><div class="paid">Paid in full <b>thanks</b></div>
        <div class="header">""", """
        .mark { position: absolute; top: 200mm; left: 30mm; transform: rotate(-30deg); font-size: 54pt;
          font-weight: bold; color: #b03030; opacity: 0.3; }
        .paid { position: absolute; top: 160mm; right: 10mm; width: 200px; padding: 6px; text-align: center;
          transform: rotate(12.5deg); color: #205080; font-size: 14pt; }"""), HtmlCorpus.invoice(2));
    assertSame("position-rotated", input);
    assertSameFills(input, 0xb03030, 0x205080);
  }

  /**
   * A logo in the top right corner of a relative header with a border and padding, and a reference line at its
   * bottom right with a width, right-aligned: placed from the header's padding box. (The logo stands on the
   * brand's baseline: text per page is compared in PDFBox's position order, which takes two lines a few points
   * apart for one, and the two engines' glyph heights differ.)
   */
  @Test
  void aLogoAndAReferenceArePlacedInTheCornersOfARelativeHeader() throws Exception {
    RenderInput input = invoice("<div class=\"brand\">", """
        <div class="logo">NL <b>SOFT</b></div>
        <div class="ref-line">Reference INV 2026 0142</div>
        <div class="brand">""", """
        .header { position: relative; padding: 6pt 8pt; border: 1px solid #1a56b0; }
        .logo { position: absolute; top: 6pt; right: 8pt; font-size: 18pt; color: #8a2be2; }
        .ref-line { position: absolute; bottom: 3pt; right: 6pt; width: 160px; text-align: right; font-size: 8pt; }""");
    assertSame("position-logo", input);
    assertSameFills(input, 0x8a2be2);
  }

  /**
   * Logo images: one in the bottom right corner of the relative header, sized by its height attribute, placed
   * as openhtmltopdf places a replaced box (no line around it: its bottom on the header's padding box), and one
   * in an absolute box at the top right of the first page's content area; an image over text is refused.
   */
  @Test
  void logoImagesArePlacedInTheirCorners() throws Exception {
    String png = HtmlImageWidthEquivalenceTest.logo(120, 40);
    RenderInput input = invoice("<div class=\"brand\">", "<img class=\"logo\" src=\"" + png + "\" height=\"24\">"
        + "<div class=\"seal\"><img src=\"" + png + "\" style=\"width: 60px\"></div>\n<div class=\"brand\">", """
        .header { position: relative; }
        .logo { position: absolute; bottom: 0; right: 0; }
        .seal { position: absolute; top: 0; right: 0; width: 80px; }""");
    // the seal is in the header, which is relative: its top right corner is the header's
    assertSame("position-logo-image", input);
    RenderInput over = invoice("<div class=\"brand\">", "<img class=\"logo\" src=\"" + png + "\">\n<div class=\"brand\">",
        ".header { position: relative; } .logo { position: absolute; top: 0; left: 0; }");
    assertThatThrownBy(() -> DIRECT.render(over)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("an image in a position: absolute element over text, on img.logo");
  }

  /** What is not drawn directly is refused when the template is published, with the construct named. */
  @Test
  void positionsOutsideTheSubsetAreRefusedAtPublish() {
    assertThat(reason("<div style=\"position: absolute; left: 0\">x</div>", ""))
        .isEqualTo("position: absolute without one of top and bottom, on div");
    assertThat(reason("<div style=\"position: absolute; top: 0\">x</div>", ""))
        .isEqualTo("position: absolute without one of left and right, on div");
    assertThat(reason("<div style=\"position: absolute; bottom: 0; left: 0\">x</div>", ""))
        .isEqualTo("position: absolute with bottom outside a position: relative box, on div");
    assertThat(reason("<p style=\"position: relative; top: 2px; background: #eeeeee\">x</p>", ""))
        .isEqualTo("a border or background in a position: relative box with offsets, on p");
    assertThat(reason("<img src=\"data:,\" style=\"position: absolute; top: 0; left: 0; margin: 2px\">", ""))
        .isEqualTo("margins or padding on img, which has position: absolute");
    // its own border and background are drawn (HtmlInlineMarginEquivalenceTest), and solid square ones of what is
    // inside an upright one (HtmlSurvey22EquivalenceTest), not dashed or rounded ones
    assertThat(reason("<div style=\"position: absolute; top: 0; left: 0\"><p style=\"border: 1px dashed red\">x</p>"
        + "</div>", "")).isEqualTo("a border or background in a position: absolute element, on p");
    assertThat(reason("<table><tr><td><div style=\"position: absolute; top: 0; left: 0\">x</div></td></tr></table>",
        "")).startsWith("position: absolute on div");
    assertThat(reason("<table><tr><td style=\"position: relative\">x</td></tr></table>", ""))
        .startsWith("position: relative on td");
    assertThat(reason("<div style=\"position: relative\"><div style=\"position: absolute; top: 0; left: 0\">"
        + "<div style=\"position: absolute; top: 0; left: 0\">x</div></div></div>", ""))
        .startsWith("position: absolute inside a positioned");
    assertThat(reason("<p>Text <span style=\"position: absolute; top: 0; left: 0\">x</span></p>", ""))
        .isEqualTo("position: absolute on span (drawn directly on blocks outside tables, lists and floats)");
    assertThat(reason("<p style=\"transform: rotate(-30deg)\">x</p>", ""))
        .isEqualTo("transform on p (drawn directly on position: absolute boxes)");
    assertThat(reason("<div style=\"position: absolute; top: 0; left: 0; transform: scale(2)\">x</div>", ""))
        .isEqualTo("CSS value 'scale(2)' for 'transform' on div");
    assertThat(reason("<div style=\"position: absolute; top: 0; left: 0; margin: 4pt\"><p>x</p></div>", ""))
        .isEqualTo("a top or bottom margin on div, which has position: absolute, holding blocks");
    assertThat(reason("<p style=\"position: inherit\">x</p>", "")).isEqualTo("CSS value 'inherit' for 'position' on p");
  }

  /** What only a document shows is refused when it is drawn, and the document goes to openhtmltopdf. */
  @Test
  void positionsOnlyADocumentShowsOutsideTheSubsetAreRefusedWhenDrawn() {
    // a stamp past the bottom of the first page's content area
    RenderInput low = invoice("<div class=\"header\">", "<div class=\"stamp\">PAID</div>\n<div class=\"header\">",
        ".stamp { position: absolute; top: 250mm; left: 0; font-size: 30pt; }");
    assertThatThrownBy(() -> DIRECT.render(low)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("a position: absolute box reaching out of the first page's content area");
    // text that would wrap in a box without a width
    RenderInput wide = invoice("<div class=\"header\">", "<div class=\"stamp\">" + "Paid in full, thank you. ".repeat(8)
        + "</div>\n<div class=\"header\">", ".stamp { position: absolute; top: 0; right: 0; }");
    assertThatThrownBy(() -> DIRECT.render(wide)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("position: absolute without a width on a box whose text would wrap");
    // letter-spacing in a box shrunk to its text: openhtmltopdf sizes the box without it, and wraps the text
    RenderInput spaced = invoice("<div class=\"header\">", "<div class=\"stamp\">NL <b>SOFT</b></div>\n<div class=\"header\">",
        ".stamp { position: absolute; top: 0; right: 0; font-size: 18pt; letter-spacing: 1pt; }");
    assertThatThrownBy(() -> DIRECT.render(spaced)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("letter-spacing in a position: absolute box without a width, on div.stamp");
    // a shifted box that a page break splits, and a relative box holding an absolute one across a break
    String lines = "{{#each lines}}<p>Line {{this}} of a long text</p>{{/each}}";
    String data = "{\"lines\": " + java.util.stream.IntStream.range(0, 80).boxed().toList() + "}";
    RenderInput split = Canvas.input(HtmlCorpus.of("<div class=\"nudge\">" + lines + "</div>",
        ".nudge { position: relative; top: 2px; }"), data);
    assertThatThrownBy(() -> DIRECT.render(split)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("a position: relative box with offsets across a page break, on div.nudge");
    RenderInput holding = Canvas.input(HtmlCorpus.of("<div class=\"page\"><div class=\"logo\">Logo</div>" + lines
        + "</div>", ".page { position: relative; } .logo { position: absolute; top: 0; right: 0; }"), data);
    assertThatThrownBy(() -> DIRECT.render(holding)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("a position: relative box holding an absolute box across a page break, on div.page");
  }
}
