package dev.platen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.blob.FileBlobStore;
import dev.platen.store.Ids;
import dev.platen.testing.EmbeddedPg;
import dev.platen.testing.S3Proxy;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code platen migrate} from a real SQLite installation into real PostgreSQL, then a server on PostgreSQL serving
 * every PDF at its old download URL.
 */
@Tag("slow")
class MigrateCommandTest {
  @TempDir Path dir;

  static final String PUBLIC_URL = "http://pdfs.example.com";
  static final Map<String, Object> TEMPLATE = Map.of("name", "Receipt", "manifest", Map.of(
      "variables", List.of(Map.of("key", "n", "label", "Number", "dataType", "number")), "loops", List.of()));

  /** One real render made by a server on SQLite: its id, the PDF and the path of its download URL. */
  record Made(String id, byte[] pdf, String downloadPath) {}

  private static List<Made> installation(Path dataDir, int renders) {
    List<Made> made = new ArrayList<>();
    try (TestServer s = TestServer.start(dataDir, Map.of("PLATEN_PUBLIC_URL", PUBLIC_URL))) {
      assertThat(s.put("/v1/templates/receipt", s.liveKey, TEMPLATE).status()).isEqualTo(201);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < renders; i++) {
        Res r = s.post("/v1/templates/receipt/render", s.liveKey, Map.of("data", Map.of("n", i)));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        ids.add(r.json().path("id").asString());
      }
      for (String id : ids) {
        JsonNode done = s.awaitTerminal(id, s.liveKey, Duration.ofSeconds(60));
        String path = done.path("downloadUrl").asString().substring(PUBLIC_URL.length());
        Res pdf = s.get(path, null);
        assertThat(pdf.status()).isEqualTo(200);
        made.add(new Made(id, pdf.body(), path));
      }
    }
    return made;
  }

  /**
   * 3,000 renders written straight into the SQLite file as the server leaves them: succeeded with their PDF
   * (each a distinct file), failed, and still queued; with attempts and outbox rows.
   */
  private static List<Made> insertRenders(Path dataDir, Made real, int count) throws Exception {
    List<Made> made = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("platen.db"))) {
      c.setAutoCommit(false);
      String project;
      String template;
      String version;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT project_id, template_id, template_version_id FROM renders WHERE id = ?")) {
        ps.setString(1, real.id());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          project = rs.getString(1);
          template = rs.getString(2);
          version = rs.getString(3);
        }
      }
      try (PreparedStatement render = c.prepareStatement("INSERT INTO renders (id, project_id, template_id, "
              + "template_version_id, status, data, filename, watermark, idempotency_key, download_token, blob_key, "
              + "error_message, attempts, run_at, lease_token, created_at, started_at, completed_at, duration_ms) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement attempt = c.prepareStatement("INSERT INTO render_attempts (render_id, attempt, worker, "
              + "started_at, ended_at, outcome) VALUES (?, 1, 'worker-old', ?, ?, ?)");
          PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox (id, topic, project_id, render_id, "
              + "payload, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        long t = 1_780_000_000_000L;
        for (int i = 0; i < count; i++) {
          String id = Ids.newId();
          String token = Ids.token(24);
          String status = i % 20 == 0 ? "failed" : i % 20 == 1 ? "queued" : "succeeded";
          String filename = "receipt-" + i + ".pdf";
          String key = status.equals("succeeded") ? "renders/" + project + "/" + id + "/" + token + "/" + filename
              : null;
          render.setString(1, id);
          render.setString(2, project);
          render.setString(3, template);
          render.setString(4, version);
          render.setString(5, status);
          render.setString(6, "{\"n\":" + i + "}");
          render.setString(7, filename);
          render.setBoolean(8, i % 7 == 0);
          render.setString(9, i % 3 == 0 ? "key-" + i : null);
          render.setString(10, token);
          render.setString(11, key);
          render.setString(12, status.equals("failed") ? "document exceeds 2,000 pages" : null);
          render.setInt(13, status.equals("queued") ? 0 : 1);
          render.setLong(14, t + i);
          render.setLong(15, status.equals("queued") ? 0 : 1);
          render.setLong(16, t + i);
          if (status.equals("queued")) {
            render.setNull(17, java.sql.Types.BIGINT);
            render.setNull(18, java.sql.Types.BIGINT);
            render.setNull(19, java.sql.Types.BIGINT);
          } else {
            render.setLong(17, t + i + 5);
            render.setLong(18, t + i + 50);
            render.setLong(19, 45);
            attempt.setString(1, id);
            attempt.setLong(2, t + i + 5);
            attempt.setLong(3, t + i + 50);
            attempt.setString(4, status);
            attempt.addBatch();
            outbox.setString(1, Ids.newId());
            outbox.setString(2, "render." + status);
            outbox.setString(3, project);
            outbox.setString(4, id);
            outbox.setString(5, "{\"id\":\"" + id + "\"}");
            outbox.setLong(6, t + i + 50);
            outbox.addBatch();
          }
          render.addBatch();
          if (key != null) {
            byte[] pdf = (new String(real.pdf(), StandardCharsets.ISO_8859_1) + "%" + id + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
            Path file = dataDir.resolve("files").resolve(key);
            Files.createDirectories(file.getParent());
            Files.write(file, pdf);
            made.add(new Made(id, pdf, "/files/" + id + "/" + token + "/" + filename));
          }
        }
        render.executeBatch();
        attempt.executeBatch();
        outbox.executeBatch();
      }
      c.commit();
    }
    return made;
  }

  @Test
  void threeThousandRendersMoveToPostgresAndEveryDownloadUrlKeepsWorking() throws Exception {
    Path source = dir.resolve("embedded");
    Path target = dir.resolve("scaled");
    long started = System.nanoTime();
    Made real = installation(source, 1).get(0);
    System.out.printf("installation in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    started = System.nanoTime();
    List<Made> all = new ArrayList<>(insertRenders(source, real, 3_000));
    all.add(real);
    System.out.printf("inserted 3,000 renders in %d ms%n", (System.nanoTime() - started) / 1_000_000);

    started = System.nanoTime();
    String url = EmbeddedPg.newDatabase();
    System.out.printf("database in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    Map<String, String> env = Map.of("PLATEN_DATA_DIR", target.toString(), "PLATEN_DATABASE_USER", "postgres");
    started = System.nanoTime();
    CommandRun run = CommandRun.run(env, "migrate", "--from", source.toString(), "--to", url);
    System.out.printf("migrated in %d ms%n%s", (System.nanoTime() - started) / 1_000_000, run.outText());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.outText()).contains("platen migrate: renders: 3001 rows, 3001 copied, 0 already there\n")
        .contains("platen migrate: render_attempts: 2851 rows, 2851 copied")
        // the inserted renders' messages; the real render owes none, its project having no webhook (D61)
        .contains("platen migrate: outbox: 2850 rows, 2850 copied")
        .contains("platen migrate: api_keys: 1 rows, 1 copied")
        .contains("platen migrate: PDFs: 2701, 2701 copied, 0 already there\n")
        .contains("counts and checksums equal on both sides");

    // An interrupted run: some rows and files never arrived. Run again, it fills in exactly those, and skips the rest.
    try (Connection pg = DriverManager.getConnection(url, "postgres", null); Statement s = pg.createStatement()) {
      s.executeUpdate("DELETE FROM outbox WHERE render_id IN (SELECT id FROM renders WHERE id > '" + real.id()
          + "' AND blob_key IS NOT NULL ORDER BY id LIMIT 100)");
      s.executeUpdate("DELETE FROM render_attempts WHERE render_id IN (SELECT id FROM renders WHERE id > '"
          + real.id() + "' AND blob_key IS NOT NULL ORDER BY id LIMIT 100)");
      try (ResultSet rs = s.executeQuery("SELECT blob_key FROM renders WHERE id > '" + real.id()
          + "' AND blob_key IS NOT NULL ORDER BY id LIMIT 100")) {
        while (rs.next()) Files.delete(FileBlobStore.locate(target.resolve("files"), rs.getString(1)));
      }
      s.executeUpdate("DELETE FROM renders WHERE id IN (SELECT id FROM renders WHERE id > '" + real.id()
          + "' AND blob_key IS NOT NULL ORDER BY id LIMIT 100)");
    }
    started = System.nanoTime();
    CommandRun resumed = CommandRun.run(env, "migrate", "--from", source.toString(), "--to", url);
    System.out.printf("resumed in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
    assertThat(resumed.outText()).contains("renders: 3001 rows, 100 copied, 2901 already there")
        .contains("render_attempts: 2851 rows, 100 copied").contains("PDFs: 2701, 100 copied, 2601 already there");

    // A row changed on one side only is found by the checksums.
    Made changed = all.get(5);
    String filename = changed.downloadPath().substring(changed.downloadPath().lastIndexOf('/') + 1);
    try (Connection pg = DriverManager.getConnection(url, "postgres", null); Statement s = pg.createStatement()) {
      s.executeUpdate("UPDATE renders SET filename = 'changed.pdf' WHERE id = '" + changed.id() + "'");
      started = System.nanoTime();
      CommandRun differs = CommandRun.run(env, "migrate", "--from", source.toString(), "--to", url);
      System.out.printf("verification failed in %d ms%n", (System.nanoTime() - started) / 1_000_000);
      assertThat(differs.exitCode()).isEqualTo(1);
      assertThat(differs.err()).isEqualTo("platen migrate: verification failed: the rows of renders differ between "
          + "SQLite and PostgreSQL: some changed after they were copied (stop the server, then migrate into an empty "
          + "database)\n");
      s.executeUpdate("UPDATE renders SET filename = '" + filename + "' WHERE id = '" + changed.id() + "'");
    }

    Map<String, String> serverEnv = new HashMap<>(env);
    serverEnv.put("PLATEN_DATABASE_URL", url);
    serverEnv.put("PLATEN_PUBLIC_URL", PUBLIC_URL);
    started = System.nanoTime();
    try (TestServer pg = TestServer.start(target, serverEnv)) {
      System.out.printf("server on PostgreSQL started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
      JsonNode record = pg.get("/v1/renders/" + real.id(), pg.liveKey).json();
      assertThat(record.path("downloadUrl").asString()).isEqualTo(PUBLIC_URL + real.downloadPath());
      started = System.nanoTime();
      try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
        List<Future<?>> checks = new ArrayList<>();
        for (Made m : all) {
          checks.add(pool.submit(() -> {
            Res r = TestServer.send(HttpRequest.newBuilder(URI.create(pg.baseUrl + m.downloadPath())).build());
            assertThat(r.status()).as(m.downloadPath()).isEqualTo(200);
            assertThat(r.body()).as(m.downloadPath()).isEqualTo(m.pdf());
          }));
        }
        for (Future<?> f : checks) f.get();
      }
      System.out.printf("downloaded %d PDFs from the server on PostgreSQL in %d ms%n", all.size(),
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  /** With PLATEN_BLOB_STORE=s3 the PDFs go into the bucket, where the server on PostgreSQL finds them. */
  @Test
  void pdfsGoToTheConfiguredS3Store() throws Exception {
    Path source = dir.resolve("embedded");
    List<Made> made = installation(source, 3);
    String url = EmbeddedPg.newDatabase();
    try (S3Proxy s3 = S3Proxy.start(Files.createDirectories(dir.resolve("s3")))) {
      s3.createBucket("pdfs");
      Map<String, String> env = new HashMap<>(Map.of("PLATEN_DATA_DIR", dir.resolve("unused").toString(),
          "PLATEN_DATABASE_URL", url, "PLATEN_DATABASE_USER", "postgres", "PLATEN_BLOB_STORE", "s3",
          "PLATEN_S3_ENDPOINT", s3.endpoint, "PLATEN_S3_BUCKET", "pdfs", "PLATEN_S3_ACCESS_KEY", S3Proxy.ACCESS_KEY,
          "PLATEN_S3_SECRET_KEY", S3Proxy.SECRET_KEY));
      // --to defaults to PLATEN_DATABASE_URL
      CommandRun run = CommandRun.run(env, "migrate", "--from", source.toString());
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.outText()).as(run.toString()).contains("PDFs: 3, 3 copied, 0 already there");
      env.put("PLATEN_PUBLIC_URL", PUBLIC_URL);
      try (TestServer pg = TestServer.start(dir.resolve("stateless"), env)) {
        for (Made m : made) {
          Res r = pg.get(m.downloadPath(), null);
          assertThat(r.status()).isEqualTo(200);
          assertThat(r.body()).isEqualTo(m.pdf());
        }
      }
    }
  }

  /**
   * Moving to PostgreSQL in place, files staying where they are: the PDFs the SQLite file held itself (D44) are
   * written out as files, since the server on PostgreSQL reads only the blob store.
   */
  @Test
  void inPlacePdfsHeldByTheDatabaseBecomeFiles() throws Exception {
    Path data = dir.resolve("embedded");
    List<Made> made = installation(data, 3);
    String url = EmbeddedPg.newDatabase();
    Map<String, String> env = new HashMap<>(Map.of("PLATEN_DATA_DIR", data.toString(), "PLATEN_DATABASE_URL", url,
        "PLATEN_DATABASE_USER", "postgres"));
    CommandRun run = CommandRun.run(env, "migrate", "--from", data.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.outText()).as(run.toString()).contains("PDFs: 3, 3 copied, 0 already there");
    CommandRun again = CommandRun.run(env, "migrate", "--from", data.toString());
    assertThat(again.outText()).as(again.toString()).contains("PDFs: 3, 0 copied, 3 already there");
    env.put("PLATEN_PUBLIC_URL", PUBLIC_URL);
    try (TestServer pg = TestServer.start(data, env)) {
      for (Made m : made) {
        Res r = pg.get(m.downloadPath(), null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(m.pdf());
      }
    }
  }

  @Test
  void refusesWithOneLine() {
    CommandRun noTarget = CommandRun.run(Map.of("PLATEN_DATA_DIR", dir.toString()), "migrate");
    assertThat(noTarget.exitCode()).isEqualTo(2);
    assertThat(noTarget.err()).isEqualTo("platen migrate: --to jdbc:postgresql://HOST:PORT/DATABASE is required "
        + "(or PLATEN_DATABASE_URL)\n");
    CommandRun noSource = CommandRun.run(Map.of("PLATEN_DATA_DIR", dir.toString()), "migrate", "--to",
        "jdbc:postgresql://localhost:1/none");
    assertThat(noSource.exitCode()).isEqualTo(1);
    assertThat(noSource.err()).isEqualTo("platen migrate: no embedded installation in " + dir + " (no platen.db)\n");
  }
}
