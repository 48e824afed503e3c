package dev.vigil.core.run;

import dev.vigil.core.Validation;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.task.PlannedStep;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One execution of a task: a fixed plan of steps run in order, checkpointed after each. Changes
 * only through its named transitions, each returning the next state and refusing an illegal move.
 *
 * @param nextStep index in {@code plan} of the first step not yet completed
 * @param resumeAt a durable timer: the next step starts no earlier than this
 */
public record Run(
    RunId id,
    AgentId agent,
    String task,
    String kind,
    Map<String, Object> parameters,
    WakeReason wake,
    List<PlannedStep> plan,
    RunStatus status,
    Instant createdAt,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    int nextStep,
    Optional<Instant> resumeAt,
    String error) {

  public Run {
    Validation.requireNonNull(id, "run id");
    Validation.requireNonNull(agent, "agent");
    Validation.requireText(task, "task");
    Validation.requireText(kind, "kind");
    Validation.requireNonNull(wake, "wake reason");
    Validation.requireNonNull(status, "status");
    Validation.requireNonNull(createdAt, "createdAt");
    parameters =
        parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    plan = List.copyOf(plan);
    startedAt = startedAt == null ? Optional.empty() : startedAt;
    finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
    resumeAt = resumeAt == null ? Optional.empty() : resumeAt;
    error = Validation.orEmpty(error);
    if (nextStep < 0 || nextStep > plan.size()) {
      throw new IllegalArgumentException("nextStep " + nextStep + " outside plan of " + plan.size());
    }
  }

  public static Run queued(
      RunId id,
      AgentId agent,
      String task,
      String kind,
      Map<String, Object> parameters,
      WakeReason wake,
      List<PlannedStep> plan,
      Instant now) {
    return new Run(id, agent, task, kind, parameters, wake, plan, RunStatus.QUEUED, now,
        Optional.empty(), Optional.empty(), 0, Optional.empty(), "");
  }

  public boolean hasMoreSteps() {
    return nextStep < plan.size();
  }

  public PlannedStep currentStep() {
    if (!hasMoreSteps()) {
      throw new IllegalStateException("run " + id + " has no step left");
    }
    return plan.get(nextStep);
  }

  /** The run is executing (again, after a wait or a restart). */
  public Run running(Instant now) {
    requireLive("run");
    return new Run(id, agent, task, kind, parameters, wake, plan, RunStatus.RUNNING, createdAt,
        startedAt.isPresent() ? startedAt : Optional.of(now), finishedAt, nextStep, Optional.empty(), error);
  }

  /** The current step completed; with {@code timer} the run waits until then. */
  public Run stepCompleted(Optional<Instant> timer) {
    // Only a running run executes steps: a queued one has not started and a waiting one's timer
    // has not fired, so completing a step there would skip ahead of the plan.
    requireLive("complete a step of");
    if (status != RunStatus.RUNNING) {
      throw new IllegalStateException(
          "cannot complete a step of run " + id + " before it is running: it is " + status);
    }
    return new Run(id, agent, task, kind, parameters, wake, plan,
        timer.isPresent() ? RunStatus.WAITING : RunStatus.RUNNING, createdAt, startedAt, finishedAt,
        nextStep + 1, timer, error);
  }

  public Run succeeded(Instant now) {
    requireLive("finish");
    if (hasMoreSteps()) {
      throw new IllegalStateException("run " + id + " still has " + (plan.size() - nextStep) + " steps");
    }
    return end(RunStatus.SUCCEEDED, now, "");
  }

  public Run failed(Instant now, String reason) {
    requireLive("fail");
    return end(RunStatus.FAILED, now, reason);
  }

  public Run superseded(Instant now, String reason) {
    requireLive("supersede");
    return end(RunStatus.SUPERSEDED, now, reason);
  }

  public Run cancelled(Instant now, String reason) {
    requireLive("cancel");
    return end(RunStatus.CANCELLED, now, reason);
  }

  private Run end(RunStatus to, Instant now, String reason) {
    return new Run(id, agent, task, kind, parameters, wake, plan, to, createdAt, startedAt,
        Optional.of(now), nextStep, Optional.empty(), reason);
  }

  private void requireLive(String action) {
    if (status.terminal()) {
      throw new IllegalStateException("cannot " + action + " run " + id + ": it is " + status);
    }
  }
}
