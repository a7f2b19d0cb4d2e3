package dev.platen.web;

import dev.platen.api.Routes;
import dev.platen.auth.AccountKeys;
import dev.platen.auth.ApiKeys;
import dev.platen.auth.Authenticator;
import dev.platen.errors.PlatenException;
import dev.platen.store.ProjectStore;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The web dashboard: server-rendered pages (jte, compiled at build time) over the same stores and services the
 * public API uses, behind a cookie session. This class holds what every page shares: the session and CSRF checks,
 * the security headers and the error page; {@link Pages} holds the pages themselves.
 */
public final class Dashboard {
  static final String COOKIE = "platen_session";
  static final String CSRF_FIELD = "_csrf";
  static final String CSRF_HEADER = "X-CSRF-Token";
  /**
   * No inline script or style anywhere, no framing, no plug-ins; forms only post back here. Frames may show
   * {@code blob:} URLs: the editor's preview PDF, fetched by the dashboard's own script.
   */
  static final String CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
      + "object-src 'none'; img-src 'self' data:; frame-src 'self' blob:";

  /** A page that needs a signed-in viewer. */
  interface Page {
    void handle(Context ctx, Sessions.Session s) throws Exception;
  }

  private final Sessions sessions;
  private final SignInLimit signInLimit;
  private final Authenticator auth;
  private final ProjectStore projects;
  private final boolean secureCookie;
  /** The browser's Origin for pages served under PLATEN_PUBLIC_URL, e.g. {@code https://platen.example.com}. */
  private final String publicOrigin;
  private final TemplateEngine jte = TemplateEngine.createPrecompiled(null, ContentType.Html, null,
      "dev.platen.web.jte");
  final Assets assets = new Assets();
  private final Pages pages;
  private final AccountPages account;
  private final EditorPages editor;
  private final TemplatePages templates;
  private final OverviewPage overview;

  /**
   * @param publicUrl the installation's public base URL: an https one marks the session cookie {@code Secure}
   */
  public Dashboard(Authenticator auth, ProjectStore projects, String publicUrl, InstantSource clock, Services services) {
    this.auth = auth;
    this.projects = projects;
    this.secureCookie = publicUrl != null && publicUrl.regionMatches(true, 0, "https:", 0, 6);
    this.publicOrigin = origin(publicUrl);
    this.sessions = new Sessions(clock);
    this.signInLimit = new SignInLimit(clock);
    this.pages = new Pages(this, services, clock);
    this.account = new AccountPages(this, services);
    this.editor = new EditorPages(this, services);
    this.templates = new TemplatePages(this, services, clock);
    this.overview = new OverviewPage(this, services, clock);
  }

