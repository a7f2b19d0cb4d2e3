package dev.platen.web;

import dev.platen.errors.PlatenException;
import dev.platen.jobs.NewRender;
import dev.platen.jobs.RenderQueue;
import dev.platen.jobs.RenderRecord;
import dev.platen.jobs.RenderStatus;
import dev.platen.sharing.Channel;
import dev.platen.sharing.ShareStore;
import dev.platen.sharing.Sharing;
import dev.platen.store.Ids;
import dev.platen.store.RenderListStore;
import dev.platen.store.TemplateListStore;
import dev.platen.store.TemplateStore;
import dev.platen.webhooks.Delivery;
import dev.platen.webhooks.Events;
import dev.platen.webhooks.Webhook;
import dev.platen.webhooks.WebhookStore;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dashboard's pages and form actions. Every read and write is scoped to the session's project. */
public final class Pages {
  private static final Logger log = LoggerFactory.getLogger(Pages.class);
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  static final int PAGE_SIZE = 50;
  /** How often a live list looks for new renders and status changes, and how long one stream stays open. */
  static final long LIVE_POLL_MS = 1_000;
  private static final long LIVE_MAX_MS = 10 * 60_000;
  /** Live lists one session may hold open at once (each reads the database every second). */
  static final int MAX_STREAMS = 6;
  static final int TEMPLATE_SUGGESTIONS = 100;

  private final Dashboard dash;
  private final Services svc;
  private final InstantSource clock;

  Pages(Dashboard dash, Services svc, InstantSource clock) {
    this.dash = dash;
    this.svc = svc;
    this.clock = clock;
  }

  // ---- renders -----------------------------------------------------------------------------------------------------

  /**
   * The list's filters, read from the query string; {@code from} and {@code to} are UTC days, both included. A
   * value that is not valid is refused with 400, as the API refuses it.
   */
  public record Filters(String status, String template, String from, String to, String cursor) {
    static Filters of(Context ctx) {
      String st = blankToNull(ctx.queryParam("status"));
      if (st != null && Arrays.stream(RenderStatus.values()).noneMatch(x -> x.wire().equals(st))) {
        throw new PlatenException(400, "invalid_request", "Status must be one of queued, rendering, succeeded, "
            + "failed, cancelled.");
      }
      String t = blankToNull(ctx.queryParam("template"));
      if (t != null && (t.length() > 100 || !SLUG.matcher(t).matches())) {
        throw new PlatenException(400, "invalid_request", "Template must be a template slug (lowercase letters, "
            + "digits and single dashes).");
      }
      String from = blankToNull(ctx.queryParam("from"));
      String to = blankToNull(ctx.queryParam("to"));
      day(from, "From");
      day(to, "To");
      return new Filters(st, t, from, to, blankToNull(ctx.queryParam("cursor")));
    }

    Filters firstPage() {
      return new Filters(status, template, from, to, null);
    }

    /** The query string of these filters, cursor left out (the live list only ever shows the first page). */
    public String query() {
      List<String> parts = new ArrayList<>();
      if (status != null) parts.add("status=" + status);
      if (template != null) parts.add("template=" + template);
      if (from != null) parts.add("from=" + from);
      if (to != null) parts.add("to=" + to);
      return String.join("&", parts);
    }

    RenderListStore.Filter store() {
      Long at = null;
      String id = null;
      if (cursor != null) {
        String[] parts = decodeCursor(cursor);
        if (parts == null) throw new PlatenException(400, "invalid_request", "Not a cursor from this list.");
        at = Long.parseLong(parts[0]);
        id = parts[1];
      }
      Long after = from == null ? null : day(from, "From").toEpochDay() * 86_400_000L - 1;
      Long before = to == null ? null : (day(to, "To").toEpochDay() + 1) * 86_400_000L;
      return new RenderListStore.Filter(status == null ? null : RenderStatus.fromWire(status), template, after,
          before, at, id);
    }

    private static java.time.LocalDate day(String value, String name) {
      if (value == null) return null;
      try {
        if (value.length() != 10) throw new java.time.format.DateTimeParseException("length", value, 0);
        return java.time.LocalDate.parse(value);
      } catch (java.time.format.DateTimeParseException e) {
        throw new PlatenException(400, "invalid_request", name + " must be a day such as 2026-06-05.");
      }
    }

