package dev.vigil.bench.engine;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.run.RunStatus;
import dev.vigil.core.run.WakeReason;
import dev.vigil.core.task.TaskRef;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.engine.Engine;
import dev.vigil.store.Database;
import dev.vigil.store.JdbcRunStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Completed checkpointed steps per second: many runs of {@link CheckpointedStepsKind} started at
 * once on an engine with the server's worker threads, timed from the first launch to the last
 * run's success.
 */
final class StepThroughput {
  private static final AgentId AGENT = new AgentId("bench-steps");
  private final Database db;
  private final Engine engine;
  private final JdbcRunStore runs;

  StepThroughput(Database db, java.nio.file.Path workspaces) {
    this.db = db;
    this.engine = InProcessEngine.on(db, workspaces, List.of(new CheckpointedStepsKind()));
    this.runs = new JdbcRunStore(db);
  }

  /** One round: {@code runCount} runs of {@code steps} steps; returns steps per second. */
  double round(int runCount, int steps, Duration within) throws InterruptedException {
    engine.saveAgent(new Agent(AGENT, "benchmark workload", "bench", List.of(), List.of(), List.of(),
        List.of(new TaskSpec("steps-" + steps, CheckpointedStepsKind.NAME, Map.of("steps", steps), null, true)),
        List.of(), false));
    if (!engine.isStarted()) engine.start();
    long before = runs.countByStatus().get(RunStatus.SUCCEEDED);
    TaskRef task = new TaskRef(AGENT, "steps-" + steps);
    long t0 = System.nanoTime();
    for (int i = 0; i < runCount; i++) {
      engine.startRun(task, new WakeReason.Manual("bench"));
    }
    long deadline = t0 + within.toNanos();
    while (true) {
      Map<RunStatus, Long> counts = runs.countByStatus();
      if (counts.get(RunStatus.FAILED) > 0) {
        throw new IllegalStateException("a benchmark run failed; see the log");
      }
      if (counts.get(RunStatus.SUCCEEDED) - before >= runCount) break;
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("runs did not finish within " + within.toSeconds() + " s: " + counts);
      }
      Thread.sleep(20);
    }
    return (double) runCount * steps / ((System.nanoTime() - t0) / 1e9);
  }

  void close() {
    engine.close();
    db.close();
  }
}
