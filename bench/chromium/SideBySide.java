import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 12's side-by-side bench: the same two documents (the HTML invoice of bench/Load.java and a 1,000-row HTML
 * statement) rendered by a warm headless Chromium driven over the DevTools protocol, as Chromium-based PDF services
 * run it (one browser kept running, a new tab per document), and by Platen end to end over HTTP. Both sides run a
 * closed loop of C workers: a warm-up of WARM documents, then N measured ones. Results go to stdout as
 * {@code RESULT name value} lines (bench/chromium.sh tabulates them), progress to stderr.
 *
 * <pre>
 *   java -cp target/platen.jar:CLASSES SideBySide chromium   # DOC=invoice|statement C=2 WARM N CHROMIUM
 *   java -cp target/platen.jar:CLASSES SideBySide platen     # DOC C WARM N PLATEN_URL PLATEN_KEY PLATEN_PID
 *   java -cp target/platen.jar:CLASSES SideBySide publish    # PUTs both templates of STYLE=inline|css
 *   java -cp target/platen.jar:CLASSES SideBySide engine     # DOC WARM N: Platen's engine alone, one thread
 *   DOCS=dir …                                               # your own invoice and statement, see docs()
 * </pre>
 *
 * Needs target/platen.jar on the class path only for Jackson, Handlebars (Chromium's HTML is merged by the same
 * Handlebars library Platen uses, before the measured phase) and PDFBox (page counts of the PDFs received).
 */
public class SideBySide {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final int STATEMENT_ROWS = 1000;
  /** Distinct documents per run (the data differs a little per document, as in bench/Load.java). */
  static final int POOL = 32;

  public static void main(String[] args) throws Exception {
    String mode = args.length == 0 ? "" : args[0];
    String doc = Load.env("DOC", "invoice");
    if (!doc.equals("invoice") && !doc.equals("statement")) throw new IllegalArgumentException("DOC=invoice|statement");
    int c = Integer.parseInt(Load.env("C", "2"));
    int warm = Integer.parseInt(Load.env("WARM", "20"));
    int n = Integer.parseInt(Load.env("N", "100"));
    result("doc", doc);
    result("clients", c);
    result("style", style());
    int rc = switch (mode) {
      case "chromium" -> chromium(doc, c, warm, n);
      case "platen" -> platen(doc, c, warm, n);
      case "publish" -> publish();
      case "engine" -> engine(doc, warm, n);
      default -> throw new IllegalArgumentException("usage: SideBySide chromium|platen|publish|engine");
    };
    System.exit(rc);
  }

  // ---- the documents ------------------------------------------------------------------------------------------

  static final String CSS = "@page { size: A4; margin: 20mm; } body { font-family: sans-serif; font-size: 10pt; }"
      + " h1 { font-size: 18pt; color: #1a56b0; } table { width: 100%; border-collapse: collapse; }"
      + " th { text-align: left; background: #eef2f8; border-bottom: 1px solid #888; padding: 2mm; }"
      + " td { border-bottom: 0.5px solid #ccc; padding: 2mm; } .n { text-align: right; }";

  /** bench/Load.java's TEMPLATE_HTML layout, character for character. */
  static final String INVOICE_HTML = "<html><head><style>" + CSS + "</style></head><body>"
      + "<h1>Invoice {{invoice.number}}</h1><p>{{customer.name}}, {{invoice.date}}</p>"
      + "<table><thead><tr><th>Description</th><th class='n'>Quantity</th><th class='n'>Amount</th></tr></thead>"
      + "<tbody>{{#each items}}<tr><td>{{description}}</td><td class='n'>{{quantity}}</td>"
      + "<td class='n'>{{amount}}</td></tr>{{/each}}</tbody></table>"
      + "<p class='n'><strong>Total {{invoice.total}}</strong></p>{{#if paid}}<p>Paid, thank you.</p>{{/if}}"
      + "</body></html>";

  /** The same style, a header row repeated on every page and 1,000 rows: about 30 A4 pages. */
  static final String STATEMENT_CSS = CSS
      + " td { padding: 1.4mm 2mm; } thead { display: table-header-group; } tr { page-break-inside: avoid; }";

