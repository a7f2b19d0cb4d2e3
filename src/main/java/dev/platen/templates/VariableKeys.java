package dev.platen.templates;

import java.util.Set;
import java.util.regex.Pattern;

/** The syntax of variable and loop keys: identifier segments joined by dots ({@code customer.name}). */
final class VariableKeys {
  static final int MAX_LENGTH = 160;

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  // Craftkit's JavaScript validator strips these names from data; refusing them keeps a manifest meaning the same.
  private static final Set<String> RESERVED = Set.of("__proto__", "constructor", "prototype");

  private VariableKeys() {}

  static String[] segments(String key) {
    return key.split("\\.", -1);
  }

  /** @return why the key is unusable, or null when it is fine */
  static String problem(String key) {
    if (key.isEmpty()) return "String must contain at least 1 character(s)";
    if (key.length() > MAX_LENGTH) return "String must contain at most " + MAX_LENGTH + " character(s)";
    for (String segment : segments(key)) {
      if (!SEGMENT.matcher(segment).matches()) {
        return "Invalid key: use letters, digits and underscores, not starting with a digit, with dots between"
            + " segments (e.g. customer.name)";
      }
      if (RESERVED.contains(segment)) return "Invalid key: '" + segment + "' is a reserved name";
    }
    return null;
  }
}
