package dev.vigil.core.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The parameters a task kind accepts. Validation names every wrong field at once. */
public record ParameterSchema(List<ParameterSpec> parameters) {
  public ParameterSchema {
    parameters = List.copyOf(parameters);
  }

  public static ParameterSchema of(ParameterSpec... specs) {
    return new ParameterSchema(List.of(specs));
  }

  /**
   * Returns the parameters with defaults filled in and values in their normal form.
   *
   * @param where prefix for messages, e.g. {@code agent 'x' task 'y'}
   * @throws InvalidInputException listing every problem
   */
  public Map<String, Object> validate(Map<String, Object> given, String where) {
    Map<String, Object> input = given == null ? Map.of() : given;
    List<String> problems = new ArrayList<>();
    Map<String, ParameterSpec> byName = new LinkedHashMap<>();
    parameters.forEach(p -> byName.put(p.name(), p));
    for (String key : input.keySet()) {
      if (!byName.containsKey(key)) {
        problems.add(
            where
                + ": unknown parameter '"
                + key
                + "' (expected: "
                + String.join(", ", byName.keySet())
                + ")");
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (ParameterSpec spec : parameters) {
      Object value = input.get(spec.name());
      if (value == null) {
        if (spec.required()) {
          problems.add(where + ": parameter '" + spec.name() + "' is required (" + spec.description() + ")");
        } else if (spec.defaultValue() != null) {
          out.put(spec.name(), spec.type().normalise(spec.defaultValue()));
        }
        continue;
      }
      try {
        out.put(spec.name(), spec.type().normalise(value));
      } catch (IllegalArgumentException e) {
        problems.add(where + ": parameter '" + spec.name() + "': " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return Collections.unmodifiableMap(out);
  }

  public String describe() {
    return parameters.stream()
        .map(p -> p.name() + " (" + p.type().name().toLowerCase() + (p.required() ? ", required" : "") + ")")
        .collect(Collectors.joining(", "));
  }
}
