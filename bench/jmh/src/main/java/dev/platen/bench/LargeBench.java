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
 * Single-shot renders of long statements: each takes seconds with openhtmltopdf, so a time-based loop would
 * measure a handful of documents anyway. Rows are a parameter to check that cost grows linearly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xmx1g", "-Djava.awt.headless=true"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class LargeBench {

  @Param({"html", "direct"})
  public String engine;

  @Param({"10000"})
  public int rows;

  private RenderInput statement;
  private PdfEngine.Prepared version;

  @Setup(Level.Trial)
  public void setUp() {
    statement = Documents.statement(rows);
    version = Engines.named(engine).prepare(statement.layout(), statement.page());
  }

  @Benchmark
  public byte[] statement() throws RenderException {
    return version.render(statement);
  }
}
