package dev.platen.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (s3proxy, in-memory store) in its own JVM. Authorization is off, so objects can also
 * be read anonymously, like a public bucket behind a CDN.
 */
public final class S3Proxy implements AutoCloseable {
  public static final Path JAR = Path.of("target/s3proxy/s3proxy.jar");
  public static final String ACCESS_KEY = "platen-test";
  public static final String SECRET_KEY = "platen-test-secret";
  private final Process process;
  public final String endpoint;

  private S3Proxy(Process p, String endpoint) {
    this.process = p;
    this.endpoint = endpoint;
  }

  public static S3Proxy start(Path dir) {
    if (!Files.exists(JAR)) throw new IllegalStateException("target/s3proxy/s3proxy.jar missing: run ./platen test");
    int port = TestServer.freePort();
    try {
      Path props = dir.resolve("s3proxy.properties");
      Files.writeString(props, String.join("\n",
          "s3proxy.endpoint=http://127.0.0.1:" + port,
          "s3proxy.authorization=none",
          "jclouds.provider=transient",
          "jclouds.identity=" + ACCESS_KEY,
          "jclouds.credential=" + SECRET_KEY,
          ""));
      String java = ProcessHandle.current().info().command().orElse("java");
      Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", JAR.toString(), "org.gaul.s3proxy.Main",
          "--properties", props.toString()))
          .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) throw new IllegalStateException("s3proxy exited: see " + dir.resolve("s3proxy.log"));
        try (Socket s = new Socket("127.0.0.1", port)) {
          return new S3Proxy(p, "http://127.0.0.1:" + port);
        } catch (IOException notYet) {
          Thread.sleep(100);
        }
      }
      p.destroyForcibly();
      throw new IllegalStateException("s3proxy did not start");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public void createBucket(String name) {
    try (S3Client c = S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
        .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build()) {
      c.createBucket(r -> r.bucket(name));
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
