package dev.platen;

import dev.platen.api.HttpApi;
import dev.platen.api.Json;
import dev.platen.api.RenderViews;
import dev.platen.auth.ApiKeys;
import dev.platen.auth.Authenticator;
import dev.platen.auth.KeyCipher;
import dev.platen.blob.BlobStore;
import dev.platen.blob.FileBlobStore;
import dev.platen.blob.S3BlobStore;
import dev.platen.config.Config;
import dev.platen.config.ConfigException;
import dev.platen.jobs.RenderThreads;
import dev.platen.jobs.RetryPolicy;
import dev.platen.jobs.VersionCache;
import dev.platen.jobs.Worker;
import dev.platen.jobs.WorkerPool;
import dev.platen.render.EngineSettings;
import dev.platen.render.direct.DirectPdfEngine;
import dev.platen.render.direct.RoutingPdfEngine;
import dev.platen.render.html.HtmlPdfEngine;
import dev.platen.store.Database;
import dev.platen.store.Ids;
import dev.platen.store.ProjectStore;
import dev.platen.store.RenderStore;
import dev.platen.store.TemplateStore;
import dev.platen.webhooks.Dispatcher;
import dev.platen.webhooks.RenderEvents;
import dev.platen.webhooks.RetrySchedule;
import dev.platen.webhooks.Sender;
import dev.platen.webhooks.TargetPolicy;
import dev.platen.webhooks.WebhookStore;
import dev.platen.webhooks.Webhooks;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
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

  private final Database db;
  private final WorkerPool workers;
  private final HttpApi http;
  private final RenderStore renders;
  private final BlobStore blobs;
  private final Dispatcher webhooks;
  /** The exit status that asks the launcher or supervisor to start the process again (EX_TEMPFAIL). */
  public static final int RESTART_EXIT_CODE = 75;

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

  private Platen(StopSignal stop, Database db, WorkerPool workers, HttpApi http, RenderStore renders,
      BlobStore blobs, Dispatcher webhooks) {
    this.stop = stop;
    this.webhooks = webhooks;
    this.blobs = blobs;
    this.db = db;
    this.workers = workers;
    this.http = http;
    this.renders = renders;
  }

  public static Platen start(Config config, PrintStream console) {
    return start(config, console, InstantSource.system());
  }

  /** @param clock the one source of time for leases, retries and timestamps (tests pass a settable one) */
  public static Platen start(Config config, PrintStream console, InstantSource clock) {
    JsonMapper json = Json.newMapper();
    StopSignal stop = new StopSignal();
    Database db = config.usesPostgres()
        ? Database.postgres(config.databaseUrl(), config.databaseUser(), config.databasePassword(),
            Math.max(10, config.renderThreads() * 2 + 4))
        : Database.sqlite(config.dataDir().resolve("platen.db"));
    ProjectStore projects = new ProjectStore(db, clock);
    TemplateStore templates = new TemplateStore(db, clock);
    // render.succeeded / render.failed go to the outbox in the status change's own transaction
    RenderStore renders = new RenderStore(db, new RenderEvents(new RenderViews(config.publicUrl(),
        config.s3() == null ? null : config.s3().publicBaseUrl())::webhookBody, json));
    BlobStore blobs;
    if (config.blobStore() == Config.BlobStoreKind.S3) {
      Config.S3 s3 = config.s3();
      S3BlobStore store = new S3BlobStore(s3.endpoint(), s3.region(), s3.bucket(), s3.accessKey(), s3.secretKey());
      try {
        store.verifyBucket();
      } catch (IOException e) {
        store.close();
        db.close();
        throw new ConfigException("PLATEN_S3_BUCKET " + e.getMessage());
      }
      blobs = store;
    } else {
      try {
        blobs = new FileBlobStore(config.dataDir().resolve("files"));
      } catch (IOException e) {
        db.close();
        throw new ConfigException("PLATEN_DATA_DIR " + config.dataDir() + " is not writable: " + e.getMessage());
      }
    }
    bootstrap(projects, config, console);

    if (db.vendor() == Database.Vendor.SQLITE) {
      int released = renders.releaseAllLeases(clock.millis());
      if (released > 0) log.info("re-queued {} renders interrupted by the previous shutdown", released);
    }
    TargetPolicy targets = new TargetPolicy(config.webhooks().allowPrivate());
    WebhookStore hooks = new WebhookStore(db);
    Dispatcher dispatcher = new Dispatcher(hooks, new Sender(targets),
        new RetrySchedule(config.webhooks().attemptOffsets()), clock, Dispatcher.Settings.DEFAULT);
    // Worker processes send; an API-only process only answers pings.
    if (config.runsWorkers()) dispatcher.start(db.vendor() == Database.Vendor.SQLITE);
    WorkerPool workers = null;
    if (config.runsWorkers()) {
      EngineSettings engineSettings = new EngineSettings(config.allowPrivateFetch(), config.maxPages(),
          Duration.ofSeconds(10), 10L << 20);
      // Canvas layouts the direct PDFBox path can draw go there (about 6x faster); everything else, and HTML
      // layouts, go through openhtmltopdf. Golden tests hold both to the same output.
      RoutingPdfEngine engine = new RoutingPdfEngine(new DirectPdfEngine(engineSettings),
          new HtmlPdfEngine(engineSettings));
      VersionCache versions = new VersionCache(id -> templates.versionById(id).map(v ->
          new VersionCache.StoredVersion(v.name(), v.layout(), v.pageConfig(), v.publishedAt())), json, engine,
          1_000);
      String workerId = "worker-" + Ids.token(6);
      WorkerPool[] pool = new WorkerPool[1];
      RenderThreads renderThreads = WorkerPool.renderThreads(config.renderThreads(), () -> {
        // Renders deaf to interruption hold every thread this process may add: only a new process gets the CPU
        // and memory back. Claim nothing more; the launcher or supervisor starts a fresh process, and the leases
        // of anything unfinished let it (or another worker) take those renders over.
        pool[0].stopClaiming();
        log.error("worker {} stops claiming renders and restarts (exit status {})", workerId, RESTART_EXIT_CODE);
        stop.restart("render threads are held by timed-out renders that cannot be stopped");
      });
      Worker worker = new Worker(renders, versions, blobs, json, clock, new Worker.Settings(
          config.leaseMs(), config.renderTimeoutMs(), workerId, RetryPolicy.DEFAULT), renderThreads);
      workers = new WorkerPool(worker, renderThreads);
      pool[0] = workers;
      workers.warmUp(engine::warmUp);
      workers.start();
      log.info("worker {} ready: {} render threads", workerId, config.renderThreads());
    }
    HttpApi http = null;
    if (config.runsApi()) {
      WorkerPool w = workers;
      Authenticator auth = new Authenticator(projects, config.adminKey());
      KeyCipher cipher = config.adminKey() == null ? null : new KeyCipher(config.adminKey());
      HttpApi api = new HttpApi(new HttpApi.Deps(projects, templates, renders, blobs, auth, cipher, json,
          config.publicUrl(), config.s3() == null ? null : config.s3().publicBaseUrl(), config.maxQueueDepth(),
          config.maxQueueDepthPerProject(), w == null ? () -> { } : w::wake, db::healthy, clock,
          new Webhooks(hooks, targets, dispatcher)));
      try {
        http = api.start(config.port());
      } catch (RuntimeException e) {
        if (workers != null) workers.stop(0);
        dispatcher.close();
        db.close();
        if (causedBy(e, java.net.BindException.class)) {
          throw new ConfigException("PLATEN_PORT " + config.port() + " is already in use: stop what listens there "
              + "or choose another port");
        }
        throw e;
      }
      log.info("Platen listening on http://localhost:{} (public URL {})", http.port(), config.publicUrl());
    }
    return new Platen(stop, db, workers, http, renders, blobs, dispatcher);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return true;
    return false;
  }

  /** On an empty database: a default project with a live and a test key, printed once. */
  private static void bootstrap(ProjectStore projects, Config config, PrintStream console) {
    List<ProjectStore.FirstKey> keys;
    String shown;
    if (config.bootstrapKey() != null) {
      String k = config.bootstrapKey();
      keys = List.of(new ProjectStore.FirstKey(ApiKeys.hash(k), ApiKeys.prefix(k), ApiKeys.isTest(k),
          "Bootstrap key"));
      shown = "Platen: created the default project with the key from PLATEN_BOOTSTRAP_KEY.";
    } else {
      String live = ApiKeys.generate(false);
      String test = ApiKeys.generate(true);
      keys = List.of(new ProjectStore.FirstKey(ApiKeys.hash(live), ApiKeys.prefix(live), false, "Default live key"),
          new ProjectStore.FirstKey(ApiKeys.hash(test), ApiKeys.prefix(test), true, "Default test key"));
      shown = """

          Platen created a default project. Its API keys are shown only this once; store them now:
            live key: %s
            test key: %s   (renders carry a TEST watermark)
          """.formatted(live, test);
    }
    // The other line is said after a restart, and by every process but one when several start together on an
    // empty database.
    console.println(projects.createFirstProject("Default project", keys).isPresent() ? shown
        : "Platen: the database already has a project; its keys are not shown again.");
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

  public Database database() { return db; }

  /** Stops taking requests, lets workers finish or release their renders, then closes the database. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    stop.stop();
    if (http != null) http.stop();
    if (workers != null) workers.stop(SHUTDOWN_GRACE_MS);
    webhooks.close();
    if (blobs instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("closing the blob store failed: {}", e.toString());
      }
    }
    db.close();
  }
}
