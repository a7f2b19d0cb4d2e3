package dev.platen.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.platen.testing.TestServer;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The overview (chart, queue depth, attempt times, workers, settings without secrets), a render's attempts log, and
 * sending a share link by e-mail from the render page through the API's e-mail code, to a real SMTP server
 * (GreenMail). The server runs workers, so renders finish.
 */
class DashboardOverviewTest {
  static final String ADMIN_KEY = "admin-key-that-must-not-show-0001";
  static final String METRICS_KEY = "metrics-key-that-must-not-show-01";
  static final String SMTP_PASSWORD = "smtp-password-hidden";

  @TempDir static Path dir;
  static TestServer server;
  static GreenMail mail;
  static String succeeded;

  @BeforeAll
  static void start() {
    int smtpPort = TestServer.freePort();
    mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", SMTP_PASSWORD));
    mail.start();
    server = TestServer.start(dir, Map.of("PLATEN_ADMIN_KEY", ADMIN_KEY, "PLATEN_METRICS_KEY", METRICS_KEY,
        "PLATEN_SMTP_URL", "smtp://mailer:" + SMTP_PASSWORD + "@127.0.0.1:" + smtpPort + "?starttls=optional",
        "PLATEN_EMAIL_FROM", "Platen <documents@platen.test>"));
    assertThat(server.post("/v1/templates", server.liveKey, DashboardHttpTest.template("report", "Report"))
        .status()).isEqualTo(201);
    for (int i = 0; i < 3; i++) {
      String id = DashboardHttpTest.queue(server, server.liveKey, "report");
      JsonNode done = server.awaitTerminal(id, server.liveKey, Duration.ofSeconds(60));
      assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
      succeeded = id;
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (mail != null) mail.stop();
  }

  private static WebClient signedIn() {
    WebClient c = new WebClient(server.baseUrl);
    assertThat(c.signIn(server.liveKey).statusCode()).isEqualTo(303);
    return c;
  }

  @Test
  void theOverviewChartsTheLastDayAndShowsTheQueueTimesWorkersAndSettingsWithoutSecrets() {
    WebClient c = signedIn();
    HttpResponse<String> r = c.get("/app/overview");
    assertThat(r.statusCode()).isEqualTo(200);
    String page = r.body();
    assertThat(DashboardHttpTest.INLINE_SCRIPT.matcher(page).find()).isFalse();
    assertThat(DashboardHttpTest.INLINE_STYLE.matcher(page).find()).isFalse();
    // three succeeded renders within the last minute or two: bars of the succeeded colour, a total of 3
    assertThat(page).contains("<svg id=\"renders-chart\"");
    Matcher path = Pattern.compile("<path class=\"bar status-succeeded\" d=\"([^\"]+)\">").matcher(page);
    assertThat(path.find()).as(page).isTrue();
    assertThat(page).doesNotContain("status-failed\" d=");
    // a bar per minute with renders, stacked up from the base line; the tallest reaches the top
    Matcher bar = Pattern.compile("M(\\d+) (\\d+)h1v(\\d+)h-1z").matcher(path.group(1));
    int bars = 0;
    int top = OverviewPage.CHART_HEIGHT;
    while (bar.find()) {
      bars++;
      assertThat(Integer.parseInt(bar.group(1))).isBetween(OverviewPage.MINUTES - 3, OverviewPage.MINUTES - 1);
      assertThat(Integer.parseInt(bar.group(2)) + Integer.parseInt(bar.group(3)))
          .isEqualTo(OverviewPage.CHART_HEIGHT);
      top = Math.min(top, Integer.parseInt(bar.group(2)));
    }
    assertThat(bars).isBetween(1, 3);
    assertThat(top).isZero();
    assertThat(page).contains("<td class=\"total-succeeded\">3</td>").contains("<td class=\"total-failed\">0</td>");
    assertThat(page).contains("<span id=\"queue-depth\">0</span>");
    assertThat(page).containsPattern("<dd id=\"p50\">\\d+ ms</dd>").containsPattern("<dd id=\"p95\">\\d+ ms</dd>");
    assertThat(page).contains("<table id=\"workers\">").containsPattern("<td>3</td></tr>");
    assertThat(page).contains("<dd id=\"version\">");
    assertThat(page).contains("PLATEN_ADMIN_KEY</code></dt><dd>set</dd>")
        .contains("PLATEN_SMTP_URL</code></dt><dd>smtp://mailer:***@127.0.0.1");
    assertThat(page).doesNotContain(ADMIN_KEY).doesNotContain(METRICS_KEY).doesNotContain(SMTP_PASSWORD)
        .doesNotContain(server.liveKey).doesNotContain(server.accountKey);
    assertThat(page).contains("href=\"/app/overview\" aria-current=\"page\"");
  }

  @Test
  void theOverviewOfAnotherProjectIsItsOwn() {
    WebClient c = new WebClient(server.baseUrl);
    assertThat(c.signIn(server.newProjectKey(false)).statusCode()).isEqualTo(303);
    String page = c.get("/app/overview").body();
    assertThat(page).doesNotContain("<path class=\"bar").contains("<td class=\"total-succeeded\">0</td>")
        .contains("id=\"no-workers\"").contains("<dd id=\"p50\">–</dd>");
  }

  @Test
  void aRenderPageShowsItsAttemptsLog() {
    WebClient c = signedIn();
    String page = c.get("/app/renders/" + succeeded).body();
    Matcher row = Pattern.compile("<tr class=\"attempt\"><td>1</td><td><code>([^<]+)</code></td><td>([^<]+)</td>"
        + "\\s*<td>([^<]+)</td><td class=\"outcome\">([^<]+)</td>").matcher(page);
    assertThat(row.find()).as(page).isTrue();
    assertThat(row.group(1)).isNotBlank();
    assertThat(row.group(2)).endsWith("UTC");
    assertThat(row.group(3)).endsWith("UTC");
    assertThat(row.group(4)).isEqualTo("succeeded");
    assertThat(row.find()).as("one attempt only").isFalse();
    String queued = DashboardHttpTest.queue(server, server.liveKey, "report");
    server.awaitTerminal(queued, server.liveKey, Duration.ofSeconds(60));
    assertThat(c.get("/app/renders/" + queued).body()).contains("<td class=\"outcome\">succeeded</td>");
  }

  @Test
  void aShareLinkGoesOutByEmailThroughTheApisCode() throws Exception {
    WebClient c = signedIn();
    String page = c.get("/app/renders/" + succeeded).body();
    assertThat(page).contains("action=\"/app/renders/" + succeeded + "/email\"");
    String token = c.csrf("/app/renders/" + succeeded);
    // a bad address: the API's field message, beside the form, nothing sent
    HttpResponse<String> bad = c.post("/app/renders/" + succeeded + "/email", WebClient.form("_csrf", token,
        "to", "not-an-address<b>"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("id=\"email-error\"").contains("to: Invalid email")
        .contains("value=\"not-an-address&lt;b").doesNotContain("not-an-address<b");
    assertThat(c.post("/app/renders/" + succeeded + "/email", WebClient.form("to", "ada@example.com"))
        .statusCode()).as("without the CSRF token").isEqualTo(403);
    assertThat(mail.getReceivedMessages()).isEmpty();

    HttpResponse<String> sent = c.post("/app/renders/" + succeeded + "/email", WebClient.form("_csrf", token,
        "to", "ada@example.com", "recipientName", "Ada", "message", "Here it is"));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
    assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage m = mail.getReceivedMessages()[0];
    assertThat(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress())
        .isEqualTo("ada@example.com");
    String after = c.get(sent.headers().firstValue("Location").orElseThrow().replace("#shares", "")).body();
    assertThat(after).contains("id=\"emailed\"").contains("<td class=\"recipient\">ada@example.com</td>");
    // the same share the API lists, on the e-mail channel
    List<JsonNode> shares = new java.util.ArrayList<>();
    server.get("/v1/renders/" + succeeded + "/shares", server.liveKey).json().path("shares").forEach(shares::add);
    assertThat(shares).anySatisfy(s -> {
      assertThat(s.path("channel").asString()).isEqualTo("email");
      assertThat(s.path("recipientEmail").asString()).isEqualTo("ada@example.com");
    });
  }
}
