package dev.platen.api;

import static dev.platen.api.OpenApiTest.matches;
import static dev.platen.api.SharingApiTest.BROWSER;
import static dev.platen.api.SharingApiTest.getAccepting;
import static dev.platen.api.SharingApiTest.publish;
import static dev.platen.api.SharingApiTest.succeededRender;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.platen.testing.Pdfs;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** POST /v1/renders/:id/email against a real SMTP server (GreenMail), one that refuses, and one that is down. */
class EmailDeliveryTest {
  private static final Pattern LINK = Pattern.compile("https?://\\S+/share/cks_[A-Za-z0-9_-]+");
  private static final String FROM = "Platen Documents <documents@platen.test>";

  @TempDir Path dir;
  GreenMail mail;
  int smtpPort;

  @BeforeEach
  void startMailServer() {
    smtpPort = TestServer.freePort();
    mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "s3cret:p@ss"));
    mail.start();
  }

  @AfterEach
  void stopMailServer() {
    mail.stop();
  }

  private TestServer platen(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("PLATEN_EMAIL_FROM", FROM));
    env.putAll(extra);
    TestServer s = TestServer.start(dir, env);
    publish(s, s.liveKey);
    return s;
  }

  private static List<String> outboxTopics(TestServer s, String render) {
    return s.platen().database().jdbi().withHandle(h -> h.createQuery(
            "SELECT topic FROM outbox WHERE render_id = :r AND topic LIKE 'document.%' ORDER BY created_at, id")
        .bind("r", render).mapTo(String.class).list());
  }

  @Test
  void theRecipientGetsTheLinkTheTrackingImageAndThePdf() throws Exception {
    // the password holds ':' and '@', percent-encoded in the URL
    try (TestServer s = platen(Map.of("PLATEN_SMTP_URL",
        "smtp://mailer:s3cret%3Ap%40ss@127.0.0.1:" + smtpPort + "?starttls=optional"))) {
      String render = succeededRender(s, s.liveKey);
      Res sent = s.post("/v1/renders/" + render + "/email", s.liveKey, Map.of("to", "ada@example.com",
          "recipientName", "Ada Lovelace", "message", "Your <report>, as promised."));
      matches("POST", "/v1/renders/{id}/email", sent, 201);
      JsonNode body = sent.json();
      assertThat(body.propertyNames()).containsExactly("id", "shareToken", "shareUrl", "emailMessageId", "sentAt");
      String url = body.path("shareUrl").asString();
      assertThat(url).isEqualTo(s.baseUrl + "/share/" + body.path("shareToken").asString());

      assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
      MimeMessage m = mail.getReceivedMessages()[0];
      assertThat(m.getHeader("Message-ID")[0]).isEqualTo(body.path("emailMessageId").asString());
      assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("documents@platen.test");
      InternetAddress to = (InternetAddress) m.getRecipients(Message.RecipientType.TO)[0];
      assertThat(to.getAddress()).isEqualTo("ada@example.com");
      assertThat(to.getPersonal()).isEqualTo("Ada Lovelace");
      assertThat(m.getSubject()).isEqualTo("Document shared with you: " + SharingApiTest.TITLE);

      Parts parts = Parts.of(m);
      assertThat(parts.text).contains("Hello Ada Lovelace,").contains("Your <report>, as promised.")
          .contains("Open it here: " + url);
      assertThat(parts.html).contains("href=\"" + url + "\"")
          .contains("<img src=\"" + url + "/open.gif\" width=\"1\" height=\"1\"")
          .contains("Your &lt;report&gt;, as promised.").doesNotContain("<report>");
      assertThat(parts.attachments).hasSize(1);
      Part pdf = parts.attachments.get(0);
      assertThat(pdf.getContentType()).startsWith("application/pdf");
      assertThat(pdf.getFileName()).isEqualTo("q3-report.pdf");
      byte[] bytes = pdf.getInputStream().readAllBytes();
      assertThat(Pdfs.text(bytes)).contains("Ada Lovelace");

      // the link in the mail opens the viewer; the image records the open, once per address in 5 minutes
      Matcher link = LINK.matcher(parts.text);
      assertThat(link.find()).isTrue();
      assertThat(link.group()).isEqualTo(url);
      assertThat(getAccepting(s, "/share/" + body.path("shareToken").asString(), BROWSER).status()).isEqualTo(200);
      Res pixel = s.get(url + "/open.gif", null);
      matches("GET", "/share/{token}/open.gif", pixel, 200);
      var image = ImageIO.read(new java.io.ByteArrayInputStream(pixel.body()));
      assertThat(image.getWidth()).isEqualTo(1);
      assertThat(image.getHeight()).isEqualTo(1);
      s.get(url + "/open.gif", null);

      JsonNode shares = s.get("/v1/renders/" + render + "/shares", s.liveKey).json().path("shares");
      assertThat(shares).hasSize(1);
      assertThat(shares.get(0).path("id").asString()).isEqualTo(body.path("id").asString());
      assertThat(shares.get(0).path("channel").asString()).isEqualTo("email");
      assertThat(shares.get(0).path("recipientEmail").asString()).isEqualTo("ada@example.com");
      assertThat(shares.get(0).path("clickCount").asLong()).isEqualTo(1);
      JsonNode counts = s.get("/v1/renders/" + render + "/engagement", s.liveKey).json().path("counts");
      assertThat(counts.path("share_created").asLong()).isEqualTo(1);
      assertThat(counts.path("email_sent").asLong()).isEqualTo(1);
      assertThat(counts.path("email_opened").asLong()).isEqualTo(1);
      assertThat(counts.path("viewed").asLong()).isEqualTo(1);
      assertThat(outboxTopics(s, render)).containsExactlyInAnyOrder("document.share_created", "document.email_sent",
          "document.viewed", "document.email_opened");
    }
  }

  @Test
  void attachmentAndOpenTrackingCanBeTurnedOff() throws Exception {
    try (TestServer s = platen(Map.of("PLATEN_SMTP_URL", "smtp://127.0.0.1:" + smtpPort,
        "PLATEN_EMAIL_ATTACH", "false", "PLATEN_EMAIL_TRACK_OPENS", "false"))) {
      String render = succeededRender(s, s.liveKey);
      Res sent = s.post("/v1/renders/" + render + "/email", s.liveKey, Map.of("to", "grace@example.com"));
      assertThat(sent.status()).as(sent.text()).isEqualTo(201);
      assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
      Parts parts = Parts.of(mail.getReceivedMessages()[0]);
      assertThat(parts.attachments).isEmpty();
      assertThat(parts.text).startsWith("Hello,").contains(sent.json().path("shareUrl").asString());
      assertThat(parts.html).contains(sent.json().path("shareUrl").asString()).doesNotContain("open.gif")
          .doesNotContain("<img");
      // an image request still answers, but records nothing while tracking is off
      assertThat(s.get(sent.json().path("shareUrl").asString() + "/open.gif", null).status()).isEqualTo(200);
      assertThat(s.get("/v1/renders/" + render + "/engagement", s.liveKey).json().at("/counts/email_opened")
          .asLong()).isZero();
    }
  }

  @Test
  void aServerThatRefusesOrIsDownAnswers502AndLeavesNoShare() throws Exception {
    try (RefusingSmtp refusing = new RefusingSmtp();
         TestServer s = platen(Map.of("PLATEN_SMTP_URL", "smtp://127.0.0.1:" + refusing.port()))) {
      String render = succeededRender(s, s.liveKey);
      Res refused = s.post("/v1/renders/" + render + "/email", s.liveKey, Map.of("to", "nobody@example.com"));
      matches("POST", "/v1/renders/{id}/email", refused, 502);
      assertThat(refused.errorCode()).isEqualTo("email_send_failed");
      assertThat(refused.json().at("/error/message").asString())
          .contains("refused the recipient nobody@example.com")
          .contains("550 5.1.1 <nobody@example.com>: Recipient address rejected: mailbox unavailable");
      assertThat(refusing.commands).anyMatch(c -> c.startsWith("RCPT TO:<nobody@example.com>"));

      refusing.close(); // now nothing listens there
      Res down = s.post("/v1/renders/" + render + "/email", s.liveKey, Map.of("to", "ada@example.com"));
      matches("POST", "/v1/renders/{id}/email", down, 502);
      assertThat(down.json().at("/error/message").asString())
          .startsWith("Could not connect to the SMTP server 127.0.0.1:" + refusing.port());

      assertThat(s.get("/v1/renders/" + render + "/shares", s.liveKey).json().path("shares")).isEmpty();
      assertThat(s.get("/v1/renders/" + render + "/engagement", s.liveKey).json().path("total").asLong()).isZero();
      assertThat(outboxTopics(s, render)).isEmpty();
    }
  }

  @Test
  void aWrongPasswordIsTheServersRefusalOfTheLogin() {
    try (TestServer s = platen(Map.of("PLATEN_SMTP_URL",
        "smtp://mailer:wrong@127.0.0.1:" + smtpPort + "?starttls=optional"))) {
      String render = succeededRender(s, s.liveKey);
      Res r = s.post("/v1/renders/" + render + "/email", s.liveKey, Map.of("to", "ada@example.com"));
      assertThat(r.status()).as(r.text()).isEqualTo(502);
      assertThat(r.json().at("/error/message").asString()).contains("refused the login");
      assertThat(mail.getReceivedMessages()).isEmpty();
      assertThat(s.get("/v1/renders/" + render + "/shares", s.liveKey).json().path("shares")).isEmpty();
    }
  }

  /** The text, HTML and attachments of a received message, found by walking its MIME tree. */
  record Parts(String text, String html, List<Part> attachments) {
    static Parts of(Part message) throws Exception {
      List<String> text = new ArrayList<>();
      List<String> html = new ArrayList<>();
      List<Part> attachments = new ArrayList<>();
      walk(message, text, html, attachments);
      assertThat(text).as("one plain-text part").hasSize(1);
      assertThat(html).as("one HTML part").hasSize(1);
      return new Parts(text.get(0), html.get(0), attachments);
    }

    private static void walk(Part p, List<String> text, List<String> html, List<Part> attachments) throws Exception {
      if (p.isMimeType("multipart/*")) {
        Multipart mp = (Multipart) p.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
          BodyPart child = mp.getBodyPart(i);
          walk(child, text, html, attachments);
        }
      } else if (Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
        attachments.add(p);
      } else if (p.isMimeType("text/plain")) {
        text.add((String) p.getContent());
      } else if (p.isMimeType("text/html")) {
        html.add((String) p.getContent());
      }
    }
  }

  /** An SMTP server that greets, accepts the sender and refuses every recipient, as for an unknown mailbox. */
  static final class RefusingSmtp implements AutoCloseable {
    private final ServerSocket socket;
    final List<String> commands = new CopyOnWriteArrayList<>();

    RefusingSmtp() throws IOException {
      socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
      Thread.ofVirtual().start(this::serve);
    }

    int port() { return socket.getLocalPort(); }

    private void serve() {
      while (!socket.isClosed()) {
        try (Socket c = socket.accept()) {
          conversation(c);
        } catch (IOException e) {
          // closed by the test, or the client went away
        }
      }
    }

    private void conversation(Socket c) throws IOException {
      c.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.US_ASCII));
      PrintWriter out = new PrintWriter(c.getOutputStream(), true, StandardCharsets.US_ASCII);
      reply(out, "220 refusing.test ESMTP");
      for (String line; (line = in.readLine()) != null; ) {
        commands.add(line);
        String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
        switch (cmd) {
          case "EHLO", "HELO" -> reply(out, "250 refusing.test");
          case "RCPT" -> reply(out, "550 5.1.1 " + line.substring(line.indexOf('<'))
              + ": Recipient address rejected: mailbox unavailable");
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          default -> reply(out, "250 OK");
        }
      }
    }

    private static void reply(PrintWriter out, String line) {
      out.print(line + "\r\n");
      out.flush();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
