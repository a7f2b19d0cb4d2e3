package dev.platen.render;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Builds layouts, data and render inputs for tests (also used by the direct path's tests). */
public final class Canvas {
  private Canvas() {}

  public static final JsonMapper JSON = JsonMapper.builder().build();
  public static final Instant DATE = Instant.parse("2026-06-05T10:00:00Z");

  public static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  /** One section, one row, one full-width column holding the given blocks (each a JSON object). */
  public static JsonNode blocks(String... blocks) {
    return json("{\"version\":1,\"sections\":[{\"id\":\"s1\",\"type\":\"section\",\"rows\":[{\"id\":\"r1\","
        + "\"type\":\"row\",\"columns\":[{\"id\":\"c1\",\"type\":\"column\",\"blocks\":["
        + String.join(",", blocks) + "]}]}]}]}");
  }

  public static String block(String type, String propsJson) {
    return "{\"id\":\"b\",\"type\":\"" + type + "\",\"props\":" + propsJson + "}";
  }

  static RenderInput input(JsonNode layout, String dataJson) {
    return new RenderInput(layout, json(dataJson), PageSetup.DEFAULT, "Test document", DATE, false);
  }

  static RenderInput input(JsonNode layout, String dataJson, PageSetup page) {
    return new RenderInput(layout, json(dataJson), page, "Test document", DATE, false);
  }

  /** A loop table over {@code items} with {@code rows} numbered rows: item-0001 … with amount n × 1.5. */
  static RenderInput longTable(int rows) {
    StringBuilder items = new StringBuilder();
    for (int i = 1; i <= rows; i++) {
      if (i > 1) items.append(',');
      items.append(String.format("{\"name\":\"item-%04d\",\"qty\":%d,\"amount\":%s}", i, i, i * 1.5));
    }
    JsonNode layout = blocks(
        block("heading", "{\"content\":\"Stock list\",\"as\":\"h1\"}"),
        block("table", """
            {"loop":"items","columns":[
              {"header":"Article","field":"name"},
              {"header":"Quantity","field":"qty","dataType":"number","width":20},
              {"header":"Amount","field":"amount","dataType":"currency","format":"currency:EUR","width":25}]}
            """));
    return input(layout, "{\"items\":[" + items + "]}");
  }
}
