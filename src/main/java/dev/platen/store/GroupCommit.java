package dev.platen.store;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's one writer: a platform thread that owns one connection and runs every write transaction of the process.
 * Writes that arrive while a transaction commits wait for the next one, which then runs all of them, each under its
 * own savepoint, and commits once: one WAL sync per batch instead of one per write, and a caller is answered only
 * after the batch holding its write committed. A write that throws is rolled back alone (to its savepoint) and
 * the others still commit.
 *
 * <p>The connection stays in auto-commit mode and the thread says {@code BEGIN IMMEDIATE} and {@code COMMIT}
 * itself: the driver's {@code commit()} opens the next transaction at once, and {@code setAutoCommit(true)} then
 * commits that empty one, a second lock round per write. Statements are prepared once per SQL text
 * ({@link CachingStatementBuilder}). Native SQLite calls run on this thread, not on the virtual threads that
 * serve HTTP, which only wait for the answer.
 */
final class GroupCommit implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
  /** Writes in one transaction at most: bounds how long the first of them waits for its commit. */
  static final int MAX_BATCH = 128;

  private final Handle handle;
  /** BEGIN, COMMIT, ROLLBACK and the savepoints, prepared once. */
  private final java.util.Map<String, java.sql.PreparedStatement> control = new java.util.HashMap<>();
  private final LinkedBlockingQueue<Op<?>> pending = new LinkedBlockingQueue<>();
  private final Thread thread;
  /** Run after the current batch committed, in order; only the writer thread touches it. */
  private final List<Runnable> afterCommit = new ArrayList<>();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  /** Work a caller asked to run at the start of its own next write ({@link #beforeNextWrite}). */
  private final ThreadLocal<HandleConsumer<RuntimeException>> joining = new ThreadLocal<>();
  private volatile boolean closed;

  private static final class Op<R> {
    final HandleCallback<R, ?> work;
    final CompletableFuture<R> done = new CompletableFuture<>();
    R value;
    Throwable failure;

    Op(HandleCallback<R, ?> work) {
      this.work = work;
    }

    void run(Handle h) throws Exception {
      value = work.withHandle(h);
    }
  }

  GroupCommit(Handle handle) throws SQLException {
    this.handle = handle;
    handle.setStatementBuilder(new CachingStatementBuilder());
    this.thread = Thread.ofPlatform().name("sqlite-writer").daemon(true).start(this::loop);
  }

  /** Runs {@code work} in the next batch and returns once that batch committed (or throws what {@code work} threw). */
  <R, X extends Exception> R write(HandleCallback<R, X> work) throws X {
    // A write made from inside a write is part of it, as it was with a reentrant lock.
    if (Thread.currentThread() == thread) return work.withHandle(handle);
    HandleConsumer<RuntimeException> first = joining.get();
    if (first != null) {
      joining.remove();
      HandleCallback<R, X> rest = work;
      work = h -> {
        first.useHandle(h);
        return rest.withHandle(h);
      };
    }
    Op<R> op = new Op<>(work);
    if (closed) throw new IllegalStateException("the database is closed");
    pending.add(op);
    // close() may have emptied the queue between the check and the add: then nobody would ever run this one
    if (closed && pending.remove(op)) throw new IllegalStateException("the database is closed");
    boolean interrupted = false;
    try {
      while (true) {
        try {
          // Not interruptible: once queued the write may commit, and the caller must learn whether it did.
          return op.done.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          throw GroupCommit.<X>sneaky(e.getCause());
        }
      }
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs {@code then}, and {@code first} at the start of the first write {@code then} makes on this thread, in that
   * write's transaction and savepoint: committed together (one sync) or rolled back together.
   *
   * @throws IllegalStateException when {@code then} returned without writing: {@code first} did not run
   */
  <T> T beforeNextWrite(HandleConsumer<RuntimeException> first, Supplier<T> then) {
    if (joining.get() != null) throw new IllegalStateException("a write is already waiting for work to join it");
    joining.set(first);
    try {
      T value = then.get();
      if (joining.get() != null) throw new IllegalStateException("no write took the work meant to join it");
      return value;
    } finally {
      joining.remove();
    }
  }

  @SuppressWarnings("unchecked")
  private static <X extends Exception> X sneaky(Throwable t) throws X {
    throw (X) t;
  }

  /** True on the writer thread, inside a batch. */
  boolean isWriterThread() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code r} after the batch under way commits (dropped if the write that asked for it is rolled back). */
  void afterCommit(Runnable r) {
    afterCommit.add(r);
  }

  /** The writer's connection, for tests that watch what SQLite is asked to do on it. */
  java.sql.Connection connection() {
    return handle.getConnection();
  }

  /** Writes queued for the next batch. */
  int pending() { return pending.size(); }

  /** Transactions committed so far. */
  long commits() { return commits.get(); }

  /** Writes committed or rolled back so far. */
  long writes() { return writes.get(); }

  private void loop() {
    List<Op<?>> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      try {
        Op<?> first = pending.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed && pending.isEmpty()) return;
          continue;
        }
        batch.add(first);
        pending.drainTo(batch, MAX_BATCH - 1);
        runBatch(batch);
      } catch (InterruptedException e) {
        if (closed) return;
      } catch (Throwable t) {
        log.error("database writer: unexpected failure", t);
        for (Op<?> op : batch) if (!op.done.isDone()) op.done.completeExceptionally(t);
      } finally {
        batch.clear();
        afterCommit.clear();
      }
    }
  }

  private void runBatch(List<Op<?>> batch) {
    writes.addAndGet(batch.size());
    try {
      exec("BEGIN IMMEDIATE");
    } catch (SQLException e) {
      for (Op<?> op : batch) op.done.completeExceptionally(e);
      return;
    }
    boolean single = batch.size() == 1;
    try {
      for (Op<?> op : batch) {
        int callbacks = afterCommit.size();
        if (!single) exec("SAVEPOINT w");
        try {
          op.run(handle);
          if (!single) exec("RELEASE w");
        } catch (Exception | Error e) {
          op.failure = e;
          afterCommit.subList(callbacks, afterCommit.size()).clear();
          if (single) {
            rollback();
            op.done.completeExceptionally(e);
            return;
          }
          exec("ROLLBACK TO w");
          exec("RELEASE w");
        }
      }
      exec("COMMIT");
    } catch (SQLException e) {
      // The transaction as a whole failed (commit, or the savepoints themselves): nothing of it was kept.
      rollback();
      for (Op<?> op : batch) op.done.completeExceptionally(op.failure != null ? op.failure : e);
      return;
    }
    commits.incrementAndGet();
    // The batch is committed whatever an action does: a failing one must not fail its callers' writes, and one that
    // writes again (inline, on this thread) adds to a fresh list instead of the one being run.
    List<Runnable> actions = new ArrayList<>(afterCommit);
    afterCommit.clear();
    for (Runnable r : actions) {
      try {
        r.run();
      } catch (RuntimeException | Error e) {
        log.warn("an after-commit action failed: {}", e.toString());
      }
    }
    for (Op<?> op : batch) complete(op);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void complete(Op op) {
    if (op.failure != null) {
      op.done.completeExceptionally(op.failure);
    } else {
      op.done.complete(op.value);
    }
  }

  private void exec(String sql) throws SQLException {
    java.sql.PreparedStatement ps = control.get(sql);
    if (ps == null) {
      ps = handle.getConnection().prepareStatement(sql);
      control.put(sql, ps);
    }
    ps.execute();
  }

  /** Rolls the batch back; SQLite may have ended it already (after some I/O errors), which is fine too. */
  private void rollback() {
    try {
      exec("ROLLBACK");
    } catch (SQLException e) {
      log.debug("rollback: {}", e.toString());
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Op<?> op; (op = pending.poll()) != null; ) {
      op.done.completeExceptionally(new IllegalStateException("the database is closed"));
    }
    for (Statement st : control.values()) {
      try {
        st.close();
      } catch (SQLException e) {
        log.debug("close: {}", e.toString());
      }
    }
    handle.close();
  }
}
