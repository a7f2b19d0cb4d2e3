package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.ReadmeScript;
import dev.platen.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Runs the README's "Inbound triggers" commands word for word, after its walk-through, against a started server. */
class ReadmeInboundTest {

  @Test
  void theReadmeInboundCommandsWork(@TempDir Path dir) throws Exception {
    String script = ReadmeScript.block("walkthrough") + ReadmeScript.block("inbound");
    Path work = Files.createDirectories(dir.resolve("work"));
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      String output = ReadmeScript.run(script, work,
          Map.of("PLATEN", server.baseUrl, "KEY", server.liveKey), Duration.ofSeconds(90));
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
