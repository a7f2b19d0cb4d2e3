package dev.platen;

import dev.platen.config.Config;
import dev.platen.config.ConfigException;

/** Entry point of {@code java -jar platen.jar}: configuration errors end start-up with one line. */
public final class App {
  private App() {}

  public static void main(String[] args) {
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
