package dev.platen.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Liveness for load balancers and the OpenAPI document. */
final class HealthApi {
  private final BooleanSupplier databaseUp;
  private final Bodies out;
  private final byte[] openapi;

  HealthApi(BooleanSupplier databaseUp, Bodies out) {
    this.databaseUp = databaseUp;
    this.out = out;
    try (InputStream in = HealthApi.class.getResourceAsStream("/openapi.yaml")) {
      this.openapi = in == null ? new byte[0] : in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("openapi.yaml missing from the jar", e);
    }
  }

  void health(Context ctx) {
    if (databaseUp.getAsBoolean()) {
      out.send(ctx, 200, Map.of("status", "ok"));
    } else {
      out.send(ctx, 503, Map.of("status", "unavailable", "reason", "database unreachable"));
    }
  }

  void openapi(Context ctx) {
    ctx.contentType("application/yaml").result(openapi);
  }
}
