package dev.platen.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * What happens to renders, counted where it happened and only once it committed: the queue counts outcomes when
 * its write returns, the worker times the engine. Series are tagged with project and template ids, of which a
 * deployment may have many, so only the first {@link #MAX_TEMPLATES} (project, template) pairs get series of their
 * own; later ones are counted under {@code other}.
 */
public final class RenderMetrics {
  /** Enough for a deployment's active templates; bounds the series at four outcomes times this. */
  public static final int MAX_TEMPLATES = 500;
  public static final String OTHER = "other";

  private static final Duration[] QUEUE_WAIT_BUCKETS =
      Metrics.durations(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000);
  private static final Duration[] ENGINE_BUCKETS =
      Metrics.durations(1, 3, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000);

  private final MeterRegistry registry;
  private final Set<String> tagged = ConcurrentHashMap.newKeySet();
  // Meters found once per series, as Metrics does for HTTP: registering them ran Micrometer's lookup four times per
  // render, hot enough to be compiled again in a fresh process's first renders after a trap during its start.
  private final Map<String, Timer> queueWaits = new ConcurrentHashMap<>();
  private final Map<String, Timer> engineTimes = new ConcurrentHashMap<>();
  private final Map<Outcome, Counter> outcomes = new ConcurrentHashMap<>();
  private final Counter retries;
  private final Counter takeovers;

  RenderMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.retries = Counter.builder("platen.render.retries")
        .description("Render attempts that failed transiently (or were released at shutdown) and were queued again")
        .register(registry);
    this.takeovers = Counter.builder("platen.render.lease.takeovers")
        .description("Renders claimed from a worker whose lease had expired (it died or stalled)")
        .register(registry);
  }

  public void accepted(String projectId, String templateId) { outcome("accepted", projectId, templateId); }

  public void succeeded(String projectId, String templateId) { outcome("succeeded", projectId, templateId); }

  public void failed(String projectId, String templateId) { outcome("failed", projectId, templateId); }

  public void cancelled(String projectId, String templateId) { outcome("cancelled", projectId, templateId); }

  public void retried() { retries.increment(); }

  public void takenOver() { takeovers.increment(); }

  /**
   * From acceptance to the first claim, for the engine that then drew it ({@code direct}, {@code html}, or
   * {@code none} when the render failed before a document was drawn).
   */
  public void queueWait(String engine, long millis) {
    queueWaits.computeIfAbsent(engine, e -> Timer.builder("platen.render.queue.wait")
            .description("Time from acceptance to a worker's first claim")
            .tag("engine", e)
            .serviceLevelObjectives(QUEUE_WAIT_BUCKETS)
            .register(registry))
        .record(Duration.ofMillis(Math.max(0, millis)));
  }

  /** Time a render spent in the engine, on its render thread. */
  public void engineTime(String engine, long nanos) {
    engineTimes.computeIfAbsent(engine, e -> Timer.builder("platen.render.engine")
            .description("Time spent drawing one document, by engine")
            .tag("engine", e)
            .serviceLevelObjectives(ENGINE_BUCKETS)
            .register(registry))
        .record(Duration.ofNanos(nanos));
  }

  /** The renders this process is producing right now. */
  public void inFlight(IntSupplier count) {
    Gauge.builder("platen.renders.in.flight", count, c -> c.getAsInt())
        .description("Renders being produced by this process")
        .strongReference(true)
        .register(registry);
  }

  private void outcome(String outcome, String projectId, String templateId) {
    String project = projectId == null ? OTHER : projectId;
    String template = templateId == null ? OTHER : templateId;
    String pair = project + "/" + template;
    if (!tagged.contains(pair)) {
      // two threads racing past the size check may admit one pair more than the bound: harmless
      if (tagged.size() < MAX_TEMPLATES) {
        tagged.add(pair);
      } else {
        project = OTHER;
        template = OTHER;
      }
    }
    outcomes.computeIfAbsent(new Outcome(outcome, project, template), k -> Counter.builder("platen.renders")
            .description("Renders by outcome (accepted, succeeded, failed, cancelled), project and template")
            .tags("outcome", k.outcome(), "project", k.project(), "template", k.template())
            .register(registry))
        .increment();
  }

  private record Outcome(String outcome, String project, String template) { }
}
