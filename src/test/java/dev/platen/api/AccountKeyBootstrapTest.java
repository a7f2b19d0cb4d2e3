package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.Platen;
import dev.platen.config.Config;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account key printed once by {@code serve} on an empty database, or taken from PLATEN_BOOTSTRAP_ACCOUNT_KEY;
 * and an installation from before account keys, which gets one (and its projects their slugs) on its next start.
 */
class AccountKeyBootstrapTest {
  private static final Pattern ACCOUNT = Pattern.compile("ck_acct_[A-Za-z0-9_-]{32}");

  private record Started(Platen platen, String console, String baseUrl) {}

  private static Started start(Path dir, Map<String, String> extra) {
    int port = TestServer.freePort();
    Map<String, String> env = new HashMap<>(Map.of("PLATEN_PORT", String.valueOf(port),
        "PLATEN_DATA_DIR", dir.toString(), "PLATEN_RENDER_THREADS", "1", "PLATEN_WARMUP", "off"));
    env.putAll(extra);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Platen p = Platen.start(Config.from(env), new PrintStream(out, true, StandardCharsets.UTF_8));
    return new Started(p, out.toString(StandardCharsets.UTF_8), "http://localhost:" + port);
  }

  private static Res get(Started s, String path, String key) {
    return TestServer.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.baseUrl() + path))
        .header("Authorization", "Bearer " + key).build());
  }

  @Test
  void anEmptyDatabasePrintsTheAccountKeyOnceBesideTheProjectKeys(@TempDir Path dir) {
    String account;
    Started first = start(dir, Map.of());
    try (Platen p = first.platen()) {
      assertThat(first.console()).contains("live key:").contains("test key:").contains("account key:");
      Matcher m = ACCOUNT.matcher(first.console());
      assertThat(m.find()).as(first.console()).isTrue();
      account = m.group();
      Res projects = get(first, "/v1/projects", account);
      assertThat(projects.status()).as(projects.text()).isEqualTo(200);
      assertThat(projects.json().at("/projects/0/slug").asString()).isEqualTo("default-project");
    }
    Started again = start(dir, Map.of());
    try (Platen p = again.platen()) {
      assertThat(again.console()).doesNotContain("ck_acct_").doesNotContain("ck_live_")
          .contains("already has a project");
      assertThat(get(again, "/v1/projects", account).status()).isEqualTo(200);
    }
  }

  @Test
  void theBootstrapVariableIsTheAccountKeyAndIsNotPrinted(@TempDir Path dir) {
    String account = "ck_acct_fromTheEnvironment000001";
    Started s = start(dir, Map.of("PLATEN_BOOTSTRAP_ACCOUNT_KEY", account,
        "PLATEN_BOOTSTRAP_KEY", "ck_live_fromTheEnvironment000001"));
    try (Platen p = s.platen()) {
      assertThat(s.console()).contains("PLATEN_BOOTSTRAP_ACCOUNT_KEY").doesNotContain(account);
      assertThat(get(s, "/v1/projects", account).status()).isEqualTo(200);
      assertThat(get(s, "/v1/projects", "ck_acct_somethingElse0000000000").status()).isEqualTo(401);
    }
  }

  /** A database migrated from before V7: projects without slugs, no account key. */
  @Test
  void anOlderInstallationGetsItsAccountKeyAndSlugsOnItsNextStart(@TempDir Path dir) {
    Started first = start(dir, Map.of());
    try (Platen p = first.platen()) {
      p.database().jdbi().useHandle(h -> {
        h.execute("INSERT INTO projects (id, name, created_at) VALUES ('0193c2c3-0000-7aaa-8bbb-000000000009', "
            + "'Default project', 1)");
        h.execute("UPDATE projects SET slug = NULL");
        h.execute("DELETE FROM account_keys");
      });
    }
    Started upgraded = start(dir, Map.of());
    try (Platen p = upgraded.platen()) {
      assertThat(upgraded.console()).contains("created the account key").doesNotContain("ck_live_");
      Matcher m = ACCOUNT.matcher(upgraded.console());
      assertThat(m.find()).as(upgraded.console()).isTrue();
      Res projects = get(upgraded, "/v1/projects", m.group());
      assertThat(projects.status()).isEqualTo(200);
      // oldest first: the inserted one (created_at 1) keeps the plain slug, the other gets the suffix
      assertThat(projects.json().path("projects").valueStream().map(n -> n.path("slug").asString()))
          .containsExactly("default-project", "default-project-2");
    }
  }
}
