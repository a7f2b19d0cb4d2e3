package dev.platen.cli;

import dev.platen.App;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One in-process run of an operator command, with what it wrote. */
record CommandRun(int exitCode, byte[] out, String err) {
  static CommandRun run(Map<String, String> env, byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Commands.run(args, env, App.wiring(), new ByteArrayInputStream(stdin == null ? new byte[0] : stdin),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CommandRun(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  static CommandRun run(Map<String, String> env, String... args) {
    return run(env, null, args);
  }

  String outText() { return new String(out, StandardCharsets.UTF_8); }

  @Override
  public String toString() {
    return "exit " + exitCode + ", stderr: " + err + ", stdout: " + (out.length > 2000 ? out.length + " bytes" : outText());
  }
}
