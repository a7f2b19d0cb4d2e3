package dev.platen.api;

import static dev.platen.api.OpenApiTest.matches;
import static dev.platen.api.SharingApiTest.publish;
import static dev.platen.api.SharingApiTest.succeededRender;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PATCH /v1/admin/provision: a provisioned project's name and e-mail sender change, and its share e-mails leave
 * from that sender while every other project's still leave from PLATEN_EMAIL_FROM.
 */
class ProvisionUpdateTest {
  private static final String ADMIN = "provision-update-admin-key-01";

  @Test
  void aProvisionedProjectSendsItsEmailsFromItsOwnSender(@TempDir Path dir) throws Exception {
    int smtpPort = TestServer.freePort();
    GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    try (TestServer s = TestServer.start(dir, Map.of("PLATEN_ADMIN_KEY", ADMIN,
        "PLATEN_SMTP_URL", "smtp://127.0.0.1:" + smtpPort, "PLATEN_EMAIL_FROM", "Platen <documents@platen.test>"))) {
      Res provisioned = s.post("/v1/admin/provision", ADMIN, Map.of("externalOrgId", "acme-42", "name", "Acme"));
      assertThat(provisioned.status()).isEqualTo(201);
      String key = provisioned.json().path("apiKey").asString();

      Res patched = s.patch("/v1/admin/provision", ADMIN, Map.of("externalOrgId", "acme-42",
          "emailFrom", "Acme Documents <documents@acme.example>", "name", "Acme Corp"));
      matches("PATCH", "/v1/admin/provision", patched, 200);
      assertThat(patched.json()).isEqualTo(TestServer.JSON.readTree("{\"projectId\":\""
          + provisioned.json().path("projectId").asString() + "\",\"externalOrgId\":\"acme-42\",\"name\":"
          + "\"Acme Corp\",\"emailFrom\":\"Acme Documents <documents@acme.example>\"}"));
      // the same key and the new name on the next provision call; the account API sees the name too
      Res again = s.post("/v1/admin/provision", ADMIN, Map.of("externalOrgId", "acme-42"));
      assertThat(again.json().path("apiKey").asString()).isEqualTo(key);
      assertThat(again.json().path("name").asString()).isEqualTo("Acme Corp");
      assertThat(s.get("/v1/projects/" + provisioned.json().path("projectId").asString(), s.accountKey).json()
          .path("name").asString()).isEqualTo("Acme Corp");

      publish(s, key);
      assertThat(email(s, key, "ada@example.com").status()).isEqualTo(201);
      publish(s, s.liveKey);
      assertThat(email(s, s.liveKey, "bob@example.com").status()).isEqualTo(201);
      assertThat(mail.waitForIncomingEmail(20_000, 2)).isTrue();
      Map<String, String> fromByRecipient = new HashMap<>();
      for (MimeMessage m : mail.getReceivedMessages()) {
        fromByRecipient.put(((InternetAddress) m.getAllRecipients()[0]).getAddress(),
            ((InternetAddress) m.getFrom()[0]).toString());
      }
      assertThat(fromByRecipient).containsEntry("ada@example.com", "Acme Documents <documents@acme.example>")
          .containsEntry("bob@example.com", "Platen <documents@platen.test>");

      // a field left out stays; null clears the sender, and the installation's sends again
      Res kept = s.patch("/v1/admin/provision", ADMIN, Map.of("externalOrgId", "acme-42"));
      assertThat(kept.json().path("emailFrom").asString()).isEqualTo("Acme Documents <documents@acme.example>");
      Map<String, Object> clear = new HashMap<>();
      clear.put("externalOrgId", "acme-42");
      clear.put("emailFrom", null);
      Res cleared = s.patch("/v1/admin/provision", ADMIN, clear);
      matches("PATCH", "/v1/admin/provision", cleared, 200);
      assertThat(cleared.json().path("emailFrom").isNull()).isTrue();
      assertThat(cleared.json().path("name").asString()).isEqualTo("Acme Corp");
      mail.reset();
      assertThat(email(s, key, "cy@example.com").status()).isEqualTo(201);
      assertThat(mail.waitForIncomingEmail(20_000, 1)).isTrue();
      assertThat(((InternetAddress) mail.getReceivedMessages()[0].getFrom()[0]).getAddress())
          .isEqualTo("documents@platen.test");
    } finally {
      mail.stop();
    }
  }

  private static Res email(TestServer s, String key, String to) {
    String render = succeededRender(s, key);
    return s.post("/v1/renders/" + render + "/email", key, Map.of("to", to));
  }

