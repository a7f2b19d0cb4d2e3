package dev.platen.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The fat jar started as its own OS process, so tests can kill it with SIGKILL like a crashing machine would. */
public final class ServerProcess implements AutoCloseable {
  public static final Path JAR = Path.of("target/platen.jar");
  private final Process process;
  public final String baseUrl;

  private ServerProcess(Process p, String baseUrl) {
    this.process = p;
    this.baseUrl = baseUrl;
  }

  public static ServerProcess start(Path dataDir, int port, String bootstrapKey, Map<String, String> env) {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException("target/platen.jar is missing: run ./platen test, which packages it first");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", JAR.toString()));
    pb.environment().put("PLATEN_PORT", String.valueOf(port));
    pb.environment().put("PLATEN_DATA_DIR", dataDir.toString());
    pb.environment().put("PLATEN_BOOTSTRAP_KEY", bootstrapKey);
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(dataDir.resolve("server-" + System.nanoTime() + ".log").toFile());
    try {
      Files.createDirectories(dataDir);
      Process p = pb.start();
      ServerProcess s = new ServerProcess(p, "http://localhost:" + port);
      s.awaitHealthy(Duration.ofSeconds(60));
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("server exited with " + process.exitValue());
      try {
        var r = TestServer.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health"))
            .timeout(Duration.ofSeconds(2)).build());
        if (r.status() == 200) return;
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      sleep(100);
    }
    throw new IllegalStateException("server did not become healthy in " + timeout);
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  public void kill9() {
    process.destroyForcibly();
    waitFor();
  }

  /** SIGTERM: the graceful path. */
  public int terminate() {
    process.destroy();
    return waitFor();
  }

  private int waitFor() {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) terminate();
  }
}
