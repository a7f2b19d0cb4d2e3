package dev.platen.bench;

import dev.platen.render.EngineSettings;
import dev.platen.render.PdfEngine;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The invoice and the 1,000-row statement as Handlebars HTML layouts (issue 12's "HTML invoice"), through
 * {@link HtmlPdfEngine} and a prepared version, one document per invocation on one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xmx1g", "-Djava.awt.headless=true"})
public class HtmlLayoutBench {

  private RenderInput invoice;
  private RenderInput statement1000;
  private PdfEngine.Prepared invoiceVersion;
  private PdfEngine.Prepared statementVersion;

  @Setup(Level.Trial)
  public void setUp() {
    PdfEngine pdf = new HtmlPdfEngine(EngineSettings.defaults());
    invoice = Documents.htmlInvoice();
    statement1000 = Documents.htmlStatement(1000);
    invoiceVersion = pdf.prepare(invoice.layout(), invoice.page());
    statementVersion = pdf.prepare(statement1000.layout(), statement1000.page());
  }

  @Benchmark
  @Warmup(iterations = 10, time = 3)
  @Measurement(iterations = 5, time = 3)
  public byte[] invoice() throws RenderException {
    return invoiceVersion.render(invoice);
  }

  @Benchmark
  @Warmup(iterations = 8, time = 4)
  @Measurement(iterations = 5, time = 4)
  public byte[] statement1000() throws RenderException {
    return statementVersion.render(statement1000);
  }
}
