package dev.platen.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the warm-up reads of the JIT compilers, and how long it waits for them. */
class CompilersTest {
  @Test
  void theJvmPlatenRunsOnTellsItsCompileTime() {
    // were it 0 here, every round would count as quiet and the warm-up would stop as early as before D70
    assertThat(Compilers.millis()).isPositive();
  }

  @Test
  void onLinuxTheCompilersTimeIsTheirThreadsCpuTime() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")));
    // this JVM has compiled the test framework by now; a name or field read wrong would give -1 or 0
    assertThat(Compilers.threadsCpuMillis()).isPositive();
  }

  @Test
  void theWaitSeesTheCompilersQuietForSeveralWindowsButNeverOutlastsItsLimit() {
    long limit = 400;
    long waited = Compilers.awaitQuiet(Duration.ofMillis(limit));
    // one quiet look is not enough: a compilation can start between two
    assertThat(waited).isGreaterThanOrEqualTo(Compilers.QUIET_WINDOWS * Compilers.WINDOW_MS);
    // the window under way when the limit passes ends, and nothing more
    assertThat(waited).isLessThan(limit + Compilers.WINDOW_MS + 150);
  }

  @Test
  void anInterruptedWaitEndsAtOnceAndKeepsTheInterrupt() {
    Thread.currentThread().interrupt();
    try {
      assertThat(Compilers.awaitQuiet(Duration.ofSeconds(10))).isLessThan(1_000);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
