package dev.platen.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** One real PostgreSQL server for the whole test run (zonky binaries, no Docker); a fresh database per caller. */
public final class EmbeddedPg {
  private static EmbeddedPostgres pg;
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private EmbeddedPg() {}

  private static synchronized EmbeddedPostgres server() {
    if (pg == null) {
      try {
        // fsync off: the tests kill Platen, never this server or the machine, and a commit still reaches the OS
        // before it returns (synchronous_commit stays on), so nothing a test checks depends on the disk flush
        pg = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").setServerConfig("fsync", "off")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          pg.close();
        } catch (IOException ignored) {
          // the JVM is exiting anyway
        }
      }));
    }
    return pg;
  }

  /** Creates an empty database and returns its JDBC URL (user postgres, no password). */
  public static String newDatabase() {
    String name = "platen_test_" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid();
    try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return server().getJdbcUrl("postgres", name);
  }
}
