import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client side of bench/load.sh, run as a single-file program ({@code java bench/Load.java renders|get}, JDK 17
 * or newer, no dependencies). Progress goes to stderr; results go to stdout as {@code RESULT <name> <value>} lines,
 * which load.sh turns into its summary table.
 *
 * <ul>
 *   <li>{@code renders}: PUTs the bench template, submits N renders with C concurrent clients, then the same C
 *       clients poll GET /v1/renders/:id until every render is terminal. Writes the succeeded render ids to
 *       IDS_FILE.
 *   <li>{@code get}: M requests of GET /v1/renders/:id with C concurrent clients over the ids in IDS_FILE; the
 *       fallback when wrk is not installed.
 * </ul>
 *
 * Bounded: it talks only to localhost, refuses oversized settings, and gives up after TIMEOUT_S seconds.
 */
public class Load {
  static final String SLUG_DEFAULT = "bench-load";
  static final int LOOP_ROWS = 10;

  record Settings(String url, String key, int n, int c, int m, long timeoutMs, long pollMs, String slug,
      Path idsFile) {

    static Settings fromEnv() {
      String url = env("PLATEN_URL", "http://localhost:8080").replaceAll("/+$", "");
      URI u = URI.create(url);
      String host = u.getHost() == null ? "" : u.getHost();
      if (!"http".equals(u.getScheme()) || !(host.equals("localhost") || host.equals("127.0.0.1")
          || host.equals("[::1]") || host.equals("::1"))) {
        throw fail("PLATEN_URL must be http://localhost[:port]; this benchmark only talks to this machine");
      }
      String key = env("PLATEN_KEY", "");
      if (!key.startsWith("ck_live_") && !key.startsWith("ck_test_")) {
        throw fail("PLATEN_KEY must be a ck_live_ or ck_test_ key of the server under test");
      }
      return new Settings(url, key, intEnv("N", 500, 1, 100_000), intEnv("C", 8, 1, 256),
          intEnv("M", 5000, 1, 1_000_000), intEnv("TIMEOUT_S", 600, 1, 3600) * 1000L,
          intEnv("POLL_MS", 50, 1, 5000), env("BENCH_SLUG", SLUG_DEFAULT),
          Path.of(env("IDS_FILE", "bench-render-ids.txt")));
    }
  }

  public static void main(String[] args) throws Exception {
    try {
      Settings s = Settings.fromEnv();
      String mode = args.length == 0 ? "" : args[0];
      int rc = switch (mode) {
        case "renders" -> new Load(s).renders();
        case "get" -> new Load(s).get();
        default -> throw fail("usage: java bench/Load.java renders|get");
      };
      System.exit(rc);
    } catch (Failure f) {
      System.err.println("load: " + f.getMessage());
      System.exit(2);
    }
  }

  private final Settings s;
  private final HttpClient http;
  private final long deadline;

  Load(Settings s) {
    this.s = s;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(s.timeoutMs());
  }

  // ---- renders: throughput from the first POST until every render is terminal --------------------------------

  /** One submitted render, ordered by submission so the pollers follow the queue's (near-FIFO) order. */
  record Pending(int index, String id) {}

  /** The terminal record of a render as GET /v1/renders/:id answered it. */
  record Done(int index, String id, String status, Instant createdAt, Instant completedAt, Long durationMs,
      String errorMessage) {}

  int renders() throws Exception {
    Res health = send(request("/health").GET());
    if (health.status() != 200) throw fail("GET /health answered " + health.status() + ": " + health.body());

    Res put = send(request("/v1/templates/" + s.slug()).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(TEMPLATE)));
    if (put.status() != 200 && put.status() != 201) {
      throw fail("PUT /v1/templates/" + s.slug() + " answered " + put.status() + ": " + put.body());
    }
    log("template %s published (version %s); submitting %d renders with %d clients", s.slug(),
        field(put.body(), "currentVersionNumber"), s.n(), s.c());

