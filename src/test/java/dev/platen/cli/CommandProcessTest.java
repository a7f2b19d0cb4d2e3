package dev.platen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands as an operator runs them, {@code java -jar platen.jar <command>}: exit statuses are the process's,
 * and standard output holds nothing but what the command writes there (log lines go to standard error).
 */
@Tag("slow")
class CommandProcessTest {
  @TempDir Path dir;

  record Result(int exit, byte[] out, String err) {}

  Result jar(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-jar", ServerProcess.JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PLATEN_DATA_DIR", dir.resolve("data").toString());
    Path out = dir.resolve("out-" + System.nanoTime());
    Path err = dir.resolve("err-" + System.nanoTime());
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    int exit = p.waitFor();
    return new Result(exit, Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void renderToStandardOutputWritesOnlyThePdf() throws Exception {
    Result r = jar("render", "--template", "examples/invoice.json", "--data", "examples/invoice.data.json",
        "--out", "-", "--date", "2026-03-01T10:00:00.000Z");
    assertThat(r.exit()).as(r.err()).isZero();
    CommandRun inProcess = CommandRun.run(Map.of(), "render", "--template", "examples/invoice.json", "--data",
        "examples/invoice.data.json", "--out", "-", "--date", "2026-03-01T10:00:00.000Z");
    assertThat(r.out()).isEqualTo(inProcess.out());
    assertThat(new String(r.out(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    assertThat(r.err()).endsWith("platen render: wrote standard output (" + r.out().length + " bytes)\n");
  }

  @Test
  void exitStatusesAndOneLine() throws Exception {
    Path data = dir.resolve("bad.json");
    Files.writeString(data, "{}");
    Result bad = jar("render", "--template", "examples/invoice.json", "--data", data.toString(), "--out", "-");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.err().lines()).singleElement().asString()
        .startsWith("platen render: " + data + " does not match the template: invoice.number: Required");

    Result usage = jar("backup");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.err()).isEqualTo("platen backup: backup directory is required\n");

    Result help = jar("--help");
    assertThat(help.exit()).isZero();
    assertThat(new String(help.out(), StandardCharsets.UTF_8)).startsWith("Usage: platen <command> [options]");
    Result serveHelp = jar("serve", "--help");
    assertThat(serveHelp.exit()).isZero();
    assertThat(new String(serveHelp.out(), StandardCharsets.UTF_8)).startsWith("Usage: platen serve");
    assertThat(dir.resolve("data")).doesNotExist();
  }
}
