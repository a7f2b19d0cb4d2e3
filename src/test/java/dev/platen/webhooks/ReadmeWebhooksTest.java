package dev.platen.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.ReadmeScript;
import dev.platen.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's webhook commands, word for word, against a started server and a real receiver. */
class ReadmeWebhooksTest {

  @Test
  void theReadmeWebhookCommandsWork(@TempDir Path dir) throws Exception {
    String script = ReadmeScript.block("webhooks");
    Path work = Files.createDirectories(dir.resolve("work"));
    // the user's receiver keeps the raw body of what it got, as the README's last command expects
    try (Receiver receiver = Receiver.start(h -> {
          try {
            Files.write(work.resolve("body.json"), h.body());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return 200;
        });
        TestServer server = TestServer.start(dir.resolve("data"), Map.of("PLATEN_ALLOW_PRIVATE_WEBHOOKS", "true"))) {
      String output = ReadmeScript.run(script, work, Map.of(
          "PLATEN", server.baseUrl,
          "KEY", server.liveKey,
          "RECEIVER", receiver.url("/hooks/platen")), Duration.ofSeconds(60));
      assertThat(output).contains("\"secret\":\"whsec_").contains("\"event\":\"webhook.ping\"")
          .contains("\"status\":\"delivered\"").contains("\"deliveries\":[");
      Receiver.Hit ping = receiver.hits().get(0);
      assertThat(ping.event()).isEqualTo("webhook.ping");
      assertThat(output.strip().lines().reduce((a, b) -> b).orElseThrow())
          .as("the openssl line prints the delivery's signature").isEqualTo(ping.signature());
    }
  }
}
