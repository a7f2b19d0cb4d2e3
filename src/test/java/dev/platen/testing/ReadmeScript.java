package dev.platen.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The README's shell blocks, run word for word: each sits between {@code <!-- name:start -->} and
 * {@code <!-- name:end -->}, so a test runs exactly what a newcomer would paste.
 */
public final class ReadmeScript {
  private ReadmeScript() {}

  /** The commands of one marked block of README.md, without its markers and code fences. */
  public static String block(String name) throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("<!-- " + name + ":start -->");
    int end = readme.indexOf("<!-- " + name + ":end -->");
    assertThat(start).as(name).isPositive();
    assertThat(end).as(name).isGreaterThan(start);
    return readme.substring(start, end).replaceAll("(?m)^(<!--.*-->|```.*)$", "");
  }

  /**
   * Runs {@code script} under {@code bash -euo pipefail} in {@code dir} with {@code env} added, and asserts it ends
   * within {@code timeout} with status 0.
   *
   * @return what it printed, standard error included
   */
  public static String run(String script, Path dir, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(dir.toFile())
        .redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.exitValue()).as(output).isZero();
    return output;
  }
}
