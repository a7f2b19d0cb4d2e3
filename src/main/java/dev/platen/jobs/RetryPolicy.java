package dev.platen.jobs;

import java.util.concurrent.ThreadLocalRandom;

/** Transient failures: 5 attempts in all, waiting 5 s, 15 s, 45 s, 135 s (capped at 5 min), ±20% jitter. */
public record RetryPolicy(int maxAttempts, long firstDelayMs, long maxDelayMs) {
  public static final RetryPolicy DEFAULT = new RetryPolicy(5, 5_000, 300_000);

  public boolean mayRetry(int attemptsSoFar) {
    return attemptsSoFar < maxAttempts;
  }

  /** Delay before the attempt after {@code attemptsSoFar} failed ones. */
  public long delayMs(int attemptsSoFar) {
    double base = Math.min(maxDelayMs, firstDelayMs * Math.pow(3, Math.max(0, attemptsSoFar - 1)));
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return (long) (base * jitter);
  }
}
