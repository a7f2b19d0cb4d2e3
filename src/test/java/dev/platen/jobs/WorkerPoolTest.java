package dev.platen.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.api.Json;
import dev.platen.blob.BlobStore;
import dev.platen.blob.FileBlobStore;
import dev.platen.render.PdfEngine;
import dev.platen.render.RenderException;
import dev.platen.store.Database;
import dev.platen.store.Ids;
import dev.platen.store.ProjectStore;
import dev.platen.store.RenderStore;
import dev.platen.store.RenderStore.RenderRow;
import dev.platen.store.TemplateStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker loop against a real SQLite queue, with engines and stores that misbehave on purpose. */
class WorkerPoolTest {
  static final RetryPolicy FAST_RETRY = new RetryPolicy(5, 20, 50);
  @TempDir Path dir;
  Database db;
  RenderStore renders;
  FileBlobStore files;
  String projectId;
  String templateId;
  String versionId;
  WorkerPool pool;

  @BeforeEach
  void setUp() throws IOException {
    db = Database.sqlite(dir.resolve("w.db"));
    renders = new RenderStore(db);
    files = new FileBlobStore(dir.resolve("files"));
    projectId = new ProjectStore(db).createProject("p", null, null);
    var pub = new TemplateStore(db).create(projectId, null, "t", new TemplateStore.NewVersion("T", null,
        "{\"variables\":[],\"loops\":[]}", "{}", "{\"sections\":[]}", "{\"format\":\"A4\"}"));
    templateId = pub.template().id();
    versionId = pub.version().id();
  }

  @AfterEach
  void tearDown() {
    if (pool != null) pool.stop(1_000);
    db.close();
  }

  void start(PdfEngine engine, BlobStore blobs, long timeoutMs) {
    pool = new WorkerPool(renders, engine, blobs, Json.newMapper(),
        new WorkerPool.Settings(2, 5_000, timeoutMs, "test-worker", FAST_RETRY));
    pool.start();
  }

  String enqueue() {
    String id = Ids.newId();
    renders.insert(new RenderStore.NewRender(id, projectId, templateId, versionId, "{}", "f.pdf", false, null,
        Ids.token(24)), System.currentTimeMillis());
    pool.wake();
    return id;
  }

  RenderRow awaitTerminal(String id) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      RenderRow r = renders.find(projectId, id).orElseThrow();
      if (r.status().terminal()) return r;
      Thread.sleep(25);
    }
    throw new AssertionError("render not terminal: " + renders.find(projectId, id));
  }

  @Test
  void storesThePdfBeforeMarkingSucceeded() throws Exception {
    start(in -> "%PDF-fake".getBytes(), files, 5_000);
    RenderRow r = awaitTerminal(enqueue());
    assertThat(r.status()).isEqualTo(RenderStatus.SUCCEEDED);
    try (InputStream in = files.open(r.blobKey())) {
      assertThat(new String(in.readAllBytes())).isEqualTo("%PDF-fake");
    }
    assertThat(r.attempts()).isEqualTo(1);
  }

  @Test
  void deterministicFailuresFailAtOnceWithTheUsersMessage() throws Exception {
    start(in -> {
      throw new RenderException("image https://example.com/logo.png answered 404", false);
    }, files, 5_000);
    RenderRow r = awaitTerminal(enqueue());
    assertThat(r.status()).isEqualTo(RenderStatus.FAILED);
    assertThat(r.errorMessage()).isEqualTo("image https://example.com/logo.png answered 404");
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.completedAt()).isNotNull();
  }

  @Test
  void transientFailuresRetryThenSucceed() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    start(in -> {
      if (calls.incrementAndGet() < 3) throw new RenderException("temporary glitch", true);
      return "%PDF-ok".getBytes();
    }, files, 5_000);
    RenderRow r = awaitTerminal(enqueue());
    assertThat(r.status()).isEqualTo(RenderStatus.SUCCEEDED);
    assertThat(r.attempts()).isEqualTo(3);
  }

  @Test
  void anUnwritableStoreNeverYieldsASucceededRenderWithoutItsFile() throws Exception {
    BlobStore broken = new BlobStore() {
      @Override
      public void put(String key, byte[] bytes) throws IOException {
        throw new IOException("No space left on device");
      }

      @Override
      public InputStream open(String key) throws IOException {
        throw new IOException("nothing stored");
      }

      @Override
      public long size(String key) {
        return -1;
      }
    };
    start(in -> "%PDF".getBytes(), broken, 5_000);
    RenderRow r = awaitTerminal(enqueue());
    assertThat(r.status()).isEqualTo(RenderStatus.FAILED);
    assertThat(r.errorMessage()).contains("could not be stored").contains("No space left on device")
        .contains("5 attempts");
    assertThat(r.attempts()).isEqualTo(5);
    assertThat(r.blobKey()).isNull();
  }

  @Test
  void aRenderThatRunsTooLongTimesOutAndFreesTheWorker() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    start(in -> {
      if (calls.incrementAndGet() == 1) {
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end) Thread.onSpinWait();
      }
      return "%PDF".getBytes();
    }, files, 300);
    String slow = enqueue();
    RenderRow r = awaitTerminal(slow);
    assertThat(r.status()).isEqualTo(RenderStatus.FAILED);
    assertThat(r.errorMessage()).isEqualTo("render timed out after 300 ms");
    // the pool keeps working
    assertThat(awaitTerminal(enqueue()).status()).isEqualTo(RenderStatus.SUCCEEDED);
  }
}
