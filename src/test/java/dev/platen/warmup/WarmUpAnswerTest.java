package dev.platen.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The warm-up's own reading of a response to a request sent on a connection of its own. */
class WarmUpAnswerTest {
  private static WarmUpTraffic.Answer parse(String raw) {
    return WarmUpTraffic.Answer.parse(raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String body(WarmUpTraffic.Answer a) {
    return new String(a.body(), StandardCharsets.UTF_8);
  }

  @Test
  void readsTheBodyByItsLength() {
    WarmUpTraffic.Answer a = parse("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 12\r\n"
        + "\r\n{\"id\":\"r_1\"}trailing bytes");
    assertThat(a.status()).isEqualTo(202);
    assertThat(body(a)).isEqualTo("{\"id\":\"r_1\"}");
  }

  @Test
  void joinsAChunkedBody() {
    WarmUpTraffic.Answer a = parse("HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\n"
        + "5\r\n{\"id\"\r\n7;ext=1\r\n:\"r_2\"}\r\n0\r\n\r\n");
    assertThat(a.status()).isEqualTo(200);
    assertThat(body(a)).isEqualTo("{\"id\":\"r_2\"}");
  }

  @Test
  void readsToTheEndWithoutALength() {
    assertThat(body(parse("HTTP/1.0 400 Bad Request\r\n\r\nnot json"))).isEqualTo("not json");
  }

  @Test
  void refusesWhatIsNotAWholeResponse() {
    assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n")).hasMessageContaining("head");
    assertThatThrownBy(() -> parse("SSH-2.0-OpenSSH\r\n\r\n")).hasMessageContaining("not an HTTP/1 response");
    assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n9\r\nabc"))
        .hasMessageContaining("cut short");
  }
}
