package dev.vigil.core.port;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.task.TaskRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable agents and their tasks. Implementations are thread-safe; writes join the caller's
 * {@link Transactor} transaction when there is one.
 */
public interface AgentStore {
  /** Inserts or replaces the agent with all its tasks. */
  void save(Agent agent, Instant now);

  Optional<Agent> find(AgentId id);

  /** Agents ordered by name, {@code limit} at most, starting after {@code afterName} (or first). */
  List<Agent> list(String afterName, int limit);

  long count();

  boolean delete(AgentId id);

  /**
   * Enabled tasks of unpaused agents whose event trigger may match an event of this source and
   * type. A coarse filter: callers still check the full matcher.
   */
  List<TaskRef> eventTriggerCandidates(String source, String type);

  /** Enabled tasks of agents not paused whose trigger is a chat message (matched exactly by the caller). */
  List<TaskRef> messageTriggerCandidates();
}
