package dev.platen.api;

import dev.platen.auth.ApiKeys;
import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import dev.platen.store.ProjectStore;
import dev.platen.store.ProjectStore.KeyRow;
import dev.platen.store.ProjectStore.ProjectRow;
import dev.platen.templates.Slugs;
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
  /** The reference's limits: a new project's name 1–120 (refused with 422), a rename 1–200 (400). */
  static final int MAX_NEW_NAME = 120;
  static final int MAX_RENAME = 200;
  static final int MAX_KEY_NAME = 200;
  static final String DEFAULT_KEY_NAME = "API key";

  private final ProjectStore projects;
  private final JsonMapper json;
  private final Bodies out;

  ProjectsApi(ProjectStore projects, JsonMapper json, Bodies out) {
    this.projects = projects;
    this.json = json;
    this.out = out;
  }

  /** POST /v1/projects: the slug is derived from the name and never changes; deleted projects keep theirs. */
  void create(Context ctx) {
    JsonNode body = Json.readObject(ctx, json);
    Issues issues = new Issues();
    String name = name(body, "name", MAX_NEW_NAME, true, issues);
    if (!issues.isEmpty()) {
      // the reference answers this endpoint's validation failures with 422, unlike its neighbours
      throw new PlatenException(422, "invalid_request", "The request body is not valid.", issues);
    }
    ProjectRow p = projects.create(name, Slugs.derive(name, "project"));
    out.send(ctx, 201, project(p));
  }

  void list(Context ctx) {
    out.send(ctx, 200, Map.of("projects", projects.list().stream().map(ProjectsApi::project).toList()));
  }

  void get(Context ctx) {
    out.send(ctx, 200, project(live(ctx)));
  }

  /** PATCH /v1/projects/:id: a rename; the slug is not recomputed. */
  void update(Context ctx) {
    String id = ctx.pathParam("id");
    live(ctx);
    JsonNode body = Json.readObject(ctx, json);
    Issues issues = new Issues();
    String name = name(body, "name", MAX_RENAME, true, issues);
    issues.throwIfAnyAsInvalidRequest();
    out.send(ctx, 200, project(projects.rename(id, name).orElseThrow(() -> notFound(id))));
  }

  void delete(Context ctx) {
    String id = ctx.pathParam("id");
    if (!projects.delete(id)) throw notFound(id);
    out.send(ctx, 200, Bodies.map("id", id, "deleted", true));
  }

  /** POST /v1/projects/:id/keys: the key is in this answer only; {@code mode} (ours) picks ck_live_ or ck_test_. */
  void createKey(Context ctx) {
    String id = ctx.pathParam("id");
    live(ctx);
    // every field has a default, so no body at all is a request for a live key named "API key"
    boolean noBody = ctx.contentLength() <= 0 && ctx.header("Transfer-Encoding") == null;
    JsonNode b = noBody ? json.createObjectNode() : Json.readObject(ctx, json);
    Issues issues = new Issues();
    String name = name(b, "name", MAX_KEY_NAME, false, issues);
    boolean test = false;
    JsonNode mode = b.get("mode");
    if (mode != null && !mode.isNull()) {
      if (mode.isString() && mode.asString().equals("test")) {
        test = true;
      } else if (!mode.isString() || !mode.asString().equals("live")) {
        issues.add("mode", SharesApi.invalidEnum("'live' | 'test'", mode));
      }
    }
    issues.throwIfAnyAsInvalidRequest();
    String key = ApiKeys.generate(test);
    KeyRow k = projects.createKey(id, ApiKeys.hash(key), ApiKeys.prefix(key), test,
        name == null ? DEFAULT_KEY_NAME : name).orElseThrow(() -> notFound(id));
    out.send(ctx, 201, Bodies.map("id", k.id(), "projectId", k.projectId(), "name", k.name(), "prefix", k.prefix(),
        "key", key, "createdAt", Json.time(k.createdAt())));
  }

  void listKeys(Context ctx) {
    ProjectRow p = live(ctx);
    out.send(ctx, 200, Map.of("keys", projects.keys(p.id()).stream().map(ProjectsApi::key).toList()));
  }

  /** DELETE /v1/projects/:id/keys/:keyId: refused from the very next request, in every process. */
  void revokeKey(Context ctx) {
    ProjectRow p = live(ctx);
    String keyId = ctx.pathParam("keyId");
    KeyRow k = projects.revoke(p.id(), keyId).orElseThrow(() -> PlatenException.notFound("not_found",
        "No unrevoked key with id '" + ApiErrors.abbreviate(keyId) + "' in this project."));
    out.send(ctx, 200, Bodies.map("id", k.id(), "revokedAt", Json.time(k.revokedAt())));
  }

  private ProjectRow live(Context ctx) {
    String id = ctx.pathParam("id");
    return projects.find(id).orElseThrow(() -> notFound(id));
  }

  private static Map<String, Object> project(ProjectRow p) {
    return Bodies.map("id", p.id(), "slug", p.slug(), "name", p.name());
  }

  private static Map<String, Object> key(KeyRow k) {
    return Bodies.map("id", k.id(), "name", k.name(), "prefix", k.prefix(), "mode", k.test() ? "test" : "live",
        "createdAt", Json.time(k.createdAt()), "lastUsedAt", Json.time(k.lastUsedAt()),
        "revokedAt", Json.time(k.revokedAt()));
  }

  /** A name: a string, stripped, 1 to {@code max} characters, one line. */
  private static String name(JsonNode body, String field, int max, boolean required, Issues issues) {
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
    if (s.isEmpty() || s.length() > max) {
      issues.add(field, "Must be a string of 1 to " + max + " characters.");
      return null;
    }
    if (s.chars().anyMatch(Character::isISOControl)) {
      issues.add(field, "Must not contain line breaks or control characters.");
      return null;
    }
    return s;
  }

  private static PlatenException notFound(String id) {
    return PlatenException.notFound("not_found", "No project with id '" + ApiErrors.abbreviate(id) + "'.");
  }
}
