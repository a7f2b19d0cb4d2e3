package dev.platen.api;

import dev.platen.blob.BlobStore;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this process can do its work: the database answers, the schema this build needs is there, the blob store
 * takes a write, and the process is not shutting down. Load balancers and Kubernetes readiness probes read it at
 * {@code GET /ready}; {@code GET /health} says only that the process is alive.
 */
public final class Readiness {
  private static final Logger log = LoggerFactory.getLogger(Readiness.class);
  /**
   * A successful blob write is trusted this long by default: probes come every few seconds, and on S3 each check
   * is a PUT. A failure is never cached, so recovery shows at the next probe.
   */
  public static final java.time.Duration BLOB_TRUST = java.time.Duration.ofSeconds(10);

  private final BooleanSupplier databaseUp;
  private final BooleanSupplier migrationsApplied;
  private final BlobStore blobs;
  private final String probeKey;
  private final BooleanSupplier stopping;
  private final long blobTrustNanos;
  private long blobCheckedAt;
  private boolean blobChecked;

  /**
   * @param probeKey the blob this process overwrites to prove the store writable. Processes sharing a store share
   *     it: a put replaces the object whole (a rename on files, a PUT on S3) and nothing reads it back, so their
   *     writes cannot mix, and restarts do not leave one object per process behind.
   * @param stopping true once shutdown began
   */
  public Readiness(BooleanSupplier databaseUp, BooleanSupplier migrationsApplied, BlobStore blobs, String probeKey,
      BooleanSupplier stopping) {
    this(databaseUp, migrationsApplied, blobs, probeKey, stopping, BLOB_TRUST);
  }

  /** @param blobTrust how long a successful blob write is trusted */
  Readiness(BooleanSupplier databaseUp, BooleanSupplier migrationsApplied, BlobStore blobs, String probeKey,
      BooleanSupplier stopping, java.time.Duration blobTrust) {
    this.blobTrustNanos = blobTrust.toNanos();
    this.databaseUp = databaseUp;
    this.migrationsApplied = migrationsApplied;
    this.blobs = blobs;
    this.probeKey = probeKey;
    this.stopping = stopping;
  }

  /** Each check by name: {@code "ok"} or what is wrong. */
  public Map<String, String> check() {
    Map<String, String> checks = new LinkedHashMap<>();
    boolean db = databaseUp.getAsBoolean();
    checks.put("database", db ? "ok" : "unreachable");
    checks.put("migrations", !db ? "not checked: database unreachable"
        : migrationsApplied.getAsBoolean() ? "ok" : "not applied");
    checks.put("blobStore", blobStore());
    checks.put("shutdown", stopping.getAsBoolean() ? "in progress" : "ok");
    return checks;
  }

  private synchronized String blobStore() {
    long now = System.nanoTime();
    if (blobChecked && now - blobCheckedAt < blobTrustNanos) return "ok";
    try {
      blobs.put(probeKey, ("ready " + now).getBytes(StandardCharsets.US_ASCII));
      blobChecked = true;
      blobCheckedAt = now;
      return "ok";
    } catch (Exception e) {
      blobChecked = false;
      log.warn("readiness: the blob store refused a write: {}", e.toString());
      return "not writable";
    }
  }
}
