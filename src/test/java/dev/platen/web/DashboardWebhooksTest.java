package dev.platen.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.TestServer;
import dev.platen.webhooks.Receiver;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks through the dashboard's forms, checked against what the API and a real receiver see. The server serves
 * the API only: a ping is sent at once from the request, everything else waits for a worker's dispatcher.
 */
class DashboardWebhooksTest {

  @Test
  void createPingPauseRetryAndDelete(@TempDir Path dir) throws Exception {
    try (Receiver receiver = Receiver.answering(200);
        TestServer s = TestServer.start(dir, Map.of("PLATEN_ALLOW_PRIVATE_WEBHOOKS", "true",
            "PLATEN_ROLE", "api"))) {
      WebClient c = new WebClient(s.baseUrl);
      c.signIn(s.liveKey);
      String token = c.csrf("/app/webhooks");

      HttpResponse<String> refused = c.post("/app/webhooks", WebClient.form("_csrf", token, "url", "ftp://nowhere",
          "events", "render.succeeded"));
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("class=\"error\"");

      HttpResponse<String> created = c.post("/app/webhooks", WebClient.form("_csrf", token,
          "url", receiver.url("/hook"), "events", "render.succeeded", "description", "<b>ops</b>"));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      Matcher secret = Pattern.compile("id=\"webhook-secret\">(whsec_[A-Za-z0-9_-]+)<").matcher(created.body());
      assertThat(secret.find()).isTrue();
      JsonNode hook = s.get("/v1/webhooks", s.liveKey).json().path("webhooks").get(0);
      String id = hook.path("id").asString();
      assertThat(hook.path("url").asString()).isEqualTo(receiver.url("/hook"));
      assertThat(hook.path("description").asString()).isEqualTo("<b>ops</b>");
      String list = c.get("/app/webhooks").body();
      assertThat(list).contains("&lt;b&gt;ops&lt;/b&gt;").doesNotContain("<b>ops</b>").doesNotContain("whsec_");

      assertThat(c.post("/app/webhooks/" + id + "/ping", WebClient.form("_csrf", token)).statusCode())
          .isEqualTo(303);
      assertThat(receiver.hits(h -> "webhook.ping".equals(h.event()))).hasSize(1);
      assertThat(receiver.hits().getFirst().signature()).isNotBlank();
      String page = c.get("/app/webhooks/" + id).body();
      assertThat(page).contains("webhook.ping").contains("delivered");

      Matcher delivery = Pattern.compile("/deliveries/([0-9a-f-]{36})/retry").matcher(page);
      assertThat(delivery.find()).isTrue();
      assertThat(c.post("/app/webhooks/" + id + "/deliveries/" + delivery.group(1) + "/retry",
          WebClient.form("_csrf", token)).statusCode()).isEqualTo(303);
      // requeued for the dispatcher (an API-only process sends pings only, so here it stays pending)
      JsonNode requeued = s.get("/v1/webhooks/" + id + "/deliveries", s.liveKey).json().path("deliveries").get(0);
      assertThat(requeued.path("id").asString()).isEqualTo(delivery.group(1));
      assertThat(requeued.path("status").asString()).isEqualTo("pending");

      assertThat(c.post("/app/webhooks/" + id + "/active", WebClient.form("_csrf", token)).statusCode())
          .isEqualTo(303);
      assertThat(s.get("/v1/webhooks/" + id, s.liveKey).json().path("active").asBoolean()).isFalse();
      assertThat(c.get("/app/webhooks/" + id).body()).contains("id=\"webhook-state\">paused<");
      c.post("/app/webhooks/" + id + "/active", WebClient.form("_csrf", token));
      assertThat(s.get("/v1/webhooks/" + id, s.liveKey).json().path("active").asBoolean()).isTrue();

      String other = s.newProjectKey(false);
      WebClient stranger = new WebClient(s.baseUrl);
      stranger.signIn(other);
      String theirToken = stranger.csrf("/app/webhooks");
      assertThat(stranger.get("/app/webhooks/" + id).statusCode()).isEqualTo(404);
      assertThat(stranger.post("/app/webhooks/" + id + "/delete", WebClient.form("_csrf", theirToken))
          .statusCode()).isEqualTo(404);

      assertThat(c.post("/app/webhooks/" + id + "/delete", WebClient.form("_csrf", token)).statusCode())
          .isEqualTo(303);
      assertThat(s.get("/v1/webhooks/" + id, s.liveKey).status()).isEqualTo(404);
    }
  }
}
