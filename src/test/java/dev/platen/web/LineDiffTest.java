package dev.platen.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.web.LineDiff.Kind;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LineDiffTest {
  private static String lines(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
  }

  @Test
  void aChangedLineSitsBesideItsOldSelfAndInsertionsAndRemovalsStandAlone() {
    List<LineDiff.Row> rows = LineDiff.of("a\nb\nc\nd", "a\nB\nc\nx\nd");
    assertThat(rows).extracting(LineDiff.Row::kind)
        .containsExactly(Kind.SAME, Kind.CHANGED, Kind.SAME, Kind.ADDED, Kind.SAME);
    assertThat(rows.get(1)).isEqualTo(new LineDiff.Row(Kind.CHANGED, 2, "b", 2, "B"));
    assertThat(rows.get(3)).isEqualTo(new LineDiff.Row(Kind.ADDED, 0, "", 4, "x"));
    assertThat(rows.get(4)).isEqualTo(new LineDiff.Row(Kind.SAME, 4, "d", 5, "d"));
    assertThat(LineDiff.of("a\nb", "b")).extracting(LineDiff.Row::kind).containsExactly(Kind.REMOVED, Kind.SAME);
    assertThat(LineDiff.changed(LineDiff.of("same", "same"))).isFalse();
    assertThat(LineDiff.of("", "")).isEmpty();
  }

  @Test
  void longUnchangedRunsFoldButForThreeLinesAroundEachChange() {
    String before = lines(1, 40);
    String after = before.replace("line 20\n", "line twenty\n");
    List<LineDiff.Row> rows = LineDiff.folded(LineDiff.of(before, after));
    assertThat(rows).extracting(LineDiff.Row::kind).containsExactly(Kind.FOLDED, Kind.SAME, Kind.SAME, Kind.SAME,
        Kind.CHANGED, Kind.SAME, Kind.SAME, Kind.SAME, Kind.FOLDED);
    assertThat(rows.getFirst().leftNumber()).isEqualTo(16);
    assertThat(rows.getLast().leftNumber()).isEqualTo(17);
    assertThat(rows.get(4).left()).isEqualTo("line 20");
    // nothing changed: one fold
    assertThat(LineDiff.folded(LineDiff.of(before, before))).extracting(LineDiff.Row::kind)
        .containsExactly(Kind.FOLDED);
  }

  @Test
  void aMiddleTooLargeToCompareIsShownAsReplaced() {
    int n = (int) Math.sqrt(LineDiff.MAX_CELLS) + 10;
    String a = IntStream.range(0, n).mapToObj(i -> "a" + i).collect(Collectors.joining("\n"));
    String b = IntStream.range(0, n).mapToObj(i -> "b" + i).collect(Collectors.joining("\n"));
    List<LineDiff.Row> rows = LineDiff.of(a, b);
    assertThat(rows).hasSize(n).allMatch(r -> r.kind() == Kind.CHANGED);
  }
}
