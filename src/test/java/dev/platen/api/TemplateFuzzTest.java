package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Random templates through a started server: canvas block trees and Handlebars HTML layouts, with helpers called
 * with random and ill-typed arguments, odd strings and random data. Whatever is generated, no answer is a 5xx,
 * every accepted render ends succeeded or failed with a message that names no Java class, and no render thread is
 * left running at the end. The seed is printed, and {@code -Dfuzz.seed=…} replays a run ({@code -Dfuzz.seconds=…}
 * makes it longer).
 */
class TemplateFuzzTest {
  @TempDir static Path dir;
  static TestServer server;
  static String key;
  static String testKey;

  static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
  static final int SECONDS = Integer.getInteger("fuzz.seconds", 15);
  static final int HTML_PERCENT = Integer.getInteger("fuzz.htmlPercent", 40);
  static final int MIN_CASES = 40;
  /** Renders allowed in flight, so the run ends with a queue the two render threads can drain. */
  static final int IN_FLIGHT = 6;

  /** A Java class, exception or stack frame: {@code java.lang.X}, {@code …Exception}, {@code at x.y(}. */
  static final Pattern JAVA = Pattern.compile("\\b(?:java|javax|jdk|sun|org|com|dev)\\.[a-z]\\w*\\."
      + "|\\w+(?:Exception|Error)\\b|\\$\\d|\\bat [\\w.$]+\\(");

  static final String PNG = Canvas.pngDataUri();
  static final List<String> ODD = List.of("", " ", "plain", "Zoë & <b>Ångström</b>", "<script>alert(1)</script>",
      "{{", "}}", "{{x}}", "\\", "\"'", "%s %n", "שלום עולם", "مرحبا بالعالم", "漢字かなカナ", "한국어", "😀👍🏽",
      "e\u0301", "\u200b\u200d", "\t\n\r", "x".repeat(3000), "word ".repeat(400), "-1", "0", "1e15", "9e999999999",
      "NaN", "2026-06-05", "2026-13-45", "2026-06-05T10:00:00+14:00", "true", "null", "../../etc/passwd",
      "file:///etc/passwd", "http://127.0.0.1:1/a.png", "javascript:alert(1)", PNG, "data:image/png;base64,AAAA",
      "data:image/svg+xml;base64,PHN2Zy8+", "]]>", "<![CDATA[x]]>", "<!--", "&#0;", "\uFFFD", "\u202Eevil");
  static final List<String> TYPES = List.of("text", "longtext", "number", "currency", "date", "datetime", "boolean",
      "image", "url", "email");

