package dev.platen.config;

import ch.qos.logback.core.PropertyDefinerBase;

/**
 * The appender logback.xml attaches, read from PLATEN_LOG_FORMAT as {@link Config} reads it: blank means the default
 * and spaces around the value do not count. Logback's own {@code ${PLATEN_LOG_FORMAT:-text}} took an empty variable
 * (as compose files write for an unset one) for an appender named "", and the process logged nothing at all.
 * A value Config refuses stops start-up anyway; this picks text for it so that the refusal is printed.
 */
public final class LogFormatDefiner extends PropertyDefinerBase {
  @Override
  public String getPropertyValue() {
    return appender(System.getenv("PLATEN_LOG_FORMAT"));
  }

  static String appender(String value) {
    return value != null && value.trim().equals("json") ? "json" : "text";
  }
}
