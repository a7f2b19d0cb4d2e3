package dev.platen.warmup;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Silences the whole process's log while the start-up warm-up runs (logback.xml puts it on both appenders), so the
 * throwaway instance's start, requests and shutdown print nothing; the composition root says in one line what the
 * warm-up did. Process-wide rather than per instance: the warm-up runs before the real instance exists, and the
 * throwaway instance's threads (Jetty's virtual threads, render threads, pools) cannot all be told apart from a
 * caller's. An appender's filter, not a turbo filter: logback asks turbo filters on every level check too, and
 * Jetty's and PDFBox's {@code isDebugEnabled} calls on each request and render paid for it (measured in a profile
 * of the HTTP threads: the level checks were a third of logback's samples there).
 */
public final class QuietLog extends Filter<ILoggingEvent> {
  private static final AtomicInteger QUIET = new AtomicInteger();

  /** From here until {@link #end}, no log line is written. */
  public static void begin() {
    QUIET.incrementAndGet();
  }

  public static void end() {
    QUIET.decrementAndGet();
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    return QUIET.get() > 0 ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
