package dev.platen.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link RenderQueue} must guarantee: SQLite, PostgreSQL and the in-memory one each
 * extend this with a few lines that open a queue over one project, template and version.
 */
public abstract class RenderQueueContract {
  /** A queue under test and what the contract needs to look behind it. */
  public interface Fixture extends AutoCloseable {
    RenderQueue queue();

    String projectId();

    String templateId();

    String versionId();

    /** A second project of the same installation, for isolation checks. */
    String otherProjectId();

    /** Puts a render straight into {@code status}, due now and with an expired lease. */
    void force(String renderId, RenderStatus status);

    /** The attempt log of a render: one outcome per attempt, null while open. */
    List<String> attemptOutcomes(String renderId);

    /** Topics of outbox messages written for a render, in order. */
    List<String> outboxTopics(String renderId);

    @Override
    void close();
  }

  protected abstract Fixture open(TransitionListener listener);

  Fixture f;
  RenderQueue renders;

  @BeforeEach
  void setUpQueue() {
    f = open(TransitionListener.NONE);
    renders = f.queue();
  }

  @AfterEach
  void tearDownQueue() {
    f.close();
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  NewRender newRender(Fixture fx, String projectId, String key) {
    return new NewRender(newId(), projectId, fx.templateId(), fx.versionId(), "{}", "f.pdf", false, key,
        newId().replace("-", ""));
  }

  String enqueue(long now) {
    return renders.insert(newRender(f, f.projectId(), null), now).orElseThrow().id();
  }

  RenderStatus status(String id) {
    return renders.find(f.projectId(), id).orElseThrow().status();
  }

  @Test
  void claimTakesEachQueuedRenderOnce() {
    String id = enqueue(1_000);
    Optional<RenderJob> first = renders.claim("w1", 2_000, 30_000);
    assertThat(first).isPresent();
    assertThat(first.get().renderId()).isEqualTo(id);
    assertThat(first.get().attempts()).isEqualTo(1);
    assertThat(first.get().templateVersionId()).isEqualTo(f.versionId());
    assertThat(first.get().templateId()).isEqualTo(f.templateId());
    assertThat(first.get().takenOver()).isFalse();
    assertThat(status(id)).isEqualTo(RenderStatus.RENDERING);
    assertThat(renders.claim("w2", 2_001, 30_000)).isEmpty();
    assertThat(renders.succeed(first.get(), "k", 3_000)).isTrue();
    assertThat(status(id)).isEqualTo(RenderStatus.SUCCEEDED);
    assertThat(renders.find(f.projectId(), id).orElseThrow().durationMs()).isEqualTo(2_000L);
  }

  /** A worker's success and its next claim as one step: both happen, and a lost claim still only loses. */
  @Test
  void succeedAndClaimRecordsTheResultAndTakesTheNextRender() {
    String a = enqueue(1_000);
    String b = enqueue(1_001);
    RenderJob first = renders.claim("w1", 2_000, 30_000).orElseThrow();
    assertThat(first.renderId()).isEqualTo(a);
    RenderQueue.Handoff h = renders.succeedAndClaim(first, "k-a", 3_000, "w1", 30_000);
    assertThat(h.succeeded()).isTrue();
    assertThat(h.next()).isPresent();
    assertThat(h.next().get().renderId()).isEqualTo(b);
    assertThat(status(a)).isEqualTo(RenderStatus.SUCCEEDED);
    assertThat(renders.find(f.projectId(), a).orElseThrow().blobKey()).isEqualTo("k-a");
    assertThat(status(b)).isEqualTo(RenderStatus.RENDERING);
    assertThat(f.attemptOutcomes(a)).containsExactly("succeeded");
    // b is cancelled meanwhile: its success is refused, and with nothing due no next render comes
    assertThat(renders.cancel(f.projectId(), b, 3_500).orElseThrow().changed()).isTrue();
    RenderQueue.Handoff late = renders.succeedAndClaim(h.next().get(), "k-b", 4_000, "w1", 30_000);
    assertThat(late.succeeded()).isFalse();
    assertThat(late.next()).isEmpty();
    assertThat(status(b)).isEqualTo(RenderStatus.CANCELLED);
    assertThat(renders.pendingCount()).isZero();
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
    assertThat(stale.takenOver()).isFalse();
    assertThat(fresh.takenOver()).as("claimed from a worker whose lease expired").isTrue();
    assertThat(renders.heartbeat(stale, 6_002, 5_000)).isFalse();
    assertThat(renders.fail(stale, "stale worker", 6_003)).isFalse();
    assertThat(renders.succeed(stale, "stale-key", 6_003)).isFalse();
    assertThat(status(id)).isEqualTo(RenderStatus.RENDERING);
    assertThat(renders.succeed(fresh, "fresh-key", 7_000)).isTrue();
    assertThat(status(id)).isEqualTo(RenderStatus.SUCCEEDED);
    assertThat(f.attemptOutcomes(id)).hasSize(2);
    assertThat(f.attemptOutcomes(id).get(1)).isEqualTo("succeeded");
    assertThat(f.attemptOutcomes(id).get(0)).as("the dead worker's attempt is closed when it is taken over")
        .isEqualTo("lost");
  }

  @Test
  void retryWaitsForItsTimeAndFailureIsFinal() {
    String id = enqueue(1_000);
    RenderJob j = renders.claim("w1", 1_000, 30_000).orElseThrow();
    assertThat(renders.retryLater(j, 10_000, "disk hiccup", 1_500)).isTrue();
    assertThat(status(id)).isEqualTo(RenderStatus.QUEUED);
    assertThat(renders.claim("w1", 9_999, 30_000)).isEmpty();
    RenderJob again = renders.claim("w1", 10_000, 30_000).orElseThrow();
    assertThat(again.attempts()).isEqualTo(2);
    assertThat(again.takenOver()).as("a retry is not a take-over").isFalse();
    assertThat(renders.fail(again, "image https://x/a.png answered 404", 11_000)).isTrue();
    var row = renders.find(f.projectId(), id).orElseThrow();
    assertThat(row.status()).isEqualTo(RenderStatus.FAILED);
    assertThat(row.errorMessage()).isEqualTo("image https://x/a.png answered 404");
    assertThat(row.completedAt()).isEqualTo(11_000L);
    assertThat(renders.claim("w1", 100_000, 30_000)).isEmpty();
    assertThat(f.attemptOutcomes(id)).containsExactly("retry: disk hiccup", "failed");
  }

  @Test
  void pendingByStatusCountsOnlyUnfinishedRenders() {
    assertThat(renders.pendingByStatus()).isEmpty();
    String done = enqueue(1_000);
    enqueue(1_001);
    enqueue(1_002);
    RenderJob j = renders.claim("w1", 2_000, 30_000).orElseThrow();
    assertThat(j.renderId()).isEqualTo(done);
    renders.claim("w1", 2_000, 30_000).orElseThrow();
    assertThat(renders.succeed(j, "k", 3_000)).isTrue();
    assertThat(renders.pendingByStatus())
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(RenderStatus.QUEUED, 1L, RenderStatus.RENDERING, 1L));
  }

