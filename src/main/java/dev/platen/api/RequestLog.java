package dev.platen.api;

import dev.platen.metrics.Metrics;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One log line and one metric per request, under a request id: the caller's {@code X-Request-Id} when it is a
 * plausible id, else a new one, echoed in the answer's {@code X-Request-Id} and on every line logged while the
 * request runs (MDC {@code requestId}).
 */
final class RequestLog {
  /** Its own logger, so operators can turn request lines down without losing the rest. */
  private static final Logger log = LoggerFactory.getLogger("dev.platen.requests");
  static final String HEADER = "X-Request-Id";
  /** An incoming id is copied into logs and headers: only short runs of harmless characters pass. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  /** The route label of a request no route matched: raw paths would make the series unbounded. */
  static final String UNMATCHED = "unmatched";

  private final Metrics metrics;

  RequestLog(Metrics metrics) {
    this.metrics = metrics;
  }

  /** Before every handler. */
  void begin(Context ctx) {
    String incoming = ctx.header(HEADER);
    String id = incoming != null && SAFE_ID.matcher(incoming).matches() ? incoming : newId();
    MDC.put("requestId", id);
    ctx.header(HEADER, id);
  }

  /**
   * A random UUID-shaped id. It names a request in logs and is no secret, so it need not come from SecureRandom,
   * whose /dev/urandom reads under a lock were 2% of the HTTP threads' CPU under load.
   */
  private static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
        .toString();
  }

  /** Tenths of a millisecond without {@link String#format}, which costs more than the rest of the line. */
  static String tenths(double millis) {
    long t = Math.round(millis * 10);
    return (t / 10) + "." + (t % 10);
  }

  /** After the answer is complete, errors included. */
  void end(Context ctx, Float ms) {
    try {
      Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
      String route = endpoint == null ? UNMATCHED : endpoint.path;
      String method = ctx.method().name();
      int status = ctx.statusCode();
      double millis = ms == null ? 0 : ms;
      metrics.httpRequest(method, route, status, (long) (millis * 1_000_000));
      if (log.isInfoEnabled()) {
        String duration = tenths(millis);
        MDC.put("method", method);
        MDC.put("route", route);
        MDC.put("status", Integer.toString(status));
        MDC.put("durationMs", duration);
        log.info("{} {} {} {} ms (request {})", method, route, status, duration, MDC.get("requestId"));
      }
    } finally {
      for (String k : new String[] {"requestId", "method", "route", "status", "durationMs"}) MDC.remove(k);
    }
  }
}
