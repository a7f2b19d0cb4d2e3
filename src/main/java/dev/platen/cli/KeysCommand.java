package dev.platen.cli;

import dev.platen.api.Json;
import dev.platen.auth.AccountKeys;
import dev.platen.auth.ApiKeys;
import dev.platen.config.Config;
import dev.platen.store.Database;
import dev.platen.store.ProjectStore;
import dev.platen.store.ProjectStore.KeyRow;
import dev.platen.store.ProjectStore.ProjectRow;
import dev.platen.templates.Slugs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Key recovery without any key: {@code platen keys create|list|revoke} and {@code platen account-key rotate}, run
 * on the server's machine against its database (SQLite in PLATEN_DATA_DIR, or PLATEN_DATABASE_URL), beside a
 * running server or not. Keys are looked up on every request, so what these do holds from the server's next
 * request on.
 */
final class KeysCommand {
  private KeysCommand() {}

  static final String KEYS_HELP = """
      Usage: platen keys create --project ID|SLUG [--test] [--name NAME]
             platen keys list [--project ID|SLUG]
             platen keys revoke KEY_ID

      Manages project API keys straight in the server's database, for when no key is at hand (the
      account key opens the same over HTTP: /v1/projects/:id/keys). The database is the one the server
      uses: PLATEN_DATABASE_URL (with PLATEN_DATABASE_USER and PLATEN_DATABASE_PASSWORD) when set, else
      platen.db in PLATEN_DATA_DIR. The server may keep running: keys are checked on every request.

        create   mints a key for a live project (ck_live_…, or ck_test_… with --test, whose renders carry a
                 TEST watermark) and prints it once, on the last line; the default name is "Recovery key"
        list     every key (or one project's): id, project slug, name, prefix, mode, created, last used,
                 revoked; never a secret
        revoke   revokes a key by its id (from list); a running server refuses it within a second
      """;

  static final String ACCOUNT_HELP = """
      Usage: platen account-key rotate

      Revokes the installation's account key (ck_acct_…, which manages projects and keys over
      /v1/projects) and prints a new one, once, on the last line. Use it when the account key is lost or
      leaked. The database is the server's, as for platen keys; the server may keep running.
      """;

  static final String RECOVERY_KEY_NAME = "Recovery key";

  static void keys(List<String> argv, Commands.Wiring wiring, Commands.Io io) {
    if (argv.isEmpty()) throw CommandException.usage("expected create, list or revoke; platen keys --help");
    String sub = argv.get(0);
    List<String> rest = argv.subList(1, argv.size());
    switch (sub) {
      case "create" -> create(Args.parse(rest, Set.of("project", "name"), Set.of("test")), io);
      case "list" -> list(Args.parse(rest, Set.of("project"), Set.of()), io);
      case "revoke" -> revoke(Args.parse(rest, Set.of(), Set.of()), io);
      default -> throw CommandException.usage("unknown keys command '" + sub + "': expected create, list or revoke");
    }
  }

  static void accountKey(List<String> argv, Commands.Wiring wiring, Commands.Io io) {
    if (argv.size() != 1 || !argv.get(0).equals("rotate")) {
      throw CommandException.usage("expected: platen account-key rotate");
    }
    String key = AccountKeys.generate();
    int revoked;
    try (Database db = open(io.config())) {
      revoked = new ProjectStore(db).rotateAccountKey(ApiKeys.hash(key), ApiKeys.prefix(key));
    }
    io.out().println("Revoked " + revoked + " account key" + (revoked == 1 ? "" : "s")
        + ". The new account key is shown only this once; store it now:");
    io.out().println(key);
  }

  private static void create(Args args, Commands.Io io) {
    if (!args.positional().isEmpty()) throw CommandException.usage("unexpected argument " + args.positional().get(0));
    String ref = args.required("project");
    String name = args.value("name") == null ? RECOVERY_KEY_NAME : args.value("name").strip();
    if (name.isEmpty() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
      throw CommandException.usage("--name must be one line of 1 to 200 characters");
    }
    boolean test = args.flag("test");
    String key = ApiKeys.generate(test);
    try (Database db = open(io.config())) {
      ProjectStore projects = new ProjectStore(db);
      ProjectRow p = project(projects, ref);
      KeyRow k = projects.createKey(p.id(), ApiKeys.hash(key), ApiKeys.prefix(key), test, name)
          .orElseThrow(() -> CommandException.failed("project " + ref + " was deleted meanwhile"));
      io.out().println("Created " + (test ? "test" : "live") + " key '" + k.name() + "' (id " + k.id()
          + ") for project " + p.slug() + " (" + p.id() + "). It is shown only this once; store it now:");
      io.out().println(key);
    }
  }