  @Test
  void idempotencyKeyIsUniquePerProject() {
    NewRender a = newRender(f, f.projectId(), "k1");
    NewRender b = newRender(f, f.projectId(), "k1");
    NewRender other = newRender(f, f.otherProjectId(), "k1");
    assertThat(renders.insert(a, 1)).isPresent();
    assertThat(renders.insert(b, 2)).isEmpty();
    assertThat(renders.insert(other, 3)).as("another project's key space").isPresent();
    assertThat(renders.findByIdempotencyKey(f.projectId(), "k1").orElseThrow().id()).isEqualTo(a.id());
    assertThat(renders.find(f.projectId(), b.id())).isEmpty();
  }

  @Test
  void recordsAreReadOnlyWithinTheirProjectOrWithTheirToken() {
    NewRender r = newRender(f, f.projectId(), null);
    renders.insert(r, 5);
    assertThat(renders.find(f.otherProjectId(), r.id())).isEmpty();
    assertThat(renders.findByDownloadToken(r.id(), r.downloadToken())).isPresent();
    assertThat(renders.findByDownloadToken(r.id(), "wrong")).isEmpty();
    assertThat(renders.pendingCount()).isEqualTo(1);
  }

  /**
   * Every (from, to) pair of statuses through the real implementation: the move happens exactly when the transition
   * table allows it, whatever the fencing token says, so the table and the guards cannot drift apart.
   */
  @Test
  void everyPairOfStatusesAgreesWithTheTransitionTable() {
    long now = 1_000_000;
    List<String> disagreements = new ArrayList<>();
    for (RenderStatus from : RenderStatus.values()) {
      for (RenderStatus to : RenderStatus.values()) {
        String id = enqueue(now);
        RenderJob job = renders.claim("w", now, 10).orElseThrow();
        assertThat(job.renderId()).isEqualTo(id);
        f.force(id, from);
        boolean moved = switch (to) {
          case RENDERING -> renders.claim("w2", ++now, 10).filter(j -> j.renderId().equals(id)).isPresent();
          case SUCCEEDED -> renders.succeed(job, "k", ++now);
          case FAILED -> renders.fail(job, "e", ++now);
          case QUEUED -> renders.retryLater(job, 0, "r", ++now);
          case CANCELLED -> renders.cancel(f.projectId(), id, ++now).orElseThrow().changed();
        };
        RenderStatus after = status(id);
        boolean allowed = from.canMoveTo(to);
        if (moved != allowed || after != (allowed ? to : from)) {
          disagreements.add(from.wire() + " -> " + to.wire() + ": moved=" + moved + ", now " + after.wire());
        }
        f.force(id, RenderStatus.FAILED); // out of the way of the next pair's claim
        now += 100;
      }
    }
    assertThat(disagreements).as("moves that disagree with RenderStatus's table").isEmpty();
  }

