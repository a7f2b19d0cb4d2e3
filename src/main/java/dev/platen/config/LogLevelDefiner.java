package dev.platen.config;

import ch.qos.logback.core.PropertyDefinerBase;
import java.util.List;
import java.util.Locale;

/**
 * The root log level logback.xml sets, read from PLATEN_LOG_LEVEL as {@link Config} reads it: blank means INFO, and
 * case and surrounding spaces do not count. Logback's own {@code ${PLATEN_LOG_LEVEL:-INFO}} took an empty variable
 * for a level it does not know, which it reads as DEBUG. A value Config refuses stops start-up; INFO prints that.
 */
public final class LogLevelDefiner extends PropertyDefinerBase {
  static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  @Override
  public String getPropertyValue() {
    return level(System.getenv("PLATEN_LOG_LEVEL"));
  }

  static String level(String value) {
    String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
    return LEVELS.contains(v) ? v : "INFO";
  }
}
