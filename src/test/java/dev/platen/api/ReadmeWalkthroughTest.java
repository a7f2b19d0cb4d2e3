package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.Pdfs;
import dev.platen.testing.ReadmeScript;
import dev.platen.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's curl walk-through, word for word, against a started server. */
class ReadmeWalkthroughTest {

  @Test
  void theReadmeWalkThroughWorks(@TempDir Path dir) throws Exception {
    String script = ReadmeScript.block("walkthrough");
    Path work = Files.createDirectories(dir.resolve("work"));
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      String output = ReadmeScript.run(script, work,
          Map.of("PLATEN", server.baseUrl, "KEY", server.liveKey), Duration.ofSeconds(60));
      assertThat(output).contains("\"status\":\"queued\"").contains("\"status\":\"succeeded\"").contains("%PDF-");
      byte[] pdf = Files.readAllBytes(work.resolve("invoice.pdf"));
      assertThat(Pdfs.text(pdf)).contains("Ada Lovelace").contains("1,234.50 EUR").contains("Punched cards");
    }
  }
}
