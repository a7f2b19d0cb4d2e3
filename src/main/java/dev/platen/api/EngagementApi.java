package dev.platen.api;

import dev.platen.auth.Principal;
import dev.platen.errors.Issues;
import dev.platen.jobs.RenderQueue;
import dev.platen.jobs.RenderRecord;
import dev.platen.sharing.EngagementStore;
import dev.platen.sharing.EventType;
import dev.platen.sharing.Sharing;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What happened to a render's document: events the partner reports, and the summary of all of them. */
final class EngagementApi {
  /** Metadata is a note about an event, not a document store. */
  static final int MAX_METADATA_BYTES = 4_096;
  private static final List<EventType> REPORTABLE = List.of(EventType.VIEWED, EventType.DOWNLOADED,
      EventType.PRINTED);

  private final RenderQueue renders;
  private final Sharing sharing;
  private final JsonMapper json;
  private final Bodies out;

  EngagementApi(RenderQueue renders, Sharing sharing, JsonMapper json, Bodies out) {
    this.renders = renders;
    this.sharing = sharing;
    this.json = json;
    this.out = out;
  }

  /** POST /v1/renders/:id/events: a repeat from the same address within 5 minutes answers recorded false. */
  void report(Context ctx, Principal p) {
    JsonNode body = Json.readObject(ctx, json);
    Issues issues = new Issues();
    JsonNode t = body.get("eventType");
    Optional<EventType> type = Optional.empty();
    if (t == null || t.isNull()) {
      issues.add("eventType", "Required");
    } else {
      type = t.isString() ? EventType.fromWire(t.asString()).filter(REPORTABLE::contains) : Optional.empty();
      if (type.isEmpty()) issues.add("eventType", SharesApi.invalidEnum("'viewed' | 'downloaded' | 'printed'", t));
    }
    String metadata = null;
    JsonNode m = body.get("metadata");
    if (m != null && !m.isNull()) {
      if (!m.isObject()) {
        issues.add("metadata", "Expected object, received "
            + m.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      } else {
        metadata = json.writeValueAsString(m);
        if (metadata.getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
          issues.add("metadata", "Must be at most " + MAX_METADATA_BYTES + " bytes as JSON.");
        }
      }
    }
    issues.throwIfAnyAsInvalidRequest();
    RenderRecord r = SharesApi.render(renders, ctx, p);
    boolean recorded = sharing.report(p.projectId(), r.id(), type.orElseThrow(), metadata, SharesApi.requester(ctx));
    out.send(ctx, 200, Map.of("recorded", recorded));
  }

  /** GET /v1/renders/:id/engagement */
  void summary(Context ctx, Principal p) {
    RenderRecord r = SharesApi.render(renders, ctx, p);
    EngagementStore.Summary s = sharing.engagement(r.id());
    Map<String, Object> counts = new LinkedHashMap<>();
    s.counts().forEach((type, n) -> counts.put(type.wire(), n));
    List<Map<String, Object>> recent = s.recent().stream().map(e -> Bodies.map("id", e.id(),
        "eventType", e.eventType(), "actorKind", e.actorKind(), "shareId", e.shareId(), "sourceIp", e.sourceIp(),
        "userAgent", e.userAgent(), "metadata", e.metadata() == null ? null : json.readTree(e.metadata()),
        "createdAt", Json.time(e.createdAt()))).toList();
    out.send(ctx, 200, Bodies.map("counts", counts, "linkOpens", s.linkOpens(), "total", s.total(),
        "recent", recent));
  }
}
