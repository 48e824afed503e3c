package dev.vigil.bench.engine;

import dev.vigil.core.task.ParameterSchema;
import dev.vigil.core.task.ParameterSpec;
import dev.vigil.core.task.ParameterType;
import dev.vigil.core.task.PlannedStep;
import dev.vigil.core.task.StepContext;
import dev.vigil.core.task.StepOutcome;
import dev.vigil.core.task.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The step-throughput workload: a run of {@code steps} steps that each do no work of their own
 * but return a small output, so that what is measured is the engine's cost per checkpoint (load
 * the run, record the step as running, execute, commit output and position), not a task's.
 */
final class CheckpointedStepsKind implements TaskKind {
  static final String NAME = "bench-steps";
  private static final ParameterSchema PARAMETERS = ParameterSchema.of(
      ParameterSpec.optional("steps", ParameterType.INTEGER, 20L, "checkpointed steps per run"));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Benchmark workload: steps that only checkpoint.";
  }

  @Override
  public ParameterSchema parameters() {
    return PARAMETERS;
  }

  @Override
  public List<PlannedStep> plan(Map<String, Object> parameters) {
    int steps = ((Number) parameters.get("steps")).intValue();
    List<PlannedStep> plan = new ArrayList<>(steps);
    for (int i = 0; i < steps; i++) {
      plan.add(new PlannedStep("step-" + i, "checkpoint " + i));
    }
    return plan;
  }

  @Override
  public StepOutcome execute(StepContext ctx) {
    return StepOutcome.done(Map.of("step", ctx.stepName(), "attempt", ctx.attempt()));
  }
}
