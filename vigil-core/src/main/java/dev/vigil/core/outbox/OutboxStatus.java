package dev.vigil.core.outbox;

/** Delivery state of an outbox entry. */
public enum OutboxStatus {
  PENDING,
  DELIVERED,
  /** Given up: the channel refused it permanently (e.g. no grant, unknown channel). */
  FAILED
}
