package dev.platen.store;

import dev.platen.jobs.Completions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On PostgreSQL, passes the terminal changes other processes commit to this process's {@link Completions}: one
 * connection per process {@code LISTEN}s on {@link RenderStore#COMPLETED_CHANNEL}, which {@link RenderStore} notifies
 * in the transaction of each change. So an API process wakes its waiters when a worker process finishes a render,
 * and a worker process interrupts a render cancelled through another process. The connection is reopened when it
 * breaks; anything finished meanwhile was not heard, so every waiter then reads its record again.
 */
public final class RenderNotifications implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RenderNotifications.class);
  /** How long one wait for notifications lasts: also how long closing may take. */
  private static final int WAIT_MS = 1_000;
  private static final long CHECK_EVERY_NANOS = 10_000_000_000L;
  private static final long RETRY_MS = 1_000;
  /** The listening connection's name in {@code pg_stat_activity}. */
  public static final String APPLICATION_NAME = "platen-render-notifications";

  private final Database db;
  private final Completions completions;
  private final Thread thread;
  private volatile boolean running = true;
  private final java.util.concurrent.CountDownLatch listening = new java.util.concurrent.CountDownLatch(1);

  private RenderNotifications(Database db, Completions completions) {
    this.db = db;
    this.completions = completions;
    this.thread = Thread.ofPlatform().name("render-notifications").daemon(true).unstarted(this::run);
  }

  /** Starts listening; waits up to a few seconds for the first {@code LISTEN} so the process starts hearing. */
  public static RenderNotifications start(Database db, Completions completions) {
    RenderNotifications n = new RenderNotifications(db, completions);
    n.thread.start();
    try {
      if (!n.listening.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
        log.warn("not yet listening for render completions; waiting clients answer at their timeout until then");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return n;
  }

  private void run() {
    boolean lost = false;
    while (running) {
      try (Connection c = db.openDedicated(APPLICATION_NAME)) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + RenderStore.COMPLETED_CHANNEL);
        }
        if (lost) {
          log.info("listening for render completions again");
          completions.wakeAll();
        }
        listening.countDown();
        PGConnection pg = c.unwrap(PGConnection.class);
        long checked = System.nanoTime();
        while (running) {
          PGNotification[] ns = pg.getNotifications(WAIT_MS);
          if (ns != null && ns.length > 0) {
            for (PGNotification n : ns) completions.completed(n.getParameter());
            checked = System.nanoTime();
          } else if (System.nanoTime() - checked > CHECK_EVERY_NANOS) {
            // a silent connection is not necessarily a live one: a half-open socket never fails a read
            if (!c.isValid(3)) throw new SQLException("the connection no longer answers");
            checked = System.nanoTime();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!running) return;
        if (!lost) log.warn("lost the render completion notifications, reconnecting: {}", e.toString());
        lost = true;
        try {
          Thread.sleep(RETRY_MS);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    // the loop sees this within one wait; interrupting it could leave the driver mid-message
    running = false;
    try {
      thread.join(WAIT_MS * 3L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
