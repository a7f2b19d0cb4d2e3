package dev.platen.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;

/** SQLite's one writer: concurrent writes share commits, each is answered after its commit, no empty transactions. */
class GroupCommitTest {
  @TempDir Path dir;
  Database db;
  final AtomicInteger sqliteCommits = new AtomicInteger();

  @BeforeEach
  void open() throws Exception {
    db = Database.sqlite(dir.resolve("g.db"));
    db.write(h -> h.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)"));
    // SQLite's own commit hook on the writer's connection: it sees every commit SQLite makes, empty ones included
    db.writerConnection().unwrap(SQLiteConnection.class).addCommitListener(counting(sqliteCommits));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static SQLiteCommitListener counting(AtomicInteger commits) {
    return new SQLiteCommitListener() {
      @Override
      public void onCommit() {
        commits.incrementAndGet();
      }

      @Override
      public void onRollback() { }
    };
  }

  private int rows() {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM t").mapTo(Integer.class).one());
  }

  @Test
  void eachWriteIsOneTransactionWithoutAnEmptyOneAfterIt() {
    long before = db.commits();
    for (int i = 0; i < 20; i++) {
      int n = i;
      db.write(h -> h.createUpdate("INSERT INTO t VALUES (:k, :v)").bind("k", "k" + n).bind("v", n).execute());
    }
    assertThat(db.commits() - before).isEqualTo(20);
    assertThat(sqliteCommits.get()).isEqualTo(20);
    assertThat(rows()).isEqualTo(20);
  }

  /** Why the writer says BEGIN and COMMIT itself: the driver's commit() opens a transaction that is then empty. */
  @Test
  void theDriversOwnTransactionsCommitAnEmptyOneEachTime() throws Exception {
    AtomicInteger poolCommits = new AtomicInteger();
    db.jdbi().useHandle(h -> {
      h.getConnection().unwrap(SQLiteConnection.class).addCommitListener(counting(poolCommits));
      for (int i = 0; i < 5; i++) {
        int n = i;
        h.useTransaction(t -> t.createUpdate("INSERT INTO t VALUES (:k, :v)").bind("k", "d" + n).bind("v", n)
            .execute());
      }
    });
    assertThat(poolCommits.get()).isEqualTo(10);
  }

  @Test
  void concurrentWritesShareCommitsAndEveryOneIsCommittedWhenItReturns() throws Exception {
    long commitsBefore = db.commits();
    long writesBefore = db.writes();
    int threads = 32;
    int each = 25;
    List<Future<?>> done = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            String k = thread + "-" + i;
            db.write(h -> h.createUpdate("INSERT INTO t VALUES (:k, 1)").bind("k", k).execute());
            // answered only after the commit: a fresh connection already sees it
            int seen = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM t WHERE k = :k").bind("k", k)
                .mapTo(Integer.class).one());
            assertThat(seen).isEqualTo(1);
          }
          return null;
        }));
      }
      for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
    }
    long writes = db.writes() - writesBefore;
    long commits = db.commits() - commitsBefore;
    assertThat(writes).isEqualTo(threads * each);
    assertThat(rows()).isEqualTo(threads * each);
    assertThat(commits).as("%d writes in %d commits", writes, commits).isLessThan(writes);
    assertThat(sqliteCommits.get()).isEqualTo((int) commits);
    System.out.printf("group commit: %d writes in %d commits%n", writes, commits);
  }

  @Test
  void aWriteThatThrowsIsRolledBackAloneAndTheRestOfItsBatchCommits() throws Exception {
    CountDownLatch writerBusy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> blocker = pool.submit(() -> db.write(h -> {
        writerBusy.countDown();
        release.await();
        return h.createUpdate("INSERT INTO t VALUES ('first', 0)").execute();
      }));
      assertThat(writerBusy.await(10, TimeUnit.SECONDS)).isTrue();
      long commitsBefore = db.commits();
      List<Future<Integer>> good = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        int n = i;
        good.add(pool.submit(() -> db.write(h -> h.createUpdate("INSERT INTO t VALUES (:k, 1)").bind("k", "ok" + n)
            .execute())));
      }
      Future<Integer> bad = pool.submit(() -> db.write(h -> {
        h.createUpdate("INSERT INTO t VALUES ('half', 1)").execute();
        throw new IllegalStateException("this write fails half-way");
      }));
      // all four are queued behind the blocked write before it is let go, so they form the next batch
      while (db.writes() < 1 || pendingWrites() < 4) Thread.sleep(5);
      release.countDown();
      blocker.get(10, TimeUnit.SECONDS);
      for (Future<Integer> f : good) assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
      assertThat(db.commits() - commitsBefore).as("the blocked write's commit, then one for the four").isEqualTo(2);
    }
    List<String> keys = db.jdbi().withHandle(h -> h.createQuery("SELECT k FROM t ORDER BY k").mapTo(String.class)
        .list());
    assertThat(keys).containsExactly("first", "ok0", "ok1", "ok2");
  }

  private int pendingWrites() {
    return db.pendingWrites();
  }
}
