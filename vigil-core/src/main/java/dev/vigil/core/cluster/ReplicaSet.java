package dev.vigil.core.cluster;

import dev.vigil.core.Validation;
import java.util.List;
import java.util.Optional;

/**
 * A replica set, typically one revision of a deployment.
 *
 * @param namespace where it lives
 * @param name its name
 * @param owner the name of the deployment that owns it, if any
 * @param revision the {@code deployment.kubernetes.io/revision} annotation, if set
 * @param desiredReplicas spec.replicas
 * @param readyReplicas status.readyReplicas
 * @param availableReplicas status.availableReplicas
 * @param images the containers' images in its pod template
 */
public record ReplicaSet(
    String namespace,
    String name,
    Optional<String> owner,
    Optional<String> revision,
    int desiredReplicas,
    int readyReplicas,
    int availableReplicas,
    List<String> images) {

  public ReplicaSet {
    Validation.requireText(namespace, "replica set namespace");
    Validation.requireText(name, "replica set name");
    owner = owner == null ? Optional.empty() : owner;
    revision = revision == null ? Optional.empty() : revision;
    images = images == null ? List.of() : List.copyOf(images);
  }
}