  static final String STATEMENT_HTML = "<html><head><style>" + STATEMENT_CSS + "</style></head><body>"
      + "<h1>Statement {{statement.number}}</h1><p>{{customer.name}}, {{statement.date}}</p>"
      + "<table><thead><tr><th>Date</th><th>Reference</th><th>Description</th><th class='n'>Amount</th></tr></thead>"
      + "<tbody>{{#each items}}<tr><td>{{date}}</td><td>{{reference}}</td><td>{{description}}</td>"
      + "<td class='n'>{{amount}}</td></tr>{{/each}}</tbody></table>"
      + "<p class='n'><strong>Balance {{statement.total}}</strong></p></body></html>";

  static final String INVOICE_MANIFEST = """
      {"variables": [
         {"key": "customer.name", "label": "Customer", "dataType": "text", "required": true},
         {"key": "invoice.number", "label": "Invoice number", "dataType": "text", "required": true},
         {"key": "invoice.date", "label": "Date", "dataType": "date"},
         {"key": "invoice.total", "label": "Total", "dataType": "currency", "format": "currency:EUR"},
         {"key": "paid", "label": "Paid", "dataType": "boolean"}],
       "loops": [{"key": "items", "label": "Items", "itemFields": [
         {"key": "description", "label": "Description", "dataType": "text"},
         {"key": "quantity", "label": "Quantity", "dataType": "number"},
         {"key": "amount", "label": "Amount", "dataType": "currency", "format": "currency:EUR"}]}]}""";

  static final String STATEMENT_MANIFEST = """
      {"variables": [
         {"key": "customer.name", "label": "Customer", "dataType": "text", "required": true},
         {"key": "statement.number", "label": "Statement number", "dataType": "text", "required": true},
         {"key": "statement.date", "label": "Date", "dataType": "date"},
         {"key": "statement.total", "label": "Balance", "dataType": "currency", "format": "currency:EUR"}],
       "loops": [{"key": "items", "label": "Lines", "itemFields": [
         {"key": "date", "label": "Date", "dataType": "text"},
         {"key": "reference", "label": "Reference", "dataType": "text"},
         {"key": "description", "label": "Description", "dataType": "text"},
         {"key": "amount", "label": "Amount", "dataType": "currency", "format": "currency:EUR"}]}]}""";

  /**
   * STYLE=inline (default): the style sheet in a {@code <style>} element, as bench/Load.java's template has it, which
   * sends the template to openhtmltopdf ("a CSS @page rule in a <style> element"). STYLE=css: the same style sheet
   * in the layout's {@code css} field instead, plus {@code table-layout: fixed}: the form Platen's direct HTML path
   * takes (docs/html-layouts.md). The Chromium side gets the whole document with the same rules in its
   * {@code <style>}.
   */
  static String style() {
    if (docs() != null) return "docs";
    String s = Load.env("STYLE", "inline");
    if (!s.equals("inline") && !s.equals("css")) throw new IllegalArgumentException("STYLE=inline|css");
    return s;
  }

  /** The direct path's table rules: a fixed layout whose first-row cells declare widths (the description column takes the rest). */
  static String fixed(String doc) {
    return " table { table-layout: fixed; -fs-table-paginate: paginate; }"
        + (doc.equals("invoice") ? " th.n { width: 20%; }" : " th.s { width: 15%; } th.n { width: 18%; }");
  }

  /** The layout as the Chromium side merges it: with STYLE=css, the direct path's extra rule in its style sheet. */
  static String html(String doc) {
    String html = doc.equals("invoice") ? INVOICE_HTML : STATEMENT_HTML;
    if (style().equals("inline")) return html;
    return html.replace("</style>", fixed(doc) + "</style>").replace("<th>Date</th><th>Reference</th>",
        "<th class='s'>Date</th><th class='s'>Reference</th>");
  }

  /**
   * DOCS=dir: your own two documents instead of the built-in ones: {@code invoice.template.json} and
   * {@code statement.template.json} (a template as POST /v1/templates takes it, with an HTML layout) and
   * {@code invoice.data.json}, {@code statement.data.json} (the render data). Chromium gets the HTML Platen lays
   * out: the layout merged by Platen's own Handlebars and helpers, its base style sheet and the layout's css.
   */
  static Path docs() {
    String d = Load.env("DOCS", "");
    return d.isEmpty() ? null : Path.of(d);
  }

