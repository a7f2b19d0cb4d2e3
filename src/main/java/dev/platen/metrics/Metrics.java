package dev.platen.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * One process's metrics, rendered at {@code GET /metrics} in the Prometheus text format. Each {@code Platen} owns its
 * own registry (tests run several in one JVM), so nothing here is global.
 */
public final class Metrics implements AutoCloseable {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Metrics.class);
  /** Bucket bounds of HTTP latency: most answers take milliseconds, a PDF download of a big document seconds. */
  private static final Duration[] HTTP_BUCKETS = durations(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RenderMetrics renders = new RenderMetrics(registry);
  private final WebhookMetrics webhooks = new WebhookMetrics(registry);
  /** The request timer of each method, route template and status seen. */
  private final java.util.concurrent.ConcurrentHashMap<HttpSeries, Timer> httpTimers =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record HttpSeries(String method, String route, int status) {}
  private JvmGcMetrics gc;

  /** Adds the JVM's memory, garbage collection, threads, class loading, CPU and uptime. */
  public Metrics bindJvm() {
    new JvmMemoryMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return this;
  }

  /** For libraries that publish their own meters (the connection pool). */
  public MeterRegistry registry() { return registry; }

  public RenderMetrics renders() { return renders; }

  public WebhookMetrics webhooks() { return webhooks; }

  /** Pool size, active and queued tasks, and completed tasks of {@code executor}, tagged {@code name}. */
  public void monitorExecutor(String name, ExecutorService executor) {
    new ExecutorServiceMetrics(executor, name, List.of()).bindTo(registry);
  }

  /**
   * Unfinished renders by status. The counts come from the database, so they are read at most once a second
   * however often Prometheus (or several) scrape, and they are the same in every process: aggregate with max().
   *
   * @param statuses every status {@code counts} may report, so each has a series from the start
   */
  public void queueDepth(List<String> statuses, Supplier<Map<String, Long>> counts) {
    CachedCounts cached = new CachedCounts(counts, 1_000);
    for (String status : statuses) {
      Gauge.builder("platen.queue.depth", cached, c -> c.get(status))
          .description("Unfinished renders by status, read from the queue at most once a second")
          .tag("status", status)
          // gauges hold their object weakly by default; nothing else holds this one
          .strongReference(true)
          .register(registry);
    }
  }

  /** Clients waiting right now for a render to finish ({@code GET /v1/renders/:id?waitMs=}). */
  public void renderWaiters(java.util.function.IntSupplier waiting) {
    Gauge.builder("platen.render.waiters", waiting, w -> w.getAsInt())
        .description("Requests waiting for a render to finish (GET /v1/renders/:id?waitMs=)")
        .strongReference(true)
        .register(registry);
  }

  /**
   * One answered HTTP request.
   *
   * @param route the matched route template ({@code /v1/renders/{id}}), never the raw path, so the number of series
   *     stays bounded
   */
  public void httpRequest(String method, String route, int status, long nanos) {
    // found once per series: building and registering a timer for every request cost more than recording into it
    httpTimers.computeIfAbsent(new HttpSeries(method, route, status), k -> Timer.builder("http.server.requests")
            .description("HTTP requests by method, route template and status")
            .tags("method", k.method(), "route", k.route(), "status", Integer.toString(k.status()))
            .serviceLevelObjectives(HTTP_BUCKETS)
            .register(registry))
        .record(Duration.ofNanos(nanos));
  }

  /** The Prometheus text exposition format (version 0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    if (gc != null) gc.close();
    registry.close();
  }

  static Duration[] durations(long... millis) {
    Duration[] d = new Duration[millis.length];
    for (int i = 0; i < millis.length; i++) d[i] = Duration.ofMillis(millis[i]);
    return d;
  }

  /** A database read shared by several gauges and repeated at most every {@code maxAgeMs}. */
  private static final class CachedCounts {
    private final Supplier<Map<String, Long>> source;
    private final long maxAgeNanos;
    private Map<String, Long> counts = Map.of();
    private long readAt;
    private boolean read;

    CachedCounts(Supplier<Map<String, Long>> source, long maxAgeMs) {
      this.source = source;
      this.maxAgeNanos = maxAgeMs * 1_000_000;
    }

    synchronized double get(String status) {
      long now = System.nanoTime();
      if (!read || now - readAt >= maxAgeNanos) {
        read = true;
        readAt = now;
        try {
          counts = source.get();
        } catch (RuntimeException e) {
          // the database is away: say "unknown" rather than a stale number, and try again next time
          if (counts != null) log.warn("queue depth could not be read: {}", e.toString());
          counts = null;
        }
      }
      if (counts == null) return Double.NaN;
      return counts.getOrDefault(status, 0L);
    }
  }
}
