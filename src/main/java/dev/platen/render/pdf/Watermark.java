package dev.platen.render.pdf;

import java.awt.geom.AffineTransform;
import java.awt.geom.GeneralPath;
import java.awt.geom.PathIterator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * The "TEST" mark on renders made with a test key: large, diagonal, light grey and semi-transparent, drawn over
 * each finished page so no layout can hide it.
 *
 * <p>The diagonal letters are drawn as glyph outlines, and the word is also written once as invisible horizontal
 * text. Text extraction groups characters into lines by their vertical position, so diagonal text comes back
 * split ("TE" / "ST"); the invisible copy makes text search and extraction find "TEST" as one word.
 */
public final class Watermark {
  private Watermark() {}

  static final String TEXT = "TEST";
  private static final float OPACITY = 0.25f;
  private static final float GREY = 0.6f;
  /** Share of the page diagonal the word spans. */
  private static final float SPAN = 0.55f;
  /** Half the cap height of DejaVu Sans (about 0.73 em): centres the letters on the diagonal. */
  private static final float HALF_CAP = 0.365f;

  public static void stamp(PDDocument doc, PDType0Font font) throws IOException {
    PDExtendedGraphicsState translucent = new PDExtendedGraphicsState();
    translucent.setNonStrokingAlphaConstant(OPACITY);
    int[] codes = codes(font);
    float emWidth = font.getStringWidth(TEXT) / 1000f;
    for (PDPage page : doc.getPages()) {
      PDRectangle box = page.getMediaBox();
      float w = box.getWidth();
      float h = box.getHeight();
      float cx = box.getLowerLeftX() + w / 2;
      float cy = box.getLowerLeftY() + h / 2;
      try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND,
          true, true)) {
        cs.saveGraphicsState();
        cs.setGraphicsStateParameters(translucent);
        cs.setNonStrokingColor(GREY, GREY, GREY);
        float size = (float) Math.hypot(w, h) * SPAN / emWidth;
        AffineTransform diagonal = AffineTransform.getTranslateInstance(cx, cy);
        diagonal.rotate(Math.atan2(h, w));
        diagonal.translate(-emWidth * size / 2, -HALF_CAP * size);
        diagonal.scale(size / 1000, size / 1000);
        float pen = 0;
        for (int code : codes) {
          AffineTransform glyph = new AffineTransform(diagonal);
          glyph.translate(pen, 0);
          outline(cs, font.getNormalizedPath(code), glyph);
          pen += font.getWidth(code);
        }
        cs.fill();

        float searchSize = w * 0.5f / emWidth;
        cs.beginText();
        cs.setRenderingMode(RenderingMode.NEITHER);
        cs.setFont(font, searchSize);
        cs.newLineAtOffset(cx - emWidth * searchSize / 2, cy - HALF_CAP * searchSize);
        cs.showText(TEXT);
        cs.endText();
        cs.restoreGraphicsState();
      }
    }
  }

  private static int[] codes(PDType0Font font) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(font.encode(TEXT));
    int[] codes = new int[TEXT.length()];
    for (int i = 0; i < codes.length; i++) codes[i] = font.readCode(in);
    return codes;
  }

  /** Appends a glyph outline to the current path; TrueType's quadratic curves become cubic ones. */
  private static void outline(PDPageContentStream cs, GeneralPath path, AffineTransform at) throws IOException {
    float[] p = new float[6];
    float x = 0;
    float y = 0;
    for (PathIterator it = path.getPathIterator(at); !it.isDone(); it.next()) {
      switch (it.currentSegment(p)) {
        case PathIterator.SEG_MOVETO -> {
          cs.moveTo(p[0], p[1]);
          x = p[0];
          y = p[1];
        }
        case PathIterator.SEG_LINETO -> {
          cs.lineTo(p[0], p[1]);
          x = p[0];
          y = p[1];
        }
        case PathIterator.SEG_QUADTO -> {
          cs.curveTo(x + 2f / 3 * (p[0] - x), y + 2f / 3 * (p[1] - y),
              p[2] + 2f / 3 * (p[0] - p[2]), p[3] + 2f / 3 * (p[1] - p[3]), p[2], p[3]);
          x = p[2];
          y = p[3];
        }
        case PathIterator.SEG_CUBICTO -> {
          cs.curveTo(p[0], p[1], p[2], p[3], p[4], p[5]);
          x = p[4];
          y = p[5];
        }
        case PathIterator.SEG_CLOSE -> cs.closePath();
        default -> throw new IllegalStateException("unknown path segment");
      }
    }
  }
}
