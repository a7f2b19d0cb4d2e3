package dev.platen.api;

import dev.platen.auth.Authenticator;
import dev.platen.auth.KeyCipher;
import dev.platen.blob.BlobStore;
import dev.platen.errors.PlatenException;
import dev.platen.jobs.RenderQueue;
import dev.platen.metrics.Metrics;
import dev.platen.sharing.Sharing;
import dev.platen.store.ProjectStore;
import dev.platen.store.TemplateStore;
import dev.platen.webhooks.Webhooks;
import io.javalin.Javalin;
import jakarta.servlet.DispatcherType;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.Pool;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the HTTP server: the handlers, the route table, the error mapping and the request log, on virtual threads.
 */
public final class HttpApi {
  private final Javalin app;
  private final Routes routes;

  public record Deps(ProjectStore projects, TemplateStore templates, RenderQueue renders, BlobStore blobs,
      Authenticator auth, KeyCipher cipher, JsonMapper json, String publicUrl, String blobPublicBaseUrl,
      dev.platen.jobs.RenderAdmission admission, Readiness readiness, Metrics metrics, String metricsKey, InstantSource clock,
      Sharing sharing, int shareRateLimit, dev.platen.store.RenderListStore renderList,
      Webhooks webhooks, dev.platen.store.InboundStore inbound,
      dev.platen.jobs.Completions completions, dev.platen.jobs.Previews previews,
      java.util.List<Routes.Route> dashboard) {}

  /** The whole API. */
  public HttpApi(Deps d) {
    Bodies out = new Bodies(d.json());
    RenderViews views = new RenderViews(d.publicUrl(), d.blobPublicBaseUrl());
    RendersApi renders = new RendersApi(d.templates(), d.renders(), d.blobs(), d.json(), out, views,
        d.admission(), d.clock(), d.renderList(), d.completions());
    TemplateEditing editing = new TemplateEditing(d.templates(), d.previews(), d.json(), d.clock());
    this.routes = new Routes(d.auth(),
        new TemplatesApi(d.templates(), editing, d.json(), out),
        renders,
        new AdminApi(d.auth(), d.projects(), d.cipher(), d.json(), out),
        new HealthApi(d.readiness(), out), new MetricsApi(d.metrics(), d.metricsKey()), new DocsApi(),
        new SharesApi(d.renders(), d.sharing(), d.json(), out),
        new EngagementApi(d.renders(), d.sharing(), d.json(), out),
        new SharePages(d.sharing(), new PublicRateLimit(d.shareRateLimit(), d.clock())),
        new WebhooksApi(d.webhooks(), d.json(), out, d.clock()),
        new ProjectsApi(new ProjectAdmin(d.projects()), d.json(), out),
        new InboundApi(d.templates(), d.inbound(), renders.intake(), views, d.json(), out, d.publicUrl(),
            d.clock()),
        new PreviewsApi(editing, d.json()), d.dashboard());
    this.app = server(routes, d.json(), d.metrics());
  }

  private HttpApi(Routes routes, Javalin app) {
    this.routes = routes;
    this.app = app;
  }

  /** A worker process's own port: {@code /health}, {@code /ready} and {@code /metrics}, and no API. */
  public static HttpApi monitoring(Readiness readiness, Metrics metrics, String metricsKey, JsonMapper json) {
    Bodies out = new Bodies(json);
    Routes routes = Routes.monitoringOnly(new HealthApi(readiness, out), new MetricsApi(metrics, metricsKey));
    return new HttpApi(routes, server(routes, json, metrics));
  }

  /** Connections the kernel may hold for this server before it accepts them. */
  static final int ACCEPT_QUEUE = 4_096;
  /** Jetty's default buffer sizes: one bucket per 4 KB up to 64 KB; larger buffers are not pooled. */
  private static final int BUFFER_STEP = 4_096;
  private static final int BUFFER_MAX = 65_536;

  /**
   * The request and response buffers of every server in this process. A pool with no buffer free hands out one of
   * another class ({@code ArrayByteBufferPool$ReservedBuffer}) and keeps it when it comes back: the JIT compiles
   * request reading and response writing for the class it met. The start-up warm-up's server shares the real one's
   * pool, so the real server starts with the warm-up's buffers, and {@link #stockBuffers} adds to them (D78).
   */
  private static final ArrayByteBufferPool BUFFERS = new ArrayByteBufferPool(0, BUFFER_STEP, BUFFER_MAX);

  /**
   * Buffers of each size in use that the pool holds when the real server starts: more requests in flight at once
   * than any one bucket has buffers for empty it and meet the other class.
   */
  static final int STOCKED_BUFFERS = 64;

