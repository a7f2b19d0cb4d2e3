package dev.platen.web;

import dev.platen.jobs.RenderStatus;
import dev.platen.store.OverviewStore;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overview of a project: its renders per minute and by status over the last 24 hours as a chart (inline SVG drawn
 * here, so no script and no chart library), the queue's depth, attempt times, the workers seen lately, and the
 * installation's version and settings (secrets left out).
 */
public final class OverviewPage {
  static final int MINUTES = 24 * 60;
  static final int CHART_HEIGHT = 160;
  /** Workers that started an attempt this recently count as seen. */
  static final long WORKER_WINDOW_MS = 15 * 60_000;
  /** Attempt times are taken over this many of the project's latest succeeded renders. */
  static final int TIMED_RENDERS = 1_000;

  private final Dashboard dash;
  private final Services svc;
  private final InstantSource clock;

  OverviewPage(Dashboard dash, Services svc, InstantSource clock) {
    this.dash = dash;
    this.svc = svc;
    this.clock = clock;
  }

  /**
   * The bars of one status, as SVG path data in the chart's units: one unit per minute across, {@link #CHART_HEIGHT}
   * up. Only digits and path letters.
   */
  public record Series(String status, String path) {}

  /** A worker for the page. */
  public record Worker(String name, String lastStarted, long attempts) {}

  void show(Context ctx, Sessions.Session s) {
    long now = clock.millis();
    long since = now - MINUTES * 60_000L;
    List<OverviewStore.Bucket> buckets = svc.overview().perMinute(s.projectId(), since);
    long firstMinute = now / 60_000 - MINUTES + 1;
    Map<Long, Map<String, Long>> byMinute = new HashMap<>();
    Map<String, Long> totals = new LinkedHashMap<>();
    for (RenderStatus st : RenderStatus.values()) totals.put(st.wire(), 0L);
    for (OverviewStore.Bucket b : buckets) {
      byMinute.computeIfAbsent(b.minute(), k -> new HashMap<>()).merge(b.status(), b.count(), Long::sum);
      totals.merge(b.status(), b.count(), Long::sum);
    }
    long peak = byMinute.values().stream().mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum())
        .max().orElse(0);
    // one path per status, a 1-unit-wide bar per minute: a few kilobytes where a rect per bar made hundreds
    Map<String, StringBuilder> paths = new LinkedHashMap<>();
    if (peak > 0) {
      byMinute.forEach((minute, counts) -> {
        int x = (int) (minute - firstMinute);
        if (x < 0 || x >= MINUTES) return;
        long below = 0;
        for (RenderStatus st : RenderStatus.values()) {
          long n = counts.getOrDefault(st.wire(), 0L);
          if (n == 0) continue;
          int bottom = (int) Math.round((double) below / peak * CHART_HEIGHT);
          int top = (int) Math.round((double) (below + n) / peak * CHART_HEIGHT);
          below += n;
          paths.computeIfAbsent(st.wire(), k -> new StringBuilder()).append('M').append(x).append(' ')
              .append(CHART_HEIGHT - top).append("h1v").append(Math.max(1, top - bottom)).append("h-1z");
        }
      });
    }
    List<Series> series = paths.entrySet().stream().map(e -> new Series(e.getKey(), e.getValue().toString()))
        .toList();
    long[] took = svc.overview().attemptMillis(s.projectId(), TIMED_RENDERS);
    List<Worker> workers = svc.overview().workers(s.projectId(), now - WORKER_WINDOW_MS).stream()
        .map(w -> new Worker(w.worker(), Views.time(w.lastStartedAt()), w.attempts())).toList();
    Map<String, Object> m = new HashMap<>();
    m.put("chrome", dash.chrome(s, "overview", "Overview"));
    m.put("series", series);
    m.put("peak", peak);
    m.put("width", MINUTES);
    m.put("height", CHART_HEIGHT);
    m.put("from", Views.time(firstMinute * 60_000));
    m.put("to", Views.time(now));
    m.put("totals", totals);
    m.put("queued", svc.renders().pendingCount(s.projectId()));
    m.put("queuedAll", svc.renders().pendingCount());
    m.put("maxQueue", svc.admission().limits().maxPerProject());
    m.put("attempts", took.length);
    m.put("p50", took.length == 0 ? "–" : percentile(took, 50) + " ms");
    m.put("p95", took.length == 0 ? "–" : percentile(took, 95) + " ms");
    m.put("workers", workers);
    m.put("version", svc.version());
    m.put("settings", svc.settings());
    dash.page(ctx, 200, "overview.jte", m);
  }

  /** The nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
