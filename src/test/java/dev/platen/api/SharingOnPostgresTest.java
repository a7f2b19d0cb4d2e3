package dev.platen.api;

import static dev.platen.api.SharingApiTest.BROWSER;
import static dev.platen.api.SharingApiTest.getAccepting;
import static dev.platen.api.SharingApiTest.publish;
import static dev.platen.api.SharingApiTest.succeededRender;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.EmbeddedPg;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The share and engagement SQL on PostgreSQL, where concurrent identical events must still be recorded once. */
@Tag("slow")
class SharingOnPostgresTest {

  @Test
  void sharesEventsAndTheirOutboxWorkOnPostgres(@TempDir Path dir) throws Exception {
    try (TestServer s = TestServer.start(dir, Map.of("PLATEN_DATABASE_URL", EmbeddedPg.newDatabase(),
        "PLATEN_DATABASE_USER", "postgres"))) {
      String key = s.liveKey;
      publish(s, key);
      String render = succeededRender(s, key);
      JsonNode share = s.post("/v1/renders/" + render + "/shares", key, Map.of("expiresAt", "2099-01-01T00:00:00Z"))
          .json();
      String page = "/share/" + share.path("shareToken").asString();
      assertThat(getAccepting(s, page, BROWSER).status()).isEqualTo(200);
      assertThat(getAccepting(s, page, BROWSER).status()).isEqualTo(200);
      assertThat(s.get(page + "/pdf", null).status()).isEqualTo(200);

      // ten identical reports at once are recorded once (how often they truly overlap depends on the machine)
      ExecutorService pool = Executors.newFixedThreadPool(10);
      List<Future<Res>> answers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        Callable<Res> report = () -> s.post("/v1/renders/" + render + "/events", key, Map.of("eventType", "printed"));
        answers.add(pool.submit(report));
      }
      int recorded = 0;
      for (Future<Res> f : answers) {
        Res r = f.get();
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        if (r.json().path("recorded").asBoolean()) recorded++;
      }
      pool.shutdown();
      assertThat(recorded).isEqualTo(1);

      JsonNode listed = s.get("/v1/renders/" + render + "/shares", key).json().path("shares").get(0);
      assertThat(listed.path("clickCount").asLong()).isEqualTo(1);
      assertThat(listed.path("expiresAt").asString()).isEqualTo("2099-01-01T00:00:00.000Z");
      assertThat(s.delete("/v1/renders/" + render + "/shares/" + share.path("id").asString(), key).status())
          .isEqualTo(200);
      assertThat(getAccepting(s, page, BROWSER).status()).isEqualTo(404);

      JsonNode e = s.get("/v1/renders/" + render + "/engagement", key).json();
      assertThat(e.path("counts").path("viewed").asLong()).isEqualTo(1);
      assertThat(e.path("counts").path("downloaded").asLong()).isEqualTo(1);
      assertThat(e.path("counts").path("printed").asLong()).isEqualTo(1);
      assertThat(e.path("counts").path("share_created").asLong()).isEqualTo(1);
      assertThat(e.path("counts").path("share_revoked").asLong()).isEqualTo(1);
      assertThat(e.path("linkOpens").asLong()).isEqualTo(1);
      assertThat(e.path("total").asLong()).isEqualTo(5);
      long messages = s.platen().database().jdbi().withHandle(h -> h.createQuery(
          "SELECT COUNT(*) FROM outbox WHERE render_id = :r AND topic LIKE 'document.%'")
          .bind("r", render).mapTo(Long.class).one());
      assertThat(messages).isEqualTo(5);
    }
  }
}
