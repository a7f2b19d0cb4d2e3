package dev.platen.webhooks;

import dev.platen.store.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteWebhookStoreTest extends WebhookStoreContract {
  @TempDir Path dir;

  @Override
  protected Database open() {
    return Database.sqlite(dir.resolve("platen.db"));
  }

  @Override
  protected Database openSecond() {
    return Database.sqlite(dir.resolve("platen.db"));
  }
}
