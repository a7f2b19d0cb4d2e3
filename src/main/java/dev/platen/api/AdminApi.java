package dev.platen.api;

import dev.platen.auth.ApiKeys;
import dev.platen.auth.Authenticator;
import dev.platen.auth.KeyCipher;
import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import dev.platen.mail.SmtpMailer;
import dev.platen.store.ProjectStore;
import dev.platen.store.ProjectStore.Provisioned;
import dev.platen.templates.Slugs;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * POST /v1/admin/provision: one project and one live key per external organisation (docs/decisions.md D14); PATCH
 * changes what a partner may change on it: its name and the sender of its share e-mails.
 */
final class AdminApi {
  private final Authenticator auth;
  private final ProjectStore projects;
  private final KeyCipher cipher;
  private final JsonMapper json;
  private final Bodies out;

  AdminApi(Authenticator auth, ProjectStore projects, KeyCipher cipher, JsonMapper json, Bodies out) {
    this.auth = auth;
    this.projects = projects;
    this.cipher = cipher;
    this.json = json;
    this.out = out;
  }

  /** The longest {@code emailFrom}: a display name and an address fit easily; SMTP lines do not grow unbounded. */
  static final int MAX_EMAIL_FROM = 320;

  private void admitted(Context ctx) {
    if (!auth.adminEnabled()) {
      throw PlatenException.notFound("not_found", "Admin endpoints are off: set PLATEN_ADMIN_KEY to enable them.");
    }
    auth.admin(Collections.list(ctx.req().getHeaders("Authorization")));
  }

  /**
   * PATCH /v1/admin/provision {@code {externalOrgId, name?, emailFrom?}}: a field left out stays as it is;
   * {@code emailFrom: null} clears the project's sender, so PLATEN_EMAIL_FROM sends its e-mails again.
   */
  void update(Context ctx) {
    admitted(ctx);
    JsonNode body = Json.readObject(ctx, json);
    Issues issues = new Issues();
    String externalOrgId = externalOrgId(body, issues);
    String name = name(body, issues);
    boolean changeFrom = body.has("emailFrom");
    String from = null;
    JsonNode fromNode = body.get("emailFrom");
    if (fromNode != null && !fromNode.isNull()) {
      if (!fromNode.isString() || fromNode.asString().isBlank() || fromNode.asString().length() > MAX_EMAIL_FROM
          || fromNode.asString().chars().anyMatch(Character::isISOControl)) {
        issues.add("emailFrom", "Must be one line of 1 to " + MAX_EMAIL_FROM + " characters.");
      } else {
        from = fromNode.asString().strip();
        try {
          SmtpMailer.checkAddress(from);
        } catch (IllegalArgumentException e) {
          issues.add("emailFrom", "Must be one e-mail address, such as 'Acme Documents <documents@acme.example>'.");
        }
      }
    }
    issues.throwIfAnyAsInvalidRequest();
    Provisioned p = projects.updateProvisioned(externalOrgId, name, from, changeFrom)
        .orElseThrow(() -> PlatenException.notFound("not_found",
            "No live project was provisioned for this externalOrgId."));
    out.send(ctx, 200, Bodies.map("projectId", p.projectId(), "externalOrgId", p.externalOrgId(), "name", p.name(),
        "emailFrom", p.emailFrom()));
  }

  void provision(Context ctx) {
    admitted(ctx);
    JsonNode body = Json.readObject(ctx, json);
    Issues issues = new Issues();
    String externalOrgId = externalOrgId(body, issues);
    String given = name(body, issues);
    issues.throwIfAnyAsInvalidRequest();
    String name = given != null ? given : externalOrgId;

    Optional<Provisioned> existing = projects.findProvisioned(externalOrgId);
    if (existing.isPresent()) {
      out.send(ctx, 200, view(existing.get()));
      return;
    }
    String key = ApiKeys.generate(false);
    Optional<Provisioned> created = projects.provision(externalOrgId, name, Slugs.derive(name, "project"),
        cipher.encrypt(key), ApiKeys.hash(key), ApiKeys.prefix(key));
    if (created.isPresent()) {
      out.send(ctx, 201, view(created.get()));
    } else {
      out.send(ctx, 200, view(projects.findProvisioned(externalOrgId).orElseThrow()));
    }
  }

  /** The required {@code externalOrgId}, or null with an issue. */
  private static String externalOrgId(JsonNode body, Issues issues) {
    JsonNode ext = body.get("externalOrgId");
    if (ext == null || ext.isNull()) {
      issues.add("externalOrgId", "Required");
    } else if (!ext.isString() || ext.asString().isBlank() || ext.asString().length() > 200) {
      issues.add("externalOrgId", "Must be a string of 1 to 200 characters.");
    } else {
      return ext.asString();
    }
    return null;
  }

  /** The optional {@code name}, stripped; null when absent or wrong (then with an issue). */
  private static String name(JsonNode body, Issues issues) {
    JsonNode n = body.get("name");
    if (n == null || n.isNull()) return null;
    if (!n.isString() || n.asString().isBlank() || n.asString().length() > 120) {
      issues.add("name", "Must be a string of 1 to 120 characters.");
      return null;
    }
    return n.asString().strip();
  }

  private Object view(Provisioned p) {
    return Bodies.map("projectId", p.projectId(), "externalOrgId", p.externalOrgId(), "name", p.name(),
        "apiKey", cipher.decrypt(p.encryptedKey()));
  }
}