  @Test
  void cancelStopsAQueuedOrRenderingRenderAndLeavesTerminalOnesAlone() {
    String queued = enqueue(1_000);
    var c = renders.cancel(f.projectId(), queued, 2_000).orElseThrow();
    assertThat(c.changed()).isTrue();
    assertThat(c.render().status()).isEqualTo(RenderStatus.CANCELLED);
    assertThat(c.render().completedAt()).isEqualTo(2_000L);
    assertThat(renders.claim("w", 3_000, 1_000)).as("a cancelled render is never claimed").isEmpty();

    String rendering = enqueue(4_000);
    RenderJob job = renders.claim("w", 4_000, 30_000).orElseThrow();
    assertThat(renders.cancel(f.projectId(), rendering, 5_000).orElseThrow().changed()).isTrue();
    assertThat(renders.heartbeat(job, 5_001, 30_000)).as("the worker learns it lost the render").isFalse();
    assertThat(renders.succeed(job, "late", 5_002)).as("its late result is discarded").isFalse();
    var after = renders.find(f.projectId(), rendering).orElseThrow();
    assertThat(after.status()).isEqualTo(RenderStatus.CANCELLED);
    assertThat(after.blobKey()).isNull();
    assertThat(f.attemptOutcomes(rendering)).containsExactly("cancelled");

    var again = renders.cancel(f.projectId(), rendering, 6_000).orElseThrow();
    assertThat(again.changed()).isFalse();
    assertThat(again.render().status()).isEqualTo(RenderStatus.CANCELLED);
    assertThat(renders.cancel(f.otherProjectId(), queued, 6_000)).as("another project's render").isEmpty();
    assertThat(renders.cancel(f.projectId(), newId(), 6_000)).isEmpty();
    assertThat(renders.pendingCount()).isZero();
  }

