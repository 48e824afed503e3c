package dev.vigil.core.task;

import dev.vigil.core.Validation;
import dev.vigil.core.trigger.Trigger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A durable work item of an agent as declared: what kind of work, with which parameters, woken by
 * what. Parameters are validated against the kind's schema when the agent is saved.
 *
 * @param name unique within the agent (a slug)
 * @param kind name of a registered {@link TaskKind}
 * @param parameters validated parameters (plain JSON-like values)
 * @param trigger what wakes it; {@code null} for tasks only started by hand
 * @param enabled a disabled task is never woken
 */
public record TaskSpec(
    String name, String kind, Map<String, Object> parameters, Trigger trigger, boolean enabled) {
  public TaskSpec {
    Validation.requireSlug(name, "task name");
    Validation.requireText(kind, "task '" + name + "' kind");
    parameters =
        parameters == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }
}
