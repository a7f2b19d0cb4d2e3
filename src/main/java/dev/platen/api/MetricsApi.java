package dev.platen.api;

import dev.platen.errors.PlatenException;
import dev.platen.metrics.Metrics;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.List;

/** {@code GET /metrics}: the process's metrics in the Prometheus text format, behind PLATEN_METRICS_KEY if set. */
final class MetricsApi {
  private final Metrics metrics;
  private final byte[] key;

  /** @param key the bearer secret scrapers must send, or null for an open endpoint */
  MetricsApi(Metrics metrics, String key) {
    this.metrics = metrics;
    this.key = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
  }

  void metrics(Context ctx) {
    if (key != null) authorize(Collections.list(ctx.req().getHeaders("Authorization")));
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  private void authorize(List<String> headers) {
    String h = headers.size() == 1 ? headers.get(0).trim() : "";
    boolean ok = h.length() > 7 && h.regionMatches(true, 0, "Bearer ", 0, 7)
        && MessageDigest.isEqual(h.substring(7).trim().getBytes(StandardCharsets.UTF_8), key);
    if (!ok) {
      throw new PlatenException(401, "unauthorized",
          "Send the metrics key: Authorization: Bearer <PLATEN_METRICS_KEY>.");
    }
  }
}
