package dev.platen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.LoadsTheMachine;
import dev.platen.testing.ServerProcess;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's start-up cache, as README describes it: {@code ./platen build} trains a JDK AOT cache next to the
 * jar and {@code ./platen serve} starts with it; a cache that does not belong to the jar (rebuilt since) is left
 * out, and one the JVM itself refuses costs a few error lines, never the start. Runs a copy of the launcher with
 * the packaged jar and no sources, so the real {@code target/platen.aot} is not touched, and with a stand-in
 * {@code mvn} that does nothing: the jar is already packaged, the training run is real.
 */
@Tag("slow")
@ExtendWith(LoadsTheMachine.class)
class LauncherAotCacheTest {
  static final String KEY = "ck_live_launcheraotcachetest00001";
  static final String NO_CACHE_NOTE = "no start-up cache for this jar";

  @TempDir Path dir;

  @Test
  void buildTrainsTheCacheServeUsesItAndAStaleOrRefusedCacheOnlyCostsSpeed() throws Exception {
    Path home = launcherCopy();
    Path jar = home.resolve("target/platen.jar");
    Path cache = home.resolve("target/platen.aot");

    Run build = run(home, Duration.ofMinutes(6), "build");
    assertThat(build.exit()).as(build.output()).isZero();
    assertThat(cache).as(build.output()).isNotEmptyFile();
    assertThat(home.resolve("target/platen.aot.stamp")).isNotEmptyFile();

    try (Launched s = serve(home, "with-cache")) {
      assertThat(s.javaArguments()).contains("-XX:AOTCache=target/platen.aot");
      // the bench scripts start the jar with what `jvm-options` prints: it must be what serve gives its JVM
      assertThat(s.javaArguments()).containsAll(jvmOptions(home, "--with-aot-cache"))
          .contains("-XX:-UseOnStackReplacement")
          // trained methods go to C2 without waiting at tier 2 (D77); a diagnostic flag, so unlocked before it
          .containsSubsequence("-XX:+UnlockDiagnosticVMOptions", "-XX:+SkipTier2IfPossible");
      s.renderSucceeds();
      assertThat(s.log()).doesNotContain(NO_CACHE_NOTE).doesNotContain("[error][aot]");
    }

    // the jar was rebuilt since (as after a plain `mvn package`): the launcher leaves the cache out and says so
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
    try (Launched s = serve(home, "stale")) {
      assertThat(s.javaArguments()).noneMatch(a -> a.startsWith("-XX:AOTCache"));
      // the compiler count it sets with the cache (on small machines) is left out too (D70)
      List<String> withCache = jvmOptions(home, "--with-aot-cache");
      assertThat(s.javaArguments()).containsAll(jvmOptions(home))
          .doesNotContainAnyElementsOf(withCache.subList(jvmOptions(home).size(), withCache.size()));
      assertThat(s.log()).contains(NO_CACHE_NOTE);
      s.renderSucceeds();
    }

    // a stamp claiming the cache matches the rebuilt jar: the JVM checks the jar itself, refuses, and runs without
    Path stamp = home.resolve("target/platen.aot.stamp");
    String[] fields = Files.readString(stamp).split(" ", 3);
    Files.writeString(stamp, Files.size(jar) + " " + Files.getLastModifiedTime(jar).to(TimeUnit.SECONDS) + " "
        + fields[2]);
    try (Launched s = serve(home, "refused")) {
      assertThat(s.javaArguments()).contains("-XX:AOTCache=target/platen.aot");
      s.renderSucceeds();
      assertThat(s.log()).contains("[error][aot]");
    }

    // ./platen build --no-aot-cache leaves none
    Run without = run(home, Duration.ofMinutes(2), "build", "--no-aot-cache");
    assertThat(without.exit()).as(without.output()).isZero();
    assertThat(cache).doesNotExist();
  }

