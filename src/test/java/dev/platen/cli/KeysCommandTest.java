package dev.platen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.EmbeddedPg;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key recovery without a key: {@code platen keys create|list|revoke} and {@code platen account-key rotate} run
 * through {@link Commands} against a running server's database, SQLite and PostgreSQL, and the server obeys them
 * within a second (issue 11: a server trusts a key it found active for 0.75 s; its own revocations hold at once).
 */
class KeysCommandTest {

  @Test
  void recoveryCommandsOnSqlite(@TempDir Path dir) {
    Map<String, String> env = Map.of("PLATEN_DATA_DIR", dir.toString());
    try (TestServer s = TestServer.start(dir)) {
      recover(s, env, s);
    }
  }

  /** On PostgreSQL two servers share the database: what the command does holds on both within a second. */
  @Tag("slow")
  @Test
  void recoveryCommandsOnPostgresWithTwoServers(@TempDir Path dir) {
    Map<String, String> env = Map.of("PLATEN_DATABASE_URL", EmbeddedPg.newDatabase(), "PLATEN_DATABASE_USER",
        "postgres", "PLATEN_RENDER_THREADS", "1");
    Map<String, String> cliEnv = new HashMap<>(env);
    // the data directory plays no part on PostgreSQL: an empty one must not matter
    cliEnv.put("PLATEN_DATA_DIR", dir.resolve("nothing-here").toString());
    try (TestServer a = TestServer.start(dir.resolve("a"), env);
        TestServer b = TestServer.start(dir.resolve("b"), env)) {
      String acct = recover(a, cliEnv, b);
      // and the account API's revocation on one server holds on the other at once
      String project = b.get("/v1/projects", acct).json().at("/projects/0/id").asString();
      Res minted = a.post("/v1/projects/" + project + "/keys", acct, Map.of("name", "shared"));
      String key = minted.json().path("key").asString();
      assertThat(b.get("/v1/templates", key).status()).isEqualTo(200);
      assertThat(a.delete("/v1/projects/" + project + "/keys/" + minted.json().path("id").asString(),
          acct).status()).isEqualTo(200);
      answersWithinASecond(b, key, 401);
      // and a deletion: the project's keys are forbidden on the other server within a second
      String other = a.post("/v1/projects", acct, Map.of("name", "Other")).json().path("id").asString();
      String otherKey = a.post("/v1/projects/" + other + "/keys", acct, Map.of()).json().path("key")
          .asString();
      assertThat(b.get("/v1/templates", otherKey).status()).isEqualTo(200);
      assertThat(a.delete("/v1/projects/" + other, acct).status()).isEqualTo(200);
      answersWithinASecond(b, otherKey, 403);
      Res forbidden = b.get("/v1/templates", otherKey);
      assertThat(forbidden.status()).isEqualTo(403);
      assertThat(forbidden.errorCode()).isEqualTo("forbidden");
    }
  }

  /** Polls {@code GET /v1/templates} with {@code key} until it answers {@code status}, failing after one second. */
  private static void answersWithinASecond(TestServer s, String key, int status) {
    long deadline = System.nanoTime() + 1_000_000_000L;
    int last;
    do {
      last = s.get("/v1/templates", key).status();
      if (last == status) return;
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    } while (System.nanoTime() < deadline);
    assertThat(last).as("answered within a second of the change").isEqualTo(status);
  }

  /**
   * Runs every command with {@code env}, checking each effect on {@code other} (the same database).
   *
   * @return the account key after the rotation
   */
  private static String recover(TestServer s, Map<String, String> env, TestServer other) {
    CommandRun list = CommandRun.run(env, "keys", "list");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.outText()).contains("default-project").contains("Bootstrap key")
        .contains(s.liveKey.substring(0, 16)).contains("1 key").doesNotContain(s.liveKey);

    CommandRun created = CommandRun.run(env, "keys", "create", "--project", "default-project");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    String key = lastLine(created);
    assertThat(key).startsWith("ck_live_");
    assertThat(created.outText()).contains("Recovery key").contains("shown only this once");
    assertThat(other.get("/v1/templates", key).status()).isEqualTo(200);

    String projectId = other.get("/v1/projects", s.accountKey).json().at("/projects/0/id").asString();
    CommandRun test = CommandRun.run(env, "keys", "create", "--project", projectId, "--test", "--name", "CI");
    assertThat(test.exitCode()).as(test.toString()).isZero();
    String testKey = lastLine(test);
    assertThat(testKey).startsWith("ck_test_");
    assertThat(other.get("/v1/templates", testKey).status()).isEqualTo(200);

