package dev.platen.api;

import static dev.platen.api.OpenApiTest.matches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.Pdfs;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every way to fetch a PDF ({@code /files/…}, both private streams, a share link) answers as one: Content-Length,
 * HEAD with the same headers and no body, a single byte range (206, 416), and ETag with If-None-Match (304).
 */
class DownloadsTest {
  @TempDir static Path dir;
  static TestServer server;
  static String key;
  static String renderId;
  static byte[] pdf;
  /** operation (as documented) → URL, and whether it needs the key */
  static Map<String, String> urls;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    key = server.liveKey;
    assertThat(server.post("/v1/templates", key, RenderFlowTest.INVOICE).status()).isEqualTo(201);
    Res accepted = server.post("/v1/templates/invoice/render", key, Map.of("data", RenderFlowTest.invoiceData(120)));
    renderId = accepted.json().path("id").asString();
    JsonNode done = server.awaitTerminal(renderId, key, Duration.ofSeconds(60));
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
    String files = done.path("downloadUrl").asString();
    pdf = server.get(files, null).body();
    assertThat(Pdfs.pages(pdf)).isGreaterThan(1);
    String token = server.post("/v1/renders/" + renderId + "/shares", key, Map.of()).json().path("shareToken")
        .asString();
    urls = Map.of(
        "GET /files/{id}/{token}/{filename}", files,
        "GET /v1/renders/{id}/download", server.baseUrl + "/v1/renders/" + renderId + "/download",
        "GET /v1/embed/renders/{id}/download", server.baseUrl + "/v1/embed/renders/" + renderId + "/download",
        "GET /share/{token}/pdf", server.baseUrl + "/share/" + token + "/pdf");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Res fetch(String method, String url, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + key)
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) b.headers(headers);
    return TestServer.send(b.build());
  }

  private static String path(String op) {
    return op.substring(4);
  }

  @Test
  void everyDownloadSendsItsLengthAndAnEntityTag() {
    for (var e : urls.entrySet()) {
      Res r = fetch("GET", e.getValue());
      matches("GET", path(e.getKey()), r, 200);
      assertThat(r.body()).as(e.getKey()).isEqualTo(pdf);
      assertThat(r.header("Content-Length")).as(e.getKey()).isEqualTo(String.valueOf(pdf.length));
      assertThat(r.header("ETag")).as(e.getKey()).isEqualTo("\"" + renderId + "\"");
      assertThat(r.header("Accept-Ranges")).as(e.getKey()).isEqualTo("bytes");
      // not compressed on the way: the length is the file's
      Res gz = fetch("GET", e.getValue(), "Accept-Encoding", "gzip");
      assertThat(gz.header("Content-Encoding")).as(e.getKey()).isNull();
      assertThat(gz.body()).isEqualTo(pdf);
    }
  }

  @Test
  void headAnswersTheSameHeadersWithoutABody() {
    for (var e : urls.entrySet()) {
      Res get = fetch("GET", e.getValue());
      Res head = fetch("HEAD", e.getValue());
      assertThat(head.status()).as(e.getKey()).isEqualTo(200);
      assertThat(head.body()).as(e.getKey()).isEmpty();
      for (String h : List.of("Content-Length", "Content-Type", "Content-Disposition", "Cache-Control", "ETag",
          "Accept-Ranges", "X-Content-Type-Options")) {
        assertThat(head.header(h)).as("%s %s", e.getKey(), h).isNotNull().isEqualTo(get.header(h));
      }
    }
  }

  @Test
  void aByteRangeIsAnsweredWith206AndOnlyThoseBytes() {
    int size = pdf.length;
    for (var e : urls.entrySet()) {
      Res mid = fetch("GET", e.getValue(), "Range", "bytes=100-1123");
      matches("GET", path(e.getKey()), mid, 206);
      assertThat(mid.header("Content-Range")).isEqualTo("bytes 100-1123/" + size);
      assertThat(mid.header("Content-Length")).isEqualTo("1024");
      assertThat(mid.body()).as(e.getKey()).isEqualTo(Arrays.copyOfRange(pdf, 100, 1124));

      Res tail = fetch("GET", e.getValue(), "Range", "bytes=-300");
      assertThat(tail.status()).isEqualTo(206);
      assertThat(tail.header("Content-Range")).isEqualTo("bytes " + (size - 300) + "-" + (size - 1) + "/" + size);
      assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(pdf, size - 300, size));

      Res open = fetch("GET", e.getValue(), "Range", "bytes=" + (size - 10) + "-");
      assertThat(open.status()).isEqualTo(206);
      assertThat(open.body()).isEqualTo(Arrays.copyOfRange(pdf, size - 10, size));

      // a last position past the end is cut to the end
      Res beyond = fetch("GET", e.getValue(), "Range", "bytes=0-" + (size * 2));
      assertThat(beyond.status()).isEqualTo(206);
      assertThat(beyond.body()).isEqualTo(pdf);

      Res headRange = fetch("HEAD", e.getValue(), "Range", "bytes=0-9");
      assertThat(headRange.status()).isEqualTo(206);
      assertThat(headRange.header("Content-Length")).isEqualTo("10");
      assertThat(headRange.body()).isEmpty();
    }
  }

  @Test
  void aRangePastTheEndIs416AndAnUnusableOneIsIgnored() {
    int size = pdf.length;
    for (var e : urls.entrySet()) {
      Res past = fetch("GET", e.getValue(), "Range", "bytes=" + size + "-");
      matches("GET", path(e.getKey()), past, 416);
      assertThat(past.errorCode()).isEqualTo("range_not_satisfiable");
      assertThat(past.header("Content-Range")).isEqualTo("bytes */" + size);
      assertThat(fetch("GET", e.getValue(), "Range", "bytes=-0").status()).isEqualTo(416);

      for (String ignored : List.of("bytes=0-1,5-6", "bytes=9-3", "lines=1-2", "bytes=abc")) {
        Res whole = fetch("GET", e.getValue(), "Range", ignored);
        assertThat(whole.status()).as("%s %s", e.getKey(), ignored).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(pdf);
      }
      // If-Range with another tag: the file changed as far as the client knows, so it gets all of it
      Res stale = fetch("GET", e.getValue(), "Range", "bytes=0-9", "If-Range", "\"something-else\"");
      assertThat(stale.status()).isEqualTo(200);
      assertThat(stale.body()).isEqualTo(pdf);
      Res fresh = fetch("GET", e.getValue(), "Range", "bytes=0-9", "If-Range", "\"" + renderId + "\"");
      assertThat(fresh.status()).isEqualTo(206);
    }
  }

  @Test
  void aMatchingIfNoneMatchIs304WithoutABody() {
    for (var e : urls.entrySet()) {
      for (String tag : List.of("\"" + renderId + "\"", "W/\"" + renderId + "\"", "\"other\", \"" + renderId + "\"",
          "*")) {
        Res r = fetch("GET", e.getValue(), "If-None-Match", tag);
        assertThat(r.status()).as("%s %s", e.getKey(), tag).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(r.header("ETag")).isEqualTo("\"" + renderId + "\"");
      }
      Res other = fetch("GET", e.getValue(), "If-None-Match", "\"other\"");
      assertThat(other.status()).isEqualTo(200);
      assertThat(other.body()).isEqualTo(pdf);
    }
  }

  @Test
  void onlyAFetchFromTheFirstByteCountsAsAShareDownload() {
    String token = server.post("/v1/renders/" + renderId + "/shares", key, Map.of()).json().path("shareToken")
        .asString();
    String url = server.baseUrl + "/share/" + token + "/pdf";
    long before = downloads();
    fetch("HEAD", url);
    fetch("GET", url, "If-None-Match", "\"" + renderId + "\"");
    fetch("GET", url, "Range", "bytes=500-999");
    fetch("GET", url + "?inline=1");
    assertThat(downloads()).isEqualTo(before);
    // A reader's first range request is how a PDF viewer starts reading: it counts (repeats within five minutes
    // are one download, as for whole fetches)
    fetch("GET", url, "Range", "bytes=0-499");
    assertThat(downloads()).isEqualTo(before + 1);
  }

  private static long downloads() {
    return server.get("/v1/renders/" + renderId + "/engagement", key).json().path("counts").path("downloaded")
        .asLong(0);
  }
}