  static String docsFile(String doc, String kind) {
    try {
      return Files.readString(docs().resolve(doc + "." + kind + ".json"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Document i of DOCS: the data file with " i" after its first text value, so documents differ a little. */
  static String docsData(String doc, int i) {
    JsonNode data = JSON.readTree(docsFile(doc, "data"));
    java.util.ArrayDeque<ObjectNode> todo = new java.util.ArrayDeque<>();
    if (data instanceof ObjectNode o) todo.add(o);
    while (!todo.isEmpty()) {
      ObjectNode o = todo.poll();
      for (String name : o.propertyNames()) {
        JsonNode v = o.get(name);
        if (v.isString()) {
          o.put(name, v.asString() + " " + i);
          return JSON.writeValueAsString(data);
        }
        if (v instanceof ObjectNode child) todo.add(child);
      }
    }
    return JSON.writeValueAsString(data);
  }

  /** The document as Platen's HTML engine gets it, for Chromium: merged, cleaned, with the style sheets. */
  static String docsHtml(String doc, int i) throws Exception {
    JsonNode layout = JSON.readTree(templateBody(doc)).get("layout");
    var settings = dev.platen.render.EngineSettings.defaults();
    var input = new dev.platen.render.RenderInput(layout, JSON.readTree(data(doc, i)), dev.platen.render.PageSetup.DEFAULT,
        "Side by side", java.time.Instant.parse("2026-06-05T10:00:00Z"), false);
    var images = new dev.platen.render.images.ImageEmbedder(new dev.platen.render.images.GuardedImageLoader(settings,
        dev.platen.render.images.AddressPolicy.of(settings)));
    var expanded = dev.platen.render.html.HtmlLayout.expand(input, images);
    var d = expanded.document();
    d.head().prependElement("style").appendText(dev.platen.render.html.HtmlLayout.baseCss() + "\n"
        + (expanded.css() == null ? "" : expanded.css()));
    return d.outerHtml();
  }

  static String slug(String doc) {
    if (docs() != null) return "bench-docs-" + doc;
    return "bench-chromium-" + doc + (style().equals("css") ? "-css" : "");
  }

  static String templateBody(String doc) {
    if (docs() != null) return docsFile(doc, "template");
    ObjectNode t = JSON.createObjectNode();
    t.put("name", "Side-by-side " + doc).put("description", "Created by bench/chromium.sh");
    t.set("manifest", JSON.readTree(doc.equals("invoice") ? INVOICE_MANIFEST : STATEMENT_MANIFEST));
    if (style().equals("css")) {
      String css = (doc.equals("invoice") ? CSS : STATEMENT_CSS) + fixed(doc);
      t.putObject("layout").put("html", html(doc).replace("<style>" + css + "</style>", "")).put("css", css);
    } else {
      t.putObject("layout").put("html", html(doc));
    }
    t.putObject("pageConfig").put("format", "A4").put("orientation", "portrait").put("margin", "20mm");
    return JSON.writeValueAsString(t);
  }

  /** Document i's data: the invoice as bench/Load.java's renderBody(i), the statement in the same spirit. */
  static String data(String doc, int i) {
    if (docs() != null) return docsData(doc, i);
    ObjectNode d = JSON.createObjectNode();
    d.putObject("customer").put("name", "Customer " + i);
    if (doc.equals("invoice")) {
      long total = 0;
      var items = d.putArray("items");
      for (int row = 1; row <= 10; row++) {
        long cents = row * 1250L + (i % 7) * 100L;
        total += cents;
        items.addObject().put("description", "Item " + row + " of render " + i).put("quantity", row)
            .put("amount", money(cents));
      }
      d.putObject("invoice").put("number", "B-" + (1_000_000 + i)).put("date", "2026-06-05").put("total", money(total));
      d.put("paid", i % 2 == 0);
    } else {
      long total = 0;
      var items = d.putArray("items");
      for (int row = 1; row <= STATEMENT_ROWS; row++) {
        long cents = (row * 3733L + i * 100L) % 250_000 + 100;
        total += cents;
        items.addObject().put("date", "2026-05-" + (10 + row % 20)).put("reference", "REF-" + (100_000 + row))
            .put("description", "Payment " + row + " of statement " + i).put("amount", money(cents));
      }
      d.putObject("statement").put("number", "S-" + (1_000_000 + i)).put("date", "2026-06-05").put("total", money(total));
    }
    return JSON.writeValueAsString(d);
  }

  /** A decimal number, as the currency fields take it. */
  static java.math.BigDecimal money(long cents) {
    return java.math.BigDecimal.valueOf(cents, 2);
  }

  // ---- Chromium -----------------------------------------------------------------------------------------------

  static int chromium(String doc, int c, int warm, int n) throws Exception {
    // Merged before the measured phase (Chromium has no template engine): the same Handlebars library as Platen's.
    Template template = docs() != null ? null : new Handlebars().compileInline(html(doc));
    String[] urls = new String[POOL];
    long merge0 = System.nanoTime();
    for (int i = 0; i < POOL; i++) {
      String merged;
      if (template == null) {
        merged = docsHtml(doc, i);
      } else {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.readValue(data(doc, i), Map.class);
        merged = template.apply(map);
      }
      urls[i] = "data:text/html;base64," + Base64.getEncoder().encodeToString(merged.getBytes(StandardCharsets.UTF_8));
    }
    result("merge_ms_per_doc_cold", Load.fmt((System.nanoTime() - merge0) / 1e6 / POOL));

    Path profile = Files.createTempDirectory("bench-chromium-");
    String exe = Load.env("CHROMIUM", "/usr/bin/chromium");
    Process browser = new ProcessBuilder(exe, "--headless=new", "--remote-debugging-port=0", "--no-sandbox",
        "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--user-data-dir=" + profile)
        .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
    try {
      Path portFile = profile.resolve("DevToolsActivePort");
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
        if (System.nanoTime() > until || !browser.isAlive()) {
          throw new IllegalStateException("chromium did not start: " + Files.readString(profile.resolve("chromium.log")));
        }
        Thread.sleep(20);
      }
      List<String> lines = Files.readAllLines(portFile);
      Cdp cdp = new Cdp(URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim()));
      result("chromium_version", cdp.call(null, "Browser.getVersion", JSON.createObjectNode()).path("product").asString());
      log("chromium pid %d, %s, %d warm-up then %d documents with %d workers", browser.pid(), doc, warm, n, c);
      // REUSE=1: one tab per worker, kept for all its documents (not the baseline; for comparison)
      boolean reuse = Load.env("REUSE", "0").equals("1");
      result("chromium_tab", reuse ? "reused" : "new-per-document");
      ThreadLocal<String> tabs = new ThreadLocal<>();
      Worker work = i -> {
        if (!reuse) return printOne(cdp, urls[i % POOL]);
        if (tabs.get() == null) tabs.set(open(cdp));
        return print(cdp, tabs.get(), urls[i % POOL]);
      };
      byte[] last = run(c, warm, n, work, browser.toHandle(), true);
      result("pages", pages(last));
      result("pdf_bytes", last.length);
      cdp.close();
      return 0;
    } finally {
      browser.destroy();
      if (!browser.waitFor(10, TimeUnit.SECONDS)) browser.destroyForcibly().waitFor();
      deleteTree(profile);
      if (Files.exists(profile)) { // a child process still wrote to it while the browser exited
        Thread.sleep(1000);
        deleteTree(profile);
      }
    }
  }

  /** One document as a Puppeteer/Gotenberg-style service does it: new tab, load, print, close the tab. */
  static byte[] printOne(Cdp cdp, String url) throws Exception {
    String target = cdp.call(null, "Target.createTarget", JSON.createObjectNode().put("url", "about:blank"))
        .path("targetId").asString();
    try {
      String session = cdp.call(null, "Target.attachToTarget",
          JSON.createObjectNode().put("targetId", target).put("flatten", true)).path("sessionId").asString();
      cdp.call(session, "Page.enable", JSON.createObjectNode());
      return print(cdp, session, url);
    } finally {
      cdp.call(null, "Target.closeTarget", JSON.createObjectNode().put("targetId", target));
    }
  }

  /** A tab kept open (REUSE=1): its session id. */
  static String open(Cdp cdp) throws Exception {
    String target = cdp.call(null, "Target.createTarget", JSON.createObjectNode().put("url", "about:blank"))
        .path("targetId").asString();
    String session = cdp.call(null, "Target.attachToTarget",
        JSON.createObjectNode().put("targetId", target).put("flatten", true)).path("sessionId").asString();
    cdp.call(session, "Page.enable", JSON.createObjectNode());
    return session;
  }

  /** Loads the document into the tab and prints it. */
  static byte[] print(Cdp cdp, String session, String url) throws Exception {
    CompletableFuture<JsonNode> loaded = cdp.event(session, "Page.loadEventFired");
    JsonNode nav = cdp.call(session, "Page.navigate", JSON.createObjectNode().put("url", url));
    if (nav.hasNonNull("errorText")) throw new IllegalStateException("navigate: " + nav.path("errorText").asString());
    loaded.get(60, TimeUnit.SECONDS);
    // A4, 20 mm margins (0.7874 in), as the template's pageConfig; the @page rule says the same.
    ObjectNode print = JSON.createObjectNode().put("paperWidth", 8.2677).put("paperHeight", 11.6929)
        .put("marginTop", 0.7874).put("marginBottom", 0.7874).put("marginLeft", 0.7874).put("marginRight", 0.7874)
        .put("printBackground", true).put("preferCSSPageSize", true);
    JsonNode pdf = cdp.call(session, "Page.printToPDF", print);
    return Base64.getDecoder().decode(pdf.path("data").asString());
  }


  /** The DevTools protocol over one WebSocket (java.net.http), flattened sessions, as Puppeteer speaks it. */
  static final class Cdp implements WebSocket.Listener {
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> events = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket ws;

    Cdp(URI uri) {
      ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, this).join();
    }

    JsonNode call(String session, String method, ObjectNode params) throws Exception {
      int id = ids.incrementAndGet();
      ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
      msg.set("params", params);
      if (session != null) msg.put("sessionId", session);
      CompletableFuture<JsonNode> answer = new CompletableFuture<>();
      calls.put(id, answer);
      String text = JSON.writeValueAsString(msg);
      synchronized (this) { // one send at a time on a java.net.http WebSocket
        ws.sendText(text, true).join();
      }
      JsonNode r = answer.get(120, TimeUnit.SECONDS);
      if (r.has("error")) throw new IllegalStateException(method + ": " + r.get("error"));
      return r.path("result");
    }

    CompletableFuture<JsonNode> event(String session, String method) {
      CompletableFuture<JsonNode> f = new CompletableFuture<>();
      events.put(session + " " + method, f);
      return f;
    }

    @Override
    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonNode m = JSON.readTree(partial.toString());
        partial.setLength(0);
        if (m.has("id")) {
          CompletableFuture<JsonNode> f = calls.remove(m.get("id").asInt());
          if (f != null) f.complete(m);
        } else {
          CompletableFuture<JsonNode> f = events.remove(m.path("sessionId").asString("") + " " + m.path("method").asString());
          if (f != null) f.complete(m);
        }
      }
      w.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket w, Throwable error) {
      calls.values().forEach(f -> f.completeExceptionally(error));
    }

