package dev.platen.webhooks;

import dev.platen.store.Database;
import dev.platen.testing.EmbeddedPg;
import org.junit.jupiter.api.Tag;

/** The contract on PostgreSQL, where several processes really do claim at once ({@code FOR UPDATE SKIP LOCKED}). */
@Tag("slow")
class PostgresWebhookStoreTest extends WebhookStoreContract {
  private String url;

  @Override
  protected Database open() {
    url = EmbeddedPg.newDatabase();
    return Database.postgres(url, "postgres", null, 10);
  }

  @Override
  protected Database openSecond() {
    return Database.postgres(url, "postgres", null, 4);
  }
}
