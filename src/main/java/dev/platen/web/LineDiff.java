package dev.platen.web;

import java.util.ArrayList;
import java.util.List;

/**
 * A side-by-side line diff of two texts, for comparing two versions of a template. The longest common subsequence of
 * lines, after the common head and tail are set aside; a middle too large for the table (over {@link #MAX_CELLS})
 * shows as removed-then-added rather than costing the request unbounded memory.
 */
public final class LineDiff {
  static final int MAX_CELLS = 4_000_000;

  public enum Kind { SAME, REMOVED, ADDED, CHANGED, FOLDED }

  /** Unchanged lines kept around each change; longer unchanged runs fold into one row. */
  static final int CONTEXT = 3;

  /**
   * One row of the two columns: a side without a line has number 0 and empty text. A {@link Kind#FOLDED} row stands
   * for {@code leftNumber} unchanged lines and has no text.
   */
  public record Row(Kind kind, int leftNumber, String left, int rightNumber, String right) {
    public String kindName() {
      return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private LineDiff() {}

  static List<Row> of(String leftText, String rightText) {
    String[] a = lines(leftText);
    String[] b = lines(rightText);
    int head = 0;
    while (head < a.length && head < b.length && a[head].equals(b[head])) head++;
    int tail = 0;
    while (tail < a.length - head && tail < b.length - head
        && a[a.length - 1 - tail].equals(b[b.length - 1 - tail])) {
      tail++;
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < head; i++) rows.add(new Row(Kind.SAME, i + 1, a[i], i + 1, b[i]));
    middle(a, head, a.length - tail, b, head, b.length - tail, rows);
    for (int k = tail; k > 0; k--) {
      int i = a.length - k;
      int j = b.length - k;
      rows.add(new Row(Kind.SAME, i + 1, a[i], j + 1, b[j]));
    }
    return rows;
  }

  /** The rows with each run of unchanged lines longer than twice {@link #CONTEXT} folded, but for its edges. */
  static List<Row> folded(List<Row> rows) {
    List<Row> out = new ArrayList<>();
    int i = 0;
    while (i < rows.size()) {
      if (rows.get(i).kind() != Kind.SAME) {
        out.add(rows.get(i++));
        continue;
      }
      int end = i;
      while (end < rows.size() && rows.get(end).kind() == Kind.SAME) end++;
      int keepHead = i == 0 ? 0 : CONTEXT;
      int keepTail = end == rows.size() ? 0 : CONTEXT;
      if (end - i > keepHead + keepTail + 1) {
        out.addAll(rows.subList(i, i + keepHead));
        out.add(new Row(Kind.FOLDED, end - i - keepHead - keepTail, "", 0, ""));
        out.addAll(rows.subList(end - keepTail, end));
      } else {
        out.addAll(rows.subList(i, end));
      }
      i = end;
    }
    return out;
  }

  /** Whether any row differs. */
  static boolean changed(List<Row> rows) {
    return rows.stream().anyMatch(r -> r.kind() != Kind.SAME);
  }

  private static void middle(String[] a, int a0, int a1, String[] b, int b0, int b1, List<Row> rows) {
    int n = a1 - a0;
    int m = b1 - b0;
    List<Row> removed = new ArrayList<>();
    List<Row> added = new ArrayList<>();
    if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
      for (int i = a0; i < a1; i++) removed.add(new Row(Kind.REMOVED, i + 1, a[i], 0, ""));
      for (int j = b0; j < b1; j++) added.add(new Row(Kind.ADDED, 0, "", j + 1, b[j]));
      pair(removed, added, rows);
      return;
    }
    // lcs[i][j]: the longest common subsequence of a[a0+i..] and b[b0+j..]
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = a[a0 + i].equals(b[b0 + j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[a0 + i].equals(b[b0 + j])) {
        pair(removed, added, rows);
        rows.add(new Row(Kind.SAME, a0 + i + 1, a[a0 + i], b0 + j + 1, b[b0 + j]));
        i++;
        j++;
      } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        added.add(new Row(Kind.ADDED, 0, "", b0 + j + 1, b[b0 + j]));
        j++;
      } else {
        removed.add(new Row(Kind.REMOVED, a0 + i + 1, a[a0 + i], 0, ""));
        i++;
      }
    }
    pair(removed, added, rows);
  }

  /** A run of removed lines next to a run of added ones shows side by side, as changed lines. */
  private static void pair(List<Row> removed, List<Row> added, List<Row> rows) {
    int k = 0;
    for (; k < removed.size() && k < added.size(); k++) {
      Row r = removed.get(k);
      Row x = added.get(k);
      rows.add(new Row(Kind.CHANGED, r.leftNumber(), r.left(), x.rightNumber(), x.right()));
    }
    for (int i = k; i < removed.size(); i++) rows.add(removed.get(i));
    for (int i = k; i < added.size(); i++) rows.add(added.get(i));
    removed.clear();
    added.clear();
  }

  private static String[] lines(String text) {
    if (text == null || text.isEmpty()) return new String[0];
    return text.split("\n", -1);
  }
}
