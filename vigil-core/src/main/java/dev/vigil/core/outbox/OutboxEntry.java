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
    String lastError) {
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
  }
}
