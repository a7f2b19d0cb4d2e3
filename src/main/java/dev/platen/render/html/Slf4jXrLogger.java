package dev.platen.render.html;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes openhtmltopdf's own logging (java.util.logging by default, printed straight to stderr) into slf4j, one
 * level down: its INFO lines ("Using fast-mode renderer", stylesheet timings) come with every document and
 * belong at debug.
 */
final class Slf4jXrLogger implements XRLogger {
  private static final String PREFIX = "com.openhtmltopdf.";

  /** Installs the bridge; openhtmltopdf's logger is process-wide, so this is too. Idempotent. */
  static void install() {
    if (!(XRLog.getLoggerImpl() instanceof Slf4jXrLogger)) XRLog.setLoggerImpl(new Slf4jXrLogger());
  }

  @Override public void log(String where, Level level, String msg) {
    log(where, level, msg, null);
  }

  @Override public void log(String where, Level level, String msg, Throwable th) {
    Logger logger = logger(where);
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      logger.warn(msg, th);
    } else if (v >= Level.WARNING.intValue()) {
      logger.info(msg, th);
    } else if (v >= Level.INFO.intValue()) {
      logger.debug(msg, th);
    } else {
      logger.trace(msg, th);
    }
  }

  @Override public void setLevel(String logger, Level level) {
    // levels are configured through slf4j's backend
  }

  @Override public boolean isLogLevelEnabled(Diagnostic diagnostic) {
    Logger logger = logger(diagnostic.getLogMessageId().getWhere());
    int v = diagnostic.getLevel().intValue();
    if (v >= Level.SEVERE.intValue()) return logger.isWarnEnabled();
    if (v >= Level.WARNING.intValue()) return logger.isInfoEnabled();
    if (v >= Level.INFO.intValue()) return logger.isDebugEnabled();
    return logger.isTraceEnabled();
  }

  private static Logger logger(String where) {
    if (where == null) return LoggerFactory.getLogger("com.openhtmltopdf");
    return LoggerFactory.getLogger(where.startsWith(PREFIX) ? where : PREFIX + where);
  }
}