  /** The dashboard's block of the one route table ({@code api/Routes} appends it). */
  public List<Routes.Route> routes() {
    List<Routes.Route> r = new ArrayList<>();
    r.add(new Routes.Route(HandlerType.GET, "/", open(this::home)));
    r.add(new Routes.Route(HandlerType.POST, "/", open(this::signIn)));
    r.add(new Routes.Route(HandlerType.POST, "/sign-out", signedIn(this::signOut)));
    r.add(new Routes.Route(HandlerType.GET, "/app/assets/{file}", assets::serve));
    r.add(new Routes.Route(HandlerType.GET, "/app/projects", accountOnly(account::projects)));
    r.add(new Routes.Route(HandlerType.POST, "/app/projects", accountOnly(account::create)));
    r.add(new Routes.Route(HandlerType.GET, "/app/projects/{id}", accountOnly(account::project)));
    r.add(new Routes.Route(HandlerType.POST, "/app/projects/{id}/rename", accountOnly(account::rename)));
    r.add(new Routes.Route(HandlerType.GET, "/app/projects/{id}/delete", accountOnly(account::confirmDelete)));
    r.add(new Routes.Route(HandlerType.POST, "/app/projects/{id}/delete", accountOnly(account::delete)));
    r.add(new Routes.Route(HandlerType.POST, "/app/projects/{id}/open", accountOnly(account::open)));
    r.add(new Routes.Route(HandlerType.POST, "/app/projects/{id}/keys", accountOnly(account::createKey)));
    r.add(new Routes.Route(HandlerType.POST, "/app/projects/{id}/keys/{keyId}/revoke",
        accountOnly(account::revokeKey)));
    r.add(new Routes.Route(HandlerType.GET, "/app/overview", inProject(overview::show)));
    r.add(new Routes.Route(HandlerType.GET, "/app/templates", inProject(templates::list)));
    r.add(new Routes.Route(HandlerType.POST, "/app/templates", inProject(templates::create)));
    r.add(new Routes.Route(HandlerType.GET, "/app/templates/new", inProject(templates::newForm)));
    r.add(new Routes.Route(HandlerType.GET, "/app/templates/{slug}", inProject(templates::show)));
    r.add(new Routes.Route(HandlerType.GET, "/app/templates/{slug}/diff", inProject(templates::diff)));
    r.add(new Routes.Route(HandlerType.GET, "/app/templates/{slug}/delete", inProject(templates::confirmDelete)));
    r.add(new Routes.Route(HandlerType.POST, "/app/templates/{slug}/delete", inProject(templates::delete)));
    r.add(new Routes.Route(HandlerType.GET, "/app/templates/{slug}/versions/{n}/render",
        inProject(templates::renderForm)));
    r.add(new Routes.Route(HandlerType.POST, "/app/templates/{slug}/versions/{n}/render",
        inProject(templates::render)));
    r.add(new Routes.Route(HandlerType.GET, "/app/templates/{slug}/edit", inProject(editor::edit)));
    r.add(new Routes.Route(HandlerType.POST, "/app/templates/{slug}/preview", inProject(editor::preview)));
    r.add(new Routes.Route(HandlerType.POST, "/app/templates/{slug}/publish", inProject(editor::publish)));
    r.add(new Routes.Route(HandlerType.GET, "/app/renders", inProject(pages::renders)));
    r.add(new Routes.Route(HandlerType.GET, "/app/renders/rows", inProject(pages::renderRows)));
    r.add(new Routes.Route(HandlerType.GET, "/app/renders/events", inProject(pages::renderEvents)));
    r.add(new Routes.Route(HandlerType.GET, "/app/renders/{id}", inProject(pages::render)));
    r.add(new Routes.Route(HandlerType.GET, "/app/renders/{id}/pdf", inProject(pages::pdf)));
    r.add(new Routes.Route(HandlerType.GET, "/app/renders/{id}/state", inProject(pages::renderState)));
    r.add(new Routes.Route(HandlerType.POST, "/app/renders/{id}/cancel", inProject(pages::cancel)));
    r.add(new Routes.Route(HandlerType.POST, "/app/renders/{id}/again", inProject(pages::renderAgain)));
    r.add(new Routes.Route(HandlerType.POST, "/app/renders/{id}/shares", inProject(pages::share)));
    r.add(new Routes.Route(HandlerType.POST, "/app/renders/{id}/email", inProject(pages::email)));
    r.add(new Routes.Route(HandlerType.POST, "/app/renders/{id}/shares/{shareId}/revoke",
        inProject(pages::revokeShare)));
    r.add(new Routes.Route(HandlerType.GET, "/app/webhooks", inProject(pages::webhooks)));
    r.add(new Routes.Route(HandlerType.POST, "/app/webhooks", inProject(pages::createWebhook)));
    r.add(new Routes.Route(HandlerType.GET, "/app/webhooks/{id}", inProject(pages::webhook)));
    r.add(new Routes.Route(HandlerType.POST, "/app/webhooks/{id}/active", inProject(pages::toggleWebhook)));
    r.add(new Routes.Route(HandlerType.POST, "/app/webhooks/{id}/delete", inProject(pages::deleteWebhook)));
    r.add(new Routes.Route(HandlerType.POST, "/app/webhooks/{id}/ping", inProject(pages::pingWebhook)));
    r.add(new Routes.Route(HandlerType.POST, "/app/webhooks/{id}/deliveries/{deliveryId}/retry",
        inProject(pages::retryDelivery)));
    return List.copyOf(r);
  }

