package dev.platen.cli;

import dev.platen.blob.BlobStore;
import dev.platen.config.Config;
import dev.platen.config.ConfigException;
import dev.platen.render.PdfEngine;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The operator commands of {@code java -jar platen.jar <command>} (and {@code ./platen <command>}): each prints one
 * line on failure and ends with an exit status, 0 done, 1 failed, 2 wrong command line. {@code serve} itself stays
 * in the composition root; this class only describes it.
 */
public final class Commands {
  private Commands() {}

  /**
   * What the commands take from the composition root, so they build the very adapters the server builds.
   *
   * @param engine the workers' engine for a configuration
   * @param blobStore the configured blob store (its bucket checked), or a {@link ConfigException}
   */
  public record Wiring(Function<Config, PdfEngine> engine, Function<Config, BlobStore> blobStore) {}

  /** Where a command reads and writes; tests pass their own. */
  record Io(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    Config config() { return Config.from(env); }
  }

  @FunctionalInterface
  private interface Command {
    void run(List<String> args, Wiring wiring, Io io);
  }

  private record Entry(String name, String summary, String help, Command command) {}

  static final String SERVE_HELP = """
      Usage: platen serve        (also: platen with no command)

      Runs Platen: the HTTP API and the render workers in one process, or only one of them with
      PLATEN_ROLE=api or PLATEN_ROLE=worker. Every setting is a PLATEN_* environment variable (README,
      "Configuration"). On an empty database it creates a default project and prints its API keys and the
      account key (ck_acct_, for /v1/projects) once.
      SIGTERM stops it gracefully: unfinished renders go back to the queue.
      """;

  private static final List<Entry> COMMANDS = List.of(
      new Entry("serve", "run the service (the default): HTTP API and render workers", SERVE_HELP, null),
      new Entry("render", "render a template with data to a PDF, offline: no server, no database",
          RenderCommand.HELP, RenderCommand::run),
      new Entry("backup", "copy an embedded installation (SQLite and PDF files) while it runs",
          BackupCommand.BACKUP_HELP, BackupCommand::backup),
      new Entry("restore", "restore a backup into an empty PLATEN_DATA_DIR", BackupCommand.RESTORE_HELP,
          BackupCommand::restore),
      new Entry("migrate", "copy an embedded installation into PostgreSQL and its PDFs into the blob store",
          MigrateCommand.HELP, MigrateCommand::run),
      new Entry("keys", "create, list or revoke project API keys in the server's database (no key needed)",
          KeysCommand.KEYS_HELP, KeysCommand::keys),
      new Entry("account-key", "rotate the account key (ck_acct_) in the server's database",
          KeysCommand.ACCOUNT_HELP, KeysCommand::accountKey));

  static String help() {
    StringBuilder b = new StringBuilder("Usage: platen <command> [options]\n\nCommands:\n");
    for (Entry e : COMMANDS) b.append(String.format("  %-11s %s%n", e.name(), e.summary()));
    b.append("""

        platen <command> --help describes one command. Settings come from PLATEN_* environment variables
        (README, "Configuration").
        Exit status: 0 done; 1 the inputs or the installation are not what the command needs, or it failed (one
        line says why); 2 the command line is wrong.
        """);
    return b.toString();
  }

  /** True when the arguments ask for the server itself, which the composition root runs. */
  public static boolean isServe(String[] args) {
    return args.length == 0 || (args.length == 1 && args[0].equals("serve"));
  }

  /** Runs one command; the exit status is returned, never {@code System.exit}ed, so tests can call it. */
  public static int run(String[] args, Map<String, String> env, Wiring wiring, InputStream in, PrintStream out,
      PrintStream err) {
    Io io = new Io(env, in, out, err);
    List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    String name = args.length == 0 ? "serve" : args[0];
    if (name.equals("--help") || name.equals("-h") || (name.equals("help") && rest.isEmpty())) {
      out.print(help());
      return 0;
    }
    if (name.equals("help")) {
      name = rest.get(0);
      rest = List.of("--help");
    }
    String command = name;
    Entry entry = COMMANDS.stream().filter(e -> e.name().equals(command)).findFirst().orElse(null);
    if (entry == null) {
      err.println("platen: unknown command '" + name + "'; platen --help lists the commands");
      return CommandException.USAGE;
    }
    if (rest.contains("--help") || rest.contains("-h")) {
      out.print(entry.help());
      return 0;
    }
    try {
      if (entry.command() == null) {
        throw CommandException.usage("serve takes no arguments: every setting is a PLATEN_* environment variable");
      }
      entry.command().run(rest, wiring, io);
      return 0;
    } catch (CommandException e) {
      err.println("platen " + name + ": " + e.getMessage());
      return e.exitCode();
    } catch (ConfigException e) {
      err.println("platen " + name + ": " + e.getMessage());
      return CommandException.USAGE;
    } catch (RuntimeException e) {
      // Not something the operator did: one line first, then the stack trace for a bug report.
      err.println("platen " + name + ": failed: " + e);
      e.printStackTrace(err);
      return CommandException.FAILED;
    }
  }
}
