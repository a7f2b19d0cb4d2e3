package dev.platen.webhooks;

import dev.platen.metrics.WebhookMetrics;
import dev.platen.store.Ids;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox owes. One loop fans outbox rows out into deliveries and claims due ones; a bounded pool of
 * sender threads (never a request or render thread) makes the attempts. Each subscription has at most
 * {@link Settings#perWebhook} attempts in flight in this process, so a receiver that hangs holds that many threads
 * for its timeout and the others keep flowing; renders never wait for any of it.
 */
public final class Dispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * @param threads attempts in flight at once in this process
   * @param perWebhook attempts in flight at once per subscription in this process
   * @param leaseMs how long a claim lasts; longer than an attempt can take (connect and answer, 15 s each)
   * @param idlePollMs how often an idle loop looks for new work
   * @param roundMs the shortest time between two rounds, so that each round's transaction carries several results
   *     and outbox rows under load instead of one
   * @param outboxRetentionMs how long an outbox row is kept after its fan-out, for whoever looks into a delivery
   */
  public record Settings(int threads, int perWebhook, long leaseMs, long idlePollMs, long roundMs, int fanOutBatch,
      long outboxRetentionMs) {
    public static final Settings DEFAULT = new Settings(32, 8, 60_000, 200, 50, 500, 24 * 3_600_000L);
  }

  /** How often, by the injected clock, the loop deletes outbox rows past their retention. */
  static final long PRUNE_EVERY_MS = 60_000;
  /**
   * Rows deleted per transaction, so that a backlog (a database upgraded from before rows were deleted) is cleared a
   * batch per round without holding SQLite's write lock for long.
   */
  static final int PRUNE_BATCH = 1_000;

  private final WebhookStore store;
  private final Sender sender;
  private final RetrySchedule schedule;
  private final InstantSource clock;
  private final Settings settings;
  private final WebhookMetrics metrics;
  private final String owner = "webhooks-" + Ids.token(6);
  /** A few threads more than the loop fills, so a ping is not queued behind hanging receivers. */
  private final ExecutorService pool;
  private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
  /** Results of finished attempts, written by the loop in one transaction per round. */
  private final ConcurrentLinkedQueue<WebhookStore.Result> results = new ConcurrentLinkedQueue<>();
  private final AtomicInteger total = new AtomicInteger();
  private final Object signal = new Object();
  private boolean signalled;
  /** The clock's time of the next prune; a full batch brings it forward to the next round. */
  private long nextPrune = Long.MIN_VALUE;
  private volatile boolean running;
  private volatile boolean closing;
  private Thread loop;

  public Dispatcher(WebhookStore store, Sender sender, RetrySchedule schedule, InstantSource clock,
      Settings settings, WebhookMetrics metrics) {
    this.store = store;
    this.metrics = metrics;
    metrics.inFlight(total::get);
    this.sender = sender;
    this.schedule = schedule;
    this.clock = clock;
    this.settings = settings;
    this.pool = Executors.newFixedThreadPool(settings.threads() + 4,
        Thread.ofVirtual().name("webhook-send-", 0).factory());
  }

  public RetrySchedule schedule() { return schedule; }

  /**
   * Starts the loop. Only processes that run workers call this; an API-only process still answers pings.
   *
   * @param soleProcess true on the embedded database, where leases left at start-up belong to a dead process
   */
  public synchronized void start(boolean soleProcess) {
    if (soleProcess) {
      int released = store.releaseLeases(null);
      if (released > 0) log.info("re-queued {} webhook deliveries interrupted by the previous shutdown", released);
    }
    running = true;
    loop = Thread.ofPlatform().daemon().name("webhook-dispatcher").start(this::loop);
  }

  private void loop() {
    while (running) {
      long started = System.nanoTime();
      boolean worked = false;
      try {
        worked = step();
        prune();
      } catch (RuntimeException e) {
        log.warn("webhook dispatch failed, trying again shortly: {}", e.toString());
        sleep(1_000);
      }
      // an idle loop waits for a finished attempt or the poll; either way rounds are at least roundMs apart
      if (!worked) await(settings.idlePollMs());
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;
      if (elapsedMs < settings.roundMs()) sleep(settings.roundMs() - elapsedMs);
    }
  }

  /**
   * One round, one transaction: record the attempts that finished, fan out what the outbox holds, claim what is
   * due and fits, and start sending it. True when more work is waiting (new claims, or a full fan-out batch).
   */
  private boolean step() {
    List<WebhookStore.Result> finished = drainResults();
    WebhookStore.Round round;
    try {
      round = store.round(new WebhookStore.RoundRequest(owner, clock.millis(), settings.leaseMs(), finished,
          settings.fanOutBatch(), schedule.attempts(), Math.max(0, settings.threads() - total.get()),
          settings.perWebhook(), Map.copyOf(inFlight)));
    } catch (RuntimeException e) {
      // their leases run out and the attempts are made again: at least once, under the same delivery ids
      if (!finished.isEmpty()) log.warn("results of {} webhook deliveries were not recorded", finished.size());
      throw e;
    }
    logDropped(finished.size() - round.recorded());
    for (WebhookStore.Claimed c : round.claimed()) {
      inFlight.merge(c.webhook().id(), 1, Integer::sum);
      total.incrementAndGet();
      pool.execute(() -> {
        try {
          WebhookStore.Result r = attempt(c);
          if (r != null) results.add(r);
        } catch (RuntimeException e) {
          log.warn("webhook delivery {} failed unexpectedly; its lease runs out and it is tried again: {}",
              c.deliveryId(), e.toString());
        } finally {
          inFlight.computeIfPresent(c.webhook().id(), (k, v) -> v <= 1 ? null : v - 1);
          total.decrementAndGet();
          wake();
        }
      });
    }
    return !round.claimed().isEmpty() || round.fannedOut() == settings.fanOutBatch();
  }

  /**
   * Deletes outbox rows past their retention, when one is due: after the loop's round, in its own transaction. A
   * prune that fails is tried again at the next one due; it never goes down the loop's error path, whose pause
   * would slow every delivery for as long as the prune kept failing.
   */
  private void prune() {
    long now = clock.millis();
    if (now < nextPrune) return;
    nextPrune = now + PRUNE_EVERY_MS;
    int deleted;
    try {
      deleted = store.prune(now - settings.outboxRetentionMs(), PRUNE_BATCH);
    } catch (RuntimeException e) {
      log.warn("deleting outbox rows past their retention failed, trying again in a minute: {}", e.toString());
      return;
    }
    if (deleted == PRUNE_BATCH) nextPrune = now;
    if (deleted > 0) log.debug("deleted {} outbox rows fanned out more than {} ms ago", deleted,
        settings.outboxRetentionMs());
  }

  private List<WebhookStore.Result> drainResults() {
    List<WebhookStore.Result> batch = new ArrayList<>();
    for (WebhookStore.Result r; (r = results.poll()) != null; ) batch.add(r);
    return batch;
  }

  private static void logDropped(int dropped) {
    if (dropped > 0) {
      log.info("{} webhook deliveries were requeued or taken over during their attempt; those results are dropped",
          dropped);
    }
  }

  /** Makes one attempt; its result, or null when shutting down (the lease is then given back, not counted). */
  private WebhookStore.Result attempt(WebhookStore.Claimed c) {
    long started = System.nanoTime();
    Sender.Outcome o = sender.send(c, clock.millis());
    if (!o.delivered() && (closing || Thread.currentThread().isInterrupted())) return null;
    metrics.attempt(o.delivered(), c.attempts() >= c.maxAttempts(), System.nanoTime() - started);
    long done = clock.millis();
    String status;
    Long next = null;
    if (o.delivered()) {
      status = Delivery.DELIVERED;
    } else if (c.attempts() >= c.maxAttempts()) {
      status = Delivery.ABANDONED;
      log.info("webhook delivery {} ({}) abandoned after {} attempts: {}", c.deliveryId(), c.event(), c.attempts(),
          o.error());
    } else {
      status = Delivery.FAILED;
      next = done + schedule.delayAfterMs(c.attempts());
    }
    return new WebhookStore.Result(c, status, o.statusCode(), o.error(), next, done);
  }

  /**
   * Sends a {@code webhook.ping} to {@code w} now, on the sender pool, and waits for the outcome: one attempt, not
   * retried, recorded in the delivery log like any other.
   */
  public Delivery ping(Webhook w) throws InterruptedException {
    long now = clock.millis();
    String payload = "{\"event\":\"" + Events.PING + "\",\"webhookId\":\"" + w.id() + "\",\"createdAt\":\""
        + ISO_MILLIS.format(java.time.Instant.ofEpochMilli(now)) + "\"}";
    WebhookStore.Claimed c = store.insertClaimedPing(w, payload, owner, now, settings.leaseMs());
    Future<WebhookStore.Result> f = pool.submit(() -> attempt(c));
    try {
      WebhookStore.Result r = f.get(3 * Sender.TIMEOUT_MS, TimeUnit.MILLISECONDS);
      if (r != null) logDropped(store.record(r) ? 0 : 1); // at once: the caller is waiting to see it
    } catch (ExecutionException | TimeoutException e) {
      log.warn("ping {} did not finish: {}", c.deliveryId(), e.toString());
    }
    return store.delivery(w.id(), c.deliveryId()).orElseThrow();
  }

  /** Asks an idle loop to look for work now (an attempt finished, so there is room). */
  public void wake() {
    synchronized (signal) {
      signalled = true;
      signal.notifyAll();
    }
  }

  private void await(long ms) {
    synchronized (signal) {
      if (!signalled && ms > 0) {
        try {
          signal.wait(ms);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
      signalled = false;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops claiming, abandons attempts in flight without counting them as failed, and gives their leases back. */
  @Override
  public void close() {
    Thread l;
    closing = true;
    synchronized (this) {
      running = false;
      l = loop;
    }
    wake();
    if (l != null) {
      try {
        l.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sender.close();
    try {
      List<WebhookStore.Result> finished = drainResults();
      if (!finished.isEmpty()) {
        logDropped(finished.size() - store.round(new WebhookStore.RoundRequest(owner, clock.millis(),
            settings.leaseMs(), finished, 0, schedule.attempts(), 0, settings.perWebhook(), Map.of())).recorded());
      }
      store.releaseLeases(owner);
    } catch (RuntimeException e) {
      log.warn("webhook leases could not be released; they expire in {} ms: {}", settings.leaseMs(), e.toString());
    }
  }
}
