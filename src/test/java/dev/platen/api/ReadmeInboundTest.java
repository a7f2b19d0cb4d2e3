package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Runs the README's "Inbound triggers" commands word for word, after its walk-through, against a started server. */
class ReadmeInboundTest {

  private static String block(String readme, String name) {
    int start = readme.indexOf("<!-- " + name + ":start -->");
    int end = readme.indexOf("<!-- " + name + ":end -->");
    assertThat(start).as(name).isPositive();
    assertThat(end).as(name).isGreaterThan(start);
    return readme.substring(start, end).replaceAll("(?m)^(<!--.*-->|```.*)$", "");
  }

  @Test
  void theReadmeInboundCommandsWork(@TempDir Path dir) throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String script = block(readme, "walkthrough") + block(readme, "inbound");
    Path work = Files.createDirectories(dir.resolve("work"));
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(work.toFile())
          .redirectErrorStream(true);
      pb.environment().put("PLATEN", server.baseUrl);
      pb.environment().put("KEY", server.liveKey);
      Process p = pb.start();
      assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
      String output = new String(p.getInputStream().readAllBytes());
      assertThat(p.exitValue()).as(output).isZero();
      assertThat(output).contains("\"inboundUrl\":\"" + server.baseUrl + "/v1/hooks/")
          .contains("\"requireSignature\":true")
          .contains("unsigned: 401")
          .contains("old URL after rotating: 404");
      // both triggered renders (unsigned with an Idempotency-Key, then signed) were accepted and rendered
      Matcher accepted = Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\",\"status\":\"queued\",\"pollUrl\":\"[^\"]+\"}")
          .matcher(output);
      List<String> ids = accepted.results().map(m -> m.group(1)).toList();
      assertThat(ids).as(output).hasSize(2);
      for (String id : ids) {
        JsonNode done = server.awaitTerminal(id, server.liveKey, Duration.ofSeconds(60));
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
      }
    }
  }
}
