package dev.platen.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Formatting shared by the pages. */
public final class Views {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private Views() {}

  public static String time(long millis) {
    return TIME.format(Instant.ofEpochMilli(millis));
  }

  /** Stored JSON indented for reading; anything that is not JSON (an HTML layout) as it is. */
  static String pretty(String text) {
    if (text == null) return "";
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(text));
    } catch (JacksonException e) {
      return text;
    }
  }
}