  /** The launcher, the packaged jar, the training inputs, and a stand-in mvn; sources and pom older than the jar. */
  private Path launcherCopy() throws IOException {
    Path home = dir.resolve("platen");
    for (String f : List.of("platen", "pom.xml", "examples/invoice.json", "examples/invoice.data.json",
        "bench/aot/invoice-html.json")) {
      Files.createDirectories(home.resolve(f).getParent());
      Files.copy(Path.of(f), home.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
    }
    Files.createDirectories(home.resolve("src"));
    FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
    Files.setLastModifiedTime(home.resolve("pom.xml"), old);
    Files.setLastModifiedTime(home.resolve("src"), old);
    Files.createDirectories(home.resolve("target"));
    Files.copy(ServerProcess.JAR, home.resolve("target/platen.jar"));
    Path mvn = dir.resolve("bin/mvn");
    Files.createDirectories(mvn.getParent());
    Files.writeString(mvn, "#!/bin/sh\n# the jar is packaged already\nexit 0\n");
    assertThat(mvn.toFile().setExecutable(true)).isTrue();
    return home;
  }

  record Run(int exit, String output) {}

  private List<String> jvmOptions(Path home, String... flags) throws Exception {
    String[] args = new String[flags.length + 1];
    args[0] = "jvm-options";
    System.arraycopy(flags, 0, args, 1, flags.length);
    Run options = run(home, Duration.ofSeconds(30), args);
    assertThat(options.exit()).as(options.output()).isZero();
    return List.of(options.output().strip().split(" +"));
  }

  private Run run(Path home, Duration timeout, String... args) throws Exception {
    Path out = dir.resolve("run-" + System.nanoTime() + ".log");
    ProcessBuilder pb = launcher(home, args).redirectErrorStream(true).redirectOutput(out.toFile());
    Process p = pb.start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("./platen " + String.join(" ", args) + " took over " + timeout + ": "
          + Files.readString(out));
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  private ProcessBuilder launcher(Path home, String... args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new java.util.ArrayList<>(List.of("bash", home.resolve("platen").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
    pb.environment().put("JAVA_HOME", Path.of(java).getParent().getParent().toString());
    pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
    // a short training run: this test checks that a cache is made and used, bench/startup.sh what it is worth
    pb.environment().put("AOT_TRAINING_RENDERS", "10");
    // the training server warms up as a served one does, briefly here
    pb.environment().put("AOT_TRAINING_WARMUP", "1s");
    return pb;
  }

  private Launched serve(Path home, String name) throws Exception {
    int port = TestServer.freePort();
    Path log = dir.resolve("serve-" + name + ".log");
    ProcessBuilder pb = launcher(home, "serve").redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("PLATEN_PORT", String.valueOf(port));
    pb.environment().put("PLATEN_DATA_DIR", dir.resolve("data-" + name).toString());
    pb.environment().put("PLATEN_BOOTSTRAP_KEY", KEY);
    pb.environment().put("PLATEN_WARMUP", "off");
    Launched s = new Launched(pb.start(), "http://localhost:" + port, log);
    s.awaitHealthy();
    return s;
  }

  record Launched(Process process, String baseUrl, Path logFile) implements AutoCloseable {
    String log() throws IOException {
      return Files.readString(logFile, StandardCharsets.UTF_8);
    }

    /** The server JVM's arguments: the launcher's child. */
    List<String> javaArguments() {
      return process.children().filter(c -> c.info().command().orElse("").endsWith("java")).findFirst()
          .flatMap(c -> c.info().arguments()).map(List::of).orElseThrow();
    }

    void awaitHealthy() throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) throw new AssertionError("./platen serve exited: " + log());
        try {
          if (get("/health").status() == 200) return;
        } catch (RuntimeException notYet) {
          // not listening yet
        }
        Thread.sleep(100);
      }
      throw new AssertionError("./platen serve did not answer /health: " + log());
    }

    Res get(String path) {
      return TestServer.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
          .header("Authorization", "Bearer " + KEY).build());
    }

    Res send(String method, String path, String json) {
      return TestServer.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** The example invoice published and rendered: the server does its work, cache or not. */
    void renderSucceeds() throws Exception {
      Res put = send("PUT", "/v1/templates/invoice", Files.readString(Path.of("examples/invoice.json")));
      assertThat(put.status()).as(put.text()).isIn(200, 201);
      Res post = send("POST", "/v1/templates/invoice/render",
          "{\"data\": " + Files.readString(Path.of("examples/invoice.data.json")) + "}");
      assertThat(post.status()).as(post.text()).isEqualTo(202);
      String id = post.json().path("id").asString();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String status = "";
      while (System.nanoTime() < deadline) {
        status = get("/v1/renders/" + id).json().path("status").asString();
        if (!status.equals("queued") && !status.equals("rendering")) break;
        Thread.sleep(100);
      }
      assertThat(status).as(log()).isEqualTo("succeeded");
      Res pdf = get("/v1/renders/" + id + "/download");
      assertThat(pdf.status()).as(pdf.text()).isIn(200, 302);
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly();
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      assertThat(process.exitValue()).as("the launcher ends with its server's status after SIGTERM: " + log())
          .isIn(0, 143);
    }
  }
}
