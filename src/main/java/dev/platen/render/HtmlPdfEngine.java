package dev.platen.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** TEMPORARY stub until the engine branch lands. */
public final class HtmlPdfEngine implements PdfEngine {
  public HtmlPdfEngine(EngineSettings s) {}

  public void warmUp() {}

  @Override
  public byte[] render(RenderInput input) throws RenderException {
    try (PDDocument d = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage p = new PDPage();
      d.addPage(p);
      try (PDPageContentStream cs = new PDPageContentStream(d, p)) {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        cs.newLineAtOffset(50, 700);
        cs.showText(input.title() + " " + input.data().toString().replaceAll("[^\\x20-\\x7e]", "?"));
        cs.endText();
      }
      d.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new RenderException("stub failed", false, e);
    }
  }
}
