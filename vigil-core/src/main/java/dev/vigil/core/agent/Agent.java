package dev.vigil.core.agent;

import dev.vigil.core.Validation;
import dev.vigil.core.task.TaskSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An always-on worker as its owner declared it. In standby an agent is only this row; it has no
 * thread until a trigger of one of its tasks wakes it.
 *
 * @param id unique name
 * @param purpose one sentence on what the agent is for
 * @param owner the person or team answerable for it
 * @param channels chat channels it speaks in
 * @param grants what it may do on which integration
 * @param skills names of the skills it may use
 * @param tasks its tasks; names are unique within the agent
 * @param memory notes the agent keeps (feedback it was given, facts it was told)
 * @param paused a paused agent is not woken by anything
 */
public record Agent(
    AgentId id,
    String purpose,
    String owner,
    List<String> channels,
    List<Grant> grants,
    List<String> skills,
    List<TaskSpec> tasks,
    List<String> memory,
    boolean paused) {

  public Agent {
    Validation.requireNonNull(id, "agent name");
    purpose = Validation.orEmpty(purpose);
    owner = Validation.orEmpty(owner);
    channels = channels == null ? List.of() : List.copyOf(channels);
    grants = grants == null ? List.of() : List.copyOf(grants);
    skills = skills == null ? List.of() : List.copyOf(skills);
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
    memory = memory == null ? List.of() : List.copyOf(memory);
    Set<String> names = new HashSet<>();
    for (TaskSpec task : tasks) {
      if (!names.add(task.name())) {
        throw new IllegalArgumentException(
            "agent '" + id + "': task name '" + task.name() + "' is used twice");
      }
    }
  }

  public Agent withPaused(boolean paused) {
    return new Agent(id, purpose, owner, channels, grants, skills, tasks, memory, paused);
  }

  public Agent withMemory(List<String> memory) {
    return new Agent(id, purpose, owner, channels, grants, skills, tasks, memory, paused);
  }

  /** Whether any grant allows {@code permission} on {@code integration} for {@code target}. */
  public boolean isAllowed(String integration, String permission, String target) {
    return grants.stream().anyMatch(g -> g.allows(integration, permission, target));
  }
}