  /**
   * Stocks each buffer size the servers so far have taken from the pool (the start-up warm-up's) with
   * {@link #STOCKED_BUFFERS} buffers. The warm-up's clients (4 on 2 cores, then) never emptied a bucket, so the JIT
   * compiled Jetty's request and response buffer handling for pooled buffers only; 8 clients at once emptied the
   * buckets at the real server's first requests, and that code trapped at a dozen places
   * ({@code HttpConnection.parseRequestBuffer}, {@code fillRequestBuffer}, {@code HttpOutput.lockedReleaseBuffer},
   * {@code ConcurrentPool.acquire}'s loop…) and ran interpreted until C2 compiled it again, in 8 runs of 8.
   * Emptied here, before the first request, the compiled pool code traps once, now. The warm-up uses two sizes, 8 KB
   * (requests) and 32 KB (responses), both direct (4 clients left 6 and 2 of them): 2.5 MB stocked.
   */
  public static void stockBuffers() {
    for (Bucket bucket : buckets()) {
      int size = bucket.pool().size();
      if (size == 0 || size >= STOCKED_BUFFERS) continue;
      List<RetainableByteBuffer> taken = new ArrayList<>(STOCKED_BUFFERS);
      for (int i = 0; i < STOCKED_BUFFERS; i++) taken.add(BUFFERS.acquire(bucket.capacity(), bucket.direct()));
      taken.forEach(RetainableByteBuffer::release);
    }
  }

  /** The fewest buffers any size in use holds, or -1 if none is in use: what {@link #stockBuffers} sees to. */
  static int leastStocked() {
    return buckets().stream().mapToInt(b -> b.pool().size()).filter(n -> n > 0).min().orElse(-1);
  }

  private record Bucket(int capacity, boolean direct, Pool<?> pool) {}

  private static List<Bucket> buckets() {
    List<Bucket> all = new ArrayList<>();
    for (boolean direct : new boolean[] {true, false}) {
      for (int capacity = BUFFER_STEP; capacity <= BUFFER_MAX; capacity += BUFFER_STEP) {
        all.add(new Bucket(capacity, direct, BUFFERS.poolFor(capacity, direct)));
      }
    }
    return all;
  }

  private static Javalin server(Routes routes, JsonMapper json, Metrics metrics) {
    ApiErrors errors = new ApiErrors(json);
    RequestLog requests = new RequestLog(metrics);
    return Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.concurrency.useVirtualThreads = true;
      config.http.prefer405over404 = true;
      // Bodies are read and bounded by Json.readBody; this only keeps Javalin's own reader out of the way.
      config.http.maxRequestSize = Json.MAX_BODY_BYTES + 1L;
      // Javalin copies each answer to the response through a new buffer of this size (by default Jetty's output
      // buffer, 32 KB): that buffer was three quarters of the bytes GET /v1/renders/:id allocated under load, and its
      // young collections paused requests. Jetty's own buffer still gathers the copies of a larger answer; PDFs are
      // written past Javalin (Downloads.write).
      config.http.responseBufferSize = 2_048;
      JettyErrors jettyErrors = new JettyErrors();
      config.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
      // Javalin's own connector but for the buffer pool: called as the server starts, after start(host, port) set
      // where it listens
      var jettyConfig = config.jetty;
      config.jetty.addConnector((server, http) -> {
        var connector = new org.eclipse.jetty.server.ServerConnector(server, null, null, BUFFERS, -1, -1,
            new org.eclipse.jetty.server.HttpConnectionFactory(http));
        connector.setHost(jettyConfig.host);
        connector.setPort(jettyConfig.port);
        // Jetty leaves the listen backlog to Java's default of 50: a burst of connections beyond it (2,000 clients
        // starting a long-poll at once) has its SYNs dropped and retried after 1, 2, 4, 8… s. The kernel still caps
        // it at net.core.somaxconn.
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        return connector;
      });
      config.jetty.modifyServletContextHandler(handler -> {
        handler.setErrorHandler(jettyErrors);
        handler.addFilter(new FilterHolder(new NoMethodOverride()), "/*", EnumSet.of(DispatcherType.REQUEST));
        handler.addFilter(new FilterHolder(new UnreadBodies()), "/*", EnumSet.of(DispatcherType.REQUEST));
      });
      config.routes.before(requests::begin);
      config.requestLogger.http(requests::end);
      routes.register(config);
      config.routes.exception(PlatenException.class, errors::platen);
      config.routes.exception(Exception.class, errors::unexpected);
      for (int status : new int[] {404, 405, 413}) config.routes.error(status, "*", errors::status);
    });
  }

  public Routes routes() { return routes; }

  public HttpApi start(int port) {
    return start(null, port);
  }

  /** @param host the address to listen on, or null for every interface */
  public HttpApi start(String host, int port) {
    if (host == null) app.start(port);
    else app.start(host, port);
    return this;
  }

  public int port() { return app.port(); }

  public void stop() {
    app.stop();
  }
}
