package dev.platen.api;

import dev.platen.auth.Principal;
import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import dev.platen.store.Ids;
import dev.platen.webhooks.Delivery;
import dev.platen.webhooks.Events;
import dev.platen.webhooks.Webhook;
import dev.platen.webhooks.WebhookStore;
import dev.platen.webhooks.Webhooks;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * /v1/webhooks: a project's subscriptions, their secrets, their delivery log and pings (a Platen extension: the
 * reference manages subscriptions only in its dashboard). docs/webhooks.md is the user's side of it.
 */
final class WebhooksApi {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final int MAX_DESCRIPTION = 280;
  static final long DEFAULT_OVERLAP_SECONDS = 24 * 3600;
  private static final long MAX_OVERLAP_SECONDS = 7 * 24 * 3600;

  private final Webhooks webhooks;
  private final WebhookStore store;
  private final JsonMapper json;
  private final Bodies out;
  private final InstantSource clock;

  WebhooksApi(Webhooks webhooks, JsonMapper json, Bodies out, InstantSource clock) {
    this.webhooks = webhooks;
    this.store = webhooks == null ? null : webhooks.store();
    this.json = json;
    this.out = out;
    this.clock = clock;
  }

  /** POST /v1/webhooks: the only answer that carries the secret, apart from a rotation. */
  void create(Context ctx, Principal p) {
    Fields f = Fields.parse(Json.readBody(ctx, json), true, webhooks);
    String secret = newSecret();
    Webhook w = store.create(p.projectId(), new WebhookStore.NewWebhook(f.url, f.events == null ? Events.DEFAULT
        : f.events, f.active == null || f.active, f.description), secret, clock.millis());
    Map<String, Object> body = view(w);
    Map<String, Object> withSecret = new java.util.LinkedHashMap<>();
    body.forEach((k, v) -> {
      if (k.equals("createdAt")) withSecret.put("secret", secret);
      withSecret.put(k, v);
    });
    out.send(ctx, 201, withSecret);
  }

  void list(Context ctx, Principal p) {
    out.send(ctx, 200, Map.of("webhooks", store.list(p.projectId()).stream().map(WebhooksApi::view).toList()));
  }

  void get(Context ctx, Principal p) {
    out.send(ctx, 200, view(find(ctx, p)));
  }

  void update(Context ctx, Principal p) {
    String id = find(ctx, p).id();
    Fields f = Fields.parse(Json.readBody(ctx, json), false, webhooks);
    Webhook w = store.update(p.projectId(), id, new WebhookStore.Change(f.url, f.events, f.active, f.description,
        f.hasDescription), clock.millis()).orElseThrow(() -> notFound(id));
    out.send(ctx, 200, view(w));
  }

  void delete(Context ctx, Principal p) {
    String id = find(ctx, p).id();
    if (!store.delete(p.projectId(), id)) throw notFound(id);
    out.send(ctx, 200, Bodies.map("id", id, "deleted", true));
  }

  /** POST /v1/webhooks/:id/rotate-secret, optionally {@code {"overlapSeconds": n}} (default a day). */
  void rotate(Context ctx, Principal p) {
    String id = find(ctx, p).id();
    long overlap = DEFAULT_OVERLAP_SECONDS;
    if (hasBody(ctx)) {
      JsonNode body = Json.readObject(ctx, json);
      JsonNode o = body.get("overlapSeconds");
      if (o != null && !o.isNull()) {
        if (!o.isIntegralNumber() || !o.canConvertToLong() || o.asLong() < 0 || o.asLong() > MAX_OVERLAP_SECONDS) {
          throw PlatenException.invalidRequest(new Issues().add("overlapSeconds",
              "Must be an integer from 0 to " + MAX_OVERLAP_SECONDS + " (7 days)."));
        }
        overlap = o.asLong();
      }
    }
    String secret = newSecret();
    long now = clock.millis();
    Webhook w = store.rotate(p.projectId(), id, secret, now, overlap * 1000).orElseThrow(() -> notFound(id));
    out.send(ctx, 200, Bodies.map("id", w.id(), "secret", secret, "overlapEndsAt", Json.time(w.overlapEndsAt())));
  }

  void completeRotation(Context ctx, Principal p) {
    String id = find(ctx, p).id();
    if (!store.completeRotation(p.projectId(), id, clock.millis())) {
      throw new PlatenException(409, "conflict", "No secret rotation is under way for webhook " + id
          + "; start one with POST /v1/webhooks/" + id + "/rotate-secret.");
    }
    out.send(ctx, 200, view(store.find(p.projectId(), id).orElseThrow(() -> notFound(id))));
  }

  /** GET /v1/webhooks/:id/deliveries?status=&cursor=&limit= (newest first). */
  void deliveries(Context ctx, Principal p) {
    Webhook w = find(ctx, p);
    Issues issues = new Issues();
    String status = ctx.queryParam("status");
    if (status != null && !Delivery.isStatus(status)) {
      issues.add("status", "Must be one of pending, delivered, failed, abandoned.");
    }
    String cursor = ctx.queryParam("cursor");
    if (cursor != null && !ID.matcher(cursor).matches()) {
      issues.add("cursor", "Must be a nextCursor from an earlier page.");
    }
    int limit = 50;
    String l = ctx.queryParam("limit");
    if (l != null) {
      try {
        limit = Integer.parseInt(l);
        if (limit < 1 || limit > 100) throw new NumberFormatException();
      } catch (NumberFormatException e) {
        issues.add("limit", "Must be an integer from 1 to 100.");
      }
    }
    issues.throwIfAnyAsInvalidRequest();
    List<Delivery> page = store.deliveries(w.id(), status, cursor, limit + 1);
    boolean more = page.size() > limit;
    List<Delivery> shown = more ? page.subList(0, limit) : page;
    out.send(ctx, 200, Bodies.map("deliveries", shown.stream().map(WebhooksApi::view).toList(),
        "nextCursor", more ? shown.get(shown.size() - 1).id() : null, "hasMore", more));
  }

