package dev.vigil.engine.testing;

import dev.vigil.core.task.ParameterSchema;
import dev.vigil.core.task.PlannedStep;
import dev.vigil.core.task.StepContext;
import dev.vigil.core.task.StepFailure;
import dev.vigil.core.task.StepOutcome;
import dev.vigil.core.task.TaskKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task kind whose steps the test writes as lambdas, counting how often each step ran and with
 * which attempt numbers. Build one per test: the scripts and counts are that test's. Thread-safe.
 */
public final class ScriptedTaskKind implements TaskKind {
  /** One step's behaviour. */
  @FunctionalInterface
  public interface Step {
    StepOutcome execute(StepContext context) throws StepFailure;
  }

  private final String name;
  private final Map<String, Step> steps = new LinkedHashMap<>();
  private final Map<String, List<Integer>> attempts = new LinkedHashMap<>();

  public ScriptedTaskKind(String name) {
    this.name = name;
  }

  /** Appends a step to the plan. */
  public ScriptedTaskKind step(String stepName, Step behaviour) {
    steps.put(stepName, behaviour);
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return "scripted by a test";
  }

  @Override
  public ParameterSchema parameters() {
    return ParameterSchema.of();
  }

  @Override
  public List<PlannedStep> plan(Map<String, Object> parameters) {
    return steps.keySet().stream().map(s -> new PlannedStep(s, "scripted")).toList();
  }

  @Override
  public StepOutcome execute(StepContext context) throws StepFailure {
    synchronized (this) {
      attempts.computeIfAbsent(context.stepName(), s -> new ArrayList<>()).add(context.attempt());
    }
    Step step = steps.get(context.stepName());
    if (step == null) {
      throw StepFailure.permanent("no step '" + context.stepName() + "' in " + name);
    }
    return step.execute(context);
  }

  /** How many times {@code stepName} started. */
  public synchronized int executions(String stepName) {
    return attempts.getOrDefault(stepName, List.of()).size();
  }

  /** The attempt numbers {@code stepName} saw, in order. */
  public synchronized List<Integer> attempts(String stepName) {
    return List.copyOf(attempts.getOrDefault(stepName, List.of()));
  }
}
