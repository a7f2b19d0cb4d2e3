package dev.platen.api;

import dev.platen.auth.Authenticator;
import dev.platen.auth.Principal;
import dev.platen.errors.PlatenException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Collections;
import java.util.List;

/**
 * The one route table. Every endpoint is listed here, in the order of the OpenAPI document; tests read
 * {@link #table()} to check that each is documented.
 */
public final class Routes {

  /** A project-scoped handler: runs only after the API key resolved to a project. */
  interface ProjectHandler {
    void handle(Context ctx, Principal p) throws Exception;
  }

  public record Route(HandlerType method, String path, io.javalin.http.Handler handler) {}

  private final List<Route> table;

  Routes(Authenticator auth, TemplatesApi templates, RendersApi renders, AdminApi admin, HealthApi health,
      MetricsApi metrics, DocsApi docs, SharesApi shares, EngagementApi engagement, SharePages sharePages,
      WebhooksApi hooks, ProjectsApi accounts, InboundApi inbound,
      PreviewsApi previews, List<Route> dashboard) {
    List<Route> all = new java.util.ArrayList<>(monitoring(health, metrics));
    all.addAll(List.of(
        new Route(HandlerType.GET, "/openapi.yaml", docs::openapi),
        new Route(HandlerType.GET, "/docs", docs::page),
        new Route(HandlerType.GET, "/docs/{file}", docs::asset),
        new Route(HandlerType.POST, "/v1/templates", project(auth, templates::create)),
        new Route(HandlerType.GET, "/v1/templates", project(auth, templates::list)),
        new Route(HandlerType.GET, "/v1/templates/{slug}", project(auth, templates::get)),
        new Route(HandlerType.PUT, "/v1/templates/{slug}", project(auth, templates::put)),
        new Route(HandlerType.DELETE, "/v1/templates/{slug}", project(auth, templates::delete)),
        new Route(HandlerType.GET, "/v1/templates/{slug}/versions", project(auth, templates::versions)),
        new Route(HandlerType.GET, "/v1/templates/{slug}/versions/{n}", project(auth, templates::version)),
        new Route(HandlerType.GET, "/v1/templates/{slug}/inbound", project(auth, inbound::get)),
        new Route(HandlerType.PATCH, "/v1/templates/{slug}/inbound", project(auth, inbound::update)),
        new Route(HandlerType.POST, "/v1/templates/{slug}/inbound/rotate", project(auth, inbound::rotate)),
        // no key: the token in the path is the credential, and taking the render is queueing it
        new Route(HandlerType.POST, "/v1/hooks/{token}", queueing(inbound::hook)),
        new Route(HandlerType.POST, "/v1/templates/{slug}/render", queueing(project(auth, renders::render))),
        new Route(HandlerType.GET, "/v1/renders", project(auth, renders::list)),
        new Route(HandlerType.GET, "/v1/renders/{id}", project(auth, renders::get)),
        new Route(HandlerType.POST, "/v1/renders/{id}/cancel", project(auth, renders::cancel)),
        new Route(HandlerType.GET, "/v1/renders/{id}/download", project(auth, renders::download)),
        new Route(HandlerType.GET, "/v1/embed/renders/{id}/download", embed(auth, renders::embedDownload)),
        new Route(HandlerType.GET, "/v1/embed/renders", embed(auth, renders::embedList)),
        new Route(HandlerType.POST, "/v1/templates/{slug}/preview", project(auth, previews::template)),
        new Route(HandlerType.POST, "/v1/preview", project(auth, previews::draft)),
        // Javalin answers a HEAD of a GET route by itself, empty and without the GET's headers: downloads register
        // theirs, and Downloads answers them with the GET's headers and no body.
        new Route(HandlerType.HEAD, "/v1/renders/{id}/download", project(auth, renders::download)),
        new Route(HandlerType.HEAD, "/v1/embed/renders/{id}/download", embed(auth, renders::embedDownload)),
        new Route(HandlerType.HEAD, "/files/{id}/{token}/{filename}", renders::publicFile),
        new Route(HandlerType.HEAD, "/share/{token}/pdf", sharePages::pdf),
        new Route(HandlerType.GET, "/files/{id}/{token}/{filename}", renders::publicFile),
        new Route(HandlerType.POST, "/v1/renders/{id}/shares", project(auth, shares::create)),
        new Route(HandlerType.GET, "/v1/renders/{id}/shares", project(auth, shares::list)),
        new Route(HandlerType.DELETE, "/v1/renders/{id}/shares/{shareId}", project(auth, shares::revoke)),
        new Route(HandlerType.POST, "/v1/renders/{id}/email", project(auth, shares::email)),
        new Route(HandlerType.POST, "/v1/renders/{id}/events", project(auth, engagement::report)),
        new Route(HandlerType.GET, "/v1/renders/{id}/engagement", project(auth, engagement::summary)),
        new Route(HandlerType.GET, "/share/{token}", sharePages::page),
        new Route(HandlerType.GET, "/share/{token}/pdf", sharePages::pdf),
        new Route(HandlerType.GET, "/share/{token}/open.gif", sharePages::openGif),
        new Route(HandlerType.POST, "/v1/admin/provision", admin::provision),
        new Route(HandlerType.PATCH, "/v1/admin/provision", admin::update),
        new Route(HandlerType.POST, "/v1/projects", account(auth, accounts::create)),
        new Route(HandlerType.GET, "/v1/projects", account(auth, accounts::list)),
        new Route(HandlerType.GET, "/v1/projects/{id}", account(auth, accounts::get)),
        new Route(HandlerType.PATCH, "/v1/projects/{id}", account(auth, accounts::update)),
        new Route(HandlerType.DELETE, "/v1/projects/{id}", account(auth, accounts::delete)),
        new Route(HandlerType.POST, "/v1/projects/{id}/keys", account(auth, accounts::createKey)),
        new Route(HandlerType.GET, "/v1/projects/{id}/keys", account(auth, accounts::listKeys)),
        new Route(HandlerType.DELETE, "/v1/projects/{id}/keys/{keyId}", account(auth, accounts::revokeKey)),
        new Route(HandlerType.POST, "/v1/webhooks", project(auth, hooks::create)),
        new Route(HandlerType.GET, "/v1/webhooks", project(auth, hooks::list)),
        new Route(HandlerType.GET, "/v1/webhooks/{id}", project(auth, hooks::get)),
        new Route(HandlerType.PATCH, "/v1/webhooks/{id}", project(auth, hooks::update)),
        new Route(HandlerType.DELETE, "/v1/webhooks/{id}", project(auth, hooks::delete)),
        new Route(HandlerType.POST, "/v1/webhooks/{id}/rotate-secret", project(auth, hooks::rotate)),
        new Route(HandlerType.POST, "/v1/webhooks/{id}/rotate-secret/complete",
            project(auth, hooks::completeRotation)),
        new Route(HandlerType.GET, "/v1/webhooks/{id}/deliveries", project(auth, hooks::deliveries)),
        new Route(HandlerType.POST, "/v1/webhooks/{id}/deliveries/{deliveryId}/retry", project(auth, hooks::retry)),
        new Route(HandlerType.POST, "/v1/webhooks/{id}/ping", project(auth, hooks::ping))));
    // the web dashboard's pages (web/Dashboard#routes): cookie sessions, not API keys, and not in the OpenAPI
    all.addAll(dashboard);
    this.table = List.copyOf(all);
  }

