package dev.platen.warmup;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Marker;

/**
 * Silences the whole process's log while the start-up warm-up runs (logback.xml installs it), so the throwaway
 * instance's start, requests and shutdown print nothing; the composition root says in one line what the warm-up did.
 * Process-wide rather than per instance: the warm-up runs before the real instance exists, and the throwaway
 * instance's threads (Jetty's virtual threads, render threads, pools) cannot all be told apart from a caller's.
 */
public final class QuietLog extends TurboFilter {
  private static final AtomicInteger QUIET = new AtomicInteger();

  /** From here until {@link #end}, no log line is written. */
  public static void begin() {
    QUIET.incrementAndGet();
  }

  public static void end() {
    QUIET.decrementAndGet();
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    return QUIET.get() > 0 ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
