package dev.platen.store;

import java.time.InstantSource;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Projects and their API keys. Keys arrive here already hashed by the caller, never in plaintext. */
public final class ProjectStore {
  private final Jdbi jdbi;
  private final Database db;
  private final InstantSource clock;

  public ProjectStore(Database db) {
    this(db, InstantSource.system());
  }

  public ProjectStore(Database db, InstantSource clock) {
    this.db = db;
    this.jdbi = db.jdbi();
    this.clock = clock;
  }

  /** A key that authenticated: its project and whether it is a test key. */
  public record KeyOwner(String projectId, String keyId, boolean test) {}

  /** A project created for an external organisation by admin provisioning. */
  public record Provisioned(String projectId, String externalOrgId, String name, String encryptedKey) {}

  /** A key to give the first project, already hashed. */
  public record FirstKey(String keyHash, String prefix, boolean test, String name) {}

  /**
   * Creates the first project with its keys, unless a project exists. Processes starting together on one empty
   * database all call this; the check and the inserts hold one database-wide lock (PostgreSQL's advisory lock,
   * SQLite's write lock), so exactly one of them creates it.
   *
   * @return the new project's id, or empty when there already was a project
   */
  public Optional<String> createFirstProject(String name, java.util.List<FirstKey> keys) {
    return db.write(h -> {
      db.lockInstallation(h);
      if (h.createQuery("SELECT COUNT(*) FROM projects").mapTo(Long.class).one() > 0) return Optional.<String>empty();
      String id = Ids.newId();
      insertProject(h, id, name, null, null);
      for (FirstKey k : keys) insertKey(h, id, k.keyHash(), k.prefix(), k.test(), k.name());
      return Optional.of(id);
    });
  }

  public String createProject(String name, String externalOrgId, String encryptedKey) {
    String id = Ids.newId();
    db.write(h -> {
      insertProject(h, id, name, externalOrgId, encryptedKey);
      return null;
    });
    return id;
  }

  private void insertProject(Handle h, String id, String name, String externalOrgId, String encryptedKey) {
    h.createUpdate("INSERT INTO projects (id, name, external_org_id, provisioned_key, created_at) "
            + "VALUES (:id, :name, :ext, :key, :now)")
        .bind("id", id).bind("name", name).bind("ext", externalOrgId).bind("key", encryptedKey)
        .bind("now", clock.millis())
        .execute();
  }

  public void addKey(String projectId, String keyHash, String prefix, boolean test, String name) {
    db.write(h -> {
      insertKey(h, projectId, keyHash, prefix, test, name);
      return null;
    });
  }

  private void insertKey(Handle h, String projectId, String keyHash, String prefix, boolean test,
      String name) {
    h.createUpdate("INSERT INTO api_keys (id, project_id, key_hash, prefix, test, name, created_at) "
            + "VALUES (:id, :project, :hash, :prefix, :test, :name, :now)")
        .bind("id", Ids.newId()).bind("project", projectId).bind("hash", keyHash).bind("prefix", prefix)
        .bind("test", test).bind("name", name).bind("now", clock.millis())
        .execute();
  }

  public Optional<KeyOwner> findActiveKey(String keyHash) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT project_id, id, test FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL")
        .bind("hash", keyHash)
        .map((rs, ctx) -> new KeyOwner(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
        .findOne());
  }

  public void revokeKey(String keyHash) {
    db.write(h -> h.createUpdate("UPDATE api_keys SET revoked_at = :now WHERE key_hash = :hash")
        .bind("now", clock.millis()).bind("hash", keyHash).execute());
  }

  public Optional<Provisioned> findProvisioned(String externalOrgId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT id, external_org_id, name, provisioned_key FROM projects WHERE external_org_id = :ext")
        .bind("ext", externalOrgId)
        .map((rs, ctx) -> new Provisioned(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .findOne());
  }

  /**
   * Creates the project and its key in one transaction. Returns empty when another request provisioned the same
   * organisation first (the unique constraint decided), so the caller reads that one instead.
   */
  public Optional<Provisioned> provision(String externalOrgId, String name, String encryptedKey, String keyHash,
      String prefix) {
    try {
      return Optional.of(db.write(h -> {
        String id = Ids.newId();
        insertProject(h, id, name, externalOrgId, encryptedKey);
        insertKey(h, id, keyHash, prefix, false, "Provisioned key");
        return new Provisioned(id, externalOrgId, name, encryptedKey);
      }));
    } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
      if (findProvisioned(externalOrgId).isPresent()) return Optional.empty();
      throw e;
    }
  }
}