  /** Requeues one delivery with a fresh attempt budget and the same id; 202, it is sent shortly. */
  void retry(Context ctx, Principal p) {
    Webhook w = find(ctx, p);
    String deliveryId = ctx.pathParam("deliveryId");
    Optional<Delivery> d = ID.matcher(deliveryId).matches() ? store.delivery(w.id(), deliveryId) : Optional.empty();
    Delivery requeued = d.flatMap(x -> store.retry(w.id(), x.id(), budgetOf(x), clock.millis()))
        .orElseThrow(() -> PlatenException.notFound("not_found", "No delivery with id '" + ApiErrors.abbreviate(deliveryId)
            + "' for webhook " + w.id() + "."));
    webhooks.dispatcher().wake();
    out.send(ctx, 202, view(requeued));
  }

  /** A ping is tried once; everything else gets the whole schedule again. */
  private int budgetOf(Delivery d) {
    return Events.PING.equals(d.event()) ? 1 : webhooks.dispatcher().schedule().attempts();
  }

  /** Sends a webhook.ping now and answers with its delivery, so a user can test a receiver. */
  void ping(Context ctx, Principal p) throws InterruptedException {
    out.send(ctx, 200, view(webhooks.dispatcher().ping(find(ctx, p))));
  }

  // ---- helpers -----------------------------------------------------------------------------------------------------

  private static String newSecret() {
    return "whsec_" + Ids.token(32);
  }

  private Webhook find(Context ctx, Principal p) {
    String id = ctx.pathParam("id");
    return (ID.matcher(id).matches() ? store.find(p.projectId(), id) : Optional.<Webhook>empty())
        .orElseThrow(() -> notFound(id));
  }

  private static PlatenException notFound(String id) {
    return PlatenException.notFound("not_found", "No webhook with id '" + ApiErrors.abbreviate(id) + "' in this project.");
  }


  private static boolean hasBody(Context ctx) {
    String length = ctx.header("Content-Length");
    if (length != null) return !length.trim().equals("0");
    return ctx.header("Transfer-Encoding") != null;
  }

  static Map<String, Object> view(Webhook w) {
    return Bodies.map("id", w.id(), "url", w.url(), "events", w.events(), "active", w.active(),
        "description", w.description(), "createdAt", Json.time(w.createdAt()), "updatedAt", Json.time(w.updatedAt()));
  }

  static Map<String, Object> view(Delivery d) {
    return Bodies.map("id", d.id(), "event", d.event(), "renderId", d.renderId(), "status", d.status(),
        "attempts", d.attempts(), "lastStatusCode", d.lastStatusCode(), "lastError", d.lastError(),
        "nextAttemptAt", Json.time(d.nextAttemptAt()), "createdAt", Json.time(d.createdAt()),
        "deliveredAt", Json.time(d.deliveredAt()));
  }

  /** The fields of a create or a PATCH, validated; null means absent. */
  private record Fields(String url, List<String> events, Boolean active, String description,
      boolean hasDescription) {

    static Fields parse(JsonNode body, boolean create, Webhooks webhooks) {
      Json.object(body);
      Issues issues = new Issues();
      String url = null;
      JsonNode u = body.get("url");
      if (u == null || u.isNull()) {
        if (create) issues.add("url", "Required");
      } else if (!u.isString()) {
        issues.add("url", "Expected an http or https URL string.");
      } else {
        url = u.asString().trim();
        webhooks.targets().problemWith(url).ifPresent(problem -> issues.add("url", problem));
      }
      List<String> events = null;
      List<String> unknown = new ArrayList<>();
      JsonNode e = body.get("events");
      if (e != null && !e.isNull()) {
        if (!e.isArray() || e.isEmpty()) {
          issues.add("events", "Expected a non-empty array of event names: " + String.join(", ", Events.ALL) + ".");
        } else {
          Set<String> names = new LinkedHashSet<>();
          for (JsonNode n : e) {
            if (!n.isString()) {
              issues.add("events", "Event names are strings.");
            } else if (!Events.ALL.contains(n.asString())) {
              unknown.add(n.asString());
            } else {
              names.add(n.asString());
            }
          }
          if (!unknown.isEmpty()) {
            issues.add("events", "Unknown event names: " + String.join(", ", unknown) + ". Known: "
                + String.join(", ", Events.ALL) + ".");
          }
          events = List.copyOf(names);
        }
      }
      Boolean active = null;
      JsonNode a = body.get("active");
      if (a != null && !a.isNull()) {
        if (a.isBoolean()) active = a.asBoolean();
        else issues.add("active", "Expected a boolean.");
      }
      String description = null;
      JsonNode d = body.get("description");
      boolean hasDescription = d != null;
      if (d != null && !d.isNull()) {
        if (!d.isString() || d.asString().length() > MAX_DESCRIPTION) {
          issues.add("description", "Expected a string of at most " + MAX_DESCRIPTION + " characters.");
        } else {
          description = d.asString();
        }
      }
      if (!create && url == null && events == null && active == null && !hasDescription && issues.isEmpty()) {
        issues.addForm("Send at least one of url, events, active, description.");
      }
      if (!unknown.isEmpty()) {
        throw new PlatenException(400, "invalid_request", "Unknown event names: " + String.join(", ", unknown)
            + ".", issues);
      }
      issues.throwIfAnyAsInvalidRequest();
      return new Fields(url, events, active, description, hasDescription);
    }
  }
}
