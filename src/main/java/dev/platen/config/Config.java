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
    boolean allowPrivateFetch,
    long renderTimeoutMs,
    long leaseMs,
    Webhooks webhooks) {

  public enum BlobStoreKind { FILE, S3 }

  public enum Role { ALL, API, WORKER }

  public record S3(String endpoint, String bucket, String region, String accessKey, String secretKey,
      String publicBaseUrl) {}

  /**
   * @param attemptOffsets when each attempt of a delivery is made, counted from the first (the first is 0)
   */
  public record Webhooks(boolean allowPrivate, List<Duration> attemptOffsets) {}

  public static final String DEFAULT_WEBHOOK_SCHEDULE = "0s,10s,1m,5m,30m,2h";

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MAX_QUEUE_DEPTH = 10_000;
  public static final int DEFAULT_MAX_PAGES = 2_000;
  public static final long DEFAULT_RENDER_TIMEOUT_MS = 60_000;
  public static final long DEFAULT_LEASE_MS = 30_000;

  public boolean runsApi() { return role != Role.WORKER; }

  public boolean runsWorkers() { return role != Role.API; }

  public boolean usesPostgres() { return databaseUrl != null; }

  public static Config fromEnvironment() {
    return from(System.getenv());
  }

  public static Config from(Map<String, String> env) {
    Reader r = new Reader(env);
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
    boolean allowPrivate = r.bool("PLATEN_ALLOW_PRIVATE_FETCH", false);
    long timeout = r.integer("PLATEN_RENDER_TIMEOUT_MS", (int) DEFAULT_RENDER_TIMEOUT_MS, 1_000, 3_600_000);
    long lease = r.integer("PLATEN_LEASE_MS", (int) DEFAULT_LEASE_MS, 1_000, 3_600_000);
    return new Config(port, dataDir, stripSlash(publicUrl), adminKey, bootstrapKey, databaseUrl,
        r.string("PLATEN_DATABASE_USER", null), r.string("PLATEN_DATABASE_PASSWORD", null), blob, s3, role,
        threads, depth, depthPerProject, maxPages, allowPrivate, timeout, lease,
        new Webhooks(r.bool("PLATEN_ALLOW_PRIVATE_WEBHOOKS", false), r.schedule("PLATEN_WEBHOOK_RETRY_SCHEDULE")));
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** Reads one variable at a time so every error names exactly one variable. */
  private record Reader(Map<String, String> env) {
    String string(String name, String dflt) {
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