  /** The seam the webhook outbox stands on: what the listener writes commits with the status change, or not at all. */
  @Test
  void theOutboxIsWrittenInTheSameTransactionAsTheStatusChange() {
    f.close();
    f = open((t, outbox) -> {
      // the render as this change left it: the webhook body is built from it inside the transaction
      RenderRecord seen = t.render();
      assertThat(seen.status()).isEqualTo(t.to());
      if (t.to().terminal()) assertThat(seen.completedAt()).isEqualTo(t.at());
      if (t.to().terminal()) outbox.append("render." + t.to().wire(), t.projectId(), t.renderId(), "{}");
    });
    renders = f.queue();
    String ok = enqueue(1_000);
    RenderJob stale = renders.claim("w1", 1_000, 10).orElseThrow();
    RenderJob fresh = renders.claim("w2", 2_000, 30_000).orElseThrow();
    assertThat(renders.fail(stale, "late", 2_001)).isFalse();
    assertThat(f.outboxTopics(ok)).as("a lost write owes no message").isEmpty();
    assertThat(renders.succeed(fresh, "k", 2_002)).isTrue();
    assertThat(f.outboxTopics(ok)).containsExactly("render.succeeded");
    String cancelled = enqueue(3_000);
    renders.cancel(f.projectId(), cancelled, 3_001);
    assertThat(f.outboxTopics(cancelled)).containsExactly("render.cancelled");
    f.close();

    f = open((t, outbox) -> {
      outbox.append("x", t.projectId(), t.renderId(), "{}");
      if (t.to() == RenderStatus.SUCCEEDED) throw new IllegalStateException("listener failed");
    });
    renders = f.queue();
    String id = enqueue(4_000);
    RenderJob j = renders.claim("w", 4_000, 30_000).orElseThrow();
    assertThatThrownBy(() -> renders.succeed(j, "k", 4_001)).hasMessageContaining("listener failed");
    assertThat(status(id)).as("the change rolled back with the listener").isEqualTo(RenderStatus.RENDERING);
    assertThat(f.outboxTopics(id)).as("only the claim's message").containsExactly("x");
  }

  /**
   * Projects take turns: a project with a long backlog does not hold up another project's few renders. A queues
   * 500, then B queues 10; one worker drains the queue, and B's last render is done before A's 30th.
   */
  @Test
  @Tag("slow")
  void projectsTakeTurnsSoABacklogDoesNotDelayAnotherProject() {
    for (int i = 0; i < 500; i++) renders.insert(newRender(f, f.projectId(), null), i);
    for (int i = 0; i < 10; i++) renders.insert(newRender(f, f.otherProjectId(), null), 5_000 + i);
    assertThat(renders.pendingCount(f.projectId())).isEqualTo(500);
    assertThat(renders.pendingCount(f.otherProjectId())).isEqualTo(10);
    int aDone = 0;
    int bDone = 0;
    int aDoneWhenBFinished = -1;
    for (long now = 10_000; ; now++) {
      Optional<RenderJob> j = renders.claim("w", now, 30_000);
      if (j.isEmpty()) break;
      assertThat(renders.succeed(j.get(), "k", now)).isTrue();
      if (j.get().projectId().equals(f.projectId())) {
        aDone++;
      } else if (++bDone == 10) {
        aDoneWhenBFinished = aDone;
      }
    }
    assertThat(aDone).isEqualTo(500);
    assertThat(aDoneWhenBFinished).as("A's renders done when B's 10th finished").isBetween(0, 30);
    assertThat(renders.pendingCount(f.projectId())).isZero();
  }

  /** Two worker pools on one queue: a thousand renders, each completed exactly once. */
  @Test
  @Tag("slow")
  void concurrentWorkersCompleteEachRenderExactlyOnce() throws Exception {
    int n = 1_000;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) ids.add(enqueue(i));
    ConcurrentHashMap<String, AtomicInteger> done = new ConcurrentHashMap<>();
    AtomicInteger lost = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    for (int w = 0; w < 6; w++) {
      String worker = "pool" + (w % 2) + "-thread" + w;
      pool.submit(() -> {
        while (true) {
          Optional<RenderJob> j = renders.claim(worker, 10_000_000L, 60_000);
          if (j.isEmpty()) return null;
          if (renders.succeed(j.get(), "k", 10_000_001L)) {
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
    for (String id : ids.subList(0, 50)) assertThat(f.attemptOutcomes(id)).containsExactly("succeeded");
    assertThat(renders.pendingCount()).isZero();
    assertThat(EnumSet.copyOf(RenderStatus.unfinished())).containsExactly(RenderStatus.QUEUED, RenderStatus.RENDERING);
  }
}
