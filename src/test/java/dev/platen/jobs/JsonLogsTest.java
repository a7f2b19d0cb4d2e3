package dev.platen.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.LoadsTheMachine;
import dev.platen.testing.ServerProcess;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code PLATEN_LOG_FORMAT=json} on the real jar: every line the process prints is one JSON object, the lines about
 * a render carry its id, project, template and attempt, and each request's line carries its route, status, duration
 * and the request id the client sent, which the answer echoes.
 */
@Tag("slow")
@ExtendWith(LoadsTheMachine.class)
class JsonLogsTest {
  static final String KEY = "ck_live_jsonlogstestkey0000000001";

  @Test
  void everyLineIsJsonAndCarriesItsContext(@TempDir Path dir) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    String ok;
    String failed;
    String templateId;
    try (ServerProcess p = ServerProcess.start(dir, TestServer.freePort(), KEY,
        Map.of("PLATEN_LOG_FORMAT", "json", "PLATEN_RENDER_THREADS", "1"))) {
      Res t = CrashRecoveryTest.send(p, KEY, "PUT", "/v1/templates/card", Map.of("name", "Card", "manifest", Map.of(
          "variables", List.of(Map.of("key", "text", "label", "Text", "dataType", "text"),
              Map.of("key", "logo", "label", "Logo", "dataType", "image")),
          "loops", List.of())));
      assertThat(t.status()).as(t.text()).isEqualTo(201);
      templateId = t.json().path("id").asString();
      Res accepted = TestServer.send(HttpRequest.newBuilder(URI.create(p.baseUrl + "/v1/templates/card/render"))
          .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
          .header("X-Request-Id", "json-logs-test-1")
          .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"text\":\"hello\"}}")).build());
      assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
      assertThat(accepted.header("X-Request-Id")).isEqualTo("json-logs-test-1");
      ok = accepted.json().path("id").asString();
      // a loopback image fails the render at once, whatever the network
      failed = CrashRecoveryTest.send(p, KEY, "POST", "/v1/templates/card/render", Map.of("data",
          Map.of("logo", "http://127.0.0.1:" + TestServer.freePort() + "/logo.png"))).json().path("id").asString();
      assertThat(CrashRecoveryTest.awaitTerminal(p, KEY, ok, Duration.ofSeconds(60)).path("status").asString())
          .isEqualTo("succeeded");
      assertThat(CrashRecoveryTest.awaitTerminal(p, KEY, failed, Duration.ofSeconds(60)).path("status").asString())
          .isEqualTo("failed");
      assertThat(p.terminate()).isIn(0, 143);
      for (String line : p.log().split("\n")) {
        if (line.isBlank()) continue;
        JsonNode json;
        try {
          json = TestServer.JSON.readTree(line);
        } catch (RuntimeException e) {
          throw new AssertionError("not a JSON line: " + line, e);
        }
        assertThat(json.isObject()).as(line).isTrue();
        assertThat(json.path("level").asString()).as(line).isNotEmpty();
        assertThat(json.path("timestamp").isNumber()).as(line).isTrue();
        lines.add(json);
      }
    }
    assertThat(lines).as("the keys line, start-up, requests, renders, shutdown").hasSizeGreaterThan(8);

    for (String render : List.of(ok, failed)) {
      List<JsonNode> about = lines.stream().filter(l -> render.equals(l.at("/mdc/renderId").asString())).toList();
      assertThat(about).as("lines about render %s", render).isNotEmpty();
      for (JsonNode l : about) {
        assertThat(l.at("/mdc/projectId").asString()).as(l.toString()).isNotEmpty();
        assertThat(l.at("/mdc/templateId").asString()).as(l.toString()).isEqualTo(templateId);
        assertThat(l.at("/mdc/attempt").asString()).as(l.toString()).isEqualTo("1");
      }
    }
    assertThat(lines).anyMatch(l -> ok.equals(l.at("/mdc/renderId").asString())
        && l.path("formattedMessage").asString().contains("succeeded"));
    assertThat(lines).anyMatch(l -> failed.equals(l.at("/mdc/renderId").asString())
        && l.path("formattedMessage").asString().contains("private or loopback"));

    List<JsonNode> requests = lines.stream()
        .filter(l -> l.path("loggerName").asString().equals("dev.platen.requests")).toList();
    assertThat(requests).as("one line per request").hasSizeGreaterThanOrEqualTo(5);
    for (JsonNode r : requests) assertThat(r.at("/mdc/requestId").asString()).as(r.toString()).isNotEmpty();
    JsonNode mine = requests.stream().filter(r -> r.at("/mdc/requestId").asString().equals("json-logs-test-1"))
        .findFirst().orElseThrow();
    assertThat(mine.at("/mdc/method").asString()).isEqualTo("POST");
    assertThat(mine.at("/mdc/route").asString()).isEqualTo("/v1/templates/{slug}/render");
    assertThat(mine.at("/mdc/status").asString()).isEqualTo("202");
    assertThat(Double.parseDouble(mine.at("/mdc/durationMs").asString())).isPositive();
  }

  /** Compose files write an unset variable as an empty one: that is the default format, not a silent process. */
  @Test
  void anEmptyOrPaddedFormatStillLogs(@TempDir Path dir) throws Exception {
    try (ServerProcess p = ServerProcess.start(dir, TestServer.freePort(), KEY,
        Map.of("PLATEN_LOG_FORMAT", "", "PLATEN_RENDER_THREADS", "1"))) {
      p.awaitLog("Platen listening on", Duration.ofSeconds(60));
    }
    try (ServerProcess p = ServerProcess.start(dir.resolve("padded"), TestServer.freePort(), KEY,
        Map.of("PLATEN_LOG_FORMAT", " json ", "PLATEN_RENDER_THREADS", "1"))) {
      p.awaitLog("Platen listening on", Duration.ofSeconds(60));
      String first = p.log().lines().filter(l -> l.contains("Platen listening on")).findFirst().orElseThrow();
      assertThat(TestServer.JSON.readTree(first).path("formattedMessage").asString()).contains("listening");
    }
  }
}
