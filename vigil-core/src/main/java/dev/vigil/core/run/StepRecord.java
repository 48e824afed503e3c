package dev.vigil.core.run;

import dev.vigil.core.Validation;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The recorded state of one step of a run.
 *
 * @param index position in the run's plan
 * @param attempts how many times it started (more than 1 after retries or a crash mid-step)
 * @param input what the step was given (its parameters and wake facts), for the audit trail
 */
public record StepRecord(
    RunId run,
    int index,
    String name,
    StepStatus status,
    int attempts,
    Instant startedAt,
    Optional<Instant> finishedAt,
    Map<String, Object> input,
    Map<String, Object> output,
    String error) {
  public StepRecord {
    Validation.requireNonNull(run, "run");
    Validation.requireText(name, "step name");
    Validation.requireNonNull(status, "status");
    Validation.requireNonNull(startedAt, "startedAt");
    finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
    input = input == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(input));
    output = output == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(output));
    error = Validation.orEmpty(error);
  }
}
