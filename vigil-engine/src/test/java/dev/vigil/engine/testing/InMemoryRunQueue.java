package dev.vigil.engine.testing;

import dev.vigil.core.run.RunId;
import dev.vigil.core.task.TaskRef;
import dev.vigil.engine.internal.RunQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run queue as maps, for tests of launching and scheduling without db-scheduler. Keeps the
 * order runs were enqueued in. Not transactional: a rolled-back launch stays queued here.
 */
public final class InMemoryRunQueue implements RunQueue {
  private final Map<RunId, Instant> runs = new LinkedHashMap<>();
  private final Map<TaskRef, QueuedWake> wakes = new HashMap<>();

  @Override
  public synchronized void enqueueRun(RunId run, Instant at) {
    runs.putIfAbsent(run, at);
  }

  @Override
  public synchronized Optional<QueuedWake> wake(TaskRef task) {
    return Optional.ofNullable(wakes.get(task));
  }

  @Override
  public synchronized void putWake(TaskRef task, String signature, Instant at) {
    wakes.put(task, new QueuedWake(signature, at));
  }

  @Override
  public synchronized void removeWake(TaskRef task) {
    wakes.remove(task);
  }

  /** Queued runs in the order they were enqueued. */
  public synchronized List<RunId> runs() {
    return new ArrayList<>(runs.keySet());
  }

  public synchronized Optional<Instant> runDueAt(RunId run) {
    return Optional.ofNullable(runs.get(run));
  }
}
