package dev.platen.store;

import dev.platen.jobs.RenderQueue;
import dev.platen.jobs.RenderQueueContract;
import dev.platen.jobs.RenderStatus;
import dev.platen.jobs.TransitionListener;
import java.util.List;

/** The contract's view of a {@link RenderStore}: two projects, one with a published template, on a real database. */
record SqlQueueFixture(Database db, RenderStore queue, String projectId, String otherProjectId, String templateId,
    String versionId) implements RenderQueueContract.Fixture {

  static SqlQueueFixture open(Database db, TransitionListener listener) {
    ProjectStore projects = new ProjectStore(db);
    String projectId = projects.createProject("p", null, null);
    String other = projects.createProject("q", null, null);
    var pub = new TemplateStore(db).create(projectId, null, "t", new TemplateStore.NewVersion("T", null,
        "{\"variables\":[],\"loops\":[]}", "{}", "{\"sections\":[]}", "{}"));
    return new SqlQueueFixture(db, new RenderStore(db, listener), projectId, other, pub.template().id(),
        pub.version().id());
  }

  @Override
  public void force(String renderId, RenderStatus status) {
    db.jdbi().useHandle(h -> h.createUpdate("UPDATE renders SET status = :s, run_at = 0, lease_until = 0 "
            + "WHERE id = :id")
        .bind("s", status.wire()).bind("id", renderId).execute());
    // written behind the store's back: what it keeps in memory no longer holds
    queue.forgetCached();
  }

  @Override
  public List<String> attemptOutcomes(String renderId) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT outcome FROM render_attempts WHERE render_id = :id "
            + "ORDER BY attempt")
        .bind("id", renderId).mapTo(String.class).list());
  }

  @Override
  public List<String> outboxTopics(String renderId) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT topic FROM outbox WHERE render_id = :id ORDER BY id")
        .bind("id", renderId).mapTo(String.class).list());
  }

  @Override
  public void close() {
    db.close();
  }
}