  private Routes(List<Route> table) {
    this.table = table;
  }

  /** The routes of a worker process's own port: it serves no API, only what operators and probes ask. */
  static Routes monitoringOnly(HealthApi health, MetricsApi metrics) {
    return new Routes(monitoring(health, metrics));
  }

  private static List<Route> monitoring(HealthApi health, MetricsApi metrics) {
    return List.of(
        new Route(HandlerType.GET, "/health", health::health),
        new Route(HandlerType.GET, "/ready", health::ready),
        new Route(HandlerType.GET, "/metrics", metrics::metrics));
  }

  private static io.javalin.http.Handler project(Authenticator auth, ProjectHandler h) {
    return ctx -> h.handle(ctx, auth.project(Collections.list(ctx.req().getHeaders("Authorization"))));
  }

  /** An account handler ({@code /v1/projects*}): runs only for the account's {@code ck_acct_} key. */
  private static io.javalin.http.Handler account(Authenticator auth, io.javalin.http.Handler h) {
    return ctx -> {
      auth.account(Collections.list(ctx.req().getHeaders("Authorization")));
      h.handle(ctx);
    };
  }

  /**
   * The reference's embed routes take the project key as the partner secret and refuse a missing or bad one with
   * 401 {@code invalid_credentials}, where the core routes say {@code unauthorized}.
   */
  private static io.javalin.http.Handler embed(Authenticator auth, ProjectHandler h) {
    return ctx -> {
      Principal p;
      try {
        p = auth.project(Collections.list(ctx.req().getHeaders("Authorization")));
      } catch (PlatenException e) {
        if (e.status() != 401) throw e;
        throw new PlatenException(401, "invalid_credentials", e.getMessage());
      }
      h.handle(ctx, p);
    };
  }

  /**
   * Accepting a render is putting it in the queue, so a client that cannot reach the database hears that the
   * queue is unavailable and that retrying with the same Idempotency-Key is safe.
   */
  private static io.javalin.http.Handler queueing(io.javalin.http.Handler h) {
    return ApiErrors.onDatabaseUnreachable(h, () -> new PlatenException(503, "queue_unavailable",
        "The render queue is unavailable; retry shortly with the same Idempotency-Key."));
  }

  public List<Route> table() { return table; }

  void register(JavalinConfig config) {
    for (Route r : table) config.routes.addHttpHandler(r.method(), r.path(), r.handler());
  }
}
