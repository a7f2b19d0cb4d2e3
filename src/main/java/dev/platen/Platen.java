package dev.platen;

import dev.platen.api.HttpApi;
import dev.platen.api.Json;
import dev.platen.api.Readiness;
import dev.platen.api.RenderViews;
import dev.platen.auth.AccountKeys;
import dev.platen.auth.ApiKeys;
import dev.platen.auth.Authenticator;
import dev.platen.auth.KeyCipher;
import dev.platen.blob.BlobStore;
import dev.platen.blob.FileBlobStore;
import dev.platen.blob.S3BlobStore;
import dev.platen.config.Config;
import dev.platen.config.ConfigException;
import dev.platen.jobs.Completions;
import dev.platen.jobs.EngineProbe;
import dev.platen.jobs.MeteredRenderQueue;
import dev.platen.jobs.QueueLimits;
import dev.platen.jobs.RenderAdmission;
import dev.platen.jobs.RenderQueue;
import dev.platen.jobs.RenderStatus;
import dev.platen.jobs.RenderThreads;
import dev.platen.mail.SmtpMailer;
import dev.platen.jobs.RetryPolicy;
import dev.platen.jobs.Previews;
import dev.platen.jobs.VersionCache;
import dev.platen.jobs.Worker;
import dev.platen.jobs.WorkerPool;
import dev.platen.metrics.Metrics;
import dev.platen.render.EngineSettings;
import dev.platen.render.PdfEngine;
import dev.platen.render.direct.DirectPdfEngine;
import dev.platen.render.direct.RoutingPdfEngine;
import dev.platen.render.handlebars.LexerRelearning;
import dev.platen.render.html.HtmlPdfEngine;
import dev.platen.sharing.EngagementStore;
import dev.platen.sharing.ShareStore;
import dev.platen.sharing.Sharing;
import dev.platen.store.Database;
import dev.platen.store.DatabasePdfs;
import dev.platen.store.Ids;
import dev.platen.store.ProjectStore;
import dev.platen.store.RenderNotifications;
import dev.platen.store.RenderStore;
import dev.platen.store.TemplateStore;
import dev.platen.templates.Slugs;
import dev.platen.warmup.Compilers;
import dev.platen.webhooks.Dispatcher;
import dev.platen.webhooks.RenderEvents;
import dev.platen.webhooks.RetrySchedule;
import dev.platen.webhooks.Sender;
import dev.platen.webhooks.TargetPolicy;
import dev.platen.webhooks.WebhookStore;
import dev.platen.webhooks.Webhooks;
import dev.platen.web.Dashboard;
import dev.platen.web.Services;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The composition root: every adapter is built here with {@code new}, wired, started, and stopped in reverse
 * order. Tests start the whole service through {@link #start} exactly as {@code java -jar} does.
 */
public final class Platen implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Platen.class);
  private static final long SHUTDOWN_GRACE_MS = 20_000;
  /** Times Handlebars' lexer learns the warm-up's layouts again: its compiled code trapped at up to four places. */
  private static final int RELEARN_PASSES = 4;
  /** The longest each of those passes waits for the compilers. */
  private static final Duration RELEARN_WAIT = Duration.ofMillis(1_000);
  /** The longest the start waits for the compilers after the engines' warm-up: a second C2 compilation or so. */
  private static final Duration ENGINE_COMPILE_WAIT = Duration.ofMillis(1_500);

  private final Database db;
  private final WorkerPool workers;
  private final HttpApi http;
  private final boolean httpServesApi;
  private final RenderStore renders;
  private final BlobStore blobs;
  private final Dispatcher webhooks;
  private final Completions completions;
  private final RenderNotifications notifications;
  private final Previews previews;
  /** The exit status that asks the launcher or supervisor to start the process again (EX_TEMPFAIL). */
  public static final int RESTART_EXIT_CODE = 75;

  private final Metrics metrics;
  private final AtomicBoolean stopping;
  private boolean closed;
  private final StopSignal stop;

  /**
   * Why the process should end, set once: {@link #close} (exit 0), or render threads lost to renders that cannot be
   * stopped (restart). Created before the adapters so the worker can raise it.
   */
  private static final class StopSignal {
    private final java.util.concurrent.CountDownLatch raised = new java.util.concurrent.CountDownLatch(1);
    private volatile String restartReason;

    void restart(String reason) {
      restartReason = reason;
      raised.countDown();
    }

    void stop() {
      raised.countDown();
    }
  }

  private Platen(StopSignal stop, Database db, WorkerPool workers, HttpApi http, boolean httpServesApi,
      RenderStore renders, BlobStore blobs, Metrics metrics, AtomicBoolean stopping, Dispatcher webhooks,
      Completions completions, RenderNotifications notifications,
      Previews previews) {
    this.previews = previews;
    this.stop = stop;
    this.completions = completions;
    this.notifications = notifications;
    this.webhooks = webhooks;
    this.blobs = blobs;
    this.db = db;
    this.workers = workers;
    this.http = http;
    this.httpServesApi = httpServesApi;
    this.renders = renders;
    this.metrics = metrics;
    this.stopping = stopping;
  }

  public static Platen start(Config config, PrintStream console) {
    return start(config, console, InstantSource.system());
  }

  /** @param clock the one source of time for leases, retries and timestamps (tests pass a settable one) */
  public static Platen start(Config config, PrintStream console, InstantSource clock) {
    return start(config, console, clock, null, false);
  }

  /**
   * @param host the address the HTTP server listens on, null for every interface
   * @param throwaway the start-up warm-up's instance: its engines warm up whatever PLATEN_WARMUP says, since it
   *     exists only to be warm
   */
  private static Platen start(Config config, PrintStream console, InstantSource clock, String host,
      boolean throwaway) {
    JsonMapper json = Json.shared();
    Sharing.Email email = email(config.sharing(), clock); // checked before anything is opened
    StopSignal stop = new StopSignal();
    Database db = config.usesPostgres()
        ? Database.postgres(config.databaseUrl(), config.databaseUser(), config.databasePassword(),
            Math.max(10, config.renderThreads() * 2 + 4))
        : Database.sqlite(config.dataDir().resolve("platen.db"));
    ProjectStore projects = new ProjectStore(db, clock);
    TemplateStore templates = new TemplateStore(db, clock);
    // render.succeeded / render.failed go to the outbox in the status change's own transaction
    Completions completions = new Completions();
    RenderStore renders = new RenderStore(db, new RenderEvents(new RenderViews(config.publicUrl(),
        config.s3() == null ? null : config.s3().publicBaseUrl())::webhookBody, json), completions);
    BlobStore blobs;
    try {
      blobs = blobStore(config);
      // one process owns the SQLite file, so its PDFs can sit in it and commit with their renders (D44)
      if (db.vendor() == Database.Vendor.SQLITE && config.blobStore() == Config.BlobStoreKind.FILE) {
        blobs = new DatabasePdfs(db, blobs, DatabasePdfs.DEFAULT_MAX_BYTES);
      }
    } catch (ConfigException e) {
      db.close();
      throw e;
    }
    bootstrap(projects, config, config.logFormat() == Config.LogFormat.JSON
        ? text -> console.println(jsonLine(text, json)) : console::println);
    // after the checks above, so a wrong setting is reported at once; before anything of this instance runs
    if (config.warmsUp()) warmUp(config);

    if (db.vendor() == Database.Vendor.SQLITE) {
      int released = renders.releaseAllLeases(clock.millis());
      if (released > 0) log.info("re-queued {} renders interrupted by the previous shutdown", released);
    }
    Metrics metrics = new Metrics().bindJvm();
    db.meterPool(metrics.registry());
    metrics.renderWaiters(completions::waiting);
    // Outcomes are counted as the queue commits them, in whichever process (api or worker) caused them.
    RenderQueue queue = new MeteredRenderQueue(renders, metrics.renders());
    metrics.queueDepth(RenderStatus.unfinished().stream().map(RenderStatus::wire).toList(), () -> {
      Map<String, Long> byStatus = new LinkedHashMap<>();
      queue.pendingByStatus().forEach((status, n) -> byStatus.put(status.wire(), n));
      return byStatus;
    });
    TargetPolicy targets = new TargetPolicy(config.webhooks().allowPrivate());
    WebhookStore hooks = new WebhookStore(db);
    Dispatcher dispatcher = new Dispatcher(hooks, new Sender(targets),
        new RetrySchedule(config.webhooks().attemptOffsets()), clock, Dispatcher.Settings.DEFAULT,
        metrics.webhooks());
    // Worker processes send; an API-only process only answers pings.
    if (config.runsWorkers()) dispatcher.start(db.vendor() == Database.Vendor.SQLITE);
    String processId = Ids.token(6);
    AtomicBoolean stopping = new AtomicBoolean();
    Readiness readiness = new Readiness(db::healthy, db::migrationsApplied, blobs, "health/ready", stopping::get);

    // SQLite has one process, whose own changes signal it; PostgreSQL's other processes are heard by LISTEN
    RenderNotifications notifications = db.vendor() == Database.Vendor.POSTGRESQL
        ? RenderNotifications.start(db, completions) : null;
    WorkerPool workers = null;
    VersionCache workerVersions = null;
    if (config.runsWorkers()) {
      EngineSettings engineSettings = engineSettings(config);
      HtmlPdfEngine html = new HtmlPdfEngine(engineSettings);
      // Canvas layouts the direct PDFBox path can draw go there (about 6x faster); everything else, and HTML
      // layouts, go through openhtmltopdf. Golden tests hold both to the same output. The probe tells the metrics
      // which of the two drew each render.
      RoutingPdfEngine engine = new RoutingPdfEngine(new DirectPdfEngine(engineSettings), EngineProbe.html(html));
      VersionCache versions = versionCache(templates, json, engine);
      workerVersions = versions;
      String workerId = "worker-" + processId;
      WorkerPool[] pool = new WorkerPool[1];
      RenderThreads renderThreads = WorkerPool.renderThreads(config.renderThreads(), () -> {
        // Renders deaf to interruption hold every thread this process may add: only a new process gets the CPU
        // and memory back. Claim nothing more, answer not-ready, and exit for the launcher or supervisor to start a
        // fresh process; the leases of anything unfinished let it (or another worker) take those renders over.
        pool[0].stopClaiming();
        stopping.set(true);
        log.error("worker {} stops claiming renders and restarts (exit status {})", workerId, RESTART_EXIT_CODE);
        stop.restart("render threads are held by timed-out renders that cannot be stopped");
      });
      metrics.monitorExecutor("render", renderThreads);
      Worker worker = new Worker(queue, versions, blobs, json, clock, new Worker.Settings(
          config.leaseMs(), config.renderTimeoutMs(), workerId, RetryPolicy.DEFAULT), renderThreads,
          metrics.renders());
      // a render cancelled (here, or on another process through the notifications) stops being drawn
      completions.onCompleted(worker::stop);
      workers = new WorkerPool(worker, renderThreads);
      pool[0] = workers;
      // the routing engine warms the HTML engine only when it holds it directly, not behind the probe
      if (throwaway || config.warmsEngines()) {
        workers.warmUp(() -> {
          engine.warmUp();
          html.warmUp();
        });
        // what the engines' warm-up queued for the JIT is compiled before the first request, not during it (D74)
        if (!throwaway) {
          log.info("JIT compilers quiet after {} ms", Compilers.awaitQuiet(ENGINE_COMPILE_WAIT));
        }
      }
      workers.start();
      log.info("worker {} ready: {} render threads", workerId, config.renderThreads());
    }
    // A process that renders previews with its workers' engine and prepared versions; an API-only one makes its own
    // engine on the first preview, so it costs nothing until then.
    VersionCache renderingVersions = workerVersions;
    Previews previews = new Previews(config.maxConcurrentPreviews(), config.renderTimeoutMs(), json,
        renderingVersions != null ? () -> renderingVersions : () -> versionCache(templates, json, engine(config)));
    HttpApi http;
    if (config.runsApi()) {
      WorkerPool w = workers;
      Authenticator auth = new Authenticator(projects, config.adminKey(), clock);
      KeyCipher cipher = config.adminKey() == null ? null : new KeyCipher(config.adminKey());
      Sharing sharing = sharing(config.sharing(), email, db, blobs, json, clock);
      Webhooks webhooks = new Webhooks(hooks, targets, dispatcher);
      dev.platen.store.RenderListStore renderList = new dev.platen.store.RenderListStore(db);
      Runnable onQueued = w == null ? () -> { } : w::wake;
      // one for every way a render comes in: the API's render routes, the inbound hook, the dashboard
      RenderAdmission admission = new RenderAdmission(queue, new QueueLimits(config.maxQueueDepth(),
          config.maxQueueDepthPerProject()), onQueued, clock);
      String blobBase = config.s3() == null ? null : config.s3().publicBaseUrl();
      Dashboard dashboard = new Dashboard(auth, projects, config.publicUrl(), clock, new Services(templates, queue,
          renderList, blobs, sharing, webhooks, config.publicUrl(), new RenderViews(config.publicUrl(), blobBase),
          admission, new dev.platen.api.ProjectAdmin(projects),
          new dev.platen.api.TemplateEditing(templates, previews, json, clock),
          new dev.platen.store.TemplateListStore(db), new dev.platen.store.OverviewStore(db), config.summary(),
          java.util.Optional.ofNullable(Platen.class.getPackage().getImplementationVersion()).orElse("development")));
      HttpApi api = new HttpApi(new HttpApi.Deps(projects, templates, queue, blobs, auth, cipher, json,
          config.publicUrl(), blobBase, admission, readiness, metrics,
          config.metricsKey(), clock, sharing, config.sharing().shareRateLimit(), renderList, webhooks,
          new dev.platen.store.InboundStore(db), completions, previews, dashboard.routes()));
      http = listen(api, host, config, workers, dispatcher, db, metrics, notifications);
      log.info("Platen listening on http://localhost:{} (public URL {})", http.port(), config.publicUrl());
    } else {
      // A worker serves no API, but load balancers, supervisors and Prometheus still need to reach it.
      http = listen(HttpApi.monitoring(readiness, metrics, config.metricsKey(), json), host, config, workers,
          dispatcher, db, metrics, notifications);
      log.info("worker {} serves /health, /ready and /metrics on port {}", processId, http.port());
    }
    return new Platen(stop, db, workers, http, config.runsApi(), renders, blobs, metrics, stopping, dispatcher,
        completions, notifications, previews);
  }

  private static HttpApi listen(HttpApi api, String host, Config config, WorkerPool workers, Dispatcher webhooks,
      Database db, Metrics metrics, RenderNotifications notifications) {
    try {
      return api.start(host, config.port());
    } catch (RuntimeException e) {
      if (workers != null) workers.stop(0);
      webhooks.close();
      metrics.close();
      if (notifications != null) notifications.close();
      db.close();
      if (causedBy(e, java.net.BindException.class)) {
        throw new ConfigException("PLATEN_PORT " + config.port() + " is already in use: stop what listens there "
            + "or choose another port");
      }
      throw e;
    }
  }

  /**
   * The start-up warm-up (PLATEN_WARMUP, decision D26): a throwaway instance of this same stack, on its own SQLite
   * database and files in a temporary directory and a loopback port, takes a few hundred renders over real HTTP and
   * is shut down and deleted before the real instance starts anything. Compiled code and profiles belong to methods,
   * not instances, so the real instance starts with Jetty, Jackson, the driver, the queue and the handlers compiled.
   * Its database, files, metrics registry, keys and threads are its own; it has no webhooks, e-mail, S3 or
   * PostgreSQL; its log is silenced. A warm-up that fails only costs time: the real instance starts anyway.
   */
  private static void warmUp(Config config) {
    long started = System.nanoTime();
    java.nio.file.Path dir;
    try {
      dir = java.nio.file.Files.createTempDirectory("platen-warm-up-");
    } catch (IOException | RuntimeException e) {
      log.warn("start-up warm-up skipped: no temporary directory ({})", e.toString());
      return;
    }
    String key = ApiKeys.generate(false);
    dev.platen.warmup.WarmUpTraffic.Result result;
    dev.platen.warmup.QuietLog.begin();
    try (Platen scratch = start(config.scratch(dir, key), new PrintStream(PrintStream.nullOutputStream()),
        InstantSource.system(), "127.0.0.1", true)) {
      // more clients than carrier threads: with 4 on 2 cores, the scheduler's hand-off always found one idle (D78)
      result = dev.platen.warmup.WarmUpTraffic.run("http://127.0.0.1:" + scratch.port(), key, config.warmUp(),
          Math.max(8, 4 * config.renderThreads()));
      if (!result.failed()) {
        // the lexer meets new states now, in compiled code, rather than at the first template a user publishes (D75)
        LexerRelearning.run(dev.platen.warmup.WarmUpTraffic.htmlLayouts(), RELEARN_PASSES,
            () -> Compilers.awaitQuiet(RELEARN_WAIT));
      }
    } catch (RuntimeException e) {
      result = new dev.platen.warmup.WarmUpTraffic.Result(0, 0, e.toString(), true);
    } finally {
      dev.platen.warmup.QuietLog.end();
    }
    boolean deleted = deleteTree(dir);
    HttpApi.stockBuffers();
    // The throwaway instance's garbage fills most of the young generation: left there, its collection fell in the
    // first real renders after /ready (GC threads 70 ms in the first 200, none in a steady 200). Collected now, the
    // pause is part of the start.
    System.gc();
    long ms = (System.nanoTime() - started) / 1_000_000;
    if (result.failed() || !deleted) {
      log.warn("start-up warm-up: {} ms, {} renders, stopped: {}{}", ms, result.renders(), result.stop(),
          deleted ? "" : "; could not delete " + dir);
    } else {
      log.info("start-up warm-up: {} ms, {} renders in {} rounds over HTTP, stopped: {}", ms, result.renders(),
          result.rounds(), result.stop());
    }
  }

  private static boolean deleteTree(java.nio.file.Path dir) {
    try (java.util.stream.Stream<java.nio.file.Path> all = java.nio.file.Files.walk(dir)) {
      for (java.nio.file.Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(p);
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * With PLATEN_LOG_FORMAT=json every line on standard output is a JSON object, the keys printed once at start-up
   * included, so log shippers need no exception for them.
   */
  private static String jsonLine(String text, JsonMapper json) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("timestamp", System.currentTimeMillis());
    line.put("level", "INFO");
    line.put("loggerName", Platen.class.getName());
    line.put("formattedMessage", text.strip());
    return json.writeValueAsString(line);
  }

  /** E-mail delivery of share links, or null without an SMTP server. */
  private static Sharing.Email email(Config.Sharing c, InstantSource clock) {
    if (c.smtp() == null) return null;
    try {
      SmtpMailer.checkAddress(c.emailFrom());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("PLATEN_EMAIL_FROM " + e.getMessage());
    }
    Config.Smtp s = c.smtp();
    SmtpMailer.Tls tls = s.implicitTls() ? SmtpMailer.Tls.IMPLICIT
        : s.startTlsRequired() ? SmtpMailer.Tls.STARTTLS_REQUIRED : SmtpMailer.Tls.STARTTLS_OPTIONAL;
    // Sent on the request's thread: these bound how long a slow or silent server can hold it.
    SmtpMailer mailer = new SmtpMailer(new SmtpMailer.Settings(s.host(), s.port(), s.user(), s.password(), tls,
        Duration.ofSeconds(10), Duration.ofSeconds(20)), clock);
    return new Sharing.Email(mailer, c.emailFrom(), c.emailAttach(), c.emailTrackOpens());
  }

  private static Sharing sharing(Config.Sharing c, Sharing.Email email, Database db, BlobStore blobs,
      JsonMapper json, InstantSource clock) {
    EngagementStore events = new EngagementStore(db, json);
    return new Sharing(new ShareStore(db, events), events, blobs, clock, c.shareBaseUrl(), email);
  }

  /** Template versions read from the store and prepared for {@code engine} once each. */
  private static VersionCache versionCache(TemplateStore templates, JsonMapper json, PdfEngine engine) {
    return new VersionCache(id -> templates.versionById(id).map(v ->
        new VersionCache.StoredVersion(v.name(), v.layout(), v.pageConfig(), v.publishedAt())), json, engine, 1_000);
  }

  /** The engine workers render with; {@code platen render} takes the same one, so its PDFs are the server's. */
  public static RoutingPdfEngine engine(Config config) {
    EngineSettings engineSettings = engineSettings(config);
    return new RoutingPdfEngine(new DirectPdfEngine(engineSettings), new HtmlPdfEngine(engineSettings));
  }

  private static EngineSettings engineSettings(Config config) {
    return new EngineSettings(config.allowPrivateFetch(), config.maxPages(), Duration.ofSeconds(10), 10L << 20,
        config.maxImagePixels(), config.maxSvgElements());
  }

  /** The configured blob store, its bucket checked; {@code platen migrate} copies PDFs into the same one. */
  public static BlobStore blobStore(Config config) {
    if (config.blobStore() == Config.BlobStoreKind.S3) {
      Config.S3 s3 = config.s3();
      S3BlobStore store = new S3BlobStore(s3.endpoint(), s3.region(), s3.bucket(), s3.accessKey(), s3.secretKey());
      try {
        store.verifyBucket();
      } catch (IOException e) {
        store.close();
        throw new ConfigException("PLATEN_S3_BUCKET " + e.getMessage());
      }
      return store;
    }
    try {
      return new FileBlobStore(config.dataDir().resolve("files"));
    } catch (IOException e) {
      throw new ConfigException("PLATEN_DATA_DIR " + config.dataDir() + " is not writable: " + e.getMessage());
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return true;
    return false;
  }

  /**
   * On an empty database: a default project with a live and a test key, and the account key, printed once. An
   * installation from before account keys gets its account key (and its projects their slugs) on its first start
   * with this version, the key printed then.
   */
  private static void bootstrap(ProjectStore projects, Config config, java.util.function.Consumer<String> console) {
    projects.assignMissingSlugs(name -> Slugs.derive(name, "project"));
    String account = config.bootstrapAccountKey() != null ? config.bootstrapAccountKey() : AccountKeys.generate();
    List<ProjectStore.FirstKey> keys;
    String shown;
    String live = null;
    String test = null;
    if (config.bootstrapKey() != null) {
      String k = config.bootstrapKey();
      keys = List.of(new ProjectStore.FirstKey(ApiKeys.hash(k), ApiKeys.prefix(k), ApiKeys.isTest(k),
          "Bootstrap key"));
    } else {
      live = ApiKeys.generate(false);
      test = ApiKeys.generate(true);
      keys = List.of(new ProjectStore.FirstKey(ApiKeys.hash(live), ApiKeys.prefix(live), false, "Default live key"),
          new ProjectStore.FirstKey(ApiKeys.hash(test), ApiKeys.prefix(test), true, "Default test key"));
    }
    // The other line is said after a restart, and by every process but one when several start together on an
    // empty database.
    boolean projectCreated = projects.createFirstProject("Default project", "default-project", keys,
        ApiKeys.hash(account), ApiKeys.prefix(account)).isPresent();
    boolean accountCreated = projects.createFirstAccountKey(ApiKeys.hash(account), ApiKeys.prefix(account));
    boolean accountFromEnv = config.bootstrapAccountKey() != null;
    if (projectCreated && live != null) {
      shown = """

          Platen created a default project. Its API keys are shown only this once; store them now:
            live key:    %s
            test key:    %s   (renders carry a TEST watermark)
            account key: %s
          """.formatted(live, test, accountFromEnv ? "the value of PLATEN_BOOTSTRAP_ACCOUNT_KEY"
              : account + "   (manages projects and their keys: /v1/projects)");
    } else if (projectCreated) {
      shown = "Platen: created the default project with the key from PLATEN_BOOTSTRAP_KEY; "
          + (accountFromEnv ? "the account key is the value of PLATEN_BOOTSTRAP_ACCOUNT_KEY."
              : "its account key (for /v1/projects), shown only this once: " + account);
    } else if (accountCreated) {
      shown = "Platen: created the account key (for /v1/projects)" + (accountFromEnv
          ? " from PLATEN_BOOTSTRAP_ACCOUNT_KEY." : ", shown only this once: " + account);
    } else {
      shown = "Platen: the database already has a project; its keys are not shown again.";
    }
    console.accept(shown);
  }

  public int port() { return http.port(); }

  /**
   * Blocks until {@link #close} begins or the process must restart; returns the exit status to end with (0, or
   * {@link #RESTART_EXIT_CODE}). A worker-role process has no HTTP server, whose threads would otherwise keep the JVM
   * alive after {@code main} returns.
   */
  public int awaitStop() throws InterruptedException {
    stop.raised.await();
    return stop.restartReason == null ? 0 : RESTART_EXIT_CODE;
  }

  /** Why this process is waiting to be restarted, or null: it answers not-ready meanwhile. */
  public String restartReason() { return stop.restartReason; }

  public RenderStore renders() { return renders; }

  /** The signals of terminal changes this process hears (its own and, on PostgreSQL, other processes'). */
  public Completions completions() { return completions; }

  public Database database() { return db; }

  /**
   * Stops taking requests, lets workers finish or release their renders, then closes the database. A worker's own
   * port answers until its renders are settled, {@code /ready} saying 503 meanwhile.
   */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    stopping.set(true);
    stop.stop();
    // clients waiting on a render (?waitMs=) answer with what they have now instead of holding the server open
    completions.close();
    if (httpServesApi) http.stop();
    if (workers != null) workers.stop(SHUTDOWN_GRACE_MS);
    if (!httpServesApi) http.stop();
    previews.close();
    webhooks.close();
    if (blobs instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("closing the blob store failed: {}", e.toString());
      }
    }
    metrics.close();
    if (notifications != null) notifications.close();
    db.close();
  }
}
