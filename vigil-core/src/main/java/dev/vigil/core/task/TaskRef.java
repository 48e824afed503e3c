package dev.vigil.core.task;

import dev.vigil.core.Validation;
import dev.vigil.core.agent.AgentId;

/** Identifies one task of one agent. Printed and parsed as {@code agent/task}. */
public record TaskRef(AgentId agent, String task) {
  public TaskRef {
    Validation.requireNonNull(agent, "agent");
    Validation.requireSlug(task, "task name");
  }

  public static TaskRef parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("task reference '" + text + "' must be agent/task");
    }
    return new TaskRef(new AgentId(text.substring(0, slash)), text.substring(slash + 1));
  }

  @Override
  public String toString() {
    return agent.value() + "/" + task;
  }
}
