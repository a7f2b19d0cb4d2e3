package dev.platen.api;

import dev.platen.auth.Principal;
import dev.platen.blob.BlobStore;
import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import dev.platen.jobs.Completions;
import dev.platen.jobs.RenderAdmission;
import dev.platen.jobs.RenderQueue;
import dev.platen.jobs.RenderRecord;
import dev.platen.jobs.RenderStatus;
import dev.platen.store.RenderListStore;
import dev.platen.store.TemplateStore;
import dev.platen.store.TemplateStore.TemplateRow;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Accepting renders, reading their records and streaming their PDFs. */
final class RendersApi {
  private static final Logger log = LoggerFactory.getLogger(RendersApi.class);
  private static final Pattern FILENAME = Pattern.compile("[A-Za-z0-9._\\- ]{1,200}");
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final int MAX_KEY = RenderIntake.MAX_IDEMPOTENCY_KEY;

  private final TemplateStore templates;
  private final RenderIntake intake;
  private final RenderQueue renders;
  private final BlobStore blobs;
  private final JsonMapper json;
  private final Bodies out;
  private final RenderViews views;
  private final InstantSource clock;
  private final RenderListStore listing;
  private final Completions completions;
  private final WaitSlots waitSlots;

  /** @param completions signals a render's terminal change, for {@code GET /v1/renders/:id?waitMs=} */
  RendersApi(TemplateStore templates, RenderQueue renders, BlobStore blobs, JsonMapper json, Bodies out,
      RenderViews views, RenderAdmission admission, InstantSource clock, RenderListStore listing,
      Completions completions) {
    this.templates = templates;
    this.intake = new RenderIntake(templates, renders, json, out, views, admission);
    this.renders = renders;
    this.blobs = blobs;
    this.json = json;
    this.out = out;
    this.views = views;
    this.clock = clock;
    this.listing = listing;
    this.completions = completions;
    this.waitSlots = WaitSlots.forQueue(admission.limits().maxDepth(), admission.limits().maxPerProject());
  }

  /**
   * POST /v1/templates/:slug/render. Idempotency is decided first (docs/decisions.md D3): a key already used
   * answers with its render whatever else the request says. The key is looked up only when the request would not
   * be accepted, though, since an accepted one meets the key's unique constraint at its insert and is answered
   * with the existing render there: the same answers, without a read on every accepted render.
   */
  void render(Context ctx, Principal p) {
    JsonNode body = Json.readBody(ctx, json);
    String key = idempotencyKey(ctx, body);
    try {
      Request req = Request.parse(body);
      String slug = ctx.pathParam("slug");
      TemplateRow t = templates.findLive(p.projectId(), slug)
          .orElseThrow(() -> TemplatesApi.templateNotFound(slug));
      intake.submit(ctx, new RenderIntake.Submission(p.projectId(), p.testKey(), key, t, req.versionNumber,
          req.data, req.filename), views::accepted);
    } catch (PlatenException e) {
      if (intake.replayed(ctx, p.projectId(), key, views::accepted)) return;
      throw e;
    }
  }

  /** What takes renders into the queue, shared with the inbound hook. */
  RenderIntake intake() { return intake; }

  private static String idempotencyKey(Context ctx, JsonNode body) {
    String h = RenderIntake.headerKey(ctx);
    if (h != null) return h;
    JsonNode jobId = body.path("jobId");
    if (jobId.isString() && !jobId.asString().isEmpty() && jobId.asString().length() <= MAX_KEY) {
      return jobId.asString();
    }
    return null;
  }