  // ---- sign-in -----------------------------------------------------------------------------------------------------

  private void home(Context ctx) {
    Sessions.Session s = current(ctx);
    if (s != null) {
      ctx.redirect(s.projectId() == null ? "/app/projects" : "/app/renders", HttpStatus.SEE_OTHER);
      return;
    }
    page(ctx, 200, "signin.jte", Map.of("assets", assets, "error", ""));
  }

  private void signIn(Context ctx) {
    if (!sameOrigin(ctx)) throw new PlatenException(403, "forbidden", "Sign in from the dashboard's own page.");
    String address = ctx.ip();
    if (signInLimit.blocked(address)) {
      ctx.header("Retry-After", Long.toString(signInLimit.retryAfterSeconds()));
      page(ctx, 429, "signin.jte", Map.of("assets", assets, "error",
          "Too many failed sign-ins from this address; try again in " + (signInLimit.retryAfterSeconds() / 60 + 1)
              + " minutes."));
      return;
    }
    String key = ctx.formParam("key");
    key = key == null ? "" : key.strip();
    Viewer viewer;
    try {
      if (AccountKeys.looksLikeOne(key)) {
        auth.account(List.of("Bearer " + key));
        String hash = ApiKeys.hash(key);
        viewer = new Viewer(Viewer.Kind.ACCOUNT, projects.findAccountKey(hash).orElseThrow(), hash, null, false);
      } else {
        var p = auth.project(List.of("Bearer " + key));
        viewer = new Viewer(Viewer.Kind.PROJECT, p.keyId(), ApiKeys.hash(key), p.projectId(), p.testKey());
      }
    } catch (PlatenException e) {
      signInLimit.failed(address);
      page(ctx, 401, "signin.jte", Map.of("assets", assets, "error", e.getMessage()));
      return;
    }
    sessions.end(ctx.cookie(COOKIE)); // a sign-in never keeps a session the browser had before
    Sessions.Session s = sessions.create(viewer);
    ctx.header("Set-Cookie", COOKIE + "=" + s.token() + "; Path=/; HttpOnly; SameSite=Strict"
        + (secureCookie ? "; Secure" : ""));
    ctx.redirect(viewer.kind() == Viewer.Kind.ACCOUNT ? "/app/projects" : "/app/renders", HttpStatus.SEE_OTHER);
  }

