package dev.platen.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.jobs.RenderJob;
import dev.platen.jobs.RenderStatus;
import dev.platen.store.RenderStore.NewRender;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What every database under the render queue must guarantee; each vendor extends this in a few lines. */
abstract class RenderQueueContract {
  Database db;
  RenderStore renders;
  String projectId;
  String templateId;
  String versionId;

  abstract Database open();

  @BeforeEach
  void setUp() {
    db = open();
    renders = new RenderStore(db);
    projectId = new ProjectStore(db).createProject("p", null, null);
    var pub = new TemplateStore(db).create(projectId, null, "t", new TemplateStore.NewVersion("T", null,
        "{\"variables\":[],\"loops\":[]}", "{}", "{\"sections\":[]}", "{}"));
    templateId = pub.template().id();
    versionId = pub.version().id();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  String enqueue(long now) {
    String id = Ids.newId();
    renders.insert(new NewRender(id, projectId, templateId, versionId, "{}", "f.pdf", false, null, Ids.token(24)),
        now);
    return id;
  }

  RenderStatus status(String id) {
    return renders.find(projectId, id).orElseThrow().status();
  }

  @Test
  void claimTakesEachQueuedRenderOnce() {
    String id = enqueue(1_000);
    Optional<RenderJob> first = renders.claim("w1", 2_000, 30_000);
    assertThat(first).isPresent();
    assertThat(first.get().renderId()).isEqualTo(id);
    assertThat(first.get().attempts()).isEqualTo(1);
    assertThat(first.get().layout()).isEqualTo("{\"sections\":[]}");
    assertThat(status(id)).isEqualTo(RenderStatus.RENDERING);
    assertThat(renders.claim("w2", 2_001, 30_000)).isEmpty();
    assertThat(renders.succeed(first.get(), "k", 3_000)).isTrue();
    assertThat(status(id)).isEqualTo(RenderStatus.SUCCEEDED);
    assertThat(renders.find(projectId, id).orElseThrow().durationMs()).isEqualTo(2_000L);
  }

  @Test
  void aWorkerThatLostItsLeaseCannotOverwriteTheNewOwner() {
    String id = enqueue(1_000);
    RenderJob stale = renders.claim("w1", 1_000, 5_000).orElseThrow();
    assertThat(renders.claim("w2", 5_999, 5_000)).as("lease still valid").isEmpty();
    RenderJob fresh = renders.claim("w2", 6_001, 5_000).orElseThrow();
    assertThat(fresh.renderId()).isEqualTo(id);
    assertThat(fresh.attempts()).isEqualTo(2);
    assertThat(fresh.leaseToken()).isGreaterThan(stale.leaseToken());
    assertThat(renders.heartbeat(stale, 6_002, 5_000)).isFalse();
    assertThat(renders.fail(stale, "stale worker", 6_003)).isFalse();
    assertThat(renders.succeed(stale, "stale-key", 6_003)).isFalse();
    assertThat(status(id)).isEqualTo(RenderStatus.RENDERING);
    assertThat(renders.succeed(fresh, "fresh-key", 7_000)).isTrue();
    assertThat(status(id)).isEqualTo(RenderStatus.SUCCEEDED);
    assertThat(renders.attemptCount(id)).isEqualTo(2);
  }

  @Test
  void retryWaitsForItsTimeAndFailureIsFinal() {
    String id = enqueue(1_000);
    RenderJob j = renders.claim("w1", 1_000, 30_000).orElseThrow();
    assertThat(renders.retryLater(j, 10_000, "disk hiccup")).isTrue();
    assertThat(status(id)).isEqualTo(RenderStatus.QUEUED);
    assertThat(renders.claim("w1", 9_999, 30_000)).isEmpty();
    RenderJob again = renders.claim("w1", 10_000, 30_000).orElseThrow();
    assertThat(again.attempts()).isEqualTo(2);
    assertThat(renders.fail(again, "image https://x/a.png answered 404", 11_000)).isTrue();
    var row = renders.find(projectId, id).orElseThrow();
    assertThat(row.status()).isEqualTo(RenderStatus.FAILED);
    assertThat(row.errorMessage()).isEqualTo("image https://x/a.png answered 404");
    assertThat(row.completedAt()).isEqualTo(11_000L);
    assertThat(renders.claim("w1", 100_000, 30_000)).isEmpty();
  }

  @Test
  void idempotencyKeyIsUniquePerProject() {
    NewRender a = new NewRender(Ids.newId(), projectId, templateId, versionId, "{}", "f.pdf", false, "k1",
        Ids.token(24));
    NewRender b = new NewRender(Ids.newId(), projectId, templateId, versionId, "{}", "f.pdf", false, "k1",
        Ids.token(24));
    assertThat(renders.insert(a, 1)).isPresent();
    assertThat(renders.insert(b, 2)).isEmpty();
    assertThat(renders.findByIdempotencyKey(projectId, "k1").orElseThrow().id()).isEqualTo(a.id());
  }

  /** Two worker pools on one database: thousands of renders, each completed exactly once. */
  @Test
  @Tag("slow")
  void concurrentWorkersCompleteEachRenderExactlyOnce() throws Exception {
    int n = 2_000;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) ids.add(enqueue(i));
    ConcurrentHashMap<String, AtomicInteger> done = new ConcurrentHashMap<>();
    AtomicInteger lost = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    for (int w = 0; w < 6; w++) {
      String worker = "pool" + (w % 2) + "-thread" + w;
      pool.submit(() -> {
        while (true) {
          Optional<RenderJob> j = renders.claim(worker, System.currentTimeMillis() + 10_000_000L, 60_000);
          if (j.isEmpty()) return null;
          if (renders.succeed(j.get(), "k", System.currentTimeMillis() + 10_000_000L)) {
            done.computeIfAbsent(j.get().renderId(), k -> new AtomicInteger()).incrementAndGet();
          } else {
            lost.incrementAndGet();
          }
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
    assertThat(done).hasSize(n);
    assertThat(done.values()).allMatch(c -> c.get() == 1);
    assertThat(lost.get()).isZero();
    for (String id : ids.subList(0, 50)) assertThat(renders.attemptCount(id)).isEqualTo(1);
    assertThat(renders.pendingCount()).isZero();
  }
}
