package dev.vigil.engine.internal;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.vigil.core.run.RunId;
import dev.vigil.core.task.TaskRef;
import java.time.Instant;
import java.util.Optional;

/** {@link RunQueue} on db-scheduler's client, bound to the caller's transaction. */
public final class DbSchedulerRunQueue implements RunQueue {
  private final SchedulerClient client;

  public DbSchedulerRunQueue(SchedulerClient client) {
    this.client = client;
  }

  @Override
  public void enqueueRun(RunId run, Instant at) {
    client.scheduleIfNotExists(new TaskInstance<>(RUN_TASK, run.value(), (String) null), at);
  }

  @Override
  public Optional<QueuedWake> wake(TaskRef task) {
    return client.getScheduledExecution(TaskInstanceId.of(WAKE_TASK, task.toString()))
        .map(e -> new QueuedWake(e.getData() == null ? "" : String.valueOf(e.getData()), e.getExecutionTime()));
  }

  @Override
  public void putWake(TaskRef task, String signature, Instant at) {
    client.schedule(new TaskInstance<>(WAKE_TASK, task.toString(), signature), at,
        SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
  }

  @Override
  public void removeWake(TaskRef task) {
    TaskInstanceId id = TaskInstanceId.of(WAKE_TASK, task.toString());
    if (client.getScheduledExecution(id).isPresent()) {
      client.cancel(id);
    }
  }
}
