package dev.platen.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/** Reads real PDFs back with PDFBox, for assertions. */
public final class Pdfs {
  private Pdfs() {}

  public static String text(byte[] pdf) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static int pages(byte[] pdf) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return doc.getNumberOfPages();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of each page, in page order. */
  public static List<String> pageTexts(byte[] pdf) {
    return pageTexts(pdf, false);
  }

  /**
   * @param byPosition order text by where it is drawn rather than in drawing order: page counters in margin boxes
   *     are drawn after the text around them
   */
  public static List<String> pageTexts(byte[] pdf, boolean byPosition) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      List<String> pages = new ArrayList<>();
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(byPosition);
      for (int i = 1; i <= doc.getNumberOfPages(); i++) {
        stripper.setStartPage(i);
        stripper.setEndPage(i);
        pages.add(stripper.getText(doc));
      }
      return pages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each page's text with all white space removed: the two engines space words and lines differently. */
  public static List<String> pageTextsWithoutSpaces(byte[] pdf) {
    return pageTexts(pdf).stream().map(t -> t.replaceAll("\\s+", "")).toList();
  }

  public static PDRectangle mediaBox(byte[] pdf, int pageIndex) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return doc.getPage(pageIndex).getMediaBox();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line of extracted text and where it sits: points from the top and from the left edge of the page. */
  public record Line(String text, double top, double left) {}

  /** The lines of one page (1-based), with positions. */
  public static List<Line> lines(byte[] pdf, int page) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      List<Line> lines = new ArrayList<>();
      PDFTextStripper stripper = new PDFTextStripper() {
        @Override
        protected void writeString(String text, List<TextPosition> positions) {
          if (!positions.isEmpty()) {
            TextPosition first = positions.get(0);
            lines.add(new Line(text, first.getYDirAdj(), first.getXDirAdj()));
          }
        }
      };
      stripper.setStartPage(page);
      stripper.setEndPage(page);
      stripper.getText(doc);
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Distance from the top of the page to the baseline of the first line containing {@code text}. */
  public static double lineTop(List<Line> lines, String text) {
    return lines.stream().filter(l -> l.text().contains(text)).findFirst()
        .orElseThrow(() -> new AssertionError("no line contains " + text + " in " + lines)).top();
  }

  /** Image XObjects on all pages (not counting those inside forms): how many pictures a document shows. */
  public static int images(byte[] pdf) {
    int n = 0;
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      for (var page : doc.getPages()) {
        var resources = page.getResources();
        for (var name : resources.getXObjectNames()) {
          if (resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject) n++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }
}
