package dev.platen.cli;

import dev.platen.blob.BlobStore;
import dev.platen.config.Config;
import dev.platen.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code platen migrate}: an embedded installation copied into PostgreSQL, table by table in foreign-key order,
 * and its PDFs into the configured blob store; then compared, table by table and PDF by PDF.
 */
final class MigrateCommand {
  private MigrateCommand() {}

  static final String HELP = """
      Usage: platen migrate --to jdbc:postgresql://HOST:PORT/DATABASE [--from DIR]

      Copies the embedded installation in DIR (default PLATEN_DATA_DIR) into PostgreSQL: every table
      (projects, API keys, templates and their versions, renders and their attempts, the outbox) in batches
      of 1,000 rows with INSERT … ON CONFLICT DO NOTHING, and every stored PDF into the blob store
      PLATEN_BLOB_STORE configures (S3, or PLATEN_DATA_DIR/files; nothing to copy when that is DIR/files).
      The database is created up to date by the server's own migrations first. Credentials come from
      PLATEN_DATABASE_USER and PLATEN_DATABASE_PASSWORD; --to defaults to PLATEN_DATABASE_URL.

      Stop the server first: a row that changes after it was copied is not copied again. Interrupted, it
      can simply be run again: what is already there is skipped. At the end it compares the row count and a
      checksum of every table, and the SHA-256 of every PDF, on both sides, and exits 1 naming the first
      difference. Download URLs stay the same as long as PLATEN_PUBLIC_URL does.
      """;

  static final int BATCH = 1_000;
  private static final int BLOB_THREADS = 8;
  /** The table of PDFs kept in SQLite itself. */
  private static final String INLINE_PDFS = dev.platen.store.DatabasePdfs.TABLE;

  /** One table as both sides have it. */
  private record Table(String name, List<String> columns, List<String> key, int[] types, Set<String> parents) {
    String columnList() { return String.join(", ", columns.stream().map(c -> "\"" + c + "\"").toList()); }
  }

