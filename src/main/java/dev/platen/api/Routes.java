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
      WebhooksApi hooks) {
    this.table = List.of(
        new Route(HandlerType.GET, "/health", health::health),
        new Route(HandlerType.GET, "/openapi.yaml", health::openapi),
        new Route(HandlerType.POST, "/v1/templates", project(auth, templates::create)),
        new Route(HandlerType.GET, "/v1/templates", project(auth, templates::list)),
        new Route(HandlerType.GET, "/v1/templates/{slug}", project(auth, templates::get)),
        new Route(HandlerType.PUT, "/v1/templates/{slug}", project(auth, templates::put)),
        new Route(HandlerType.DELETE, "/v1/templates/{slug}", project(auth, templates::delete)),
        new Route(HandlerType.POST, "/v1/templates/{slug}/render", queueing(project(auth, renders::render))),
        new Route(HandlerType.GET, "/v1/renders/{id}", project(auth, renders::get)),
        new Route(HandlerType.GET, "/v1/renders/{id}/download", project(auth, renders::download)),
        new Route(HandlerType.GET, "/v1/embed/renders/{id}/download", project(auth, renders::embedDownload)),
        new Route(HandlerType.GET, "/files/{id}/{token}/{filename}", renders::publicFile),
        new Route(HandlerType.POST, "/v1/admin/provision", admin::provision),
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
        new Route(HandlerType.POST, "/v1/webhooks/{id}/ping", project(auth, hooks::ping)));
  }

  private static io.javalin.http.Handler project(Authenticator auth, ProjectHandler h) {
    return ctx -> h.handle(ctx, auth.project(Collections.list(ctx.req().getHeaders("Authorization"))));
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
