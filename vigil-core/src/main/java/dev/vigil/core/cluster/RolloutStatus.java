package dev.vigil.core.cluster;

import dev.vigil.core.Validation;

/**
 * Where a deployment's rollout stands.
 *
 * @param state progressing, complete or stalled
 * @param message what an operator would be told, e.g. {@code 2 of 3 updated replicas are available}
 */
public record RolloutStatus(State state, String message) {
  /** The deployment controller's reason on the Progressing condition when the deadline has passed. */
  public static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

  public enum State {
    /** Still moving: a new spec not yet observed, or replicas still being replaced. */
    PROGRESSING,
    /** Every desired replica runs the newest revision, is available, and no old replica remains. */
    COMPLETE,
    /** The controller gave up waiting: the progress deadline passed without progress. */
    STALLED
  }

  public RolloutStatus {
    Validation.requireNonNull(state, "rollout state");
    Validation.requireText(message, "rollout message");
  }

  /**
   * Judges a workload in the order {@code kubectl rollout status} does: an unobserved spec says
   * nothing about the pods yet; a passed deadline outranks the counts, because the controller
   * stops making progress after it; then new replicas, old replicas and availability in turn.
   */
  public static RolloutStatus of(Workload w) {
    String name = "deployment \"" + w.name() + "\"";
    if (w.generation() > w.observedGeneration()) {
      return new RolloutStatus(State.PROGRESSING, "waiting for the controller to observe generation "
          + w.generation() + " of " + name + " (observed " + w.observedGeneration() + ")");
    }
    var progressing = w.condition("Progressing");
    if (progressing.isPresent() && DEADLINE_EXCEEDED.equals(progressing.get().reason())) {
      return new RolloutStatus(State.STALLED, name + " exceeded its progress deadline"
          + (progressing.get().message().isEmpty() ? "" : ": " + progressing.get().message()));
    }
    if (w.updatedReplicas() < w.desiredReplicas()) {
      return new RolloutStatus(State.PROGRESSING, w.updatedReplicas() + " of " + w.desiredReplicas()
          + " new replicas of " + name + " have been updated");
    }
    if (w.currentReplicas() > w.updatedReplicas()) {
      return new RolloutStatus(State.PROGRESSING, (w.currentReplicas() - w.updatedReplicas())
          + " old replicas of " + name + " are pending termination");
    }
    if (w.availableReplicas() < w.updatedReplicas()) {
      return new RolloutStatus(State.PROGRESSING, w.availableReplicas() + " of " + w.updatedReplicas()
          + " updated replicas of " + name + " are available");
    }
    return new RolloutStatus(State.COMPLETE, name + " successfully rolled out");
  }
}
