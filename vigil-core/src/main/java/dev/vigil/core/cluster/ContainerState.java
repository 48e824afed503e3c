package dev.vigil.core.cluster;

import dev.vigil.core.Validation;
import java.util.Optional;

/**
 * One container of a pod as the kubelet last reported it.
 *
 * @param name the container's name
 * @param image its image
 * @param ready whether its readiness probe passes
 * @param restarts how often it restarted
 * @param state {@code running}, {@code waiting}, {@code terminated} or {@code unknown}
 * @param reason why it waits or terminated, e.g. {@code CrashLoopBackOff}, {@code ImagePullBackOff},
 *     {@code Completed}; empty while running
 * @param lastTerminationReason why its previous run ended, e.g. {@code OOMKilled}, {@code Error}
 * @param lastExitCode the exit code of its previous run
 */
public record ContainerState(
    String name,
    String image,
    boolean ready,
    int restarts,
    String state,
    String reason,
    Optional<String> lastTerminationReason,
    Optional<Integer> lastExitCode) {

  public ContainerState {
    Validation.requireText(name, "container name");
    image = image == null ? "" : image;
    if (restarts < 0) {
      throw new IllegalArgumentException("container " + name + ": restarts cannot be negative");
    }
    Validation.requireText(state, "container state");
    reason = reason == null ? "" : reason;
    lastTerminationReason = lastTerminationReason == null ? Optional.empty() : lastTerminationReason;
    lastExitCode = lastExitCode == null ? Optional.empty() : lastExitCode;
  }
}
