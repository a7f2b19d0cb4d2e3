package dev.platen.store;

import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Projects, their API keys and the installation's account keys. Keys arrive here already hashed by the caller,
 * never in plaintext.
 */
public final class ProjectStore {
  private final Jdbi jdbi;
  private final Database db;
  private final InstantSource clock;

  /**
   * How long a key found active may be trusted without asking the database again. Another process's revocation
   * or project deletion must hold within a second (issue 11); this process's own writes clear the cache at once.
   */
  static final long KEY_TRUST_NANOS = 750_000_000L;
  /** Beyond this many cached keys the cache starts over: a bound on memory, not an eviction policy. */
  private static final int MAX_CACHED_KEYS = 10_000;
  private record CachedKey(KeyOwner owner, long readAt) {}
  /** key hash → the owner the database last answered: the per-request key read was 14% of HTTP threads' CPU. */
  private final ConcurrentHashMap<String, CachedKey> activeKeys = new ConcurrentHashMap<>();
  /** Moved on by every write that can end a key's validity, so a read racing such a write is not cached. */
  private final AtomicLong keyWrites = new AtomicLong();

  public ProjectStore(Database db) {
    this(db, InstantSource.system());
  }

  public ProjectStore(Database db, InstantSource clock) {
    this.db = db;
    this.jdbi = db.jdbi();
    this.clock = clock;
  }

  /** A key that matched: its project, whether it is a test key, and whether its project was deleted since. */
  public record KeyOwner(String projectId, String keyId, boolean test, boolean projectDeleted) {}

  /** A project created for an external organisation by admin provisioning. */
  public record Provisioned(String projectId, String externalOrgId, String name, String encryptedKey,
      String emailFrom) {}

  /** A project as the account API shows it; {@code deletedAt} is null while it lives. */
  public record ProjectRow(String id, String slug, String name, String externalOrgId, String emailFrom,
      long createdAt, Long deletedAt) {}

  /** A project key as listed: never its secret or its hash. */
  public record KeyRow(String id, String projectId, String name, String prefix, boolean test, long createdAt,
      Long lastUsedAt, Long revokedAt) {}

  private static final String PROJECT_COLS =
      "id, slug, name, external_org_id, email_from, created_at, deleted_at";
  private static final String KEY_COLS = "id, project_id, name, prefix, test, created_at, last_used_at, revoked_at";

  /** A key to give the first project, already hashed. */
  public record FirstKey(String keyHash, String prefix, boolean test, String name) {}

  /**
   * Creates the first project with its keys, and the account's first key, unless a project exists. Processes
   * starting together on one empty database all call this; the check and the inserts hold one database-wide lock
   * (PostgreSQL's advisory lock, SQLite's write lock), so exactly one of them creates it.
   *
   * @return the new project's id, or empty when there already was a project
   */
  public Optional<String> createFirstProject(String name, String slug, List<FirstKey> keys, String accountKeyHash,
      String accountKeyPrefix) {
    return db.write(h -> {
      db.lockInstallation(h);
      if (h.createQuery("SELECT COUNT(*) FROM projects").mapTo(Long.class).one() > 0) return Optional.<String>empty();
      String id = Ids.newId();
      insertProject(h, id, name, slug, null, null);
      for (FirstKey k : keys) insertKey(h, id, k.keyHash(), k.prefix(), k.test(), k.name());
      if (h.createQuery("SELECT COUNT(*) FROM account_keys").mapTo(Long.class).one() == 0) {
        insertAccountKey(h, accountKeyHash, accountKeyPrefix);
      }
      return Optional.of(id);
    });
  }

  /** A project with no key yet (for tests and fixtures), its slug the first free of "project", "project-2", … */
  public String createProject(String name, String externalOrgId, String encryptedKey) {
    return create(name, "project", externalOrgId, encryptedKey).id();
  }

  /**
   * POST /v1/projects. Slugs are unique over every project ever made, deleted ones included (they stay reserved);
   * a concurrent request that took the same slug first makes this one try the next.
   */
  public ProjectRow create(String name, String slugBase) {
    return create(name, slugBase, null, null);
  }

