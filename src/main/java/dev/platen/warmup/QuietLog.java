package dev.platen.warmup;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The console appender (logback.xml's both appenders), which writes nothing while the start-up warm-up runs, so the
 * throwaway instance's start, requests and shutdown print nothing; the composition root says in one line what the
 * warm-up did. Process-wide rather than per instance: the warm-up runs before the real instance exists, and the
 * throwaway instance's threads (Jetty's virtual threads, render threads, pools) cannot all be told apart from a
 * caller's.
 *
 * <p>A silenced line is still formatted, then dropped: the encoder's work (message formatting, the pattern's or the
 * JSON's converters, MDC, the thread name) is then warm when the first real renders log theirs. Dropped before the
 * encoder (this was a filter), it ran interpreted and was compiled during the first renders after {@code /ready},
 * two lines a render. Not a turbo filter: logback asks turbo filters on every level check too, and Jetty's and
 * PDFBox's {@code isDebugEnabled} calls on each request and render paid for it (a third of logback's samples on the
 * HTTP threads in a profile).
 */
public final class QuietLog extends ConsoleAppender<ILoggingEvent> {
  private static final AtomicInteger QUIET = new AtomicInteger();

  /** From here until {@link #end}, no log line is written. */
  public static void begin() {
    QUIET.incrementAndGet();
  }

  public static void end() {
    QUIET.decrementAndGet();
  }

  @Override
  protected void writeOut(ILoggingEvent event) throws IOException {
    if (QUIET.get() > 0) encoder.encode(event);
    else super.writeOut(event);
  }
}
