package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.blob.BlobStore;
import dev.platen.blob.FileBlobStore;
import dev.platen.metrics.Metrics;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The port a worker process serves: readiness that turns 503 and names the check that failed (database, schema,
 * blob store, shutdown), metrics, and no API at all.
 */
class WorkerPortTest {

  /** A blob store whose writes fail while {@code broken} is set; counts the writes it was asked for. */
  static final class SwitchableBlobs implements BlobStore {
    final BlobStore files;
    final AtomicBoolean broken = new AtomicBoolean();
    final AtomicInteger writes = new AtomicInteger();

    SwitchableBlobs(Path dir) throws IOException {
      this.files = new FileBlobStore(dir);
    }

    @Override public void put(String key, byte[] bytes) throws IOException {
      writes.incrementAndGet();
      if (broken.get()) throw new IOException("disk full");
      files.put(key, bytes);
    }

    @Override public InputStream open(String key) throws IOException { return files.open(key); }

    @Override public long size(String key) throws IOException { return files.size(key); }
  }

  @Test
  void readinessNamesWhatFailedAndTheApiIsNotThere(@TempDir Path dir) throws Exception {
    AtomicBoolean dbUp = new AtomicBoolean(true);
    AtomicBoolean migrated = new AtomicBoolean(true);
    AtomicBoolean stopping = new AtomicBoolean();
    SwitchableBlobs blobs = new SwitchableBlobs(dir);
    Readiness readiness = new Readiness(dbUp::get, migrated::get, blobs, "health/ready-test", stopping::get,
        java.time.Duration.ofMillis(500));
    HttpApi port = HttpApi.monitoring(readiness, new Metrics(), null, Json.newMapper()).start(0);
    String base = "http://localhost:" + port.port();
    try {
      Res ready = get(base + "/ready");
      assertThat(ready.status()).as(ready.text()).isEqualTo(200);
      assertThat(blobs.size("health/ready-test")).as("the probe really wrote").isPositive();
      int writes = blobs.writes.get();
      assertThat(get(base + "/ready").status()).isEqualTo(200);
      assertThat(blobs.writes.get()).as("a good write is trusted for a while").isEqualTo(writes);

      dbUp.set(false);
      Res down = get(base + "/ready");
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.json().path("status").asString()).isEqualTo("unavailable");
      assertThat(down.json().path("failed").toString()).isEqualTo("[\"database\",\"migrations\"]");
      assertThat(down.json().at("/checks/migrations").asString()).startsWith("not checked");
      assertThat(get(base + "/health").status()).as("alive regardless").isEqualTo(200);
      dbUp.set(true);

      migrated.set(false);
      assertThat(get(base + "/ready").json().path("failed").toString()).isEqualTo("[\"migrations\"]");
      migrated.set(true);

      stopping.set(true);
      Res stopped = get(base + "/ready");
      assertThat(stopped.status()).isEqualTo(503);
      assertThat(stopped.json().at("/checks/shutdown").asString()).isEqualTo("in progress");
      stopping.set(false);

      // a failing store shows once the last good write is older than the trust period
      blobs.broken.set(true);
      Thread.sleep(600);
      Res full = get(base + "/ready");
      assertThat(full.status()).isEqualTo(503);
      assertThat(full.json().path("failed").toString()).isEqualTo("[\"blobStore\"]");
      assertThat(full.json().at("/checks/blobStore").asString()).isEqualTo("not writable");
      blobs.broken.set(false);
      assertThat(get(base + "/ready").status()).as("a failure is not cached").isEqualTo(200);

      assertThat(get(base + "/metrics").text()).contains("http_server_requests_seconds_count");
      for (String api : new String[] {"/v1/templates", "/openapi.yaml", "/docs"}) {
        Res r = get(base + api);
        assertThat(r.status()).as(api).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo("not_found");
      }
    } finally {
      port.stop();
    }
  }

  static Res get(String url) {
    return TestServer.send(HttpRequest.newBuilder(URI.create(url)).build());
  }
}
