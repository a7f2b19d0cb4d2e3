package dev.platen.api;

import dev.platen.auth.Principal;
import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import dev.platen.jobs.RenderRecord;
import dev.platen.store.InboundStore;
import dev.platen.store.InboundStore.Inbound;
import dev.platen.store.InboundStore.Target;
import dev.platen.store.TemplateStore;
import dev.platen.store.TemplateStore.TemplateRow;
import dev.platen.webhooks.Signatures;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inbound trigger (spec §c.6): {@code POST /v1/hooks/:token} renders a template with no API key, and the
 * template's owner reads, rotates and configures its token and secret (a Platen extension).
 */
final class InboundApi {
  static final String SIGNATURE_HEADER = "x-craftkit-signature";
  /** What {@link InboundStore} mints (base64url), with room to spare; anything else cannot be a token. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,100}");

  private final TemplateStore templates;
  private final InboundStore inbound;
  private final RenderIntake intake;
  private final RenderViews views;
  private final JsonMapper json;
  private final Bodies out;
  private final String publicUrl;
  private final InstantSource clock;

  InboundApi(TemplateStore templates, InboundStore inbound, RenderIntake intake, RenderViews views, JsonMapper json,
      Bodies out, String publicUrl, InstantSource clock) {
    this.templates = templates;
    this.inbound = inbound;
    this.intake = intake;
    this.views = views;
    this.json = json;
    this.out = out;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  /** GET /v1/templates/:slug/inbound. */
  void get(Context ctx, Principal p) {
    out.send(ctx, 200, view(inbound.get(live(ctx, p).id(), clock.millis())));
  }

  /** POST /v1/templates/:slug/inbound/rotate: the old URL and secret stop working when this answers. */
  void rotate(Context ctx, Principal p) {
    out.send(ctx, 200, view(inbound.rotate(live(ctx, p).id(), clock.millis())));
  }

  /** PATCH /v1/templates/:slug/inbound {@code {"requireSignature": bool}}. */
  void update(Context ctx, Principal p) {
    TemplateRow t = live(ctx, p);
    JsonNode body = Json.readObject(ctx, json);
    Issues issues = new Issues();
    JsonNode required = body.get("requireSignature");
    if (required == null || required.isNull()) {
      issues.add("requireSignature", "Required");
    } else if (!required.isBoolean()) {
      issues.add("requireSignature", "Expected a boolean.");
    }
    for (String name : body.propertyNames()) {
      if (!name.equals("requireSignature")) issues.add(name, "Unknown field; only requireSignature can be changed.");
    }
    issues.throwIfAnyAsInvalidRequest();
    out.send(ctx, 200, view(inbound.requireSignature(t.id(), required.asBoolean(), clock.millis())));
  }

  /**
   * POST /v1/hooks/:token. The token names the template and stands in for the key, so it is checked first, then the
   * signature over the raw bytes, and only then is the body parsed; from the idempotency key on, the checks are
   * the render route's own ({@link RenderIntake}).
   */
  void hook(Context ctx) {
    String token = ctx.pathParam("token");
    Target target = (TOKEN.matcher(token).matches() ? inbound.findByToken(token) : Optional.<Target>empty())
        .orElseThrow(() -> PlatenException.notFound("invalid_token",
            "No template has this inbound token; it may have been rotated or the template deleted."));
    byte[] raw = Json.readBytes(ctx);
    checkSignature(ctx, target.inbound(), raw);
    JsonNode data = Json.parse(raw, json);
    String key = RenderIntake.headerKey(ctx);
    if (intake.replayed(ctx, target.projectId(), key, this::accepted)) return;
    // No key, so no test mode: an inbound render is a live, unwatermarked one of the template's project.
    intake.submit(ctx, new RenderIntake.Submission(target.projectId(), false, key, target.template(), null, data,
        null), this::accepted);
  }

  private static void checkSignature(Context ctx, Inbound in, byte[] raw) {
    List<String> sent = Collections.list(ctx.req().getHeaders(SIGNATURE_HEADER));
    if (sent.isEmpty()) {
      if (!in.requireSignature()) return;
      throw new PlatenException(401, "invalid_signature", "This template requires an " + SIGNATURE_HEADER
          + " header: the hex HMAC-SHA256 of the raw body keyed by its inbound secret.");
    }
    byte[] expected = Signatures.sign(in.secret(), raw).getBytes(StandardCharsets.US_ASCII);
    byte[] given = sent.get(0).trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    // Constant time: an early exit at the first wrong digit would let an attacker find the HMAC digit by digit.
    if (sent.size() > 1 || !MessageDigest.isEqual(expected, given)) {
      throw new PlatenException(401, "invalid_signature", "The " + SIGNATURE_HEADER
          + " header is not the hex HMAC-SHA256 of this body keyed by the template's inbound secret.");
    }
  }

  /** The hook's 202 (spec §c.6): three fields, not the render route's six. */
  private Map<String, Object> accepted(RenderRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("status", r.status().wire());
    m.put("pollUrl", views.pollUrl(r.id()));
    return m;
  }

  private Map<String, Object> view(Inbound in) {
    return Bodies.map("inboundUrl", publicUrl + "/v1/hooks/" + in.token(), "token", in.token(), "secret",
        in.secret(), "requireSignature", in.requireSignature());
  }

  private TemplateRow live(Context ctx, Principal p) {
    String slug = ctx.pathParam("slug");
    return templates.findLive(p.projectId(), slug).orElseThrow(() -> TemplatesApi.templateNotFound(slug));
  }
}
