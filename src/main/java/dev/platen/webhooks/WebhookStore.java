package dev.platen.webhooks;

import dev.platen.store.Database;
import dev.platen.store.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Subscriptions and their deliveries, on SQLite and PostgreSQL in the same SQL. Deliveries are made from the
 * {@code outbox} by {@link #fanOut} (each outbox row exactly once) and claimed by {@link #claim} under a lease and a
 * fencing token, as renders are: an attempt is sent by one process only, and a sender that lost its lease (to a
 * takeover or a manual retry) cannot record its result.
 */
public final class WebhookStore {
  private final Database db;
  private final Jdbi jdbi;

  public WebhookStore(Database db) {
    this.db = db;
    this.jdbi = db.jdbi();
  }

  private static final String COLS = "id, project_id, url, events, active, description, secret, next_secret, "
      + "overlap_ends_at, created_at, updated_at";

  private static final String DELIVERY_COLS = "id, webhook_id, event, render_id, status, attempts, "
      + "last_status_code, last_error, next_attempt_at, created_at, delivered_at";

  /** Owed and not in flight. The status text matches the partial index {@code webhook_deliveries_due}. */
  private static final String DUE = "status IN ('pending', 'failed') AND next_attempt_at <= :now "
      + "AND (lease_until IS NULL OR lease_until < :now)";
  private static final String DUE_D = "d.status IN ('pending', 'failed') AND d.next_attempt_at <= :now "
      + "AND (d.lease_until IS NULL OR d.lease_until < :now)";

  private static Webhook webhook(ResultSet rs) throws SQLException {
    return new Webhook(rs.getString(1), rs.getString(2), rs.getString(3), splitEvents(rs.getString(4)),
        rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getString(8), nullableLong(rs, 9), rs.getLong(10),
        rs.getLong(11));
  }

  private static Delivery delivery(ResultSet rs) throws SQLException {
    int code = rs.getInt(7);
    Integer lastCode = rs.wasNull() ? null : code;
    return new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getInt(6), lastCode, rs.getString(8), nullableLong(rs, 9), rs.getLong(10), nullableLong(rs, 11));
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static List<String> splitEvents(String events) {
    return events.isEmpty() ? List.of() : List.of(events.split(","));
  }

  // ---- subscriptions --------------------------------------------------------------------------------------------

  public record NewWebhook(String url, List<String> events, boolean active, String description) {}

  /** A partial update: a null field is left as it is, except {@code description} when {@code setDescription}. */
  public record Change(String url, List<String> events, Boolean active, String description,
      boolean setDescription) {}

  public Webhook create(String projectId, NewWebhook w, String secret, long now) {
    String id = Ids.newId();
    db.write(h -> h.createUpdate("INSERT INTO webhooks (" + COLS + ") VALUES (:id, :project, :url, :events, "
            + ":active, :description, :secret, NULL, NULL, :now, :now)")
        .bind("id", id).bind("project", projectId).bind("url", w.url()).bind("events", String.join(",", w.events()))
        .bind("active", w.active()).bind("description", w.description()).bind("secret", secret).bind("now", now)
        .execute());
    return new Webhook(id, projectId, w.url(), List.copyOf(w.events()), w.active(), w.description(), secret, null,
        null, now, now);
  }

  public List<Webhook> list(String projectId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLS + " FROM webhooks WHERE project_id = :project "
            + "ORDER BY created_at, id")
        .bind("project", projectId).map((rs, ctx) -> webhook(rs)).list());
  }

  /** A subscription of this project; another project's id is simply not found. */
  public Optional<Webhook> find(String projectId, String id) {
    return jdbi.withHandle(h -> find(h, projectId, id));
  }

  private static Optional<Webhook> find(Handle h, String projectId, String id) {
    return h.createQuery("SELECT " + COLS + " FROM webhooks WHERE id = :id AND project_id = :project")
        .bind("id", id).bind("project", projectId).map((rs, ctx) -> webhook(rs)).findOne();
  }

  public Optional<Webhook> update(String projectId, String id, Change c, long now) {
    return db.write(h -> {
      int n = h.createUpdate("UPDATE webhooks SET url = COALESCE(:url, url), events = COALESCE(:events, events), "
              + "active = COALESCE(:active, active), description = CASE WHEN :setDescription THEN :description "
              + "ELSE description END, updated_at = :now WHERE id = :id AND project_id = :project")
          .bind("url", c.url()).bind("events", c.events() == null ? null : String.join(",", c.events()))
          .bind("active", c.active()).bind("setDescription", c.setDescription()).bind("description", c.description())
          .bind("now", now).bind("id", id).bind("project", projectId)
          .execute();
      return n == 0 ? Optional.<Webhook>empty() : find(h, projectId, id);
    });
  }

  /** Removes the subscription and its delivery log; what was still owed to it is no longer sent. */
  public boolean delete(String projectId, String id) {
    return db.write(h -> {
      if (find(h, projectId, id).isEmpty()) return false;
      h.createUpdate("DELETE FROM webhook_deliveries WHERE webhook_id = :id").bind("id", id).execute();
      return h.createUpdate("DELETE FROM webhooks WHERE id = :id").bind("id", id).execute() == 1;
    });
  }

  /**
   * Starts a rotation: {@code newSecret} signs alongside the current secret until {@code now + overlapMs}. A rotation
   * whose overlap already ended is settled first (its new secret becomes the current one); a rotation still under
   * way keeps its old secret, and {@code newSecret} replaces the one it introduced.
   */
  public Optional<Webhook> rotate(String projectId, String id, String newSecret, long now, long overlapMs) {
    return db.write(h -> {
      int n = h.createUpdate("UPDATE webhooks SET secret = CASE WHEN next_secret IS NOT NULL "
              + "AND overlap_ends_at <= :now THEN next_secret ELSE secret END, next_secret = :next, "
              + "overlap_ends_at = :ends, updated_at = :now WHERE id = :id AND project_id = :project")
          .bind("now", now).bind("next", newSecret).bind("ends", now + overlapMs).bind("id", id)
          .bind("project", projectId)
          .execute();
      return n == 0 ? Optional.<Webhook>empty() : find(h, projectId, id);
    });
  }

  /** Ends a rotation now: only the new secret signs from here on. False when no rotation was started. */
  public boolean completeRotation(String projectId, String id, long now) {
    return db.write(h -> h.createUpdate("UPDATE webhooks SET secret = next_secret, next_secret = NULL, "
            + "overlap_ends_at = NULL, updated_at = :now WHERE id = :id AND project_id = :project "
            + "AND next_secret IS NOT NULL")
        .bind("now", now).bind("id", id).bind("project", projectId)
        .execute()) == 1;
  }

  // ---- the delivery log -----------------------------------------------------------------------------------------

  /**
   * Newest first, keyset-paginated on the (time-ordered) delivery id.
   *
   * @param status one of {@link Delivery}'s statuses, or null for all
   * @param before the last id of the previous page, or null for the first page
   */
  public List<Delivery> deliveries(String webhookId, String status, String before, int limit) {
    return jdbi.withHandle(h -> {
      var q = h.createQuery("SELECT " + DELIVERY_COLS + " FROM webhook_deliveries WHERE webhook_id = :webhook"
              + (status == null ? "" : " AND status = :status") + (before == null ? "" : " AND id < :before")
              + " ORDER BY id DESC LIMIT :limit")
          .bind("webhook", webhookId).bind("limit", limit);
      if (status != null) q.bind("status", status);
      if (before != null) q.bind("before", before);
      return q.map((rs, ctx) -> delivery(rs)).list();
    });
  }

  public Optional<Delivery> delivery(String webhookId, String deliveryId) {
    return jdbi.withHandle(h -> delivery(h, webhookId, deliveryId));
  }

  private static Optional<Delivery> delivery(Handle h, String webhookId, String deliveryId) {
    return h.createQuery("SELECT " + DELIVERY_COLS + " FROM webhook_deliveries WHERE id = :id "
            + "AND webhook_id = :webhook")
        .bind("id", deliveryId).bind("webhook", webhookId).map((rs, ctx) -> delivery(rs)).findOne();
  }

  /**
   * Requeues a delivery, whatever its status, with a fresh budget of {@code maxAttempts} and the same id. The token
   * moves on, so an attempt in flight cannot record its result over this.
   */
  public Optional<Delivery> retry(String webhookId, String deliveryId, int maxAttempts, long now) {
    return db.write(h -> {
      int n = h.createUpdate("UPDATE webhook_deliveries SET status = 'pending', attempts = 0, "
              + "max_attempts = :max, next_attempt_at = :now, delivered_at = NULL, lease_owner = NULL, "
              + "lease_until = NULL, lease_token = lease_token + 1 WHERE id = :id AND webhook_id = :webhook")
          .bind("max", maxAttempts).bind("now", now).bind("id", deliveryId).bind("webhook", webhookId)
          .execute();
      return n == 0 ? Optional.<Delivery>empty() : delivery(h, webhookId, deliveryId);
    });
  }

  // ---- sending ----------------------------------------------------------------------------------------------------

  /** An attempt this process holds the lease for; its result is recorded with {@link #round} or {@link #record}. */
  public record Claimed(String deliveryId, String event, String payload, int attempts, int maxAttempts,
      long leaseToken, Webhook webhook) {
    String url() { return webhook.url(); }
  }

  /** A ping: a delivery created already claimed by {@code owner}, with a budget of one attempt. */
  Claimed insertClaimedPing(Webhook w, String payload, String owner, long now, long leaseMs) {
    String id = Ids.newId();
    db.write(h -> h.createUpdate("INSERT INTO webhook_deliveries (id, webhook_id, project_id, event, payload, "
            + "status, attempts, max_attempts, next_attempt_at, lease_owner, lease_until, lease_token, created_at) "
            + "VALUES (:id, :webhook, :project, :event, :payload, 'pending', 1, 1, :now, :owner, :until, 1, :now)")
        .bind("id", id).bind("webhook", w.id()).bind("project", w.projectId()).bind("event", Events.PING)
        .bind("payload", payload).bind("now", now).bind("owner", owner).bind("until", now + leaseMs)
        .execute());
    return new Claimed(id, Events.PING, payload, 1, 1, 1, w);
  }

  /**
   * What one round of the dispatcher asks: record these results, fan out up to {@code fanOutBatch} outbox rows, and
   * claim up to {@code room} due deliveries with at most {@code perWebhook} in flight per subscription, counting
   * {@code inFlight} (this process's attempts under way).
   */
  record RoundRequest(String owner, long now, long leaseMs, List<Result> results, int fanOutBatch, int maxAttempts,
      int room, int perWebhook, Map<String, Integer> inFlight) {}

  /** What a round did: results recorded, outbox rows dispatched, deliveries now leased to the caller. */
  record Round(int recorded, int fannedOut, List<Claimed> claimed) {}

  /**
   * One round in one transaction, so under load the webhooks cost a few commits per round, not per delivery. Only
   * reads happen when there is nothing to record, fan out or claim: the idle case stays off SQLite's write lock.
   */
  Round round(RoundRequest r) {
    boolean owed = r.fanOutBatch() > 0 && jdbi.withHandle(h -> h.createQuery("SELECT id FROM outbox "
        + "WHERE dispatched_at IS NULL ORDER BY id LIMIT 1").mapTo(String.class).findOne().isPresent());
    boolean due = r.room() > 0 && !jdbi.withHandle(h -> pick(h, r)).isEmpty();
    if (r.results().isEmpty() && !owed && !due) return new Round(0, 0, List.of());
    return db.write(h -> {
      int recorded = record(h, r.results());
      int fanned = owed ? fanOut(h, r.now(), r.fanOutBatch(), r.maxAttempts()) : 0;
      // picked again inside: what this round just fanned out can go at once
      List<Claimed> claimed = r.room() > 0 && (due || fanned > 0) ? lease(h, r, pick(h, r)) : List.of();
      return new Round(recorded, fanned, claimed);
    });
  }

  /**
   * Turns up to {@code batch} outbox rows, oldest first, into deliveries for the active subscriptions of their
   * project that ask for their topic and existed when the message was written, and stamps the rows. On PostgreSQL
   * concurrent fan-outs skip each other's rows; the unique (webhook, outbox row) pair would stop a second fan-out of
   * one row regardless.
   *
   * @return how many outbox rows were dispatched
   */
  private int fanOut(Handle h, long now, int batch, int maxAttempts) {
    record Message(String id, String topic, String projectId, String renderId, String payload, long createdAt) {}
    List<Message> messages = h.createQuery("SELECT id, topic, project_id, render_id, payload, created_at "
            + "FROM outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT :n"
            + (db.vendor() == Database.Vendor.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : ""))
        .bind("n", batch)
        .map((rs, ctx) -> new Message(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getLong(6)))
        .list();
    if (messages.isEmpty()) return 0;
    Set<String> projects = new LinkedHashSet<>();
    messages.forEach(m -> projects.add(m.projectId()));
    Map<String, List<Webhook>> byProject = new HashMap<>();
    h.createQuery("SELECT " + COLS + " FROM webhooks WHERE active = :yes AND project_id IN (<projects>)")
        .bind("yes", true).bindList("projects", List.copyOf(projects))
        .map((rs, ctx) -> webhook(rs))
        .forEach(w -> byProject.computeIfAbsent(w.projectId(), k -> new ArrayList<>()).add(w));
    PreparedBatch insert = h.prepareBatch("INSERT INTO webhook_deliveries (id, webhook_id, project_id, "
        + "outbox_id, event, render_id, payload, status, attempts, max_attempts, next_attempt_at, created_at) "
        + "VALUES (:id, :webhook, :project, :outbox, :event, :render, :payload, 'pending', 0, :max, :now, "
        + ":createdAt) ON CONFLICT (webhook_id, outbox_id) DO NOTHING");
    int deliveries = 0;
    for (Message m : messages) {
      for (Webhook w : byProject.getOrDefault(m.projectId(), List.of())) {
        if (!w.events().contains(m.topic()) || w.createdAt() > m.createdAt()) continue;
        insert.bind("id", Ids.newId()).bind("webhook", w.id()).bind("project", m.projectId())
            .bind("outbox", m.id()).bind("event", m.topic()).bind("render", m.renderId())
            .bind("payload", m.payload()).bind("max", maxAttempts).bind("now", now)
            .bind("createdAt", m.createdAt()).add();
        deliveries++;
      }
    }
    if (deliveries > 0) insert.execute();
    h.createUpdate("UPDATE outbox SET dispatched_at = :now WHERE id IN (<ids>)")
        .bind("now", now).bindList("ids", messages.stream().map(Message::id).toList())
        .execute();
    return messages.size();
  }

  /**
   * Deletes up to {@code batch} outbox rows fanned out before {@code before} (epoch ms). Nothing reads a row again
   * once it is fanned out: its deliveries carry their own copy of the body. Rows still owed are never deleted.
   *
   * @return how many rows were deleted
   */
  int prune(long before, int batch) {
    return db.write(h -> h.createUpdate("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox "
            + "WHERE dispatched_at IS NOT NULL AND dispatched_at < :before ORDER BY dispatched_at LIMIT :n)")
        .bind("before", before).bind("n", batch).execute());
  }

  /** Due deliveries of active subscriptions, oldest due first, that fit the room and the per-subscription cap. */
  private List<String> pick(Handle h, RoundRequest r) {
    List<String> full = r.inFlight().entrySet().stream().filter(e -> e.getValue() >= r.perWebhook())
        .map(Map.Entry::getKey).toList();
    record Candidate(String id, String webhookId) {}
    var q = h.createQuery("SELECT d.id, d.webhook_id FROM webhook_deliveries d JOIN webhooks w "
            + "ON w.id = d.webhook_id WHERE " + DUE_D + " AND w.active = :yes"
            + (full.isEmpty() ? "" : " AND d.webhook_id NOT IN (<full>)")
            + " ORDER BY d.next_attempt_at, d.id LIMIT :scan")
        .bind("now", r.now()).bind("yes", true).bind("scan", r.room() * 4);
    if (!full.isEmpty()) q.bindList("full", full);
    Map<String, Integer> taken = new HashMap<>(r.inFlight());
    List<String> picked = new ArrayList<>();
    for (Candidate c : q.map((rs, ctx) -> new Candidate(rs.getString(1), rs.getString(2))).list()) {
      if (picked.size() == r.room()) break;
      if (taken.getOrDefault(c.webhookId(), 0) >= r.perWebhook()) continue;
      taken.merge(c.webhookId(), 1, Integer::sum);
      picked.add(c.id());
    }
    return picked;
  }

  /**
   * Leases the picked deliveries to the caller. The UPDATE checks again that each is still due, so one that another
   * process took since it was picked is simply not returned.
   */
  private List<Claimed> lease(Handle h, RoundRequest r, List<String> picked) {
    if (picked.isEmpty()) return List.of();
    record Leased(String id, String webhookId, String event, String payload, int attempts, int max, long token) {}
    List<Leased> leased = h.createQuery("UPDATE webhook_deliveries SET attempts = attempts + 1, "
            + "lease_owner = :owner, lease_until = :until, lease_token = lease_token + 1 "
            + "WHERE id IN (<ids>) AND " + DUE
            + " RETURNING id, webhook_id, event, payload, attempts, max_attempts, lease_token")
        .bind("owner", r.owner()).bind("until", r.now() + r.leaseMs()).bind("now", r.now()).bindList("ids", picked)
        .map((rs, ctx) -> new Leased(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getInt(5), rs.getInt(6), rs.getLong(7)))
        .list();
    if (leased.isEmpty()) return List.of();
    Map<String, Webhook> hooks = new HashMap<>();
    h.createQuery("SELECT " + COLS + " FROM webhooks WHERE id IN (<ids>)")
        .bindList("ids", leased.stream().map(Leased::webhookId).distinct().toList())
        .map((rs, ctx) -> webhook(rs)).forEach(w -> hooks.put(w.id(), w));
    return leased.stream().map(l -> new Claimed(l.id(), l.event(), l.payload(), l.attempts(), l.max(), l.token(),
        hooks.get(l.webhookId()))).toList();
  }

  /**
   * What an attempt came to, to be recorded.
   *
   * @param nextAttemptAt when the next attempt is due, for status {@code failed}; otherwise null
   */
  record Result(Claimed claim, String status, Integer statusCode, String error, Long nextAttemptAt, long at) {}

  /** Records one result by itself (a ping's, which its caller waits for). False when the claim was lost. */
  boolean record(Result result) {
    return db.write(h -> record(h, List.of(result))) == 1;
  }

  /**
   * Records attempts' results, each under its claim's fencing token: a claim lost meanwhile (to a takeover or a
   * manual retry) writes nothing.
   *
   * @return how many were recorded
   */
  private static int record(Handle h, List<Result> results) {
    if (results.isEmpty()) return 0;
    PreparedBatch batch = h.prepareBatch("UPDATE webhook_deliveries SET status = :status, "
        + "last_status_code = :code, last_error = :error, next_attempt_at = :next, delivered_at = :delivered, "
        + "lease_owner = NULL, lease_until = NULL WHERE id = :id AND lease_token = :token");
    for (Result r : results) {
      batch.bind("status", r.status()).bind("code", r.statusCode()).bind("error", r.error())
          .bind("next", r.nextAttemptAt()).bind("delivered", Delivery.DELIVERED.equals(r.status()) ? r.at() : null)
          .bind("id", r.claim().deliveryId()).bind("token", r.claim().leaseToken()).add();
    }
    int recorded = 0;
    for (int n : batch.execute()) recorded += n;
    return recorded;
  }

  /**
   * Gives up the leases of {@code owner} (null: every lease, for the embedded database at start-up, where no other
   * process can hold one). The attempts they counted stay counted: the receiver may have got them.
   *
   * @return how many deliveries were released
   */
  int releaseLeases(String owner) {
    return db.write(h -> {
      var u = h.createUpdate("UPDATE webhook_deliveries SET lease_owner = NULL, lease_until = NULL, "
          + "lease_token = lease_token + 1 WHERE status IN ('pending', 'failed') AND lease_until IS NOT NULL"
          + (owner == null ? "" : " AND lease_owner = :owner"));
      if (owner != null) u.bind("owner", owner);
      return u.execute();
    });
  }
}
