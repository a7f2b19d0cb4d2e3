package dev.platen.templates;

import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import java.util.ArrayList;
import java.util.List;

/**
 * Problems found while reading a template body. Kept apart from a bare {@link Issues} because a dotted loop key
 * changes the error code of the whole answer to {@code invalid_loop_key}, as Craftkit does.
 */
final class Problems {
  private final Issues issues = new Issues();
  private final List<String> dottedLoopKeys = new ArrayList<>();

  void add(String path, String message) {
    issues.add(path, message);
  }

  void dottedLoopKey(String path, String key) {
    issues.add(path, "Loop keys must not contain dots: a loop binds to one top-level key of data");
    dottedLoopKeys.add(key);
  }

  /** The other problems travel along with an {@code invalid_loop_key} so a client can fix everything at once. */
  void throwIfAny() {
    if (!dottedLoopKeys.isEmpty()) {
      throw new PlatenException(400, "invalid_loop_key",
          "Loop keys must not contain dots: " + String.join(", ", dottedLoopKeys), issues);
    }
    issues.throwIfAnyAsInvalidRequest();
  }
}
