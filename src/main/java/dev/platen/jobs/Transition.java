package dev.platen.jobs;

import java.util.function.Supplier;

/**
 * A committed status change of one render, as seen by a {@link TransitionListener}.
 *
 * @param current reads the render as this change left it, in the change's own transaction (so only while the
 *     listener runs); lazy because most transitions owe no message and need no extra read
 */
public record Transition(String renderId, String projectId, RenderStatus to, long at,
    Supplier<RenderRecord> current) {

  /** The render as this change left it: its status, completion time and error message included. */
  public RenderRecord render() { return current.get(); }
}
