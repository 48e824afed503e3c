package dev.vigil.core.port;

import dev.vigil.core.outbox.ChatMessage;

/**
 * Delivers chat messages (Slack, Teams, a webhook). Implementations send the message's
 * idempotency key where the receiver supports one; redelivery of the same key must not show the
 * message twice where the receiver can prevent it.
 */
public interface ChatChannel {
  /** The integration name grants refer to, e.g. {@code chat}. */
  String integration();

  /**
   * @throws DeliveryException when the message was not accepted
   */
  void deliver(ChatMessage message) throws DeliveryException;

  /**
   * Whether delivering only writes to Vigil's own database (the built-in chat). The engine then
   * delivers and records the delivery in one transaction: exactly once without relying on the
   * idempotency key, and one commit instead of two.
   */
  default boolean sharesDatabase() {
    return false;
  }

  /** Why a delivery failed, and whether trying again can help. */
  final class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public DeliveryException(String message, boolean retryable, Throwable cause) {
      super(message, cause);
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }
}
