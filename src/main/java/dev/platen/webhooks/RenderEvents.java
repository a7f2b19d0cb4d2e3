package dev.platen.webhooks;

import dev.platen.jobs.RenderRecord;
import dev.platen.jobs.RenderStatus;
import dev.platen.jobs.Transition;
import dev.platen.jobs.TransitionListener;
import java.util.function.BiFunction;
import tools.jackson.databind.json.JsonMapper;

/**
 * Owes {@code render.succeeded} and {@code render.failed} to the outbox, in the transaction of the status change, so
 * the event exists exactly when the change committed. Every finished render gets its row whether or not anyone
 * subscribes: who receives it is decided at fan-out, and the row costs one insert in a write already under way.
 * A cancelled render fires nothing (docs/decisions.md D13).
 */
public final class RenderEvents implements TransitionListener {
  private final BiFunction<RenderRecord, String, Object> body;
  private final JsonMapper json;

  /** @param body the event body for a render and an event name: the spec's render event shape (§f.2) */
  public RenderEvents(BiFunction<RenderRecord, String, Object> body, JsonMapper json) {
    this.body = body;
    this.json = json;
  }

  @Override
  public void onTransition(Transition t, Outbox outbox) {
    String event = t.to() == RenderStatus.SUCCEEDED ? Events.RENDER_SUCCEEDED
        : t.to() == RenderStatus.FAILED ? Events.RENDER_FAILED : null;
    if (event == null || !outbox.reachesAnyone(t.projectId())) return;
    outbox.append(event, t.projectId(), t.renderId(), json.writeValueAsString(body.apply(t.render(), event)));
  }
}
