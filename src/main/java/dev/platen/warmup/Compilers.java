package dev.platen.warmup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The JIT compilers' work as this JVM tells it: how the start-up warm-up knows when it is done. */
public final class Compilers {
  /** How often {@link #awaitQuiet} looks. */
  static final long WINDOW_MS = 100;
  /** Compiler time in one window below which it counts as quiet: the clock ticks are 10 ms. */
  static final long QUIET_MS = 20;
  /** Quiet windows in a row that end the wait. */
  static final int QUIET_WINDOWS = 2;

  private Compilers() {}

  /**
   * Milliseconds this JVM's JIT compilers have spent so far, all threads together: their threads' CPU time where
   * {@code /proc} tells it (Linux), else the JVM's total compilation time, else 0, which makes every round quiet and
   * leaves the rounds' times to decide. The JVM's total grows only as each compilation ends, so a round during which
   * C2 spent half a second on one of the engine's largest methods looked quiet, and that compilation finished during
   * the first real renders (seen for {@code HtmlTables.laidTable}, 4.6 KB of bytecode, in the first 200 after
   * {@code /ready}); the threads' CPU time counts it while it runs. Threads the JVM stops when idle take their time
   * with them, so only differences over a short span mean anything.
   */
  public static long millis() {
    long cpu = threadsCpuMillis();
    if (cpu >= 0) return cpu;
    java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
  }

  /**
   * Waits until the compilers have been quiet for {@link #QUIET_WINDOWS} windows in a row, or {@code max} has
   * passed. What the last warm-up step queued (the engines' own warm-up on the real instance queued a 200 ms C2
   * compilation of openhtmltopdf's style lookup) is then compiled before the first request, not during it.
   *
   * @return the milliseconds waited
   */
  public static long awaitQuiet(Duration max) {
    long started = System.nanoTime();
    long deadline = started + max.toNanos();
    int quiet = 0;
    long before = millis();
    try {
      while (quiet < QUIET_WINDOWS && System.nanoTime() - deadline < 0) {
        Thread.sleep(WINDOW_MS);
        long now = millis();
        quiet = now - before < QUIET_MS ? quiet + 1 : 0;
        before = now;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** CPU time of the threads named {@code C1 CompilerThread…} and {@code C2 CompilerThread…}, or -1 where unknown. */
  static long threadsCpuMillis() {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) return -1;
    long ticks = 0;
    boolean seen = false;
    try (DirectoryStream<Path> all = Files.newDirectoryStream(tasks)) {
      for (Path task : all) {
        try {
          String name = Files.readString(task.resolve("comm"));
          if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) continue;
          String stat = Files.readString(task.resolve("stat"));
          // after the name in parentheses: state is field 3, utime and stime fields 14 and 15
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          seen = true;
        } catch (IOException | RuntimeException e) {
          // the thread ended while it was read (the JVM stops idle compiler threads)
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return seen ? ticks * 10 : -1; // clock ticks of 1/100 s (USER_HZ, 100 on Linux)
  }
}
