package dev.platen.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Builds layouts, data and render inputs for the tests of both engines. */
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

  public static RenderInput input(JsonNode layout, String dataJson) {
    return new RenderInput(layout, json(dataJson), PageSetup.DEFAULT, "Test document", DATE, false);
  }

  public static RenderInput input(JsonNode layout, String dataJson, PageSetup page) {
    return new RenderInput(layout, json(dataJson), page, "Test document", DATE, false);
  }

  /** A loop table over {@code items} with {@code rows} numbered rows: item-0001 … with amount n × 1.5. */
  public static RenderInput longTable(int rows) {
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

  /** Rows of mixed length, some wrapping onto two lines, so page breaks depend on measured text. */
  public static String items(int rows) {
    StringBuilder items = new StringBuilder("[");
    for (int i = 1; i <= rows; i++) {
      if (i > 1) items.append(',');
      items.append("{\"sku\":\"SKU-").append(10000 + i).append("\",\"name\":\"Item ").append(i)
          .append(" — Ελληνικά, Кириллица").append(i % 7 == 0 ? ", with a longer description that wraps" : "")
          .append("\",\"qty\":").append(i % 13 + 1).append(",\"price\":").append(i * 37 % 1000 / 4.0)
          .append(",\"date\":\"2026-05-").append(10 + i % 20).append("\"}");
    }
    return items.append(']').toString();
  }

  /** A table over {@code items} as {@link #items} writes them. */
  public static final String ITEMS_TABLE = block("table", """
      {"loop":"items","columns":[
        {"header":"SKU","field":"sku","width":15},
        {"header":"Description","field":"name"},
        {"header":"Date","field":"date","dataType":"date","width":16},
        {"header":"Qty","field":"qty","dataType":"number","width":8},
        {"header":"Price","field":"price","dataType":"currency","format":"currency:EUR","width":16}]}""");

  /** A small PNG, blue square on white. */
  public static String pngDataUri() {
    BufferedImage img = new BufferedImage(120, 40, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, 120, 40);
    g.setColor(new java.awt.Color(0x1a56b0));
    g.fillRect(0, 0, 40, 40);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
  }
}
