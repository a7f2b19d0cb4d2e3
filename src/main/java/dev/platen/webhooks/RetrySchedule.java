package dev.platen.webhooks;

import java.time.Duration;
import java.util.List;

/**
 * When each attempt of a delivery is made, counted from the first: by default about 0 s, 10 s, 1 min, 5 min, 30 min
 * and 2 h (the product's decision 13), then abandoned; {@code PLATEN_WEBHOOK_RETRY_SCHEDULE} changes it. The wait
 * after a failed attempt is the gap to the next offset, so a slow attempt pushes the rest back by its own duration
 * only.
 */
public record RetrySchedule(List<Duration> offsets) {
  public RetrySchedule {
    offsets = List.copyOf(offsets);
    if (offsets.isEmpty()) throw new IllegalArgumentException("a retry schedule needs at least one attempt");
  }

  public int attempts() { return offsets.size(); }

  /** The wait after attempt {@code made} (1-based) failed; only meaningful while {@code made < attempts()}. */
  public long delayAfterMs(int made) {
    int i = Math.max(1, Math.min(made, offsets.size() - 1));
    return Math.max(0, offsets.get(i).toMillis() - offsets.get(i - 1).toMillis());
  }
}
