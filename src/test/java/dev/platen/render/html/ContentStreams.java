package dev.platen.render.html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;

/** Looks at page content streams: which operators were used with which operands. */
final class ContentStreams {
  private ContentStreams() {}

  /** Whether any page sets the given RGB fill colour ({@code r g b rg}, or {@code sc}/{@code scn}). */
  static boolean usesFill(byte[] pdf, float r, float g, float b) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      for (PDPage page : doc.getPages()) {
        if (usesFill(new PDFStreamParser(page).parse(), r, g, b)) return true;
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Like {@link #usesFill}, but also looks inside form XObjects (where SVG drawings end up). */
  static boolean usesFillAnywhere(byte[] pdf, float r, float g, float b) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      for (PDPage page : doc.getPages()) {
        if (usesFill(new PDFStreamParser(page).parse(), r, g, b)) return true;
        PDResources res = page.getResources();
        for (COSName name : res.getXObjectNames()) {
          if (res.getXObject(name) instanceof PDFormXObject form
              && usesFill(new PDFStreamParser(form).parse(), r, g, b)) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean usesFill(List<Object> tokens, float r, float g, float b) {
    List<Object> operands = new ArrayList<>();
    for (Object token : tokens) {
      if (token instanceof Operator op) {
        boolean fill = op.getName().equals("rg") || op.getName().equals("sc") || op.getName().equals("scn");
        if (fill && operands.size() == 3 && matches(operands, r, g, b)) return true;
        operands.clear();
      } else {
        operands.add(token);
      }
    }
    return false;
  }

  /** Widths in points at which page 1 draws XObjects: the scale of the last {@code cm} before each {@code Do}. */
  static List<Float> drawnWidths(byte[] pdf) {
    List<Float> widths = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      List<Object> operands = new ArrayList<>();
      float scale = 0;
      for (Object token : new PDFStreamParser(doc.getPage(0)).parse()) {
        if (token instanceof Operator op) {
          if (op.getName().equals("cm") && operands.size() == 6 && operands.get(0) instanceof COSNumber a) {
            scale = a.floatValue();
          } else if (op.getName().equals("Do")) {
            widths.add(scale);
          }
          operands.clear();
        } else {
          operands.add(token);
        }
      }
      return widths;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How often an operator occurs on all pages. */
  static int count(byte[] pdf, String operator) {
    int n = 0;
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      for (PDPage page : doc.getPages()) {
        for (Object token : new PDFStreamParser(page).parse()) {
          if (token instanceof Operator op && op.getName().equals(operator)) n++;
        }
      }
      return n;
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
