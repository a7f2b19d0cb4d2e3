package dev.platen.api;

import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import dev.platen.store.ProjectStore.KeyRow;
import dev.platen.store.ProjectStore.ProjectRow;
import io.javalin.http.Context;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The account API under {@code /v1/projects} (the reference's §f.5), called with the account key: projects, and
 * their keys. Listing and revoking keys are Platen's own. A deleted project is 404 here, as an unknown one is; its
 * keys answer 403 {@code forbidden} everywhere else.
 */
final class ProjectsApi {
  private final ProjectAdmin admin;
  private final JsonMapper json;
  private final Bodies out;

  ProjectsApi(ProjectAdmin admin, JsonMapper json, Bodies out) {
    this.admin = admin;
    this.json = json;
    this.out = out;
  }

  /** POST /v1/projects. */
  void create(Context ctx) {
    JsonNode body = Json.readObject(ctx, json);
    Issues issues = new Issues();
    String name = string(body, "name", issues);
    if (!issues.isEmpty()) {
      // the reference answers this endpoint's validation failures with 422, unlike its neighbours
      throw new PlatenException(422, "invalid_request", "The request body is not valid.", issues);
    }
    out.send(ctx, 201, project(admin.create(name)));
  }

  void list(Context ctx) {
    out.send(ctx, 200, Map.of("projects", admin.list().stream().map(ProjectsApi::project).toList()));
  }

  void get(Context ctx) {
    out.send(ctx, 200, project(admin.find(ctx.pathParam("id"))));
  }

  /** PATCH /v1/projects/:id: a rename. */
  void update(Context ctx) {
    String id = ctx.pathParam("id");
    admin.find(id);
    JsonNode body = Json.readObject(ctx, json);
    Issues issues = new Issues();
    String name = string(body, "name", issues);
    issues.throwIfAnyAsInvalidRequest();
    out.send(ctx, 200, project(admin.rename(id, name)));
  }

  void delete(Context ctx) {
    String id = ctx.pathParam("id");
    admin.delete(id);
    out.send(ctx, 200, Bodies.map("id", id, "deleted", true));
  }

  /** POST /v1/projects/:id/keys: the key is in this answer only; {@code mode} (ours) picks ck_live_ or ck_test_. */
  void createKey(Context ctx) {
    String id = ctx.pathParam("id");
    admin.find(id);
    // every field has a default, so no body at all is a request for a live key named "API key"
    boolean noBody = ctx.contentLength() <= 0 && ctx.header("Transfer-Encoding") == null;
    JsonNode b = noBody ? json.createObjectNode() : Json.readObject(ctx, json);
    Issues issues = new Issues();
    String name = string(b, "name", issues);
    boolean test = false;
    JsonNode mode = b.get("mode");
    if (mode != null && !mode.isNull()) {
      if (mode.isString() && mode.asString().equals("test")) {
        test = true;
      } else if (!mode.isString() || !mode.asString().equals("live")) {
        issues.add("mode", SharesApi.invalidEnum("'live' | 'test'", mode));
      }
    }
    if (name != null) ProjectAdmin.checkName(name, "name", ProjectAdmin.MAX_KEY_NAME, false, issues);
    issues.throwIfAnyAsInvalidRequest();
    ProjectAdmin.NewKey made = admin.createKey(id, name, test);
    KeyRow k = made.key();
    out.send(ctx, 201, Bodies.map("id", k.id(), "projectId", k.projectId(), "name", k.name(), "prefix", k.prefix(),
        "key", made.secret(), "createdAt", Json.time(k.createdAt())));
  }

  void listKeys(Context ctx) {
    out.send(ctx, 200, Map.of("keys", admin.keys(ctx.pathParam("id")).stream().map(ProjectsApi::key).toList()));
  }

  /** DELETE /v1/projects/:id/keys/:keyId: refused from the next request on here, within a second elsewhere. */
  void revokeKey(Context ctx) {
    KeyRow k = admin.revokeKey(ctx.pathParam("id"), ctx.pathParam("keyId"));
    out.send(ctx, 200, Bodies.map("id", k.id(), "revokedAt", Json.time(k.revokedAt())));
  }

  private static Map<String, Object> project(ProjectRow p) {
    return Bodies.map("id", p.id(), "slug", p.slug(), "name", p.name());
  }

  private static Map<String, Object> key(KeyRow k) {
    return Bodies.map("id", k.id(), "name", k.name(), "prefix", k.prefix(), "mode", k.test() ? "test" : "live",
        "createdAt", Json.time(k.createdAt()), "lastUsedAt", Json.time(k.lastUsedAt()),
        "revokedAt", Json.time(k.revokedAt()));
  }

  /** A JSON string field, or null when absent; the name checks themselves are {@link ProjectAdmin}'s. */
  private static String string(JsonNode body, String field, Issues issues) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) return null;
    if (!n.isString()) {
      issues.add(field, "Expected string, received " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      return null;
    }
    return n.asString();
  }
}
