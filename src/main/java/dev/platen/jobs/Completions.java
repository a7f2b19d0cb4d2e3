package dev.platen.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells this process that a render reached a terminal status, so a client waiting on it ({@code ?waitMs=}) and a
 * worker rendering it (to interrupt a cancelled render) learn of it without reading the database in a loop. The
 * queue signals a change after its transaction committed; on PostgreSQL changes committed by other processes arrive
 * through {@code LISTEN/NOTIFY} ({@code store/RenderNotifications}). A signal carries only the render's id: whoever
 * wakes reads the record once, so a duplicate or a spurious signal costs one read and never a wrong answer.
 */
public final class Completions {
  private static final Logger log = LoggerFactory.getLogger(Completions.class);

  private final ConcurrentHashMap<String, List<CompletableFuture<Void>>> watchers = new ConcurrentHashMap<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean closed;

  /**
   * A future that completes at the next signal about {@code renderId} (or at {@link #wakeAll}). Watch before
   * reading the record, so a completion between the read and the wait is not missed; {@link #unwatch} after.
   */
  public CompletableFuture<Void> watch(String renderId) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    watchers.compute(renderId, (id, list) -> {
      List<CompletableFuture<Void>> l = list == null ? new ArrayList<>(1) : list;
      l.add(f);
      return l;
    });
    waiting.incrementAndGet();
    if (closed) f.complete(null);
    return f;
  }

  public void unwatch(String renderId, CompletableFuture<Void> f) {
    watchers.computeIfPresent(renderId, (id, list) -> {
      // each future leaves the map once: here, or with a signal that completes it
      if (list.remove(f)) waiting.decrementAndGet();
      return list.isEmpty() ? null : list;
    });
  }

  /** Runs {@code listener} with the id of every render signalled, on the signalling thread: keep it short. */
  public void onCompleted(Consumer<String> listener) {
    listeners.add(listener);
  }

  /** {@code renderId} reached a terminal status (committed). */
  public void completed(String renderId) {
    wake(watchers.remove(renderId));
    for (Consumer<String> l : listeners) {
      try {
        l.accept(renderId);
      } catch (RuntimeException e) {
        log.warn("a completion listener failed for render {}: {}", renderId, e.toString());
      }
    }
  }

  /**
   * Wakes every waiter to read its record again: after signals may have been missed (the notification connection
   * was lost), and at shutdown.
   */
  public void wakeAll() {
    for (String id : List.copyOf(watchers.keySet())) {
      wake(watchers.remove(id));
    }
  }

  private void wake(List<CompletableFuture<Void>> woken) {
    if (woken == null) return;
    waiting.addAndGet(-woken.size());
    woken.forEach(f -> f.complete(null));
  }

  /** Shutdown: every waiter answers now, and later ones do not wait. */
  public void close() {
    closed = true;
    wakeAll();
  }

  public boolean closed() { return closed; }

  /** Waits under way right now (a render waited on twice counts twice). */
  public int waiting() { return waiting.get(); }
}
