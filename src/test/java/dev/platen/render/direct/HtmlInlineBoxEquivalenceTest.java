package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Inline boxes, the status badges of invoice templates ({@code <span class="badge">PAID</span>} with padding, a
 * background and a border), drawn directly and printed as openhtmltopdf prints them: text per page, page breaks,
 * page images within 1% and word positions, as {@link HtmlEquivalenceTest} compares, and fill colours. Colours are
 * dark: the image comparison does not see light ones.
 */
class HtmlInlineBoxEquivalenceTest {
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  private static final String BADGE = ".badge { padding: 2px 8px; background: #0b3d2e; color: #ffffff;"
      + " border: 1px solid #c00000; margin-left: 3px; }";

  private static String reason(String html, String css) {
    return RoutingPdfEngine.choose(HtmlCorpus.of(html, css), PageSetup.DEFAULT).reason();
  }

  /**
   * A badge in a paragraph: its sides widen the line, its background and border around the text; an inline one
   * leaves the line's height as it is, an inline block (its box its own line box and padding) makes room for itself.
   */
  @ParameterizedTest
  @ValueSource(strings = {"inline", "inline-block"})
  void aBadgeInAParagraphPrintsTheSame(String display) throws Exception {
    String html = "<h2>Invoice {{invoice.number}}</h2><p>Status: <span class=\"badge\">PAID</span> on"
        + " {{invoice.date}}</p><p class=\"small\">Reminder <span class=\"badge\">OVERDUE</span><b>!</b> next line</p>"
        + "<p>After <span class=\"pill\"><b>bold</b> in a pill</span> and on.</p>";
    String css = BADGE + " .small { font-size: 12pt; } .small .badge { font-size: 7.5pt; padding: 2pt 6.3pt; }"
        + " .pill { padding: 0 4px; background: #1a3f7a; color: #ffffff; border-bottom: 3px solid #000000; }"
        + " .badge, .pill { display: " + display + "; }";
    RenderInput input = HtmlCorpus.input("invoice", HtmlCorpus.of(html, css));
    assertSame("badge-paragraph-" + display, input);
    assertSameFills(input, 0x0b3d2e, 0xc00000, 0x1a3f7a);
  }

  /**
   * Badges in a right-aligned column of a table with automatic layout, against the cell's right edge: the column
   * sized by a percentage, and, in a table as wide as its text, by the badge's text with its sides.
   */
  @ParameterizedTest
  @ValueSource(strings = {"inline", "inline-block"})
  void badgesInARightAlignedTableCellPrintTheSame(String display) throws Exception {
    String html = "<table class=\"items\"><tr><th>Description</th><th class=\"n\">Status</th></tr>{{#each items}}<tr>"
        + "<td>{{description}}</td><td class=\"n\"><span class=\"badge\">{{#if @first}}OVERDUE{{else}}PAID{{/if}}"
        + "</span></td></tr>{{/each}}</table><table class=\"wide\"><tr><td>Total</td><td class=\"n\">due"
        + " <span class=\"badge\">{{format-currency total currency}}</span></td></tr></table>";
    String css = BADGE + " td { border-bottom: 1px solid #000000; padding: 3px; vertical-align: top; } .n { text-align: right; }"
        + " table.items { width: 100%; } th.n { width: 20%; } table.wide { width: 100%; margin-top: 10pt; }"
        + " .badge { display: " + display + "; }";
    RenderInput input = HtmlCorpus.input("invoice", HtmlCorpus.of(html, css));
    assertSame("badge-table-cell-" + display, input);
    assertSameFills(input, 0x0b3d2e, 0xc00000);
  }

