package dev.platen.webhooks;

import java.util.List;

/** The event names a subscription can ask for: the render lifecycle and document engagement (spec §f.2). */
public final class Events {
  public static final String RENDER_SUCCEEDED = "render.succeeded";
  public static final String RENDER_FAILED = "render.failed";
  /** Sent only by the ping endpoint, to every subscription that asks, whatever its events. */
  public static final String PING = "webhook.ping";

  /**
   * Everything Platen emits. The reference's {@code signature.*} events are absent: Platen has no signatures, and a
   * subscription to an event that can never come would only hide a typo.
   */
  public static final List<String> ALL = List.of(RENDER_SUCCEEDED, RENDER_FAILED,
      "document.share_created", "document.share_revoked", "document.email_sent", "document.email_opened",
      "document.viewed", "document.downloaded", "document.printed");

  public static final List<String> DEFAULT = List.of(RENDER_SUCCEEDED, RENDER_FAILED);

  private Events() {}
}
