package dev.platen.bench;

import dev.platen.render.PdfEngine;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import dev.platen.render.direct.RoutingPdfEngine;
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
 * HTML layouts of the equivalence corpus (src/test/resources/html-corpus: the invoice and the 1,000-row
 * statement, the same two with tables in automatic layout, columns sized by their text, and the statement without
 * its repeated header and {@code page-break-inside: avoid}, its rows cut by page breaks) through openhtmltopdf
 * ({@code html}) and through the routing engine the server uses
 * ({@code routing}), which draws them with the direct engine. One document per invocation, prepared version, one
 * thread. The corpus is read from the project's {@code target/test-classes}, which must be on the class path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g", "-Djava.awt.headless=true"})
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public class HtmlDirectBench {
  @Param({"html", "routing"})
  public String engine;

  @Param({"invoice", "statement", "invoice-auto", "statement-auto", "statement-loose"})
  public String doc;

  private RenderInput input;
  private PdfEngine.Prepared version;

  @Setup(Level.Trial)
  public void setUp() {
    input = Documents.corpus(doc);
    if (engine.equals("routing")
        && !RoutingPdfEngine.choose(input.layout(), input.page()).engine().equals("direct")) {
      throw new IllegalStateException("the corpus " + doc + " is not drawn directly: "
          + RoutingPdfEngine.choose(input.layout(), input.page()).reason());
    }
    version = Engines.named(engine).prepare(input.layout(), input.page());
  }

  @Benchmark
  public byte[] render() throws RenderException {
    return version.render(input);
  }
}