  /**
   * A paragraph wrapped over several lines with badges inside it, in boxes of several widths: the badges' sides
   * count where the lines break, a badge's last word fits without the space after the badge, as openhtmltopdf
   * fits it.
   */
  @ParameterizedTest
  @CsvSource({"90, inline", "110, inline", "130, inline", "150, inline", "170, inline", "210, inline",
      "90, inline-block", "130, inline-block", "170, inline-block", "210, inline-block"})
  void aWrappedLineWithBadgesPrintsTheSame(int width, String display) throws Exception {
    // an inline block is one piece, spaces and all; an inline box's line would break inside it
    String late = display.equals("inline") ? "LATE" : "PAST DUE";
    String text = "Status: <span class=\"badge\">PAID</span> <span class=\"badge\">" + late + "</span> x <span"
        + " class=\"badge\">DUE</span> , now the order <span class=\"badge\">SHIPPED</span> and more text follows here";
    StringBuilder html = new StringBuilder();
    for (int w = width; w < width + 12; w += 3) html.append("<div style=\"width: ").append(w).append("px\">").append(text)
        .append("</div><hr>");
    RenderInput input = Canvas.input(HtmlCorpus.of(html.toString(), BADGE + " body { font-size: 8pt; } .badge { display: "
        + display + "; }"), "{}");
    assertSame("badge-wrapped-" + width + "-" + display, input);
  }

  /**
   * A badge its line breaks inside, one breaking off a word at its edge, or one in a column squeezed to its
   * narrowest (openhtmltopdf leaves the badge's right side out of that and wraps the side alone to a new line) is
   * drawn by openhtmltopdf.
   */
  @Test
  void aBadgeALineBreaksIsLeftToOpenhtmltopdf() {
    String squeezed = "<table><tr><td>" + "Consulting and architecture review, ".repeat(4) + "</td><td style=\"text-align:"
        + " right\"><span class=\"badge\">PAID</span></td></tr></table>";
    assertThatThrownBy(() -> DIRECT.render(Canvas.input(HtmlCorpus.of(squeezed, BADGE), "{}")))
        .isInstanceOf(Unsupported.class).hasMessageContaining("a word wider than its column");
    // an inline block's lines would break inside it there
    String block = BADGE + " .badge { display: inline-block; }";
    assertThatThrownBy(() -> DIRECT.render(Canvas.input(HtmlCorpus.of(squeezed.replace("PAID", "PAST DUE"), block), "{}")))
        .isInstanceOf(Unsupported.class).hasMessageContaining("an inline block wider than its line (PAST DUE)");
    String across = "<div style=\"width: 80px\">Status <span class=\"badge\">PAID IN FULL TODAY</span></div>";
    assertThat(reason(across, BADGE)).isNull();
    assertThatThrownBy(() -> DIRECT.render(Canvas.input(HtmlCorpus.of(across, BADGE), "{}")))
        .isInstanceOf(Unsupported.class).hasMessageContaining("an inline box across a line break, span.badge");
    // openhtmltopdf breaks between the badge and the comma after it when the badge fits and the comma does not
    String edge = "<div style=\"width: 125px\">more text <span class=\"badge\">LATE</span>.</div>";
    assertThatThrownBy(() -> DIRECT.render(Canvas.input(HtmlCorpus.of(edge, BADGE), "{}")))
        .isInstanceOf(Unsupported.class).hasMessageContaining("a line break at the edge of an inline box inside a word");
  }

  /** Inline boxes not drawn as openhtmltopdf draws them are named. */
  @Test
  void inlineBoxesOutsideTheSubsetAreNamed() {
    assertThat(reason("<p><span class=\"badge\"><span class=\"badge\">x</span></span></p>", BADGE))
        .isEqualTo("an inline box inside the inline box span.badge");
    assertThat(reason("<p><span class=\"badge\"> x</span></p>", BADGE))
        .isEqualTo("white space at the start of the inline box span.badge");
    assertThat(reason("<p><span class=\"badge\">x </span>y</p>", BADGE))
        .isEqualTo("white space at the end of the inline box span.badge");
    assertThat(reason("<p><span class=\"badge\"></span></p>", BADGE)).isEqualTo("an empty inline box, span.badge");
    // a top or bottom margin takes no room (HtmlInlineMarginEquivalenceTest); a negative one is refused
    assertThat(reason("<p><span class=\"b\">x</span></p>", ".b { padding: 2px; margin-top: -4px; }"))
        .contains("-4px");
    assertThat(reason("<p><span class=\"b\">x</span></p>", ".b { border: 1px dashed #000; }"))
        .isEqualTo("a dashed, dotted or double border on the inline box span.b");
    assertThat(reason("<p><u><span class=\"badge\">x</span></u></p>", BADGE))
        .isEqualTo("underlined or struck-out text on the inline box span.badge");
    assertThat(reason("<p style=\"text-align: justify\">a <span class=\"badge\">x</span></p>", BADGE))
        .isEqualTo("an inline box in a justified paragraph");
    assertThat(reason("<p>a<span class=\"badge\">x<br>y</span></p>", BADGE))
        .isEqualTo("a <br> inside an inline box");
    // an inline element has no width, as openhtmltopdf lays it out (HtmlSurvey20EquivalenceTest)
    assertThat(reason("<p><span class=\"b\">x</span></p>", ".b { width: 40px; }")).isNull();
    assertThat(reason("<p><span class=\"badge\">x</span></p>", BADGE + " .badge { vertical-align: middle; }"))
        .isEqualTo("vertical-align on the inline box span.badge");
    assertThat(reason("<p>m<span class=\"sup\">2</span></p>", ".sup { vertical-align: middle; font-size: 8pt; }"))
        .isEqualTo("vertical-align on the inline element span.sup");
    assertThat(reason("<p><br class=\"b\">x</p>", ".b { display: inline-block; }")).isEqualTo("CSS display"
        + " 'inline-block' on br.b");
  }

