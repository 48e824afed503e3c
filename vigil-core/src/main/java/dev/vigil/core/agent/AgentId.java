package dev.vigil.core.agent;

import dev.vigil.core.Validation;

/** An agent's identity: its unique name, a slug such as {@code payments-deploy-watch}. */
public record AgentId(String value) {
  public AgentId {
    Validation.requireSlug(value, "agent name");
  }

  @Override
  public String toString() {
    return value;
  }
}
