package dev.vigil.core.outbox;

import dev.vigil.core.Validation;
import dev.vigil.core.agent.AgentId;

/** A message handed to a chat channel for delivery. */
public record ChatMessage(AgentId agent, String channel, String text, String idempotencyKey) {
  public ChatMessage {
    Validation.requireNonNull(agent, "agent");
    Validation.requireText(channel, "channel");
    Validation.requireNonNull(text, "text");
    Validation.requireText(idempotencyKey, "idempotencyKey");
  }
}