  /**
   * border-radius on a background, a block's and a badge's, drawn as openhtmltopdf rounds it: quarter ellipses
   * whose radii are at most half of each side (a radius larger than a badge makes an ellipse of it). Page images
   * at 50 dpi cannot tell a rounded corner from a square one, so the pages are compared again at 200 dpi, where a
   * square corner of these boxes alone differs in well over a thousand pixels.
   */
  @Test
  void roundedCornersPrintTheSame() throws Exception {
    String html = "<div class=\"card\">Invoice {{invoice.number}}</div><p>Status: <span class=\"badge\">PAID</span>"
        + " <span class=\"pill\">OVERDUE</span> <span class=\"block\">SENT</span></p><p class=\"note\">Thank you.</p>";
    String css = ".card { border-radius: 20px; background: #1a3f7a; padding: 20px; width: 250px; }"
        + " .badge, .pill, .block { padding: 2px 8px; background: #0b3d2e; border-radius: 4px; }"
        + " .pill { border-radius: 999px; } .block { display: inline-block; border-radius: 6pt; }"
        + " .note { border-radius: 8px; background: #000000; } p { color: #ffffff; }";
    RenderInput input = HtmlCorpus.input("invoice", HtmlCorpus.of(html, css));
    assertSame("rounded-corners", input);
    // text in the colour of its background, so only the shapes are compared: 6,000 pixels differ with square corners
    String hidden = css + " .card { color: #1a3f7a; } .badge, .pill, .block { color: #0b3d2e; } .note { color: #000000; }"
        + " p { color: #ffffff; }";
    RenderInput shapes = HtmlCorpus.input("invoice", HtmlCorpus.of(html.replace("Status:", ""), hidden));
    assertThat(differingPixels(HTML.render(shapes), DIRECT.render(shapes))).isLessThan(40);
  }

  /** Pixels of the first page at 200 dpi whose grey differs by more than a quarter. */
  private static int differingPixels(byte[] a, byte[] b) throws Exception {
    java.awt.image.BufferedImage x = dev.platen.testing.Golden.page1(a, 200);
    java.awt.image.BufferedImage y = dev.platen.testing.Golden.page1(b, 200);
    int n = 0;
    for (int i = 0; i < x.getWidth(); i++) {
      for (int j = 0; j < x.getHeight(); j++) {
        if (Math.abs((x.getRGB(i, j) & 0xff) - (y.getRGB(i, j) & 0xff)) > 64) n++;
      }
    }
    return n;
  }