    void close() {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
  }

  // ---- Platen -------------------------------------------------------------------------------------------------

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** An HTTP answer, whichever client fetched it. */
  record Res(int statusCode, byte[] body) {}

  /**
   * CLIENT=raw (default): a few dozen lines of HTTP/1.1 on one kept-alive socket per thread, as bench/Load.java
   * does, so the client (on the same 2 cores) takes little of the server's CPU; CLIENT=jdk: java.net.http, which
   * costs about 1.5 ms of CPU per request here (three requests per document).
   */
  static Res http(String method, String path, String body, String idempotencyKey) throws Exception {
    if (Load.env("CLIENT", "raw").equals("raw")) return RAW.get().call(method, path, body, idempotencyKey);
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Load.env("PLATEN_URL", "http://localhost:18700") + path))
        .header("Authorization", "Bearer " + Load.env("PLATEN_KEY", "")).timeout(Duration.ofSeconds(120));
    if (idempotencyKey != null) b.header("Idempotency-Key", idempotencyKey);
    if (body != null) b.header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Res(r.statusCode(), r.body());
  }

  static final ThreadLocal<Raw> RAW = ThreadLocal.withInitial(Raw::new);

  /** One kept-alive HTTP/1.1 connection: Content-Length or chunked answers, one reconnect if the server closed it. */
  static final class Raw {
    private final URI uri = URI.create(Load.env("PLATEN_URL", "http://localhost:18700"));
    private java.net.Socket socket;
    private java.io.BufferedInputStream in;
    private java.io.OutputStream out;

    Res call(String method, String path, String body, String idempotencyKey) throws IOException {
      byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder h = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
          .append(uri.getHost()).append(':').append(uri.getPort()).append("\r\nAuthorization: Bearer ")
          .append(Load.env("PLATEN_KEY", "")).append("\r\n");
      if (idempotencyKey != null) h.append("Idempotency-Key: ").append(idempotencyKey).append("\r\n");
      if (body != null) h.append("Content-Type: application/json\r\n");
      if (body != null || !method.equals("GET")) h.append("Content-Length: ").append(b.length).append("\r\n");
      byte[] head = h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
      for (int attempt = 1; ; attempt++) {
        boolean reused = socket != null;
        try {
          if (socket == null) {
            socket = new java.net.Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(120_000);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 65_536);
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 16_384);
          }
          out.write(head);
          out.write(b);
          out.flush();
          return read();
        } catch (IOException e) {
          close();
          if (!reused || attempt > 1) throw e;
        }
      }
    }

    private Res read() throws IOException {
      String status = line();
      int code = Integer.parseInt(status.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      boolean closeAfter = false;
      for (String l; !(l = line()).isEmpty(); ) {
        int colon = l.indexOf(':');
        if (colon < 0) continue;
        String name = l.substring(0, colon).trim();
        String value = l.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) length = Long.parseLong(value);
        else if (name.equalsIgnoreCase("Transfer-Encoding")) chunked = value.equalsIgnoreCase("chunked");
        else if (name.equalsIgnoreCase("Connection")) closeAfter = value.equalsIgnoreCase("close");
      }
      java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(length > 0 ? (int) length : 1024);
      if (chunked) {
        for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; line()) body.write(in.readNBytes((int) size));
        while (!line().isEmpty()) {
          // trailers
        }
      } else if (length >= 0) {
        body.write(in.readNBytes((int) length));
      } else {
        body.write(in.readAllBytes());
        closeAfter = true;
      }
      if (closeAfter) close();
      return new Res(code, body.toByteArray());
    }

    private String line() throws IOException {
      StringBuilder l = new StringBuilder(64);
      for (int c; (c = in.read()) != '\n'; ) {
        if (c < 0) throw new java.io.EOFException("connection closed");
        if (c != '\r') l.append((char) c);
      }
      return l.toString();
    }

    private void close() {
      try {
        if (socket != null) socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
    }
  }

  /** Publishes both templates (PUT, a new version each time); prints the engine each goes to. */
  static int publish() throws Exception {
    for (String doc : List.of("invoice", "statement")) {
      Res r = http("PUT", "/v1/templates/" + slug(doc), templateBody(doc), null);
      String body = new String(r.body(), StandardCharsets.UTF_8);
      if (r.statusCode() / 100 != 2) throw new IllegalStateException("PUT " + slug(doc) + ": " + r.statusCode() + " " + body);
      JsonNode t = JSON.readTree(http("GET", "/v1/templates/" + slug(doc), null, null).body());
      result("template_" + doc, slug(doc) + " v" + t.path("currentVersionNumber").asString() + " engine "
          + t.path("engine").asString("?") + " (" + t.path("engineReason").asString("-").replace(' ', '_') + ")");
    }
    return 0;
  }

  static int platen(String doc, int c, int warm, int n) throws Exception {
    String[] bodies = new String[POOL];
    for (int i = 0; i < POOL; i++) bodies[i] = "{\"data\":" + data(doc, i) + "}";
    String run = Long.toString(System.nanoTime(), 36);
    AtomicInteger seq = new AtomicInteger();
    result("client", Load.env("CLIENT", "raw"));
    ProcessHandle server = ProcessHandle.of(Long.parseLong(Load.env("PLATEN_PID", "-1"))).orElse(null);
    Worker work = i -> {
      Res post = http("POST", "/v1/templates/" + slug(doc) + "/render", bodies[i % POOL],
          "sbs-" + run + "-" + seq.incrementAndGet());
      String body = new String(post.body(), StandardCharsets.UTF_8);
      if (post.statusCode() != 202 && post.statusCode() != 200) throw new IllegalStateException("POST: " + post.statusCode() + " " + body);
      String id = JSON.readTree(body).path("id").asString();
      while (true) {
        Res get = http("GET", "/v1/renders/" + id + "?waitMs=30000", null, null);
        JsonNode r = JSON.readTree(get.body());
        String status = r.path("status").asString();
        if (status.equals("succeeded")) break;
        if (status.equals("failed") || status.equals("cancelled")) throw new IllegalStateException("render " + id + ": " + r);
      }
      Res pdf = http("GET", "/v1/renders/" + id + "/download", null, null);
      if (pdf.statusCode() != 200) throw new IllegalStateException("download: " + pdf.statusCode());
      return pdf.body();
    };
    log("platen %s, %s, %d warm-up then %d documents with %d workers", Load.env("PLATEN_URL", ""), doc, warm, n, c);
    byte[] last = run(c, warm, n, work, server, false);
    result("pages", pages(last));
    result("pdf_bytes", last.length);
    return 0;
  }

  /**
   * Platen's engine alone, as the server's render threads call it (RoutingPdfEngine: the direct path when the
   * layout allows, else openhtmltopdf): one thread, WARM documents, then three passes of N, thread CPU and wall
   * time per document. The HTTP figures above add queueing, storage and the client.
   */
  static int engine(String doc, int warm, int n) throws Exception {
    var settings = dev.platen.render.EngineSettings.defaults();
    var engine = new dev.platen.render.direct.RoutingPdfEngine(new dev.platen.render.direct.DirectPdfEngine(settings),
        new dev.platen.render.html.HtmlPdfEngine(settings));
    JsonNode layout = JSON.readTree(templateBody(doc)).get("layout");
    var page = dev.platen.render.PageSetup.DEFAULT; // A4 portrait, 20 mm margins: the templates' pageConfig
    dev.platen.render.RenderInput[] inputs = new dev.platen.render.RenderInput[POOL];
    for (int i = 0; i < POOL; i++) {
      inputs[i] = new dev.platen.render.RenderInput(layout, JSON.readTree(data(doc, i)), page, "Side by side",
          java.time.Instant.parse("2026-06-05T10:00:00Z"), false);
    }
    var version = engine.prepare(layout, page);
    for (int i = 0; i < warm; i++) version.render(inputs[i % POOL]);
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    byte[] last = null;
    for (int pass = 1; pass <= 3; pass++) {
      long cpu = threads.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      for (int i = 0; i < n; i++) last = version.render(inputs[i % POOL]);
      result("engine_pass" + pass + "_cpu_ms_per_doc", Load.fmt((threads.getCurrentThreadCpuTime() - cpu) / 1e6 / n));
      result("engine_pass" + pass + "_wall_ms_per_doc", Load.fmt((System.nanoTime() - wall) / 1e6 / n));
    }
    result("pages", pages(last));
    return 0;
  }

  // ---- the closed loop ----------------------------------------------------------------------------------------

  interface Worker {
    byte[] document(int i) throws Exception;
  }

  /** WARM documents, then N measured by C workers, each with one document in flight; returns the last PDF. */
  static byte[] run(int c, int warm, int n, Worker work, ProcessHandle measured, boolean tree) throws Exception {
    if (warm > 0) loop(c, warm, work, new long[warm]);
    long[] nanos = new long[n];
    long cpu0 = measured == null ? -1 : tree ? treeCpuNanos(measured.pid()) : cpuNanos(measured);
    long client0 = cpuNanos(ProcessHandle.current());
    double[] load0 = loadAverage();
    long t0 = System.nanoTime();
    byte[] last = loop(c, n, work, nanos);
    double wallS = (System.nanoTime() - t0) / 1e9;
    long cpu = measured == null ? -1 : (tree ? treeCpuNanos(measured.pid()) : cpuNanos(measured)) - cpu0;
    long client = cpuNanos(ProcessHandle.current()) - client0;
    Arrays.sort(nanos);
    result("documents", n);
    result("wall_s", Load.fmt(wallS));
    result("docs_per_s", Load.fmt(n / wallS));
    result("latency_p50_ms", Load.fmt(nanos[Load.pct(n, 50)] / 1e6));
    result("latency_p99_ms", Load.fmt(nanos[Load.pct(n, 99)] / 1e6));
    result("latency_mean_ms", Load.fmt(Arrays.stream(nanos).average().orElse(0) / 1e6));
    result("cpu_ms_per_doc", cpu < 0 ? "-" : Load.fmt(cpu / 1e6 / n));
    result("client_cpu_ms_per_doc", Load.fmt(client / 1e6 / n));
    result("load_before", Load.fmt(load0[0]));
    result("load_after", Load.fmt(loadAverage()[0]));
    return last;
  }

  static byte[] loop(int c, int n, Worker work, long[] nanos) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicLong lastAt = new AtomicLong();
    byte[][] last = new byte[1][];
    ExecutorService pool = Executors.newFixedThreadPool(c);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < c; t++) {
        fs.add(pool.submit(() -> {
          for (int i; (i = next.getAndIncrement()) < n; ) {
            long s = System.nanoTime();
            byte[] pdf = work.document(i);
            nanos[i] = System.nanoTime() - s;
            if (pdf.length < 1000 || pdf[0] != '%') throw new IllegalStateException("not a PDF: " + pdf.length + " bytes");
            synchronized (last) {
              if (System.nanoTime() > lastAt.get()) {
                lastAt.set(System.nanoTime());
                last[0] = pdf;
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : fs) f.get(30, TimeUnit.MINUTES);
    } finally {
      pool.shutdownNow();
    }
    return last[0];
  }

  static int pages(byte[] pdf) throws IOException {
    try (PDDocument d = Loader.loadPDF(pdf)) {
      return d.getNumberOfPages();
    }
  }

  // ---- /proc --------------------------------------------------------------------------------------------------

  static long cpuNanos(ProcessHandle p) {
    return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /**
   * User + system CPU of a process tree: every living descendant's own time plus the time of the children it has
   * reaped (cutime, cstime), so the renderer processes a closed tab leaves behind are counted once, by their
   * reaper (Chromium's zygote).
   */
  static long treeCpuNanos(long root) throws IOException {
    Map<Long, Long> parent = new HashMap<>();
    Map<Long, Long> ticks = new HashMap<>();
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(d -> d.getFileName().toString().matches("[0-9]+")).toList()) {
        try {
          String stat = Files.readString(p.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          // after "pid (comm) ": f[0] state, f[1] ppid, f[11..14] utime stime cutime cstime
          long pid = Long.parseLong(p.getFileName().toString());
          parent.put(pid, Long.parseLong(f[1]));
          ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]));
        } catch (IOException | RuntimeException e) {
          // exited meanwhile
        }
      }
    }
    Set<Long> tree = new HashSet<>(List.of(root));
    for (boolean grew = true; grew; ) {
      grew = false;
      for (var e : parent.entrySet()) {
        if (tree.contains(e.getValue()) && tree.add(e.getKey())) grew = true;
      }
    }
    long sum = 0;
    for (long pid : tree) sum += ticks.getOrDefault(pid, 0L);
    return sum * (1_000_000_000L / 100); // USER_HZ is 100 on Linux
  }

  static double[] loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return new double[] {Double.parseDouble(f[0])};
    } catch (IOException e) {
      return new double[] {-1};
    }
  }

  static void deleteTree(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      // best effort: a temporary profile, which a child process may still be writing (a file gone mid-walk)
    }
  }

  // ---- plumbing (percentiles, number format and settings are bench/Load.java's, compiled with this file) ----------

  static void result(String name, Object value) {
    System.out.println("RESULT " + name + " " + value);
  }

  static void log(String format, Object... args) {
    System.err.println("side-by-side: " + format.formatted(args));
  }
}
