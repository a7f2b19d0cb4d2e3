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

/**
 * The document both engines render at start-up so that no user pays class loading, JIT and font parsing: one
 * document, so the routing engine warms up the HTML path on exactly what it warms the direct path with. It goes
 * through every common path: headings, text, key/value, a two-page table, a QR code and a translucent PNG
 * (without the image the first real invoice still paid about 150 ms of image-codec class loading).
 */
public final class WarmUpDocument {
  private WarmUpDocument() {}

  public static RenderInput input() {
    JsonMapper json = JsonMapper.builder().build();
    StringBuilder rows = new StringBuilder();
    for (int i = 1; i <= 60; i++) {
      if (i > 1) rows.append(',');
      rows.append("{\"item\":\"Item ").append(i).append(" — Ελληνικά, Кириллица\",\"qty\":").append(i)
          .append(",\"price\":").append(i * 12.5).append('}');
    }
    JsonNode data = json.readTree("{\"customer\":{\"name\":\"Warm-up\"},\"total\":1234.5,\"due\":\"2026-06-05\","
        + "\"logo\":\"" + logo() + "\",\"items\":[" + rows + "]}");
    JsonNode layout = json.readTree("""
        {"version":1,"sections":[{"id":"s","type":"section","rows":[
          {"id":"r1","type":"row","columns":[{"id":"c1","type":"column","width":60,"blocks":[
            {"id":"b0","type":"image","props":{"src":"{{logo}}","width":"20mm"}},
            {"id":"b1","type":"heading","props":{"content":"Invoice for {{customer.name}}","as":"h1"}},
            {"id":"b2","type":"text","props":{"content":"Thank you for your order.\\nSecond line."}}]},
            {"id":"c2","type":"column","width":40,"blocks":[
            {"id":"b3","type":"keyValue","props":{"items":[
              {"label":"Total","path":"total","dataType":"currency","format":"currency:EUR"},
              {"label":"Due","path":"due","dataType":"date"}]}},
            {"id":"b7","type":"qr","props":{"value":"{{customer.name}}","size":"20mm"}}]}]},
          {"id":"r2","type":"row","columns":[{"id":"c3","type":"column","blocks":[
            {"id":"b4","type":"divider","props":{}},
            {"id":"b5","type":"table","props":{"loop":"items","columns":[
              {"header":"Item","field":"item"},
              {"header":"Qty","field":"qty","dataType":"number","width":15},
              {"header":"Price","field":"price","dataType":"currency","format":"currency:EUR","width":25}]}},
            {"id":"b6","type":"spacer","props":{"height":"10mm"}}]}]}]}]}
        """);
    return new RenderInput(layout, data, PageSetup.DEFAULT, "Warm-up", Instant.EPOCH, true);
  }

  private static String logo() {
    BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) image.setRGB(x, y, (x + y) % 2 == 0 ? 0xff1a56b0 : 0x80ffffff);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
  }
}
