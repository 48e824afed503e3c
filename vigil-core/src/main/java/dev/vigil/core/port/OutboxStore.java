package dev.vigil.core.port;

import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.run.RunId;
import java.time.Instant;
import java.util.List;

/** Posts waiting for delivery. Thread-safe; joins the caller's transaction. */
public interface OutboxStore {
  /** Adds the entry unless one with the same idempotency key exists; returns whether it added. */
  boolean add(OutboxEntry entry);

  /** Pending entries of a run, oldest first. */
  List<OutboxEntry> pending(RunId run);

  List<OutboxEntry> forRun(RunId run);

  void markDelivered(String id, Instant at);

  /** Counts an attempt; {@code permanent} ends delivery as failed. */
  void recordFailure(String id, String error, boolean permanent);

  long countPending();
}
