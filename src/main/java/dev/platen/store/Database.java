package dev.platen.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * The connection pool, migrations and the few SQL differences between SQLite (embedded default) and PostgreSQL
 * (scale-out). Everything else in this package is written once in the SQL both understand.
 */
public final class Database implements AutoCloseable {
  public enum Vendor { SQLITE, POSTGRESQL }

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final Vendor vendor;
  /** The newest schema version this build migrates to, for the readiness check. */
  private final String schemaVersion;
  /**
   * SQLite has one writer at a time: every write transaction of the process runs on one thread that commits the
   * writes waiting for it together (see {@link GroupCommit}). Null on PostgreSQL, where transactions run
   * concurrently on the callers' threads.
   */
  private final GroupCommit writer;
  /** Live templates by slug, on SQLite only (see {@link LiveTemplates}); null on PostgreSQL. */
  private final LiveTemplates liveTemplates;

  private Database(HikariDataSource ds, Vendor vendor, String schemaVersion) {
    this.dataSource = ds;
    this.vendor = vendor;
    this.schemaVersion = schemaVersion;
    this.jdbi = Jdbi.create(ds);
    this.liveTemplates = vendor == Vendor.SQLITE ? new LiveTemplates() : null;
    if (vendor == Vendor.SQLITE) {
      try {
        this.writer = new GroupCommit(jdbi.open());
      } catch (java.sql.SQLException e) {
        ds.close();
        throw new IllegalStateException("cannot open the database writer: " + e.getMessage(), e);
      }
    } else {
      this.writer = null;
    }
  }

  /** Bytes of WAL kept on disk once checkpointed: about two seconds of PDFs at 1,000 renders per second. */
  static final long WAL_SIZE_LIMIT = 64L << 20;

