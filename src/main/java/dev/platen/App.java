package dev.platen;

import dev.platen.cli.Commands;
import dev.platen.config.Config;
import dev.platen.config.ConfigException;
import dev.platen.warmup.ContentionCells;
import java.io.PrintStream;

/**
 * Entry point of {@code java -jar platen.jar [command]}: no command (or {@code serve}) runs the service, any other
 * is an operator command ({@link Commands}). Configuration errors end start-up with one line.
 */
public final class App {
  private App() {}

  /** The adapters operator commands share with the server. */
  public static Commands.Wiring wiring() {
    return new Commands.Wiring(Platen::engine, Platen::blobStore);
  }

  public static void main(String[] args) {
    ContentionCells.initialize();
    if (!Commands.isServe(args)) {
      PrintStream stdout = System.out;
      // Log lines go to standard error, so `platen render --out -` writes nothing but the PDF to standard output.
      System.setOut(System.err);
      System.exit(Commands.run(args, System.getenv(), wiring(), System.in, stdout, System.err));
    }
    Config config;
    try {
      config = Config.fromEnvironment();
    } catch (ConfigException e) {
      System.err.println("platen: " + e.getMessage());
      System.exit(2);
      return;
    }
    Platen platen;
    try {
      platen = Platen.start(config, System.out);
    } catch (ConfigException e) {
      System.err.println("platen: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(platen::close, "platen-shutdown"));
    int status;
    try {
      status = platen.awaitStop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (status != 0) {
      System.err.println("platen: " + platen.restartReason() + "; exiting with status " + status
          + " so that it is started again");
      platen.close();
      System.exit(status);
    }
  }
}
