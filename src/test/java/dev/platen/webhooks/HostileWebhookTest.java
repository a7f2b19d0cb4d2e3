package dev.platen.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Webhook URLs aimed inward, with PLATEN_ALLOW_PRIVATE_WEBHOOKS off as by default: refused when saved (literal
 * addresses, other schemes) or before every attempt (names), never a 5xx, and a listener on every local address of
 * the port they name records that nothing ever connected.
 */
class HostileWebhookTest {
  @TempDir static Path dir;
  static TestServer server;
  static ServerSocket listener;
  static final AtomicInteger contacts = new AtomicInteger();

  @BeforeAll
  static void start() throws IOException {
    // bound to the wildcard address: 127.0.0.1, [::1] and localhost all reach it
    listener = new ServerSocket(0);
    Thread.ofVirtual().start(() -> {
      while (!listener.isClosed()) {
        try (Socket s = listener.accept()) {
          contacts.incrementAndGet();
        } catch (IOException closed) {
          return;
        }
      }
    });
    server = TestServer.start(dir, Map.of("PLATEN_WEBHOOK_RETRY_SCHEDULE", "0ms,200ms,400ms"));
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    listener.close();
  }

  static int port() { return listener.getLocalPort(); }

  @Test
  void privateAddressesAndOtherSchemesAreRefusedWhenSaved() {
    String key = server.newProjectKey(false);
    List<String> refused = List.of(
        "http://127.0.0.1:" + port() + "/hook",
        "http://[::1]:" + port() + "/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]:" + port() + "/hook",
        "http://[::ffff:169.254.169.254]/",
        "http://0.0.0.0:" + port() + "/",
        "http://10.1.2.3/",
        "https://192.168.0.1/",
        "http://[fd00::1]/",
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "ftp://example.com/",
        "gopher://127.0.0.1:" + port() + "/",
        "jar:http://example.com/x.jar!/",
        "//127.0.0.1:" + port() + "/");
    for (String url : refused) {
      Res r = server.post("/v1/webhooks", key, Map.of("url", url));
      assertThat(r.status()).as("%s → %s", url, r.text()).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("invalid_request");
      assertThat(r.json().at("/error/issues/fieldErrors/url/0").asString()).as(url).isNotBlank();
    }
    assertThat(server.post("/v1/webhooks", key, Map.of("url", "http://127.0.0.1:" + port())).json()
        .at("/error/issues/fieldErrors/url/0").asString()).contains("127.0.0.1", "PLATEN_ALLOW_PRIVATE_WEBHOOKS");

    String id = Hooks.subscribe(server, key, "https://example.com/hook").path("id").asString();
    Res patched = Hooks.patch(server, "/v1/webhooks/" + id, key, Map.of("url", "http://127.0.0.1:" + port()));
    assertThat(patched.status()).as(patched.text()).isEqualTo(400);
    assertThat(server.get("/v1/webhooks", key).json().path("webhooks")).hasSize(1);
    assertThat(contacts.get()).isZero();
  }

  /** A host name is judged by what it resolves to, before every attempt: the listener is never contacted. */
  @Test
  void namesThatResolveToLoopbackAreRefusedAtEveryAttempt() {
    String key = server.newProjectKey(false);
    Hooks.publishTemplates(server, key);
    for (String url : List.of("http://localhost:" + port() + "/hook", "http://LOCALHOST:" + port() + "/",
        "http://2130706433:" + port() + "/", "http://127.1:" + port() + "/")) {
      Res created = server.post("/v1/webhooks", key, Map.of("url", url));
      assertThat(created.status()).as("%s → %s", url, created.text()).isIn(201, 400);
      if (created.status() == 400) continue; // judged a literal when saved: fine too
      String id = created.json().path("id").asString();
      Res ping = server.post("/v1/webhooks/" + id + "/ping", key, Map.of());
      assertThat(ping.status()).as(ping.text()).isEqualTo(200);
      assertThat(ping.json().path("status").asString()).isEqualTo("abandoned");
      assertThat(ping.json().path("lastStatusCode").isNull()).isTrue();
      assertThat(ping.json().path("lastError").asString()).as(url).startsWith("refused: ")
          .contains("PLATEN_ALLOW_PRIVATE_WEBHOOKS is off").contains("not contacted");
    }

    JsonNode hook = Hooks.subscribe(server, key, "http://localhost:" + port() + "/render");
    String render = Hooks.render(server, key, "to a loopback name");
    List<JsonNode> log = Hooks.awaitDeliveries(server, key, hook.path("id").asString(),
        l -> l.size() == 1 && l.get(0).path("status").asString().equals("abandoned"), Duration.ofSeconds(60));
    JsonNode d = log.get(0);
    assertThat(d.path("renderId").asString()).isEqualTo(render);
    assertThat(d.path("attempts").asInt()).as("refused at each of its three attempts").isEqualTo(3);
    assertThat(d.path("lastError").asString()).startsWith("refused: localhost resolves to ")
        .contains("private, loopback or link-local");
    assertThat(contacts.get()).as("nothing ever connected to the local listener").isZero();
  }

  /**
   * A receiver that answers with a redirect to a private address is not followed. The first hop must be reachable
   * for that, and every receiver a test can run is local, so this part uses a second server that allows private
   * targets: the redirect is refused for being a redirect, whatever its target.
   */
  @Test
  void aRedirectIsNeverFollowed(@TempDir Path other) {
    try (TestServer open = TestServer.start(other, Map.of("PLATEN_ALLOW_PRIVATE_WEBHOOKS", "true"));
        Receiver bouncer = Receiver.redirecting("http://127.0.0.1:" + port() + "/inside")) {
      String key = open.newProjectKey(false);
      String id = Hooks.subscribe(open, key, bouncer.url("/bounce")).path("id").asString();
      Res ping = open.post("/v1/webhooks/" + id + "/ping", key, Map.of());
      assertThat(ping.status()).as(ping.text()).isEqualTo(200);
      assertThat(ping.json().path("status").asString()).isEqualTo("abandoned");
      assertThat(ping.json().path("lastStatusCode").asInt()).isEqualTo(307);
      assertThat(ping.json().path("lastError").asString()).isEqualTo("answered 307; redirects are not followed");
      assertThat(bouncer.hits()).hasSize(1);
    }
    assertThat(contacts.get()).isZero();
  }
}
