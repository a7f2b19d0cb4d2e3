package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.Pdfs;
import dev.platen.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's curl walk-through, word for word, against a started server. */
class ReadmeWalkthroughTest {

  @Test
  void theReadmeWalkThroughWorks(@TempDir Path dir) throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("<!-- walkthrough:start -->");
    int end = readme.indexOf("<!-- walkthrough:end -->");
    assertThat(start).isPositive();
    String script = readme.substring(start, end).replaceAll("(?m)^(<!--.*-->|```.*)$", "");
    Path work = Files.createDirectories(dir.resolve("work"));
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(work.toFile())
          .redirectErrorStream(true);
      pb.environment().put("PLATEN", server.baseUrl);
      pb.environment().put("KEY", server.liveKey);
      Process p = pb.start();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = new String(p.getInputStream().readAllBytes());
      assertThat(p.exitValue()).as(output).isZero();
      assertThat(output).contains("\"status\":\"queued\"").contains("\"status\":\"succeeded\"").contains("%PDF-");
      byte[] pdf = Files.readAllBytes(work.resolve("invoice.pdf"));
      assertThat(Pdfs.text(pdf)).contains("Ada Lovelace").contains("1,234.50 EUR").contains("Punched cards");
    }
  }
}
