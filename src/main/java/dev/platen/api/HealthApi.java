package dev.platen.api;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** Liveness and readiness, for load balancers, Kubernetes probes and supervisors. No authentication. */
final class HealthApi {
  private final Readiness readiness;
  private final Bodies out;

  HealthApi(Readiness readiness, Bodies out) {
    this.readiness = readiness;
    this.out = out;
  }

  /** Alive: answered while the process runs, whatever its dependencies do (restarting it would not fix them). */
  void health(Context ctx) {
    out.send(ctx, 200, Map.of("status", "ok"));
  }

  /** Ready for traffic or work: 503 names each failed check. */
  void ready(Context ctx) {
    Map<String, String> checks = readiness.check();
    List<String> failed = checks.entrySet().stream().filter(e -> !e.getValue().equals("ok")).map(Map.Entry::getKey)
        .toList();
    if (failed.isEmpty()) {
      out.send(ctx, 200, Bodies.map("status", "ready", "checks", checks));
    } else {
      out.send(ctx, 503, Bodies.map("status", "unavailable", "failed", failed, "checks", checks));
    }
  }
}
