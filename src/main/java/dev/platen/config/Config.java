package dev.platen.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting Platen reads, from environment variables only, validated once at start-up. Each package gets
 * its part of this record from the composition root.
 */
public record Config(
    int port,
    Path dataDir,
    String publicUrl,
    String adminKey,
    String bootstrapKey,
    String bootstrapAccountKey,
    String databaseUrl,
    String databaseUser,
    String databasePassword,
    BlobStoreKind blobStore,
    S3 s3,
    Role role,
    int renderThreads,
    int maxQueueDepth,
    int maxQueueDepthPerProject,
    int maxPages,
    long maxImagePixels,
    int maxSvgElements,
    boolean allowPrivateFetch,
    long renderTimeoutMs,
    long leaseMs,
    String metricsKey,
    LogFormat logFormat,
    Sharing sharing,
    Webhooks webhooks,
    int maxConcurrentPreviews,
    Duration warmUp) {

  public enum BlobStoreKind { FILE, S3 }

  public enum Role { ALL, API, WORKER }

  /**
   * How log lines look. Logback reads PLATEN_LOG_FORMAT itself when it starts (logback.xml names one appender per
   * format), before this record exists; the value is checked here so that a typo stops start-up with one line
   * rather than silencing the log.
   */
  public enum LogFormat { TEXT, JSON }

  public record S3(String endpoint, String bucket, String region, String accessKey, String secretKey,
      String publicBaseUrl) {}

  /**
   * Share links and their e-mail delivery.
   *
   * @param smtp null when e-mail is not configured (the e-mail operation then answers 503 email_not_configured)
   * @param shareRateLimit requests per minute one address may make to the public share pages; 0 is no limit
   */
  public record Sharing(String shareBaseUrl, Smtp smtp, String emailFrom, boolean emailAttach,
      boolean emailTrackOpens, int shareRateLimit) {}

  /**
   * The SMTP server of {@code PLATEN_SMTP_URL}:
   * {@code smtp://[user[:password]@]host[:port][?starttls=required|optional]}
   * (port 587, STARTTLS required when there is a password, else used when offered) or {@code smtps://…} (TLS from
   * the first byte, port 465).
   *
   * @param user null for a server that needs no login
   */
  public record Smtp(String host, int port, String user, String password, boolean implicitTls,
      boolean startTlsRequired) {
    @Override
    public String toString() {
      return (implicitTls ? "smtps://" : "smtp://") + (user == null ? "" : user + ":***@") + host + ":" + port;
    }
  }

  public static final int DEFAULT_SHARE_RATE_LIMIT = 120;

  /**
   * @param attemptOffsets when each attempt of a delivery is made, counted from the first (the first is 0)
   */
  public record Webhooks(boolean allowPrivate, List<Duration> attemptOffsets) {}

  public static final String DEFAULT_WEBHOOK_SCHEDULE = "0s,10s,1m,5m,30m,2h";

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MAX_QUEUE_DEPTH = 10_000;
  public static final int DEFAULT_MAX_PAGES = 2_000;
  public static final int DEFAULT_MAX_IMAGE_PIXELS = 40_000_000;
  public static final int DEFAULT_MAX_SVG_ELEMENTS = 10_000;
  public static final long DEFAULT_RENDER_TIMEOUT_MS = 60_000;
  public static final long DEFAULT_LEASE_MS = 30_000;
  /**
   * PLATEN_WARMUP=auto: the longest the start-up warm-up may take. It usually stops sooner, when its rounds stop
   * getting faster and the JIT compilers have gone quiet; a process that serves no API (PLATEN_ROLE=worker) has none.
   */
  public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(30);

  public boolean runsApi() { return role != Role.WORKER; }

  public boolean runsWorkers() { return role != Role.API; }

  public boolean usesPostgres() { return databaseUrl != null; }

  /** Whether this process warms up through a throwaway instance of itself before it listens (PLATEN_WARMUP). */
  public boolean warmsUp() { return runsApi() && !warmUp.isZero(); }

  /**
   * Whether the render threads run the engines' warm-up before they take work: unless PLATEN_WARMUP=off, which asks
   * for a quick start and takes cold first renders (a second or so each) in exchange.
   */
  public boolean warmsEngines() { return !warmUp.isZero(); }

  /**
   * These settings for the start-up warm-up's throwaway instance: the same engine, limits and render threads, but its
   * own SQLite database and files in {@code dir}, a loopback port chosen by the system, and nothing that reaches
   * outside the process (no PostgreSQL, S3, SMTP, admin or metrics key) and no warm-up of its own.
   */
  public Config scratch(Path dir, String bootstrapKey) {
    return new Config(0, dir, publicUrl, null, bootstrapKey, null, null, null, null, BlobStoreKind.FILE, null,
        Role.ALL, renderThreads, maxQueueDepth, maxQueueDepthPerProject, maxPages, maxImagePixels, maxSvgElements,
        allowPrivateFetch, renderTimeoutMs, leaseMs, null, logFormat,
        new Sharing(sharing.shareBaseUrl(), null, null, false, false, 0),
        new Webhooks(false, webhooks.attemptOffsets()), maxConcurrentPreviews, Duration.ZERO);
  }

  /**
   * The settings an operator reads on the dashboard's overview, by variable name. Keys, passwords and secrets are
   * never among them: a secret shows only as whether it is set, and the SMTP URL without its password.
   */
  public Map<String, String> summary() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("PLATEN_ROLE", role.name().toLowerCase(java.util.Locale.ROOT));
    m.put("PLATEN_PUBLIC_URL", publicUrl);
    m.put("database", usesPostgres() ? "PostgreSQL" : "SQLite in " + dataDir);
    m.put("PLATEN_BLOB_STORE", blobStore == BlobStoreKind.S3 ? "s3 (bucket " + s3.bucket() + ")" : "file");
    m.put("PLATEN_RENDER_THREADS", Integer.toString(renderThreads));
    m.put("PLATEN_MAX_QUEUE_DEPTH", Integer.toString(maxQueueDepth));
    m.put("PLATEN_MAX_QUEUE_DEPTH_PER_PROJECT", Integer.toString(maxQueueDepthPerProject));
    m.put("PLATEN_MAX_CONCURRENT_PREVIEWS", Integer.toString(maxConcurrentPreviews));
    m.put("PLATEN_RENDER_TIMEOUT_MS", Long.toString(renderTimeoutMs));
    m.put("PLATEN_LEASE_MS", Long.toString(leaseMs));
    m.put("PLATEN_MAX_PAGES", Integer.toString(maxPages));
    m.put("PLATEN_ALLOW_PRIVATE_FETCH", Boolean.toString(allowPrivateFetch));
    m.put("PLATEN_SHARE_BASE_URL", sharing.shareBaseUrl());
    m.put("PLATEN_SMTP_URL", sharing.smtp() == null ? "not set" : sharing.smtp().toString());
    m.put("PLATEN_ADMIN_KEY", adminKey == null ? "not set" : "set");
    m.put("PLATEN_METRICS_KEY", metricsKey == null ? "not set" : "set");
    m.put("PLATEN_LOG_FORMAT", logFormat.name().toLowerCase(java.util.Locale.ROOT));
    m.put("PLATEN_WARMUP", warmUp.isZero() ? "off" : "up to " + warmUp.toSeconds() + " s");
    return java.util.Collections.unmodifiableMap(m);
  }

  public static Config fromEnvironment() {
    return from(System.getenv());
  }

  public static Config from(Map<String, String> env) {
    return from(env, name -> { });
  }

  /**
   * Every variable {@link #from} reads: deployment files are checked against it, so a misspelt or retired name in
   * them fails a test instead of being ignored in production. Read with S3 chosen, the one setting that makes
   * {@link #from} read more.
   */
  public static java.util.SortedSet<String> variables() {
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    from(Map.of("PLATEN_BLOB_STORE", "s3", "PLATEN_S3_BUCKET", "b", "PLATEN_S3_ACCESS_KEY", "a",
        "PLATEN_S3_SECRET_KEY", "s"), names::add);
    return java.util.Collections.unmodifiableSortedSet(names);
  }

  private static Config from(Map<String, String> env, java.util.function.Consumer<String> seen) {
    Reader r = new Reader(env, seen);
    int port = r.integer("PLATEN_PORT", DEFAULT_PORT, 0, 65535);
    Path dataDir = Path.of(r.string("PLATEN_DATA_DIR", "./data")).toAbsolutePath().normalize();
    String publicUrl = r.url("PLATEN_PUBLIC_URL", "http://localhost:" + (port == 0 ? DEFAULT_PORT : port));
    String adminKey = r.string("PLATEN_ADMIN_KEY", null);
    if (adminKey != null && adminKey.length() < 16) {
      throw new ConfigException("PLATEN_ADMIN_KEY must be at least 16 characters long");
    }
    String bootstrapKey = r.string("PLATEN_BOOTSTRAP_KEY", null);
    if (bootstrapKey != null && !bootstrapKey.matches("ck_(live|test)_[A-Za-z0-9_-]{16,200}")) {
      throw new ConfigException(
          "PLATEN_BOOTSTRAP_KEY must look like ck_live_… or ck_test_… followed by at least 16 letters or digits");
    }
    String bootstrapAccountKey = r.string("PLATEN_BOOTSTRAP_ACCOUNT_KEY", null);
    if (bootstrapAccountKey != null && !bootstrapAccountKey.matches("ck_acct_[A-Za-z0-9_-]{16,200}")) {
      throw new ConfigException(
          "PLATEN_BOOTSTRAP_ACCOUNT_KEY must look like ck_acct_… followed by at least 16 letters or digits");
    }
    String databaseUrl = r.string("PLATEN_DATABASE_URL", null);
    if (databaseUrl != null && !databaseUrl.startsWith("jdbc:postgresql://")) {
      throw new ConfigException("PLATEN_DATABASE_URL must be a jdbc:postgresql://host:port/database URL");
    }
    BlobStoreKind blob = r.choice("PLATEN_BLOB_STORE", BlobStoreKind.class, BlobStoreKind.FILE);
    S3 s3 = null;
    if (blob == BlobStoreKind.S3) {
      s3 = new S3(r.url("PLATEN_S3_ENDPOINT", null), r.required("PLATEN_S3_BUCKET"),
          r.string("PLATEN_S3_REGION", "us-east-1"), r.required("PLATEN_S3_ACCESS_KEY"),
          r.required("PLATEN_S3_SECRET_KEY"), r.url("PLATEN_S3_PUBLIC_BASE_URL", null));
    }
    Role role = r.choice("PLATEN_ROLE", Role.class, Role.ALL);
    int threads = r.integer("PLATEN_RENDER_THREADS", Runtime.getRuntime().availableProcessors(), 1, 256);
    int depth = r.integer("PLATEN_MAX_QUEUE_DEPTH", DEFAULT_MAX_QUEUE_DEPTH, 1, 100_000_000);
    // Half the global depth by default: one project can never fill the queue, so another always finds room.
    int depthPerProject = r.integer("PLATEN_MAX_QUEUE_DEPTH_PER_PROJECT", Math.max(1, depth / 2), 1, 100_000_000);
    int maxPages = r.integer("PLATEN_MAX_PAGES", DEFAULT_MAX_PAGES, 1, 100_000);
    int maxPixels = r.integer("PLATEN_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS, 1, 1_000_000_000);
    int maxSvgElements = r.integer("PLATEN_MAX_SVG_ELEMENTS", DEFAULT_MAX_SVG_ELEMENTS, 1, 10_000_000);
    boolean allowPrivate = r.bool("PLATEN_ALLOW_PRIVATE_FETCH", false);
    long timeout = r.integer("PLATEN_RENDER_TIMEOUT_MS", (int) DEFAULT_RENDER_TIMEOUT_MS, 1_000, 3_600_000);
    long lease = r.integer("PLATEN_LEASE_MS", (int) DEFAULT_LEASE_MS, 1_000, 3_600_000);
    String metricsKey = r.string("PLATEN_METRICS_KEY", null);
    if (metricsKey != null && metricsKey.length() < 16) {
      throw new ConfigException("PLATEN_METRICS_KEY must be at least 16 characters long");
    }
    // logback.xml reads it itself (LogLevelDefiner) before this runs; checked here so a typo stops start-up
    String level = r.string("PLATEN_LOG_LEVEL", "INFO");
    if (!LogLevelDefiner.LEVELS.contains(level.toUpperCase(java.util.Locale.ROOT))) {
      throw new ConfigException("PLATEN_LOG_LEVEL must be one of " + String.join(", ", LogLevelDefiner.LEVELS)
          + ", got '" + level + "'");
    }
    String format = r.string("PLATEN_LOG_FORMAT", "text");
    // exactly as logback.xml spells its appenders: it picks one by this value
    LogFormat logFormat = switch (format) {
      case "text" -> LogFormat.TEXT;
      case "json" -> LogFormat.JSON;
      default -> throw new ConfigException("PLATEN_LOG_FORMAT must be text or json, got '" + format + "'");
    };
    return new Config(port, dataDir, stripSlash(publicUrl), adminKey, bootstrapKey, bootstrapAccountKey, databaseUrl,
        r.string("PLATEN_DATABASE_USER", null), r.string("PLATEN_DATABASE_PASSWORD", null), blob, s3, role,
        threads, depth, depthPerProject, maxPages, maxPixels, maxSvgElements, allowPrivate, timeout, lease, metricsKey,
        logFormat, sharing(r, publicUrl),
        new Webhooks(r.bool("PLATEN_ALLOW_PRIVATE_WEBHOOKS", false), r.schedule("PLATEN_WEBHOOK_RETRY_SCHEDULE")),
        // Twice the render threads by default: a preview is a person waiting, and it runs on its own threads.
        r.integer("PLATEN_MAX_CONCURRENT_PREVIEWS", Math.min(1_000, threads * 2), 1, 1_000),
        warmUp(r.string("PLATEN_WARMUP", "auto")));
  }

  /** {@code auto}, {@code off}, or the longest the warm-up may take: {@code 45s}, {@code 2m} (1 s to 10 min). */
  private static Duration warmUp(String v) {
    String s = v.toLowerCase(Locale.ROOT);
    if (s.equals("auto")) return DEFAULT_WARMUP;
    if (s.equals("off")) return Duration.ZERO;
    Matcher m = Pattern.compile("(\\d{1,5})(s|m)").matcher(s);
    Duration d = m.matches()
        ? Duration.ofSeconds(Long.parseLong(m.group(1)) * (m.group(2).equals("m") ? 60 : 1)) : Duration.ZERO;
    if (d.isZero() || d.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new ConfigException("PLATEN_WARMUP must be auto, off, or the longest the start-up warm-up may take "
          + "(1s to 10m, like 45s or 2m), got '" + v + "'");
    }
    return d;
  }

  private static Sharing sharing(Reader r, String publicUrl) {
    String base = stripSlash(r.url("PLATEN_SHARE_BASE_URL", publicUrl));
    Smtp smtp = smtp(r.string("PLATEN_SMTP_URL", null));
    String from = r.string("PLATEN_EMAIL_FROM", null);
    if (smtp != null && from == null) {
      throw new ConfigException("PLATEN_EMAIL_FROM is required when PLATEN_SMTP_URL is set (the sender address, "
          + "e.g. 'Acme Documents <documents@acme.example>')");
    }
    if (from != null && from.chars().anyMatch(Character::isISOControl)) {
      throw new ConfigException("PLATEN_EMAIL_FROM must be one line");
    }
    return new Sharing(base, smtp, from, r.bool("PLATEN_EMAIL_ATTACH", true),
        r.bool("PLATEN_EMAIL_TRACK_OPENS", true),
        r.integer("PLATEN_SHARE_RATE_LIMIT", DEFAULT_SHARE_RATE_LIMIT, 0, 1_000_000));
  }

  private static Smtp smtp(String url) {
    if (url == null) return null;
    // never echo the value: it may hold a password
    String shape = "PLATEN_SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465";
    URI u;
    try {
      u = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(shape + " (it is not a valid URL)");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("smtp") && !scheme.equals("smtps")) throw new ConfigException(shape);
    if (u.getHost() == null || u.getHost().isBlank()) throw new ConfigException(shape + " (the host is missing)");
    boolean implicit = scheme.equals("smtps");
    int port = u.getPort() == -1 ? (implicit ? 465 : 587) : u.getPort();
    String user = null;
    String password = null;
    if (u.getRawUserInfo() != null) {
      String[] parts = u.getRawUserInfo().split(":", 2);
      user = java.net.URLDecoder.decode(parts[0].replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
      if (parts.length > 1) {
        password = java.net.URLDecoder.decode(parts[1].replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
      }
      if (user.isEmpty()) user = null;
    }
    boolean required = !implicit && password != null;
    String query = u.getQuery();
    if (query != null && !query.isEmpty()) {
      if (implicit || !(query.equals("starttls=required") || query.equals("starttls=optional"))) {
        throw new ConfigException("PLATEN_SMTP_URL takes only ?starttls=required or ?starttls=optional, with smtp://");
      }
      required = query.equals("starttls=required");
    }
    return new Smtp(u.getHost(), port, user, password, implicit, required);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** Reads one variable at a time so every error names exactly one variable. */
  private record Reader(Map<String, String> env, java.util.function.Consumer<String> seen) {
    /** Every other reader goes through this one. */
    String string(String name, String dflt) {
      seen.accept(name);
      String v = env.get(name);
      return v == null || v.isBlank() ? dflt : v.trim();
    }

    String required(String name) {
      String v = string(name, null);
      if (v == null) throw new ConfigException(name + " is required when PLATEN_BLOB_STORE=s3");
      return v;
    }

    int integer(String name, int dflt, int min, int max) {
      String v = string(name, null);
      if (v == null) return dflt;
      try {
        int i = Integer.parseInt(v);
        if (i < min || i > max) throw new NumberFormatException();
        return i;
      } catch (NumberFormatException e) {
        throw new ConfigException(name + " must be an integer from " + min + " to " + max + ", got '" + v + "'");
      }
    }

    boolean bool(String name, boolean dflt) {
      String v = string(name, null);
      if (v == null) return dflt;
      return switch (v.toLowerCase(Locale.ROOT)) {
        case "true", "1", "yes" -> true;
        case "false", "0", "no" -> false;
        default -> throw new ConfigException(name + " must be true or false, got '" + v + "'");
      };
    }

    String url(String name, String dflt) {
      String v = string(name, dflt);
      if (v == null) return null;
      try {
        URI u = new URI(v);
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
          throw new IllegalArgumentException();
        }
        return v;
      } catch (Exception e) {
        throw new ConfigException(name + " must be an http(s) URL, got '" + v + "'");
      }
    }

    /** Attempt times like {@code 0s,10s,1m,5m,30m,2h}: 1 to 20, the first 0, never decreasing, at most 7 days. */
    List<Duration> schedule(String name) {
      String v = string(name, DEFAULT_WEBHOOK_SCHEDULE);
      List<Duration> offsets = new ArrayList<>();
      Pattern one = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
      for (String part : v.split(",", -1)) {
        Matcher m = one.matcher(part.trim());
        if (!m.matches()) offsets = null;
        if (offsets == null) break;
        long n = Long.parseLong(m.group(1));
        offsets.add(switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        });
      }
      boolean ok = offsets != null && !offsets.isEmpty() && offsets.size() <= 20 && offsets.get(0).isZero()
          && offsets.get(offsets.size() - 1).compareTo(Duration.ofDays(7)) <= 0;
      for (int i = 1; ok && i < offsets.size(); i++) ok = offsets.get(i).compareTo(offsets.get(i - 1)) >= 0;
      if (!ok) {
        throw new ConfigException(name + " must list 1 to 20 attempt times from the first, like "
            + DEFAULT_WEBHOOK_SCHEDULE + " (units ms, s, m, h; starting at 0, never decreasing, at most 7 days), got '"
            + v + "'");
      }
      return List.copyOf(offsets);
    }

    <E extends Enum<E>> E choice(String name, Class<E> type, E dflt) {
      String v = string(name, null);
      if (v == null) return dflt;
      for (E e : type.getEnumConstants()) {
        if (e.name().equalsIgnoreCase(v)) return e;
      }
      throw new ConfigException(name + " must be one of " + java.util.Arrays.stream(type.getEnumConstants())
          .map(e -> e.name().toLowerCase(Locale.ROOT)).toList() + ", got '" + v + "'");
    }
  }
}
