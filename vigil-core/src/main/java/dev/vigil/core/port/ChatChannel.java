package dev.vigil.core.port;

import dev.vigil.core.outbox.ChatMessage;
import java.time.Duration;
import java.util.Optional;

/**
 * Delivers chat messages (Slack, Teams, a webhook). Implementations send the message's
 * idempotency key where the receiver supports one; redelivery of the same key must not show the
 * message twice where the receiver can prevent it.
 */
public interface ChatChannel {
  /** The integration name grants refer to, e.g. {@code chat}. */
  String integration();

  /**
   * Delivers a message, its card in the chat's own format, or one attachment; replies under
   * {@link ChatMessage#replyTo()} where the chat has threads.
   *
   * @return the chat's id of the posted message (Slack's {@code ts}), under which later posts of
   *     its thread reply; empty when the chat has no threads or posted no message of its own
   * @throws DeliveryException when the message was not accepted
   */
  Optional<String> deliver(ChatMessage message) throws DeliveryException;

  /**
   * The channel that takes the next delivery. A channel that picks its target from configuration
   * decides once here, so that {@link #sharesDatabase()} and {@link #deliver} of one delivery ask
   * the same channel and configuration is read once per delivery.
   */
  default ChatChannel current() throws DeliveryException {
    return this;
  }

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
    private final transient Optional<Duration> retryAfter;

    public DeliveryException(String message, boolean retryable, Throwable cause) {
      this(message, retryable, cause, null);
    }

    /** @param retryAfter how long the chat asked to wait (e.g. Slack's {@code Retry-After}), or {@code null} */
    public DeliveryException(String message, boolean retryable, Throwable cause, Duration retryAfter) {
      super(message, cause);
      this.retryable = retryable;
      this.retryAfter = Optional.ofNullable(retryAfter);
    }

    public boolean retryable() {
      return retryable;
    }

    /** The wait the chat asked for before the next attempt; the engine waits at least this long. */
    public Optional<Duration> retryAfter() {
      return retryAfter;
    }
  }
}
