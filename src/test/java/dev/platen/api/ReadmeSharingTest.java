package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.platen.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's "Sharing and e-mail" commands word for word, after its walk-through, with a real SMTP server. */
class ReadmeSharingTest {

  private static String block(String readme, String name) {
    int start = readme.indexOf("<!-- " + name + ":start -->");
    int end = readme.indexOf("<!-- " + name + ":end -->");
    assertThat(start).as(name).isPositive();
    assertThat(end).as(name).isGreaterThan(start);
    return readme.substring(start, end).replaceAll("(?m)^(<!--.*-->|```.*)$", "");
  }

  @Test
  void theReadmeSharingCommandsWork(@TempDir Path dir) throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String script = block(readme, "walkthrough") + block(readme, "sharing");
    Path work = Files.createDirectories(dir.resolve("work"));
    int smtpPort = TestServer.freePort();
    GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    try (TestServer server = TestServer.start(dir.resolve("data"), Map.of(
        "PLATEN_SMTP_URL", "smtp://127.0.0.1:" + smtpPort, "PLATEN_EMAIL_FROM", "documents@platen.test"))) {
      ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(work.toFile())
          .redirectErrorStream(true);
      pb.environment().put("PLATEN", server.baseUrl);
      pb.environment().put("KEY", server.liveKey);
      Process p = pb.start();
      assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
      String output = new String(p.getInputStream().readAllBytes());
      assertThat(p.exitValue()).as(output).isZero();
      assertThat(output).contains("\"shareUrl\":\"" + server.baseUrl + "/share/cks_")
          .contains("viewer page: 200")
          .contains("\"emailMessageId\":\"<")
          .contains("{\"recorded\":true}")
          .contains("\"counts\":{\"viewed\":1,\"downloaded\":0,\"printed\":1,\"email_opened\":0,\"email_sent\":1,"
              + "\"share_created\":2,\"share_revoked\":0}")
          .contains("\"clickCount\":1")
          .contains("\"revokedAt\":\"")
          .contains("after revoking: 404");
      assertThat(mail.getReceivedMessages()).hasSize(1);
      assertThat(mail.getReceivedMessages()[0].getAllRecipients()[0].toString()).contains("ada@example.com");
    } finally {
      mail.stop();
    }
  }
}
