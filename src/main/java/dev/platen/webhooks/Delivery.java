package dev.platen.webhooks;

/**
 * One message owed to one subscription, as the delivery log shows it. {@code status} is {@code pending} (not yet
 * attempted, or requeued), {@code failed} (an attempt failed; another is due at {@code nextAttemptAt}),
 * {@code delivered} or {@code abandoned} (out of attempts).
 */
public record Delivery(String id, String webhookId, String event, String renderId, String status, int attempts,
    Integer lastStatusCode, String lastError, Long nextAttemptAt, long createdAt, Long deliveredAt) {

  public static final String PENDING = "pending";
  public static final String FAILED = "failed";
  public static final String DELIVERED = "delivered";
  public static final String ABANDONED = "abandoned";

  public static boolean isStatus(String s) {
    return PENDING.equals(s) || FAILED.equals(s) || DELIVERED.equals(s) || ABANDONED.equals(s);
  }
}
