import java.io.IOException;
import java.net.URI;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of bench/load.sh, run as a single-file program ({@code java bench/Load.java renders|get}, JDK 17
 * or newer, no dependencies). Progress goes to stderr; results go to stdout as {@code RESULT <name> <value>} lines,
 * which load.sh turns into its summary table.
 *
 * <ul>
 *   <li>{@code renders}: PUTs the bench template, submits N renders with C concurrent clients while up to four
 *       pollers follow GET /v1/renders/:id (long-poll where the server has it) until every render is terminal.
 *       Reports renders/s, latency, and CPU per render of the server (/proc/<pid>/stat) and of this client.
 *       Writes the succeeded render ids to IDS_FILE.
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
      Path idsFile, String layout) {

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
          Path.of(env("IDS_FILE", "bench-render-ids.txt")), layoutFromEnv());
    }

    static String layoutFromEnv() {
      String l = env("BENCH_LAYOUT", "synth");
      if (!l.equals("synth") && !l.equals("html") && !l.equals("openhtml")) {
        throw fail("BENCH_LAYOUT must be synth, html or openhtml, got '" + l + "'");
      }
      return l;
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
  private final ThreadLocal<Http> connections = ThreadLocal.withInitial(Http::new);
  private final long deadline;

  Load(Settings s) {
    this.s = s;
    this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(s.timeoutMs());
  }

  // ---- renders: throughput from the first POST until every render is terminal --------------------------------

  /** One submitted render, ordered by submission so the pollers follow the queue's (near-FIFO) order. */
  record Pending(int index, String id) {}

  /** The terminal record of a render as GET /v1/renders/:id answered it. */
  record Done(int index, String id, String status, Instant createdAt, Instant completedAt, Long durationMs,
      String errorMessage) {}

  /**
   * Cheap per render, so the client does not compete with the server for the cores it measures: requests go over
   * {@link Http}, a few dozen lines of HTTP/1.1 on kept-alive sockets (java.net.http costs milliseconds of JIT-cold
   * CPU per request in a short run). C submit threads each keep one POST in flight; P = min(C, 4) poll threads
   * follow the queue oldest render first. With {@code ?waitMs=} (long-poll) a poll answers when the render is
   * terminal; a server that ignores it answers at once, and then all poll threads wait POLL_MS, doubling up to
   * 4 × POLL_MS, each time the oldest render is not done (about 1.3 GETs per render rather than one per poller per
   * POLL_MS).
   */
  int renders() throws Exception {
    Res health = call("GET", "/health", null, null);
    if (health.status() != 200) throw fail("GET /health answered " + health.status() + ": " + health.body());

    String template = switch (s.layout()) {
      case "html" -> TEMPLATE_HTML;
      case "openhtml" -> TEMPLATE_OPENHTML;
      default -> TEMPLATE;
    };
    Res put = call("PUT", "/v1/templates/" + s.slug(), template, null);
    if (put.status() != 200 && put.status() != 201) {
      throw fail("PUT /v1/templates/" + s.slug() + " answered " + put.status() + ": " + put.body());
    }
    ProcessHandle server = serverProcess();
    log("template %s published (version %s, %s layout); submitting %d renders with %d clients; server pid %s",
        s.slug(), field(put.body(), "currentVersionNumber"), s.layout(), s.n(), s.c(),
        server == null ? "unknown (set PLATEN_PID)" : server.pid());

    String run = Long.toString(System.currentTimeMillis(), 36);
    AtomicInteger nextToSubmit = new AtomicInteger();
    AtomicInteger submitted = new AtomicInteger();
    AtomicInteger retries = new AtomicInteger();
    AtomicInteger polls = new AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean longPoll = new java.util.concurrent.atomic.AtomicBoolean(true);
    PriorityBlockingQueue<Pending> pending =
        new PriorityBlockingQueue<>(s.n(), (a, b) -> Integer.compare(a.index(), b.index()));
    Map<Integer, Done> done = new ConcurrentHashMap<>();
    long[] postNanos = new long[s.n()];
    AtomicLong lastTerminalAt = new AtomicLong();
    AtomicLong retryAt = new AtomicLong(System.nanoTime());
    AtomicLong backoffMs = new AtomicLong(s.pollMs());

    Progress progress = new Progress(() -> "submitted %d/%d, terminal %d/%d".formatted(submitted.get(), s.n(),
        done.size(), s.n()));
    long clientCpu0 = cpuNanos(ProcessHandle.current());
    long serverCpu0 = server == null ? -1 : cpuNanos(server);
    // The server runs on this machine (PLATEN_URL is localhost), so its completedAt and our clock agree.
    Instant firstPost = Instant.now();
    long start = System.nanoTime();
    int pollers = Math.min(s.c(), 4);
    try {
      runThreads(s.c() + pollers, t -> {
        if (t < s.c()) {
          for (int i; (i = nextToSubmit.getAndIncrement()) < s.n(); ) {
            checkDeadline("submitting");
            long t0 = System.nanoTime();
            String id = submit(i, run, retries);
            postNanos[i] = System.nanoTime() - t0;
            pending.add(new Pending(i, id));
            submitted.incrementAndGet();
          }
          return;
        }
        while (done.size() < s.n()) {
          checkDeadline("waiting for renders");
          long wait = retryAt.get() - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
            continue;
          }
          Pending p = pending.poll(s.pollMs(), TimeUnit.MILLISECONDS);
          if (p == null) continue;
          polls.incrementAndGet();
          boolean waiting = longPoll.get();
          long t0 = System.nanoTime();
          Res r = call("GET", "/v1/renders/" + p.id() + (waiting ? "?waitMs=" + LONG_POLL_MS : ""), null, null);
          if (r.status() != 200) throw fail("GET /v1/renders/" + p.id() + " answered " + r.status() + ": " + r.body());
          String status = field(r.body(), "status");
          if (status.equals("succeeded") || status.equals("failed") || status.equals("cancelled")) {
            done.put(p.index(), new Done(p.index(), p.id(), status, instant(field(r.body(), "createdAt")),
                instant(field(r.body(), "completedAt")), longOrNull(field(r.body(), "durationMs")),
                field(r.body(), "errorMessage")));
            lastTerminalAt.accumulateAndGet(System.nanoTime(), Math::max);
            backoffMs.set(s.pollMs());
            continue;
          }
          pending.add(p);
          if (waiting && System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(LONG_POLL_MS / 2)) {
            longPoll.set(false); // not terminal, and answered long before waitMs: this server does not long-poll
          }
          if (!waiting || !longPoll.get()) {
            // the oldest render is not done, so the next ones hardly are: every poller waits, for longer each time
            long b = backoffMs.getAndUpdate(x -> Math.min(4 * s.pollMs(), 2 * x));
            retryAt.accumulateAndGet(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(b), Math::max);
          }
        }
      });
    } finally {
      progress.stop();
    }
    long clientCpu = cpuNanos(ProcessHandle.current()) - clientCpu0;
    long serverCpu = server == null ? -1 : cpuNanos(server) - serverCpu0;

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
    result("renders_layout", s.layout());
    result("renders_wall_s", fmt(wallS));
    result("renders_per_s", fmt(ok.size() / wallS));
    result("renders_observed_s", fmt(observedS));
    result("render_duration_p50_ms", durations.length == 0 ? "-" : durations[pct(durations.length, 50)]);
    result("render_duration_p99_ms", durations.length == 0 ? "-" : durations[pct(durations.length, 99)]);
    result("post_p50_ms", fmt(posts[pct(posts.length, 50)] / 1e6));
    result("post_p99_ms", fmt(posts[pct(posts.length, 99)] / 1e6));
    result("post_retries_503", retries.get());
    result("polls", polls.get());
    result("long_poll", longPoll.get() ? "yes" : "no");
    result("client_cpu_ms_per_render", fmt(clientCpu / 1e6 / s.n()));
    result("server_cpu_ms_per_render", serverCpu < 0 ? "-" : fmt(serverCpu / 1e6 / s.n()));
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
      Res r = call("POST", "/v1/templates/" + s.slug() + "/render", body, key);
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

  static final long LONG_POLL_MS = 2_000;

  /**
   * The server under test: PLATEN_PID, else the process listening on PLATEN_URL's port (found through
   * /proc/net/tcp and the processes' open sockets, so no tool is needed), else null (then no server CPU figure).
   */
  ProcessHandle serverProcess() {
    String pid = env("PLATEN_PID", null);
    if (pid != null) {
      return ProcessHandle.of(Long.parseLong(pid)).orElseThrow(() -> fail("PLATEN_PID " + pid + " is not running"));
    }
    int port = URI.create(s.url()).getPort();
    if (port < 0) port = 80;
    java.util.Set<String> inodes = new java.util.HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] f = line.trim().split("\\s+");
          // local_address is HEX_IP:HEX_PORT; state 0A is LISTEN
          if (f.length > 9 && f[1].endsWith(":" + String.format("%04X", port)) && f[3].equals("0A")) {
            inodes.add("socket:[" + f[9] + "]");
          }
        }
      } catch (IOException | RuntimeException e) {
        // not Linux, or no IPv6
      }
    }
    if (inodes.isEmpty()) return null;
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(d -> d.getFileName().toString().matches("[0-9]+")).toList()) {
        try (var fds = Files.list(proc.resolve("fd"))) {
          for (Path fd : fds.toList()) {
            try {
              if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                return ProcessHandle.of(Long.parseLong(proc.getFileName().toString())).orElse(null);
              }
            } catch (IOException | RuntimeException e) {
              // the fd closed meanwhile
            }
          }
        } catch (IOException | RuntimeException e) {
          // another user's process, or it exited
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  /** User + system CPU time of a process so far (Linux reads /proc/<pid>/stat, in clock ticks). */
  static long cpuNanos(ProcessHandle p) {
    return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
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

  /** The same manifest with an HTML layout (BENCH_LAYOUT=html), inside the direct engine's HTML subset. */
  static final String TEMPLATE_HTML = TEMPLATE.replace("\"description\": \"Created by bench/load.sh\",",
      "\"description\": \"Created by bench/load.sh (HTML layout)\", \"layout\": {\"html\": \""
      + ("<html><head><style>@page { size: A4; margin: 20mm; } body { font-family: sans-serif; font-size: 10pt; }"
      + " h1 { font-size: 18pt; color: #1a56b0; } table { width: 100%; border-collapse: collapse; }"
      + " th { text-align: left; background: #eef2f8; border-bottom: 1px solid #888; padding: 2mm; }"
      + " td { border-bottom: 0.5px solid #ccc; padding: 2mm; } .n { text-align: right; }</style></head><body>"
      + "<h1>Invoice {{invoice.number}}</h1><p>{{customer.name}}, {{invoice.date}}</p>"
      + "<table><thead><tr><th>Description</th><th class='n'>Quantity</th><th class='n'>Amount</th></tr></thead>"
      + "<tbody>{{#each items}}<tr><td>{{description}}</td><td class='n'>{{quantity}}</td>"
      + "<td class='n'>{{amount}}</td></tr>{{/each}}</tbody></table>"
      + "<p class='n'><strong>Total {{invoice.total}}</strong></p>{{#if paid}}<p>Paid, thank you.</p>{{/if}}"
      + "</body></html>") + "\"},");

  /**
   * The HTML invoice with one construct outside the direct engine's subset (a rotated heading), so openhtmltopdf
   * draws every render: what a template the direct engine cannot draw costs.
   */
  static final String TEMPLATE_OPENHTML = TEMPLATE_HTML.replace(" h1 { font-size: 18pt;",
      " h1 { transform: rotate(0.5deg); font-size: 18pt;").replace("(HTML layout)", "(HTML layout, openhtmltopdf)");

  /** Built with a StringBuilder, not String.format: this runs once per render inside the measured phase. */
  static String renderBody(int i) {
    StringBuilder b = new StringBuilder(1024).append("{\"data\":{\"customer\":{\"name\":\"Customer ").append(i)
        .append("\"},\"invoice\":{\"number\":\"B-").append(1_000_000 + i).append("\",\"date\":\"2026-06-05\",")
        .append("\"total\":");
    long totalCents = 0;
    StringBuilder items = new StringBuilder(768);
    for (int row = 1; row <= LOOP_ROWS; row++) {
      long cents = row * 1250L + (i % 7) * 100L;
      totalCents += cents;
      if (row > 1) items.append(',');
      items.append("{\"description\":\"Item ").append(row).append(" of render ").append(i)
          .append("\",\"quantity\":").append(row).append(",\"amount\":");
      money(items, cents).append('}');
    }
    money(b, totalCents).append("},\"paid\":").append(i % 2 == 0).append(",\"items\":[").append(items)
        .append("]}}");
    return b.toString();
  }

  private static StringBuilder money(StringBuilder b, long cents) {
    long c = cents % 100;
    return b.append(cents / 100).append('.').append(c < 10 ? "0" : "").append(c);
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
    runThreads(s.c(), t -> {
      for (int i; (i = next.getAndIncrement()) < count; ) {
        if ((i & 255) == 0) checkDeadline("measuring GET latency");
        String path = "/v1/renders/" + ids.get(i % ids.size());
        long start = System.nanoTime();
        Res r = call("GET", path, null, null);
        nanos[i] = System.nanoTime() - start;
        if (r.status() != 200) errors.incrementAndGet();
      }
    });
  }

  interface ClientTask {
    void run(int thread) throws Exception;
  }

  /** Runs {@code task} on {@code threads} threads; the first failure stops the others and is rethrown. */
  private void runThreads(int threads, ClientTask task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    ExecutorCompletionService<Void> clients = new ExecutorCompletionService<>(pool);
    try {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        clients.submit(() -> {
          task.run(thread);
          return null;
        });
      }
      for (int t = 0; t < threads; t++) {
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

  /** One request on this thread's kept-alive connection. */
  private Res call(String method, String path, String jsonBody, String idempotencyKey) throws IOException {
    try {
      return connections.get().call(method, path, jsonBody, idempotencyKey);
    } catch (java.net.ConnectException e) {
      throw fail("cannot connect to " + s.url() + " (is Platen running?)");
    }
  }

  /**
   * The smallest HTTP/1.1 client this benchmark needs: one kept-alive connection per thread, Content-Length or
   * chunked bodies, a reconnect when the server closed the connection. Bodies are UTF-8 JSON.
   */
  final class Http {
    private final String host;
    private final int port;
    private java.net.Socket socket;
    private java.io.InputStream in;
    /** This connection's read buffer: buf[pos, end) not yet consumed. */
    private final byte[] buf = new byte[16_384];
    private int pos;
    private int end;
    private java.io.OutputStream out;

    Http() {
      URI u = URI.create(s.url());
      host = u.getHost().replace("[", "").replace("]", "");
      port = u.getPort() < 0 ? 80 : u.getPort();
    }

    Res call(String method, String path, String jsonBody, String idempotencyKey) throws IOException {
      byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
      StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path)
          .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
          .append("\r\nAuthorization: Bearer ").append(s.key()).append("\r\n");
      if (idempotencyKey != null) head.append("Idempotency-Key: ").append(idempotencyKey).append("\r\n");
      if (jsonBody != null) head.append("Content-Type: application/json\r\n");
      if (jsonBody != null || !method.equals("GET")) head.append("Content-Length: ").append(body.length).append("\r\n");
      head.append("\r\n");
      byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
      for (int attempt = 1; ; attempt++) {
        boolean reused = socket != null;
        try {
          if (socket == null) connect();
          out.write(headBytes);
          out.write(body);
          out.flush();
          return read();
        } catch (IOException e) {
          close();
          // a kept-alive connection the server closed meanwhile: once more on a new one
          if (!reused || attempt > 1) throw e;
        }
      }
    }

    private void connect() throws IOException {
      socket = new java.net.Socket(host, port);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) Math.max(LONG_POLL_MS + 30_000, 30_000));
      in = socket.getInputStream();
      pos = end = 0;
      out = new java.io.BufferedOutputStream(socket.getOutputStream(), 16_384);
    }

    private Res read() throws IOException {
      String status = line();
      if (!status.startsWith("HTTP/1.")) throw new IOException("not an HTTP answer: " + status);
      int code = Integer.parseInt(status.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      boolean closeAfter = status.startsWith("HTTP/1.0");
      String retryAfter = null;
      for (String h; !(h = line()).isEmpty(); ) {
        int colon = h.indexOf(':');
        if (colon < 0) continue;
        String name = h.substring(0, colon).trim();
        String value = h.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) length = Long.parseLong(value);
        else if (name.equalsIgnoreCase("Transfer-Encoding")) chunked = value.equalsIgnoreCase("chunked");
        else if (name.equalsIgnoreCase("Connection")) closeAfter = value.equalsIgnoreCase("close");
        else if (name.equalsIgnoreCase("Retry-After")) retryAfter = value;
      }
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(length > 0 ? (int) length : 512);
      if (chunked) {
        for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
          copy(size, bytes);
          line();
        }
        while (!line().isEmpty()) {
          // trailers
        }
      } else if (length >= 0) {
        copy(length, bytes);
      } else {
        while (fill()) {
          bytes.write(buf, pos, end - pos);
          pos = end;
        }
        closeAfter = true;
      }
      if (closeAfter) close();
      return new Res(code, bytes.toString(StandardCharsets.UTF_8), retryAfter);
    }

    private boolean fill() throws IOException {
      if (pos < end) return true;
      int r = in.read(buf, 0, buf.length);
      if (r < 0) return false;
      pos = 0;
      end = r;
      return true;
    }

    private void copy(long n, java.io.ByteArrayOutputStream to) throws IOException {
      while (n > 0) {
        if (!fill()) throw new java.io.EOFException("connection closed in a body");
        int take = (int) Math.min(n, end - pos);
        to.write(buf, pos, take);
        pos += take;
        n -= take;
      }
    }

    private String line() throws IOException {
      StringBuilder b = new StringBuilder(64);
      while (true) {
        if (!fill()) throw new java.io.EOFException("connection closed");
        for (int i = pos; i < end; i++) {
          if (buf[i] == '\n') {
            b.append(new String(buf, pos, i - pos, StandardCharsets.ISO_8859_1));
            pos = i + 1;
            int len = b.length();
            if (len > 0 && b.charAt(len - 1) == '\r') b.setLength(len - 1);
            return b.toString();
          }
        }
        b.append(new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1));
        pos = end;
      }
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
    String key = "\"" + name + "\"";
    int at = 0;
    while ((at = json.indexOf(key, at)) >= 0) {
      int i = at + key.length();
      while (i < json.length() && Character.isWhitespace(json.charAt(i))) i++;
      if (i < json.length() && json.charAt(i) == ':') {
        i++;
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) i++;
        if (json.startsWith("null", i)) return null;
        if (json.charAt(i) == '"') {
          StringBuilder out = new StringBuilder();
          for (int j = i + 1; j < json.length(); j++) {
            char c = json.charAt(j);
            if (c == '"') return out.toString();
            if (c == '\\' && j + 1 < json.length()) c = json.charAt(++j);
            out.append(c);
          }
          break;
        }
        int j = i;
        while (j < json.length() && ",}] \n\r\t".indexOf(json.charAt(j)) < 0) j++;
        return json.substring(i, j);
      }
      at = i;
    }
    throw fail("no field " + name + " in " + json);
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
