package dev.platen.warmup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a client does to a freshly started Platen, done over real HTTP to a throwaway instance before the real one
 * listens, so the JIT compiles the code around the engines (Jetty, Javalin, Jackson, the SQLite driver, the queue,
 * the handlers, authentication) and the engine before the first real request instead of during it. Its renders are
 * what the direct engine draws, where most documents are drawn: a canvas invoice, an HTML invoice, a receipt written
 * as simpler templates are (columns sized by their content, most of Handlebars' syntax) and a several-page HTML
 * statement, the HTML ones republished each round. The example invoice, as a canvas layout and as its fields only (a
 * synthesised layout), is drawn by openhtmltopdf: it renders once each, in the first round, so that engine's classes
 * are loaded without its large code keeping the JIT from the rest (docs/decisions.md D59). Each render is
 * POSTed (half with an {@code Idempotency-Key}), followed with and without {@code waitMs}, half of the PDFs
 * downloaded, and one 404, one 400 and one list per round. Rounds repeat until they stop getting faster and the JIT
 * compilers have gone quiet, or the time budget is spent, so a JVM that is warm already stops after a few. Rounds
 * stop getting faster long before the compilers are done: on 2 cores the one C2 thread still had hundreds of methods
 * queued when they did, and compiled them during the first real renders (docs/decisions.md D70).
 *
 * <p>It knows the instance only by URL and key: it talks to it as any client would.
 */
public final class WarmUpTraffic {
  /** Renders in one round: enough that a round's time is not mostly noise. */
  static final int ROUND = 48;
  /** Rounds run whatever their times, so a slow first round cannot look like a plateau. */
  static final int MIN_ROUNDS = 3;
  /** A round at least this much faster than the best so far counts as getting faster. */
  static final double FASTER = 0.9;
  /** Rounds in a row that did not get faster before the warm-up stops. */
  static final int FLAT_ROUNDS = 2;
  /** A round in which the compilers spent less than this share of its time counts as quiet. */
  static final double QUIET = 0.5;
  /** Quiet rounds in a row before the warm-up stops (with the rounds no longer getting faster). */
  static final int QUIET_ROUNDS = 2;
  /** Reads of a finished render sent at once after each round's renders: see {@link #burst}. */
  static final int BURST = 32;
  private static final String CANVAS = "warm-up-invoice";
  private static final String HTML = "warm-up-invoice-html";
  private static final String STATEMENT = "warm-up-statement-html";
  /** A receipt as users write them: table columns sized by their content, most of Handlebars' syntax. */
  private static final String RECEIPT = "warm-up-receipt-html";
  /** A canvas invoice the direct engine draws (the example's layout is drawn by openhtmltopdf). */
  private static final String DIRECT_CANVAS = "warm-up-canvas";
  /** The same manifest without a layout: Platen synthesises one, as for a template published from its fields only. */
  private static final String SYNTHESISED = "warm-up-invoice-fields";
  /** Published without a layout, with every data type; drawn by the direct engine. */
  private static final String ORDER = "warm-up-order";
  /** The HTML templates: published together each round, and their layouts relearnt at the end (D75). */
  private static final List<Published> HTML_TEMPLATES = List.of(new Published(HTML, "warmup/html-invoice.json"),
      new Published(STATEMENT, "warmup/html-statement.json"), new Published(RECEIPT, "warmup/html-receipt.json"));

  private record Published(String slug, String resource) {}

  /**
   * @param rounds rounds run (a round cut short by the budget included)
   * @param renders renders that succeeded
   * @param stop why it stopped: "rounds stopped getting faster and the compilers went quiet", "time budget", or
   *     what went wrong
   * @param failed whether it stopped because an answer was not the expected one
   */
  public record Result(int rounds, int renders, String stop, boolean failed) {}

  /** Replaced at each round: see {@link #rounds}. */
  private HttpClient client = newClient();
  private final String base;
  private final String key;
  private final JsonMapper json = JsonMapper.builder().build();
  private final AtomicInteger renders = new AtomicInteger();
  private final String data;
  private final String canvasData = canvasData();
  private final String statementData = statementData();
  /** Each of {@link #HTML_TEMPLATES}' text, read once. */
  private final List<String> htmlTexts = HTML_TEMPLATES.stream().map(t -> resource(t.resource())).toList();
  private final AtomicInteger sequence = new AtomicInteger();
  /** A render of this warm-up that succeeded, for {@link #burst}; null before the first. */
  private volatile String finished;

  /** System.nanoTime() past which no request starts and no render is waited for. */
  private final long deadline;

  private WarmUpTraffic(String base, String key, long deadline) {
    this.deadline = deadline;
    this.base = base;
    this.key = key;
    this.data = resource("warmup/invoice.data.json");
  }

  /**
   * Runs the warm-up against the instance at {@code baseUrl}; never throws for a wrong answer (a warm-up that goes
   * wrong only means a slower start), it says so in the result.
   *
   * @param clients requests in flight at once
   */
  public static Result run(String baseUrl, String key, Duration budget, int clients) {
    long deadline = System.nanoTime() + budget.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
      Thread t = new Thread(r, "platen-warm-up-client");
      t.setDaemon(true);
      return t;
    });
    WarmUpTraffic traffic = new WarmUpTraffic(baseUrl, key, deadline);
    try {
      return traffic.rounds(pool);
    } finally {
      // before the client closes, which waits for requests in flight: a failed round's others are cut off
      pool.shutdownNow();
      traffic.client.close();
    }
  }

  private static HttpClient newClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }

  private Result rounds(ExecutorService pool) {
    int round = 0;
    try {
      publish();
      Settling settling = new Settling();
      while (true) {
        if (late()) return new Result(round, renders.get(), "time budget", false);
        round++;
        // Each round on new connections. Kept for the whole warm-up, the first connections were the only ones: the
        // path a connection's second request takes to build its header cache was compiled out of Jetty's
        // HttpParser.parseLine (2 KB of bytecode), which trapped and was compiled again at the real server's first
        // requests, in 12 runs of 12 (D78).
        if (round > 1) {
          client.close();
          client = newClient();
          // a publish lays an HTML template out once without data (HtmlFlow's dry run) through the engine's
          // hottest methods: compiled without that path, they were thrown away and compiled again at the first
          // publish (measured)
          publishHtml();
        }
        long t0 = System.nanoTime();
        long compiling = Compilers.millis();
        List<Future<?>> cycles = new ArrayList<>();
        for (int i = 0; i < ROUND; i++) {
          int n = i;
          boolean first = round == 1;
          cycles.add(pool.submit(() -> {
            cycle(n, first);
            return null;
          }));
        }
        for (Future<?> f : cycles) f.get();
        burst();
        long took = System.nanoTime() - t0;
        long compiled = Compilers.millis() - compiling;
        if (late()) return new Result(round, renders.get(), "time budget", false);
        if (settling.settledAfter(took, compiled)) {
          return new Result(round, renders.get(), "rounds stopped getting faster and the compilers went quiet", false);
        }
      }
    } catch (java.util.concurrent.ExecutionException e) {
      return new Result(round, renders.get(), String.valueOf(e.getCause()), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(round, renders.get(), "interrupted", true);
    } catch (RuntimeException e) {
      return new Result(round, renders.get(), e.toString(), true);
    }
  }

  /** Whether the rounds so far say the JVM is warm: told each round's time and its compilers' time, in order. */
  static final class Settling {
    private int rounds;
    private long best = Long.MAX_VALUE;
    private int flat;
    private int quiet;

    boolean settledAfter(long tookNanos, long compiledMillis) {
      rounds++;
      flat = tookNanos < best * FASTER ? 0 : flat + 1;
      best = Math.min(best, tookNanos);
      quiet = compiledMillis < QUIET * tookNanos / 1e6 ? quiet + 1 : 0;
      return rounds >= MIN_ROUNDS && flat >= FLAT_ROUNDS && quiet >= QUIET_ROUNDS;
    }
  }

  private void publish() {
    String canvas = resource("examples/invoice.json");
    expect(200, send("PUT", "/v1/templates/" + CANVAS, canvas), "publish the canvas invoice");
    tools.jackson.databind.node.ObjectNode fields = (tools.jackson.databind.node.ObjectNode) json.readTree(canvas);
    fields.remove("layout");
    expect(200, send("PUT", "/v1/templates/" + SYNTHESISED, json.writeValueAsString(fields)),
        "publish the invoice's fields");
    expect(200, send("PUT", "/v1/templates/" + DIRECT_CANVAS, resource("warmup/canvas-invoice.json")),
        "publish the direct canvas invoice");
    expect(200, send("PUT", "/v1/templates/" + ORDER, resource("warmup/synthesised-order.json")),
        "publish the order without a layout");
    publishHtml();
    expect(200, send("GET", "/v1/templates/" + CANVAS, null), "read a template");
  }

  private void publishHtml() {
    for (int i = 0; i < HTML_TEMPLATES.size(); i++) {
      String slug = HTML_TEMPLATES.get(i).slug();
      expect(200, send("PUT", "/v1/templates/" + slug, htmlTexts.get(i)), "publish " + slug);
    }
  }

  private boolean late() {
    return System.nanoTime() - deadline > 0;
  }

  /**
   * One client's render: POST, follow it to the end, and for every other one download the PDF. Past the deadline it
   * starts nothing more and leaves its render to the throwaway instance's shutdown.
   */
  private void cycle(int n, boolean firstRound) {
    if (late()) return;
    String slug = switch (n % 4) {
      // openhtmltopdf draws the example invoice, as a canvas layout and synthesised: once each, so its classes are
      // loaded but the JIT's time goes to the code most documents run (docs/decisions.md D59)
      case 0 -> firstRound && n == 0 ? CANVAS : DIRECT_CANVAS;
      // every other one an order whose layout is synthesised, with booleans, datetimes and values left out
      case 1 -> firstRound && n == 1 ? SYNTHESISED : n % 8 == 5 ? ORDER : DIRECT_CANVAS;
      // every other HTML document a receipt, as simpler templates are written
      case 2 -> n % 8 == 6 ? RECEIPT : HTML;
      default -> STATEMENT;
    };
    // every render's data differs a little, as real ones do
    int seq = sequence.incrementAndGet();
    String tag = "W-" + seq;
    String body = "{\"data\": " + switch (slug) {
      case STATEMENT -> statementData.replace("NL91 ABNA", tag + " ABNA");
      case DIRECT_CANVAS -> canvasData.replace("Warm-up", tag);
      case RECEIPT -> receiptData(tag, seq);
      case ORDER -> synthesisedData(tag, seq);
      case HTML -> htmlInvoiceData(data.replace("INV-2026-0042", "INV-" + tag), n / 8);
      default -> data.replace("INV-2026-0042", "INV-" + tag);
    } + "}";
    if (n % 2 == 0) body = withStrayKey(body, seq);
    // half of each template's bodies compact, as JSON.stringify and most serialisers send them: Jackson's parser
    // takes other branches without the spaces, and met them first in the first real renders
    if ((n / 8) % 2 == 1) body = json.writeValueAsString(json.readTree(body));
    // every other POST with a retry key, as clients that retry send one: the idempotent path looks the key up first
    HttpResponse<byte[]> posted = send("POST", "/v1/templates/" + slug + "/render", body,
        n % 2 == 1 ? "warm-up-" + tag : null);
    expect(202, posted, "POST a render");
    String id = json.readTree(posted.body()).path("id").asString();
    JsonNode r;
    do {
      if (late()) return;
      if (n % 2 == 0) {
        long waitMs = Math.clamp((deadline - System.nanoTime()) / 1_000_000, 1, 20_000);
        r = json.readTree(expect(200, send("GET", "/v1/renders/" + id + "?waitMs=" + waitMs, null),
            "wait for a render").body());
      } else {
        sleep(20);
        r = json.readTree(expect(200, send("GET", "/v1/renders/" + id, null), "poll a render").body());
      }
    } while (!terminal(r.path("status").asString()));
    String status = r.path("status").asString();
    if (!status.equals("succeeded")) throw new IllegalStateException("a warm-up render ended " + status + ": " + r);
    renders.incrementAndGet();
    finished = id;
    if (n % 2 == 0) {
      byte[] pdf = expect(200, send("GET", "/v1/renders/" + id + "/download", null), "download a PDF").body();
      if (pdf.length < 5 || !new String(pdf, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
        throw new IllegalStateException("a warm-up download is not a PDF");
      }
    }
    switch (n) {
      case 1 -> expect(404, send("GET", "/v1/renders/rnd_warmupnotfound", null), "ask for a missing render");
      case 2 -> expect(400, send("POST", "/v1/templates/" + CANVAS + "/render", "{\"data\": "), "POST a bad body");
      case 3 -> expect(200, send("GET", "/v1/renders?limit=20", null), "list renders");
      default -> { }
    }
  }

  /**
   * {@link #BURST} reads of a finished render at once, as a crowd of pollers sends them: more requests than there are
   * carrier threads for the server's virtual threads, so that some arrive while every carrier is busy. The rounds'
   * clients alone rarely did that, the JIT compiled the scheduler's hand-off ({@code ForkJoinPool.signalWork}) for
   * an idle carrier only, and it trapped at the real server's first requests (4-8 times, 6 runs of 6) (D78).
   */
  private void burst() {
    String id = finished;
    if (id == null || late()) return;
    List<CompletableFuture<HttpResponse<byte[]>>> reads = new ArrayList<>(BURST);
    for (int i = 0; i < BURST; i++) {
      reads.add(client.sendAsync(request("GET", "/v1/renders/" + id, null, null),
          HttpResponse.BodyHandlers.ofByteArray()));
    }
    for (var read : reads) expect(200, read.join(), "read a render in a burst");
  }

  /**
   * The body with one more key in its data, one the manifest does not have and no request sent before, as real data
   * brings names the warm-up never sent (validation strips it). Jackson keeps the property names it has parsed in a
   * table shared by the process, hashed with a seed drawn at start: when only the warm-up's own names filled it, the
   * lookup's path for a name whose slot another holds was compiled out of {@code UTF8StreamJsonParser.nextName}, and
   * it trapped at the first real bodies whenever their names met a taken slot (2 runs of 8, the slow ones) (D78). Of
   * one to six four-byte words: the table has lookups for one, two, three and more.
   */
  static String withStrayKey(String body, int seq) {
    String name = switch (seq % 3) {
      case 0 -> "k" + seq;
      case 1 -> "extra_" + seq;
      default -> "not_in_the_manifest_" + seq;
    };
    int open = body.indexOf('{', body.indexOf("\"data\""));
    String rest = body.substring(open + 1);
    return body.substring(0, open + 1) + "\"" + name + "\": " + seq + (rest.isBlank() || rest.strip().startsWith("}")
        ? "" : ", ") + rest;
  }

  private static boolean terminal(String status) {
    return status.equals("succeeded") || status.equals("failed") || status.equals("cancelled");
  }

  private static HttpResponse<byte[]> expect(int status, HttpResponse<byte[]> r, String what) {
    boolean ok = r.statusCode() == status || (status == 202 && r.statusCode() == 201)
        || (status == 200 && r.statusCode() == 201);
    if (!ok) {
      throw new IllegalStateException("warm-up: " + what + " answered " + r.statusCode() + ": "
          + new String(r.body(), 0, Math.min(200, r.body().length), StandardCharsets.UTF_8));
    }
    return r;
  }

  private HttpResponse<byte[]> send(String method, String path, String requestBody) {
    return send(method, path, requestBody, null);
  }

  private HttpResponse<byte[]> send(String method, String path, String requestBody, String idempotencyKey) {
    try {
      return client.send(request(method, path, requestBody, idempotencyKey), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private HttpRequest request(String method, String path, String requestBody, String idempotencyKey) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + key);
    if (idempotencyKey != null) b.header("Idempotency-Key", idempotencyKey);
    if (requestBody == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(requestBody));
    }
    return b.build();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * The HTML invoice's data: the example invoice's, with the kinds of value it lacks and users' templates have (a
   * boolean, a datetime, a long text some of the time), so that the first real render carrying one does not send
   * the compiled validation and layout code back to the interpreter (a boolean did, in the start-up benchmark).
   */
  static String htmlInvoiceData(String exampleData, int n) {
    String notes = n % 2 == 0 ? "\"notes\": \"Delivered in two parts;\\nthe second on 2026-06-20.\", " : "";
    return "{\"paid\": " + (n % 3 == 0) + ", \"issuedAt\": \"2026-06-05T09:30:00Z\", " + notes
        + exampleData.strip().substring(1);
  }

  /**
   * The receipt's data: 3 to 24 lines, some with a note, paid or not, so its table's columns are measured over
   * different content each time.
   */
  static String receiptData(String number, int n) {
    StringBuilder lines = new StringBuilder();
    int count = 3 + (n * 7) % 22;
    double total = 0;
    for (int i = 1; i <= count; i++) {
      double price = (i * 37 + n) % 120 + 0.95;
      int qty = 1 + (i * n) % 5;
      total += price * qty;
      if (i > 1) lines.append(',');
      lines.append("{\"name\": \"").append(i % 3 == 0 ? "Espresso beans, dark roast 1 kg" : "Item " + i)
          .append("\", ").append(i % 4 == 1 ? "\"note\": \"gift wrapped\", " : "").append("\"qty\": ").append(qty)
          .append(", \"price\": ").append(price).append(", \"amount\": ").append(price * qty).append('}');
    }
    return "{\"store\": {\"name\": \"Corner Store\", \"address\": \"Main Street 4\"}, \"order\": {\"number\": \""
        + number + "\", \"date\": \"2026-06-05\", \"due\": \"2026-07-05\""
        + (n % 2 == 0 ? ", \"reference\": \"PO-77\"" : "") + "}, \"total\": " + Math.round(total * 100) / 100.0
        + ", \"paid\": " + (n % 3 == 0) + ", \"paidAt\": \"2026-06-05T14:12:00Z\", \"channel\": \""
        + (n % 2 == 0 ? "web" : "store") + "\", \"lines\": [" + lines + "]}";
  }

  /**
   * The synthesised order's data, different in each render as users' data is: booleans both ways, whole and decimal
   * numbers, a value missing, empty or present, 2 to 13 lines.
   */
  static String synthesisedData(String number, int n) {
    StringBuilder lines = new StringBuilder();
    int count = 2 + (n * 5) % 12;
    for (int i = 1; i <= count; i++) {
      if (i > 1) lines.append(',');
      lines.append("{\"description\": \"").append(i % 4 == 0 ? "Replacement filter cartridge, pack of 3" : "Part " + i)
          .append("\", \"quantity\": ").append(i % 3 == 0 ? String.valueOf(i + 0.5) : String.valueOf(i))
          .append(", \"unitPrice\": ").append((i * 13 + n) % 90 + 0.25)
          .append(", \"shipped\": ").append((i + n) % 2 == 0)
          .append((i + n) % 2 == 0 ? ", \"shippedOn\": \"2026-06-0" + (1 + i % 9) + "\"" : "").append('}');
    }
    String notes = switch (n % 3) {
      case 0 -> ", \"notes\": \"Leave at the back door; call first.\"";
      case 1 -> ", \"notes\": \"\"";
      default -> "";
    };
    return "{\"customer\": {\"name\": \"Customer " + n + "\"}, \"order\": {\"number\": \"" + number
        + "\", \"date\": \"2026-06-05\", \"placedAt\": \"2026-06-05T09:3" + n % 10 + ":00Z\", \"total\": "
        + (1000 + n * 7) / 4.0 + ", \"discount\": " + n % 15 + (n % 2 == 0 ? ", \"shipping\": 4.95" : "")
        + "}, \"paid\": " + (n % 2 == 1) + notes + ", \"lines\": [" + lines + "]}";
  }

  /** The direct canvas invoice's data: 60 items, two pages. */
  static String canvasData() {
    StringBuilder items = new StringBuilder();
    for (int i = 1; i <= 60; i++) {
      if (i > 1) items.append(',');
      items.append("{\"item\": \"Item ").append(i).append(" — Ελληνικά, Кириллица\", \"qty\": ").append(i)
          .append(", \"price\": ").append(i * 12.5).append('}');
    }
    return "{\"customer\": {\"name\": \"Warm-up\"}, \"total\": 1234.5, \"due\": \"2026-06-05\", \"items\": ["
        + items + "]}";
  }

  /** The statement's data: 90 transactions, about five pages. */
  static String statementData() {
    String[] what = {"Card payment Albert Heijn", "SEPA transfer to J. de Vries", "Salary Northwind Studio",
        "Direct debit Vattenfall", "Refund Bol.com order 4021-778", "ATM withdrawal Damrak"};
    StringBuilder lines = new StringBuilder();
    long cents = 152_040;
    for (int i = 0; i < 90; i++) {
      long amount = ((i * 37L) % 200 - 90) * 137;
      cents += amount;
      if (i > 0) lines.append(',');
      lines.append("{\"date\": \"2026-06-").append(i % 28 < 9 ? "0" : "").append(1 + i % 28)
          .append("\", \"description\": \"").append(what[i % what.length])
          .append("\", \"reference\": \"NL").append(10_000_000 + i * 7919L)
          .append("\", \"amount\": ").append(amount / 100.0)
          .append(", \"balance\": ").append(cents / 100.0).append('}');
    }
    return "{\"account\": {\"holder\": \"Zoë Ångström\", \"iban\": \"NL91 ABNA 0417 1643 00\"}, "
        + "\"period\": {\"from\": \"2026-06-01\", \"to\": \"2026-06-30\"}, "
        + "\"balance\": {\"opening\": 1520.40, \"closing\": " + cents / 100.0 + "}, \"lines\": [" + lines + "]}";
  }

  /** The HTML layouts the warm-up publishes, their Handlebars source only. */
  public static List<String> htmlLayouts() {
    JsonMapper json = JsonMapper.builder().build();
    return HTML_TEMPLATES.stream()
        .map(t -> json.readTree(resource(t.resource())).path("layout").path("html").asString())
        .toList();
  }

  private static String resource(String name) {
    try (InputStream in = WarmUpTraffic.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException(name + " is missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
