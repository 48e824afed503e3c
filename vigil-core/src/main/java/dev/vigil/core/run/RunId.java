package dev.vigil.core.run;

import dev.vigil.core.Validation;
import java.util.UUID;

/** Identity of one run of a task. */
public record RunId(String value) {
  public RunId {
    Validation.requireText(value, "run id");
  }

  public static RunId random() {
    return new RunId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
