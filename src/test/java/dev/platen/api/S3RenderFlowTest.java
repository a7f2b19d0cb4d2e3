package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.Pdfs;
import dev.platen.testing.S3Proxy;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Renders stored in an S3-compatible bucket and served from its public address. */
@Tag("slow")
class S3RenderFlowTest {

  @Test
  void pdfsLandInTheBucketAndDownloadFromItsPublicUrl(@TempDir Path dir) {
    try (S3Proxy s3 = S3Proxy.start(dir)) {
      s3.createBucket("platen-pdfs");
      Map<String, String> env = Map.of("PLATEN_BLOB_STORE", "s3", "PLATEN_S3_ENDPOINT", s3.endpoint,
          "PLATEN_S3_BUCKET", "platen-pdfs", "PLATEN_S3_ACCESS_KEY", S3Proxy.ACCESS_KEY,
          "PLATEN_S3_SECRET_KEY", S3Proxy.SECRET_KEY, "PLATEN_S3_PUBLIC_BASE_URL", s3.endpoint + "/platen-pdfs");
      try (TestServer s = TestServer.start(dir.resolve("data"), env)) {
        s.put("/v1/templates/memo", s.liveKey, Map.of("name", "Memo", "manifest", Map.of(
            "variables", List.of(Map.of("key", "text", "label", "Text", "dataType", "text")), "loops", List.of())));
        Res r = s.post("/v1/templates/memo/render", s.liveKey, Map.of("data", Map.of("text", "Stored in S3"),
            "options", Map.of("filename", "memo one")));
        JsonNode done = s.awaitTerminal(r.json().path("id").asString(), s.liveKey, Duration.ofSeconds(30));
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
        String url = done.path("downloadUrl").asString();
        assertThat(url).startsWith(s3.endpoint + "/platen-pdfs/renders/").endsWith("/memo%20one.pdf");
        Res pub = s.get(url, null);
        assertThat(pub.status()).isEqualTo(200);
        assertThat(Pdfs.text(pub.body())).contains("Stored in S3");
        Res priv = s.get("/v1/renders/" + done.path("id").asString() + "/download", s.liveKey);
        assertThat(priv.status()).isEqualTo(200);
        assertThat(priv.body()).isEqualTo(pub.body());
        // a byte range and a HEAD from the bucket: a ranged GET and the object's length
        String path = "/v1/embed/renders/" + done.path("id").asString() + "/download";
        byte[] pdf = pub.body();
        Res part = TestServer.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.baseUrl + path))
            .header("Authorization", "Bearer " + s.liveKey).header("Range", "bytes=10-209").build());
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 10-209/" + pdf.length);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(pdf, 10, 210));
        Res head = TestServer.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.baseUrl + path))
            .header("Authorization", "Bearer " + s.liveKey)
            .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(pdf.length));
      }
    }
  }
}
