package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.metrics.Metrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The buffer pool the start-up warm-up leaves stocked (D78): each size a server took holds enough buffers that the
 * real server's first burst of clients does not empty it, and a stocked pool still serves.
 */
class HttpApiBuffersTest {
  private static int health(HttpClient client, int port) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void stocksEachBufferSizeInUseAndStillServes() throws Exception {
    Readiness readiness = new Readiness(() -> true, () -> true, null, "health/buffers-test", () -> false,
        Duration.ofMillis(500));
    HttpApi server = HttpApi.monitoring(readiness, new Metrics(), null, Json.shared()).start("127.0.0.1", 0);
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      for (int i = 0; i < 3; i++) assertThat(health(client, server.port())).isEqualTo(200);
      // a request took buffers from the pool, a few at most: the sizes in use are known now
      assertThat(HttpApi.leastStocked()).isPositive();

      HttpApi.stockBuffers();
      assertThat(HttpApi.leastStocked()).isGreaterThanOrEqualTo(HttpApi.STOCKED_BUFFERS);
      // a second call finds them stocked and takes nothing more
      int least = HttpApi.leastStocked();
      HttpApi.stockBuffers();
      assertThat(HttpApi.leastStocked()).isEqualTo(least);

      for (int i = 0; i < 3; i++) assertThat(health(client, server.port())).isEqualTo(200);
    } finally {
      server.stop();
    }
  }
}
