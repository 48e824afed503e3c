package dev.vigil.core.cluster;

import dev.vigil.core.Validation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pod as last observed.
 *
 * @param namespace where it lives
 * @param name its name
 * @param phase {@code Pending}, {@code Running}, {@code Succeeded}, {@code Failed} or {@code Unknown}
 * @param node the node it was scheduled to, if any
 * @param labels its labels
 * @param owner the name of the object that owns it (usually a replica set), if any
 * @param containers its (non-init) containers
 */
public record Pod(
    String namespace,
    String name,
    String phase,
    Optional<String> node,
    Map<String, String> labels,
    Optional<String> owner,
    List<ContainerState> containers) {

  public Pod {
    Validation.requireText(namespace, "pod namespace");
    Validation.requireText(name, "pod name");
    phase = phase == null || phase.isBlank() ? "Unknown" : phase;
    node = node == null ? Optional.empty() : node;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    owner = owner == null ? Optional.empty() : owner;
    containers = containers == null ? List.of() : List.copyOf(containers);
  }

  /** Restarts of all its containers together. */
  public int restarts() {
    return containers.stream().mapToInt(ContainerState::restarts).sum();
  }
}
