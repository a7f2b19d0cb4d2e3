package dev.platen.render.direct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.html.HtmlPdfEngine;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The direct path's reading of CSS values, checked against what openhtmltopdf does with the same values. */
class HtmlStyleTest {
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());

  /** Every colour name openhtmltopdf knows (its Conversions table) means the same colour here; no other does. */
  @Test
  @SuppressWarnings("unchecked")
  void colourNamesAreOpenhtmltopdfs() throws Exception {
    var field = Class.forName("com.openhtmltopdf.css.parser.property.Conversions").getDeclaredField("COLORS");
    field.setAccessible(true);
    Map<String, com.openhtmltopdf.css.parser.FSRGBColor> theirs =
        (Map<String, com.openhtmltopdf.css.parser.FSRGBColor>) field.get(null);
    assertThat(theirs).hasSizeGreaterThan(100);
    for (var e : theirs.entrySet()) {
      var c = e.getValue();
      assertThat(HtmlStyle.color(e.getKey())).as(e.getKey()).isEqualTo(c.getRed() << 16 | c.getGreen() << 8 | c.getBlue());
      assertThat(HtmlStyle.color(e.getKey().toUpperCase(java.util.Locale.ROOT))).as(e.getKey()).isNotNegative();
    }
    for (String name : new String[] {"lightgray", "darkgrey", "rebeccapurple", "transparent", "currentcolor"}) {
      assertThat(theirs).doesNotContainKey(name);
      assertThat(HtmlStyle.color(name)).as(name).isEqualTo(-2);
    }
  }

  /**
   * A font-family list is drawn directly exactly when openhtmltopdf sets it in the bundled DejaVu Sans (when the
   * list names a bundled family anywhere: it tries those before its built-in PDF fonts, in any case) or in its
   * built-in Courier (the first family it knows is monospace).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Helvetica, Arial, sans-serif", "'Helvetica Neue', Helvetica, Arial, sans-serif",
      "Georgia, serif", "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, sans-serif", "Inter, SANS-SERIF",
      "Arial, \"DejaVu Sans\"", "Arial, dejavu sans", "Arial, SansSerif", "Helvetica", "Arial", "Roboto",
      "monospace", "Courier, monospace", "'Droid Sans Fallback'", "'Courier New', monospace", "Menlo, Helvetica",
      "Consolas, MONOSPACE"})
  void aFontListIsDrawnDirectlyWhenOpenhtmltopdfSetsItInDejaVu(String family) throws Exception {
    tools.jackson.databind.JsonNode layout = HtmlRoutingTest.layout("<p>Hello</p>", "p { font-family: " + family + "; }");
    boolean direct = RoutingPdfEngine.choose(layout, dev.platen.render.PageSetup.DEFAULT).engine().equals("direct");
    Set<String> fonts = new TreeSet<>();
    try (PDDocument doc = Loader.loadPDF(HTML.render(Canvas.input(layout, "{}")))) {
      PDPage page = doc.getPage(0);
      for (COSName n : page.getResources().getFontNames()) {
        fonts.add(page.getResources().getFont(n).getName().replaceAll("^[A-Z]{6}\\+", ""));
      }
    }
    // the page footer is DejaVu Sans in every document: a built-in font shows as a second one; of those the direct
    // engine draws Courier, openhtmltopdf's monospace
    fonts.remove("Courier");
    assertThat(fonts.size() == 1 && fonts.contains("DejaVuSans")).as("openhtmltopdf's fonts %s", fonts).isEqualTo(direct);
  }
}
