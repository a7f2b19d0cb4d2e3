package dev.platen.bench;

import dev.platen.render.EngineSettings;
import dev.platen.render.PdfEngine;
import dev.platen.render.RenderInput;
import dev.platen.render.images.AddressPolicy;
import dev.platen.render.images.GuardedImageLoader;
import dev.platen.render.images.ImageEmbedder;
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
 * The pieces issue 7 took off the per-render path, measured alone because they are far below the noise of a whole
 * render on a shared machine: preparing a version for the routing engine (before, every render did this walk, twice)
 * and checking the invoice's logo for the direct path (before, a base64 round trip on top of the decode).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Djava.awt.headless=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PerVersionBench {

  private PdfEngine routing;
  private GuardedImageLoader loader;
  private RenderInput invoice;
  private RenderInput statement1000;
  private String logo;

  @Setup(Level.Trial)
  public void setUp() {
    EngineSettings settings = EngineSettings.defaults();
    routing = Engines.named("routing");
    loader = new GuardedImageLoader(settings, AddressPolicy.of(settings));
    invoice = Documents.invoice();
    statement1000 = Documents.statement(1000);
    logo = Documents.logoDataUri();
  }

  @Benchmark
  public Object prepareInvoice() {
    return routing.prepare(invoice.layout(), invoice.page());
  }

  @Benchmark
  public Object prepareStatement() {
    return routing.prepare(statement1000.layout(), statement1000.page());
  }

  /** What the direct path pays for the logo of one invoice, a fresh embedder per render as in the engine. */
  @Benchmark
  public Object logoForDirectPath() throws Exception {
    return new ImageEmbedder(loader).load(logo);
  }
}