  static void run(List<String> argv, Commands.Wiring wiring, Commands.Io io) {
    Args args = Args.parse(argv, Set.of("to", "from"), Set.of());
    if (!args.positional().isEmpty()) throw CommandException.usage("unexpected argument " + args.positional().get(0));
    Config config = io.config();
    String to = args.value("to") != null ? args.value("to") : config.databaseUrl();
    if (to == null) {
      throw CommandException.usage("--to jdbc:postgresql://HOST:PORT/DATABASE is required (or PLATEN_DATABASE_URL)");
    }
    if (!to.startsWith("jdbc:postgresql://")) throw CommandException.usage("--to must be a jdbc:postgresql:// URL");
    Path from = args.value("from") != null ? Path.of(args.value("from")).toAbsolutePath().normalize()
        : config.dataDir();
    Path sourceDb = from.resolve(Embedded.DB);
    if (!Files.isRegularFile(sourceDb)) {
      throw CommandException.failed("no embedded installation in " + from + " (no " + Embedded.DB + ")");
    }
    long started = System.nanoTime();
    // Brought up to this version's schema as the server would at start, so both sides have the same columns.
    Database.sqlite(sourceDb).close();
    try {
      // The schema, by the server's own migrations; the rows then go through a plain connection.
      Database.postgres(to, config.databaseUser(), config.databasePassword(), 2).close();
    } catch (RuntimeException e) {
      throw CommandException.failed("PostgreSQL at " + withoutQuery(to) + " cannot be used: " + rootMessage(e));
    }
    BlobStore blobs = null;
    try (Connection src = Embedded.connect(sourceDb, true);
        Connection pg = DriverManager.getConnection(to, credentials(config))) {
      blobs = wiring.blobStore().apply(config);
      // One read transaction for everything read from SQLite: all tables and PDFs from the same moment.
      src.setAutoCommit(false);
      pg.setAutoCommit(false);
      List<Table> tables = tables(src, pg);
      long rows = 0;
      for (Table t : tables) rows += copy(t, src, pg, io);
      long rowsDone = System.nanoTime();
      Path sourceFiles = from.resolve(Embedded.FILES);
      boolean sameFiles = config.blobStore() == Config.BlobStoreKind.FILE
          && sameDirectory(config.dataDir().resolve(Embedded.FILES), sourceFiles);
      List<String> keys = blobKeys(src);
      SourcePdfs source = new SourcePdfs(src, sourceFiles, heldKeys(src));
      copyBlobs(keys, source, blobs, sameFiles, io);
      long blobsDone = System.nanoTime();

      for (Table t : tables) verify(t, src, pg);
      long verifiedPdfs = verifyBlobs(keys, source, blobs);
      src.commit();
      long done = System.nanoTime();
      io.out().printf("platen migrate: done in %.1f s (rows %.1f s, PDFs %.1f s, verification %.1f s): %d rows in %d "
              + "tables and %d PDFs, counts and checksums equal on both sides%n", (done - started) / 1e9,
          (rowsDone - started) / 1e9, (blobsDone - rowsDone) / 1e9, (done - blobsDone) / 1e9, rows, tables.size(),
          verifiedPdfs);
    } catch (SQLException e) {
      throw CommandException.failed("the copy stopped: " + e.getMessage() + " (run it again to resume)");
    } catch (IOException e) {
      throw CommandException.failed("a PDF could not be copied: " + e.getMessage() + " (run it again to resume)");
    } finally {
      if (blobs instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception ignored) {
          // closing a client after the work is done or failed changes nothing
        }
      }
    }
  }

  /** Every table of the source but Flyway's own, parents before children, as the target has them. */
  private static List<Table> tables(Connection src, Connection pg) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = src.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master "
        + "WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'flyway_schema_history' AND name <> '"
        // its PDFs go to the target's blob store with the others, not into a table nobody reads there
        + INLINE_PDFS + "' ORDER BY name")) {
      while (rs.next()) names.add(rs.getString(1));
    }
    Map<String, Table> byName = new LinkedHashMap<>();
    for (String name : names) {
      List<String> columns = new ArrayList<>();
      Map<Integer, String> key = new java.util.TreeMap<>();
      try (PreparedStatement ps = src.prepareStatement("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            columns.add(rs.getString(1));
            if (rs.getInt(2) > 0) key.put(rs.getInt(2), rs.getString(1));
          }
        }
      }
      // Without a key, a second run would copy every row again.
      if (key.isEmpty()) throw CommandException.failed("table " + name + " has no primary key; it cannot be copied");
      Set<String> parents = new HashSet<>();
      try (PreparedStatement ps = src.prepareStatement("SELECT \"table\" FROM pragma_foreign_key_list(?)")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) if (!rs.getString(1).equals(name)) parents.add(rs.getString(1));
        }
      }
      int[] types = new int[columns.size()];
      try (Statement s = pg.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM \"" + name + "\" WHERE false")) {
        ResultSetMetaData md = rs.getMetaData();
        Map<String, Integer> pgColumns = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) pgColumns.put(md.getColumnName(i), md.getColumnType(i));
        if (!pgColumns.keySet().equals(new HashSet<>(columns))) {
          throw CommandException.failed("table " + name + " has columns " + columns + " in SQLite but "
              + pgColumns.keySet() + " in PostgreSQL");
        }
        for (int i = 0; i < columns.size(); i++) types[i] = pgColumns.get(columns.get(i));
      } catch (SQLException e) {
        pg.rollback();
        throw CommandException.failed("table " + name + " cannot be read in PostgreSQL: " + e.getMessage());
      }
      pg.commit();
      byName.put(name, new Table(name, columns, List.copyOf(key.values()), types, parents));
    }
    List<Table> ordered = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    while (ordered.size() < byName.size()) {
      boolean progress = false;
      for (Table t : byName.values()) {
        if (!placed.contains(t.name()) && placed.containsAll(t.parents())) {
          ordered.add(t);
          placed.add(t.name());
          progress = true;
        }
      }
      if (!progress) throw CommandException.failed("the tables' foreign keys form a cycle; they cannot be ordered");
    }
    return ordered;
  }

  /** @return the source's row count */
  private static long copy(Table t, Connection src, Connection pg, Commands.Io io) throws SQLException {
    String marks = String.join(", ", t.columns().stream().map(c -> "?").toList());
    String insert = "INSERT INTO \"" + t.name() + "\" (" + t.columnList() + ") VALUES (" + marks
        + ") ON CONFLICT DO NOTHING";
    long read = 0;
    long inserted = 0;
    try (Statement s = src.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + t.columnList() + " FROM \"" + t.name() + "\" ORDER BY "
            + String.join(", ", t.key()));
        PreparedStatement ps = pg.prepareStatement(insert)) {
      int pending = 0;
      while (rs.next()) {
        for (int i = 0; i < t.columns().size(); i++) bind(ps, i + 1, rs.getObject(i + 1), t.types()[i]);
        ps.addBatch();
        read++;
        if (++pending == BATCH) {
          inserted += commit(ps, pg);
          pending = 0;
        }
      }
      if (pending > 0) inserted += commit(ps, pg);
    } catch (SQLException e) {
      pg.rollback();
      throw e;
    }
    io.out().println("platen migrate: " + t.name() + ": " + read + " rows, " + inserted + " copied, "
        + (read - inserted) + " already there");
    return read;
  }

  /** Each batch commits on its own, so an interrupted copy keeps what it did and a second run resumes. */
  private static long commit(PreparedStatement ps, Connection pg) throws SQLException {
    long n = 0;
    for (int count : ps.executeBatch()) if (count > 0) n += count;
    pg.commit();
    return n;
  }

  /** SQLite keeps booleans as 0 and 1 and is loose about types; PostgreSQL wants each column's own type. */
  private static void bind(PreparedStatement ps, int i, Object v, int type) throws SQLException {
    if (v == null) {
      ps.setNull(i, type);
      return;
    }
    switch (type) {
      case Types.BOOLEAN, Types.BIT -> ps.setBoolean(i, truth(v));
      case Types.BIGINT -> ps.setLong(i, ((Number) v).longValue());
      case Types.INTEGER, Types.SMALLINT -> ps.setInt(i, ((Number) v).intValue());
      default -> ps.setString(i, v.toString());
    }
  }

  private static boolean truth(Object v) {
    if (v instanceof Boolean b) return b;
    if (v instanceof Number n) return n.longValue() != 0;
    return v.toString().equals("1") || v.toString().equalsIgnoreCase("true");
  }

  /** The same text for the same value whichever database it came from. */
  private static String canonical(Object v, int type) {
    if (v == null) return "\u0000";
    return switch (type) {
      case Types.BOOLEAN, Types.BIT -> truth(v) ? "t" : "f";
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT -> Long.toString(((Number) v).longValue());
      default -> v.toString();
    };
  }

  private record Summary(long rows, BigInteger checksum) {}

  /**
   * Row count and the sum of every row's SHA-256 (modulo 2^256): independent of row order, so neither side's
   * collation matters, and any changed, missing or extra row changes it.
   */
  private static Summary summarize(Table t, Connection c) throws SQLException {
    MessageDigest sha = sha256();
    BigInteger sum = BigInteger.ZERO;
    BigInteger modulus = BigInteger.ONE.shiftLeft(256);
    long rows = 0;
    try (Statement s = c.createStatement()) {
      s.setFetchSize(BATCH);
      try (ResultSet rs = s.executeQuery("SELECT " + t.columnList() + " FROM \"" + t.name() + "\"")) {
        while (rs.next()) {
          for (int i = 0; i < t.columns().size(); i++) {
            byte[] b = canonical(rs.getObject(i + 1), t.types()[i]).getBytes(StandardCharsets.UTF_8);
            sha.update(java.nio.ByteBuffer.allocate(4).putInt(b.length).array());
            sha.update(b);
          }
          sum = sum.add(new BigInteger(1, sha.digest())).mod(modulus);
          rows++;
        }
      }
    }
    return new Summary(rows, sum);
  }

  private static void verify(Table t, Connection src, Connection pg) throws SQLException {
    Summary a = summarize(t, src);
    Summary b = summarize(t, pg);
    pg.commit();
    if (a.rows() != b.rows()) {
      throw CommandException.failed("verification failed: " + t.name() + " has " + a.rows() + " rows in SQLite and "
          + b.rows() + " in PostgreSQL (migrate into an empty database, with the server stopped)");
    }
    if (!a.checksum().equals(b.checksum())) {
      throw CommandException.failed("verification failed: the rows of " + t.name() + " differ between SQLite and "
          + "PostgreSQL: some changed after they were copied (stop the server, then migrate into an empty database)");
    }
  }

  private static List<String> blobKeys(Connection src) throws SQLException {
    List<String> keys = new ArrayList<>();
    try (Statement s = src.createStatement();
        ResultSet rs = s.executeQuery("SELECT blob_key FROM renders WHERE blob_key IS NOT NULL ORDER BY id")) {
      while (rs.next()) keys.add(rs.getString(1));
    }
    return keys;
  }

  /** PDFs the SQLite file holds itself (store.DatabasePdfs); none in a database made before they existed. */
  private static java.util.Set<String> heldKeys(Connection src) throws SQLException {
    java.util.Set<String> keys = new HashSet<>();
    try (Statement s = src.createStatement()) {
      if (!Embedded.hasTable(s, INLINE_PDFS)) return keys;
      try (ResultSet rs = s.executeQuery("SELECT blob_key FROM " + INLINE_PDFS)) {
        while (rs.next()) keys.add(rs.getString(1));
      }
    }
    return keys;
  }

  /** Where the source's PDFs are: in its database, else in its files directory. */
  private record SourcePdfs(Connection src, Path files, java.util.Set<String> held) {
    byte[] read(String key) throws IOException {
      if (!held.contains(key)) return readSource(files, key);
      // one connection, in the migration's read transaction, shared by the copying threads
      synchronized (src) {
        try (PreparedStatement ps = src.prepareStatement("SELECT bytes FROM " + INLINE_PDFS + " WHERE blob_key = ?")) {
          ps.setString(1, key);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) throw CommandException.failed("the PDF " + key + " vanished from the source database");
            return rs.getBytes(1);
          }
        } catch (SQLException e) {
          throw new IOException("the PDF " + key + " could not be read from the source database: " + e.getMessage(),
              e);
        }
      }
    }
  }

  private static void copyBlobs(List<String> all, SourcePdfs source, BlobStore target, boolean same,
      Commands.Io io) throws IOException {
    // With the target's files where the source's are, only the PDFs the database held need copying out of it.
    List<String> keys = same ? all.stream().filter(source.held()::contains).toList() : all;
    if (same && keys.isEmpty()) {
      io.out().println("platen migrate: PDFs: " + all.size() + ", already in the configured blob store ("
          + source.files() + ")");
      return;
    }
    AtomicLong copied = new AtomicLong();
    forEach(keys, key -> {
      byte[] bytes = source.read(key);
      if (target.size(key) == bytes.length && Arrays.equals(digest(bytes), digest(readAll(target, key)))) return;
      target.put(key, bytes);
      copied.incrementAndGet();
    });
    io.out().println("platen migrate: PDFs: " + all.size() + ", " + copied.get() + " copied, "
        + (all.size() - copied.get()) + " already there");
  }

  private static long verifyBlobs(List<String> keys, SourcePdfs source, BlobStore target) throws IOException {
    forEach(keys, key -> {
      if (!Arrays.equals(digest(source.read(key)), digest(readAll(target, key)))) {
        throw CommandException.failed("verification failed: the PDF " + key + " differs in the blob store");
      }
    });
    return keys.size();
  }

  @FunctionalInterface
  private interface BlobTask {
    void run(String key) throws IOException;
  }

  /** A few at a time: a remote store answers each request in milliseconds, a local disk in microseconds. */
  private static void forEach(List<String> keys, BlobTask task) throws IOException {
    try (ExecutorService pool = Executors.newFixedThreadPool(BLOB_THREADS)) {
      for (int from = 0; from < keys.size(); from += BATCH) {
        List<Future<?>> running = new ArrayList<>();
        for (String key : keys.subList(from, Math.min(keys.size(), from + BATCH))) {
          running.add(pool.submit(() -> {
            task.run(key);
            return null;
          }));
        }
        for (Future<?> f : running) {
          try {
            f.get();
          } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandException.failed("interrupted");
          }
        }
      }
    }
  }

  private static byte[] readSource(Path files, String key) throws IOException {
    Path p;
    try {
      p = dev.platen.blob.FileBlobStore.locate(files, key);
    } catch (IllegalArgumentException e) {
      p = null;
    }
    if (p == null || !Files.isRegularFile(p)) {
      throw CommandException.failed("the PDF " + key + " of a succeeded render is missing under " + files);
    }
    return Files.readAllBytes(p);
  }

  private static byte[] readAll(BlobStore store, String key) throws IOException {
    try (InputStream in = store.open(key)) {
      return in.readAllBytes();
    } catch (java.io.FileNotFoundException e) {
      return new byte[0];
    }
  }

  private static byte[] digest(byte[] bytes) {
    return sha256().digest(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static boolean sameDirectory(Path a, Path b) {
    try {
      return Files.isDirectory(a) && Files.isDirectory(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  private static java.util.Properties credentials(Config config) {
    java.util.Properties p = new java.util.Properties();
    if (config.databaseUser() != null) p.setProperty("user", config.databaseUser());
    if (config.databasePassword() != null) p.setProperty("password", config.databasePassword());
    return p;
  }

  private static String withoutQuery(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return String.valueOf(t.getMessage()).replaceAll("\\s+", " ");
  }
}
