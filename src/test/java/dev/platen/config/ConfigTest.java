package dev.platen.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

  @Test
  void defaultsNeedNoVariables() {
    Config c = Config.from(Map.of());
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.publicUrl()).isEqualTo("http://localhost:8080");
    assertThat(c.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
    assertThat(c.usesPostgres()).isFalse();
    assertThat(c.role()).isEqualTo(Config.Role.ALL);
    assertThat(c.adminKey()).isNull();
    assertThat(c.renderThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(c.maxQueueDepth()).isEqualTo(10_000);
    assertThat(c.maxQueueDepthPerProject()).as("half the global depth").isEqualTo(5_000);
    assertThat(Config.from(Map.of("PLATEN_MAX_QUEUE_DEPTH", "1")).maxQueueDepthPerProject()).isEqualTo(1);
    assertThat(c.metricsKey()).isNull();
    assertThat(c.logFormat()).isEqualTo(Config.LogFormat.TEXT);
    assertThat(Config.from(Map.of("PLATEN_LOG_FORMAT", "json")).logFormat()).isEqualTo(Config.LogFormat.JSON);
  }

  @Test
  void everyBadValueNamesItsVariable() {
    Map<String, String> bad = Map.ofEntries(
        Map.entry("PLATEN_PORT", "eighty"),
        Map.entry("PLATEN_PUBLIC_URL", "ftp://x"),
        Map.entry("PLATEN_ADMIN_KEY", "short"),
        Map.entry("PLATEN_BOOTSTRAP_KEY", "sk_live_abc"),
        Map.entry("PLATEN_DATABASE_URL", "jdbc:mysql://x/y"),
        Map.entry("PLATEN_BLOB_STORE", "floppy"),
        Map.entry("PLATEN_ROLE", "boss"),
        Map.entry("PLATEN_RENDER_THREADS", "0"),
        Map.entry("PLATEN_MAX_QUEUE_DEPTH", "-1"),
        Map.entry("PLATEN_MAX_QUEUE_DEPTH_PER_PROJECT", "0"),
        Map.entry("PLATEN_ALLOW_PRIVATE_FETCH", "maybe"),
        Map.entry("PLATEN_METRICS_KEY", "short"),
        Map.entry("PLATEN_LOG_FORMAT", "JSON"));
    bad.forEach((name, value) -> assertThatThrownBy(() -> Config.from(Map.of(name, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(name));
    assertThatThrownBy(() -> Config.from(Map.of("PLATEN_BLOB_STORE", "s3")))
        .hasMessageContaining("PLATEN_S3_BUCKET");
  }

  @Test
  void imageLimitsDefaultToTheDocumentedOnesAndAreChecked() {
    Config c = Config.from(Map.of());
    assertThat(c.maxImagePixels()).isEqualTo(40_000_000);
    assertThat(c.maxSvgElements()).isEqualTo(10_000);
    assertThat(Config.from(Map.of("PLATEN_MAX_IMAGE_PIXELS", "1000")).maxImagePixels()).isEqualTo(1000);
    for (String name : List.of("PLATEN_MAX_IMAGE_PIXELS", "PLATEN_MAX_SVG_ELEMENTS")) {
      assertThatThrownBy(() -> Config.from(Map.of(name, "0"))).hasMessageStartingWith(name);
    }
  }

  @Test
  void publicUrlLosesItsTrailingSlash() {
    assertThat(Config.from(Map.of("PLATEN_PUBLIC_URL", "https://pdf.example.com/")).publicUrl())
        .isEqualTo("https://pdf.example.com");
  }

  @Test
  @Tag("slow")
  void theJarStopsWithOneLineOnABadValue(@TempDir Path dir) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-jar", "target/platen.jar")).redirectErrorStream(true);
    pb.environment().put("PLATEN_PORT", "99999");
    pb.environment().put("PLATEN_DATA_DIR", dir.toString());
    Process p = pb.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(out.lines().toList()).containsExactly("platen: PLATEN_PORT must be an integer from 0 to 65535, got '99999'");
  }
}
