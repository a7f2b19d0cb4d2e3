package dev.platen.sharing;

import dev.platen.store.Database;
import dev.platen.store.Ids;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import tools.jackson.databind.json.JsonMapper;

/**
 * Engagement events and their {@code document.*} outbox messages. An event row and its message are written by one
 * {@link #append} in the caller's transaction, so a message exists exactly when its fact committed.
 */
public final class EngagementStore {
  /** A reader's repeated event inside this window is the same event (see {@link EventType#deduplicated()}). */
  public static final long DEDUP_WINDOW_MS = 5 * 60 * 1000;
  /** How many of the newest events the engagement summary lists. */
  public static final int RECENT = 25;

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Database db;
  private final JsonMapper json;

  public EngagementStore(Database db, JsonMapper json) {
    this.db = db;
    this.json = json;
  }

  /**
   * @param shareId null for an event not made through a share (the partner's own report)
   * @param metadata JSON object text, or null
   */
  record NewEvent(String projectId, String renderId, String shareId, EventType type, ActorKind actor,
      String sourceIp, String userAgent, String metadata, long at) {}

  /** A stored event, as the engagement summary lists it. */
  public record Event(String id, String eventType, String actorKind, String shareId, String sourceIp,
      String userAgent, String metadata, long createdAt) {}

  /** Counts per type (all seven, zero-filled, in {@link EventType} order), link opens, total and the newest events. */
  public record Summary(Map<EventType, Long> counts, long linkOpens, long total, List<Event> recent) {}

  /** Writes the event and its outbox message in {@code h}'s transaction. */
  void append(Handle h, NewEvent e) {
    h.createUpdate("INSERT INTO engagement_events (id, project_id, render_id, share_id, event_type, actor_kind, "
            + "source_ip, user_agent, metadata, created_at) VALUES (:id, :project, :render, :share, :type, :actor, "
            + ":ip, :agent, :metadata, :at)")
        .bind("id", Ids.newId()).bind("project", e.projectId()).bind("render", e.renderId())
        .bind("share", e.shareId()).bind("type", e.type().wire()).bind("actor", e.actor().wire())
        .bind("ip", e.sourceIp()).bind("agent", e.userAgent()).bind("metadata", e.metadata()).bind("at", e.at())
        .execute();
    // The body exactly as a webhook receiver gets it; the dispatcher sends it unchanged.
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("event", e.type().event());
    payload.put("renderId", e.renderId());
    payload.put("shareId", e.shareId());
    payload.put("eventType", e.type().wire());
    payload.put("actorKind", e.actor().wire());
    payload.put("occurredAt", ISO_MILLIS.format(Instant.ofEpochMilli(e.at())));
    h.createUpdate("INSERT INTO outbox (id, topic, project_id, render_id, payload, created_at) "
            + "VALUES (:id, :topic, :project, :render, :payload, :at)")
        .bind("id", Ids.newId()).bind("topic", e.type().event()).bind("project", e.projectId())
        .bind("render", e.renderId()).bind("payload", json.writeValueAsString(payload)).bind("at", e.at())
        .execute();
  }

  /**
   * Records {@code e} unless it repeats one of the last {@link #DEDUP_WINDOW_MS} (same render, share, type and
   * address) for a type that is de-duplicated.
   *
   * @return whether it was recorded
   */
  boolean record(NewEvent e) {
    return db.write(h -> {
      if (e.type().deduplicated()) {
        if (db.vendor() == Database.Vendor.POSTGRESQL) {
          // Two identical events at once would both find no earlier one under READ COMMITTED; this transaction lock
          // lets the second see the first. (SQLite's writers are already one at a time.)
          h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:k)) l")
              .bind("k", (long) (e.renderId() + '\n' + e.shareId() + '\n' + e.type() + '\n' + e.sourceIp()).hashCode())
              .mapTo(Integer.class).one();
        }
        if (recentDuplicate(h, e)) return false;
      }
      append(h, e);
      return true;
    });
  }

  private static boolean recentDuplicate(Handle h, NewEvent e) {
    var q = h.createQuery("SELECT COUNT(*) FROM engagement_events WHERE render_id = :render AND event_type = :type "
            + "AND created_at > :since AND " + (e.shareId() == null ? "share_id IS NULL" : "share_id = :share")
            + " AND " + (e.sourceIp() == null ? "source_ip IS NULL" : "source_ip = :ip"))
        .bind("render", e.renderId()).bind("type", e.type().wire()).bind("since", e.at() - DEDUP_WINDOW_MS);
    if (e.shareId() != null) q.bind("share", e.shareId());
    if (e.sourceIp() != null) q.bind("ip", e.sourceIp());
    return q.mapTo(Long.class).one() > 0;
  }

  public Summary summary(String renderId) {
    return db.jdbi().withHandle(h -> {
      Map<EventType, Long> counts = new EnumMap<>(EventType.class);
      for (EventType t : EventType.values()) counts.put(t, 0L);
      h.createQuery("SELECT event_type, COUNT(*) FROM engagement_events WHERE render_id = :render "
              + "GROUP BY event_type")
          .bind("render", renderId)
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
          .forEach(c -> EventType.fromWire(c.getKey()).ifPresent(t -> counts.put(t, c.getValue())));
      long linkOpens = h.createQuery("SELECT COUNT(*) FROM engagement_events WHERE render_id = :render "
              + "AND event_type = :viewed AND share_id IS NOT NULL")
          .bind("render", renderId).bind("viewed", EventType.VIEWED.wire())
          .mapTo(Long.class).one();
      List<Event> recent = h.createQuery("SELECT id, event_type, actor_kind, share_id, source_ip, user_agent, "
              + "metadata, created_at FROM engagement_events WHERE render_id = :render "
              + "ORDER BY created_at DESC, id DESC LIMIT " + RECENT)
          .bind("render", renderId)
          .map((rs, ctx) -> new Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8)))
          .list();
      long total = counts.values().stream().mapToLong(Long::longValue).sum();
      return new Summary(counts, linkOpens, total, recent);
    });
  }
}
