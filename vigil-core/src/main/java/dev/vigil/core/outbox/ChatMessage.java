package dev.vigil.core.outbox;

import dev.vigil.core.Validation;
import dev.vigil.core.agent.AgentId;
import java.util.Optional;

/**
 * One delivery handed to a chat channel: a message (text, maybe a card) or one attachment of an
 * earlier message (then {@code text} is its alt text).
 *
 * @param replyTo the chat's own id of the message to reply under (Slack's {@code ts}), when the
 *     post belongs to a thread that has already started; chats without threads post it on its own
 */
public record ChatMessage(
    AgentId agent,
    String channel,
    String text,
    String idempotencyKey,
    Optional<FindingCard> card,
    Optional<ChatAttachment> attachment,
    Optional<String> replyTo) {
  public ChatMessage {
    Validation.requireNonNull(agent, "agent");
    Validation.requireText(channel, "channel");
    Validation.requireNonNull(text, "text");
    Validation.requireText(idempotencyKey, "idempotencyKey");
    card = card == null ? Optional.empty() : card;
    attachment = attachment == null ? Optional.empty() : attachment;
    replyTo = replyTo == null ? Optional.empty() : replyTo;
  }

  /** Plain text, not in a thread. */
  public ChatMessage(AgentId agent, String channel, String text, String idempotencyKey) {
    this(agent, channel, text, idempotencyKey, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
