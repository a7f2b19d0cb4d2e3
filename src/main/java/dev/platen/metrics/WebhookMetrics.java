package dev.platen.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Webhook attempts made by this process. Not tagged by subscription or project: receivers come and go, and an
 * operator asks "are deliveries failing", which the outcome answers; the delivery log answers "whose".
 */
public final class WebhookMetrics {
  private static final Duration[] SEND_BUCKETS = Metrics.durations(10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000,
      15_000);

  private final MeterRegistry registry;
  private final Timer delivered;
  private final Timer failed;
  private final Counter abandoned;

  WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.delivered = attempts("delivered");
    this.failed = attempts("failed");
    this.abandoned = Counter.builder("platen.webhook.abandoned")
        .description("Deliveries given up after their last attempt (they can still be retried over the API)")
        .register(registry);
  }

  private Timer attempts(String outcome) {
    return Timer.builder("platen.webhook.attempts")
        .description("Webhook delivery attempts by outcome (delivered: a 2xx; failed: anything else, refused "
            + "targets and timeouts included), with the time each took")
        .tag("outcome", outcome)
        .serviceLevelObjectives(SEND_BUCKETS)
        .register(registry);
  }

  /** One attempt ended; {@code lastOne} when it failed and no attempt is left. */
  public void attempt(boolean ok, boolean lastOne, long nanos) {
    (ok ? delivered : failed).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    if (!ok && lastOne) abandoned.increment();
  }

  /** Attempts this process has under way. */
  public void inFlight(IntSupplier count) {
    Gauge.builder("platen.webhook.in.flight", count, c -> c.getAsInt())
        .description("Webhook attempts being sent by this process")
        .strongReference(true)
        .register(registry);
  }
}
