package dev.vigil.core.task;

import dev.vigil.core.Validation;

/** One step of a task's plan, shown to users before it runs ("the full plan on request"). */
public record PlannedStep(String name, String description) {
  public PlannedStep {
    Validation.requireSlug(name, "step name");
    description = Validation.orEmpty(description);
  }
}
