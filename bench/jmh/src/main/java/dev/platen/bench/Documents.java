package dev.platen.bench;

import dev.platen.render.PageSetup;
import dev.platen.render.RenderInput;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The benchmark documents, built through the public RenderInput only, so the numbers are what the service pays
 * per render (placeholder filling, formatting, QR encoding and image checks included).
 */
public final class Documents {
  private Documents() {}

  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final Instant DATE = Instant.parse("2026-06-05T10:00:00Z");

  /** One-page invoice: heading, keyValue, PNG logo as a data: URI, QR code and a 10-row table. */
  public static RenderInput invoice() {
    ObjectNode data = JSON.createObjectNode();
    data.putObject("invoice").put("number", "INV-2026-0042").put("date", "2026-06-05").put("due", "2026-07-05")
        .put("total", 12345.5).put("payUrl", "https://pay.example.com/i/INV-2026-0042?amount=12345.50");
    data.putObject("customer").put("name", "Zoë Ångström — Ελληνικά & Кириллица GmbH")
        .put("address", "Hauptstraße 12, 10115 Berlin");
    data.put("logo", logoDataUri());
    data.set("items", rows(10));
    return new RenderInput(layout(true), data, PageSetup.DEFAULT, "Invoice INV-2026-0042", DATE, false);
  }

  /** A statement: a short heading and a table of {@code rows} rows. */
  public static RenderInput statement(int rows) {
    ObjectNode data = JSON.createObjectNode();
    data.putObject("invoice").put("number", "ST-2026-06").put("date", "2026-06-05").put("due", "2026-07-05")
        .put("total", rows * 17.25);
    data.putObject("customer").put("name", "Zoë Ångström GmbH").put("address", "Hauptstraße 12, 10115 Berlin");
    data.set("items", rows(rows));
    return new RenderInput(layout(false), data, PageSetup.DEFAULT, "Statement", DATE, false);
  }

  /**
   * The invoice as an HTML layout (Handlebars + CSS, docs/html-layouts.md), as most users write templates: always
   * drawn by openhtmltopdf. Same data as {@link #invoice()}.
   */
  /**
   * A document of the HTML equivalence corpus (src/test/resources/html-corpus, built by the test class
   * {@code dev.platen.render.HtmlCorpus}): put the project's {@code target/test-classes} on the class path.
   */
  public static RenderInput corpus(String name) {
    if (name.endsWith("-loose")) {
      // the statement as a browser template writes it: no repeated header, rows not kept whole (D40)
      RenderInput tight = corpus(name.substring(0, name.length() - "-loose".length()));
      ObjectNode layout = (ObjectNode) tight.layout().deepCopy();
      layout.put("css", layout.path("css").asString().replace("-fs-table-paginate: paginate;", "")
          .replace("table.tx tr { page-break-inside: avoid; }", ""));
      return new RenderInput(layout, tight.data(), tight.page(), tight.title(), tight.documentDate(), false);
    }
    try {
      return (RenderInput) Class.forName("dev.platen.render.HtmlCorpus").getMethod("input", String.class)
          .invoke(null, name);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the HTML corpus needs ../../target/test-classes on the class path", e);
    }
  }

  public static RenderInput htmlInvoice() {
    RenderInput canvas = invoice();
    return new RenderInput(htmlLayout(true), canvas.data(), PageSetup.DEFAULT, canvas.title(), DATE, false);
  }

  /** The statement as an HTML layout; same data as {@link #statement(int)}. */
  public static RenderInput htmlStatement(int rows) {
    RenderInput canvas = statement(rows);
    return new RenderInput(htmlLayout(false), canvas.data(), PageSetup.DEFAULT, canvas.title(), DATE, false);
  }

