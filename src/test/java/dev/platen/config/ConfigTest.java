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
    // logback.xml's definers read the variables as Config does: blank is the default, case and spaces do not count
    assertThat(Config.from(Map.of("PLATEN_LOG_LEVEL", " warn ")).logFormat()).isEqualTo(Config.LogFormat.TEXT);
    assertThat(LogLevelDefiner.level(" warn ")).isEqualTo("WARN");
    assertThat(LogLevelDefiner.level("")).isEqualTo("INFO");
    assertThat(LogLevelDefiner.level(null)).isEqualTo("INFO");
    assertThat(LogFormatDefiner.appender(" json ")).isEqualTo("json");
    assertThat(LogFormatDefiner.appender("")).isEqualTo("text");
  }

  @Test
  void everyBadValueNamesItsVariable() {
    Map<String, String> bad = Map.ofEntries(
        Map.entry("PLATEN_PORT", "eighty"),
        Map.entry("PLATEN_PUBLIC_URL", "ftp://x"),
        Map.entry("PLATEN_ADMIN_KEY", "short"),
        Map.entry("PLATEN_BOOTSTRAP_KEY", "sk_live_abc"),
        Map.entry("PLATEN_BOOTSTRAP_ACCOUNT_KEY", "ck_live_aProjectKeyIsNotAnAccountKey"),
        Map.entry("PLATEN_DATABASE_URL", "jdbc:mysql://x/y"),
        Map.entry("PLATEN_BLOB_STORE", "floppy"),
        Map.entry("PLATEN_ROLE", "boss"),
        Map.entry("PLATEN_RENDER_THREADS", "0"),
        Map.entry("PLATEN_MAX_QUEUE_DEPTH", "-1"),
        Map.entry("PLATEN_MAX_QUEUE_DEPTH_PER_PROJECT", "0"),
        Map.entry("PLATEN_ALLOW_PRIVATE_FETCH", "maybe"),
        Map.entry("PLATEN_METRICS_KEY", "short"),
        Map.entry("PLATEN_LOG_FORMAT", "JSON"),
        Map.entry("PLATEN_LOG_LEVEL", "verbose"),
        Map.entry("PLATEN_SHARE_BASE_URL", "docs.example.com"),
        Map.entry("PLATEN_SMTP_URL", "http://mail.example.com"),
        Map.entry("PLATEN_EMAIL_ATTACH", "sometimes"),
        Map.entry("PLATEN_EMAIL_TRACK_OPENS", "sometimes"),
        Map.entry("PLATEN_SHARE_RATE_LIMIT", "-1"));
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
  void theWarmUpIsAutoByDefaultOffForWorkersAndItsBudgetIsChecked() {
    Config auto = Config.from(Map.of());
    assertThat(auto.warmUp()).isEqualTo(Config.DEFAULT_WARMUP);
    assertThat(auto.warmsUp()).isTrue();
    assertThat(Config.from(Map.of("PLATEN_ROLE", "worker")).warmsUp()).as("a worker serves no API").isFalse();
    assertThat(Config.from(Map.of("PLATEN_ROLE", "api")).warmsUp()).isTrue();
    assertThat(Config.from(Map.of("PLATEN_WARMUP", "off")).warmsUp()).isFalse();
    assertThat(Config.from(Map.of("PLATEN_WARMUP", "45s")).warmUp()).isEqualTo(java.time.Duration.ofSeconds(45));
    assertThat(Config.from(Map.of("PLATEN_WARMUP", " 2M ")).warmUp()).isEqualTo(java.time.Duration.ofMinutes(2));
    for (String v : List.of("0s", "11m", "30", "fast", "1h")) {
      assertThatThrownBy(() -> Config.from(Map.of("PLATEN_WARMUP", v))).hasMessageStartingWith("PLATEN_WARMUP");
    }
    // the throwaway instance's settings reach nothing outside the process and do not warm up themselves
    Config scratch = Config.from(Map.of("PLATEN_DATABASE_URL", "jdbc:postgresql://db/p", "PLATEN_ROLE", "api",
        "PLATEN_SMTP_URL", "smtp://mail.example", "PLATEN_EMAIL_FROM", "a@b.example", "PLATEN_RENDER_THREADS", "3"))
        .scratch(Path.of("/tmp/x"), "ck_live_scratchkey000000000001");
    assertThat(scratch.usesPostgres()).isFalse();
    assertThat(scratch.role()).isEqualTo(Config.Role.ALL);
    assertThat(scratch.sharing().smtp()).isNull();
    assertThat(scratch.blobStore()).isEqualTo(Config.BlobStoreKind.FILE);
    assertThat(scratch.port()).isZero();
    assertThat(scratch.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(scratch.renderThreads()).isEqualTo(3);
    assertThat(scratch.warmsUp()).isFalse();
  }

  @Test
  void concurrentPreviewsDefaultToTwiceTheRenderThreadsAndAreChecked() {
    assertThat(Config.from(Map.of("PLATEN_RENDER_THREADS", "3")).maxConcurrentPreviews()).isEqualTo(6);
    assertThat(Config.from(Map.of("PLATEN_MAX_CONCURRENT_PREVIEWS", "1")).maxConcurrentPreviews()).isEqualTo(1);
    for (String v : List.of("0", "many", "1001")) {
      assertThatThrownBy(() -> Config.from(Map.of("PLATEN_MAX_CONCURRENT_PREVIEWS", v)))
          .hasMessageStartingWith("PLATEN_MAX_CONCURRENT_PREVIEWS");
    }
  }

  @Test
  void publicUrlLosesItsTrailingSlash() {
    assertThat(Config.from(Map.of("PLATEN_PUBLIC_URL", "https://pdf.example.com/")).publicUrl())
        .isEqualTo("https://pdf.example.com");
  }

  @Test
  void sharingDefaultsToThePublicUrlWithoutEmail() {
    Config.Sharing c = Config.from(Map.of("PLATEN_PUBLIC_URL", "https://pdf.example.com/")).sharing();
    assertThat(c.shareBaseUrl()).isEqualTo("https://pdf.example.com");
    assertThat(c.smtp()).isNull();
    assertThat(c.emailAttach()).isTrue();
    assertThat(c.emailTrackOpens()).isTrue();
    assertThat(c.shareRateLimit()).isEqualTo(120);
    assertThat(Config.from(Map.of("PLATEN_SHARE_BASE_URL", "https://share.example.com/")).sharing().shareBaseUrl())
        .isEqualTo("https://share.example.com");
  }

  @Test
  void smtpUrlsGiveHostPortLoginAndTls() {
    Config.Smtp submission = smtp("smtp://mailer:p%40ss%3Aword@mail.example.com");
    assertThat(submission).isEqualTo(new Config.Smtp("mail.example.com", 587, "mailer", "p@ss:word", false, true));
    assertThat(submission.toString()).isEqualTo("smtp://mailer:***@mail.example.com:587").doesNotContain("word");
    assertThat(smtp("smtps://mailer:x@mail.example.com")).isEqualTo(
        new Config.Smtp("mail.example.com", 465, "mailer", "x", true, false));
    assertThat(smtp("smtp://relay.internal:25")).as("no password, so STARTTLS only when offered")
        .isEqualTo(new Config.Smtp("relay.internal", 25, null, null, false, false));
    assertThat(smtp("smtp://relay.internal:25?starttls=required").startTlsRequired()).isTrue();
    assertThat(smtp("smtp://u:p@relay.internal?starttls=optional").startTlsRequired()).isFalse();

    assertThatThrownBy(() -> Config.from(Map.of("PLATEN_SMTP_URL", "smtp://mail.example.com")))
        .hasMessageStartingWith("PLATEN_EMAIL_FROM is required");
    assertThatThrownBy(() -> smtp("smtps://u:secretpw@mail.example.com?starttls=required"))
        .hasMessageStartingWith("PLATEN_SMTP_URL").hasMessageNotContaining("secretpw");
    assertThatThrownBy(() -> smtp("ftp://u:secretpw@mail.example.com"))
        .hasMessageStartingWith("PLATEN_SMTP_URL").hasMessageNotContaining("secretpw");
  }

  private static Config.Smtp smtp(String url) {
    return Config.from(Map.of("PLATEN_SMTP_URL", url, "PLATEN_EMAIL_FROM", "docs@example.com")).sharing().smtp();
  }

  @Test
  void aSenderThatIsNoAddressStopsStartUpBeforeAnythingOpens(@TempDir Path dir) {
    Config c = Config.from(Map.of("PLATEN_DATA_DIR", dir.toString(), "PLATEN_SMTP_URL", "smtp://127.0.0.1:25",
        "PLATEN_EMAIL_FROM", "Documents <not an address>"));
    assertThatThrownBy(() -> dev.platen.Platen.start(c, System.out)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("PLATEN_EMAIL_FROM");
    assertThat(dir.resolve("platen.db")).doesNotExist();
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
