package dev.platen.cli;

/** Ends a command with one line for the operator and an exit status. */
final class CommandException extends RuntimeException {
  /** The inputs or the installation are not what the command needs, or its work failed. */
  static final int FAILED = 1;
  /** The command line itself is wrong: an unknown option, a missing argument, a file that cannot be read. */
  static final int USAGE = 2;

  private final int exitCode;

  CommandException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  static CommandException usage(String message) { return new CommandException(USAGE, message); }

  static CommandException failed(String message) { return new CommandException(FAILED, message); }

  int exitCode() { return exitCode; }
}
