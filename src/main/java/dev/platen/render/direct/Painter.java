package dev.platen.render.direct;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.util.Matrix;

/**
 * Draws laid-out pages. Shapes and images first, then the footer and all text of the page in one text object, setting font and
 * colour only when they change: content streams stay small and the text extracts in reading order.
 */
final class Painter {
  private final PDDocument doc;
  private final PDType0Font regular;
  private final PDType0Font bold;
  private final PDRectangle size;

  Painter(PDDocument doc, PDType0Font regular, PDType0Font bold, PDRectangle size) {
    this.doc = doc;
    this.regular = regular;
    this.bold = bold;
    this.size = size;
  }

  void page(List<Ops> ops, Ops.Text footer) throws IOException {
    PDPage page = new PDPage(size);
    doc.addPage(page);
    float h = size.getHeight();
    try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
      int fill = -1;
      for (Ops op : ops) {
        if (op instanceof Ops.Rect r) {
          if (r.rgb() != fill) {
            color(cs, r.rgb());
            fill = r.rgb();
          }
          cs.addRect((float) r.x(), (float) (h - r.y() - r.h()), (float) r.w(), (float) r.h());
          cs.fill();
        } else if (op instanceof Ops.Image i) {
          cs.drawImage(i.image(), (float) i.x(), (float) (h - i.y() - i.h()), (float) i.w(), (float) i.h());
        }
      }
      cs.beginText();
      // the footer first, where the HTML engine writes its margin box, so both extract in the same order
      cs.setFont(regular, (float) footer.size());
      color(cs, footer.rgb());
      fill = footer.rgb();
      cs.setTextMatrix(Matrix.getTranslateInstance((float) footer.x(), (float) (h - footer.y())));
      cs.showText(footer.text());
      PDType0Font font = regular;
      double fontSize = footer.size();
      double spacing = 0;
      for (Ops op : ops) {
        if (!(op instanceof Ops.Text t)) continue;
        PDType0Font f = t.bold() ? bold : regular;
        if (f != font || t.size() != fontSize) {
          cs.setFont(f, (float) t.size());
          font = f;
          fontSize = t.size();
        }
        if (t.rgb() != fill) {
          color(cs, t.rgb());
          fill = t.rgb();
        }
        if (t.spacing() != spacing) {
          cs.setCharacterSpacing((float) t.spacing());
          spacing = t.spacing();
        }
        cs.setTextMatrix(Matrix.getTranslateInstance((float) t.x(), (float) (h - t.y())));
        cs.showText(t.text());
      }
      cs.endText();
    }
  }

  private static void color(PDPageContentStream cs, int rgb) throws IOException {
    cs.setNonStrokingColor(((rgb >> 16) & 0xff) / 255f, ((rgb >> 8) & 0xff) / 255f, (rgb & 0xff) / 255f);
  }
}
