package dev.platen.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The allowed arrows between packages, read from the import lines of the sources. Only the composition root
 * (dev.platen.App / Platen) may see everything.
 */
class PackageRulesTest {
  static final Map<String, Set<String>> ALLOWED = Map.of(
      "api", Set.of("auth", "blob", "errors", "jobs", "store", "templates"),
      "auth", Set.of("errors", "store"),
      "blob", Set.of(),
      "config", Set.of(),
      "errors", Set.of(),
      "jobs", Set.of("blob", "render"),
      "render", Set.of("errors"),
      "store", Set.of("errors", "jobs"),
      "templates", Set.of("errors", "render"));

  static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.platen\\.([a-z]+)\\.", Pattern.MULTILINE);

  @Test
  void packagesOnlyDependOnWhatTheyMay() throws IOException {
    Path root = Path.of("src/main/java/dev/platen");
    Map<String, Set<String>> actual = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Path rel = root.relativize(f);
        if (rel.getNameCount() < 2) continue; // App and Platen: the composition root
        String pkg = rel.getName(0).toString();
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) actual.computeIfAbsent(pkg, k -> new TreeSet<>()).add(m.group(1));
        }
      }
    }
    assertThat(ALLOWED.keySet()).as("every package has a rule").containsAll(actual.keySet());
    actual.forEach((pkg, deps) -> assertThat(ALLOWED.get(pkg)).as("%s may depend on", pkg).containsAll(deps));
  }

  @Test
  void thereIsNoUtilPackage() {
    assertThat(Path.of("src/main/java/dev/platen/util")).doesNotExist();
    assertThat(Path.of("src/main/java/dev/platen/utils")).doesNotExist();
  }
}
