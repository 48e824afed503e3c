package dev.vigil.core.task;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a completed step hands back: its output (plain JSON-like values, stored with the
 * checkpoint and visible to later steps) and, optionally, a durable timer: the run continues with
 * the next step no earlier than {@code resumeAt}, whatever restarts happen in between.
 */
public record StepOutcome(Map<String, Object> output, Optional<Instant> resumeAt) {
  public StepOutcome {
    output = output == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(output));
    resumeAt = resumeAt == null ? Optional.empty() : resumeAt;
  }

  public static StepOutcome done(Map<String, Object> output) {
    return new StepOutcome(output, Optional.empty());
  }

  public static StepOutcome done() {
    return done(Map.of());
  }

  /** The step is complete; the next step starts at {@code resumeAt} at the earliest. */
  public static StepOutcome thenWaitUntil(Instant resumeAt, Map<String, Object> output) {
    return new StepOutcome(output, Optional.of(resumeAt));
  }
}