  @Test
  void badUpdatesAreRefused(@TempDir Path dir) {
    try (TestServer s = TestServer.start(dir, Map.of("PLATEN_ADMIN_KEY", ADMIN))) {
      assertThat(s.post("/v1/admin/provision", ADMIN, Map.of("externalOrgId", "acme-42")).status()).isEqualTo(201);
      Res notAnAddress = s.patch("/v1/admin/provision", ADMIN, Map.of("externalOrgId", "acme-42",
          "emailFrom", "Acme <not an address>"));
      matches("PATCH", "/v1/admin/provision", notAnAddress, 400);
      assertThat(notAnAddress.json().at("/error/issues/fieldErrors/emailFrom/0").asString()).contains("e-mail");
      matches("PATCH", "/v1/admin/provision", s.patch("/v1/admin/provision", ADMIN, Map.of("externalOrgId", "acme-42",
          "emailFrom", "a@example.com\r\nBcc: everyone@example.com")), 400);
      matches("PATCH", "/v1/admin/provision", s.patch("/v1/admin/provision", ADMIN, Map.of("externalOrgId", "acme-42",
          "emailFrom", "a@example.com, b@example.com")), 400);
      matches("PATCH", "/v1/admin/provision", s.patch("/v1/admin/provision", ADMIN, Map.of("externalOrgId", "acme-42",
          "name", "")), 400);
      matches("PATCH", "/v1/admin/provision", s.patch("/v1/admin/provision", ADMIN, Map.of("emailFrom",
          "a@example.com")), 400);
      matches("PATCH", "/v1/admin/provision", s.patch("/v1/admin/provision", ADMIN, "["), 400);
      matches("PATCH", "/v1/admin/provision", s.patch("/v1/admin/provision", ADMIN, Map.of("externalOrgId",
          "nobody")), 404);
      matches("PATCH", "/v1/admin/provision", s.patch("/v1/admin/provision", s.liveKey, Map.of("externalOrgId",
          "acme-42")), 401);
      matches("PATCH", "/v1/admin/provision", s.patch("/v1/admin/provision", s.accountKey, Map.of("externalOrgId",
          "acme-42")), 401);
      matches("PATCH", "/v1/admin/provision", s.patch("/v1/admin/provision", null, Map.of("externalOrgId",
          "acme-42")), 401);
      // nothing above changed the project
      Res unchanged = s.patch("/v1/admin/provision", ADMIN, Map.of("externalOrgId", "acme-42"));
      assertThat(unchanged.json().path("emailFrom").isNull()).isTrue();
      assertThat(unchanged.json().path("name").asString()).isEqualTo("acme-42");
    }
  }

  /** The account API deleted the organisation's project: provisioning it again starts afresh, with a key that works. */
  @Test
  void aDeletedProjectsOrganisationIsProvisionedAnew(@TempDir Path dir) {
    try (TestServer s = TestServer.start(dir, Map.of("PLATEN_ADMIN_KEY", ADMIN))) {
      Res first = s.post("/v1/admin/provision", ADMIN, Map.of("externalOrgId", "acme-42", "name", "Acme"));
      assertThat(first.status()).isEqualTo(201);
      String oldKey = first.json().path("apiKey").asString();
      String oldProject = first.json().path("projectId").asString();
      assertThat(s.delete("/v1/projects/" + oldProject, s.accountKey).status()).isEqualTo(200);
      matches("PATCH", "/v1/admin/provision", s.patch("/v1/admin/provision", ADMIN, Map.of("externalOrgId",
          "acme-42")), 404);

      Res again = s.post("/v1/admin/provision", ADMIN, Map.of("externalOrgId", "acme-42", "name", "Acme"));
      matches("POST", "/v1/admin/provision", again, 201);
      String newKey = again.json().path("apiKey").asString();
      assertThat(again.json().path("projectId").asString()).isNotEqualTo(oldProject);
      assertThat(newKey).isNotEqualTo(oldKey);
      assertThat(s.get("/v1/templates", newKey).status()).isEqualTo(200);
      assertThat(s.get("/v1/templates", oldKey).status()).isEqualTo(403);
      // and from now on the new one is the organisation's, idempotently
      Res third = s.post("/v1/admin/provision", ADMIN, Map.of("externalOrgId", "acme-42"));
      assertThat(third.status()).isEqualTo(200);
      assertThat(third.json().path("apiKey").asString()).isEqualTo(newKey);
    }
  }

  @Test
  void withoutTheAdminKeyTheUpdateIsNotFound(@TempDir Path dir) {
    try (TestServer s = TestServer.start(dir)) {
      matches("PATCH", "/v1/admin/provision", s.patch("/v1/admin/provision", "whatever",
          Map.of("externalOrgId", "x")), 404);
    }
  }
}
