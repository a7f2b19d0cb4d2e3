package dev.platen.web;

import dev.platen.api.ProjectAdmin;
import dev.platen.errors.PlatenException;
import dev.platen.store.ProjectStore.KeyRow;
import dev.platen.store.ProjectStore.ProjectRow;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The account key's pages: projects (list, create, rename, delete) and their keys (create, list, revoke), through
 * the account API's own {@link ProjectAdmin}. A new key's secret is in the answer to the form that made it and in
 * no page after.
 */
final class AccountPages {
  private final Dashboard dash;
  private final ProjectAdmin admin;

  AccountPages(Dashboard dash, Services svc) {
    this.dash = dash;
    this.admin = svc.projects();
  }

  void projects(Context ctx, Sessions.Session s) {
    listPage(ctx, s, 200, "", "");
  }

  private void listPage(Context ctx, Sessions.Session s, int status, String error, String name) {
    Map<String, Object> m = new HashMap<>();
    m.put("chrome", dash.chrome(s, "projects", "Projects"));
    m.put("projects", admin.list());
    m.put("error", error);
    m.put("name", name);
    dash.page(ctx, status, "projects.jte", m);
  }

  void create(Context ctx, Sessions.Session s) {
    String name = ctx.formParam("name");
    ProjectRow p;
    try {
      p = admin.create(name);
    } catch (PlatenException e) {
      listPage(ctx, s, e.status(), Dashboard.describe(e), name == null ? "" : name);
      return;
    }
    ctx.redirect("/app/projects/" + p.id(), HttpStatus.SEE_OTHER);
  }

  void project(Context ctx, Sessions.Session s) {
    projectPage(ctx, s, 200, admin.find(ctx.pathParam("id")), null, "");
  }

  /** @param made a key just created, its secret shown this once */
  private void projectPage(Context ctx, Sessions.Session s, int status, ProjectRow p, ProjectAdmin.NewKey made,
      String error) {
    List<KeyRow> keys = admin.keys(p.id());
    Map<String, Object> m = new HashMap<>();
    m.put("chrome", dash.chrome(s, "projects", p.name()));
    m.put("p", p);
    m.put("keys", keys);
    m.put("madeKey", made == null ? null : made.key());
    m.put("secret", made == null ? "" : made.secret());
    m.put("error", error);
    m.put("viewing", p.id().equals(s.projectId()));
    dash.page(ctx, status, "project.jte", m);
  }

  void rename(Context ctx, Sessions.Session s) {
    ProjectRow p = admin.find(ctx.pathParam("id"));
    try {
      admin.rename(p.id(), ctx.formParam("name"));
    } catch (PlatenException e) {
      projectPage(ctx, s, e.status(), p, null, Dashboard.describe(e));
      return;
    }
    ctx.redirect("/app/projects/" + p.id(), HttpStatus.SEE_OTHER);
  }

  void confirmDelete(Context ctx, Sessions.Session s) {
    ProjectRow p = admin.find(ctx.pathParam("id"));
    dash.page(ctx, 200, "project_delete.jte", Map.of("chrome", dash.chrome(s, "projects", "Delete " + p.name()),
        "p", p));
  }

  /** Only from the confirmation page's form, which carries {@code confirm=yes}. */
  void delete(Context ctx, Sessions.Session s) {
    ProjectRow p = admin.find(ctx.pathParam("id"));
    if (!"yes".equals(ctx.formParam("confirm"))) {
      ctx.redirect("/app/projects/" + p.id() + "/delete", HttpStatus.SEE_OTHER);
      return;
    }
    admin.delete(p.id());
    s.chosen().compareAndSet(p.id(), null);
    ctx.redirect("/app/projects", HttpStatus.SEE_OTHER);
  }

  /** The account viewer looks at this project's templates, renders and webhooks from now on. */
  void open(Context ctx, Sessions.Session s) {
    ProjectRow p = admin.find(ctx.pathParam("id"));
    s.chosen().set(p.id());
    ctx.redirect("/app/templates", HttpStatus.SEE_OTHER);
  }

  void createKey(Context ctx, Sessions.Session s) {
    ProjectRow p = admin.find(ctx.pathParam("id"));
    String mode = ctx.formParam("mode");
    if (mode != null && !mode.equals("live") && !mode.equals("test")) {
      throw new PlatenException(400, "invalid_request", "Mode must be live or test.");
    }
    String name = ctx.formParam("name");
    ProjectAdmin.NewKey made;
    try {
      made = admin.createKey(p.id(), name == null || name.isBlank() ? null : name, "test".equals(mode));
    } catch (PlatenException e) {
      projectPage(ctx, s, e.status(), p, null, Dashboard.describe(e));
      return;
    }
    // answered here rather than redirected: the secret must not sit in any URL or any page a reload could show
    projectPage(ctx, s, 201, p, made, "");
  }

  void revokeKey(Context ctx, Sessions.Session s) {
    ProjectRow p = admin.find(ctx.pathParam("id"));
    admin.revokeKey(p.id(), ctx.pathParam("keyId"));
    ctx.redirect("/app/projects/" + p.id(), HttpStatus.SEE_OTHER);
  }
}