    private static String blankToNull(String v) {
      return v == null || v.isBlank() ? null : v.strip();
    }
  }

  /** One row of the list, formatted for the page. */
  public record Row(String id, String status, String template, int version, String created, String duration) {}

  private record Listing(List<Row> rows, String next, String fingerprint) {}

  private Listing listing(Sessions.Session s, Filters f) {
    List<RenderListStore.Listed> page = svc.renderList().page(s.projectId(), f.store(), PAGE_SIZE + 1);
    boolean more = page.size() > PAGE_SIZE;
    if (more) page = page.subList(0, PAGE_SIZE);
    StringBuilder print = new StringBuilder();
    List<Row> rows = page.stream().map(x -> {
      RenderRecord r = x.render();
      print.append(r.id()).append(':').append(r.status().wire()).append(':').append(r.attempts()).append(';');
      return new Row(r.id(), r.status().wire(), x.templateSlug(), x.versionNumber(), Views.time(r.createdAt()),
          r.durationMs() == null ? "" : r.durationMs() + " ms");
    }).toList();
    String next = more ? encodeCursor(page.getLast().render()) : null;
    return new Listing(rows, next, print.toString());
  }

  void renders(Context ctx, Sessions.Session s) {
    Filters f = Filters.of(ctx);
    Listing l = listing(s, f);
    Map<String, Object> m = new HashMap<>();
    m.put("chrome", dash.chrome(s, "renders", "Renders"));
    m.put("f", f);
    m.put("rows", l.rows());
    m.put("next", l.next() == null ? "" : "/app/renders?" + f.query() + (f.query().isEmpty() ? "" : "&")
        + "cursor=" + l.next());
    m.put("live", f.cursor() == null);
    // suggestions for the template filter: the most recently changed ones, never the whole list of a large project
    m.put("templates", svc.templateList().page(s.projectId(), new TemplateListStore.Filter(null, null, null),
        TEMPLATE_SUGGESTIONS).stream().map(TemplateStore.TemplateRow::slug).sorted().toList());
    m.put("statuses", Arrays.stream(RenderStatus.values()).map(RenderStatus::wire).toList());
    dash.page(ctx, 200, "renders.jte", m);
  }

  /** The rows alone: what the live list fetches when the event stream says something changed. */
  void renderRows(Context ctx, Sessions.Session s) {
    Filters f = Filters.of(ctx);
    dash.page(ctx, 200, "render_rows.jte", Map.of("rows", listing(s, f.firstPage())
        .rows()));
  }

