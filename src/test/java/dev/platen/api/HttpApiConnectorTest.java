package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.platen.metrics.Metrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The connector Platen builds itself for the process's one buffer pool (D77): the address and port the server is
 * started with must still reach it, and the pool the start-up warm-up leaves stocked (D78) still serves.
 */
class HttpApiConnectorTest {
  private static HttpApi monitoring() {
    Readiness readiness = new Readiness(() -> true, () -> true, null, "health/listen-test", () -> false,
        Duration.ofMillis(500));
    return HttpApi.monitoring(readiness, new Metrics(), null, Json.shared());
  }

  private static int health(String host, int port) throws Exception {
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      return client.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/health")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    }
  }

  /** The local addresses (hex, as the kernel lists them) of the sockets listening on {@code port}. */
  private static List<String> listening(int port) throws IOException {
    String hexPort = String.format(":%04X", port);
    return java.util.stream.Stream.of("/proc/net/tcp", "/proc/net/tcp6").map(Path::of).filter(Files::isReadable)
        .flatMap(p -> {
          try {
            return Files.readAllLines(p).stream().skip(1);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        })
        .map(l -> l.trim().split("\\s+"))
        // state 0A: listening
        .filter(f -> f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A"))
        .map(f -> f[1].substring(0, f[1].length() - hexPort.length()))
        .toList();
  }

  @Test
  void listensOnTheAddressAndPortItIsStartedWith() throws Exception {
    assumeThat(Path.of("/proc/net/tcp")).as("Linux's socket table").isReadable();
    HttpApi loopback = monitoring().start("127.0.0.1", 0);
    try {
      assertThat(loopback.port()).isPositive();
      assertThat(health("127.0.0.1", loopback.port())).isEqualTo(200);
      // 127.0.0.1, as IPv4 or IPv4-mapped IPv6 (::ffff:127.0.0.1), whichever stack Java chose
      assertThat(listening(loopback.port())).singleElement().asString()
          .matches("0100007F|0{16}FFFF00000100007F");
    } finally {
      loopback.stop();
    }
    // every interface, and a second server in the process (the buffer pool outlives the first)
    HttpApi everywhere = monitoring().start(0);
    try {
      assertThat(health("127.0.0.1", everywhere.port())).isEqualTo(200);
      assertThat(listening(everywhere.port())).singleElement().asString().matches("0+");
    } finally {
      everywhere.stop();
    }
  }

  @Test
  void stocksEachBufferSizeInUseAndStillServes() throws Exception {
    HttpApi server = monitoring().start("127.0.0.1", 0);
    try {
      for (int i = 0; i < 3; i++) assertThat(health("127.0.0.1", server.port())).isEqualTo(200);
      // a request took buffers from the pool, a few at most: the sizes in use are known now
      assertThat(HttpApi.leastStocked()).isPositive();

      HttpApi.stockBuffers();
      assertThat(HttpApi.leastStocked()).isGreaterThanOrEqualTo(HttpApi.STOCKED_BUFFERS);
      // a second call finds them stocked and takes nothing more
      int least = HttpApi.leastStocked();
      HttpApi.stockBuffers();
      assertThat(HttpApi.leastStocked()).isEqualTo(least);

      for (int i = 0; i < 3; i++) assertThat(health("127.0.0.1", server.port())).isEqualTo(200);
    } finally {
      server.stop();
    }
  }
}
