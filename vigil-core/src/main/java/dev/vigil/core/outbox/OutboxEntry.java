package dev.vigil.core.outbox;

import dev.vigil.core.Validation;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.run.RunId;
import java.time.Instant;
import java.util.Optional;

/**
 * A message a run will post, committed with the step that produced it and delivered afterwards.
 * The idempotency key is derived from the run and step, so a redelivery after a crash carries the
 * same key and the receiver can drop the duplicate.
 *
 * <p>A post with charts becomes one entry for the message and one per chart, each delivered and
 * recorded on its own: a chart that fails to upload is retried without posting the message again.
 *
 * @param card the finding card, when the post has one
 * @param attachment the chart this entry uploads; then {@code text} is its alt text
 * @param threadKey the thread this entry belongs to (see {@link ChatPost#thread()})
 * @param platformId the chat's own id of the delivered message (Slack's {@code ts}), by which
 *     later posts of the thread reply under it; empty until delivered or when the chat has none
 */
public record OutboxEntry(
    String id,
    RunId run,
    AgentId agent,
    String channel,
    String text,
    String idempotencyKey,
    OutboxStatus status,
    int attempts,
    Instant createdAt,
    Optional<Instant> deliveredAt,
    String lastError,
    Optional<FindingCard> card,
    Optional<ChatAttachment> attachment,
    Optional<String> threadKey,
    Optional<String> platformId) {
  public OutboxEntry {
    Validation.requireText(id, "outbox id");
    Validation.requireNonNull(run, "run");
    Validation.requireNonNull(agent, "agent");
    Validation.requireText(channel, "channel");
    Validation.requireNonNull(text, "text");
    Validation.requireText(idempotencyKey, "idempotencyKey");
    Validation.requireNonNull(status, "status");
    deliveredAt = deliveredAt == null ? Optional.empty() : deliveredAt;
    lastError = Validation.orEmpty(lastError);
    card = card == null ? Optional.empty() : card;
    attachment = attachment == null ? Optional.empty() : attachment;
    threadKey = threadKey == null ? Optional.empty() : threadKey;
    platformId = platformId == null ? Optional.empty() : platformId;
  }

  /** A plain text entry outside any thread. */
  public OutboxEntry(String id, RunId run, AgentId agent, String channel, String text, String idempotencyKey,
      OutboxStatus status, int attempts, Instant createdAt, Optional<Instant> deliveredAt, String lastError) {
    this(id, run, agent, channel, text, idempotencyKey, status, attempts, createdAt, deliveredAt, lastError,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The delivery this entry asks of the chat, replying under {@code replyTo} when its thread has started. */
  public ChatMessage message(Optional<String> replyTo) {
    return new ChatMessage(agent, channel, text, idempotencyKey, card, attachment, replyTo);
  }
}
