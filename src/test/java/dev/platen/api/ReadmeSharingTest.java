package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.platen.testing.ReadmeScript;
import dev.platen.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's "Sharing and e-mail" commands word for word, after its walk-through, with a real SMTP server. */
class ReadmeSharingTest {

  @Test
  void theReadmeSharingCommandsWork(@TempDir Path dir) throws Exception {
    String script = ReadmeScript.block("walkthrough") + ReadmeScript.block("sharing");
    Path work = Files.createDirectories(dir.resolve("work"));
    int smtpPort = TestServer.freePort();
    GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    try (TestServer server = TestServer.start(dir.resolve("data"), Map.of(
        "PLATEN_SMTP_URL", "smtp://127.0.0.1:" + smtpPort, "PLATEN_EMAIL_FROM", "documents@platen.test"))) {
      String output = ReadmeScript.run(script, work,
          Map.of("PLATEN", server.baseUrl, "KEY", server.liveKey), Duration.ofSeconds(90));
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
