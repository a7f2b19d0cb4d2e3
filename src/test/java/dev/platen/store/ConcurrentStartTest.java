package dev.platen.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.Platen;
import dev.platen.config.Config;
import dev.platen.testing.EmbeddedPg;
import dev.platen.testing.LoadsTheMachine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes starting at once on one empty database: exactly one default project with one set of keys, and
 * every other process says in one line that it did not create them.
 */
@Tag("slow")
@ExtendWith(LoadsTheMachine.class)
class ConcurrentStartTest {

  @Test
  void fourProcessesStartingTogetherMakeOneDefaultProject(@TempDir Path dir) throws Exception {
    assertOneDefaultProject(dir, null, 2);
  }

  @Test
  void withABootstrapKeyNoneOfThemFails(@TempDir Path dir) throws Exception {
    assertOneDefaultProject(dir, "ck_live_concurrentstartkey0000000001", 1);
  }

  private static void assertOneDefaultProject(Path dir, String bootstrapKey, int keys) throws Exception {
    String url = EmbeddedPg.newDatabase();
    int n = 4;
    CountDownLatch go = new CountDownLatch(1);
    List<ByteArrayOutputStream> consoles = new ArrayList<>();
    List<Future<Platen>> started = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(n);
    for (int i = 0; i < n; i++) {
      Map<String, String> env = new HashMap<>(Map.of("PLATEN_DATABASE_URL", url, "PLATEN_DATABASE_USER", "postgres",
          "PLATEN_ROLE", "worker", "PLATEN_RENDER_THREADS", "1", "PLATEN_DATA_DIR", dir.toString(),
          // each worker's own health port, on any free port
          "PLATEN_PORT", "0", "PLATEN_WARMUP", "off"));
      if (bootstrapKey != null) env.put("PLATEN_BOOTSTRAP_KEY", bootstrapKey);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      consoles.add(out);
      started.add(pool.submit(() -> {
        go.await();
        return Platen.start(Config.from(env), new PrintStream(out, true, StandardCharsets.UTF_8));
      }));
    }
    go.countDown();
    List<Platen> platens = new ArrayList<>();
    try {
      for (Future<Platen> f : started) platens.add(f.get());
      var jdbi = platens.get(0).database().jdbi();
      int projects = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM projects").mapTo(Integer.class).one());
      int apiKeys = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_keys").mapTo(Integer.class).one());
      assertThat(projects).isEqualTo(1);
      assertThat(apiKeys).isEqualTo(keys);
      int accountKeys = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM account_keys")
          .mapTo(Integer.class).one());
      assertThat(accountKeys).as("one account key, made with the project").isEqualTo(1);
      List<String> said = consoles.stream().map(o -> o.toString(StandardCharsets.UTF_8).strip()).toList();
      String existing = "Platen: the database already has a project; its keys are not shown again.";
      assertThat(said.stream().filter(s -> s.contains("created")).count())
          .as("what each process said: %s", said).isEqualTo(1);
      assertThat(said.stream().filter(existing::equals)).as("what each process said: %s", said).hasSize(n - 1);
    } finally {
      pool.shutdown();
      for (Platen p : platens) p.close();
    }
  }
}
