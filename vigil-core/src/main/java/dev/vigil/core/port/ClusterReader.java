package dev.vigil.core.port;

import dev.vigil.core.cluster.ClusterEvent;
import dev.vigil.core.cluster.Pod;
import dev.vigil.core.cluster.ReplicaSet;
import dev.vigil.core.cluster.RolloutStatus;
import dev.vigil.core.cluster.Workload;
import java.util.List;
import java.util.Map;

/**
 * Reads workloads, replica sets, pods and events from one Kubernetes cluster. Every call names one
 * namespace: there is no cluster-wide listing, so a namespace scope can be checked before anything
 * is sent. Lists are capped at the reader's result limit (the first items the API server returns).
 * A reader handed to a step is limited to the namespaces of the agent's {@code k8s:read} grants; a
 * call outside them fails with {@link Failure.Kind#DENIED} without a request. Thread-safe.
 */
public interface ClusterReader {
  /** The integration this reader reads through. */
  String integration();

  /** The deployments of {@code namespace}. */
  List<Workload> workloads(String namespace) throws Failure;

  /** One deployment; {@link Failure.Kind#NOT_FOUND} when it does not exist. */
  Workload workload(String namespace, String name) throws Failure;

  /** The replica sets of {@code namespace}; those owned by {@code deployment} only, when it is not null. */
  List<ReplicaSet> replicaSets(String namespace, String deployment) throws Failure;

  /** The pods of {@code namespace} that carry every label of {@code labelSelector} (all pods when empty). */
  List<Pod> pods(String namespace, Map<String, String> labelSelector) throws Failure;

  /** The events of {@code namespace}, about {@code involvedName} only when it is not null; newest last. */
  List<ClusterEvent> events(String namespace, String involvedName) throws Failure;

  /** The rollout status of one deployment, judged as {@code kubectl rollout status} judges it. */
  default RolloutStatus rolloutStatus(String namespace, String deployment) throws Failure {
    return workload(namespace, deployment).rolloutStatus();
  }

  /** Why a cluster read failed, and whether trying again can help. */
  final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of failure; only {@link #UNAVAILABLE} is worth retrying. */
    public enum Kind {
      /** The request was malformed or the API server rejected it (other 4xx). */
      INVALID,
      /** Outside the granted namespaces, or refused by the API server (401, 403); the message says why. */
      DENIED,
      /** The named object does not exist (404). */
      NOT_FOUND,
      /** The API server is unreachable, slow past the timeout, or answered 5xx. */
      UNAVAILABLE
    }

    private final Kind kind;

    public Failure(Kind kind, String message, Throwable cause) {
      super(message, cause);
      if (kind == null) {
        throw new IllegalArgumentException("failure kind is required");
      }
      this.kind = kind;
    }

    public Failure(Kind kind, String message) {
      this(kind, message, null);
    }

    public Kind kind() {
      return kind;
    }

    public boolean retryable() {
      return kind == Kind.UNAVAILABLE;
    }
  }
}
