package dev.platen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code platen backup} while the server renders, {@code platen restore} into a fresh directory, and a server on
 * the restored installation serving every PDF.
 */
class BackupRestoreTest {
  @TempDir Path dir;

  static final Map<String, Object> TEMPLATE = Map.of("name", "Receipt", "manifest", Map.of(
      "variables", List.of(Map.of("key", "n", "label", "Number", "dataType", "number")), "loops", List.of()));

  @Test
  void backupWhileRenderingRestoreAndDownloadEveryPdf() throws Exception {
    Path original = dir.resolve("original");
    Path backup = dir.resolve("backup");
    Path restored = dir.resolve("restored");
    Set<String> succeededBeforeBackup = new java.util.HashSet<>();
    Map<String, byte[]> originalPdfs = new HashMap<>();
    try (TestServer a = TestServer.start(original)) {
      assertThat(a.put("/v1/templates/receipt", a.liveKey, TEMPLATE).status()).isEqualTo(201);
      List<String> first = new ArrayList<>();
      for (int i = 0; i < 20; i++) first.add(render(a, i));
      for (String id : first) {
        JsonNode done = a.awaitTerminal(id, a.liveKey, Duration.ofSeconds(60));
        assertThat(done.path("status").asString()).isEqualTo("succeeded");
        succeededBeforeBackup.add(id);
      }
      // Renders keep arriving and finishing while the backup runs.
      Set<String> during = ConcurrentHashMap.newKeySet();
      AtomicBoolean stop = new AtomicBoolean();
      Thread load = Thread.ofVirtual().start(() -> {
        for (int i = 1000; !stop.get(); i++) {
          during.add(render(a, i));
          sleep(5);
        }
      });
      while (during.size() < 5) Thread.sleep(10);
      CommandRun run = CommandRun.run(Map.of("PLATEN_DATA_DIR", original.toString()), "backup", backup.toString());
      stop.set(true);
      load.join();
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.outText()).startsWith("platen backup: " + backup + ": ").contains(" renders, ");
      assertThat(backup.resolve("backup.txt")).exists();
      assertThat(during).hasSizeGreaterThan(5);
      List<String> all = new ArrayList<>(first);
      all.addAll(during);
      for (String id : all) {
        JsonNode done = a.awaitTerminal(id, a.liveKey, Duration.ofSeconds(60));
        originalPdfs.put(id, a.get(done.path("downloadUrl").asString(), null).body());
      }
      CommandRun again = CommandRun.run(Map.of("PLATEN_DATA_DIR", original.toString()), "backup", backup.toString());
      assertThat(again.exitCode()).isEqualTo(1);
      assertThat(again.err()).isEqualTo("platen backup: " + backup + " is not empty: back up into a new directory\n");
    }

    CommandRun run = CommandRun.run(Map.of("PLATEN_DATA_DIR", restored.toString()), "restore", backup.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.outText()).startsWith("platen restore: " + restored + ": ");
    CommandRun twice = CommandRun.run(Map.of("PLATEN_DATA_DIR", restored.toString()), "restore", backup.toString());
    assertThat(twice.exitCode()).isEqualTo(1);
    assertThat(twice.err()).contains("already holds an installation");

    List<String> restoredIds = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + restored.resolve("platen.db"));
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM renders")) {
      while (rs.next()) restoredIds.add(rs.getString(1));
    }
    assertThat(restoredIds).containsAll(succeededBeforeBackup);
    assertThat(restoredIds).hasSizeGreaterThan(succeededBeforeBackup.size());
    // These PDFs are small: they travelled inside the database snapshot, not as files (D44).
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + restored.resolve("platen.db"));
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM renders r "
            + "JOIN inline_pdfs p ON p.blob_key = r.blob_key")) {
      rs.next();
      assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(succeededBeforeBackup.size());
    }
    try (var files = Files.walk(original.resolve("files"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".pdf")).toList()).isEmpty();
    }

    try (TestServer b = TestServer.start(restored)) {
      for (String id : restoredIds) {
        // a render the snapshot caught unfinished is rendered again by the restored server, to the same key
        JsonNode done = b.awaitTerminal(id, b.liveKey, Duration.ofSeconds(60));
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
        Res pdf = b.get(done.path("downloadUrl").asString(), null);
        assertThat(pdf.status()).as(id).isEqualTo(200);
        assertThat(pdf.body()).as(id).isEqualTo(originalPdfs.get(id));
      }
    }
  }

  @Test
  void refusesWhatIsNotABackupOrNotEmbedded() throws Exception {
    Path notABackup = Files.createDirectories(dir.resolve("empty"));
    CommandRun run = CommandRun.run(Map.of("PLATEN_DATA_DIR", dir.resolve("fresh").toString()), "restore",
        notABackup.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("platen restore: " + notABackup + " is not a complete backup (no backup.txt): "
        + "make a new one\n");
    CommandRun nothing = CommandRun.run(Map.of("PLATEN_DATA_DIR", dir.resolve("nothing").toString()), "backup",
        dir.resolve("b").toString());
    assertThat(nothing.exitCode()).isEqualTo(1);
    assertThat(nothing.err()).contains("no installation in PLATEN_DATA_DIR");
    CommandRun pg = CommandRun.run(Map.of("PLATEN_DATABASE_URL", "jdbc:postgresql://db.example/platen"), "backup",
        dir.resolve("b").toString());
    assertThat(pg.exitCode()).isEqualTo(1);
    assertThat(pg.err()).contains("pg_dump");
    CommandRun noDir = CommandRun.run(Map.of(), "backup");
    assertThat(noDir.exitCode()).isEqualTo(2);
    assertThat(noDir.err()).isEqualTo("platen backup: backup directory is required\n");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String render(TestServer s, int n) {
    Res r = s.post("/v1/templates/receipt/render", s.liveKey, Map.of("data", Map.of("n", n)));
    assertThat(r.status()).as(r.text()).isEqualTo(202);
    return r.json().path("id").asString();
  }
}