  /**
   * A rounded box with a uniform solid border (a card, a stamp): drawn as a ring, the rounded rectangle less the one
   * inside it. Measured at 300 dpi, it differs from openhtmltopdf's curves no more than a square border does
   * (a 1px border at 4px: 472 pixels off by more than 24 levels, none by more than 96; square: 497 and 5).
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "border: 1px solid #999; border-radius: 4px; padding: 8px; background: #fafafa",
      "border: 3px solid #336; border-radius: 12px; padding: 10px",
      "border: 2px solid #c33; border-radius: 20px; padding: 6px 12px; background: #fee"})
  void roundedBoxesWithABorderPrintTheSame(String box) throws Exception {
    RenderInput input = Canvas.input(HtmlCorpus.of("<p>before</p><div class=\"c\"><p>Card content line one</p>"
        + "<p>Second line</p></div><p>after</p>", "@page { size: A5; margin: 20mm } body { margin: 0; font-size: 10pt }"
        + " p { margin: 4pt 0 } .c { " + box + " }"), "{}");
    HtmlEquivalenceTest.assertSame("round-border-" + box.hashCode(), input);
    HtmlEquivalenceTest.assertSameFills(input);
  }

  /** Radii not drawn as openhtmltopdf draws them are named. */
  @Test
  void radiiOutsideTheSubsetAreNamed() {
    assertThat(reason("<p>a <span class=\"x\">x</span></p>", ".x { border-radius: 4px; border: 1px solid #000;"
        + " border-left-color: #f00 }"))
        .isEqualTo("border-radius with a border whose sides differ, or dashed, dotted or double on span.x");
    assertThat(reason("<p class=\"x\">x</p>", ".x { border-radius: 4px; border: 1px dashed #000 }"))
        .isEqualTo("border-radius with a border whose sides differ, or dashed, dotted or double on p.x");
    // corners that differ are drawn on blocks (HtmlSurvey22EquivalenceTest); elliptical ones are not
    assertThat(reason("<p class=\"x\">x</p>", ".x { border-radius: 4px / 8px; }"))
        .isEqualTo("CSS value '4px / 8px' for 'border-radius' on p.x");
    assertThat(reason("<p class=\"x\">x</p>", ".x { border-radius: 50%; }"))
        .isEqualTo("CSS value '50%' for 'border-radius' on p.x");
    // a rounded cell is drawn with separate borders and no border of its own (HtmlMailEquivalenceTest), and square
    // with collapsed ones, as openhtmltopdf draws it (HtmlSurvey22EquivalenceTest)
    assertThat(reason("<table><tr><td class=\"x\">x</td></tr></table>",
        ".x { border-radius: 4px; border: 1px solid #000 }"))
        .isEqualTo("border-radius on a table cell with a border or collapsed borders");
    assertThat(reason("<table><tr class=\"x\"><td>x</td></tr></table>", ".x { border-radius: 4px; }"))
        .isEqualTo("border-radius on tr.x");
    assertThat(reason("<p class=\"x\">x</p>", ".x { border-top-left-radius: 4px 8px; }"))
        .isEqualTo("CSS value '4px 8px' for 'border-top-left-radius' on p.x");
  }

  /** display: block on a span makes it a block, laid out as a div: between the lines around it, with its own box. */
  @Test
  void aSpanDisplayedAsABlockPrintsTheSame() throws Exception {
    String html = "<span class=\"title\">Invoice {{invoice.number}}</span>Billed to <span class=\"b\">{{customer.name}}"
        + "</span> on {{invoice.date}}<div><span class=\"box\">Payment received</span><b>Thank you</b> for it.</div>"
        + "<p>Closing <span class=\"badge\">PAID</span></p>";
    String css = BADGE + " .b { display: block; } .title { display: block; font-size: 16pt; border-bottom: 2px solid"
        + " #000000; margin-bottom: 8pt; } .box { display: block; background: #1a3f7a; color: #ffffff; padding: 4pt;"
        + " margin: 6pt 0; }";
    RenderInput input = HtmlCorpus.input("invoice", HtmlCorpus.of(html, css));
    assertSame("span-block", input);
    assertSameFills(input, 0x1a3f7a, 0x0b3d2e);
    assertThat(reason("<p><b>a <span class=\"b\">x</span></b></p>", ".b { display: block; }"))
        .isEqualTo("display: block on span.b inside a line of text");
    assertThat(reason("<p><span class=\"b\">x</span></p>", ".b { display: block; text-decoration: underline; }"))
        .isEqualTo("CSS text-decoration on a block (only inline elements', such as <u>) on span.b");
  }
}
