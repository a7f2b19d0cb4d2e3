package dev.platen.jobs;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A render's life. The transition table below is the whole state machine: every status write in every queue
 * implementation is guarded by {@link #sourcesOf} of its target (in SQL, {@code WHERE status IN (…)}), so a move the
 * table does not list cannot happen, and concurrent workers cannot skip a step.
 */
public enum RenderStatus {
  QUEUED, RENDERING, SUCCEEDED, FAILED, CANCELLED;

  private static final Map<RenderStatus, Set<RenderStatus>> ALLOWED = Map.of(
      QUEUED, EnumSet.of(RENDERING, CANCELLED),
      // to QUEUED: a transient failure waiting for its retry, or a lease given up on shutdown;
      // to RENDERING: another worker takes over an expired lease
      RENDERING, EnumSet.of(SUCCEEDED, FAILED, QUEUED, RENDERING, CANCELLED),
      SUCCEEDED, EnumSet.noneOf(RenderStatus.class),
      FAILED, EnumSet.noneOf(RenderStatus.class),
      CANCELLED, EnumSet.noneOf(RenderStatus.class));

  private static final Map<RenderStatus, Set<RenderStatus>> SOURCES = sources();

  private static Map<RenderStatus, Set<RenderStatus>> sources() {
    Map<RenderStatus, Set<RenderStatus>> m = new java.util.EnumMap<>(RenderStatus.class);
    for (RenderStatus to : values()) {
      EnumSet<RenderStatus> from = EnumSet.noneOf(RenderStatus.class);
      for (RenderStatus s : values()) if (ALLOWED.get(s).contains(to)) from.add(s);
      m.put(to, java.util.Collections.unmodifiableSet(from));
    }
    return m;
  }

  public String wire() { return name().toLowerCase(Locale.ROOT); }

  public static RenderStatus fromWire(String s) { return valueOf(s.toUpperCase(Locale.ROOT)); }

  public boolean terminal() { return ALLOWED.get(this).isEmpty(); }

  public boolean canMoveTo(RenderStatus to) { return ALLOWED.get(this).contains(to); }

  /** The statuses a render may be in for a move to {@code target}, in declaration order. */
  public static Set<RenderStatus> sourcesOf(RenderStatus target) { return SOURCES.get(target); }

  /** Statuses that are not terminal: the renders still owed a result. */
  public static Set<RenderStatus> unfinished() {
    EnumSet<RenderStatus> s = EnumSet.noneOf(RenderStatus.class);
    for (RenderStatus r : values()) if (!r.terminal()) s.add(r);
    return s;
  }
}
