package dev.platen.api;

import dev.platen.auth.Principal;
import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import dev.platen.jobs.RenderQueue;
import dev.platen.jobs.RenderRecord;
import dev.platen.jobs.RenderStatus;
import dev.platen.sharing.Channel;
import dev.platen.sharing.ShareStore;
import dev.platen.sharing.ShareStore.Share;
import dev.platen.sharing.Sharing;
import dev.platen.templates.ValueRules;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Share links of a render and their delivery by e-mail (the reference's §f.1). */
final class SharesApi {
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  static final int MAX_MESSAGE = 2_000;
  static final int MAX_NAME = 200;
  private static final int MAX_USER_AGENT = 512;

  private final RenderQueue renders;
  private final Sharing sharing;
  private final JsonMapper json;
  private final Bodies out;

  SharesApi(RenderQueue renders, Sharing sharing, JsonMapper json, Bodies out) {
    this.renders = renders;
    this.sharing = sharing;
    this.json = json;
    this.out = out;
  }

  /** POST /v1/renders/:id/shares */
  void create(Context ctx, Principal p) {
    JsonNode body = Json.readObject(ctx, json);
    Issues issues = new Issues();
    Channel channel = Channel.LINK;
    JsonNode c = body.get("channel");
    if (c != null && !c.isNull()) {
      Optional<Channel> parsed = c.isString() ? Channel.fromWire(c.asString()) : Optional.empty();
      if (parsed.isEmpty()) issues.add("channel", invalidEnum("'link' | 'email'", c));
      channel = parsed.orElse(Channel.LINK);
    }
    String recipient = email(body, "recipientEmail", channel == Channel.EMAIL, issues);
    String message = text(body, "message", MAX_MESSAGE, issues);
    Long expiresAt = instant(body, "expiresAt", issues);
    issues.throwIfAnyAsInvalidRequest();
    Sharing.Document d = shareable(ctx, p);
    Share s = sharing.create(d, new Sharing.NewShare(channel, recipient, message, expiresAt), requester(ctx));
    out.send(ctx, 201, created(s));
  }

  /** GET /v1/renders/:id/shares: newest first, revoked ones included. */
  void list(Context ctx, Principal p) {
    RenderRecord r = render(renders, ctx, p);
    List<Map<String, Object>> list = sharing.list(p.projectId(), r.id()).stream().map(s -> {
      Map<String, Object> m = created(s);
      m.put("revokedReason", s.revokedReason());
      m.put("clickCount", s.clickCount());
      return m;
    }).toList();
    out.send(ctx, 200, Map.of("shares", list));
  }

  /** DELETE /v1/renders/:id/shares/:shareId: the public link stops working with the next request. */
  void revoke(Context ctx, Principal p) {
    RenderRecord r = render(renders, ctx, p);
    String shareId = ctx.pathParam("shareId");
    var revoked = (UUID_TEXT.matcher(shareId).matches()
        ? sharing.revoke(p.projectId(), r.id(), shareId, requester(ctx)) : Optional.<ShareStore.Revoked>empty())
        .orElseThrow(() -> PlatenException.notFound("not_found", "No active share with id '" + ApiErrors.abbreviate(shareId)
            + "' on render " + r.id() + "."));
    out.send(ctx, 200, Bodies.map("id", revoked.id(), "revokedAt", Json.time(revoked.revokedAt())));
  }

  /** POST /v1/renders/:id/email: the share exists only once the SMTP server has accepted the e-mail. */
  void email(Context ctx, Principal p) {
    JsonNode body = Json.readObject(ctx, json);
    Sharing.Emailed sent = ShareEmails.send(sharing, body, () -> shareable(ctx, p), requester(ctx));
    out.send(ctx, 201, Bodies.map("id", sent.share().id(), "shareToken", sent.share().token(),
        "shareUrl", sharing.shareUrl(sent.share().token()), "emailMessageId", sent.messageId(),
        "sentAt", Json.time(sent.sentAt())));
  }

  private Map<String, Object> created(Share s) {
    return Bodies.map("id", s.id(), "shareToken", s.token(), "shareUrl", sharing.shareUrl(s.token()),
        "channel", s.channel().wire(), "recipientEmail", s.recipientEmail(), "message", s.message(),
        "expiresAt", Json.time(s.expiresAt()), "revokedAt", Json.time(s.revokedAt()),
        "createdAt", Json.time(s.createdAt()));
  }

  /** The render of the path, in the caller's project, with a PDF to share. */
  private Sharing.Document shareable(Context ctx, Principal p) {
    RenderRecord r = render(renders, ctx, p);
    if (r.status() != RenderStatus.SUCCEEDED) {
      throw new PlatenException(409, "not_ready", "Render " + r.id() + " has not succeeded (status "
          + r.status().wire() + "); only a finished PDF can be shared.");
    }
    return new Sharing.Document(p.projectId(), r.id(), r.filename(), r.blobKey());
  }

  /** The render of the path in the caller's project; anything else, another project's render included, is 404. */
  static RenderRecord render(RenderQueue renders, Context ctx, Principal p) {
    String id = ctx.pathParam("id");
    return (UUID_TEXT.matcher(id).matches() ? renders.find(p.projectId(), id) : Optional.<RenderRecord>empty())
        .orElseThrow(() -> PlatenException.notFound("not_found", "No render with id '" + ApiErrors.abbreviate(id)
            + "' in this project."));
  }

  static Sharing.Requester requester(Context ctx) {
    String agent = ctx.header("User-Agent");
    if (agent != null && agent.length() > MAX_USER_AGENT) agent = agent.substring(0, MAX_USER_AGENT);
    return new Sharing.Requester(ctx.ip(), agent);
  }

  static String email(JsonNode body, String field, boolean required, Issues issues) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      if (required) issues.add(field, "Required");
      return null;
    }
    if (!n.isString()) {
      issues.add(field, "Expected string, received " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      return null;
    }
    String s = n.asString().strip();
    if (!ValueRules.isEmail(s)) {
      issues.add(field, "Invalid email");
      return null;
    }
    return s;
  }

  static String text(JsonNode body, String field, int max, Issues issues) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) return null;
    if (!n.isString()) {
      issues.add(field, "Expected string, received " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      return null;
    }
    String s = n.asString();
    if (s.length() > max) {
      issues.add(field, "Must be at most " + max + " characters.");
      return null;
    }
    return s.isBlank() ? null : s;
  }

  /** An ISO-8601 date-time with an offset ({@code 2026-06-05T10:00:00.000Z}), as epoch ms; null when absent. */
  static Long instant(JsonNode body, String field, Issues issues) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) return null;
    try {
      if (n.isString()) return OffsetDateTime.parse(n.asString()).toInstant().toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      // reported below
    }
    issues.add(field, "Expected an ISO-8601 date-time with a time zone, such as 2026-06-05T10:00:00.000Z.");
    return null;
  }

  /** Zod's wording, which Craftkit clients already show their users. */
  static String invalidEnum(String options, JsonNode received) {
    return "Invalid enum value. Expected " + options + ", received "
        + (received.isString() ? "'" + ApiErrors.abbreviate(received.asString()) + "'" : received.getNodeType().name()
            .toLowerCase(java.util.Locale.ROOT));
  }
}
