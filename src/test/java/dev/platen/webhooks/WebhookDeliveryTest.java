package dev.platen.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import dev.platen.webhooks.Receiver.Hit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Real deliveries from a started server to real receivers on 127.0.0.1 (so private targets are allowed here;
 * {@link HostileWebhookTest} runs without that). Every test uses a project of its own, so subscriptions only see
 * their test's renders. Retries are fast here through PLATEN_WEBHOOK_RETRY_SCHEDULE, six attempts as by default.
 */
class WebhookDeliveryTest {
  @TempDir static Path dir;
  static TestServer server;
  static DocSnippets.Verifier docsVerifier;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir.resolve("data"), Map.of("PLATEN_ALLOW_PRIVATE_WEBHOOKS", "true",
        "PLATEN_WEBHOOK_RETRY_SCHEDULE", "0ms,300ms,600ms,900ms,1200ms,1500ms"));
    docsVerifier = DocSnippets.java(Files.createDirectories(dir.resolve("snippet")));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String newProject() {
    String key = server.newProjectKey(false);
    Hooks.publishTemplates(server, key);
    return key;
  }

  @Test
  void everySucceededRenderIsDeliveredSignedAndVerifiesWithTheDocsSnippet() throws Exception {
    everyRenderIsDeliveredAndVerifies(200);
  }

  @Test
  @Tag("slow")
  void aThousandRendersAreDeliveredAndEveryOneVerifies() throws Exception {
    everyRenderIsDeliveredAndVerifies(1_000);
  }

  private void everyRenderIsDeliveredAndVerifies(int n) throws Exception {
    String key = newProject();
    try (Receiver receiver = Receiver.answering(204)) {
      JsonNode hook = Hooks.subscribe(server, key, receiver.url("/hooks/platen"));
      String secret = hook.path("secret").asString();
      List<String> ids = Hooks.renders(server, key, n);

      List<Hit> hits = receiver.await(h -> true, n, Duration.ofSeconds(60 + n / 5));
      Map<String, Hit> byRender = hits.stream().collect(Collectors.toMap(h -> h.json().path("renderId").asString(),
          h -> h, (a, b) -> a));
      assertThat(byRender.keySet()).as("one render.succeeded per render").containsExactlyInAnyOrderElementsOf(ids);
      assertThat(hits.stream().map(Hit::deliveryId).distinct().count()).isEqualTo(hits.size());
      for (Hit h : hits) {
        assertThat(h.path()).isEqualTo("/hooks/platen");
        assertThat(h.event()).isEqualTo("render.succeeded");
        assertThat(h.userAgent()).isEqualTo("Craftkit-Webhook/1.0 (compatible; Platen)");
        assertThat(h.contentType()).isEqualTo("application/json");
        assertThat(h.deliveryId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(h.signature()).matches("[0-9a-f]{64}");
        assertThat(h.signatureNext()).as("no rotation under way").isNull();
        assertThat(docsVerifier.verify(secret, h.body(), h.signature(), h.timestamp()))
            .as("delivery %s verifies with the docs' Java snippet", h.deliveryId()).isTrue();
      }

      // the verifier can say no: another secret, one changed byte, a stale timestamp
      Hit one = hits.get(0);
      assertThat(docsVerifier.verify("whsec_someoneelse", one.body(), one.signature(), one.timestamp())).isFalse();
      byte[] tampered = one.body().clone();
      tampered[tampered.length / 2] ^= 1;
      assertThat(docsVerifier.verify(secret, tampered, one.signature(), one.timestamp())).isFalse();
      String stale = String.valueOf(Long.parseLong(one.timestamp()) - 301);
      assertThat(docsVerifier.verify(secret, one.body(), one.signature(), stale)).isFalse();

      // the body is the §f.2 render event, and agrees with the render's own record
      for (String id : ids.subList(0, Math.min(20, ids.size()))) {
        JsonNode body = byRender.get(id).json();
        JsonNode record = server.get("/v1/renders/" + id, key).json();
        assertThat(body.propertyNames()).containsExactly("event", "renderId", "templateId", "status", "downloadUrl",
            "errorMessage", "createdAt", "completedAt");
        assertThat(body.path("status").asString()).isEqualTo("succeeded");
        assertThat(body.path("downloadUrl").asString()).isEqualTo(record.path("downloadUrl").asString());
        assertThat(body.path("createdAt").asString()).isEqualTo(record.path("createdAt").asString());
        assertThat(body.path("completedAt").asString()).isEqualTo(record.path("completedAt").asString());
        assertThat(body.path("errorMessage").isNull()).isTrue();
        assertThat(body.path("templateId").asString()).isEqualTo(server.get("/v1/templates/note", key).json()
            .path("id").asString());
      }

      List<JsonNode> log = Hooks.awaitDeliveries(server, key, hook.path("id").asString(),
          l -> l.size() == n && l.stream().allMatch(d -> d.path("status").asString().equals("delivered")),
          Duration.ofSeconds(30));
      assertThat(log).allSatisfy(d -> {
        assertThat(d.path("attempts").asInt()).isEqualTo(1);
        assertThat(d.path("lastStatusCode").asInt()).isEqualTo(204);
        assertThat(d.path("deliveredAt").isString()).isTrue();
        assertThat(d.path("nextAttemptAt").isNull()).isTrue();
      });
      assertThat(log.stream().map(d -> d.path("id").asString()).collect(Collectors.toSet()))
          .isEqualTo(hits.stream().map(Hit::deliveryId).collect(Collectors.toSet()));
    }
  }

  @Test
  void aFailedRenderIsDeliveredAsRenderFailedWithItsMessage() {
    String key = newProject();
    try (Receiver receiver = Receiver.answering(200)) {
      Hooks.subscribe(server, key, Map.of("url", receiver.url("/h"), "events", List.of("render.failed")));
      String ok = Hooks.render(server, key, "fine");
      String bad = Hooks.failingRender(server, key);
      JsonNode record = server.awaitTerminal(bad, key, Duration.ofSeconds(60));
      assertThat(record.path("status").asString()).isEqualTo("failed");
      server.awaitTerminal(ok, key, Duration.ofSeconds(60));

      Hit hit = receiver.await(h -> true, 1, Duration.ofSeconds(30)).get(0);
      assertThat(hit.event()).isEqualTo("render.failed");
      JsonNode body = hit.json();
      assertThat(body.path("renderId").asString()).isEqualTo(bad);
      assertThat(body.path("status").asString()).isEqualTo("failed");
      assertThat(body.path("downloadUrl").isNull()).isTrue();
      assertThat(body.path("errorMessage").asString()).isEqualTo(record.path("errorMessage").asString())
          .contains("127.0.0.1");
      Receiver.sleep(500);
      assertThat(receiver.hits()).as("the succeeded render was not subscribed to").hasSize(1);
    }
  }

  /** A cancelled render owes no render webhook: subscribed to everything, the receiver hears only the others. */
  @Test
  void aCancelledRenderFiresNothing() {
    String key = newProject();
    try (Receiver receiver = Receiver.answering(200)) {
      String webhookId = Hooks.subscribe(server, key, receiver.url("/all")).path("id").asString();
      List<String> others = new java.util.ArrayList<>();
      String cancelled = null;
      // workers take the oldest render first, so the newest of a batch is normally still queued when cancelled
      for (int round = 0; round < 10 && cancelled == null; round++) {
        for (int i = 0; i < 5; i++) others.add(Hooks.render(server, key, "before " + round + "." + i));
        String last = Hooks.render(server, key, "to cancel " + round);
        TestServer.Res c = server.post("/v1/renders/" + last + "/cancel", key, Map.of());
        assertThat(c.status()).as(c.text()).isIn(200, 409);
        if (c.status() == 200) cancelled = last; else others.add(last);
      }
      assertThat(cancelled).as("no cancel came before the workers in 10 rounds").isNotNull();
      String after = Hooks.render(server, key, "after");
      others.add(after);
      for (String id : others) server.awaitTerminal(id, key, Duration.ofSeconds(60));
      List<Hit> hits = receiver.await(h -> true, others.size(), Duration.ofSeconds(30));
      Receiver.sleep(500); // anything owed for the cancelled render would have come with the others
      String gone = cancelled;
      assertThat(receiver.hits()).extracting(h -> h.json().path("renderId").asString())
          .containsExactlyInAnyOrderElementsOf(others).doesNotContain(gone);
      assertThat(hits).extracting(Hit::event).containsOnly("render.succeeded");
      assertThat(Hooks.deliveries(server, key, webhookId, "")).extracting(d -> d.path("renderId").asString())
          .doesNotContain(gone);
      assertThat(server.get("/v1/renders/" + gone, key).json().path("status").asString()).isEqualTo("cancelled");
    }
  }

  @Test
  void documentEventsFromSharesReachTheirSubscribersSigned() throws Exception {
    String key = newProject();
    try (Receiver receiver = Receiver.answering(200)) {
      String secret = Hooks.subscribe(server, key, Map.of("url", receiver.url("/docs"), "events",
          List.of("document.share_created", "document.viewed", "document.share_revoked"))).path("secret").asString();
      String render = Hooks.render(server, key, "shared");
      server.awaitTerminal(render, key, Duration.ofSeconds(60));
      JsonNode share = server.post("/v1/renders/" + render + "/shares", key, Map.of()).json();
      String token = share.path("shareToken").asString();
      assertThat(server.get("/share/" + token, null).status()).isEqualTo(200);
      server.delete("/v1/renders/" + render + "/shares/" + share.path("id").asString(), key);

      List<Hit> hits = receiver.await(h -> true, 3, Duration.ofSeconds(30));
      assertThat(hits).extracting(Hit::event).containsExactlyInAnyOrder("document.share_created",
          "document.viewed", "document.share_revoked");
      for (Hit hit : hits) {
        assertThat(hit.json().path("event").asString()).isEqualTo(hit.event());
        assertThat(hit.json().path("renderId").asString()).isEqualTo(render);
        assertThat(hit.json().path("shareId").asString()).isEqualTo(share.path("id").asString());
        assertThat(docsVerifier.verify(secret, hit.body(), hit.signature(), hit.timestamp()))
            .as("signed with the subscription's secret").isTrue();
      }
      Receiver.sleep(500);
      assertThat(receiver.hits()).as("render.succeeded was not subscribed to").hasSize(3);
    }
  }

  @Test
  void attemptsAreCountedByOutcomeInMetrics() {
    String key = newProject();
    double failedBefore = attempts("failed");
    double deliveredBefore = attempts("delivered");
    AtomicInteger calls = new AtomicInteger();
    try (Receiver receiver = Receiver.start(h -> calls.incrementAndGet() == 1 ? 500 : 200)) {
      JsonNode hook = Hooks.subscribe(server, key, receiver.url("/counted"));
      Hooks.render(server, key, "count me");
      Hooks.awaitDeliveries(server, key, hook.path("id").asString(),
          l -> l.size() == 1 && l.get(0).path("status").asString().equals("delivered"), Duration.ofSeconds(30));
    }
    // other tests' deliveries may still be finishing, so at least, not exactly
    assertThat(attempts("failed") - failedBefore).isGreaterThanOrEqualTo(1);
    assertThat(attempts("delivered") - deliveredBefore).isGreaterThanOrEqualTo(1);
    assertThat(server.get("/metrics", null).text()).contains("platen_webhook_in_flight ");
  }

  private static double attempts(String outcome) {
    String prefix = "platen_webhook_attempts_seconds_count{outcome=\"" + outcome + "\"} ";
    return server.get("/metrics", null).text().lines().filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()))).findFirst().orElse(0);
  }

  @Test
  void aReceiverAnswering500TwiceGetsTheSameDeliveryThreeTimes() {
    String key = newProject();
    AtomicInteger calls = new AtomicInteger();
    try (Receiver receiver = Receiver.start(h -> calls.incrementAndGet() <= 2 ? 500 : 200)) {
      JsonNode hook = Hooks.subscribe(server, key, receiver.url("/flaky"));
      String id = Hooks.render(server, key, "retry me");

      List<Hit> hits = receiver.await(h -> true, 3, Duration.ofSeconds(60));
      assertThat(hits).hasSize(3);
      assertThat(hits.stream().map(Hit::deliveryId).distinct()).hasSize(1);
      assertThat(hits).allSatisfy(h -> {
        assertThat(h.json().path("renderId").asString()).isEqualTo(id);
        assertThat(docsVerifier.verify(hook.path("secret").asString(), h.body(), h.signature(), h.timestamp()))
            .isTrue();
      });
      JsonNode d = Hooks.awaitDeliveries(server, key, hook.path("id").asString(),
          l -> l.size() == 1 && l.get(0).path("status").asString().equals("delivered"), Duration.ofSeconds(30))
          .get(0);
      assertThat(d.path("id").asString()).isEqualTo(hits.get(0).deliveryId());
      assertThat(d.path("attempts").asInt()).isEqualTo(3);
      assertThat(d.path("lastStatusCode").asInt()).isEqualTo(200);
      Receiver.sleep(1_000);
      assertThat(receiver.hits()).as("nothing after the 200").hasSize(3);
    }
  }

  @Test
  void aDeliveryThatNeverSucceedsIsAbandonedAfterSixAttemptsAndCanBeRetried() {
    String key = newProject();
    try (Receiver receiver = Receiver.answering(503)) {
      JsonNode hook = Hooks.subscribe(server, key, receiver.url("/down"));
      String webhookId = hook.path("id").asString();
      Hooks.render(server, key, "never acknowledged");
      JsonNode d = Hooks.awaitDeliveries(server, key, webhookId,
          l -> l.size() == 1 && l.get(0).path("status").asString().equals("abandoned"), Duration.ofSeconds(60))
          .get(0);
      assertThat(d.path("attempts").asInt()).isEqualTo(6);
      assertThat(d.path("lastStatusCode").asInt()).isEqualTo(503);
      assertThat(d.path("lastError").asString()).isEqualTo("answered 503");
      assertThat(d.path("nextAttemptAt").isNull()).isTrue();
      assertThat(receiver.hits()).hasSize(6);

      receiver.answer(h -> 200);
      Res retried = server.post("/v1/webhooks/" + webhookId + "/deliveries/" + d.path("id").asString() + "/retry",
          key, Map.of());
      assertThat(retried.status()).as(retried.text()).isEqualTo(202);
      assertThat(retried.json().path("status").asString()).isEqualTo("pending");
      assertThat(retried.json().path("attempts").asInt()).isZero();
      JsonNode again = Hooks.awaitDeliveries(server, key, webhookId,
          l -> l.get(0).path("status").asString().equals("delivered"), Duration.ofSeconds(30)).get(0);
      assertThat(again.path("id").asString()).isEqualTo(d.path("id").asString());
      assertThat(again.path("attempts").asInt()).isEqualTo(1);
      assertThat(receiver.hits()).hasSize(7);
      assertThat(receiver.hits().stream().map(Hit::deliveryId).distinct()).hasSize(1);
    }
  }

  /**
   * A receiver that holds every request open does not hold up another subscription: the second gets all its
   * deliveries while the first still has every one of its requests hanging (none has even timed out yet).
   */
  @Test
  void aHangingReceiverDoesNotSlowAnotherSubscription() throws Exception {
    String key = newProject();
    CountDownLatch release = new CountDownLatch(1);
    // more deliveries than the whole sender pool: without the per-subscription cap the hanging receiver would hold
    // every sender and the healthy one would wait for its timeouts
    int n = Dispatcher.Settings.DEFAULT.threads() + 8;
    try (Receiver hanging = Receiver.start(h -> {
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return 200;
        });
        Receiver healthy = Receiver.answering(200)) {
      String stuck = Hooks.subscribe(server, key, hanging.url("/stuck")).path("id").asString();
      Hooks.subscribe(server, key, healthy.url("/fine"));
      Hooks.renders(server, key, n);
      healthy.await(h -> true, n, Duration.ofSeconds(60));
      try {
        // a timed-out attempt would have been retried (a fifth request) and logged with its lastError
        int cap = Dispatcher.Settings.DEFAULT.perWebhook();
        assertThat(hanging.hits()).as("the hanging receiver got its per-subscription share only").hasSize(cap);
        assertThat(hanging.concurrent()).as("all of them still held open").isEqualTo(cap);
        assertThat(Hooks.deliveries(server, key, stuck, "")).hasSize(n)
            .allSatisfy(d -> assertThat(d.path("lastError").isNull()).as(d.toString()).isTrue());
      } finally {
        release.countDown();
      }
    }
  }

  @Test
  void duringARotationBothSecretsSignUntilItIsCompleted() {
    String key = newProject();
    try (Receiver receiver = Receiver.answering(200)) {
      JsonNode hook = Hooks.subscribe(server, key, receiver.url("/rotating"));
      String id = hook.path("id").asString();
      String oldSecret = hook.path("secret").asString();
      Res rotated = server.post("/v1/webhooks/" + id + "/rotate-secret", key, Map.of());
      assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
      String newSecret = rotated.json().path("secret").asString();

      Hooks.render(server, key, "during the overlap");
      Hit during = receiver.await(h -> true, 1, Duration.ofSeconds(60)).get(0);
      assertThat(docsVerifier.verify(oldSecret, during.body(), during.signature(), during.timestamp()))
          .as("x-craftkit-signature keeps the old secret").isTrue();
      assertThat(docsVerifier.verify(newSecret, during.body(), during.signatureNext(), during.timestamp()))
          .as("x-platen-signature-next carries the new one").isTrue();
      assertThat(docsVerifier.verify(newSecret, during.body(), during.signature(), during.timestamp())).isFalse();

      Res done = server.post("/v1/webhooks/" + id + "/rotate-secret/complete", key, Map.of());
      assertThat(done.status()).as(done.text()).isEqualTo(200);
      Hooks.render(server, key, "after the overlap");
      Hit after = receiver.await(h -> true, 2, Duration.ofSeconds(60)).get(1);
      assertThat(after.signatureNext()).isNull();
      assertThat(docsVerifier.verify(newSecret, after.body(), after.signature(), after.timestamp())).isTrue();
      assertThat(docsVerifier.verify(oldSecret, after.body(), after.signature(), after.timestamp())).isFalse();
    }
  }

  @Test
  void aRotationWithoutOverlapSwitchesAtOnce() {
    String key = newProject();
    try (Receiver receiver = Receiver.answering(200)) {
      JsonNode hook = Hooks.subscribe(server, key, receiver.url("/now"));
      Res rotated = server.post("/v1/webhooks/" + hook.path("id").asString() + "/rotate-secret", key,
          Map.of("overlapSeconds", 0));
      assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
      Hooks.render(server, key, "new secret only");
      Hit hit = receiver.await(h -> true, 1, Duration.ofSeconds(60)).get(0);
      assertThat(hit.signatureNext()).isNull();
      assertThat(docsVerifier.verify(rotated.json().path("secret").asString(), hit.body(), hit.signature(),
          hit.timestamp())).isTrue();
    }
  }

  /** The Node and Python snippets of docs/webhooks.md, run by their own interpreters on a real delivery. */
  @Test
  void theNodeAndPythonSnippetsVerifyARealDelivery() throws Exception {
    String key = newProject();
    try (Receiver receiver = Receiver.answering(200)) {
      String secret = Hooks.subscribe(server, key, receiver.url("/poly")).path("secret").asString();
      Hooks.render(server, key, "polyglot");
      Hit hit = receiver.await(h -> true, 1, Duration.ofSeconds(60)).get(0);
      Path work = Files.createTempDirectory(dir, "snippets");
      Path body = Files.write(work.resolve("body.json"), hit.body());
      Set<String> ran = new HashSet<>();
      if (available("node")) {
        Files.writeString(work.resolve("verify.js"), DocSnippets.block("Node", "js"));
        String script = "const {verify} = require(process.argv[1]);"
            + "const ok = verify(process.argv[2], require('fs').readFileSync(process.argv[3]), process.argv[4],"
            + " process.argv[5]); console.log(ok ? 'valid' : 'invalid');";
        assertThat(run(work, "node", "-e", script, work.resolve("verify.js").toString(), secret, body.toString(),
            hit.signature(), hit.timestamp())).isEqualTo("valid");
        assertThat(run(work, "node", "-e", script, work.resolve("verify.js").toString(), secret + "x",
            body.toString(), hit.signature(), hit.timestamp())).isEqualTo("invalid");
        ran.add("node");
      }
      if (available("python3")) {
        Files.writeString(work.resolve("verify.py"), DocSnippets.block("Python", "python"));
        String script = "import sys; sys.path.insert(0, sys.argv[1]); from verify import verify; "
            + "print('valid' if verify(sys.argv[2], open(sys.argv[3], 'rb').read(), sys.argv[4], sys.argv[5]) "
            + "else 'invalid')";
        assertThat(run(work, "python3", "-c", script, work.toString(), secret, body.toString(), hit.signature(),
            hit.timestamp())).isEqualTo("valid");
        assertThat(run(work, "python3", "-c", script, work.toString(), secret, body.toString(),
            hit.signature().replace('a', 'b').replace('0', '1'), hit.timestamp())).isEqualTo("invalid");
        ran.add("python3");
      }
      assumeThat(ran).as("node or python3 on this machine").isNotEmpty();
    }
  }

  private static boolean available(String command) {
    try {
      Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static String run(Path dir, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
