package dev.platen.sharing;

import java.util.Optional;

/**
 * What can happen to a document, in the order the engagement counts list them. Each is also the webhook event
 * {@code document.<wire>}.
 */
public enum EventType {
  VIEWED("viewed", true),
  DOWNLOADED("downloaded", true),
  PRINTED("printed", true),
  EMAIL_OPENED("email_opened", true),
  EMAIL_SENT("email_sent", false),
  SHARE_CREATED("share_created", false),
  SHARE_REVOKED("share_revoked", false);

  private final String wire;
  private final boolean deduplicated;

  EventType(String wire, boolean deduplicated) {
    this.wire = wire;
    this.deduplicated = deduplicated;
  }

  public String wire() { return wire; }

  /** The webhook event name. */
  public String event() { return "document." + wire; }

  /**
   * A reader's events are counted once per 5 minutes per share, type and address (a reload, the viewer's own PDF
   * request, a mail client showing the message again); the partner's own acts are facts and always counted.
   */
  public boolean deduplicated() { return deduplicated; }

  public static Optional<EventType> fromWire(String s) {
    for (EventType t : values()) if (t.wire.equals(s)) return Optional.of(t);
    return Optional.empty();
  }
}
