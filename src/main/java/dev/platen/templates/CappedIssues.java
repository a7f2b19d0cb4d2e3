package dev.platen.templates;

import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;

/**
 * Data issues up to a cap. A 10,000-item loop with one bad column would otherwise answer with a megabyte of
 * errors; past the cap validation stops at once, since the answer is already decided.
 */
final class CappedIssues {
  private final Issues issues = new Issues();
  private final int cap;
  private int count;

  CappedIssues(int cap) {
    this.cap = cap;
  }

  /** @throws PlatenException {@code invalid_input_data} when this issue is one past the cap */
  void add(String path, String message) {
    if (count == cap) {
      issues.addForm("Too many errors: only the first " + cap + " are reported");
      throw PlatenException.invalidInputData(issues);
    }
    count++;
    issues.add(path, message);
  }

  void addForm(String message) {
    count++;
    issues.addForm(message);
  }

  void throwIfAny() {
    if (!issues.isEmpty()) throw PlatenException.invalidInputData(issues);
  }
}
