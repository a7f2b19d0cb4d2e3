package dev.platen.render;

/**
 * Turns a layout plus data into PDF bytes. Implementations are thread-safe; each call is independent. Rendering
 * is CPU-bound: callers run it on a fixed pool of platform threads, one per core.
 */
public interface PdfEngine {

  /**
   * @return the complete PDF file
   * @throws RenderException when the document cannot be produced; its message is safe to show to the user
   */
  byte[] render(RenderInput input) throws RenderException;
}
