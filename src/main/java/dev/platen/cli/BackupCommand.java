package dev.platen.cli;

import dev.platen.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** {@code platen backup} and {@code platen restore}: an embedded installation copied while it runs, and back. */
final class BackupCommand {
  private BackupCommand() {}

  /** Written last: a backup directory without it is incomplete, and restore refuses it. */
  static final String DONE_MARKER = "backup.txt";

  static final String BACKUP_HELP = """
      Usage: platen backup DIR

      Copies the embedded installation in PLATEN_DATA_DIR (platen.db and the PDFs under files/) into DIR,
      which must be empty or absent, while the server keeps running. The database is copied first, as one
      consistent snapshot (SQLite's VACUUM INTO), then the files: a PDF is stored before its render is marked
      succeeded and is never deleted, so every render in the snapshot finds its PDF in the copy. The copy is
      then checked (SQLite's integrity check, every stored PDF present) and DIR/backup.txt written last.
      With PLATEN_BLOB_STORE=s3 only the database is copied: back the bucket up with its own tools. A
      PostgreSQL installation is backed up with pg_dump.
      """;

  static final String RESTORE_HELP = """
      Usage: platen restore DIR

      Restores a backup made by platen backup into PLATEN_DATA_DIR, which must not hold an installation
      (no platen.db). The PDFs are copied first and the database last, so an interrupted restore leaves no
      database behind and can simply be run again. Start the server on PLATEN_DATA_DIR afterwards.
      """;

  static void backup(List<String> argv, Commands.Wiring wiring, Commands.Io io) {
    Path target = Path.of(Args.parse(argv, Set.of(), Set.of()).onePositional("backup directory")).toAbsolutePath();
    Config config = embedded(io.config(), "back it up with pg_dump, which copies it consistently while it runs");
    Path source = config.dataDir().resolve(Embedded.DB);
    if (!Files.isRegularFile(source)) {
      throw CommandException.failed("no installation in PLATEN_DATA_DIR " + config.dataDir() + " (no " + Embedded.DB
          + ")");
    }
    boolean files = config.blobStore() == Config.BlobStoreKind.FILE;
    try {
      if (!Embedded.isEmptyOrAbsent(target)) {
        throw CommandException.failed(target + " is not empty: back up into a new directory");
      }
      Files.createDirectories(target);
      Path db = target.resolve(Embedded.DB);
      long started = System.nanoTime();
      try (Connection c = Embedded.connect(source, true); Statement s = c.createStatement()) {
        // One read transaction: the snapshot as of its start, however much the server writes meanwhile.
        s.execute("VACUUM INTO '" + db.toString().replace("'", "''") + "'");
      }
      Embedded.sync(db);
      long copied = files ? Embedded.copyFiles(config.dataDir().resolve(Embedded.FILES), target.resolve(Embedded.FILES))
          : 0;
      Embedded.Contents c = Embedded.check(db, files ? target.resolve(Embedded.FILES) : null);
      long ms = (System.nanoTime() - started) / 1_000_000;
      String summary = "backup of " + config.dataDir() + " at " + Instant.now() + ": " + c.renders() + " renders, "
          + c.pdfs() + " stored PDFs" + (files ? " (" + copied + " files copied, " + c.bytes() + " bytes referenced)"
          : " (in S3, not copied)");
      Files.writeString(target.resolve(DONE_MARKER), summary + "\n");
      Embedded.sync(target.resolve(DONE_MARKER));
      io.out().println("platen backup: " + target + ": " + c.renders() + " renders, " + c.pdfs() + " PDFs"
          + (files ? ", " + copied + " files" : " (in S3, not copied)") + ", in " + ms + " ms");
    } catch (IOException e) {
      throw CommandException.failed("the backup could not be written: " + e.getMessage());
    } catch (SQLException e) {
      throw CommandException.failed("the database could not be copied: " + e.getMessage());
    }
  }

  static void restore(List<String> argv, Commands.Wiring wiring, Commands.Io io) {
    Path backup = Path.of(Args.parse(argv, Set.of(), Set.of()).onePositional("backup directory")).toAbsolutePath();
    Config config = embedded(io.config(), "unset it to restore an embedded installation, or use pg_restore");
    if (!Files.isRegularFile(backup.resolve(DONE_MARKER)) || !Files.isRegularFile(backup.resolve(Embedded.DB))) {
      throw CommandException.failed(backup + " is not a complete backup (no " + DONE_MARKER + "): make a new one");
    }
    Path dataDir = config.dataDir();
    Path db = dataDir.resolve(Embedded.DB);
    if (Files.exists(db)) {
      throw CommandException.failed("PLATEN_DATA_DIR " + dataDir + " already holds an installation (" + Embedded.DB
          + "): restore into a fresh directory");
    }
    boolean files = config.blobStore() == Config.BlobStoreKind.FILE;
    try {
      Files.createDirectories(dataDir);
      long copied = files ? Embedded.copyFiles(backup.resolve(Embedded.FILES), dataDir.resolve(Embedded.FILES)) : 0;
      Path partial = dataDir.resolve(Embedded.DB + ".restoring");
      Files.copy(backup.resolve(Embedded.DB), partial, StandardCopyOption.REPLACE_EXISTING);
      Embedded.sync(partial);
      Embedded.Contents c = Embedded.check(partial, files ? dataDir.resolve(Embedded.FILES) : null);
      Files.move(partial, db, StandardCopyOption.ATOMIC_MOVE);
      io.out().println("platen restore: " + dataDir + ": " + c.renders() + " renders, " + c.pdfs() + " PDFs"
          + (files ? ", " + copied + " files" : " (in S3)") + "; start the server on it now");
    } catch (IOException | UncheckedIOException e) {
      throw CommandException.failed("the backup could not be restored: " + e.getMessage());
    } catch (SQLException e) {
      throw CommandException.failed("the restored database could not be read: " + e.getMessage());
    }
  }

  private static Config embedded(Config config, String advice) {
    if (config.usesPostgres()) {
      throw CommandException.failed("this installation uses PostgreSQL (PLATEN_DATABASE_URL): " + advice);
    }
    return config;
  }
}
