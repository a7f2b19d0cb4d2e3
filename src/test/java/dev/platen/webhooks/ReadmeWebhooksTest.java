package dev.platen.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's webhook commands, word for word, against a started server and a real receiver. */
class ReadmeWebhooksTest {

  @Test
  void theReadmeWebhookCommandsWork(@TempDir Path dir) throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("<!-- webhooks:start -->");
    int end = readme.indexOf("<!-- webhooks:end -->");
    assertThat(start).isPositive();
    String script = readme.substring(start, end).replaceAll("(?m)^(<!--.*-->|```.*)$", "");
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
      ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(work.toFile())
          .redirectErrorStream(true);
      pb.environment().put("PLATEN", server.baseUrl);
      pb.environment().put("KEY", server.liveKey);
      pb.environment().put("RECEIVER", receiver.url("/hooks/platen"));
      Process p = pb.start();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = new String(p.getInputStream().readAllBytes());
      assertThat(p.exitValue()).as(output).isZero();
      assertThat(output).contains("\"secret\":\"whsec_").contains("\"event\":\"webhook.ping\"")
          .contains("\"status\":\"delivered\"").contains("\"deliveries\":[");
      Receiver.Hit ping = receiver.hits().get(0);
      assertThat(ping.event()).isEqualTo("webhook.ping");
      assertThat(output.strip().lines().reduce((a, b) -> b).orElseThrow())
          .as("the openssl line prints the delivery's signature").isEqualTo(ping.signature());
    }
  }
}
