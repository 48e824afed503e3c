package dev.vigil.core.task;

import java.util.List;
import java.util.Map;

/**
 * A kind of work (heartbeat, http-check, deploy-watch...). The engine runs the steps of
 * {@link #plan} in order, checkpointing each one; a step is re-executed only if the process died
 * before its checkpoint, so a step must do its outside effects through the {@link StepContext}
 * (posts go to the outbox, findings are saved with the checkpoint) and be safe to repeat
 * otherwise.
 *
 * <p>Implementations are stateless and thread-safe: one instance serves every run.
 */
public interface TaskKind {
  /** The name used in agents.yaml, a slug such as {@code http-check}. */
  String name();

  /** One sentence for users. */
  String description();

  ParameterSchema parameters();

  /** The steps a run executes for these (validated) parameters, in order. */
  List<PlannedStep> plan(Map<String, Object> parameters);

  /**
   * Executes the step {@code context.stepName()}.
   *
   * @return the step's output, and optionally when the run may continue
   * @throws StepFailure when the step cannot complete (retryable or not)
   */
  StepOutcome execute(StepContext context) throws StepFailure;
}
