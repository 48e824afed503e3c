package dev.vigil.engine.internal;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.port.RunStore;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.WakeReason;
import dev.vigil.core.task.TaskKind;
import dev.vigil.core.task.TaskKindRegistry;
import dev.vigil.core.task.TaskSpec;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates runs and queues them, in the caller's transaction. */
public final class RunLauncher {
  private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);
  private final RunStore runs;
  private final RunQueue queue;
  private final TaskKindRegistry kinds;
  private final Clock clock;

  public RunLauncher(RunStore runs, RunQueue queue, TaskKindRegistry kinds, Clock clock) {
    this.runs = runs;
    this.queue = queue;
    this.kinds = kinds;
    this.clock = clock;
  }

  /** Must be called inside a transaction. */
  public RunId launch(Agent agent, TaskSpec task, WakeReason why) {
    TaskKind kind = kinds.find(task.kind()).orElseThrow(() -> new IllegalStateException(
        "agent '" + agent.id() + "' task '" + task.name() + "': kind '" + task.kind() + "' is not installed on this node"));
    var now = clock.instant();
    Run run = Run.queued(RunId.random(), agent.id(), task.name(), task.kind(), task.parameters(), why,
        kind.plan(task.parameters()), now);
    runs.create(run);
    queue.enqueueRun(run.id(), now);
    log.info("agent woke agent={} task={} run={} kind={} reason=\"{}\"", agent.id(), task.name(), run.id(),
        task.kind(), why.describe());
    return run.id();
  }
}