  /** SQLite file in WAL mode; one process owns it (API and workers together). */
  public static Database sqlite(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create the data directory " + file.getParent() + ": " + e.getMessage());
    }
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
    c.setPoolName("platen-sqlite");
    c.setMaximumPoolSize(8);
    c.addDataSourceProperty("journal_mode", "WAL");
    // FULL: an answered 202 must survive power loss too, not only a killed process.
    c.addDataSourceProperty("synchronous", "FULL");
    c.addDataSourceProperty("foreign_keys", "true");
    // The WAL holds every PDF kept in the database (DatabasePdfs) until a checkpoint; while a long read (a backup's
    // VACUUM INTO) holds an old snapshot it cannot be reset and grows. Without a limit it would keep that size on
    // disk for good; with one, SQLite truncates it back when it next starts over.
    c.addDataSourceProperty("journal_size_limit", Long.toString(WAL_SIZE_LIMIT));
    c.addDataSourceProperty("busy_timeout", "15000");
    // IMMEDIATE takes the write lock at BEGIN, so concurrent transactions wait (busy_timeout) instead of
    // failing with SQLITE_BUSY when a reader tries to upgrade.
    c.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    return start(new HikariDataSource(c), Vendor.SQLITE);
  }

  public static Database postgres(String url, String user, String password, int poolSize) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    if (user != null) c.setUsername(user);
    if (password != null) c.setPassword(password);
    c.setPoolName("platen-pg");
    c.setMaximumPoolSize(poolSize);
    c.setConnectionTimeout(3_000);
    return start(new HikariDataSource(c), Vendor.POSTGRESQL);
  }

  private static Database start(HikariDataSource ds, Vendor vendor) {
    String version;
    try {
      Flyway flyway = Flyway.configure()
          .dataSource(ds)
          // One schema serves both while the SQL stays portable; add db/migration/<vendor> locations when it diverges.
          .locations("classpath:db/migration/common")
          .load();
      flyway.migrate();
      version = flyway.info().current().getVersion().getVersion();
      // A SQLite connection the pool opened while migrations ran keeps the schema it read then: real statements
      // notice the change and prepare again, but EXPLAIN QUERY PLAN (what the plan tests read) does
      // not, and showed indexes V9 had dropped. Connections made from here on read the migrated schema.
      if (ds.getHikariPoolMXBean() != null) ds.getHikariPoolMXBean().softEvictConnections();
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(ds, vendor, version);
  }

  public Jdbi jdbi() { return jdbi; }

  /**
   * Runs {@code work} in one write transaction and returns once it committed: concurrent on PostgreSQL; on SQLite
   * grouped with the other writes waiting at that moment into one transaction and one sync, {@code work} under a
   * savepoint of its own, so a {@code work} that throws is rolled back alone.
   */
  public <R, X extends Exception> R write(org.jdbi.v3.core.HandleCallback<R, X> work) throws X {
    if (writer == null) return jdbi.inTransaction(work);
    return writer.write(work);
  }

  /**
   * Runs {@code then}, and {@code first} in the transaction of the first {@link #write} {@code then} makes on this
   * thread, before that write's own work: both commit with one sync, or neither does. SQLite only (its one writer
   * is what makes "the next write" one transaction); elsewhere the caller writes {@code first} on its own.
   *
   * @throws IllegalStateException when {@code then} made no write, so {@code first} did not run
   */
  public <T> T beforeNextWrite(HandleConsumer<RuntimeException> first, Supplier<T> then) {
    if (writer == null) throw new IllegalStateException("only SQLite's writer joins writes");
    return writer.beforeNextWrite(first, then);
  }

  /**
   * Runs {@code action} once the write transaction {@code h} is in has committed, never if it rolls back. Only
   * inside {@link #write}.
   */
  void afterCommit(org.jdbi.v3.core.Handle h, Runnable action) {
    if (writer != null && writer.isWriterThread()) {
      writer.afterCommit(action);
    } else {
      h.afterCommit(action);
    }
  }

  /** The live-template cache every {@link TemplateStore} of this database shares; null on PostgreSQL. */
  LiveTemplates liveTemplates() {
    return liveTemplates;
  }

  /** SQLite's writer connection (null on PostgreSQL), for tests. */
  java.sql.Connection writerConnection() {
    return writer == null ? null : writer.connection();
  }

  /** Writes waiting for the SQLite writer (0 on PostgreSQL), for tests. */
  int pendingWrites() {
    return writer == null ? 0 : writer.pending();
  }

  /** Write transactions committed on SQLite since start (0 on PostgreSQL): for tests and benchmarks. */
  public long commits() {
    return writer == null ? 0 : writer.commits();
  }

  /** Writes run on SQLite since start, each one a {@link #write} call (0 on PostgreSQL). */
  public long writes() {
    return writer == null ? 0 : writer.writes();
  }

  public Vendor vendor() { return vendor; }

  /**
   * A connection of its own, outside the pool, for a session that lives as long as the process (a {@code LISTEN}):
   * held in the pool, it would shrink the pool for good and be retired under it.
   */
  java.sql.Connection openDedicated(String applicationName) throws java.sql.SQLException {
    java.util.Properties props = new java.util.Properties();
    if (dataSource.getUsername() != null) props.setProperty("user", dataSource.getUsername());
    if (dataSource.getPassword() != null) props.setProperty("password", dataSource.getPassword());
    props.setProperty("connectTimeout", "3");
    // named, so an operator can tell it from the pool's connections in pg_stat_activity
    props.setProperty("ApplicationName", applicationName);
    return java.sql.DriverManager.getConnection(dataSource.getJdbcUrl(), props);
  }

  /**
   * Holds the installation-wide lock until {@code h}'s transaction ends: on PostgreSQL a transaction-scoped advisory
   * lock; on SQLite the write lock that every write transaction already takes at BEGIN (IMMEDIATE).
   */
  void lockInstallation(org.jdbi.v3.core.Handle h) {
    if (vendor == Vendor.POSTGRESQL) {
      h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(7041835)) l").mapTo(Integer.class).one();
    }
  }

  /** Row locking clause for the claim sub-select: PostgreSQL skips rows other workers hold. */
  String skipLocked() {
    return vendor == Vendor.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
  }

  /** True when the database answers a trivial query. */
  public boolean healthy() {
    try {
      return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * True when the newest migration this build knows is recorded as applied. It is, right after start-up; it stops
   * being true if the database is swapped or restored from an older backup underneath a running process.
   */
  public boolean migrationsApplied() {
    try {
      return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM flyway_schema_history "
              + "WHERE version = :v AND success = :ok")
          .bind("v", schemaVersion).bind("ok", true).mapTo(Integer.class).one()) > 0;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Publishes the connection pool's size, usage and wait times. */
  public void meterPool(io.micrometer.core.instrument.MeterRegistry registry) {
    dataSource.setMetricRegistry(registry);
  }

  @Override
  public void close() {
    if (writer != null) writer.close();
    dataSource.close();
  }
}