    String run = Long.toString(System.currentTimeMillis(), 36);
    AtomicInteger nextToSubmit = new AtomicInteger();
    AtomicInteger submitted = new AtomicInteger();
    AtomicInteger retries = new AtomicInteger();
    PriorityBlockingQueue<Pending> pending =
        new PriorityBlockingQueue<>(s.n(), (a, b) -> Integer.compare(a.index(), b.index()));
    Map<Integer, Done> done = new ConcurrentHashMap<>();
    long[] postNanos = new long[s.n()];
    AtomicLong lastTerminalAt = new AtomicLong();
    AtomicInteger polls = new AtomicInteger();

    // The server runs on this machine (PLATEN_URL is localhost), so its completedAt and our clock agree.
    Instant firstPost = Instant.now();
    long start = System.nanoTime();
    Progress progress = new Progress(() -> "submitted %d/%d, terminal %d/%d".formatted(submitted.get(), s.n(),
        done.size(), s.n()));
    try {
      runClients(() -> {
        // Submit while there is something to submit, then help poll.
        for (int i; (i = nextToSubmit.getAndIncrement()) < s.n(); ) {
          checkDeadline("submitting");
          long t0 = System.nanoTime();
          String id = submit(i, run, retries);
          postNanos[i] = System.nanoTime() - t0;
          pending.add(new Pending(i, id));
          submitted.incrementAndGet();
        }
        while (done.size() < s.n()) {
          checkDeadline("waiting for renders");
          Pending p = pending.poll(20, TimeUnit.MILLISECONDS);
          if (p == null) continue;
          polls.incrementAndGet();
          Res r = send(request("/v1/renders/" + p.id()).GET());
          if (r.status() != 200) throw fail("GET /v1/renders/" + p.id() + " answered " + r.status() + ": " + r.body());
          String status = field(r.body(), "status");
          if (status.equals("succeeded") || status.equals("failed") || status.equals("cancelled")) {
            done.put(p.index(), new Done(p.index(), p.id(), status, instant(field(r.body(), "createdAt")),
                instant(field(r.body(), "completedAt")), longOrNull(field(r.body(), "durationMs")),
                field(r.body(), "errorMessage")));
            lastTerminalAt.accumulateAndGet(System.nanoTime(), Math::max);
          } else {
            pending.add(p);
            Thread.sleep(s.pollMs()); // this client backs off; the others keep following the queue
          }
        }
        return null;
      });
    } finally {
      progress.stop();
    }

    List<Done> all = new ArrayList<>(done.values());
    all.sort((a, b) -> Integer.compare(a.index(), b.index()));
    List<Done> ok = all.stream().filter(d -> d.status().equals("succeeded")).toList();
    List<Done> bad = all.stream().filter(d -> !d.status().equals("succeeded")).toList();
    double observedS = (lastTerminalAt.get() - start) / 1e9;
    Instant lastCompleted = all.stream().map(Done::completedAt).filter(x -> x != null).max(Instant::compareTo)
        .orElseThrow();
    double wallS = Math.max(1, Duration.between(firstPost, lastCompleted).toMillis()) / 1000.0;
    long[] durations = ok.stream().filter(d -> d.durationMs() != null).mapToLong(Done::durationMs).sorted().toArray();
    long[] posts = postNanos.clone();
    Arrays.sort(posts);

    Files.write(s.idsFile(), ok.stream().map(Done::id).toList(), StandardCharsets.UTF_8);

