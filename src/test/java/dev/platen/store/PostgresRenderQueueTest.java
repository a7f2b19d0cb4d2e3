package dev.platen.store;

import dev.platen.testing.EmbeddedPg;
import org.junit.jupiter.api.Tag;

@Tag("slow")
class PostgresRenderQueueTest extends RenderQueueContract {
  @Override
  Database open() {
    return Database.postgres(EmbeddedPg.newDatabase(), "postgres", null, 10);
  }
}
