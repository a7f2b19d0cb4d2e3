package dev.platen.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads real PDFs back with PDFBox. */
public final class Pdfs {
  private Pdfs() {}

  public static String text(byte[] pdf) {
    try (PDDocument d = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static int pages(byte[] pdf) {
    try (PDDocument d = Loader.loadPDF(pdf)) {
      return d.getNumberOfPages();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Text of each page, in order. */
  public static List<String> pageTexts(byte[] pdf) {
    try (PDDocument d = Loader.loadPDF(pdf)) {
      List<String> out = new ArrayList<>();
      PDFTextStripper s = new PDFTextStripper();
      for (int i = 1; i <= d.getNumberOfPages(); i++) {
        s.setStartPage(i);
        s.setEndPage(i);
        out.add(s.getText(d));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
