package dev.platen.jobs;

import java.util.List;
import java.util.Objects;

class InMemoryRenderQueueTest extends RenderQueueContract {
  @Override
  protected Fixture open(TransitionListener listener) {
    InMemoryRenderQueue q = new InMemoryRenderQueue(listener);
    return new Fixture() {
      @Override public RenderQueue queue() { return q; }
      @Override public String projectId() { return "p1"; }
      @Override public String templateId() { return "t1"; }
      @Override public String versionId() { return "v1"; }
      @Override public String otherProjectId() { return "p2"; }
      @Override public void force(String renderId, RenderStatus status) { q.force(renderId, status); }

      @Override
      public List<String> attemptOutcomes(String renderId) {
        return q.attempts(renderId).stream().map(InMemoryRenderQueue.Attempt::outcome).toList();
      }

      @Override
      public List<String> outboxTopics(String renderId) {
        return q.outbox().stream().filter(m -> Objects.equals(m.renderId(), renderId))
            .map(InMemoryRenderQueue.OutboxMessage::topic).toList();
      }

      @Override public void close() { }
    };
  }
}
