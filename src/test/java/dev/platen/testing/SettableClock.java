package dev.platen.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test says so: leases, retries and backoff are tested by advancing it. */
public final class SettableClock implements InstantSource {
  private final AtomicLong millis;

  public SettableClock(long startMillis) {
    this.millis = new AtomicLong(startMillis);
  }

  @Override
  public Instant instant() { return Instant.ofEpochMilli(millis.get()); }

  @Override
  public long millis() { return millis.get(); }

  public void advance(Duration d) {
    millis.addAndGet(d.toMillis());
  }
}