  /** The validated render body. */
  private record Request(JsonNode data, Integer versionNumber, String filename) {
    static Request parse(JsonNode body) {
      Issues issues = new Issues();
      Json.object(body);
      JsonNode data = body.get("data");
      if (data == null || data.isNull()) {
        issues.add("data", "Required");
      } else if (!data.isObject()) {
        issues.add("data", "Expected an object of variable values.");
      }
      JsonNode jobId = body.get("jobId");
      if (jobId != null && !jobId.isNull()
          && (!jobId.isString() || jobId.asString().isEmpty() || jobId.asString().length() > MAX_KEY)) {
        issues.add("jobId", "Must be a string of 1 to 200 characters.");
      }
      Integer version = null;
      String filename = null;
      JsonNode options = body.get("options");
      if (options != null && !options.isNull()) {
        if (!options.isObject()) {
          issues.add("options", "Expected an object.");
        } else {
          JsonNode sync = options.get("sync");
          if (sync != null && !sync.isNull() && !sync.isBoolean()) issues.add("options.sync", "Expected a boolean.");
          JsonNode vn = options.get("versionNumber");
          if (vn != null && !vn.isNull()) {
            if (vn.isIntegralNumber() && vn.canConvertToInt() && vn.asInt() >= 1) {
              version = vn.asInt();
            } else {
              issues.add("options.versionNumber", "Must be an integer of at least 1.");
            }
          }
          JsonNode fn = options.get("filename");
          if (fn != null && !fn.isNull()) {
            if (fn.isString() && FILENAME.matcher(fn.asString()).matches() && !fn.asString().isBlank()
                && !fn.asString().startsWith(".")) {
              String f = fn.asString().strip();
              filename = f.toLowerCase(java.util.Locale.ROOT).endsWith(".pdf") ? f : f + ".pdf";
            } else {
              issues.add("options.filename",
                  "Use 1 to 200 letters, digits, dots, dashes, underscores or spaces, not starting with a dot.");
            }
          }
        }
      }
      issues.throwIfAnyAsInvalidRequest();
      return new Request(data, version, filename);
    }
  }

  static final int MAX_WAIT_MS = 30_000;

  /**
   * GET /v1/renders/:id, with {@code ?waitMs=N} answering as soon as the render is terminal or after N ms. The
   * wait parks this request's virtual thread on a {@link Completions} signal, so waiting clients hold no platform
   * thread and the database is read once per signal (normally once more in all), never in a loop.
   */
  void get(Context ctx, Principal p) {
    long waitMs = waitMs(ctx);
    // a wait over the bound is answered as one that ran out at once
    if (waitMs == 0 || !waitSlots.enter(p.projectId())) {
      out.send(ctx, 200, views.full(find(ctx, p)));
      return;
    }
    try {
      waitFor(ctx, p, waitMs);
    } finally {
      waitSlots.exit(p.projectId());
    }
  }

  private void waitFor(Context ctx, Principal p, long waitMs) {
    String id = ctx.pathParam("id");
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
    boolean waiting = true;
    while (true) {
      // watched before the read, so a completion between the two wakes the wait instead of being missed
      CompletableFuture<Void> signal = UUID_TEXT.matcher(id).matches() ? completions.watch(id) : null;
      try {
        RenderRecord r = find(ctx, p);
        long left = deadline - System.nanoTime();
        if (!waiting || r.status().terminal() || left <= 0 || completions.closed()) {
          out.send(ctx, 200, views.full(r));
          return;
        }
        try {
          signal.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          waiting = false; // read once more and answer with whatever it is
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          waiting = false;
        } catch (ExecutionException e) {
          throw new IllegalStateException(e); // never completed exceptionally
        }
      } finally {
        if (signal != null) completions.unwatch(id, signal);
      }
    }
  }

  private static long waitMs(Context ctx) {
    String w = ctx.queryParam("waitMs");
    if (w == null) return 0;
    if (!w.matches("[0-9]{1,6}") || Integer.parseInt(w) > MAX_WAIT_MS) {
      throw PlatenException.invalidRequest(new Issues().add("waitMs",
          "Must be an integer from 0 to " + MAX_WAIT_MS + " (milliseconds)."));
    }
    return Long.parseLong(w);
  }

