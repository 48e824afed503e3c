package dev.vigil.core.port;

import dev.vigil.core.agent.AgentId;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.RunStatus;
import dev.vigil.core.run.StepRecord;
import java.util.List;
import java.util.Optional;

/** Durable runs and their steps. Thread-safe; joins the caller's transaction. */
public interface RunStore {
  void create(Run run);

  /** Replaces the stored state of {@code run.id()}. */
  void update(Run run);

  Optional<Run> find(RunId id);

  /** Only the status of a run: the engine's cheap check for a cancellation made meanwhile. */
  Optional<RunStatus> status(RunId id);

  /** Newest first. */
  List<Run> list(Optional<AgentId> agent, Optional<RunStatus> status, int limit);

  /** Inserts or replaces the step at {@code step.index()} of its run. */
  void saveStep(StepRecord step);

  Optional<StepRecord> step(RunId run, int index);

  /** In plan order. */
  List<StepRecord> steps(RunId run);

  /**
   * The newest run of each of these agents (agents without runs are absent). Stores answer it in one
   * read; this default asks once per agent.
   */
  default java.util.Map<AgentId, Run> latest(java.util.Collection<AgentId> agents) {
    java.util.Map<AgentId, Run> latest = new java.util.HashMap<>();
    for (AgentId a : agents) list(Optional.of(a), Optional.empty(), 1).forEach(r -> latest.put(a, r));
    return latest;
  }

  /** Live runs of one task, oldest first (for superseding). */
  List<Run> liveRuns(AgentId agent, String task);

  /** Count of runs by status, for metrics. */
  java.util.Map<RunStatus, Long> countByStatus();
}
