package dev.platen.bench;

import dev.platen.render.PdfEngine;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One document per invocation, on one thread, through a version prepared once ({@code PdfEngine.prepare}) as the
 * worker renders. Warm-up is long because openhtmltopdf keeps getting faster for thousands of documents (the stack
 * measurements used 2,000 warm-ups).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xmx1g", "-Djava.awt.headless=true"})
public class RenderBench {

  @Param({"html", "direct"})
  public String engine;

  private RenderInput invoice;
  private RenderInput statement1000;
  private PdfEngine.Prepared invoiceVersion;
  private PdfEngine.Prepared statementVersion;

  @Setup(Level.Trial)
  public void setUp() {
    PdfEngine pdf = Engines.named(engine);
    invoice = Documents.invoice();
    statement1000 = Documents.statement(1000);
    invoiceVersion = pdf.prepare(invoice.layout(), invoice.page());
    statementVersion = pdf.prepare(statement1000.layout(), statement1000.page());
  }

  /** About 8 ms with openhtmltopdf: 10 × 3 s of warm-up is 3,000+ documents. */
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