  private void signOut(Context ctx, Sessions.Session s) {
    sessions.end(s.token());
    ctx.header("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
        + (secureCookie ? "; Secure" : ""));
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  // ---- what every page does ----------------------------------------------------------------------------------------

  private io.javalin.http.Handler open(io.javalin.http.Handler h) {
    return ctx -> {
      securityHeaders(ctx);
      try {
        h.handle(ctx);
      } catch (PlatenException e) {
        errorPage(ctx, e);
      }
    };
  }

  private io.javalin.http.Handler signedIn(Page h) {
    return ctx -> {
      securityHeaders(ctx);
      try {
        Sessions.Session s = current(ctx);
        boolean change = !ctx.method().equals(HandlerType.GET) && !ctx.method().equals(HandlerType.HEAD);
        if (s == null) {
          if (!change) {
            ctx.redirect("/", HttpStatus.SEE_OTHER);
            return;
          }
          throw new PlatenException(403, "forbidden", "Your session has ended: sign in again.");
        }
        if (change && (!sameOrigin(ctx) || !s.csrfMatches(csrfOf(ctx)))) {
          throw new PlatenException(403, "forbidden",
              "This form has expired or did not come from the dashboard: reload the page and try again.");
        }
        h.handle(ctx, s);
      } catch (PlatenException e) {
        errorPage(ctx, e);
      }
    };
  }

  /**
   * A page of one project: an account viewer that has not picked one (or whose pick was deleted since) goes to the
   * project list first.
   */
  private io.javalin.http.Handler inProject(Page h) {
    return signedIn((ctx, s) -> {
      if (s.projectId() == null) {
        if (ctx.method().equals(HandlerType.GET)) {
          ctx.redirect("/app/projects", HttpStatus.SEE_OTHER);
          return;
        }
        throw new PlatenException(409, "no_project", "Pick a project on the Projects page first.");
      }
      h.handle(ctx, s);
    });
  }

  /** Projects and keys: the account key's pages, refused to a project key as the account API refuses it. */
  private io.javalin.http.Handler accountOnly(Page h) {
    return signedIn((ctx, s) -> {
      if (!s.account()) {
        throw new PlatenException(403, "forbidden", "Projects and keys are managed with the account key "
            + "(ck_acct_…); sign in with it to see them.");
      }
      h.handle(ctx, s);
    });
  }

  /** The session of the request's cookie, if it is live and its key has not been revoked since. */
  private Sessions.Session current(Context ctx) {
    Sessions.Session s = sessions.touch(ctx.cookie(COOKIE)).orElse(null);
    if (s == null) return null;
    if (!keyLive(s)) {
      sessions.end(s.token());
      return null;
    }
    // a project the account viewer picked and then deleted (here or through the API) is no longer shown
    String chosen = s.chosen().get();
    if (chosen != null && projects.find(chosen).isEmpty()) s.chosen().compareAndSet(chosen, null);
    return s;
  }

  private boolean keyLive(Sessions.Session s) {
    if (s.account()) return projects.findAccountKey(s.viewer().keyHash()).isPresent();
    return projects.findActiveKey(s.viewer().keyHash()).filter(o -> !o.projectDeleted()).isPresent();
  }

  boolean alive(Sessions.Session s) {
    return sessions.alive(s) && keyLive(s);
  }

  private static String csrfOf(Context ctx) {
    String h = ctx.header(CSRF_HEADER);
    if (h != null) return h;
    String contentType = ctx.contentType();
    if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
      return ctx.formParam(CSRF_FIELD);
    }
    return null;
  }

  private static String origin(String url) {
    if (url == null) return null;
    try {
      URI u = URI.create(url);
      return u.getScheme() == null || u.getHost() == null ? null
          : (u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort())).toLowerCase(
              java.util.Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * A browser names the page a form came from in {@code Origin}; one from another site is refused even before the
   * CSRF token is looked at (and on the sign-in form, which has no session to hold a token yet). The public URL's
   * origin passes too: a reverse proxy may rewrite {@code Host}.
   */
  private boolean sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null || origin.equals("null")) return origin == null;
    if (origin.equalsIgnoreCase(publicOrigin)) return true;
    try {
      URI o = URI.create(origin);
      String host = ctx.header("Host");
      String authority = o.getPort() == -1 ? o.getHost() : o.getHost() + ":" + o.getPort();
      return host != null && (host.equalsIgnoreCase(authority) || host.equalsIgnoreCase(o.getHost()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
  }

  private void errorPage(Context ctx, PlatenException e) {
    int status = e.status() >= 400 && e.status() < 600 ? e.status() : 500;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("assets", assets);
    m.put("status", status);
    m.put("message", describe(e));
    page(ctx, status, "error.jte", m);
  }

  /** The message and each field's problems ({@code manifest.variables[0].key: …}), for a page to show. */
  static String describe(PlatenException e) {
    StringBuilder b = new StringBuilder(e.getMessage());
    if (e.issues() != null) {
      for (String f : e.issues().formErrors()) b.append(' ').append(f);
      e.issues().fieldErrors().forEach((path, problems) -> {
        for (String p : problems) b.append(' ').append(path).append(": ").append(p);
      });
    }
    return b.toString();
  }

  /** Renders a jte template; every value it prints is HTML-escaped by jte. */
  void page(Context ctx, int status, String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    jte.render(template, params, out);
    ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
  }

  /** What the page frame needs: the viewer, the CSRF token for its forms, the section to highlight. */
  Chrome chrome(Sessions.Session s, String section, String title) {
    return new Chrome(title, section, s.csrf(), s.projectId(), s.viewer().testKey(), s.account(), assets);
  }

  /** @param account an account viewer: the Projects section shows, and the project sections only once one is picked */
  public record Chrome(String title, String section, String csrf, String projectId, boolean testKey,
      boolean account, Assets assets) {}
}
