package dev.platen.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookConfigTest {

  @Test
  void defaultsArePublicTargetsAndDecision13sSchedule() {
    Config.Webhooks w = Config.from(Map.of()).webhooks();
    assertThat(w.allowPrivate()).isFalse();
    assertThat(w.attemptOffsets()).containsExactly(Duration.ZERO, Duration.ofSeconds(10), Duration.ofMinutes(1),
        Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2));
  }

  @Test
  void bothCanBeSet() {
    Config.Webhooks w = Config.from(Map.of("PLATEN_ALLOW_PRIVATE_WEBHOOKS", "true",
        "PLATEN_WEBHOOK_RETRY_SCHEDULE", " 0ms, 250ms ,1s,1s,2m,1h")).webhooks();
    assertThat(w.allowPrivate()).isTrue();
    assertThat(w.attemptOffsets()).containsExactly(Duration.ZERO, Duration.ofMillis(250), Duration.ofSeconds(1),
        Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofHours(1));
    assertThat(Config.from(Map.of("PLATEN_WEBHOOK_RETRY_SCHEDULE", "0s")).webhooks().attemptOffsets())
        .as("one attempt, no retries").containsExactly(Duration.ZERO);
  }

  @Test
  void badValuesNameTheirVariable() {
    assertThatThrownBy(() -> Config.from(Map.of("PLATEN_ALLOW_PRIVATE_WEBHOOKS", "maybe")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("PLATEN_ALLOW_PRIVATE_WEBHOOKS ");
    for (String bad : List.of("10s,1m", "0s,1m,30s", "0s,,1m", "0s,1d", "0s,-1s", "0s,169h", "0,10s", "x",
        "0s,1s,2s,3s,4s,5s,6s,7s,8s,9s,10s,11s,12s,13s,14s,15s,16s,17s,18s,19s,20s")) {
      assertThatThrownBy(() -> Config.from(Map.of("PLATEN_WEBHOOK_RETRY_SCHEDULE", bad))).as(bad)
          .isInstanceOf(ConfigException.class).hasMessageStartingWith("PLATEN_WEBHOOK_RETRY_SCHEDULE ")
          .hasMessageContaining(bad);
    }
  }
}