  /**
   * Server-sent events for the live list: the first page under the list's filters is read again every second and a
   * {@code changed} event is sent when a render appeared or changed status; the page then fetches its rows. The
   * stream ends after ten minutes (the browser reconnects) or when the session ends.
   */
  void renderEvents(Context ctx, Sessions.Session s) throws InterruptedException {
    Filters first = Filters.of(ctx).firstPage();
    if (s.streams().incrementAndGet() > MAX_STREAMS) {
      s.streams().decrementAndGet();
      throw new PlatenException(429, "too_many_requests", "This session has " + MAX_STREAMS
          + " live lists open already; close a tab.");
    }
    var res = ctx.res();
    res.setStatus(200);
    res.setContentType("text/event-stream; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("X-Accel-Buffering", "no");
    long started = System.nanoTime();
    String seen = null;
    try {
      OutputStream out = res.getOutputStream();
      out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      while ((System.nanoTime() - started) / 1_000_000 < LIVE_MAX_MS) {
        if (!dash.alive(s)) {
          out.write("event: signed-out\ndata: signed-out\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          return;
        }
        String now = listing(s, first).fingerprint();
        // otherwise a comment line: it finds a closed connection within a poll and keeps proxies from timing out
        out.write((seen != null && !seen.equals(now) ? "event: changed\ndata: changed\n\n" : ":\n\n")
            .getBytes(StandardCharsets.UTF_8));
        out.flush();
        seen = now;
        Thread.sleep(LIVE_POLL_MS);
      }
    } catch (IOException e) {
      // the browser went away: nothing to do
    } finally {
      s.streams().decrementAndGet();
    }
  }

  private Map<String, Object> renderModel(Context ctx, Sessions.Session s, RenderRecord r) {
    Map<String, Object> m = new HashMap<>();
    var version = svc.templates().versionById(r.templateVersionId());
    m.put("chrome", dash.chrome(s, "renders", "Render " + r.id()));
    m.put("r", r);
    m.put("templateName", version.map(TemplateStore.VersionRow::name).orElse(""));
    m.put("versionNumber", version.map(TemplateStore.VersionRow::versionNumber).orElse(0));
    m.put("created", Views.time(r.createdAt()));
    m.put("completed", r.completedAt() == null ? "" : Views.time(r.completedAt()));
    m.put("downloadUrl", r.status() == RenderStatus.SUCCEEDED
        ? String.valueOf(svc.views().webhookBody(r, "render.succeeded").get("downloadUrl")) : "");
    m.put("cancellable", !r.status().terminal());
    List<Map<String, Object>> shares = new ArrayList<>();
    if (svc.sharing() != null) {
      for (ShareStore.Share sh : svc.sharing().list(s.projectId(), r.id())) {
        Map<String, Object> x = new HashMap<>();
        x.put("id", sh.id());
        x.put("url", svc.sharing().shareUrl(sh.token()));
        x.put("channel", sh.channel().wire());
        x.put("recipient", sh.recipientEmail() == null ? "" : sh.recipientEmail());
        x.put("created", Views.time(sh.createdAt()));
        x.put("revoked", sh.revokedAt() == null ? "" : Views.time(sh.revokedAt()));
        x.put("clicks", sh.clickCount());
        shares.add(x);
      }
    }
    m.put("shares", shares);
    Map<String, Long> engagement = new java.util.LinkedHashMap<>();
    if (svc.sharing() != null) {
      svc.sharing().engagement(r.id()).counts().forEach((type, n) -> engagement.put(type.wire(), n));
    }
    m.put("engagement", engagement);
    m.put("curl", version.map(v -> curl(s, r, v)).orElse(""));
    m.put("attempts", attempts(s, r));
    m.put("emailConfigured", svc.sharing() != null && svc.sharing().emailConfigured());
    m.put("emailError", "");
    m.put("emailed", Optional.ofNullable(ctx.queryParam("emailed")).filter(x -> x.length() <= 254).orElse(""));
    m.put("emailTo", "");
    return m;
  }

  void render(Context ctx, Sessions.Session s) {
    dash.page(ctx, 200, "render.jte", renderModel(ctx, s, find(ctx, s)));
  }

  /** One attempt for the page; a retried attempt's reason, and the render's error on its failed last attempt. */
  public record AttemptRow(int attempt, String worker, String started, String ended, String outcome, String error) {}

  private List<AttemptRow> attempts(Sessions.Session s, RenderRecord r) {
    List<AttemptRow> rows = new ArrayList<>();
    for (RenderListStore.Attempt a : svc.renderList().attempts(s.projectId(), r.id())) {
      String outcome = a.outcome() == null ? "running" : a.outcome();
      String error = "";
      if (outcome.startsWith("retry: ")) {
        error = outcome.substring(7);
        outcome = "retry";
      } else if (outcome.equals("failed") && r.errorMessage() != null) {
        error = r.errorMessage();
      }
      rows.add(new AttemptRow(a.attempt(), a.worker(), Views.time(a.startedAt()),
          a.endedAt() == null ? "" : Views.time(a.endedAt()), outcome, error));
    }
    return rows;
  }

  /**
   * While a render is unfinished its page asks for this every second; once the render is terminal the answer tells
   * htmx to reload the page, which then shows the PDF, share and error parts that fit the final status.
   */
  void renderState(Context ctx, Sessions.Session s) {
    RenderRecord r = find(ctx, s);
    if (r.status().terminal()) {
      ctx.header("HX-Refresh", "true");
    }
    dash.page(ctx, 200, "render_state.jte", Map.of("status", r.status().wire(), "id", r.id()));
  }

  /** The API request that makes this render again: the same template, version and data. */
  private String curl(Sessions.Session s, RenderRecord r, TemplateStore.VersionRow v) {
    String data = svc.renderList().data(s.projectId(), r.id()).orElse("{}");
    String slug = svc.templateList().liveSlug(s.projectId(), r.templateId()).orElse(null);
    if (slug == null) return "";
    String body = "{\"data\":" + data + ",\"options\":{\"versionNumber\":" + v.versionNumber() + "}}";
    return "curl -s -X POST '" + svc.publicUrl() + "/v1/templates/" + slug + "/render' \\\n"
        + "  -H \"Authorization: Bearer $PLATEN_KEY\" -H 'Content-Type: application/json' \\\n"
        + "  -d '" + body.replace("'", "'\\''") + "'";
  }

  /** The PDF, for the signed-in viewer: the same bytes the API's download streams. */
  void pdf(Context ctx, Sessions.Session s) {
    RenderRecord r = find(ctx, s);
    if (r.status() != RenderStatus.SUCCEEDED) {
      throw new PlatenException(409, "not_ready", "Render " + r.id() + " has no PDF (status " + r.status().wire()
          + ").");
    }
    byte[] pdf;
    try (InputStream in = svc.blobs().open(r.blobKey())) {
      pdf = in.readAllBytes();
    } catch (IOException e) {
      log.error("PDF of render {} could not be read from {}: {}", r.id(), r.blobKey(), e.toString());
      throw new PlatenException(503, "storage_unavailable", "The PDF could not be read from storage; retry shortly.");
    }
    // the browser's PDF viewer runs under the page's policy: the PDF gets framing and nosniff rules only
    ctx.res().setHeader("Content-Security-Policy", null);
    ctx.status(200).contentType("application/pdf")
        .header("Content-Disposition", "inline; filename=\"" + r.filename() + "\"")
        .header("Cache-Control", "private, no-store")
        .result(pdf);
  }

  void cancel(Context ctx, Sessions.Session s) {
    RenderRecord r = find(ctx, s);
    RenderQueue.Cancelled c = svc.renders().cancel(s.projectId(), r.id(), clock.millis())
        .orElseThrow(() -> notFound(r.id()));
    if (!c.changed()) {
      throw new PlatenException(409, "conflict", "Render " + r.id() + " is already " + c.render().status().wire()
          + " and cannot be cancelled.");
    }
    ctx.redirect("/app/renders/" + r.id(), HttpStatus.SEE_OTHER);
  }

  /**
   * Queues a new render of the same template version with the same data. The data was validated against that
   * version when the first render was accepted and versions never change, so it is not validated again; the queue
   * limits are the API's.
   */
  void renderAgain(Context ctx, Sessions.Session s) {
    RenderRecord r = find(ctx, s);
    String data = svc.renderList().data(s.projectId(), r.id()).orElseThrow(() -> notFound(r.id()));
    String id = Ids.newId();
    // a generated file name carries the render's id: the new render gets its own
    String filename = r.filename().endsWith("-" + r.id() + ".pdf")
        ? r.filename().substring(0, r.filename().length() - r.id().length() - 4) + id + ".pdf" : r.filename();
    RenderRecord queued = svc.admission().admit(new NewRender(id, s.projectId(), r.templateId(),
            r.templateVersionId(), data, filename, s.viewer().testKey(), null, Ids.token(24)))
        .orElseThrow(); // no idempotency key: the insert cannot meet another render's
    ctx.redirect("/app/renders/" + queued.id(), HttpStatus.SEE_OTHER);
  }

  // ---- shares ------------------------------------------------------------------------------------------------------

  void share(Context ctx, Sessions.Session s) {
    RenderRecord r = find(ctx, s);
    if (r.status() != RenderStatus.SUCCEEDED) {
      throw new PlatenException(409, "not_ready", "Render " + r.id() + " has not succeeded (status "
          + r.status().wire() + "); only a finished PDF can be shared.");
    }
    sharing().create(new Sharing.Document(s.projectId(), r.id(), r.filename(), r.blobKey()),
        new Sharing.NewShare(Channel.LINK, null, null, null), requester(ctx));
    ctx.redirect("/app/renders/" + r.id() + "#shares", HttpStatus.SEE_OTHER);
  }

  /**
   * Sends a share link by e-mail through the API's own code ({@code POST /v1/renders/:id/email}); a problem shows on
   * the render page beside the form, with what was typed.
   */
  void email(Context ctx, Sessions.Session s) {
    RenderRecord r = find(ctx, s);
    var body = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    String to = Optional.ofNullable(ctx.formParam("to")).map(String::strip).orElse("");
    if (!to.isEmpty()) body.put("to", to);
    Optional.ofNullable(ctx.formParam("recipientName")).filter(x -> !x.isBlank()).ifPresent(x -> body.put(
        "recipientName", x));
    Optional.ofNullable(ctx.formParam("message")).filter(x -> !x.isBlank()).ifPresent(x -> body.put("message", x));
    try {
      dev.platen.api.ShareEmails.send(sharing(), body, () -> {
        if (r.status() != RenderStatus.SUCCEEDED) {
          throw new PlatenException(409, "not_ready", "Render " + r.id() + " has not succeeded (status "
              + r.status().wire() + "); only a finished PDF can be shared.");
        }
        return new Sharing.Document(s.projectId(), r.id(), r.filename(), r.blobKey());
      }, requester(ctx));
    } catch (PlatenException e) {
      Map<String, Object> m = renderModel(ctx, s, r);
      m.put("emailError", Dashboard.describe(e));
      m.put("emailTo", to);
      dash.page(ctx, e.status() >= 400 && e.status() < 600 ? e.status() : 500, "render.jte", m);
      return;
    }
    ctx.redirect("/app/renders/" + r.id() + "?emailed=" + java.net.URLEncoder.encode(to, StandardCharsets.UTF_8)
        + "#shares", HttpStatus.SEE_OTHER);
  }

  void revokeShare(Context ctx, Sessions.Session s) {
    RenderRecord r = find(ctx, s);
    String shareId = ctx.pathParam("shareId");
    (UUID_TEXT.matcher(shareId).matches()
        ? sharing().revoke(s.projectId(), r.id(), shareId, requester(ctx))
        : Optional.<ShareStore.Revoked>empty())
        .orElseThrow(() -> PlatenException.notFound("not_found", "No active share with id '" + abbreviate(shareId)
            + "' on render " + r.id() + "."));
    ctx.redirect("/app/renders/" + r.id() + "#shares", HttpStatus.SEE_OTHER);
  }

  private Sharing sharing() {
    if (svc.sharing() == null) throw new PlatenException(503, "unavailable", "Sharing is not available here.");
    return svc.sharing();
  }

  private static Sharing.Requester requester(Context ctx) {
    String agent = ctx.header("User-Agent");
    if (agent != null && agent.length() > 512) agent = agent.substring(0, 512);
    return new Sharing.Requester(ctx.ip(), agent);
  }

  // ---- webhooks ----------------------------------------------------------------------------------------------------

  void webhooks(Context ctx, Sessions.Session s) {
    webhooksPage(ctx, s, 200, "", "", null);
  }

  private void webhooksPage(Context ctx, Sessions.Session s, int status, String error, String url,
      Map<String, Object> created) {
    Map<String, Object> m = new HashMap<>();
    m.put("chrome", dash.chrome(s, "webhooks", "Webhooks"));
    m.put("hooks", hooks().list(s.projectId()));
    m.put("events", Events.ALL);
    m.put("defaults", Events.DEFAULT);
    m.put("error", error);
    m.put("url", url);
    m.put("createdId", created == null ? "" : created.get("id"));
    m.put("secret", created == null ? "" : created.get("secret"));
    dash.page(ctx, status, "webhooks.jte", m);
  }

  /** The secret is shown on this answer only, as the API returns it only from the create. */
  void createWebhook(Context ctx, Sessions.Session s) {
    String url = Optional.ofNullable(ctx.formParam("url")).map(String::strip).orElse("");
    List<String> events = ctx.formParams("events").stream().filter(Events.ALL::contains).distinct().toList();
    String description = Optional.ofNullable(ctx.formParam("description")).map(String::strip)
        .filter(x -> !x.isEmpty()).orElse(null);
    String problem = url.isEmpty() ? "Enter the URL to send events to."
        : svc.webhooks().targets().problemWith(url).orElse(null);
    if (problem == null && events.isEmpty()) problem = "Choose at least one event.";
    if (problem == null && description != null && description.length() > 280) {
      problem = "The description may be at most 280 characters.";
    }
    if (problem != null) {
      webhooksPage(ctx, s, 400, problem, url, null);
      return;
    }
    String secret = "whsec_" + Ids.token(32);
    Webhook w = hooks().create(s.projectId(), new WebhookStore.NewWebhook(url, events, true, description),
        secret, clock.millis());
    webhooksPage(ctx, s, 201, "", "", Map.of("id", w.id(), "secret", secret));
  }

  void webhook(Context ctx, Sessions.Session s) {
    Webhook w = findHook(ctx, s);
    List<Delivery> deliveries = hooks().deliveries(w.id(), null, null, PAGE_SIZE);
    Map<String, Object> m = new HashMap<>();
    m.put("chrome", dash.chrome(s, "webhooks", "Webhook"));
    m.put("w", w);
    m.put("deliveries", deliveries.stream().map(d -> Map.<String, Object>of("id", d.id(), "event", d.event(),
        "status", d.status(), "attempts", d.attempts(), "code", d.lastStatusCode() == null ? "" : d.lastStatusCode(),
        "error", d.lastError() == null ? "" : d.lastError(), "created", Views.time(d.createdAt()))).toList());
    dash.page(ctx, 200, "webhook.jte", m);
  }

  void toggleWebhook(Context ctx, Sessions.Session s) {
    Webhook w = findHook(ctx, s);
    hooks().update(s.projectId(), w.id(), new WebhookStore.Change(null, null, !w.active(), null, false),
        clock.millis()).orElseThrow(() -> hookNotFound(w.id()));
    ctx.redirect("/app/webhooks/" + w.id(), HttpStatus.SEE_OTHER);
  }

  void deleteWebhook(Context ctx, Sessions.Session s) {
    Webhook w = findHook(ctx, s);
    if (!hooks().delete(s.projectId(), w.id())) throw hookNotFound(w.id());
    ctx.redirect("/app/webhooks", HttpStatus.SEE_OTHER);
  }

  void pingWebhook(Context ctx, Sessions.Session s) throws InterruptedException {
    Webhook w = findHook(ctx, s);
    svc.webhooks().dispatcher().ping(w);
    ctx.redirect("/app/webhooks/" + w.id(), HttpStatus.SEE_OTHER);
  }

  void retryDelivery(Context ctx, Sessions.Session s) {
    Webhook w = findHook(ctx, s);
    String deliveryId = ctx.pathParam("deliveryId");
    Optional<Delivery> d = UUID_TEXT.matcher(deliveryId).matches() ? hooks().delivery(w.id(), deliveryId)
        : Optional.empty();
    // a ping is tried once; everything else gets the whole schedule again (as the API's retry)
    d.flatMap(x -> hooks().retry(w.id(), x.id(), Events.PING.equals(x.event()) ? 1
            : svc.webhooks().dispatcher().schedule().attempts(), clock.millis()))
        .orElseThrow(() -> PlatenException.notFound("not_found", "No delivery with id '" + abbreviate(deliveryId)
            + "' for this webhook."));
    svc.webhooks().dispatcher().wake();
    ctx.redirect("/app/webhooks/" + w.id(), HttpStatus.SEE_OTHER);
  }

  private WebhookStore hooks() {
    if (svc.webhooks() == null) throw new PlatenException(503, "unavailable", "Webhooks are not available here.");
    return svc.webhooks().store();
  }

  private Webhook findHook(Context ctx, Sessions.Session s) {
    String id = ctx.pathParam("id");
    return (UUID_TEXT.matcher(id).matches() ? hooks().find(s.projectId(), id) : Optional.<Webhook>empty())
        .orElseThrow(() -> hookNotFound(id));
  }

  private static PlatenException hookNotFound(String id) {
    return PlatenException.notFound("not_found", "No webhook with id '" + abbreviate(id) + "' in this project.");
  }

  // ---- helpers -----------------------------------------------------------------------------------------------------

  /** The render of the path in the session's project; another project's render is 404 like an unknown one. */
  private RenderRecord find(Context ctx, Sessions.Session s) {
    String id = ctx.pathParam("id");
    return (UUID_TEXT.matcher(id).matches() ? svc.renders().find(s.projectId(), id)
        : Optional.<RenderRecord>empty()).orElseThrow(() -> notFound(id));
  }

  private static PlatenException notFound(String id) {
    return PlatenException.notFound("not_found", "No render with id '" + abbreviate(id) + "' in this project.");
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }

  private static String encodeCursor(RenderRecord r) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((r.createdAt() + ":" + r.id()).getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decodeCursor(String cursor) {
    if (cursor.length() > 200) return null;
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 2);
      if (parts.length != 2 || !parts[0].matches("[0-9]{1,15}") || !UUID_TEXT.matcher(parts[1]).matches()) {
        return null;
      }
      return parts;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
