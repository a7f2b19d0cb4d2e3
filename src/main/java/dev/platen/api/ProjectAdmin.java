package dev.platen.api;

import dev.platen.auth.ApiKeys;
import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import dev.platen.store.ProjectStore;
import dev.platen.store.ProjectStore.KeyRow;
import dev.platen.store.ProjectStore.ProjectRow;
import dev.platen.templates.Slugs;
import java.util.List;

/**
 * What the account key may do to projects and their keys, shared by the account API ({@link ProjectsApi}) and the
 * dashboard's project pages, so both check names, mint keys and answer "not found" alike. Callers parse their own
 * input (JSON or a form) into strings; the checks on those strings live here.
 */
public final class ProjectAdmin {
  /** The reference's limits: a new project's name 1–120 (refused with 422), a rename 1–200 (400). */
  public static final int MAX_NEW_NAME = 120;
  public static final int MAX_RENAME = 200;
  public static final int MAX_KEY_NAME = 200;
  public static final String DEFAULT_KEY_NAME = "API key";

  /** A key just made: {@code secret} exists only in this value, the store keeps its hash. */
  public record NewKey(KeyRow key, String secret) {}

  private final ProjectStore projects;

  public ProjectAdmin(ProjectStore projects) {
    this.projects = projects;
  }

  /** The slug is derived from the name and never changes; deleted projects keep theirs. */
  public ProjectRow create(String name) {
    Issues issues = new Issues();
    String n = checkName(name, "name", MAX_NEW_NAME, true, issues);
    if (!issues.isEmpty()) {
      // the reference answers this endpoint's validation failures with 422, unlike its neighbours
      throw new PlatenException(422, "invalid_request", "The request body is not valid.", issues);
    }
    return projects.create(n, Slugs.derive(n, "project"));
  }

  public List<ProjectRow> list() {
    return projects.list();
  }

  public ProjectRow find(String id) {
    return projects.find(id).orElseThrow(() -> notFound(id));
  }

  /** A rename; the slug is not recomputed. */
  public ProjectRow rename(String id, String name) {
    find(id);
    Issues issues = new Issues();
    String n = checkName(name, "name", MAX_RENAME, true, issues);
    issues.throwIfAnyAsInvalidRequest();
    return projects.rename(id, n).orElseThrow(() -> notFound(id));
  }

  public void delete(String id) {
    if (!projects.delete(id)) throw notFound(id);
  }

  /** @param name null for the default name */
  public NewKey createKey(String projectId, String name, boolean test) {
    find(projectId);
    Issues issues = new Issues();
    String n = checkName(name, "name", MAX_KEY_NAME, false, issues);
    issues.throwIfAnyAsInvalidRequest();
    String key = ApiKeys.generate(test);
    KeyRow k = projects.createKey(projectId, ApiKeys.hash(key), ApiKeys.prefix(key), test,
        n == null ? DEFAULT_KEY_NAME : n).orElseThrow(() -> notFound(projectId));
    return new NewKey(k, key);
  }

  public List<KeyRow> keys(String projectId) {
    return projects.keys(find(projectId).id());
  }

  /** Refused from the next request on in this process, within a second in every other one. */
  public KeyRow revokeKey(String projectId, String keyId) {
    ProjectRow p = find(projectId);
    return projects.revoke(p.id(), keyId).orElseThrow(() -> PlatenException.notFound("not_found",
        "No unrevoked key with id '" + ApiErrors.abbreviate(keyId) + "' in this project."));
  }

  /** A name: stripped, 1 to {@code max} characters, one line; null (and an issue if required) when absent. */
  static String checkName(String s, String field, int max, boolean required, Issues issues) {
    if (s == null) {
      if (required) issues.add(field, "Required");
      return null;
    }
    s = s.strip();
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

  static PlatenException notFound(String id) {
    return PlatenException.notFound("not_found", "No project with id '" + ApiErrors.abbreviate(id) + "'.");
  }
}
