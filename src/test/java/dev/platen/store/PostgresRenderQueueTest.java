package dev.platen.store;

import dev.platen.jobs.RenderQueueContract;
import dev.platen.jobs.TransitionListener;
import dev.platen.testing.EmbeddedPg;
import org.junit.jupiter.api.Tag;

@Tag("slow")
class PostgresRenderQueueTest extends RenderQueueContract {
  @Override
  protected Fixture open(TransitionListener listener) {
    return SqlQueueFixture.open(Database.postgres(EmbeddedPg.newDatabase(), "postgres", null, 10), listener);
  }
}
