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
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
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

  /**
   * The request and response buffers of every server in this process. A fresh pool hands out a buffer of another
   * class ({@code ArrayByteBufferPool$ReservedBuffer}) until it holds as many as the traffic needs at once; the
   * start-up warm-up's server filled its own, so the JIT compiled request reading for pooled buffers only and
   * recompiled it when the real server's first requests met reserved ones (Jetty's HttpInput.read, 94-171 ms of C2 in
   * the first 200 renders, 4 runs of 4). Shared, the real server starts with the warm-up's buffers; the recompile was
   * seen in 1 run of 11 since, as the training's own profile can lack one of the two classes (D77).
   */
  private static final org.eclipse.jetty.io.ByteBufferPool BUFFERS = new org.eclipse.jetty.io.ArrayByteBufferPool();

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
