package dev.platen.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteRenderQueueTest extends RenderQueueContract {
  @TempDir Path dir;

  @Override
  Database open() {
    return Database.sqlite(dir.resolve("q.db"));
  }
}
