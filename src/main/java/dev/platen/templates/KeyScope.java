package dev.platen.templates;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The keys of one data object (the manifest's variables, or one loop's item fields). Keys nest per dot segment,
 * so a path may hold a value or group other keys, never both: {@code customer} and {@code customer.name} clash.
 */
final class KeyScope {
  private final Set<String> keys = new HashSet<>();
  private final Map<String, String> groups = new HashMap<>();

  /** Claims a syntactically valid key. @return why it clashes with an earlier key, or null once claimed */
  String claim(String key) {
    if (keys.contains(key)) return "Duplicate key: " + key;
    String nested = groups.get(key);
    if (nested != null) return clash(key, nested);
    for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
      String group = key.substring(0, dot);
      if (keys.contains(group)) return clash(group, key);
    }
    keys.add(key);
    for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
      groups.putIfAbsent(key.substring(0, dot), key);
    }
    return null;
  }

  private static String clash(String value, String nested) {
    return "Key conflict: '" + value + "' cannot hold a value and also contain '" + nested + "'";
  }
}
