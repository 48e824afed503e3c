package dev.vigil.core.port;

import dev.vigil.core.agent.AgentId;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.run.RunId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Posts waiting for delivery. Thread-safe; joins the caller's transaction. */
public interface OutboxStore {
  /** Adds the entry unless one with the same idempotency key exists; returns whether it added. */
  boolean add(OutboxEntry entry);

  /** Pending entries of a run, oldest first. */
  List<OutboxEntry> pending(RunId run);

  List<OutboxEntry> forRun(RunId run);

  /** Records the delivery and the chat's id of the posted message, if it returned one. */
  void markDelivered(String id, Instant at, Optional<String> platformId);

  /**
   * The chat's id of the message that started the thread {@code threadKey} of {@code agent} in
   * {@code channel}: the earliest delivered entry of that thread that got one.
   */
  Optional<String> threadRoot(AgentId agent, String channel, String threadKey);

  /** Counts an attempt; {@code permanent} ends delivery as failed. */
  void recordFailure(String id, String error, boolean permanent);

  long countPending();
}
