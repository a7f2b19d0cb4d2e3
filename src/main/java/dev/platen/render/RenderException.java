package dev.platen.render;

/**
 * A render that could not produce a PDF. The message is written for the user who owns the template
 * ("image https://… answered 404"), never a Java exception dump. {@code retryable} separates causes that may
 * pass on another attempt (I/O hiccups) from deterministic ones (a bad layout, a document that is too long).
 */
public class RenderException extends Exception {
  private final boolean retryable;

  public RenderException(String userMessage, boolean retryable) {
    super(userMessage);
    this.retryable = retryable;
  }

  public RenderException(String userMessage, boolean retryable, Throwable cause) {
    super(userMessage, cause);
    this.retryable = retryable;
  }

  public boolean retryable() { return retryable; }
}
