package dev.platen.api;

import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The single translation from failures to the wire: every error leaves as {@code {"error":{code,message,issues?}}}.
 * Unexpected exceptions are logged under an id and only that id is returned: never a stack trace.
 */
final class ApiErrors {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
  private final JsonMapper json;

  ApiErrors(JsonMapper json) {
    this.json = json;
  }

  /** What an error message quotes of a value the client sent: enough to recognise it, never a wall of text. */
  static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }

  void platen(PlatenException e, Context ctx) {
    send(ctx, e.status(), e.code(), e.getMessage(), e.issues());
    if (e.status() == 503) ctx.header("Retry-After", "5");
  }

  void unexpected(Exception e, Context ctx) {
    if (databaseUnreachable(e)) {
      logUnreachable(ctx, e);
      send(ctx, 503, "service_unavailable", "The database is unavailable; retry shortly.", null);
      ctx.header("Retry-After", "5");
      return;
    }
    String id = UUID.randomUUID().toString();
    log.error("internal error {} on {} {}", id, ctx.method(), ctx.path(), e);
    send(ctx, 500, "internal", "Unexpected server error (reference " + id + ").", null);
  }

  /**
   * For a route whose clients should hear about a database outage in that route's own terms (the render route
   * answers {@code queue_unavailable}): the outage becomes {@code e}, which leaves through {@link #platen}.
   */
  static Handler onDatabaseUnreachable(Handler h, Supplier<PlatenException> e) {
    return ctx -> {
      try {
        h.handle(ctx);
      } catch (Exception failure) {
        if (!databaseUnreachable(failure)) throw failure;
        logUnreachable(ctx, failure);
        throw e.get();
      }
    };
  }

  private static void logUnreachable(Context ctx, Exception e) {
    log.warn("database unreachable on {} {}: {}", ctx.method(), ctx.path(), e.toString());
  }

  /** Connection-level failures (pool timeout, refused or dropped connection): the caller may simply retry. */
  static boolean databaseUnreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException
          || t instanceof org.jdbi.v3.core.ConnectionException) {
        return true;
      }
      if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
        return true;
      }
      if (t.getCause() == t) break;
    }
    return false;
  }

  /** For statuses produced outside our handlers (unknown route, wrong method), unless a body was already set. */
  void status(Context ctx) {
    String type = ctx.res().getContentType();
    // our own handler already answered (the share pages answer browsers in HTML)
    if (type != null && (type.startsWith("application/json") || type.startsWith("text/html"))) return;
    switch (ctx.statusCode()) {
      case 404 -> send(ctx, 404, "not_found", "No such endpoint: " + ctx.method() + " " + ctx.path(), null);
      case 405 -> send(ctx, 405, "method_not_allowed", "Method " + ctx.method() + " is not allowed here.", null);
      case 413 -> send(ctx, 413, "payload_too_large", "Request bodies are limited to 10 MB.", null);
      default -> send(ctx, ctx.statusCode(), "invalid_request", "The request could not be processed.", null);
    }
  }

  void send(Context ctx, int status, String code, String message, Issues issues) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("code", code);
    err.put("message", message);
    if (issues != null) {
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("formErrors", issues.formErrors());
      i.put("fieldErrors", issues.fieldErrors());
      err.put("issues", i);
    }
    ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(Map.of("error", err)));
  }
}