  /** GET /v1/renders: the project's renders, newest first, in keyset pages behind an opaque cursor. */
  void list(Context ctx, Principal p) {
    Issues issues = new Issues();
    int limit = 50;
    String l = ctx.queryParam("limit");
    if (l != null) {
      if (l.matches("[0-9]{1,3}") && Integer.parseInt(l) >= 1 && Integer.parseInt(l) <= 100) {
        limit = Integer.parseInt(l);
      } else {
        issues.add("limit", "Must be an integer from 1 to 100.");
      }
    }
    RenderStatus status = null;
    String st = ctx.queryParam("status");
    if (st != null) {
      status = java.util.Arrays.stream(RenderStatus.values()).filter(x -> x.wire().equals(st)).findFirst()
          .orElse(null);
      if (status == null) issues.add("status", "Must be one of queued, rendering, succeeded, failed, cancelled.");
    }
    String slug = ctx.queryParam("template");
    if (slug != null && !dev.platen.templates.Slugs.isValid(slug)) {
      issues.add("template", "Must be a template slug (lowercase letters, digits and single dashes).");
    }
    Long after = instant(ctx, "createdAfter", issues);
    Long before = instant(ctx, "createdBefore", issues);
    String cursor = ctx.queryParam("cursor");
    Long cursorAt = null;
    String cursorId = null;
    String filters = filtersHash(status, slug, after, before);
    if (cursor != null) {
      String[] parts = decodeCursor(cursor);
      if (parts == null) {
        issues.add("cursor", "Not a cursor from this list; pass nextCursor as it was given.");
      } else if (issues.isEmpty() && !parts[2].equals(filters)) {
        issues.add("cursor", "This cursor belongs to a list with other filters: repeat its status, template, "
            + "createdAfter and createdBefore as they were, or leave the cursor out to start again.");
      } else {
        cursorAt = Long.parseLong(parts[0]);
        cursorId = parts[1];
      }
    }
    issues.throwIfAnyAsInvalidRequest();
    var page = listing.page(p.projectId(),
        new RenderListStore.Filter(status, slug, after, before, cursorAt, cursorId), limit + 1);
    boolean hasMore = page.size() > limit;
    if (hasMore) page = page.subList(0, limit);
    var items = page.stream().map(x -> {
      var m = views.full(x.render());
      m.put("templateSlug", x.templateSlug());
      m.put("versionNumber", x.versionNumber());
      return m;
    }).toList();
    String next = hasMore ? encodeCursor(page.getLast().render(), filters) : null;
    out.send(ctx, 200, dev.platen.api.Bodies.map("renders", items, "nextCursor", next, "hasMore", hasMore));
  }

