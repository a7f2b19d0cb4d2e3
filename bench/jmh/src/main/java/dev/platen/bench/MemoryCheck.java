package dev.platen.bench;

import dev.platen.render.PdfEngine;
import dev.platen.render.RenderInput;

/**
 * Renders one statement of N rows in this JVM and prints pages, size, time and the heap limit, so a run with
 * {@code java -Xmx512m} shows whether a 10,000-row render fits in bounded memory (exit status 1 when it fails).
 *
 * <p>Usage: {@code MemoryCheck <engine> <rows> [repeats]}
 */
public final class MemoryCheck {
  public static void main(String[] args) throws Exception {
    String engine = args.length > 0 ? args[0] : "html";
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    PdfEngine pdf = Engines.named(engine);
    RenderInput input = Documents.statement(rows);
    long maxHeapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    try {
      for (int i = 0; i < repeats; i++) {
        long t0 = System.nanoTime();
        byte[] bytes = pdf.render(input);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("engine=%s rows=%d maxHeap=%dMB run=%d time=%dms bytes=%d pages=%d%n", engine, rows,
            maxHeapMb, i + 1, ms, bytes.length, countPages(bytes));
      }
    } catch (OutOfMemoryError e) {
      System.out.printf("engine=%s rows=%d maxHeap=%dMB FAILED: %s%n", engine, rows, maxHeapMb, e);
      System.exit(1);
    }
  }

  private static int countPages(byte[] pdf) throws java.io.IOException {
    try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      return doc.getNumberOfPages();
    }
  }
}
