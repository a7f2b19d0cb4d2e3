package dev.platen.webhooks;

import java.util.List;

/**
 * A subscription. The secrets sign deliveries and are shown to the user only when created or rotated.
 *
 * @param nextSecret the secret a rotation introduced, signing alongside {@code secret} until {@code overlapEndsAt};
 *     null when no rotation is under way
 */
public record Webhook(String id, String projectId, String url, List<String> events, boolean active,
    String description, String secret, String nextSecret, Long overlapEndsAt, long createdAt, long updatedAt) {

  /** A rotation whose overlap has not ended at {@code now}. */
  public boolean rotating(long now) {
    return nextSecret != null && overlapEndsAt != null && now < overlapEndsAt;
  }

  /**
   * The secret whose signature goes in {@code x-craftkit-signature} at {@code now}: the old one during an overlap,
   * the new one once the overlap is over (the row is tidied at the next rotation).
   */
  public String signingSecret(long now) {
    return nextSecret != null && !rotating(now) ? nextSecret : secret;
  }
}
