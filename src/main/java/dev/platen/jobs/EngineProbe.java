package dev.platen.jobs;

import dev.platen.render.EngineFallback;
import dev.platen.render.PageSetup;
import dev.platen.render.PdfEngine;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import java.util.concurrent.Callable;
import tools.jackson.databind.JsonNode;

/**
 * Which engine drew a render, for metrics. The routing engine picks per version and may still fall back to HTML
 * while laying a document out, so the one reliable witness is the HTML engine itself noticing that it ran, on the
 * render thread; whatever did not reach it was drawn by the direct path.
 */
public final class EngineProbe {
  public static final String DIRECT = "direct";
  public static final String HTML = "html";

  private static final ThreadLocal<boolean[]> HTML_RAN = ThreadLocal.withInitial(() -> new boolean[1]);

  private EngineProbe() {}

  /** {@code html} as is, except that it notes on the calling thread that it ran. */
  public static PdfEngine html(PdfEngine html) {
    return new PdfEngine() {
      @Override
      public byte[] render(RenderInput input) throws RenderException {
        HTML_RAN.get()[0] = true;
        return html.render(input);
      }

      @Override
      public Prepared prepare(JsonNode layout, PageSetup page) {
        Prepared p = html.prepare(layout, page);
        return input -> {
          HTML_RAN.get()[0] = true;
          return p.render(input);
        };
      }
    };
  }

  /**
   * A document and what drew it.
   *
   * @param reason for {@code html}, why the direct engine did not draw it, where the routing engine said (null for
   *     an engine that does not route)
   */
  record Drawn(byte[] pdf, String engine, String reason, long nanos) {}

  /** Runs {@code render} on this thread and says which engine drew it, why not the direct one, and for how long. */
  static Drawn draw(Callable<byte[]> render) throws Exception {
    boolean[] ran = HTML_RAN.get();
    ran[0] = false;
    EngineFallback.take();
    long start = System.nanoTime();
    byte[] pdf = render.call();
    String reason = EngineFallback.take();
    return new Drawn(pdf, ran[0] ? HTML : DIRECT, ran[0] ? reason : null, System.nanoTime() - start);
  }
}
