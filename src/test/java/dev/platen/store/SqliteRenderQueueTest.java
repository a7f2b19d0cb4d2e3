package dev.platen.store;

import dev.platen.jobs.RenderQueueContract;
import dev.platen.jobs.TransitionListener;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteRenderQueueTest extends RenderQueueContract {
  @TempDir Path dir;
  int opened;

  @Override
  protected Fixture open(TransitionListener listener) {
    return SqlQueueFixture.open(Database.sqlite(dir.resolve("q" + (opened++) + ".db")), listener);
  }
}