  private static JsonNode htmlLayout(boolean invoice) {
    String html = """
        <div class="head">
          <div class="left">
            %s
            <h1>Invoice {{invoice.number}}</h1>
            <p>{{customer.name}}<br/>{{customer.address}}</p>
          </div>
          <div class="right">
            <table class="kv">
              <tr><th>Date</th><td>{{format-date invoice.date}}</td></tr>
              <tr><th>Due</th><td>{{format-date invoice.due}}</td></tr>
              <tr><th>Total</th><td>{{format-currency invoice.total "EUR"}}</td></tr>
            </table>
            %s
          </div>
        </div>
        <hr/>
        <table class="items">
          <thead><tr><th>SKU</th><th>Description</th><th>Date</th><th class="num">Qty</th><th class="num">Price</th></tr></thead>
          <tbody>
          {{#each items}}
            <tr><td>{{sku}}</td><td>{{description}}</td><td>{{format-date date}}</td>
              <td class="num">{{format-number qty}}</td><td class="num">{{format-currency price "EUR"}}</td></tr>
          {{/each}}
          </tbody>
        </table>
        <p class="thanks">Thank you for your business.</p>
        """.formatted(invoice ? "<img src=\"{{logo}}\" style=\"width: 40mm\"/>" : "",
            invoice ? "{{qr invoice.payUrl size=\"25mm\"}}" : "");
    String css = """
        .head { overflow: hidden; }
        .left { float: left; width: 60%; }
        .right { float: right; width: 40%; }
        h1 { color: #1a56b0; font-size: 18pt; margin: 4mm 0 2mm 0; }
        .kv th { text-align: left; color: #555; padding-right: 4mm; }
        table.items { width: 100%; border-collapse: collapse; margin-top: 4mm; }
        table.items th { background: #eef2f8; text-align: left; padding: 3pt; border-bottom: 1px solid #1a56b0; }
        table.items td { padding: 3pt; border-bottom: 0.5pt solid #ddd; }
        thead { display: table-header-group; }
        tr { page-break-inside: avoid; }
        .num { text-align: right; }
        .thanks { text-align: right; margin-top: 6mm; }
        """;
    tools.jackson.databind.node.ObjectNode layout = JSON.createObjectNode();
    layout.put("html", html).put("css", css);
    return layout;
  }

  static ArrayNode rows(int n) {
    ArrayNode items = JSON.createArrayNode();
    for (int i = 1; i <= n; i++) {
      items.addObject().put("sku", "SKU-" + (10000 + i))
          .put("description", "Item " + i + " — Ελληνικά, Кириллица, Æøå " + (i % 7 == 0 ? "with a longer description" : ""))
          .put("qty", i % 13 + 1).put("price", (i * 37 % 1000) / 4.0).put("date", "2026-05-" + (10 + i % 20));
    }
    return items;
  }

  private static JsonNode layout(boolean invoice) {
    String header = """
          {"id":"r1","type":"row","columns":[
            {"id":"c1","type":"column","width":60,"blocks":[
              %s
              {"id":"h","type":"heading","props":{"content":"Invoice {{invoice.number}}","as":"h1"}},
              {"id":"t","type":"text","props":{"content":"{{customer.name}}\\n{{customer.address}}"}}]},
            {"id":"c2","type":"column","width":40,"blocks":[
              {"id":"kv","type":"keyValue","props":{"items":[
                {"label":"Date","path":"invoice.date","dataType":"date"},
                {"label":"Due","path":"invoice.due","dataType":"date"},
                {"label":"Total","path":"invoice.total","dataType":"currency","format":"currency:EUR"}]}}
              %s]}]},
        """.formatted(
            invoice ? "{\"id\":\"logo\",\"type\":\"image\",\"props\":{\"src\":\"{{logo}}\",\"width\":\"40mm\"}}," : "",
            invoice ? ",{\"id\":\"qr\",\"type\":\"qr\",\"props\":{\"value\":\"{{invoice.payUrl}}\",\"size\":\"25mm\"}}" : "");
    String table = """
          {"id":"r2","type":"row","columns":[{"id":"c3","type":"column","blocks":[
            {"id":"d","type":"divider","props":{}},
            {"id":"tb","type":"table","props":{"loop":"items","columns":[
              {"header":"SKU","field":"sku","width":15},
              {"header":"Description","field":"description"},
              {"header":"Date","field":"date","dataType":"date","width":16},
              {"header":"Qty","field":"qty","dataType":"number","width":8},
              {"header":"Price","field":"price","dataType":"currency","format":"currency:EUR","width":16}]}},
            {"id":"sp","type":"spacer","props":{"height":"6mm"}},
            {"id":"end","type":"text","props":{"content":"Thank you for your business.","align":"right"}}]}]}
        """;
    return JSON.readTree("{\"version\":1,\"meta\":{\"title\":\"Invoice\"},\"sections\":[{\"id\":\"s\",\"type\":\"section\","
        + "\"rows\":[" + header + table + "]}]}");
  }

  /** A 240×80 PNG logo (about 3 KB), generated so the benchmark carries no binary files. */
  static String logoDataUri() {
    BufferedImage img = new BufferedImage(240, 80, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(0x1a56b0));
    g.fillRoundRect(0, 0, 80, 80, 20, 20);
    g.setColor(Color.WHITE);
    g.fillOval(20, 20, 40, 40);
    g.setColor(new Color(0x333333));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 40));
    g.drawString("ACME", 92, 56);
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
