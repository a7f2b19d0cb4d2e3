package dev.platen.render.handlebars;

import com.github.jknack.handlebars.Template;
import dev.platen.render.RenderException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What one render's helpers share: the {@link Rendering} services and the budgets. Without partials (refused when a
 * template compiles) loops are the only way a Handlebars template can run more than its own text, so the budgets
 * are charged per loop iteration: one iteration each, and the length of the loop body's text, which bounds every
 * other kind of work the iteration can do (each tag, helper call or value it evaluates is at least a few characters
 * of that text), even when it writes nothing. Held in a thread-local while a template is applied: it never enters
 * the template's data, so no template can reach it.
 */
final class RenderScope {
  private static final ThreadLocal<RenderScope> CURRENT = new ThreadLocal<>();

  private final Rendering rendering;
  private final long limit;
  private final long maxProduced;
  private final int maxHtmlMegabytes;
  private final long maxExpansion;
  /** Loop bodies are few and their text is rebuilt from the tree, so each is measured once per render. */
  private final Map<Template, Integer> bodyLengths = new IdentityHashMap<>();
  private long spent;
  private long produced;
  private long expanded;

  private RenderScope(Rendering rendering, long limit, long maxProduced, int maxHtmlMegabytes, long maxExpansion) {
    this.rendering = rendering;
    this.limit = limit;
    this.maxProduced = maxProduced;
    this.maxHtmlMegabytes = maxHtmlMegabytes;
    this.maxExpansion = maxExpansion;
  }

  /**
   * @param maxProduced a memory guard on characters built inside blocks, which Handlebars buffers in memory
   *     before they reach the capped writer; counted per interpolated value and per loop iteration, so nested
   *     output counts more than once and this is set a few times higher than the HTML limit itself
   * @param maxExpansion characters of template text the render may evaluate, each loop body counted once per
   *     iteration
   */
  static RenderScope open(Rendering rendering, long limit, long maxProduced, int maxHtmlMegabytes,
      long maxExpansion) {
    RenderScope b = new RenderScope(rendering, limit, maxProduced, maxHtmlMegabytes, maxExpansion);
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

  /**
   * Charges one loop iteration over {@code body}, before it runs: nested loops multiply, and this is where they
   * stop, whether they write anything or not.
   */
  static void iterate(Template body) {
    RenderScope b = CURRENT.get();
    if (b == null) return;
    b.spent++;
    if (b.spent > b.limit) {
      throw new HelperFailure(new RenderException("template loops exceed " + String.format("%,d", b.limit)
          + " iterations", false));
    }
    b.expanded += b.bodyLengths.computeIfAbsent(body, RenderScope::length);
    if (b.expanded > b.maxExpansion) {
      throw new HelperFailure(new RenderException("the template expands to more than "
          + String.format("%,d", b.maxExpansion) + " characters of Handlebars (each loop body counts once per "
          + "iteration)", false));
    }
  }

  private static int length(Template body) {
    String text = body.text();
    return text == null ? 0 : text.length();
  }
}
