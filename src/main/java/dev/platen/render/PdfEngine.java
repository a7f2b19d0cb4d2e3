package dev.platen.render;

import tools.jackson.databind.JsonNode;

/**
 * Turns a layout plus data into PDF bytes. Implementations are thread-safe; each call is independent. Rendering
 * is CPU-bound: callers run it on a fixed pool of platform threads, one per core.
 */
@FunctionalInterface
public interface PdfEngine {

  /**
   * @return the complete PDF file
   * @throws RenderException when the document cannot be produced; its message is safe to show to the user
   */
  byte[] render(RenderInput input) throws RenderException;

  /**
   * Does the work on a template version that does not depend on the data (which engine draws it, what the layout
   * asks of the page), once, for callers that render the same version many times and keep the result as long as
   * they keep the version. Never fails: a layout that cannot be drawn fails each render with the message
   * {@link #render} would give. The default prepares nothing.
   */
  default Prepared prepare(JsonNode layout, PageSetup page) {
    return this::render;
  }

  /** A template version made ready for one engine. Immutable and thread-safe, like the engine. */
  @FunctionalInterface
  interface Prepared {

    /**
     * Renders one document of the version. {@code input} must carry the layout and page it was prepared from;
     * engines may refuse another with an {@link IllegalArgumentException}.
     */
    byte[] render(RenderInput input) throws RenderException;
  }
}
