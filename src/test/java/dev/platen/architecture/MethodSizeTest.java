package dev.platen.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No method of Platen's own is too big for the JIT: HotSpot never compiles a method of more than 8,000 bytes of
 * bytecode (HugeMethodLimit), so it runs interpreted for the life of the process. HtmlStyle's declaration switch
 * had grown to 9,802 bytes and cost a seventh of an HTML invoice's render that way, unnoticed.
 */
class MethodSizeTest {
  /** HotSpot's HugeMethodLimit. */
  static final int JIT_LIMIT = 8_000;

  private static final Pattern CLASS = Pattern.compile("^\\S.*?\\b(?:class|interface) ([\\w.$]+)");
  private static final Pattern METHOD = Pattern.compile("^  \\S.*\\(.*\\).*;$");
  private static final Pattern INSTRUCTION = Pattern.compile("^\\s+(\\d+): [a-z]");

  @Test
  void everyMethodIsSmallEnoughToBeCompiled() throws IOException {
    Path classes = Path.of("target/classes");
    List<String> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(classes.resolve("dev/platen"))) {
      walk.filter(p -> p.toString().endsWith(".class")).forEach(p -> files.add(p.toString()));
    }
    assertThat(files).hasSizeGreaterThan(100);
    ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
    List<String> args = new ArrayList<>(List.of("-c", "-p"));
    args.addAll(files);
    StringWriter out = new StringWriter();
    int exit = javap.run(new PrintWriter(out), new PrintWriter(new StringWriter()), args.toArray(String[]::new));
    assertThat(exit).isZero();

    TreeMap<String, Integer> sizes = new TreeMap<>();
    String type = "";
    String method = null;
    for (String line : out.toString().split("\n")) {
      Matcher c = CLASS.matcher(line);
      if (c.find()) type = c.group(1);
      if (METHOD.matcher(line).matches()) method = type + ": " + line.trim();
      Matcher m = INSTRUCTION.matcher(line);
      if (method != null && m.find()) sizes.merge(method, Integer.parseInt(m.group(1)), Math::max);
    }
    assertThat(sizes).as("methods read back from javap").hasSizeGreaterThan(1_000);
    // the largest instruction's offset is below the code's length, which must stay within the limit
    assertThat(sizes.entrySet().stream().filter(e -> e.getValue() >= JIT_LIMIT - 3).map(Object::toString))
        .as("methods too big for the JIT to compile (bytecode offsets)").isEmpty();
  }
}
