package dev.platen.api;

import dev.platen.auth.ApiKeys;
import dev.platen.auth.Authenticator;
import dev.platen.auth.KeyCipher;
import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import dev.platen.store.ProjectStore;
import dev.platen.store.ProjectStore.Provisioned;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** POST /v1/admin/provision: one project and one live key per external organisation (docs/decisions.md D14). */
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

  void provision(Context ctx) {
    if (!auth.adminEnabled()) {
      throw PlatenException.notFound("not_found", "Admin endpoints are off: set PLATEN_ADMIN_KEY to enable them.");
    }
    auth.admin(Collections.list(ctx.req().getHeaders("Authorization")));
    JsonNode body = Json.readBody(ctx, json);
    if (!body.isObject()) throw PlatenException.invalidRequest(Issues.form("Expected a JSON object."));
    Issues issues = new Issues();
    JsonNode ext = body.get("externalOrgId");
    if (ext == null || ext.isNull()) {
      issues.add("externalOrgId", "Required");
    } else if (!ext.isString() || ext.asString().isBlank() || ext.asString().length() > 200) {
      issues.add("externalOrgId", "Must be a string of 1 to 200 characters.");
    }
    JsonNode nameNode = body.get("name");
    if (nameNode != null && !nameNode.isNull()
        && (!nameNode.isString() || nameNode.asString().isBlank() || nameNode.asString().length() > 120)) {
      issues.add("name", "Must be a string of 1 to 120 characters.");
    }
    issues.throwIfAnyAsInvalidRequest();
    String externalOrgId = ext.asString();
    String name = nameNode != null && nameNode.isString() ? nameNode.asString().strip() : externalOrgId;

    Optional<Provisioned> existing = projects.findProvisioned(externalOrgId);
    if (existing.isPresent()) {
      out.send(ctx, 200, view(existing.get()));
      return;
    }
    String key = ApiKeys.generate(false);
    Optional<Provisioned> created = projects.provision(externalOrgId, name, cipher.encrypt(key), ApiKeys.hash(key),
        ApiKeys.prefix(key));
    if (created.isPresent()) {
      out.send(ctx, 201, view(created.get()));
    } else {
      out.send(ctx, 200, view(projects.findProvisioned(externalOrgId).orElseThrow()));
    }
  }

  private Object view(Provisioned p) {
    return Bodies.map("projectId", p.projectId(), "externalOrgId", p.externalOrgId(), "name", p.name(),
        "apiKey", cipher.decrypt(p.encryptedKey()));
  }
}
