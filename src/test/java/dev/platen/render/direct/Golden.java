package dev.platen.render.direct;

import dev.platen.render.Canvas;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderInput;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import tools.jackson.databind.JsonNode;

/** Inputs and PDF read-back for comparing the two engines. */
final class Golden {
  private Golden() {}

  static final Instant DATE = Canvas.DATE;

  static JsonNode json(String text) {
    return Canvas.json(text);
  }

  static JsonNode blocks(String... blocks) {
    return Canvas.blocks(blocks);
  }

  static String block(String type, String propsJson) {
    return Canvas.block(type, propsJson);
  }

  static RenderInput input(JsonNode layout, String dataJson) {
    return new RenderInput(layout, json(dataJson), PageSetup.DEFAULT, "Golden", DATE, false);
  }

  /** Rows of mixed length, some wrapping onto two lines, so page breaks depend on measured text. */
  static String items(int rows) {
    StringBuilder items = new StringBuilder("[");
    for (int i = 1; i <= rows; i++) {
      if (i > 1) items.append(',');
      items.append("{\"sku\":\"SKU-").append(10000 + i).append("\",\"name\":\"Item ").append(i)
          .append(" — Ελληνικά, Кириллица").append(i % 7 == 0 ? ", with a longer description that wraps" : "")
          .append("\",\"qty\":").append(i % 13 + 1).append(",\"price\":").append(i * 37 % 1000 / 4.0)
          .append(",\"date\":\"2026-05-").append(10 + i % 20).append("\"}");
    }
    return items.append(']').toString();
  }

  static final String TABLE = block("table", """
      {"loop":"items","columns":[
        {"header":"SKU","field":"sku","width":15},
        {"header":"Description","field":"name"},
        {"header":"Date","field":"date","dataType":"date","width":16},
        {"header":"Qty","field":"qty","dataType":"number","width":8},
        {"header":"Price","field":"price","dataType":"currency","format":"currency:EUR","width":16}]}""");

  static String pngDataUri() {
    BufferedImage img = new BufferedImage(120, 40, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, 120, 40);
    g.setColor(new java.awt.Color(0x1a56b0));
    g.fillRect(0, 0, 40, 40);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
  }

  /** Each page's text with all white space removed: the engines space words and lines differently. */
  static List<String> pageTexts(byte[] pdf) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      List<String> pages = new ArrayList<>();
      PDFTextStripper stripper = new PDFTextStripper();
      for (int i = 1; i <= doc.getNumberOfPages(); i++) {
        stripper.setStartPage(i);
        stripper.setEndPage(i);
        pages.add(stripper.getText(doc).replaceAll("\\s+", ""));
      }
      return pages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Page 1 at 50 dpi in grey: with pdftoppm as the issue asks when it is installed, else PDFBox's renderer. */
  static BufferedImage page1(byte[] pdf) {
    try {
      if (new File("/usr/bin/pdftoppm").canExecute()) {
        Path dir = Files.createTempDirectory("golden");
        Path in = dir.resolve("doc.pdf");
        Files.write(in, pdf);
        Process p = new ProcessBuilder("/usr/bin/pdftoppm", "-r", "50", "-gray", "-png", "-f", "1", "-l", "1",
            "-singlefile", in.toString(), dir.resolve("page").toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() == 0) return ImageIO.read(dir.resolve("page.png").toFile());
      }
      try (PDDocument doc = Loader.loadPDF(pdf)) {
        return new PDFRenderer(doc).renderImageWithDPI(0, 50, ImageType.GRAY);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Share of pixels whose grey level differs by more than a quarter of the range. */
  static double difference(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) return 1;
    long differing = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int ga = a.getRGB(x, y) & 0xff;
        int gb = b.getRGB(x, y) & 0xff;
        if (Math.abs(ga - gb) > 64) differing++;
      }
    }
    return differing / (double) ((long) a.getWidth() * a.getHeight());
  }
}
