package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.ReadmeScript;
import dev.platen.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's "Projects and keys" commands word for word against a started server. */
class ReadmeProjectsTest {

  @Test
  void theReadmeProjectCommandsWork(@TempDir Path dir) throws Exception {
    String script = ReadmeScript.block("projects");
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      String output = ReadmeScript.run(script, dir,
          Map.of("PLATEN", server.baseUrl, "ACCOUNT_KEY", server.accountKey), Duration.ofSeconds(60));
      assertThat(output).contains("\"slug\":\"acme-billing\",\"name\":\"Acme Billing\"")
          .contains("\"name\":\"billing service\",\"prefix\":\"ck_live_")
          .contains("new key: 200")
          .contains("\"mode\":\"test\"")
          .contains("\"lastUsedAt\":\"")
          .contains("\"revokedAt\":\"")
          .contains("after revoking: 401")
          .contains("\"name\":\"Acme Billing (EU)\"")
          .contains("\"slug\":\"default-project\"")
          .contains("\"deleted\":true")
          .contains("after deleting: 403");
    }
  }
}
