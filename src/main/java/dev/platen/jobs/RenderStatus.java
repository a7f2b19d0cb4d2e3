package dev.platen.jobs;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A render's life. The transition table below is the whole state machine: every status change the queue makes
 * is checked against it, and the SQL guards each update with the expected current status so concurrent workers
 * cannot skip a step.
 */
public enum RenderStatus {
  QUEUED, RENDERING, SUCCEEDED, FAILED, CANCELLED;

  private static final Map<RenderStatus, Set<RenderStatus>> ALLOWED = Map.of(
      QUEUED, EnumSet.of(RENDERING, CANCELLED),
      // back to QUEUED: a transient failure waiting for its retry, or a lease given up on shutdown
      RENDERING, EnumSet.of(SUCCEEDED, FAILED, QUEUED, RENDERING),
      SUCCEEDED, EnumSet.noneOf(RenderStatus.class),
      FAILED, EnumSet.noneOf(RenderStatus.class),
      CANCELLED, EnumSet.noneOf(RenderStatus.class));

  /** Thrown when code asks for a move the table does not allow: a bug, never a user error. */
  public static final class IllegalTransition extends IllegalStateException {
    public IllegalTransition(RenderStatus from, RenderStatus to) {
      super("illegal render status transition " + from.wire() + " -> " + to.wire());
    }
  }

  public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }

  public static RenderStatus fromWire(String s) { return valueOf(s.toUpperCase(java.util.Locale.ROOT)); }

  public boolean terminal() { return ALLOWED.get(this).isEmpty(); }

  public boolean canMoveTo(RenderStatus to) { return ALLOWED.get(this).contains(to); }

  /** @return {@code to}, after checking the move is legal */
  public RenderStatus moveTo(RenderStatus to) {
    if (!canMoveTo(to)) throw new IllegalTransition(this, to);
    return to;
  }
}
