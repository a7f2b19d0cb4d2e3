package dev.platen.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Writes JSON answers. */
final class Bodies {
  private final JsonMapper json;

  Bodies(JsonMapper json) {
    this.json = json;
  }

  /**
   * Below this size Javalin would not compress a body anyway (its default minimum), so the body is written to the
   * response directly: through {@code ctx.result}, Javalin copies every answer to the response through a 32 KB
   * buffer of its own, three quarters of the bytes allocated by {@code GET /v1/renders/:id} under load (measured),
   * whose young collections paused the requests that made up its tail latency.
   */
  static final int COMPRESSED_FROM_BYTES = 1_500;

  void send(Context ctx, int status, Object body) {
    byte[] bytes = json.writeValueAsBytes(body);
    ctx.status(status).contentType("application/json");
    if (bytes.length >= COMPRESSED_FROM_BYTES) {
      ctx.result(bytes);
      return;
    }
    // an answer replaces one written before it (an error after a handler's answer), as ctx.result does
    if (!ctx.res().isCommitted()) ctx.res().resetBuffer();
    ctx.res().setContentLength(bytes.length);
    // closed, as Javalin closes it after writing a result: the answer goes out now, before Jetty deals with a
    // request body left unread (a refused 10 MB upload), which otherwise reset the connection first
    try (OutputStream out = ctx.res().getOutputStream()) {
      out.write(bytes);
    } catch (IOException e) {
      // the client went away; nothing is left to tell it
    }
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
