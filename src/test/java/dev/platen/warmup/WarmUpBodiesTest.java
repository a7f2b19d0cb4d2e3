package dev.platen.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.api.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The warm-up's render bodies with a key the manifest does not have (D78): still JSON, the data otherwise kept. */
class WarmUpBodiesTest {
  @Test
  void addsOneNewNameToTheDataAndKeepsTheRest() {
    String body = "{\"data\": {\"number\": \"INV-1\", \"items\": [{\"qty\": 2}]}}";
    for (int seq = 1; seq <= 3; seq++) {
      JsonNode data = Json.shared().readTree(WarmUpTraffic.withStrayKey(body, seq)).path("data");
      assertThat(data.size()).isEqualTo(3);
      assertThat(data.path("number").asString()).isEqualTo("INV-1");
      assertThat(data.path("items").get(0).path("qty").asInt()).isEqualTo(2);
    }
    // names of one, two and more four-byte words, each new
    assertThat(Json.shared().readTree(WarmUpTraffic.withStrayKey(body, 3)).path("data").has("k3")).isTrue();
    assertThat(Json.shared().readTree(WarmUpTraffic.withStrayKey(body, 4)).path("data").has("extra_4")).isTrue();
    assertThat(Json.shared().readTree(WarmUpTraffic.withStrayKey(body, 5)).path("data")
        .has("not_in_the_manifest_5")).isTrue();
  }

  @Test
  void emptyDataGetsTheKeyAlone() {
    JsonNode data = Json.shared().readTree(WarmUpTraffic.withStrayKey("{\"data\": { }}", 7)).path("data");
    assertThat(data.size()).isEqualTo(1);
    assertThat(data.path("extra_7").asInt()).isEqualTo(7);
  }
}
