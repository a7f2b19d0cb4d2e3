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
  private final Path log;

  private ServerProcess(Process p, String baseUrl, Path log) {
    this.process = p;
    this.baseUrl = baseUrl;
    this.log = log;
  }

  public static ServerProcess start(Path dataDir, int port, String bootstrapKey, Map<String, String> env) {
    ServerProcess s = launch(dataDir, port, bootstrapKey, env);
    s.awaitHealthy(Duration.ofSeconds(120));
    return s;
  }

  /**
   * A {@code PLATEN_ROLE=worker} process on a free port, where it serves only {@code /health}, {@code /ready} and
   * {@code /metrics}; started once it has logged that it is ready and answers {@code /health}.
   */
  public static ServerProcess startWorker(Path dataDir, String bootstrapKey, Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("PLATEN_ROLE", "worker");
    ServerProcess s = launch(dataDir, TestServer.freePort(), bootstrapKey, all);
    s.awaitLog(" ready: ", Duration.ofSeconds(120));
    s.awaitHealthy(Duration.ofSeconds(30));
    return s;
  }

  /** Through the README's launcher, {@code ./platen serve}, which starts the server again when it asks to. */
  public static ServerProcess startWithLauncher(Path dataDir, int port, String bootstrapKey,
      Map<String, String> env) {
    String java = ProcessHandle.current().info().command().orElse("java");
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("JAVA_HOME", Path.of(java).getParent().getParent().toString());
    ServerProcess s = launch(List.of("bash", "platen", "serve"), dataDir, port, bootstrapKey, all);
    s.awaitHealthy(Duration.ofSeconds(120));
    return s;
  }

  private static ServerProcess launch(Path dataDir, int port, String bootstrapKey, Map<String, String> env) {
    String java = ProcessHandle.current().info().command().orElse("java");
    return launch(List.of(java, "-Xmx512m", "-jar", JAR.toString()), dataDir, port, bootstrapKey, env);
  }

  private static ServerProcess launch(List<String> command, Path dataDir, int port, String bootstrapKey,
      Map<String, String> env) {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException("target/platen.jar is missing: run ./platen test, which packages it first");
    }
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PLATEN_PORT", String.valueOf(port));
    pb.environment().put("PLATEN_DATA_DIR", dataDir.toString());
    pb.environment().put("PLATEN_BOOTSTRAP_KEY", bootstrapKey);
    // seconds per start otherwise; StartUpWarmUpTest starts the jar with it on
    pb.environment().put("PLATEN_WARMUP", "off");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    Path log = dataDir.resolve("server-" + System.nanoTime() + ".log");
    pb.redirectOutput(log.toFile());
    try {
      Files.createDirectories(dataDir);
      return new ServerProcess(pb.start(), "http://localhost:" + port, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything the process printed so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean isAlive() { return process.isAlive(); }

  public long pid() { return process.pid(); }

  public void awaitLog(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (log().contains(text)) return;
      if (!process.isAlive()) throw new IllegalStateException("process exited with " + process.exitValue() + ": " + log());
      sleep(100);
    }
    throw new IllegalStateException("process did not log '" + text + "' in " + timeout + ": " + log());
  }

  public void awaitHealthy(Duration timeout) {
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
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    waitFor();
  }

  /** SIGSTOP or SIGCONT: holds the process still so a test can read its state and then kill it in that state. */
  public void signal(String name) {
    try {
      int rc = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
      if (rc != 0) throw new IllegalStateException("kill -" + name + " exited " + rc);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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

  /** Processes this one started (a launcher's server) that are still running. */
  public long liveChildren() {
    return process.descendants().filter(ProcessHandle::isAlive).count();
  }

  @Override
  public void close() {
    if (process.isAlive()) terminate();
    process.descendants().forEach(ProcessHandle::destroyForcibly);
  }
}
