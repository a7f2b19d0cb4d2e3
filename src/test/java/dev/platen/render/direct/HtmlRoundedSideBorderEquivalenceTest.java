package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static dev.platen.render.direct.HtmlTableDecorationEquivalenceTest.assertSameRectangles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.EngineSettings;
import dev.platen.render.RenderInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rounded block with a solid border on one side only (a callout's accent bar), drawn directly as openhtmltopdf
 * draws it (RoundedSides): same text, page images and fill colours, and each fill's bounding box within a tenth
 * of a point of openhtmltopdf's, so a background drawn from the outer edge or a bar with square corners fails.
 */
class HtmlRoundedSideBorderEquivalenceTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  private static final String NOTE = "<h1>Invoice</h1><p>Items as agreed.</p>"
      + "<div class=\"notes\">Thank you for your business.<br/>Payment is due within 30 days.</div><p>After the note.</p>";

  /** The generated invoice template's notes box: a 3px indigo bar on the left, 4px corners, a grey background. */
  @Test
  void calloutWithALeftAccentBarPrintsTheSame() throws Exception {
    String css = "body{font-family:sans-serif} .notes { padding: 12px 14px; background: #f9fafb;"
        + " border-left: 3px solid #4f46e5; border-radius: 4px; }";
    RenderInput input = drawnDirectly(NOTE, css);
    assertSame("rounded-left-bar", input);
    assertSameFills(input, 0x4f46e5, 0xf9fafb);
    assertThat(assertSameRectangles(input)).isGreaterThanOrEqualTo(1);
  }

  /**
   * Any one side; a radius below the bar's width (square inner corners); a bar with no background; a radius more
   * than half the box's height (scaled down on both axes, as openhtmltopdf scales it); a translucent bar.
   */
  @ParameterizedTest
  @ValueSource(strings = {
    "border-right: 4px solid #e11d48; border-radius: 6px; background: #f9fafb",
    "border-top: 3px solid #059669; border-radius: 8px; background: #ecfdf5",
    "border-bottom: 2px solid #d97706; border-radius: 5px; background: #fffbeb",
    "border-left: 6px solid #4f46e5; border-radius: 3px; background: #eef2ff",
    "border-left: 4px solid #4f46e5; border-radius: 10px",
    "border-left: 4px solid #4f46e5; border-radius: 40px; background: #eeeeff",
    "border-left: 3px solid rgba(79, 70, 229, 0.5); border-radius: 4px; background: #f9fafb"})
  void anyOneSidePrintsTheSame(String box) throws Exception {
    RenderInput input = drawnDirectly(NOTE, ".notes { padding: 12px 14px; " + box + " }");
    assertSame("rounded-side-" + Math.abs(box.hashCode()), input);
    assertSameRectangles(input);
  }

  /**
   * Sides that differ in width or colour, all four or some (a summary box's 4px left side beside 1px ones, the
   * corporate invoice's): each side shares its corners with its neighbours in proportion to their widths.
   */
  @ParameterizedTest
  @ValueSource(strings = {
    "border: 1px solid #cbd8e6; border-left: 4px solid #0f3d63; border-radius: 4px; background: #f3f7fb",
    "border-left: 3px solid #4f46e5; border-top: 1px solid #cccccc; border-radius: 4px",
    "border: 2px solid #999999; border-top: 6px solid #059669; border-radius: 12px; background: #ecfdf5",
    "border: 3px solid #e11d48; border-right-color: #1d4ed8; border-radius: 10px",
    "border-left: 8px solid #4f46e5; border-bottom: 2px solid #d97706; border-radius: 20px; background: #eef2ff",
    "border: 1px solid #cbd8e6; border-left: 4px solid rgba(15, 61, 99, 0.5); border-radius: 6px; background: #f3f7fb",
    "border: 1px solid #cbd8e6; border-left: 4px solid #0f3d63; border-radius: 40px; background: #f3f7fb"})
  void sidesThatDifferPrintTheSame(String box) throws Exception {
    RenderInput input = drawnDirectly(NOTE, ".notes { padding: 14px 16px; " + box + " }");
    assertSame("rounded-sides-" + Math.abs(box.hashCode()), input);
    assertSameRectangles(input);
    HtmlEquivalenceTest.assertSameSharp("rounded-sides-" + Math.abs(box.hashCode()), input);
  }

  /** A patterned side, an inline box or a float with one side stay openhtmltopdf's. */
  @Test
  void otherRoundedBordersStayRefused() {
    String reason = "border-radius with a border whose sides differ";
    assertThat(refusal(NOTE, ".notes { border-left: 3px dashed #4f46e5; border-radius: 4px }")).contains(reason);
    assertThat(refusal("<p>Total <span class=\"t\">due</span></p>", ".t { border-left: 3px solid red; border-radius: 4px }"))
        .contains(reason);
    assertThat(refusal(NOTE, ".notes { float: left; border-left: 3px solid red; border-radius: 4px }")).isNotNull();
  }

  /** Where a page break meets such a box it is refused at render time (openhtmltopdf then draws it), not cut. */
  @Test
  void aBoxAcrossAPageBreakIsRefused() {
    StringBuilder html = new StringBuilder();
    for (int i = 1; i <= 20; i++) html.append("<p>Line ").append(i).append(" of the filler text</p>");
    html.append("<div class=\"notes\">");
    for (int i = 1; i <= 40; i++) html.append("Note line ").append(i).append("<br/>");
    html.append("</div>");
    RenderInput input = drawnDirectly(html.toString(),
        ".notes { padding: 12px 14px; background: #f9fafb; border-left: 3px solid #4f46e5; border-radius: 4px; }");
    assertThatThrownBy(() -> DIRECT.render(input)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("a rounded or turned box");
  }
}