  private ProjectRow create(String name, String slugBase, String externalOrgId, String encryptedKey) {
    for (int attempt = 0; ; attempt++) {
      try {
        return db.write(h -> {
          String id = Ids.newId();
          String slug = freeSlug(h, slugBase);
          insertProject(h, id, name, slug, externalOrgId, encryptedKey);
          return new ProjectRow(id, slug, name, externalOrgId, null, clock.millis(), null);
        });
      } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
        if (attempt >= 5) throw e;
      }
    }
  }

  private void insertProject(Handle h, String id, String name, String slug, String externalOrgId,
      String encryptedKey) {
    long now = clock.millis();
    h.createUpdate("INSERT INTO projects (id, name, slug, external_org_id, provisioned_key, created_at, updated_at) "
            + "VALUES (:id, :name, :slug, :ext, :key, :now, :now)")
        .bind("id", id).bind("name", name).bind("slug", slug).bind("ext", externalOrgId).bind("key", encryptedKey)
        .bind("now", now)
        .execute();
  }

  private static String freeSlug(Handle h, String base) {
    Set<String> taken = new HashSet<>(h.createQuery(
            "SELECT slug FROM projects WHERE slug = :base OR slug LIKE :pattern")
        .bind("base", base).bind("pattern", base + "-%")
        .mapTo(String.class).list());
    return TemplateStore.firstFree(base, taken);
  }

  /**
   * Gives every project made before slugs existed one derived from its name, oldest first. Several processes may
   * start at once: the installation lock lets one do it.
   *
   * @return how many projects got a slug
   */
  public int assignMissingSlugs(UnaryOperator<String> derive) {
    return db.write(h -> {
      db.lockInstallation(h);
      List<String[]> missing = h.createQuery("SELECT id, name FROM projects WHERE slug IS NULL ORDER BY created_at, id")
          .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).list();
      for (String[] p : missing) {
        h.createUpdate("UPDATE projects SET slug = :slug WHERE id = :id")
            .bind("slug", freeSlug(h, derive.apply(p[1]))).bind("id", p[0]).execute();
      }
      return missing.size();
    });
  }

  /** Live projects, oldest first. */
  public List<ProjectRow> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + PROJECT_COLS
            + " FROM projects WHERE deleted_at IS NULL ORDER BY created_at, id")
        .map((rs, ctx) -> projectRow(rs)).list());
  }

  /** A live project by id. */
  public Optional<ProjectRow> find(String id) {
    return jdbi.withHandle(h -> findLive(h, id));
  }

  private static Optional<ProjectRow> findLive(Handle h, String id) {
    return h.createQuery("SELECT " + PROJECT_COLS + " FROM projects WHERE id = :id AND deleted_at IS NULL")
        .bind("id", id).map((rs, ctx) -> projectRow(rs)).findOne();
  }

  /** A project by id or slug, deleted ones included (the recovery commands say which it is). */
  public Optional<ProjectRow> findAny(String idOrSlug) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + PROJECT_COLS
            + " FROM projects WHERE id = :ref OR slug = :ref ORDER BY CASE WHEN id = :ref THEN 0 ELSE 1 END")
        .bind("ref", idOrSlug).map((rs, ctx) -> projectRow(rs)).findFirst());
  }

  /** Renames a live project; its slug stays what it was. */
  public Optional<ProjectRow> rename(String id, String name) {
    return db.write(h -> {
      int n = h.createUpdate(
              "UPDATE projects SET name = :name, updated_at = :now WHERE id = :id AND deleted_at IS NULL")
          .bind("name", name).bind("now", clock.millis()).bind("id", id).execute();
      return n == 0 ? Optional.<ProjectRow>empty() : findLive(h, id);
    });
  }

  /**
   * Soft delete: everything the project holds stays, its keys stop working (403) and its slug stays reserved.
   *
   * @return empty when there is no live project with this id
   */
  public boolean delete(String id) {
    try {
      return db.write(h -> h.createUpdate(
              "UPDATE projects SET deleted_at = :now, updated_at = :now WHERE id = :id AND deleted_at IS NULL")
          .bind("now", clock.millis()).bind("id", id).execute() == 1);
    } finally {
      forgetKeys();
    }
  }

  private static ProjectRow projectRow(java.sql.ResultSet rs) throws java.sql.SQLException {
    long deleted = rs.getLong(7);
    Long deletedAt = rs.wasNull() ? null : deleted;
    return new ProjectRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getLong(6), deletedAt);
  }

  public void addKey(String projectId, String keyHash, String prefix, boolean test, String name) {
    db.write(h -> insertKey(h, projectId, keyHash, prefix, test, name));
  }

  /**
   * A new key of a live project.
   *
   * @return empty when there is no live project with this id
   */
  public Optional<KeyRow> createKey(String projectId, String keyHash, String prefix, boolean test, String name) {
    return db.write(h -> findLive(h, projectId).map(p -> insertKey(h, projectId, keyHash, prefix, test, name)));
  }

  private KeyRow insertKey(Handle h, String projectId, String keyHash, String prefix, boolean test, String name) {
    String id = Ids.newId();
    long now = clock.millis();
    h.createUpdate("INSERT INTO api_keys (id, project_id, key_hash, prefix, test, name, created_at) "
            + "VALUES (:id, :project, :hash, :prefix, :test, :name, :now)")
        .bind("id", id).bind("project", projectId).bind("hash", keyHash).bind("prefix", prefix)
        .bind("test", test).bind("name", name).bind("now", now)
        .execute();
    return new KeyRow(id, projectId, name, prefix, test, now, null, null);
  }

  /**
   * An unrevoked key by its hash, with its project's state: a deleted project's keys still match, to be refused.
   * Answers from memory for up to {@link #KEY_TRUST_NANOS} after the database last said so; unknown keys are never
   * cached (a guesser would only fill memory).
   */
  public Optional<KeyOwner> findActiveKey(String keyHash) {
    long now = System.nanoTime();
    CachedKey cached = activeKeys.get(keyHash);
    if (cached != null && now - cached.readAt() < KEY_TRUST_NANOS) return Optional.of(cached.owner());
    long writes = keyWrites.get();
    Optional<KeyOwner> found = readActiveKey(keyHash);
    if (found.isEmpty()) {
      activeKeys.remove(keyHash);
    } else {
      if (activeKeys.size() >= MAX_CACHED_KEYS) activeKeys.clear();
      activeKeys.put(keyHash, new CachedKey(found.get(), now));
      // a revocation that committed while we read may have cleared the cache before our put: undo it
      if (keyWrites.get() != writes) activeKeys.remove(keyHash);
    }
    return found;
  }

  /** After a write that can end keys' validity (committed or not: forgetting too much only costs a read). */
  private void forgetKeys() {
    keyWrites.incrementAndGet();
    activeKeys.clear();
  }

  private Optional<KeyOwner> readActiveKey(String keyHash) {
    return jdbi.withHandle(h -> h.createQuery("SELECT k.project_id, k.id, k.test, p.deleted_at FROM api_keys k "
            + "JOIN projects p ON p.id = k.project_id WHERE k.key_hash = :hash AND k.revoked_at IS NULL")
        .bind("hash", keyHash)
        .map((rs, ctx) -> {
          rs.getLong(4);
          boolean deleted = !rs.wasNull();
          return new KeyOwner(rs.getString(1), rs.getString(2), rs.getBoolean(3), deleted);
        })
        .findOne());
  }

  /** Keys of one project (revoked ones included), oldest first; every key of the installation when null. */
  public List<KeyRow> keys(String projectId) {
    return jdbi.withHandle(h -> {
      var q = h.createQuery("SELECT " + KEY_COLS + " FROM api_keys"
          + (projectId == null ? "" : " WHERE project_id = :project") + " ORDER BY created_at, id");
      if (projectId != null) q.bind("project", projectId);
      return q.map((rs, ctx) -> keyRow(rs)).list();
    });
  }

  public Optional<KeyRow> key(String keyId) {
    return jdbi.withHandle(h -> key(h, keyId));
  }

  private static Optional<KeyRow> key(Handle h, String keyId) {
    return h.createQuery("SELECT " + KEY_COLS + " FROM api_keys WHERE id = :id").bind("id", keyId)
        .map((rs, ctx) -> keyRow(rs)).findOne();
  }

  /**
   * Revokes a key; the next request with it to this process is refused, to other processes within a second.
   *
   * @param projectId the project it must belong to, or null for any (the recovery command)
   * @return empty when the key is unknown, of another project, or already revoked
   */
  public Optional<KeyRow> revoke(String projectId, String keyId) {
    try {
      return db.write(h -> {
        var update = h.createUpdate("UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL"
                + (projectId == null ? "" : " AND project_id = :project"))
            .bind("now", clock.millis()).bind("id", keyId);
        if (projectId != null) update.bind("project", projectId);
        int n = update.execute();
        return n == 0 ? Optional.<KeyRow>empty() : key(h, keyId);
      });
    } finally {
      forgetKeys();
    }
  }

  /** Revokes the key with this hash, whichever project it belongs to. */
  public void revokeKey(String keyHash) {
    try {
      db.write(h -> h.createUpdate(
              "UPDATE api_keys SET revoked_at = :now WHERE key_hash = :hash AND revoked_at IS NULL")
          .bind("now", clock.millis()).bind("hash", keyHash).execute());
    } finally {
      forgetKeys();
    }
  }

  /** Records that a key was used at {@code at}; callers throttle it (a write per request would be the cost). */
  public void touchKey(String keyId, long at) {
    db.write(h -> h.createUpdate("UPDATE api_keys SET last_used_at = :at WHERE id = :id")
        .bind("at", at).bind("id", keyId).execute());
  }

  private static KeyRow keyRow(java.sql.ResultSet rs) throws java.sql.SQLException {
    long used = rs.getLong(7);
    Long lastUsed = rs.wasNull() ? null : used;
    long revoked = rs.getLong(8);
    Long revokedAt = rs.wasNull() ? null : revoked;
    return new KeyRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
        rs.getLong(6), lastUsed, revokedAt);
  }

  // ---- the account's keys ---------------------------------------------------------------------------------------

  /** The id of the unrevoked account key with this hash. */
  public Optional<String> findAccountKey(String keyHash) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT id FROM account_keys WHERE key_hash = :hash AND revoked_at IS NULL")
        .bind("hash", keyHash).mapTo(String.class).findOne());
  }

  /**
   * Creates the account's first key unless it ever had one (a rotated or revoked history counts), under the
   * installation lock so that processes starting together make one.
   *
   * @return true when this call created it
   */
  public boolean createFirstAccountKey(String keyHash, String prefix) {
    return db.write(h -> {
      db.lockInstallation(h);
      if (h.createQuery("SELECT COUNT(*) FROM account_keys").mapTo(Long.class).one() > 0) return false;
      insertAccountKey(h, keyHash, prefix);
      return true;
    });
  }

  /**
   * Revokes every account key and adds this one, in one transaction.
   *
   * @return how many keys were revoked
   */
  public int rotateAccountKey(String keyHash, String prefix) {
    return db.write(h -> {
      db.lockInstallation(h);
      int revoked = h.createUpdate("UPDATE account_keys SET revoked_at = :now WHERE revoked_at IS NULL")
          .bind("now", clock.millis()).execute();
      insertAccountKey(h, keyHash, prefix);
      return revoked;
    });
  }

  private void insertAccountKey(Handle h, String keyHash, String prefix) {
    h.createUpdate("INSERT INTO account_keys (id, key_hash, prefix, created_at) VALUES (:id, :hash, :prefix, :now)")
        .bind("id", Ids.newId()).bind("hash", keyHash).bind("prefix", prefix).bind("now", clock.millis())
        .execute();
  }

  public Optional<Provisioned> findProvisioned(String externalOrgId) {
    return jdbi.withHandle(h -> findProvisioned(h, externalOrgId));
  }

  private static Optional<Provisioned> findProvisioned(Handle h, String externalOrgId) {
    return h.createQuery("SELECT id, external_org_id, name, provisioned_key, email_from FROM projects "
            + "WHERE external_org_id = :ext AND deleted_at IS NULL")
        .bind("ext", externalOrgId)
        .map((rs, ctx) -> new Provisioned(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5)))
        .findOne();
  }

  /**
   * PATCH /v1/admin/provision: the settings a partner may change on its live provisioned project.
   *
   * @param name the new name, or null to keep it
   * @param emailFrom whether to change the sender, and to what (null clears it: PLATEN_EMAIL_FROM sends again)
   * @return empty when no live project was provisioned for this organisation
   */
  public Optional<Provisioned> updateProvisioned(String externalOrgId, String name, String emailFrom,
      boolean changeEmailFrom) {
    return db.write(h -> {
      Optional<Provisioned> p = findProvisioned(h, externalOrgId);
      if (p.isEmpty() || findLive(h, p.get().projectId()).isEmpty()) return Optional.<Provisioned>empty();
      h.createUpdate("UPDATE projects SET name = :name, email_from = :from, updated_at = :now WHERE id = :id")
          .bind("name", name != null ? name : p.get().name())
          .bind("from", changeEmailFrom ? emailFrom : p.get().emailFrom())
          .bind("now", clock.millis()).bind("id", p.get().projectId()).execute();
      return findProvisioned(h, externalOrgId);
    });
  }

  /**
   * Creates the project and its key in one transaction. Returns empty when another request provisioned the same
   * organisation first (the unique constraint decided), so the caller reads that one instead.
   */
  public Optional<Provisioned> provision(String externalOrgId, String name, String slugBase, String encryptedKey,
      String keyHash, String prefix) {
    try {
      return Optional.of(db.write(h -> {
        // a deleted project gives its organisation up: provisioning it again makes a new project and key, where
        // handing back the old key would give a key that every route refuses (403)
        h.createUpdate("UPDATE projects SET external_org_id = NULL WHERE external_org_id = :ext "
            + "AND deleted_at IS NOT NULL").bind("ext", externalOrgId).execute();
        String id = Ids.newId();
        insertProject(h, id, name, freeSlug(h, slugBase), externalOrgId, encryptedKey);
        insertKey(h, id, keyHash, prefix, false, "Provisioned key");
        return new Provisioned(id, externalOrgId, name, encryptedKey, null);
      }));
    } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
      if (findProvisioned(externalOrgId).isPresent()) return Optional.empty();
      throw e;
    }
  }
}
