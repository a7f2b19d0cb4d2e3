package dev.platen.bench;

import dev.platen.render.EngineSettings;
import dev.platen.render.PdfEngine;
import dev.platen.render.RenderInput;
import dev.platen.render.direct.DirectPdfEngine;
import dev.platen.render.direct.RoutingPdfEngine;
import dev.platen.render.html.HtmlPdfEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the rendering thread per document, for a machine too loaded for JMH's wall-clock figures (issue 12:
 * load average 4–20 on 2 cores from other checkouts' builds). Thread CPU time leaves out the time the thread
 * waited for a core, though not all of what sharing one costs (caches, a starved JIT).
 *
 * <p>Usage: {@code CpuPerDocument case warmUps documents}, case one of htmlLayoutInvoice, htmlLayoutStatement,
 * htmlInvoice, htmlStatement, directInvoice, directStatement, and for the HTML corpus (target/test-classes on the
 * class path) corpusInvoiceHtml, corpusInvoiceRouting, corpusStatementHtml, corpusStatementRouting ({@code Routing}:
 * the server's engine, which draws them directly). Prints three passes of {@code documents} each.
 */
public final class CpuPerDocument {
  private CpuPerDocument() {}

  public static void main(String[] args) throws Exception {
    EngineSettings settings = EngineSettings.defaults();
    String name = args[0];
    PdfEngine engine = name.startsWith("direct") ? new DirectPdfEngine(settings)
        : name.endsWith("Routing") ? new RoutingPdfEngine(new DirectPdfEngine(settings), new HtmlPdfEngine(settings))
        : new HtmlPdfEngine(settings);
    RenderInput input = switch (name) {
      case "htmlLayoutInvoice" -> Documents.htmlInvoice();
      case "htmlLayoutStatement" -> Documents.htmlStatement(1000);
      case "htmlInvoice", "directInvoice" -> Documents.invoice();
      case "htmlStatement", "directStatement" -> Documents.statement(1000);
      case "corpusInvoiceHtml", "corpusInvoiceRouting" -> Documents.corpus("invoice");
      case "corpusStatementHtml", "corpusStatementRouting" -> Documents.corpus("statement");
      default -> throw new IllegalArgumentException("unknown case " + name);
    };
    PdfEngine.Prepared version = engine.prepare(input.layout(), input.page());
    int warmUps = Integer.parseInt(args[1]);
    int documents = Integer.parseInt(args[2]);
    for (int i = 0; i < warmUps; i++) version.render(input);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int pass = 0; pass < 3; pass++) {
      long cpu = threads.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      int size = 0;
      for (int i = 0; i < documents; i++) size = version.render(input).length;
      System.out.printf("%s cpu %.3f ms/doc, wall %.3f ms/doc, %d bytes%n", name,
          (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / documents, (System.nanoTime() - wall) / 1e6 / documents,
          size);
    }
  }
}
