package dev.vigil.core.port;

import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.cluster.ClusterEvent;
import dev.vigil.core.cluster.ClusterService;
import dev.vigil.core.cluster.Pod;
import dev.vigil.core.cluster.ReplicaSet;
import dev.vigil.core.cluster.RolloutStatus;
import dev.vigil.core.cluster.Workload;
import java.util.List;
import java.util.Map;

/**
 * Reads workloads, services, replica sets, pods and events from one Kubernetes cluster. Every call names one
 * namespace: there is no cluster-wide listing, so a namespace scope can be checked before anything
 * is sent. Lists are capped at the reader's result limit (the first items the API server returns).
 * A reader handed to a step is limited to the namespaces of the agent's {@code k8s:read} grants; a
 * call outside them fails with {@link IntegrationFailure.Kind#DENIED} without a request. Thread-safe.
 */
public interface ClusterReader {
  /** The integration this reader reads through. */
  String integration();

  /** The deployments of {@code namespace}. */
  List<Workload> workloads(String namespace) throws IntegrationFailure;

  /** One deployment; {@link IntegrationFailure.Kind#NOT_FOUND} when it does not exist. */
  Workload workload(String namespace, String name) throws IntegrationFailure;

  /** The replica sets of {@code namespace}; those owned by {@code deployment} only, when it is not null. */
  List<ReplicaSet> replicaSets(String namespace, String deployment) throws IntegrationFailure;

  /** The pods of {@code namespace} that carry every label of {@code labelSelector} (all pods when empty). */
  List<Pod> pods(String namespace, Map<String, String> labelSelector) throws IntegrationFailure;

  /** The events of {@code namespace}, about {@code involvedName} only when it is not null; newest last. */
  List<ClusterEvent> events(String namespace, String involvedName) throws IntegrationFailure;

  /**
   * The Services of {@code namespace}. Readers that cannot list them (a step's audited reader) say so
   * with {@link IntegrationFailure.Kind#INVALID} rather than answering an empty list.
   */
  default List<ClusterService> services(String namespace) throws IntegrationFailure {
    throw new IntegrationFailure(IntegrationFailure.Kind.INVALID, "listing services is not supported through '"
        + integration() + "'");
  }

  /** The rollout status of one deployment, judged as {@code kubectl rollout status} judges it. */
  default RolloutStatus rolloutStatus(String namespace, String deployment) throws IntegrationFailure {
    return workload(namespace, deployment).rolloutStatus();
  }
}
