package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * What the twelfth round's templates (written as an assistant writes them for a PDF service: an SVG logo, a DIN
 * invoice's page wrapper, a body margin of a browser's kind) needed next. Each is drawn directly and printed as
 * openhtmltopdf prints it.
 */
class HtmlSurvey22EquivalenceTest {
  private static final String ROWS = "<table class=\"t\"><thead><tr><th>Date</th><th>Description</th><th>Amount</th>"
      + "</tr></thead><tbody>"
      + "<tr><td>2026-11-01</td><td>Card payment, Harbourside Dental Group</td><td>120.00</td></tr>".repeat(70)
      + "</tbody></table>";

  /**
   * At the document's start openhtmltopdf keeps the outermost top margin among the body and its first children, not
   * the largest (D68): a browser's body margin over a first paragraph, a wrapper's over a heading.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<p>Invoice</p><p>Bill to</p>|body { margin: 5px }",
      "<p>Invoice</p><p>Bill to</p>|body { margin: 20px }",
      "<div class=\"w\"><p>Invoice</p></div><p>Bill to</p>|.w { margin-top: 10px }",
      "<div class=\"w\"><div class=\"v\"><p>Invoice</p></div></div><p>Bill to</p>"
          + "|.w { margin-top: 10px } .v { margin-top: 12px }",
      "<div class=\"w\"><div class=\"v\"><h1>Invoice</h1></div></div><p>Bill to</p>"
          + "|.v { margin-top: 4px } h1 { margin: 20px 0 }",
      "<section class=\"w\"><div class=\"v\">Invoice</div></section><p>Bill to</p>"
          + "|body { margin: 0 } .w { margin-top: 5px } .v { margin-top: 8px }"})
  void theDocumentsFirstTopMargin(String example) throws Exception {
    String[] parts = example.split("\\|");
    assertSame("survey22-first-margin", drawnDirectly(parts[0], "body { font-size: 10pt } " + parts[1]));
  }

  /** {@code page-break-after: avoid} on a block that ends its parent (a DIN invoice's page wrapper) changes nothing. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<div class=\"page\"><h1>Rechnung</h1>ROWS</div>",
      "<div class=\"page\"><h1>Rechnung</h1>ROWS</div>\n",
      "<div><p>Lead</p><div class=\"page\">ROWS</div></div><p>After</p>"})
  void avoidAfterOnTheLastBlock(String html) throws Exception {
    assertSame("survey22-avoid-after", drawnDirectly(html.replace("ROWS", ROWS),
        ".page { page-break-after: avoid; padding: 0 4mm } .t { width: 100%; -fs-table-paginate: paginate }"
            + " tr { page-break-inside: avoid }"));
  }

  /**
   * A fixed footer written after the content (at the end of the body, or between two parts) is painted on every
   * page, as openhtmltopdf paints it wherever it stands among the body's children (measured).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<h1>Invoice</h1>ROWS<div class=\"footer\">Northgate Industrial Supply LLC</div>",
      "<h1>Invoice</h1>ROWS<div class=\"footer\">Northgate Industrial Supply LLC</div><p>Notes</p>ROWS",
      "<h1>Invoice</h1><div class=\"footer\">Northgate Industrial Supply LLC</div>ROWS"})
  void aFixedFooterAfterContent(String html) throws Exception {
    assertSame("survey22-fixed-after", drawnDirectly(html.replace("ROWS", ROWS), ".footer { position: fixed;"
        + " bottom: -12mm; left: 0; right: 0; text-align: center; font-size: 8pt }"
        + " .t { width: 100%; border-collapse: collapse } tr { page-break-inside: avoid }"
        + " @page { margin: 20mm 15mm 25mm }"));
  }

  /**
   * A fixed footer's band (a background, a solid rule above it) where it meets none of the flow's text: painted over
   * the flow in openhtmltopdf, under its text here, alike where they do not meet.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"background: #0b3d6e; color: #fff; padding: 6px 0",
      "border-top: 2px solid #0b3d6e; padding-top: 4px", "background: #eef; border-top: 1px solid #999"})
  void aFixedFootersBand(String band) throws Exception {
    assertSame("survey22-fixed-band", drawnDirectly("<h1>Invoice</h1><p>Thank you for your order.</p><div"
        + " class=\"footer\">Northgate"
        + " Industrial Supply LLC</div>", ".footer { position: fixed; bottom: 0; left: 0; right: 0;"
        + " text-align: center; font-size: 8pt; " + band + " } .t { width: 100%; border-collapse: collapse }"
        + " tr { page-break-inside: avoid } @page { margin: 20mm 15mm 35mm }"));
  }

  @Test
  void aFixedBandOverTheFlowsTextIsNamed() throws Exception {
    dev.platen.render.RenderInput input = drawnDirectly("<h1>Invoice</h1>" + ROWS + "<div class=\"footer\">Supply"
        + "</div>", ".footer { position: fixed; bottom: 0; left: 0; right: 0; background: #eef }"
        + " .t { width: 100%; border-collapse: collapse } tr { page-break-inside: avoid }");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DirectPdfEngine(
        dev.platen.render.EngineSettings.defaults()).render(input)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("a border or background in a position: fixed element over the text of a page");
  }

  /**
   * A span holding only a paragraph, then a line of spans, in a cell of automatic layout (a purchase order's
   * supplier address): measured for its column as the block that draws nothing it is laid out as.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<span><p>14-B, Road No. 4, Madri Industrial Area,<br> Udaipur, Rajasthan 313003</p></span>\n"
      + "<span>+91 294 249 1187</span> | <span>purchase@aravalipumps.in</span>",
      "<span><p>A long supplier address that is wider than the other line of this cell</p></span> <span>x</span>",
      "Before <span><div>Block in the middle</div></span> after"})
  void aSpanOfBlocksInACellOfAutomaticLayout(String cell) throws Exception {
    assertSame("survey22-span-blocks", drawnDirectly("<table class=\"h\"><tr><td><b>Aravali Pumps</b></td><td>" + cell
        + "</td></tr></table><p>After</p>", ".h td { border: 1px solid #ccc; padding: 4px; vertical-align: top }"));
  }

  /**
   * Corners that differ on a block's background, alone or inside an accent bar (a callout's {@code border-left: 4px
   * solid; border-radius: 0 6px 6px 0}, three of ten templates written as an assistant writes them), drawn as
   * openhtmltopdf's BorderPainter shapes them, its radii scaled down as it scales them.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"border-left: 4px solid #2563eb; border-radius: 0 6px 6px 0; background: #eff6ff",
      "border-left: 3px solid #b91c1c; border-radius: 0 4px 4px 0; background: #fef2f2",
      "border-left: 4px solid #2563eb; border-radius: 0 6px 6px 0",
      "background: #f1f5f9; border-radius: 12px 12px 0 0", "background: #f1f5f9; border-radius: 2px 10px 30px",
      "background: #e0f2fe; border-top-left-radius: 10px; border-top-right-radius: 10px",
      "background: #fde68a; border-radius: 40px 0 40px 0", "border-top: 6px solid #0f766e; border-bottom: 1px solid"
          + " #99f6e4; border-radius: 8px 8px 2px 2px; background: #f0fdfa"})
  void cornersThatDiffer(String box) throws Exception {
    assertSame("survey22-corners", drawnDirectly("<p>Before</p><div class=\"note\"><strong>Reverse charge.</strong>"
        + " VAT to be accounted for by the recipient under Article 196 of Council Directive 2006/112/EC.</div>"
        + "<p>After</p>", ".note { padding: 10px 14px; margin: 12px 0; font-size: 10pt; " + box + " }"));
  }

  /** On cells without a border (a totals row's rounded ends, a table head's rounded top corners). */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"td:first-child { border-radius: 6px 0 0 6px } td:last-child { border-radius: 0 6px 6px 0 }",
      "td:first-child { border-top-left-radius: 8px } td:last-child { border-top-right-radius: 8px }",
      "td { border-radius: 10px 2px }"})
  void cornersThatDifferOnCells(String css) throws Exception {
    assertSame("survey22-cell-corners", drawnDirectly("<p>Totals</p><table class=\"t\"><tr><td>Grand total</td>"
        + "<td>$12,480.00</td></tr></table><p>After</p>", ".t { border-spacing: 0 4px; width: 60% }"
        + " td { background: #1e3a5f; color: #fff; padding: 8px 12px } " + css));
  }

  /**
   * Rounded cells in a table of collapsed borders (a card statement's head: {@code th:first-child
   * { border-top-left-radius: 8px }}): measured, openhtmltopdf draws them square, with a border or without.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"th:first-child { border-top-left-radius: 12px } th:last-child { border-top-right-radius: 12px }",
      "th { border-radius: 6px; border-bottom: 2px solid #000 }", "td { border-radius: 4px 0; border: 1px solid #ccc }"})
  void roundedCellsWithCollapsedBorders(String css) throws Exception {
    HtmlEquivalenceTest.assertSameSharp("survey22-collapsed-rounded", drawnDirectly("<table class=\"t\"><thead><tr>"
        + "<th>Date</th><th>Description</th><th>Amount</th></tr></thead><tbody><tr><td>2026-11-01</td>"
        + "<td>Card payment</td><td>120.00</td></tr></tbody></table><p>After</p>", ".t { border-collapse: collapse;"
        + " width: 100% } th { background: #0f766e; color: #fff; padding: 8px } td { padding: 6px } " + css));
  }

  /** min-height on a box of no border or background whose padding keeps its children's margins in (a note box). */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<p>Leave at the door</p>", "<h4>Notes</h4><p>Leave at the door.</p>", "",
      "<p>Line</p><p>Line</p><p>Line</p><p>Line</p><p>Line</p><p>Line</p><p>Line</p>"})
  void minHeightOnAPaddedBox(String inside) throws Exception {
    assertSame("survey22-min-height", drawnDirectly("<div class=\"box\">" + inside + "</div><p>After</p>",
        ".box { padding: 12px 14px; min-height: 90px; margin: 10px 0 }"));
  }

  /** A block image or drawing inside an absolute box (a DIN letter's letterhead placed by offsets, its logo in it). */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"LOGO<div class=\"firma\">Schreinerei Vogt GmbH</div>",
      "<div class=\"firma\">Schreinerei Vogt GmbH</div>LOGO", "<div class=\"firma\">Vogt</div>IMG"})
  void aBlockImageInAnAbsoluteBox(String inside) throws Exception {
    String logo = "<svg width=\"60\" height=\"40\" viewBox=\"0 0 60 40\"><rect width=\"60\" height=\"40\""
        + " fill=\"#3a5a2a\"/></svg>";
    String img = "<img style=\"display: block\" width=\"120\" height=\"40\" src=\""
        + dev.platen.render.Canvas.pngDataUri() + "\"/>";
    HtmlEquivalenceTest.assertSameSharp("survey22-absolute-image", drawnDirectly("<div class=\"page\"><div class=\"kopf\">"
        + inside.replace("LOGO", logo).replace("IMG", img) + "</div><p class=\"body\">Rechnung Nr. 2026-042</p></div>",
        ".page { position: relative } .kopf { position: absolute; top: 12mm; left: 25mm; width: 80mm }"
        + " .firma { font-size: 16pt; font-weight: bold } .page { padding-top: 80mm }"));
  }

  /**
   * Solid borders and backgrounds inside an upright absolute box (a DIN letter's address window: the return address
   * over a rule), kept off the flow's text as the box's own are.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".ruecksende { border-bottom: 0.2mm solid #444; padding-bottom: 0.5mm; margin: 0 5mm 3mm }",
      ".ruecksende { background: #eee } .empfaenger { border-left: 2px solid #0b3d6e; padding-left: 3mm }"})
  void decorationsInsideAnAbsoluteBox(String css) throws Exception {
    HtmlEquivalenceTest.assertSameSharp("survey22-absolute-decorated", drawnDirectly("<div class=\"page\"><div"
        + " class=\"feld\"><div class=\"ruecksende\">Schreinerei Vogt GmbH · Gewerbestraße 12 · 79108 Freiburg</div>"
        + "<div class=\"empfaenger\">Architekturbüro Kessler &amp; Partner<br>Bertoldstraße 48<br>79098 Freiburg</div>"
        + "</div><p>Rechnung Nr. 2026-042</p></div>", ".page { position: relative; padding-top: 70mm }"
        + " .feld { position: absolute; top: 15mm; left: 0; width: 85mm; height: 45mm } .ruecksende { font-size: 7pt }"
        + " .empfaenger { font-size: 10pt } " + css));
  }

  /** And in a fixed header, where it meets none of the flow's text (on a page below it, it is refused). */
  @Test
  void aBlockImageInAFixedHeader() throws Exception {
    HtmlEquivalenceTest.assertSameSharp("survey22-fixed-image", drawnDirectly("<div class=\"kopf\"><svg width=\"60\""
        + " height=\"40\" viewBox=\"0 0 60 40\"><rect width=\"60\" height=\"40\" fill=\"#3a5a2a\"/></svg>"
        + "<div>Schreinerei Vogt GmbH</div></div><div class=\"body\"><p>Rechnung Nr. 2026-042</p></div>",
        ".kopf { position: fixed; top: 0; left: 0; width: 80mm } .body { padding-top: 30mm }"));
  }

  @Test
  void cornersThatDifferOutsideTheSubsetAreNamed() {
    assertThat(refusal("<div class=\"c\">Card</div>", ".c { border: 1px solid #ccc; border-radius: 8px 8px 0 0 }"))
        .isEqualTo("border-radius of corners that differ on div.c");
    assertThat(refusal("<p>x <span class=\"c\">tag</span></p>", ".c { background: #eee; border-radius: 4px 0 }"))
        .isEqualTo("border-radius of corners that differ on span.c");
  }

  /**
   * A page margin too small for the footer's line ({@code @page { margin: 0 }} over a page of its own padding, as
   * assistants write certificates and credit notes): openhtmltopdf puts the line's top at the margin box's top, so
   * "Page 1 of 1" runs out below the box, off the page at 0 (measured: 0, 2mm, 4mm).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0", "2mm", "3mm", "4mm", "15mm 12mm 0", "15mm 12mm 1mm"})
  void aFooterLineTallerThanTheMargin(String margin) throws Exception {
    assertSame("survey22-footer-over", drawnDirectly("<div class=\"sheet\"><h1>Credit note</h1><p>CN-2026-0042</p>"
        + "</div>", "@page { size: A4; margin: " + margin + " } .sheet { padding: 18mm 16mm }"));
  }

  /**
   * A letter-spaced tag of two words made an inline block (a credit note's "CREDIT NOTE" pill): openhtmltopdf sizes
   * it without the spacing and wraps its second word, which the direct engine had drawn on one line (found by the
   * twelfth round): named now, and one word is still drawn.
   */
  @Test
  void aLetterSpacedInlineBlockOfTwoWords() throws Exception {
    String css = ".tag { display: inline-block; padding: 4px 12px; font-size: 11px; font-weight: 700;"
        + " text-transform: uppercase; letter-spacing: 0.12em }";
    assertThat(refusal("<div style=\"text-align: right\"><span class=\"tag\">Credit Note</span></div>", css))
        .isEqualTo("letter-spacing in the inline block span.tag of several words");
    assertSame("survey22-spaced-tag", drawnDirectly("<div style=\"text-align: right\"><span class=\"tag\">Credit</span>"
        + "</div><p>After</p>", css));
  }

  /**
   * An empty inline block of a set width and height (a packing slip's check box): laid out as an image of its
   * border box, its bottom on the baseline, as openhtmltopdf places a box without lines.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "<table class=\"t\"><tr><td class=\"c\"><span class=\"check\"></span></td><td>WB-CF-ETH-340</td>"
          + "<td>Ethiopia Yirgacheffe Whole Bean</td><td class=\"c\">2</td></tr></table>|",
      "<p><span class=\"check\"></span> Ethiopia Yirgacheffe Whole Bean</p>|",
      "<p><span class=\"check\"></span> Ethiopia Yirgacheffe</p>|.check { vertical-align: middle; margin-right: 6px }",
      "<p>Packed by <span class=\"check\"></span> and checked</p>|.check { background: #eef; box-sizing: border-box }",
      "<div><span class=\"check\"></span></div><p>After</p>|.check { width: 16px; height: 16px; border-width: 2px }",
      "<p><span class=\"check\"></span> Rounded</p>|.check { width: 16px; height: 16px; border-radius: 3px }",
      "<p><span class=\"check\"></span> Rounded</p>|.check { border: none; background: #334; border-radius: 2px }"})
  void anEmptyInlineBlockOfASetSize(String example) throws Exception {
    String[] parts = example.split("\\|", -1);
    String css = "body { font-size: 10pt } .t { width: 100% } .t td { border-bottom: 1px solid #ddd; padding: 6px }"
        + " .c { text-align: center } .check { display: inline-block; width: 12px; height: 12px;"
        + " border: 1px solid #333 } " + parts[1];
    dev.platen.render.RenderInput input = drawnDirectly(parts[0], css);
    HtmlEquivalenceTest.assertSameSharp("survey22-square", input);
    // a box this small is under the image comparison's share: its ink, counted, is the same in both, and it is there
    long html = dark(new dev.platen.render.html.HtmlPdfEngine(dev.platen.render.EngineSettings.defaults()).render(input));
    long direct = dark(new DirectPdfEngine(dev.platen.render.EngineSettings.defaults()).render(input));
    long without = dark(new DirectPdfEngine(dev.platen.render.EngineSettings.defaults())
        .render(drawnDirectly(parts[0].replace("class=\"check\"", ""), css)));
    assertThat(direct).isBetween(html * 85 / 100, html * 115 / 100); // text a fraction of a pixel apart changes some
    assertThat(direct - without).isGreaterThan(40);
  }

  @Test
  void anInlineBlockOfASetHeightWithContentIsNamed() {
    assertThat(refusal("<p>Status <span class=\"b\">PAID</span></p>",
        ".b { display: inline-block; width: 40px; height: 12px; background: #dfd }"))
        .isEqualTo("CSS property 'height' on the inline box span.b");
  }

  /** Dark pixels of page 1 at 150 dpi. */
  private static long dark(byte[] pdf) {
    java.awt.image.BufferedImage page = dev.platen.testing.Golden.page1(pdf, 150);
    long n = 0;
    for (int y = 0; y < page.getHeight(); y++) {
      for (int x = 0; x < page.getWidth(); x++) {
        if ((page.getRGB(x, y) & 0xff) < 128) n++;
      }
    }
    return n;
  }

  /** An image sized by an attribute and by CSS alike (a purchase order's logo): nothing to choose between. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"height=\"80px\" style=\"height:80px;\"", "height=\"40\" style=\"height: 40px\"",
      "width=\"120\" style=\"width:120px\""})
  void anImageSizedAlikeTwice(String sized) throws Exception {
    assertSame("survey22-sized-twice", drawnDirectly("<div><img src=\"" + dev.platen.render.Canvas.pngDataUri() + "\" "
        + sized + "/></div><p>Aravali Pumps</p>", ""));
    assertThat(refusal("<div><img src=\"data:,\" height=\"80\" style=\"height: 60px\"/></div>", ""))
        .isEqualTo("both a height attribute and a CSS height on img");
  }

  @Test
  void avoidAfterBeforeAnotherBlockIsNamed() {
    assertThat(refusal("<div class=\"page\">One</div><div>Two</div>", ".page { page-break-after: avoid }"))
        .isEqualTo("page-break-after: avoid on div.page before more content");
    assertThat(refusal("<span class=\"page\">One</span>", ".page { page-break-after: avoid }"))
        .startsWith("CSS value 'avoid' for 'page-break-after'");
  }
}
