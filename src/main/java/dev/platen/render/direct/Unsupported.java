package dev.platen.render.direct;

import dev.platen.render.RenderException;

/**
 * The direct path met something only the HTML engine draws (a glyph outside the bundled font, right-to-left
 * text, a block taller than a page inside a multi-column row). {@link RoutingPdfEngine} renders such documents
 * with the HTML engine instead; on its own, {@link DirectPdfEngine} reports it as a failed render.
 */
public class Unsupported extends RenderException {
  private final String reason;

  Unsupported(String reason) {
    super("the direct engine cannot render this document: " + reason, false);
    this.reason = reason;
  }

  /** What the direct path does not draw, without the sentence around it. */
  String reason() {
    return reason;
  }
}
