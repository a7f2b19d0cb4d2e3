package dev.platen.api;

import io.javalin.http.Context;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Writes JSON answers. */
final class Bodies {
  private final JsonMapper json;

  Bodies(JsonMapper json) {
    this.json = json;
  }

  void send(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(body));
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
