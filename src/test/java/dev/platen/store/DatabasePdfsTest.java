package dev.platen.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.blob.BlobStore;
import dev.platen.blob.BlobStoreContract;
import dev.platen.blob.FileBlobStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;

/**
 * PDFs kept in SQLite beside their renders: stored in the transaction of the write that records them (one commit,
 * one sync), rolled back with it, larger ones in files, and read back from either.
 */
class DatabasePdfsTest extends BlobStoreContract {
  @TempDir Path dir;
  Database db;
  DatabasePdfs store;
  final AtomicInteger sqliteCommits = new AtomicInteger();

  @BeforeEach
  void open() throws Exception {
    db = Database.sqlite(dir.resolve("platen.db"));
    db.write(h -> h.execute("CREATE TABLE records (k TEXT PRIMARY KEY)"));
    store = new DatabasePdfs(db, new FileBlobStore(dir.resolve("files")), 100_000);
    // SQLite's own commit hook on the writer's connection: every commit it makes
    db.writerConnection().unwrap(SQLiteConnection.class).addCommitListener(new SQLiteCommitListener() {
      @Override
      public void onCommit() {
        sqliteCommits.incrementAndGet();
      }

      @Override
      public void onRollback() { }
    });
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Override
  protected BlobStore store() {
    return store;
  }

  @Override
  protected void recordWrite() {
    db.write(h -> h.execute("INSERT INTO records (k) VALUES (?)", "r" + System.nanoTime()));
  }

  private static byte[] pdf(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  private long held() {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM inline_pdfs").mapTo(Long.class).one());
  }

  private long files() throws Exception {
    if (!Files.isDirectory(dir.resolve("files"))) return 0;
    try (var s = Files.walk(dir.resolve("files"))) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void aPdfAndTheWriteThatRecordsItAreOneCommit() throws Exception {
    byte[] bytes = pdf(60_000);
    int before = sqliteCommits.get();
    store.put("renders/p/r1/t/a.pdf", bytes, () -> {
      recordWrite();
      return null;
    });
    assertThat(sqliteCommits.get() - before).as("one commit, so one WAL sync, for both").isEqualTo(1);
    assertThat(held()).isEqualTo(1);
    assertThat(files()).as("no file, so no file or directory sync").isZero();
    try (InputStream in = store.open("renders/p/r1/t/a.pdf")) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
  }

  @Test
  void aRecordThatFailsTakesItsPdfWithIt() throws Exception {
    assertThatThrownBy(() -> store.put("renders/p/r1/t/a.pdf", pdf(1_000), () -> db.write(h -> {
      h.execute("INSERT INTO records (k) VALUES ('x')");
      throw new IllegalStateException("the claim was lost");
    }))).hasMessage("the claim was lost");
    assertThat(held()).isZero();
    assertThat(store.size("renders/p/r1/t/a.pdf")).isEqualTo(-1);
  }

  @Test
  void aRecordThatWritesNothingIsRefusedAndStoresNothing() {
    assertThatThrownBy(() -> store.put("renders/p/r1/t/a.pdf", pdf(1_000), () -> "no write"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(held()).isZero();
    // and the next write of this thread is its own again
    recordWrite();
    assertThat(held()).isZero();
  }

  @Test
  void largerPdfsAreFilesStoredBeforeTheirRecord() throws Exception {
    byte[] bytes = pdf(150_000);
    long[] filesWhenRecorded = {-1};
    store.put("renders/p/r1/t/big.pdf", bytes, () -> {
      try {
        filesWhenRecorded[0] = files();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      recordWrite();
      return null;
    });
    assertThat(filesWhenRecorded[0]).isEqualTo(1);
    assertThat(held()).isZero();
    assertThat(store.size("renders/p/r1/t/big.pdf")).isEqualTo(bytes.length);
    assertThat(store.read("renders/p/r1/t/big.pdf", 149_990, 10))
        .isEqualTo(java.util.Arrays.copyOfRange(bytes, 149_990, 150_000));
  }

  /**
   * PDFs pass through the WAL, which grows while a long read holds an old snapshot: once that read ends and a
   * checkpoint catches up, SQLite cuts the file back to the limit instead of keeping its largest size.
   */
  @Test
  void theWalShrinksBackAfterAReaderHeldItOpen() throws Exception {
    Path wal = dir.resolve("platen.db-wal");
    try (var reader = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("platen.db"))) {
      reader.setAutoCommit(false);
      try (var st = reader.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM inline_pdfs")) {
        rs.next();
      }
      for (int i = 0; i < 80; i++) {
        store.put("renders/p/r" + i + "/t/a.pdf", pdf(90_000 + i), () -> {
          recordWrite();
          return null;
        });
      }
      assertThat(Files.size(wal)).as("held open by the reader's snapshot").isGreaterThan(7_000_000L);
      reader.rollback();
    }
    // the pragma is per connection: the writer's, from the pool's settings
    try (var st = db.writerConnection().createStatement(); var rs = st.executeQuery("PRAGMA journal_size_limit")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(Database.WAL_SIZE_LIMIT);
    }
    // a smaller limit than the real one, to see it act on this test's few megabytes
    db.write(h -> h.execute("PRAGMA journal_size_limit = 1000000"));
    recordWrite(); // its commit finds the WAL past 1,000 pages and nobody reading: a checkpoint copies it all
    recordWrite(); // so this one starts the WAL over, and cuts the file to the limit
    assertThat(Files.size(wal)).isLessThanOrEqualTo(1_000_000L);
  }

  @Test
  void storingAKeyAgainKeepsTheLastBytes() throws Exception {
    store.put("renders/p/r1/t/a.pdf", pdf(500), () -> {
      recordWrite();
      return null;
    });
    byte[] second = pdf(700);
    store.put("renders/p/r1/t/a.pdf", second, () -> {
      recordWrite();
      return null;
    });
    try (InputStream in = store.open("renders/p/r1/t/a.pdf")) {
      assertThat(in.readAllBytes()).isEqualTo(second);
    }
  }
}
