package dev.platen.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A command's arguments: {@code --name value} options, {@code --flag}s and positional arguments, nothing more. */
final class Args {
  private final Map<String, String> values = new HashMap<>();
  private final Set<String> flags = new HashSet<>();
  private final List<String> positional = new ArrayList<>();

  private Args() {}

  /**
   * @param valued options that take a value ({@code --out}), without the dashes
   * @param flagNames options that take none ({@code --watermark})
   */
  static Args parse(List<String> args, Set<String> valued, Set<String> flagNames) {
    Args a = new Args();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("--") && arg.length() > 2) {
        String name = arg.substring(2);
        String inline = null;
        int eq = name.indexOf('=');
        if (eq > 0) {
          inline = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (valued.contains(name)) {
          String v = inline;
          if (v == null) {
            if (i + 1 >= args.size()) throw CommandException.usage("--" + name + " needs a value");
            v = args.get(++i);
          }
          if (a.values.put(name, v) != null) throw CommandException.usage("--" + name + " is given twice");
        } else if (flagNames.contains(name) && inline == null) {
          a.flags.add(name);
        } else {
          throw CommandException.usage("unknown option " + arg);
        }
      } else {
        // "-" is a value (standard input or output), not an option
        if (arg.startsWith("-") && !arg.equals("-")) throw CommandException.usage("unknown option " + arg);
        a.positional.add(arg);
      }
    }
    return a;
  }

  String value(String name) { return values.get(name); }

  String required(String name) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) throw CommandException.usage("--" + name + " is required");
    return v;
  }

  boolean flag(String name) { return flags.contains(name); }

  List<String> positional() { return positional; }

  /** The one positional argument the command takes, named in the message when it is missing. */
  String onePositional(String what) {
    if (positional.size() != 1) {
      throw CommandException.usage(positional.isEmpty() ? what + " is required" : "expected one " + what
          + ", got " + positional.size() + " arguments");
    }
    return positional.get(0);
  }
}
