package dev.platen.sharing;

import dev.platen.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Share links in SQL. Creating and revoking one writes its engagement event and outbox message in the same
 * transaction.
 */
public final class ShareStore {
  /** A revocation through the API; the only reason Platen records today. */
  public static final String REVOKED_BY_PARTNER = "revoked_by_partner";
  /** A render's share list stops here; no client of the reference pages through shares. */
  public static final int MAX_LISTED = 1_000;

  private final Database db;
  private final EngagementStore events;

  public ShareStore(Database db, EngagementStore events) {
    this.db = db;
    this.events = events;
  }

  /** A share as stored; {@code clickCount} counts its recipient's views. */
  public record Share(String id, String projectId, String renderId, String token, Channel channel,
      String recipientEmail, String recipientName, String message, String emailMessageId, Long expiresAt,
      Long revokedAt, String revokedReason, long createdAt, long clickCount) {}

  /** A share with what its public page shows: the render's template name and file. */
  public record SharedFile(Share share, String title, String filename, String blobKey) {}

  /** A revocation that happened now. */
  public record Revoked(String id, long revokedAt) {}

  private static final String COLS = "s.id, s.project_id, s.render_id, s.token, s.channel, s.recipient_email, "
      + "s.recipient_name, s.message, s.email_message_id, s.expires_at, s.revoked_at, s.revoked_reason, s.created_at";

  private static final String CLICKS = "(SELECT COUNT(*) FROM engagement_events e WHERE e.share_id = s.id "
      + "AND e.event_type = 'viewed' AND e.actor_kind = 'recipient')";

  private static Share row(ResultSet rs) throws SQLException {
    return new Share(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        Channel.fromWire(rs.getString(5)).orElseThrow(), rs.getString(6), rs.getString(7), rs.getString(8),
        rs.getString(9), nullableLong(rs, 10), nullableLong(rs, 11), rs.getString(12), rs.getLong(13), rs.getLong(14));
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  /**
   * Inserts the share and, in the same transaction, its events: {@code share_created}, then {@code email_sent}
   * when it went out by e-mail.
   */
  void insert(Share s, String sourceIp, String userAgent) {
    db.write(h -> {
      h.createUpdate("INSERT INTO shares (id, project_id, render_id, token, channel, recipient_email, recipient_name, "
              + "message, email_message_id, expires_at, created_at) VALUES (:id, :project, :render, :token, :channel, "
              + ":email, :name, :message, :messageId, :expires, :now)")
          .bind("id", s.id()).bind("project", s.projectId()).bind("render", s.renderId()).bind("token", s.token())
          .bind("channel", s.channel().wire()).bind("email", s.recipientEmail()).bind("name", s.recipientName())
          .bind("message", s.message()).bind("messageId", s.emailMessageId()).bind("expires", s.expiresAt())
          .bind("now", s.createdAt())
          .execute();
      events.append(h, new EngagementStore.NewEvent(s.projectId(), s.renderId(), s.id(), EventType.SHARE_CREATED,
          ActorKind.PARTNER, sourceIp, userAgent, null, s.createdAt()));
      if (s.emailMessageId() != null) {
        events.append(h, new EngagementStore.NewEvent(s.projectId(), s.renderId(), s.id(), EventType.EMAIL_SENT,
            ActorKind.PARTNER, sourceIp, userAgent, null, s.createdAt()));
      }
      return null;
    });
  }

  /** A render's shares, newest first, revoked ones included. */
  public List<Share> list(String projectId, String renderId) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT " + COLS + ", " + CLICKS + " FROM shares s "
            + "WHERE s.project_id = :project AND s.render_id = :render ORDER BY s.created_at DESC, s.id DESC LIMIT "
            + MAX_LISTED)
        .bind("project", projectId).bind("render", renderId)
        .map((rs, ctx) -> row(rs)).list());
  }

  /** @return empty when there is no such live share of this render in this project (unknown or already revoked) */
  Optional<Revoked> revoke(String projectId, String renderId, String shareId, String sourceIp, String userAgent,
      long now) {
    return db.write(h -> {
      int n = h.createUpdate("UPDATE shares SET revoked_at = :now, revoked_reason = :reason WHERE id = :id "
              + "AND project_id = :project AND render_id = :render AND revoked_at IS NULL")
          .bind("now", now).bind("reason", REVOKED_BY_PARTNER).bind("id", shareId).bind("project", projectId)
          .bind("render", renderId)
          .execute();
      if (n == 0) return Optional.<Revoked>empty();
      events.append(h, new EngagementStore.NewEvent(projectId, renderId, shareId, EventType.SHARE_REVOKED,
          ActorKind.PARTNER, sourceIp, userAgent, null, now));
      return Optional.of(new Revoked(shareId, now));
    });
  }

  /** The share behind a public token, revoked or expired ones included (the caller tells them apart). */
  Optional<SharedFile> byToken(String token) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT " + COLS + ", 0, t.name, r.filename, r.blob_key "
            + "FROM shares s JOIN renders r ON r.id = s.render_id JOIN templates t ON t.id = r.template_id "
            + "WHERE s.token = :token")
        .bind("token", token)
        .map((rs, ctx) -> new SharedFile(row(rs), rs.getString(15), rs.getString(16), rs.getString(17)))
        .findOne());
  }

  /** The name of the template a render was made from, for the e-mail's subject. */
  Optional<String> title(String renderId) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT t.name FROM renders r JOIN templates t "
            + "ON t.id = r.template_id WHERE r.id = :id")
        .bind("id", renderId).mapTo(String.class).findOne());
  }

  /** The project's own sender (PATCH /v1/admin/provision's {@code emailFrom}), when it has one. */
  Optional<String> sender(String projectId) {
    return db.jdbi().withHandle(h -> h.createQuery(
            "SELECT email_from FROM projects WHERE id = :id AND email_from IS NOT NULL")
        .bind("id", projectId).mapTo(String.class).findOne());
  }
}