    // the keys the commands made are the account API's too
    List<String> names = other.get("/v1/projects/" + projectId + "/keys", s.accountKey).json().path("keys")
        .valueStream().map(k -> k.path("name").asString() + "/" + k.path("mode").asString()).toList();
    assertThat(names).containsExactly("Bootstrap key/live", "Recovery key/live", "CI/test");

    CommandRun listed = CommandRun.run(env, "keys", "list", "--project", "default-project");
    assertThat(listed.outText()).contains("3 keys").contains("CI").contains("test");
    String keyId = listed.outText().lines().filter(l -> l.contains("Recovery key")).findFirst().orElseThrow()
        .split("\\s+")[0];

    CommandRun revoked = CommandRun.run(env, "keys", "revoke", keyId);
    assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
    answersWithinASecond(other, key, 401);
    assertThat(other.get("/v1/templates", testKey).status()).isEqualTo(200);
    CommandRun again = CommandRun.run(env, "keys", "revoke", keyId);
    assertThat(again.exitCode()).isEqualTo(CommandException.FAILED);
    assertThat(again.err()).contains("already revoked");
    assertThat(CommandRun.run(env, "keys", "revoke", "0193c2c3-1111-7aaa-8bbb-000000000001").exitCode())
        .isEqualTo(CommandException.FAILED);

    CommandRun unknown = CommandRun.run(env, "keys", "create", "--project", "no-such-project");
    assertThat(unknown.exitCode()).isEqualTo(CommandException.FAILED);
    assertThat(unknown.err()).contains("no project with id or slug 'no-such-project'");
    assertThat(CommandRun.run(env, "keys", "create").exitCode()).isEqualTo(CommandException.USAGE);
    assertThat(CommandRun.run(env, "keys").exitCode()).isEqualTo(CommandException.USAGE);
    assertThat(CommandRun.run(env, "keys", "rename").exitCode()).isEqualTo(CommandException.USAGE);
    assertThat(CommandRun.run(env, "keys", "revoke").exitCode()).isEqualTo(CommandException.USAGE);
    assertThat(CommandRun.run(env, "account-key").exitCode()).isEqualTo(CommandException.USAGE);

    // a deleted project gets no new key
    String doomed = other.post("/v1/projects", s.accountKey, Map.of("name", "Doomed")).json().path("id").asString();
    assertThat(other.delete("/v1/projects/" + doomed, s.accountKey).status()).isEqualTo(200);
    CommandRun deleted = CommandRun.run(env, "keys", "create", "--project", "doomed");
    assertThat(deleted.exitCode()).isEqualTo(CommandException.FAILED);
    assertThat(deleted.err()).contains("is deleted");

    CommandRun rotated = CommandRun.run(env, "account-key", "rotate");
    assertThat(rotated.exitCode()).as(rotated.toString()).isZero();
    String account = lastLine(rotated);
    assertThat(account).startsWith("ck_acct_");
    assertThat(rotated.outText()).contains("Revoked 1 account key.");
    assertThat(other.get("/v1/projects", account).status()).isEqualTo(200);
    assertThat(other.get("/v1/projects", s.accountKey).status()).as("the old account key").isEqualTo(401);
    return account;
  }

  @Test
  void withoutAnInstallationNothingIsCreated(@TempDir Path dir) {
    CommandRun r = CommandRun.run(Map.of("PLATEN_DATA_DIR", dir.toString()), "keys", "list");
    assertThat(r.exitCode()).isEqualTo(CommandException.FAILED);
    assertThat(r.err()).contains("no installation in " + dir);
    assertThat(dir.resolve(Embedded.DB)).doesNotExist();
  }

  @Test
  void helpDescribesTheCommands() {
    CommandRun all = CommandRun.run(Map.of(), "--help");
    assertThat(all.outText()).contains("keys").contains("account-key");
    assertThat(CommandRun.run(Map.of(), "keys", "--help").outText())
        .contains("platen keys create --project ID|SLUG [--test]").contains("platen keys revoke KEY_ID");
    assertThat(CommandRun.run(Map.of(), "account-key", "--help").outText()).contains("platen account-key rotate");
  }

  private static String lastLine(CommandRun r) {
    List<String> lines = r.outText().lines().toList();
    return lines.get(lines.size() - 1).strip();
  }
}
