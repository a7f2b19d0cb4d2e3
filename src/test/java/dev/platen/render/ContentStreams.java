package dev.platen.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/** Looks at page content streams: which operators were used with which operands. */
final class ContentStreams {
  private ContentStreams() {}

  /** Whether any page sets the given RGB fill colour ({@code r g b rg}). */
  static boolean usesFill(byte[] pdf, float r, float g, float b) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      for (PDPage page : doc.getPages()) {
        List<Object> operands = new ArrayList<>();
        for (Object token : new PDFStreamParser(page).parse()) {
          if (token instanceof Operator op) {
            if (op.getName().equals("rg") && operands.size() == 3 && matches(operands, r, g, b)) return true;
            operands.clear();
          } else {
            operands.add(token);
          }
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean matches(List<Object> operands, float... rgb) {
    for (int i = 0; i < 3; i++) {
      if (!(operands.get(i) instanceof COSNumber n) || Math.abs(n.floatValue() - rgb[i]) > 0.01) return false;
    }
    return true;
  }
}