    result("renders_submitted", s.n());
    result("renders_succeeded", ok.size());
    result("renders_failed", bad.size());
    result("renders_clients", s.c());
    result("renders_wall_s", fmt(wallS));
    result("renders_per_s", fmt(ok.size() / wallS));
    result("renders_observed_s", fmt(observedS));
    result("render_duration_p50_ms", durations.length == 0 ? "-" : durations[pct(durations.length, 50)]);
    result("render_duration_p99_ms", durations.length == 0 ? "-" : durations[pct(durations.length, 99)]);
    result("post_p50_ms", fmt(posts[pct(posts.length, 50)] / 1e6));
    result("post_p99_ms", fmt(posts[pct(posts.length, 99)] / 1e6));
    result("post_retries_503", retries.get());
    result("polls", polls.get());
    if (!bad.isEmpty()) {
      Done first = bad.get(0);
      log("%d renders did not succeed; first: %s %s: %s", bad.size(), first.id(), first.status(), first.errorMessage());
      return 1;
    }
    return 0;
  }

  /** POST one render; 503 is retried after Retry-After with the same Idempotency-Key, so nothing is doubled. */
  private String submit(int i, String run, AtomicInteger retries) throws Exception {
    String body = renderBody(i);
    String key = "bench-" + run + "-" + i;
    for (int attempt = 1; ; attempt++) {
      Res r = send(request("/v1/templates/" + s.slug() + "/render").header("Content-Type", "application/json")
          .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)));
      if (r.status() == 202 || r.status() == 200) return field(r.body(), "id");
      if (r.status() == 503 && attempt < 10) {
        retries.incrementAndGet();
        checkDeadline("retrying a 503");
        Thread.sleep(1000L * Math.min(5, Math.max(1, r.retryAfterSeconds())));
        continue;
      }
      throw fail("POST /v1/templates/" + s.slug() + "/render answered " + r.status() + ": " + r.body());
    }
  }

  /** A few scalars of several types and a loop of {@value #LOOP_ROWS} rows; every render's data differs a little. */
  static final String TEMPLATE = """
      {"name": "Bench invoice",
       "description": "Created by bench/load.sh",
       "manifest": {
         "variables": [
           {"key": "customer.name", "label": "Customer", "dataType": "text", "required": true},
           {"key": "invoice.number", "label": "Invoice number", "dataType": "text", "required": true},
           {"key": "invoice.date", "label": "Date", "dataType": "date"},
           {"key": "invoice.total", "label": "Total", "dataType": "currency", "format": "currency:EUR"},
           {"key": "paid", "label": "Paid", "dataType": "boolean"}
         ],
         "loops": [
           {"key": "items", "label": "Items", "itemFields": [
             {"key": "description", "label": "Description", "dataType": "text"},
             {"key": "quantity", "label": "Quantity", "dataType": "number"},
             {"key": "amount", "label": "Amount", "dataType": "currency", "format": "currency:EUR"}
           ]}
         ]
       },
       "pageConfig": {"format": "A4", "orientation": "portrait", "margin": "20mm"}}
      """;

  static String renderBody(int i) {
    StringBuilder items = new StringBuilder();
    double total = 0;
    for (int row = 1; row <= LOOP_ROWS; row++) {
      double amount = row * 12.5 + i % 7;
      total += amount;
      if (row > 1) items.append(',');
      items.append(String.format(Locale.ROOT,
          "{\"description\":\"Item %d of render %d\",\"quantity\":%d,\"amount\":%.2f}", row, i, row, amount));
    }
    return String.format(Locale.ROOT, "{\"data\":{\"customer\":{\"name\":\"Customer %d\"},"
        + "\"invoice\":{\"number\":\"B-%06d\",\"date\":\"2026-06-05\",\"total\":%.2f},\"paid\":%b,"
        + "\"items\":[%s]}}", i, i, total, i % 2 == 0, items);
  }

  // ---- get: latency of GET /v1/renders/:id (the fallback when wrk is not installed) ---------------------------

  int get() throws Exception {
    List<String> ids = Files.readAllLines(s.idsFile(), StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank()).toList();
    if (ids.isEmpty()) throw fail(s.idsFile() + " holds no render ids; run the renders phase first");
    int warmup = Math.min(s.m(), 25 * s.c());
    log("GET /v1/renders/:id: %d warm-up requests (not counted), then %d with %d clients", warmup, s.m(), s.c());
    runGets(ids, warmup, new long[warmup], new AtomicInteger());

    long[] nanos = new long[s.m()];
    AtomicInteger errors = new AtomicInteger();
    long t0 = System.nanoTime();
    runGets(ids, s.m(), nanos, errors);
    double wallS = (System.nanoTime() - t0) / 1e9;
    Arrays.sort(nanos);
    double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;

    result("get_tool", "java");
    result("get_requests", s.m());
    result("get_clients", s.c());
    result("get_errors", errors.get());
    result("get_p50_ms", fmt(nanos[pct(nanos.length, 50)] / 1e6));
    result("get_p99_ms", fmt(nanos[pct(nanos.length, 99)] / 1e6));
    result("get_mean_ms", fmt(mean));
    result("get_per_s", fmt(s.m() / wallS));
    return errors.get() == 0 ? 0 : 1;
  }

  private void runGets(List<String> ids, int count, long[] nanos, AtomicInteger errors) throws Exception {
    AtomicInteger next = new AtomicInteger();
    runClients(() -> {
      for (int i; (i = next.getAndIncrement()) < count; ) {
        if ((i & 255) == 0) checkDeadline("measuring GET latency");
        HttpRequest r = request("/v1/renders/" + ids.get(i % ids.size())).GET().build();
        long start = System.nanoTime();
        HttpResponse<byte[]> resp = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        nanos[i] = System.nanoTime() - start;
        if (resp.statusCode() != 200) errors.incrementAndGet();
      }
      return null;
    });
  }

  /** Runs {@code task} on C client threads; the first failure stops the others and is rethrown. */
  private void runClients(Callable<Void> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(s.c());
    ExecutorCompletionService<Void> clients = new ExecutorCompletionService<>(pool);
    try {
      for (int t = 0; t < s.c(); t++) clients.submit(task);
      for (int t = 0; t < s.c(); t++) {
        try {
          clients.take().get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception ex ? ex : new Failure(String.valueOf(e.getCause()));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- plumbing -----------------------------------------------------------------------------------------------

  record Res(int status, String body, String retryAfter) {
    int retryAfterSeconds() {
      try {
        return retryAfter == null ? 5 : Integer.parseInt(retryAfter.trim());
      } catch (NumberFormatException e) {
        return 5;
      }
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(s.url() + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + s.key());
  }

  private Res send(HttpRequest.Builder b) throws IOException, InterruptedException {
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Res(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null));
    } catch (java.net.ConnectException e) {
      throw fail("cannot connect to " + s.url() + " (is Platen running?)");
    }
  }

  private void checkDeadline(String doing) {
    if (System.nanoTime() > deadline) {
      throw fail("gave up after TIMEOUT_S=" + s.timeoutMs() / 1000 + " s while " + doing);
    }
  }

  /**
   * A top-level field of a flat JSON object as text: strings unescaped for the simple escapes Platen emits, numbers
   * and booleans as written, null as null. Enough for the render shapes; this program has no JSON library.
   */
  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name)
        + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|null|true|false|-?[0-9][0-9.eE+-]*)").matcher(json);
    if (!m.find()) throw fail("no field " + name + " in " + json);
    if (m.group(1).equals("null")) return null;
    if (m.group(2) != null) return m.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
    return m.group(1);
  }

  static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }

  static Long longOrNull(String s) {
    return s == null ? null : Long.valueOf(s);
  }

  /** Nearest-rank percentile index into a sorted array of {@code n} values. */
  static int pct(int n, int p) {
    return Math.max(0, Math.min(n - 1, (int) Math.ceil(p / 100.0 * n) - 1));
  }

  static String fmt(double d) {
    return String.format(Locale.ROOT, d >= 100 ? "%.0f" : d >= 10 ? "%.1f" : "%.2f", d);
  }

  static void result(String name, Object value) {
    System.out.println("RESULT " + name + " " + value);
  }

  static void log(String format, Object... args) {
    System.err.println("load: " + format.formatted(args));
  }

  static String env(String name, String dflt) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? dflt : v.trim();
  }

  static int intEnv(String name, int dflt, int min, int max) {
    String v = env(name, null);
    if (v == null) return dflt;
    try {
      int i = Integer.parseInt(v);
      if (i >= min && i <= max) return i;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw fail(name + " must be an integer from " + min + " to " + max + ", got '" + v + "'");
  }

  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message, null, false, false);
    }
  }

  static Failure fail(String message) {
    return new Failure(message);
  }

  /** Prints one progress line every two seconds to stderr until stopped. */
  static final class Progress {
    private final Thread thread;

    Progress(java.util.function.Supplier<String> line) {
      thread = new Thread(() -> {
        try {
          while (true) {
            Thread.sleep(2000);
            log("%s", line.get());
          }
        } catch (InterruptedException e) {
          // stopped
        }
      }, "progress");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() {
      thread.interrupt();
    }
  }
}