  private static void list(Args args, Commands.Io io) {
    if (!args.positional().isEmpty()) throw CommandException.usage("unexpected argument " + args.positional().get(0));
    try (Database db = open(io.config())) {
      ProjectStore projects = new ProjectStore(db);
      String only = args.value("project") == null ? null : project(projects, args.value("project")).id();
      Map<String, String> slugs = new HashMap<>();
      List<KeyRow> keys = projects.keys(only);
      String format = "%-36s  %-24s  %-24s  %-16s  %-4s  %-24s  %-24s  %s%n";
      io.out().printf(format, "ID", "PROJECT", "NAME", "PREFIX", "MODE", "CREATED", "LAST USED", "REVOKED");
      for (KeyRow k : keys) {
        String slug = slugs.computeIfAbsent(k.projectId(), id -> projects.findAny(id)
            .map(p -> p.slug() + (p.deletedAt() != null ? " (deleted)" : "")).orElse(id));
        io.out().printf(format, k.id(), slug, k.name(), k.prefix(), k.test() ? "test" : "live",
            Json.time(k.createdAt()), orDash(k.lastUsedAt()), orDash(k.revokedAt()));
      }
      io.out().println(keys.size() + " key" + (keys.size() == 1 ? "" : "s"));
    }
  }

  private static void revoke(Args args, Commands.Io io) {
    String keyId = args.onePositional("the key's id (platen keys list shows it)");
    try (Database db = open(io.config())) {
      ProjectStore projects = new ProjectStore(db);
      KeyRow existing = projects.key(keyId).orElseThrow(() -> CommandException.failed("no key with id " + keyId
          + " (platen keys list shows them)"));
      if (existing.revokedAt() != null) {
        throw CommandException.failed("key " + keyId + " was already revoked at " + Json.time(existing.revokedAt()));
      }
      KeyRow k = projects.revoke(null, keyId).orElseThrow(() -> CommandException.failed("key " + keyId
          + " was revoked meanwhile"));
      io.out().println("Revoked key '" + k.name() + "' (" + k.prefix() + "…, id " + k.id() + ") at "
          + Json.time(k.revokedAt()) + ".");
    }
  }

  private static ProjectRow project(ProjectStore projects, String ref) {
    ProjectRow p = projects.findAny(ref).orElseThrow(() -> CommandException.failed("no project with id or slug '"
        + ref + "'"));
    if (p.deletedAt() != null) throw CommandException.failed("project " + p.slug() + " is deleted");
    return p;
  }

  private static String orDash(Long at) {
    return at == null ? "-" : Json.time(at);
  }

  /**
   * The server's database, brought to this version's schema as the server would at start. A missing SQLite file is
   * refused rather than created: an empty database has no keys to recover.
   */
  static Database open(Config config) {
    Database db;
    if (config.usesPostgres()) {
      try {
        db = Database.postgres(config.databaseUrl(), config.databaseUser(), config.databasePassword(), 2);
      } catch (RuntimeException e) {
        throw CommandException.failed("PostgreSQL cannot be used: " + rootMessage(e));
      }
    } else {
      Path file = config.dataDir().resolve(Embedded.DB);
      if (!Files.isRegularFile(file)) {
        throw CommandException.failed("no installation in " + config.dataDir() + " (no " + Embedded.DB
            + "): set PLATEN_DATA_DIR, or PLATEN_DATABASE_URL for PostgreSQL");
      }
      db = Database.sqlite(file);
    }
    // an installation from before project slugs gets them here too, so --project SLUG finds it
    new ProjectStore(db).assignMissingSlugs(name -> Slugs.derive(name, "project"));
    return db;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
