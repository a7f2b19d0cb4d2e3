package dev.platen.render.direct;

import dev.platen.render.EngineFallback;
import dev.platen.render.PageSetup;
import dev.platen.render.PdfEngine;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Canvas layouts the direct path supports go to it, everything else to the HTML engine, so a template never
 * loses a feature to the faster path. A document the direct path gives up on while laying it out (a glyph
 * outside the bundled font, right-to-left text) is rendered again by the HTML engine.
 */
public final class RoutingPdfEngine implements PdfEngine {
  private static final String PDFA = "PDF/A output (pageConfig.pdfa)";

  private final DirectPdfEngine direct;
  private final PdfEngine html;

  public RoutingPdfEngine(DirectPdfEngine direct, PdfEngine html) {
    this.direct = Objects.requireNonNull(direct, "direct");
    this.html = Objects.requireNonNull(html, "html");
  }

  /**
   * Renders a sample document through both paths on the calling thread, so neither the first canvas render nor
   * the first HTML-only render pays class loading, JIT and font parsing (about a second when cold).
   *
   * @throws IllegalStateException when an engine cannot render at all
   */
  public void warmUp() {
    direct.warmUp();
    if (html instanceof HtmlPdfEngine engine) engine.warmUp();
  }

  /**
   * Which engine draws a template version, and why not the direct one.
   *
   * @param engine {@code direct} or {@code html}
   * @param reason for {@code html}, the first construct the direct path does not draw; null for {@code direct}
   */
  public record Choice(String engine, String reason) {}

  /** The choice {@link #prepare} makes for a version, for reporting it (GET /v1/templates/:slug). */
  public static Choice choose(JsonNode layout, PageSetup page) {
    if (page != null && page.pdfa()) return new Choice("html", PDFA);
    String refusal = Plan.of(layout, page).refusal();
    return refusal == null ? new Choice("direct", null) : new Choice("html", refusal);
  }

  @Override
  public byte[] render(RenderInput input) throws RenderException {
    return prepare(input.layout(), input.page()).render(input);
  }

  /**
   * Chooses the engine for the version here, once; only what depends on the data is left to each render. A document
   * handed to the HTML engine has the reason noted ({@link EngineFallback}) for its render's record.
   */
  @Override
  public Prepared prepare(JsonNode layout, PageSetup page) {
    Prepared html = this.html.prepare(layout, page);
    // PDF/A needs an output intent and XMP that only the HTML path writes
    Plan plan = page != null && page.pdfa() ? null : Plan.of(layout, page);
    String refusal = plan == null ? PDFA : plan.refusal();
    if (refusal != null) {
      return input -> {
        EngineFallback.note(refusal);
        return html.render(input);
      };
    }
    return input -> {
      try {
        return direct.render(plan, input);
      } catch (Unsupported e) {
        EngineFallback.note(e.reason());
        return html.render(input);
      }
    };
  }
}