  final Random rnd = new Random(SEED);
  final Map<String, Integer> outcomes = new TreeMap<>();
  final Map<String, Integer> failures = new TreeMap<>();
  final Map<String, Integer> refusals = new TreeMap<>();
  final Map<String, String> unexpected = new TreeMap<>();
  /** Whether the HTML layout just generated holds a construct publishing refuses. */
  boolean refusedConstruct;
  long publishNanos;
  long waitNanos;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir, Map.of("PLATEN_RENDER_THREADS", "2", "PLATEN_RENDER_TIMEOUT_MS", "20000"));
    key = server.liveKey;
    testKey = server.addKeyToDefaultProject(true);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void randomLayoutsAndTemplatesNeverBreakTheServer() {
    System.out.println("template fuzz seed " + SEED + " (replay with -Dfuzz.seed=" + SEED + ")");
    Set<Thread> busyBefore = busyRenderThreads();
    Map<String, String> inFlight = new LinkedHashMap<>(); // render id -> what was rendered, for the failure message
    long deadline = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
    int cases = 0;
    // a slow machine still runs enough cases to mean something; a fast one runs more
    while (System.nanoTime() < deadline || cases < MIN_CASES) {
      cases++;
      boolean html = rnd.nextInt(100) < HTML_PERCENT;
      refusedConstruct = false;
      Map<String, Object> manifest = manifest();
      Map<String, Object> layout = html ? htmlLayout() : canvasLayout();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", pick(ODD).isBlank() ? "Fuzz" : "Fuzz " + cases);
      body.put("manifest", manifest);
      body.put("layout", layout);
      if (rnd.nextInt(3) == 0) body.put("pageConfig", pageConfig());
      String slug = "fuzz-" + cases;
      long t0 = System.nanoTime();
      Res published = server.put("/v1/templates/" + slug, key, body);
      publishNanos += System.nanoTime() - t0;
      String json = TestServer.JSON.writeValueAsString(body);
      String what = "seed " + SEED + ", case " + cases + ": " + (json.length() > 3000 ? json.substring(0, 3000) + "…"
          : json);
      count(outcomes, (html ? "html" : "canvas") + " publish " + published.status());
      assertThat(published.status()).as(what + " -> " + published.text()).isLessThan(500);
      if (refusedConstruct) {
        assertThat(published.status()).as(what).isEqualTo(400);
        // a random syntax error elsewhere in the same template stops the parse before the construct is seen
        assertThat(published.json().at("/error/issues/fieldErrors/layout.html/0").asString()).as(what)
            .containsAnyOf("are not supported", "is not supported", "Handlebars syntax error");
      }
      if (published.status() >= 400) {
        assertThat(published.json().path("error").path("code").asString()).as(what).isNotEmpty();
        assertPlain(published.json().path("error").toString(), what);
        count(refusals, "publish: " + firstIssue(published));
        continue;
      }
      for (int r = rnd.nextInt(3); r >= 0; r--) {
        Res render = server.post("/v1/templates/" + slug + "/render", rnd.nextInt(4) == 0 ? testKey : key,
            Map.of("data", data(manifest)));
        count(outcomes, "render request " + render.status());
        assertThat(render.status()).as(what + " -> " + render.text()).isLessThan(500);
        if (render.status() == 202) {
          inFlight.put(render.json().path("id").asString(), what);
        } else {
          assertPlain(render.json().path("error").toString(), what);
          count(refusals, "render: " + firstIssue(render));
        }
      }
      long t1 = System.nanoTime();
      while (inFlight.size() > IN_FLIGHT) settle(inFlight, Duration.ofSeconds(90));
      waitNanos += System.nanoTime() - t1;
    }
    while (!inFlight.isEmpty()) settle(inFlight, Duration.ofSeconds(90));

    Set<Thread> stuck = busyRenderThreads();
    stuck.removeAll(busyBefore);
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!stuck.isEmpty() && System.nanoTime() < until) {
      pause(100);
      stuck = busyRenderThreads();
      stuck.removeAll(busyBefore);
    }
    System.out.printf("template fuzz: %d cases in %d s (publishing %d ms, waiting for renders %d ms); %s%n", cases,
        (System.nanoTime() - deadline) / 1_000_000_000 + SECONDS, publishNanos / 1_000_000, waitNanos / 1_000_000,
        outcomes);
    failures.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(25)
        .forEach(e -> System.out.printf("  %4d × %s%n", e.getValue(), e.getKey()));
    refusals.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(25)
        .forEach(e -> System.out.printf("  %4d × 4xx %s%n", e.getValue(), e.getKey()));
    unexpected.forEach((m, what) -> System.out.printf("unexpected engine failure: %s%n  %s%n", m, what));
    assertThat(stuck).as("seed " + SEED + ": render threads still busy after every render ended: "
        + stuck.stream().map(t -> t.getName() + " " + List.of(t.getStackTrace()).subList(0,
            Math.min(8, t.getStackTrace().length))).collect(Collectors.joining("\n"))).isEmpty();
    assertThat(server.get("/health", null).status()).isEqualTo(200);
    // the generator must reach the engines, not only the validators
    assertThat(outcomes.getOrDefault("render succeeded", 0)).as("seed " + SEED).isGreaterThanOrEqualTo(5);
  }

  /** Waits for the oldest render in flight and checks how it ended. */
  private void settle(Map<String, String> inFlight, Duration timeout) {
    var oldest = inFlight.entrySet().iterator().next();
    inFlight.remove(oldest.getKey());
    JsonNode done = server.awaitTerminal(oldest.getKey(), key, timeout);
    String status = done.path("status").asString();
    count(outcomes, "render " + status);
    assertThat(status).as(oldest.getValue() + " -> " + done).isIn("succeeded", "failed");
    if (status.equals("failed")) {
      String message = done.path("errorMessage").asString();
      assertThat(message).as(oldest.getValue()).isNotBlank();
      assertPlain(message, oldest.getValue());
      String shown = message.length() > 140 ? message.substring(0, 140) + "…" : message;
      count(failures, shown);
      // an engine failure the code did not anticipate: worth a look, though its message is plain
      if (message.startsWith("the document could not be rendered")) unexpected.putIfAbsent(shown, oldest.getValue());
    }
  }

  /** The error code and the first field error, with list indexes folded, to see what the generator gets wrong. */
  private static String firstIssue(Res r) {
    JsonNode error = r.json().path("error");
    var fields = error.path("issues").path("fieldErrors").properties().iterator();
    if (!fields.hasNext()) return error.path("code").asString() + " " + error.path("message").asString();
    var first = fields.next();
    return error.path("code").asString() + " " + first.getKey().replaceAll("\\.\\d+", ".N") + ": "
        + first.getValue().path(0).asString().replaceAll("'[^']*'", "'…'");
  }

  private static void assertPlain(String message, String what) {
    assertThat(JAVA.matcher(message).find()).as("a message naming Java: " + message + "\n" + what).isFalse();
  }

  /** Render threads of any server in this JVM that are running something of ours rather than waiting for work. */
  private static Set<Thread> busyRenderThreads() {
    Set<Thread> busy = new java.util.HashSet<>();
    for (var e : Thread.getAllStackTraces().entrySet()) {
      if (!e.getKey().getName().startsWith("render-")) continue;
      for (StackTraceElement f : e.getValue()) {
        if (f.getClassName().startsWith("dev.platen.render")) {
          busy.add(e.getKey());
          break;
        }
      }
    }
    return busy;
  }

  // ---- manifests and data -----------------------------------------------------------------------------------

  private Map<String, Object> manifest() {
    List<Object> variables = new ArrayList<>();
    String[] keys = {"v0", "v1", "v2", "c.name", "c.total", "when", "img", "flag"};
    for (String k : keys) {
      if (rnd.nextInt(4) == 0) continue;
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("key", k);
      v.put("label", pick(ODD).isBlank() ? k : k.toUpperCase());
      v.put("dataType", typeFor(k));
      if (rnd.nextInt(12) == 0) v.put("required", true);
      variables.add(v);
    }
    List<Object> loops = new ArrayList<>();
    if (rnd.nextInt(3) > 0) {
      loops.add(Map.of("key", "items", "label", "Items", "itemFields", List.of(
          Map.of("key", "x", "dataType", rnd.nextBoolean() ? "text" : pick(TYPES)),
          Map.of("key", "y", "dataType", rnd.nextBoolean() ? "number" : pick(TYPES)),
          Map.of("key", "z.w", "dataType", pick(TYPES)))));
    }
    return Map.of("variables", variables, "loops", loops);
  }

  private String typeFor(String key) {
    if (rnd.nextInt(6) == 0) return pick(TYPES);
    return switch (key) {
      case "c.total" -> "currency";
      case "when" -> "date";
      case "img" -> "image";
      case "flag" -> "boolean";
      default -> "text";
    };
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> data(Map<String, Object> manifest) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (Object o : (List<Object>) manifest.get("variables")) {
      Map<String, Object> v = (Map<String, Object>) o;
      if (rnd.nextInt(5) == 0) continue;
      put(data, (String) v.get("key"), value((String) v.get("dataType")));
    }
    if (!((List<Object>) manifest.get("loops")).isEmpty() && rnd.nextInt(5) > 0) {
      List<Object> items = new ArrayList<>();
      int n = rnd.nextInt(10) == 0 ? 300 + rnd.nextInt(700) : rnd.nextInt(12);
      for (int i = 0; i < n; i++) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("x", rnd.nextInt(6) == 0 ? pick(ODD) : "row " + i);
        item.put("y", rnd.nextInt(20) == 0 ? value(pick(TYPES)) : i * 1.25);
        item.put("z", Map.of("w", rnd.nextBoolean() ? "w" + i : value(pick(TYPES))));
        items.add(item);
      }
      data.put("items", rnd.nextInt(30) == 0 ? "not a list" : items);
    }
    return data;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> data, String dotted, Object value) {
    String[] segs = dotted.split("\\.");
    Map<String, Object> m = data;
    for (int i = 0; i < segs.length - 1; i++) {
      m = (Map<String, Object>) m.computeIfAbsent(segs[i], k -> new LinkedHashMap<String, Object>());
    }
    m.put(segs[segs.length - 1], value);
  }

  /** Mostly a value of the type, sometimes anything at all. */
  private Object value(String type) {
    if (rnd.nextInt(25) == 0) {
      return switch (rnd.nextInt(5)) {
        case 0 -> pick(ODD);
        case 1 -> rnd.nextInt(1000) - 500;
        case 2 -> List.of(1, "two");
        case 3 -> Map.of("a", 1);
        default -> rnd.nextBoolean();
      };
    }
    return switch (type) {
      case "number", "currency" -> switch (rnd.nextInt(5)) {
        case 0 -> rnd.nextInt(100000) / 100.0;
        case 1 -> String.valueOf(-rnd.nextInt(1000));
        case 2 -> 999_999_999_999_999L;
        case 3 -> "0.000000000000000000001";
        default -> rnd.nextLong() % 1_000_000;
      };
      case "date" -> pick(List.of("2026-06-05", "1970-01-01", "2026-06-05T23:30:00+02:00", "0001-01-01"));
      case "datetime" -> pick(List.of("2026-06-05T10:00:00Z", "2026-06-05T10:00:00", "2026-06-05"));
      case "boolean" -> rnd.nextBoolean();
      // no public address: a fetch would leave the machine; a private one fails the render at once
      case "image" -> pick(List.of("http://127.0.0.1:1/a.png", "https://10.0.0.1/logo.png"));
      case "url" -> pick(List.of("https://example.com/a?b=c&d=<e>", "http://x.example/{{v0}}"));
      case "email" -> pick(List.of("a@example.com", "zoë@exämple.org"));
      default -> pick(ODD);
    };
  }

  private Map<String, Object> pageConfig() {
    Map<String, Object> p = new LinkedHashMap<>();
    if (rnd.nextBoolean()) p.put("format", pick(List.of("A4", "A5", "Letter", "Legal", "Tabloid", "A3", "a4", "B5")));
    if (rnd.nextBoolean()) p.put("orientation", pick(List.of("portrait", "landscape", "portrait", "sideways")));
    if (rnd.nextBoolean()) {
      p.put("margin", rnd.nextBoolean() ? pick(List.of("10mm", "0", "1in", "-5mm", "200mm", "abc"))
          : Map.of("top", "20mm", "right", pick(List.of("5mm", "3cm", "1e9mm")), "bottom", "20mm", "left", "5mm"));
    }
    if (rnd.nextInt(4) == 0) p.put("printBackground", rnd.nextBoolean());
    if (rnd.nextInt(6) == 0) p.put("pdfa", true);
    return p;
  }

  // ---- canvas layouts ---------------------------------------------------------------------------------------

  private Map<String, Object> canvasLayout() {
    Map<String, Object> layout = new LinkedHashMap<>();
    layout.put("version", 1);
    if (rnd.nextInt(3) == 0) layout.put("meta", Map.of("title", pick(ODD)));
    List<Object> sections = new ArrayList<>();
    for (int s = 1 + rnd.nextInt(3); s > 0; s--) sections.add(section(false));
    layout.put("sections", sections);
    if (rnd.nextInt(4) == 0) layout.put("header", rnd.nextBoolean() ? List.of(block(true)) : section(true));
    if (rnd.nextInt(4) == 0) layout.put("footer", rnd.nextBoolean() ? List.of(block(true)) : section(true));
    return layout;
  }

  private Map<String, Object> section(boolean margin) {
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("type", "section");
    style(section);
    List<Object> rows = new ArrayList<>();
    for (int r = 1 + rnd.nextInt(margin ? 1 : 3); r > 0; r--) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("type", "row");
      style(row);
      if (rnd.nextInt(3) == 0) row.put("gutter", pick(List.of(0, 8, 40, -3, "x")));
      List<Object> columns = new ArrayList<>();
      for (int c = 1 + rnd.nextInt(3); c > 0; c--) {
        Map<String, Object> column = new LinkedHashMap<>();
        column.put("type", "column");
        if (rnd.nextBoolean()) column.put("width", pick(List.of(100, 50, 33.3, 0, 150, -10, "50")));
        if (rnd.nextInt(3) == 0) column.put("align", pick(List.of("left", "center", "right", "justify", "up")));
        style(column);
        List<Object> blocks = new ArrayList<>();
        for (int b = rnd.nextInt(margin ? 2 : 5); b > 0; b--) blocks.add(block(margin));
        column.put("blocks", blocks);
        columns.add(column);
      }
      row.put("columns", columns);
      rows.add(row);
    }
    section.put("rows", rows);
    return section;
  }

  private void style(Map<String, Object> node) {
    if (rnd.nextInt(4) == 0) node.put("padding", pick(List.of("0", "4mm", "1 2 3 4", "10px 5%", "url(x)", 12)));
    if (rnd.nextInt(5) == 0) node.put("margin", pick(List.of("0", "2mm 0", "-4px", "1e9px")));
    if (rnd.nextInt(4) == 0) node.put("backgroundColor", color());
    if (rnd.nextInt(12) == 0) node.put("hidden", true);
    if (rnd.nextInt(10) == 0) node.put("keepTogether", true);
  }

  private Object color() {
    return pick(List.of("#fff", "#1a56b0", "rgb(10, 20, 30)", "rgba(0,0,0,0.5)", "red", "transparent", "#12",
        "red; background: url(http://x)", 5));
  }

  private Map<String, Object> block(boolean margin) {
    String type = margin && rnd.nextInt(3) == 0 ? "pageNumber" : pick(List.of("heading", "text", "keyValue",
        "image", "table", "divider", "spacer", "button", "pageBreak", "html", "qr", "barcode"));
    if (rnd.nextInt(150) == 0) type = pick(List.of("sparkline", "", "TEXT", "pageNumber"));
    Map<String, Object> p = new LinkedHashMap<>();
    switch (type) {
      case "heading" -> {
        p.put("content", text());
        maybe(p, "as", List.of("h1", "h2", "h6", "h7", "p", ""));
        maybe(p, "align", List.of("left", "center", "right", "middle"));
        if (rnd.nextBoolean()) p.put("color", color());
      }
      case "text" -> {
        p.put("content", text());
        maybe(p, "align", List.of("left", "center", "right", "justify"));
        maybe(p, "fontSize", List.of("8pt", "10px", "2em", "0", "-3pt", "999pt", "big", 12));
        maybe(p, "fontWeight", List.of("light", "bold", "extrabold", 100, 950, "heavy"));
        maybe(p, "lineHeight", List.of(1.4, 0, 20, "2", "x"));
        if (rnd.nextBoolean()) p.put("color", color());
      }
      case "keyValue" -> {
        List<Object> items = new ArrayList<>();
        for (int i = rnd.nextInt(5); i > 0; i--) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("label", pick(ODD));
          item.put("path", path());
          maybe(item, "dataType", TYPES);
          maybe(item, "format", List.of("currency:EUR", "money:USD", "currency:", "currency:€€€€", "x"));
          items.add(item);
        }
        p.put("items", rnd.nextInt(60) == 0 ? "not a list" : items);
      }
      case "image" -> {
        p.put("src", pick(List.of(PNG, "{{img}}", "", "{{missing}}", "data:image/png;base64,AAAA",
            "http://127.0.0.1:1/x.png", "file:///etc/passwd", "javascript:alert(1)", "data:text/html,<b>x</b>")));
        maybe(p, "width", List.of("30mm", "100%", "0", "-1px", "5000px", 80));
        maybe(p, "height", List.of("10mm", "1px", "x"));
        maybe(p, "href", List.of("https://example.com", "javascript:alert(1)", "{{v0}}"));
        maybe(p, "alt", ODD);
      }
      case "table" -> {
        p.put("loop", pick(List.of("items", "items", "missing", "c", "items.0", "v0")));
        List<Object> columns = new ArrayList<>();
        for (int i = rnd.nextInt(5); i > 0; i--) {
          Map<String, Object> column = new LinkedHashMap<>();
          column.put("header", pick(ODD));
          column.put("field", pick(List.of("x", "y", "z.w", "z", "missing", "")));
          maybe(column, "dataType", TYPES);
          maybe(column, "format", List.of("currency:EUR", "x"));
          maybe(column, "align", List.of("left", "right", "center", "nowhere"));
          maybe(column, "width", List.of(10, 50, 0, 200, -5, "20%"));
          columns.add(column);
        }
        p.put("columns", columns);
      }
      case "divider" -> {
        if (rnd.nextBoolean()) p.put("color", color());
        maybe(p, "thickness", List.of("1px", "0", "20mm", "thick"));
        maybe(p, "width", List.of("100%", "50%", "10mm", "x"));
      }
      case "spacer" -> maybe(p, "height", List.of("16px", "0", "300mm", "-5mm", "tall"));
      case "button" -> {
        p.put("label", pick(ODD));
        maybe(p, "href", List.of("https://pay.example.com/{{v0}}", "mailto:a@b.c", "javascript:x", "{{missing}}"));
        if (rnd.nextBoolean()) p.put("backgroundColor", color());
      }
      case "html" -> p.put(rnd.nextBoolean() ? "html" : "content", fragment());
      case "qr" -> {
        p.put("value", pick(List.of("{{v0}}", "https://example.com", "", "x".repeat(3000), "{{missing}}",
            "漢字")));
        maybe(p, "size", List.of("25mm", "0", "1px", "900mm", "x"));
        maybe(p, "errorCorrection", List.of("L", "M", "Q", "H", "h", "q", "M", "L", "H", "Z"));
      }
      case "barcode" -> {
        p.put("value", pick(List.of("{{v0}}", "ABC-123", "400638133393", "4006381333931", "12345", "é", "",
            "x".repeat(500))));
        maybe(p, "format", List.of("code128", "ean13", "EAN-13", "Code_128", "code128", "ean13", "upc"));
        maybe(p, "height", List.of("15mm", "0", "1000mm"));
        maybe(p, "width", List.of("0.33mm", "0", "10mm"));
        maybe(p, "showText", List.of(true, false, "no"));
      }
      case "pageNumber" -> maybe(p, "format", List.of("Page {{page}} of {{pages}}", "{{pages}}", "", "{{v0}}"));
      default -> { }
    }
    if (rnd.nextInt(10) == 0) p.put("keepTogether", true);
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("type", type);
    block.put("props", rnd.nextInt(150) == 0 ? "not an object" : p);
    if (rnd.nextInt(15) == 0) block.put("hidden", true);
    return block;
  }

  private void maybe(Map<String, Object> props, String key, List<?> values) {
    if (rnd.nextBoolean()) props.put(key, pick(values));
  }

  private String path() {
    return pick(List.of("v0", "v1", "c.name", "c.total", "when", "img", "flag", "items", "items.0.x", "missing",
        "c", "", ".."));
  }

  /** Text with placeholders, as heading and text content take it. */
  private String text() {
    StringBuilder s = new StringBuilder();
    for (int i = 1 + rnd.nextInt(4); i > 0; i--) {
      s.append(rnd.nextBoolean() ? pick(ODD) : "{{" + (rnd.nextBoolean() ? " " : "") + path() + "}}");
    }
    return s.toString();
  }

  private String fragment() {
    return pick(List.of("<p><b>Terms</b>: {{v0}}</p>", "<ul><li>{{c.name}}</li></ul>", "<table><tr><td>x</td></tr>"
        + "</table>", "<img src=\"" + PNG + "\"/>", "<img src=\"http://127.0.0.1:1/a.png\">", "<script>x</script>",
        "<p style=\"color:red;background:url(http://x)\">s</p>", "<svg><use href=\"#a\"/></svg>", "<a href=\"javascr"
        + "ipt:x\">a</a>", "<div", "</p></p>", "<?xml version=\"1.0\"?><x/>", "<!DOCTYPE x [<!ENTITY a \"b\">]><p>&a;"
        + "</p>", pick(ODD)));
  }

  // ---- Handlebars layouts -----------------------------------------------------------------------------------

  private static final List<String> HELPERS = List.of("format-date", "format-number", "format-currency", "upper",
      "lower", "default", "eq", "gt", "lt", "lookup", "qr", "barcode");

  private Map<String, Object> htmlLayout() {
    StringBuilder html = new StringBuilder();
    if (rnd.nextInt(4) == 0) html.append("<html><head><style>p { color: red }</style></head><body>");
    int nodes = 1 + rnd.nextInt(8);
    // now and then a refused construct between two statements: publishing must answer 400, never run it
    int refused = rnd.nextInt(20) == 0 ? rnd.nextInt(nodes + 1) : -1;
    refusedConstruct = refused >= 0;
    for (int i = 0; i <= nodes; i++) {
      if (i == refused) {
        if (html.toString().endsWith("\\")) html.append(' '); // a backslash before it would make it literal text
        html.append(pick(List.of("{{> p}}", "{{#*inline \"p\"}}x{{/inline}}{{> p}}", "{{=<% %>=}}<%> p%>",
            "{{*inline \"p\"}}", "{{#> layout}}x{{/layout}}", "{{~> (lookup . \"v0\") ~}}")));
      }
      if (i < nodes) node(html, 0, false);
    }
    Map<String, Object> layout = new LinkedHashMap<>();
    layout.put("html", html.toString());
    if (rnd.nextInt(3) == 0) {
      layout.put("css", pick(List.of("p { color: #1a56b0 }", "@import url(http://x/a.css); body { x: y }",
          "body { background: url(http://127.0.0.1/x.png) }", "td { padding: 2pt }", "</style><script>x</script>",
          "@page { size: 1mm 1mm }", "{{v0}}", "* { font-size: 300pt }")));
    }
    return layout;
  }

  private void node(StringBuilder out, int depth, boolean inLoop) {
    int choice = rnd.nextInt(depth >= 3 ? 6 : 9);
    switch (choice) {
      case 0 -> out.append(htmlText());
      case 1 -> out.append("{{").append(rnd.nextInt(5) == 0 ? "~ " : "").append(hbPath(inLoop)).append("}}");
      case 2 -> out.append(rnd.nextBoolean() ? "{{{" + hbPath(inLoop) + "}}}" : "{{&" + hbPath(inLoop) + "}}");
      case 3, 4 -> out.append("{{").append(helperCall(inLoop, 0)).append("}}");
      case 5 -> out.append(pick(List.of("{{! note }}", "{{!-- {{x}} --}}", "\\{{not a tag}}", "{{@index}}",
          "{{@first}}", "{{@key}}", "{{this}}", "{{.}}", "{{@root.v0}}", "{{../v0}}", "{{items.[0].x}}")));
      default -> block(out, depth, inLoop);
    }
  }

  private void block(StringBuilder out, int depth, boolean inLoop) {
    String kind = pick(List.of("if", "unless", "with", "each", "each", "eq", "gt", "lt", "section"));
    String open = switch (kind) {
      case "if", "unless" -> "{{#" + kind + " " + (rnd.nextBoolean() ? hbPath(inLoop) : "(" + helperCall(inLoop, 1)
          + ")") + "}}";
      case "with" -> "{{#with " + pick(List.of("c", "items", "v0", "missing", "items.[0]")) + "}}";
      case "each" -> "{{#each " + pick(List.of("items", "items", "c", "v0", "missing", "@root.items", "this"))
          + (rnd.nextInt(3) == 0 ? " as |it i|" : "") + "}}";
      case "section" -> "{{#" + pick(List.of("items", "flag", "c", "missing")) + "}}";
      default -> "{{#" + kind + " " + arg(inLoop, 1) + " " + arg(inLoop, 1) + "}}";
    };
    String name = kind.equals("section") ? open.substring(3, open.length() - 2) : kind;
    out.append(open);
    boolean loop = inLoop || kind.equals("each") || kind.equals("section");
    for (int i = 1 + rnd.nextInt(3); i > 0; i--) node(out, depth + 1, loop);
    if (!kind.equals("section") && rnd.nextInt(3) == 0) {
      out.append("{{else}}");
      node(out, depth + 1, inLoop);
    }
    out.append("{{/").append(name).append("}}");
  }

  private String helperCall(boolean inLoop, int depth) {
    String helper = pick(HELPERS);
    StringBuilder call = new StringBuilder(helper);
    for (int i = rnd.nextInt(4); i > 0; i--) call.append(' ').append(arg(inLoop, depth + 1));
    if (rnd.nextInt(4) == 0) {
      call.append(' ').append(pick(List.of("size", "height", "x"))).append('=').append(arg(inLoop, depth + 1));
    }
    return call.toString();
  }

  private String arg(boolean inLoop, int depth) {
    return switch (rnd.nextInt(depth > 2 ? 4 : 5)) {
      case 0 -> hbPath(inLoop);
      case 1 -> pick(List.of("0", "-1", "2", "1.5", "9e999999999", "1e-99999", "123456789012345678901234567890",
          "true", "false", "null"));
      case 2 -> "\"" + pick(List.of("", "EUR", "DD/MM/YYYY", "YYYY".repeat(20), "HH:mm", "D".repeat(70),
          "ean13", "code128", "30mm", "1mm;background:url(x)", "9e999999999", "<b>", "'", "abc")) + "\"";
      case 3 -> "'" + pick(List.of("x", "2026-06-05", "25mm")) + "'";
      default -> "(" + helperCall(inLoop, depth) + ")";
    };
  }

  private String hbPath(boolean inLoop) {
    if (inLoop && rnd.nextBoolean()) {
      return pick(List.of("x", "y", "z.w", "it.x", "i", "this", "@index", "../v0", "@root.c.name"));
    }
    return pick(List.of("v0", "v1", "v2", "c.name", "c.total", "when", "img", "flag", "items", "items.[0].y",
        "missing", "c.name.length", "v0.class", "this"));
  }

  private String htmlText() {
    return pick(List.of("<p>", "</p>", "<h1>Title</h1>", "<table><tr><td>", "</td></tr></table>", "<br>",
        "<img src=\"" + PNG + "\">", "<img src=\"{{img}}\">", "<img src=\"file:///etc/passwd\">",
        "<div style=\"page-break-after: always\"></div>", "<span style=\"font-size: 200pt\">big</span>",
        "<a href=\"https://example.com/{{v0}}\">link</a>", "<svg><circle r=\"5\"/></svg>", "&nbsp;&amp;&lt;",
        "<style>p { color: blue }</style>", "<p dir=\"rtl\">", " ", "\n")) + (rnd.nextBoolean() ? pick(ODD) : "");
  }

  private <T> T pick(List<T> values) {
    return values.get(rnd.nextInt(values.size()));
  }

  private static void count(Map<String, Integer> counts, String key) {
    counts.merge(key, 1, Integer::sum);
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
