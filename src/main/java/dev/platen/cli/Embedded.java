package dev.platen.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;

/**
 * An embedded installation on disk, as {@code Platen} lays it out: {@code platen.db} (SQLite, WAL) and the PDF
 * files under {@code files/} at their blob keys.
 */
final class Embedded {
  static final String DB = "platen.db";
  static final String FILES = "files";

  private Embedded() {}

  /**
   * A plain connection beside the server's pool, without its migrations: read-only ones never write the file, so a
   * backup or a migration source is left as it was.
   */
  static Connection connect(Path db, boolean readOnly) throws SQLException {
    SQLiteConfig c = new SQLiteConfig();
    c.setReadOnly(readOnly);
    // the running server's writers hold the lock only for a commit; wait for it rather than fail
    c.setBusyTimeout(15_000);
    return c.createConnection("jdbc:sqlite:" + db.toAbsolutePath());
  }

  /** What {@link #check} found: renders, and the stored PDFs they refer to. */
  record Contents(long renders, long pdfs, long bytes) {}

  /**
   * Checks a copy before anyone relies on it: SQLite's integrity check, and every PDF the renders table refers to
   * present under {@code files}.
   *
   * @param files null when the PDFs live in S3 and only the database is checked
   */
  static Contents check(Path db, Path files) throws SQLException, IOException {
    try (Connection c = connect(db, true); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
        rs.next();
        if (!"ok".equals(rs.getString(1))) throw CommandException.failed(db + " is damaged: " + rs.getString(1));
      }
      long renders;
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM renders")) {
        rs.next();
        renders = rs.getLong(1);
      }
      long pdfs = 0;
      long bytes = 0;
      List<String> missing = new ArrayList<>();
      // PDFs kept in the database (store.DatabasePdfs) are checked by the integrity check above; a backup made
      // before they existed has no such table
      String table = dev.platen.store.DatabasePdfs.TABLE;
      String held = hasTable(s, table)
          ? "(SELECT length(bytes) FROM " + table + " p WHERE p.blob_key = r.blob_key)" : "NULL";
      try (ResultSet rs = s.executeQuery("SELECT r.blob_key, " + held + " FROM renders r "
          + "WHERE r.blob_key IS NOT NULL")) {
        while (rs.next()) {
          pdfs++;
          long inDatabase = rs.getLong(2);
          if (!rs.wasNull()) {
            bytes += inDatabase;
            continue;
          }
          if (files == null) continue;
          Path f = dev.platen.blob.FileBlobStore.locate(files, rs.getString(1));
          if (Files.isRegularFile(f)) {
            bytes += Files.size(f);
          } else {
            missing.add(rs.getString(1));
          }
        }
      }
      if (!missing.isEmpty()) {
        throw CommandException.failed(missing.size() + " of " + pdfs + " stored PDFs are missing under " + files
            + " (the first: " + missing.get(0) + ")");
      }
      return new Contents(renders, pdfs, bytes);
    }
  }

  static boolean hasTable(Statement s, String name) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + name + "'")) {
      return rs.next();
    }
  }

  /**
   * Copies every finished file under {@code from} to the same path under {@code to}, each synced to disk.
   * Temporary files of writes in progress are left out: their PDF is not stored yet, so no render refers to it.
   *
   * @return the number of files copied
   */
  static long copyFiles(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) return 0;
    List<Path> all = new ArrayList<>();
    // A running server writes each PDF to a temporary name and renames it, so a file listed here may be gone by the
    // time it is looked at or copied. What vanishes is skipped: check() then proves every PDF the snapshot
    // references is in the copy.
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && !p.getFileName().toString().contains(".tmp-")) all.add(p);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
        throw e;
      }
    });
    long n = 0;
    for (Path p : all) {
      Path target = to.resolve(from.relativize(p).toString());
      Files.createDirectories(target.getParent());
      try {
        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
      } catch (NoSuchFileException vanished) {
        continue;
      }
      sync(target);
      n++;
    }
    return n;
  }

  static void sync(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean isEmptyOrAbsent(Path dir) throws IOException {
    if (!Files.exists(dir)) return true;
    if (!Files.isDirectory(dir)) return false;
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }
}
