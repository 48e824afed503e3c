package dev.vigil.core.cluster;

import dev.vigil.core.Validation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment as last observed. Replica counts come from its status except {@code desiredReplicas}
 * (its spec); all are zero or more.
 *
 * @param namespace where it lives
 * @param name its name
 * @param desiredReplicas replicas asked for in the spec
 * @param currentReplicas pods of every revision that the controller counts (status.replicas)
 * @param updatedReplicas pods of the newest revision
 * @param readyReplicas pods whose readiness probes pass
 * @param availableReplicas pods ready for at least minReadySeconds
 * @param images the containers' images in the pod template, in declaration order
 * @param generation the spec's generation
 * @param observedGeneration the generation the controller last acted on; behind {@code generation}
 *     while a new spec has not been seen yet
 * @param conditions the status conditions
 * @param revision the {@code deployment.kubernetes.io/revision} annotation, if set
 * @param labels the deployment's own labels
 * @param annotations the deployment's own annotations
 * @param podLabels the labels of its pod template: what a Service's selector is matched against
 */
public record Workload(
    String namespace,
    String name,
    int desiredReplicas,
    int currentReplicas,
    int updatedReplicas,
    int readyReplicas,
    int availableReplicas,
    List<String> images,
    long generation,
    long observedGeneration,
    List<Condition> conditions,
    Optional<String> revision,
    Map<String, String> labels,
    Map<String, String> annotations,
    Map<String, String> podLabels) {

  /** A workload whose labels and annotations were not read. */
  public Workload(String namespace, String name, int desiredReplicas, int currentReplicas, int updatedReplicas,
      int readyReplicas, int availableReplicas, List<String> images, long generation, long observedGeneration,
      List<Condition> conditions, Optional<String> revision) {
    this(namespace, name, desiredReplicas, currentReplicas, updatedReplicas, readyReplicas, availableReplicas, images,
        generation, observedGeneration, conditions, revision, Map.of(), Map.of(), Map.of());
  }

  public Workload {
    Validation.requireText(namespace, "workload namespace");
    Validation.requireText(name, "workload name");
    for (int count : new int[] {desiredReplicas, currentReplicas, updatedReplicas, readyReplicas, availableReplicas}) {
      if (count < 0) {
        throw new IllegalArgumentException("workload " + namespace + "/" + name + ": replica counts cannot be negative");
      }
    }
    images = images == null ? List.of() : List.copyOf(images);
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    revision = revision == null ? Optional.empty() : revision;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    podLabels = podLabels == null ? Map.of() : Map.copyOf(podLabels);
  }

  public Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
  }

  /** The rollout status of this workload, judged the way {@code kubectl rollout status} judges it. */
  public RolloutStatus rolloutStatus() {
    return RolloutStatus.of(this);
  }
}
