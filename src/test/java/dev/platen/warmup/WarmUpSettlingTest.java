package dev.platen.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the start-up warm-up stops: rounds that no longer get faster are not enough while the JIT compilers are still
 * busy (on 2 cores they had hundreds of methods queued when the rounds flattened, docs/decisions.md D70).
 */
class WarmUpSettlingTest {
  static final long MS = 1_000_000;

  /** The 1-based rounds after which the warm-up would stop, for rounds of these times (ms) and compile times. */
  private static List<Integer> stops(long[] tookMs, long[] compiledMs) {
    WarmUpTraffic.Settling s = new WarmUpTraffic.Settling();
    List<Integer> stops = new ArrayList<>();
    for (int i = 0; i < tookMs.length; i++) {
      if (s.settledAfter(tookMs[i] * MS, compiledMs[i])) stops.add(i + 1);
    }
    return stops;
  }

  @Test
  void flatRoundsWithBusyCompilersGoOn() {
    long[] took = {1600, 700, 300, 300, 300, 300, 300, 300};
    // the rounds are flat from the fourth on; the compilers spend more than half of each round until the seventh
    long[] compiled = {2400, 1200, 400, 350, 200, 300, 100, 90};
    assertThat(stops(took, compiled)).first().isEqualTo(8);
  }

  @Test
  void quietCompilersWhileRoundsStillGetFasterGoOn() {
    long[] took = {1000, 800, 600, 450, 330, 320, 310};
    long[] compiled = {10, 10, 10, 10, 10, 10, 10};
    assertThat(stops(took, compiled)).first().isEqualTo(7);
  }

  @Test
  void oneQuietRoundBetweenBusyOnesIsNotQuiet() {
    long[] took = {300, 300, 300, 300, 300, 300, 300, 300};
    long[] compiled = {300, 300, 10, 300, 10, 300, 10, 10};
    assertThat(stops(took, compiled)).first().isEqualTo(8);
  }

  @Test
  void aWarmJvmStopsAfterTheFewestRounds() {
    long[] took = {300, 300, 300};
    long[] compiled = {0, 0, 0};
    assertThat(stops(took, compiled)).containsExactly(3);
  }

  @Test
  void aJvmThatDoesNotTellItsCompileTimeIsJudgedByItsRounds() {
    long[] took = {900, 500, 300, 300, 300};
    long[] compiled = {0, 0, 0, 0, 0};
    assertThat(stops(took, compiled)).first().isEqualTo(5);
  }
}
