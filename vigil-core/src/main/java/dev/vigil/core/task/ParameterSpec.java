package dev.vigil.core.task;

import dev.vigil.core.Validation;

/**
 * One parameter of a task kind.
 *
 * @param name as written in agents.yaml
 * @param type how the value is checked and normalised
 * @param required whether it must be given (a required parameter has no default)
 * @param defaultValue used when absent; {@code null} for none
 * @param description one line for users and the published schema
 */
public record ParameterSpec(
    String name, ParameterType type, boolean required, Object defaultValue, String description) {
  public ParameterSpec {
    Validation.requireText(name, "parameter name");
    Validation.requireNonNull(type, "parameter type");
    description = Validation.orEmpty(description);
    if (required && defaultValue != null) {
      throw new IllegalArgumentException("parameter " + name + ": required with a default");
    }
  }

  public static ParameterSpec required(String name, ParameterType type, String description) {
    return new ParameterSpec(name, type, true, null, description);
  }

  public static ParameterSpec optional(
      String name, ParameterType type, Object defaultValue, String description) {
    return new ParameterSpec(name, type, false, defaultValue, description);
  }
}
