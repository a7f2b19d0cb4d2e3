package dev.platen.bench;

import dev.platen.render.EngineSettings;
import dev.platen.render.PdfEngine;
import dev.platen.render.direct.DirectPdfEngine;
import dev.platen.render.direct.RoutingPdfEngine;
import dev.platen.render.html.HtmlPdfEngine;

/**
 * The first invoice render in a fresh JVM, with and without the engine's warm-up, as the service sees it at
 * start-up: {@code FirstRender <html|routing> <warm|cold>}. Run once per JVM; the numbers only mean something
 * for a new process.
 */
public final class FirstRender {
  public static void main(String[] args) throws Exception {
    String engine = args.length > 0 ? args[0] : "routing";
    boolean warm = args.length > 1 && args[1].equals("warm");
    EngineSettings settings = EngineSettings.defaults();
    long t0 = System.nanoTime();
    PdfEngine pdf;
    if (engine.equals("html")) {
      HtmlPdfEngine html = new HtmlPdfEngine(settings);
      if (warm) html.warmUp();
      pdf = html;
    } else {
      RoutingPdfEngine routing = new RoutingPdfEngine(new DirectPdfEngine(settings), new HtmlPdfEngine(settings));
      if (warm) routing.warmUp();
      pdf = routing;
    }
    long t1 = System.nanoTime();
    pdf.render(Documents.invoice());
    long t2 = System.nanoTime();
    pdf.render(Documents.invoice());
    long t3 = System.nanoTime();
    System.out.printf("engine=%s warmUp=%s warmUpMs=%d firstRenderMs=%.1f secondRenderMs=%.1f%n", engine, warm,
        (t1 - t0) / 1_000_000, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
  }
}
