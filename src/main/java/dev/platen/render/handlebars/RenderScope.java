package dev.platen.render.handlebars;

import dev.platen.render.RenderException;

/**
 * What one render's helpers share: the {@link Rendering} services and the budgets. Nested {@code {{#each}}} over
 * large arrays is the one way a small Handlebars template can burn unbounded CPU without writing output, so every
 * loop iteration of the render counts against one limit. Held in a thread-local while a template is applied: it
 * never enters the template's data, so no template can reach it.
 */
final class RenderScope {
  private static final ThreadLocal<RenderScope> CURRENT = new ThreadLocal<>();

  private final Rendering rendering;
  private final long limit;
  private final long maxProduced;
  private final int maxHtmlMegabytes;
  private long spent;
  private long produced;

  private RenderScope(Rendering rendering, long limit, long maxProduced, int maxHtmlMegabytes) {
    this.rendering = rendering;
    this.limit = limit;
    this.maxProduced = maxProduced;
    this.maxHtmlMegabytes = maxHtmlMegabytes;
  }

  /**
   * @param maxProduced a memory guard on characters built inside blocks, which Handlebars buffers in memory
   *     before they reach the capped writer; counted per interpolated value and per loop iteration, so nested
   *     output counts more than once and this is set a few times higher than the HTML limit itself
   */
  static RenderScope open(Rendering rendering, long limit, long maxProduced, int maxHtmlMegabytes) {
    RenderScope b = new RenderScope(rendering, limit, maxProduced, maxHtmlMegabytes);
    CURRENT.set(b);
    return b;
  }

  static void close() {
    CURRENT.remove();
  }

  /** The render's services; outside a render (never in practice) helpers that need them fail. */
  static Rendering rendering() {
    RenderScope b = CURRENT.get();
    if (b == null) throw new IllegalStateException("no render in progress");
    return b.rendering;
  }

  static void produced(long chars) {
    RenderScope b = CURRENT.get();
    if (b == null) return;
    b.produced += chars;
    if (b.produced > b.maxProduced) {
      throw new HelperFailure(new RenderException("document HTML exceeds " + b.maxHtmlMegabytes + " MB", false));
    }
  }

  /** Charges loop iterations; nested loops multiply, and this is where they stop. */
  static void spend(long iterations) {
    RenderScope b = CURRENT.get();
    if (b == null) return;
    b.spent += Math.max(1, iterations);
    if (b.spent > b.limit) {
      throw new HelperFailure(new RenderException("template loops exceed " + String.format("%,d", b.limit)
          + " iterations", false));
    }
  }
}
