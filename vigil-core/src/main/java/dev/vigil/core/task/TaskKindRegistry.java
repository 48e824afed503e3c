package dev.vigil.core.task;

import dev.vigil.core.agent.Agent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The task kinds this node knows, by name. Immutable and thread-safe. */
public final class TaskKindRegistry {
  private final Map<String, TaskKind> kinds;

  public TaskKindRegistry(Collection<TaskKind> kinds) {
    Map<String, TaskKind> byName = new LinkedHashMap<>();
    for (TaskKind kind : kinds) {
      if (byName.put(kind.name(), kind) != null) {
        throw new IllegalArgumentException("task kind '" + kind.name() + "' registered twice");
      }
    }
    this.kinds = Map.copyOf(byName);
  }

  public Optional<TaskKind> find(String name) {
    return Optional.ofNullable(kinds.get(name));
  }

  public Collection<TaskKind> all() {
    return kinds.values().stream().sorted(java.util.Comparator.comparing(TaskKind::name)).toList();
  }

  /**
   * Returns {@code agent} with every task's parameters validated and normalised by its kind.
   *
   * @throws InvalidInputException listing every unknown kind and wrong parameter
   */
  public Agent validate(Agent agent) {
    List<String> problems = new ArrayList<>();
    List<TaskSpec> tasks = new ArrayList<>();
    for (TaskSpec task : agent.tasks()) {
      String where = "agent '" + agent.id() + "' task '" + task.name() + "'";
      TaskKind kind = kinds.get(task.kind());
      if (kind == null) {
        problems.add(where + ": unknown kind '" + task.kind() + "' (known: "
            + String.join(", ", kinds.keySet().stream().sorted().toList()) + ")");
        continue;
      }
      try {
        Map<String, Object> params = kind.parameters().validate(task.parameters(), where);
        tasks.add(new TaskSpec(task.name(), task.kind(), params, task.trigger(), task.enabled()));
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new Agent(agent.id(), agent.purpose(), agent.owner(), agent.channels(), agent.grants(),
        agent.skills(), tasks, agent.memory(), agent.paused());
  }
}
