package dev.platen.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.errors.PlatenException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every way in takes a render through {@link RenderAdmission}: limits, insert, wake-up, and a failed insert's 503. */
class RenderAdmissionTest {
  private final AtomicInteger wakes = new AtomicInteger();

  private static NewRender render(String id, String key) {
    return new NewRender(id, "p1", "t1", "v1", "{}", id + ".pdf", false, key, "token-" + id);
  }

  /** The in-memory queue, but its inserts fail as a database that is down does. */
  private static RenderQueue failingInserts(RenderQueue real) {
    return (RenderQueue) Proxy.newProxyInstance(RenderQueue.class.getClassLoader(), new Class<?>[] {RenderQueue.class},
        (proxy, method, args) -> {
          if (method.getName().equals("insert")) throw new IllegalStateException("database is locked");
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void aRenderIsQueuedAndAWorkerWokenOnce() {
    InMemoryRenderQueue queue = new InMemoryRenderQueue();
    RenderAdmission admission = new RenderAdmission(queue, new QueueLimits(10, 10), wakes::incrementAndGet,
        InstantSource.system());
    assertThat(admission.admit(render("r1", "k1"))).hasValueSatisfying(r -> assertThat(r.id()).isEqualTo("r1"));
    assertThat(wakes).hasValue(1);
    assertThat(admission.admit(render("r2", "k1"))).as("the same idempotency key").isEmpty();
    assertThat(wakes).hasValue(1);
    assertThat(queue.pendingCount()).isEqualTo(1);
  }

  @Test
  void aFullQueueIsRefusedBeforeTheInsert() {
    InMemoryRenderQueue queue = new InMemoryRenderQueue();
    RenderAdmission admission = new RenderAdmission(queue, new QueueLimits(1, 1), wakes::incrementAndGet,
        InstantSource.system());
    admission.admit(render("r1", null));
    assertThatThrownBy(() -> admission.admit(render("r2", null))).isInstanceOfSatisfying(PlatenException.class,
        e -> assertThat(e.status()).isEqualTo(503));
    assertThat(queue.pendingCount()).isEqualTo(1);
  }

  @Test
  void anInsertTheDatabaseRefusesIsA503NotA500() {
    RenderAdmission admission = new RenderAdmission(failingInserts(new InMemoryRenderQueue()), new QueueLimits(10, 10),
        wakes::incrementAndGet, InstantSource.system());
    assertThatThrownBy(() -> admission.admit(render("r1", null))).isInstanceOfSatisfying(PlatenException.class, e -> {
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.code()).isEqualTo("queue_unavailable");
    });
    assertThat(wakes).hasValue(0);
  }
}
