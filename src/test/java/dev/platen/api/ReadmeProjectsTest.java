package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's "Projects and keys" commands word for word against a started server. */
class ReadmeProjectsTest {

  @Test
  void theReadmeProjectCommandsWork(@TempDir Path dir) throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("<!-- projects:start -->");
    int end = readme.indexOf("<!-- projects:end -->");
    assertThat(start).isPositive();
    assertThat(end).isGreaterThan(start);
    String script = readme.substring(start, end).replaceAll("(?m)^(<!--.*-->|```.*)$", "");
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(dir.toFile())
          .redirectErrorStream(true);
      pb.environment().put("PLATEN", server.baseUrl);
      pb.environment().put("ACCOUNT_KEY", server.accountKey);
      Process p = pb.start();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = new String(p.getInputStream().readAllBytes());
      assertThat(p.exitValue()).as(output).isZero();
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
