package dev.vigil.engine.internal;

import dev.vigil.core.run.RunId;
import dev.vigil.core.task.TaskRef;
import java.time.Instant;
import java.util.Optional;

/**
 * The durable queue under the engine (db-scheduler's table). Calls join the caller's transaction,
 * so a run and its queue entry are created together or not at all.
 */
public interface RunQueue {
  String RUN_TASK = "vigil-run";
  String WAKE_TASK = "vigil-wake";

  /** Queues the run's execution at {@code at}; no-op when it is queued already. */
  void enqueueRun(RunId run, Instant at);

  /** The signature and due time of a schedule's wake-up, if one is queued. */
  Optional<QueuedWake> wake(TaskRef task);

  /** Queues (or moves) the wake-up of a scheduled task. */
  void putWake(TaskRef task, String signature, Instant at);

  void removeWake(TaskRef task);

  /** A queued wake-up. */
  record QueuedWake(String signature, Instant at) {}
}
