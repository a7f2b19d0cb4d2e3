package dev.platen.render.direct;

import static dev.platen.render.Canvas.block;
import static dev.platen.render.Canvas.blocks;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.RenderInput;
import dev.platen.render.EngineSettings;
import dev.platen.testing.Pdfs;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDCIDFontType2;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The direct engine writes its font subsets itself ({@link EmbeddedFont}); a reader must find in them what PDFBox's
 * own subsetting would have put there: every drawn glyph, its width, its text, a tagged subset name.
 */
class EmbeddedFontTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());
  private static final String TEXT = "Wolf fish Ωμέγα Жёлтый №42 ½ — ffi";

  @Test
  void subsetsCarryEveryDrawnGlyphWithTheFontsWidthAndText() throws Exception {
    JsonNode layout = blocks(block("heading", "{\"content\":\"{{t}}\"}"), block("text", "{\"content\":\"{{t}}\"}"));
    byte[] pdf = DIRECT.render(Canvas.input(layout, "{\"t\":\"" + TEXT + "\"}"));

    assertThat(Pdfs.text(pdf)).contains(TEXT + "\n" + TEXT);
    Fonts.Pair faces = Fonts.current();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDResources resources = doc.getPage(0).getResources();
      List<String> names = new ArrayList<>();
      for (COSName name : resources.getFontNames()) {
        PDFont font = resources.getFont(name);
        names.add(font.getName());
        assertThat(font).isInstanceOf(PDType0Font.class);
        assertThat(font.isEmbedded()).isTrue();
        assertThat(font.getName()).matches("[A-Z]{6}\\+DejaVuSans(-Bold)?");
        PDCIDFontType2 cid = (PDCIDFontType2) ((PDType0Font) font).getDescendantFont();
        TrueTypeFont subset = cid.getTrueTypeFont();
        Face face = font.getName().endsWith("-Bold") ? faces.bold() : faces.regular();
        for (int i = 0; i < TEXT.length(); ) {
          int cp = TEXT.codePointAt(i);
          i += Character.charCount(cp);
          int code = face.glyph(cp); // Identity-H: the code is the glyph id in the whole font
          assertThat(font.getWidth(code)).as("width of U+%04X", cp).isEqualTo(Math.round(face.width(cp)));
          assertThat(font.toUnicode(code)).as("text of U+%04X", cp).isEqualTo(Character.toString(cp));
          int gid = cid.codeToGID(code);
          assertThat(gid).as("glyph of U+%04X in the subset", cp).isPositive();
          assertThat(subset.getHorizontalMetrics().getAdvanceWidth(gid))
              .isEqualTo(face.ttf.getHorizontalMetrics().getAdvanceWidth(code));
        }
        assertThat(subset.getNumberOfGlyphs()).isLessThan(200);
      }
      assertThat(names).hasSize(2);
    }
  }

  @Test
  void aWatermarkedDocumentStillExtractsItsTextAndTheMark() throws Exception {
    JsonNode layout = blocks(block("text", "{\"content\":\"{{t}}\"}"));
    RenderInput input = Canvas.input(layout, "{\"t\":\"" + TEXT + "\"}");
    RenderInput test = new RenderInput(input.layout(), input.data(), input.page(), input.title(), input.documentDate(),
        true);
    String text = Pdfs.text(DIRECT.render(test));
    assertThat(text).contains(TEXT).contains("TEST");
  }

  /**
   * Subsets are kept per set of code points ({@link Face#subsets}): a document drawn with a kept subset is byte for
   * byte the one drawn without it, and a document with other characters gets its own subset, not a stale one.
   */
  @Test
  void aKeptSubsetGivesTheSameBytesAndOtherTextGetsItsOwn() throws Exception {
    JsonNode layout = blocks(block("text", "{\"content\":\"{{t}}\"}"));
    Fonts.current().regular().subsets.clear();
    byte[] first = DIRECT.render(Canvas.input(layout, "{\"t\":\"Invoice 42\"}"));
    assertThat(Fonts.current().regular().subsets).hasSize(1);
    byte[] again = DIRECT.render(Canvas.input(layout, "{\"t\":\"Invoice 42\"}"));
    assertThat(again).isEqualTo(first);
    assertThat(Fonts.current().regular().subsets).hasSize(1);

    byte[] other = DIRECT.render(Canvas.input(layout, "{\"t\":\"Quittung Zürich 7\"}"));
    assertThat(Pdfs.text(other)).contains("Quittung Zürich 7");
    assertThat(Fonts.current().regular().subsets).hasSize(2);
    Fonts.current().regular().subsets.clear();
    assertThat(DIRECT.render(Canvas.input(layout, "{\"t\":\"Invoice 42\"}"))).isEqualTo(first);
  }
}
