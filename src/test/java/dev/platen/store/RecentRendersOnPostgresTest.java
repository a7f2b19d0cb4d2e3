package dev.platen.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.jobs.NewRender;
import dev.platen.jobs.RenderJob;
import dev.platen.jobs.RenderRecord;
import dev.platen.jobs.RenderStatus;
import dev.platen.testing.EmbeddedPg;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two processes on one PostgreSQL, each with its store and its records in memory: a record one of them wrote and
 * the other changed is never answered stale by the first.
 */
@Tag("slow")
class RecentRendersOnPostgresTest {
  Database dbA;
  Database dbB;
  RenderStore a;
  RenderStore b;
  String project;
  String template;
  String version;

  @BeforeEach
  void open() {
    String url = EmbeddedPg.newDatabase();
    dbA = Database.postgres(url, "postgres", null, 4);
    dbB = Database.postgres(url, "postgres", null, 4);
    SqlQueueFixture f = SqlQueueFixture.open(dbA, dev.platen.jobs.TransitionListener.NONE);
    a = f.queue();
    b = new RenderStore(dbB);
    project = f.projectId();
    template = f.templateId();
    version = f.versionId();
  }

  @AfterEach
  void close() {
    dbA.close();
    dbB.close();
  }

  private RenderRecord insert(RenderStore via) {
    String id = Ids.newId();
    return via.insert(new NewRender(id, project, template, version, "{}", "r.pdf", false, null, Ids.token(24)),
        System.currentTimeMillis()).orElseThrow();
  }

  private RenderStatus statusIn(RenderStore via, String id) {
    return via.find(project, id).orElseThrow().status();
  }

  @Test
  void aRenderThisProcessQueuedAndAnotherFinishedIsReadFinished() {
    RenderRecord r = insert(a);
    assertThat(statusIn(a, r.id())).isEqualTo(RenderStatus.QUEUED);
    long now = System.currentTimeMillis();
    RenderJob job = b.claim("worker-b", now, 60_000).orElseThrow();
    assertThat(job.renderId()).isEqualTo(r.id());
    assertThat(statusIn(a, r.id())).isEqualTo(RenderStatus.RENDERING);
    assertThat(b.succeed(job, "renders/x.pdf", now + 5)).isTrue();
    RenderRecord seen = a.find(project, r.id()).orElseThrow();
    assertThat(seen.status()).isEqualTo(RenderStatus.SUCCEEDED);
    assertThat(seen.blobKey()).isEqualTo("renders/x.pdf");
    assertThat(a.findByDownloadToken(r.id(), r.downloadToken()).orElseThrow().status())
        .isEqualTo(RenderStatus.SUCCEEDED);
  }

  @Test
  void aRenderThisProcessClaimedAndAnotherCancelledIsReadCancelled() {
    RenderRecord r = insert(b);
    long now = System.currentTimeMillis();
    RenderJob job = a.claim("worker-a", now, 60_000).orElseThrow();
    assertThat(statusIn(a, r.id())).isEqualTo(RenderStatus.RENDERING);
    assertThat(b.cancel(project, r.id(), now + 1).orElseThrow().changed()).isTrue();
    assertThat(statusIn(a, r.id())).isEqualTo(RenderStatus.CANCELLED);
    // the late result of the cancelled claim is fenced off, and the record stays cancelled in both
    assertThat(a.succeed(job, "renders/late.pdf", now + 2)).isFalse();
    assertThat(statusIn(a, r.id())).isEqualTo(RenderStatus.CANCELLED);
    assertThat(statusIn(b, r.id())).isEqualTo(RenderStatus.CANCELLED);
  }

  @Test
  void aLeaseTakenOverByAnotherProcessIsNotReadAsThisOnesResult() {
    RenderRecord r = insert(a);
    long now = System.currentTimeMillis();
    RenderJob first = a.claim("worker-a", now, 10).orElseThrow();
    // a's lease expires; b takes the render over and fails it for good
    RenderJob second = b.claim("worker-b", now + 1_000, 60_000).orElseThrow();
    assertThat(second.renderId()).isEqualTo(r.id());
    assertThat(b.fail(second, "broken template", now + 1_001)).isTrue();
    assertThat(a.succeed(first, "renders/stale.pdf", now + 1_002)).isFalse();
    RenderRecord seen = a.find(project, r.id()).orElseThrow();
    assertThat(seen.status()).isEqualTo(RenderStatus.FAILED);
    assertThat(seen.errorMessage()).isEqualTo("broken template");
    assertThat(a.find("another-project", r.id())).isEqualTo(Optional.empty());
  }
}
