package dev.platen.config;

/** A setting that stops start-up; the message is the one line the operator sees, naming the variable. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