  private static Long instant(Context ctx, String name, Issues issues) {
    String v = ctx.queryParam(name);
    if (v == null) return null;
    try {
      return java.time.Instant.parse(v).toEpochMilli();
    } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
      issues.add(name, "Must be an ISO 8601 instant such as 2026-06-05T10:00:00.000Z.");
      return null;
    }
  }

  /**
   * A cursor is a position in one list: the same position under other filters would silently skip or repeat
   * renders, so it carries a digest of the filters it was issued for (not the limit, which may change per page).
   * Instants count by their value, so two spellings of one instant are the same filter.
   */
  private static String filtersHash(RenderStatus status, String slug, Long after, Long before) {
    String text = (status == null ? "" : status.wire()) + "\n" + (slug == null ? "" : slug) + "\n"
        + (after == null ? "" : after) + "\n" + (before == null ? "" : before);
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d, 0, 6);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // Opaque to clients so the order key can change without breaking them; it is not a secret.
  private static String encodeCursor(RenderRecord r, String filters) {
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        (r.createdAt() + ":" + r.id() + ":" + filters).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String[] decodeCursor(String cursor) {
    if (cursor.length() > 200) return null;
    try {
      String text = new String(java.util.Base64.getUrlDecoder().decode(cursor),
          java.nio.charset.StandardCharsets.UTF_8);
      String[] parts = text.split(":", 3);
      if (parts.length != 3 || !parts[0].matches("[0-9]{1,15}") || !UUID_TEXT.matcher(parts[1]).matches()
          || !parts[2].matches("[0-9a-f]{12}")) {
        return null;
      }
      return parts;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * POST /v1/renders/:id/cancel. A rendering render's worker is not stopped here: the queue moves the fencing
   * token on, so whatever the worker finishes later is discarded and the render stays cancelled.
   */
  void cancel(Context ctx, Principal p) {
    String id = ctx.pathParam("id");
    RenderQueue.Cancelled c = (UUID_TEXT.matcher(id).matches()
        ? renders.cancel(p.projectId(), id, clock.millis()) : Optional.<RenderQueue.Cancelled>empty())
        .orElseThrow(() -> notFound(id));
    if (!c.changed()) {
      throw new PlatenException(409, "conflict", "Render " + c.render().id() + " is already "
          + c.render().status().wire() + " and cannot be cancelled.");
    }
    out.send(ctx, 200, views.full(c.render()));
  }

  private RenderRecord find(Context ctx, Principal p) {
    String id = ctx.pathParam("id");
    return (UUID_TEXT.matcher(id).matches() ? renders.find(p.projectId(), id) : Optional.<RenderRecord>empty())
        .orElseThrow(() -> notFound(id));
  }

  private static PlatenException notFound(String id) {
    return PlatenException.notFound("not_found", "No render with id '" + ApiErrors.abbreviate(id) + "' in this project.");
  }


  /**
   * GET /v1/embed/renders: the reference's partner list, offset-paginated ({@code limit} 1–100, default 20;
   * {@code offset} from 0) with the total count; items are those of GET /v1/renders.
   */
  void embedList(Context ctx, Principal p) {
    Issues issues = new Issues();
    int limit = boundedInt(ctx, "limit", 20, 1, 100, issues);
    int offset = boundedInt(ctx, "offset", 0, 0, 100_000_000, issues);
    issues.throwIfAnyAsInvalidRequest();
    var items = listing.offsetPage(p.projectId(), limit, offset).stream().map(x -> {
      var m = views.full(x.render());
      m.put("templateSlug", x.templateSlug());
      m.put("versionNumber", x.versionNumber());
      return m;
    }).toList();
    out.send(ctx, 200, Bodies.map("renders", items, "total", listing.count(p.projectId())));
  }

  private static int boundedInt(Context ctx, String name, int dflt, int min, int max, Issues issues) {
    String v = ctx.queryParam(name);
    if (v == null) return dflt;
    if (v.matches("[0-9]{1,9}") && Integer.parseInt(v) >= min && Integer.parseInt(v) <= max) {
      return Integer.parseInt(v);
    }
    issues.add(name, "Must be an integer from " + min + " to " + max + ".");
    return dflt;
  }

  /** GET /v1/embed/renders/:id/download: inline, private cache (the reference's canonical private stream). */
  void embedDownload(Context ctx, Principal p) {
    RenderRecord r = find(ctx, p);
    if (r.status() != RenderStatus.SUCCEEDED) {
      throw PlatenException.notFound("not_found", "Render " + r.id() + " has no PDF yet (status " + r.status().wire()
          + ").");
    }
    stream(ctx, r, "inline", "private, max-age=3600");
  }

  /** GET /v1/renders/:id/download: attachment (the reference's older alias). */
  void download(Context ctx, Principal p) {
    RenderRecord r = find(ctx, p);
    if (r.status() != RenderStatus.SUCCEEDED) {
      throw new PlatenException(409, "not_ready", "Render " + r.id() + " has not succeeded (status "
          + r.status().wire() + ").");
    }
    stream(ctx, r, "attachment", "private, max-age=3600");
  }

  /** GET /files/:id/:token/:filename: the public, permanent downloadUrl. */
  void publicFile(Context ctx) {
    String id = ctx.pathParam("id");
    String token = ctx.pathParam("token");
    RenderRecord r = (UUID_TEXT.matcher(id).matches() && token.length() <= 64
        ? renders.findByDownloadToken(id, token) : Optional.<RenderRecord>empty())
        .filter(x -> x.status() == RenderStatus.SUCCEEDED && x.filename().equals(ctx.pathParam("filename")))
        .orElseThrow(() -> PlatenException.notFound("not_found", "No such file."));
    stream(ctx, r, "inline", "public, max-age=31536000, immutable");
  }

  private void stream(Context ctx, RenderRecord r, String disposition, String cache) {
    Downloads.send(ctx, blobs, new Downloads.Pdf(r.blobKey(), r.id(), r.filename(), disposition, cache, Map.of()),
        () -> { });
  }
}
