package dev.platen.render;

/**
 * Why the document being drawn on this thread went to openhtmltopdf rather than the direct engine: noted by the
 * routing engine as it hands the document over, taken by the worker for the render's record ({@code engineReason}).
 * A thread-local because the engines' interface returns the PDF alone, and the worker draws on the same thread.
 */
public final class EngineFallback {
  private static final ThreadLocal<String> REASON = new ThreadLocal<>();

  private EngineFallback() {}

  /** The direct engine does not draw the document about to be drawn, for {@code reason}. */
  public static void note(String reason) {
    REASON.set(reason);
  }

  /** The reason noted since the last take on this thread, or null, and forgets it. */
  public static String take() {
    String reason = REASON.get();
    REASON.remove();
    return reason;
  }
}
