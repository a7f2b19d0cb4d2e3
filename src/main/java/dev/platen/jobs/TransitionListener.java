package dev.platen.jobs;

/**
 * Runs inside the transaction that changes a render's status, so whatever it appends to the {@link Outbox} is
 * committed together with the change or not at all: a webhook is owed exactly when its render really finished, and
 * a worker whose fenced write lost appends nothing. If it throws, the status change is rolled back.
 */
@FunctionalInterface
public interface TransitionListener {
  TransitionListener NONE = (t, outbox) -> { };

  void onTransition(Transition transition, Outbox outbox);

  /** Durable messages for later delivery, written in the caller's transaction. */
  interface Outbox {
    void append(String topic, String projectId, String renderId, String payload);

    /**
     * Whether a message for the project could reach anyone: false while it has no active webhook, whose messages the
     * dispatcher would only stamp and drop, so a listener need not build one (docs/decisions.md D61). Read in the
     * caller's transaction.
     */
    default boolean reachesAnyone(String projectId) {
      return true;
    }
  }
}
