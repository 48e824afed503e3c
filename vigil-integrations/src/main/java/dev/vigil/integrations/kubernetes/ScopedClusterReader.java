package dev.vigil.integrations.kubernetes;

import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.cluster.ClusterEvent;
import dev.vigil.core.cluster.ClusterService;
import dev.vigil.core.cluster.Pod;
import dev.vigil.core.cluster.ReplicaSet;
import dev.vigil.core.cluster.Workload;
import dev.vigil.core.port.ClusterReader;
import java.util.List;
import java.util.Map;

/**
 * Lets through only the calls whose namespace lies inside a {@link NamespaceScope}; the others fail
 * with {@code DENIED} before the reader underneath (and so the API server) sees them. Thread-safe
 * when the reader underneath is.
 */
public final class ScopedClusterReader implements ClusterReader {
  private final ClusterReader reader;
  private final NamespaceScope scope;

  public ScopedClusterReader(ClusterReader reader, NamespaceScope scope) {
    if (reader == null || scope == null) {
      throw new IllegalArgumentException("a reader and a scope are required");
    }
    this.reader = reader;
    this.scope = scope;
  }

  @Override
  public String integration() {
    return reader.integration();
  }

  @Override
  public List<Workload> workloads(String namespace) throws IntegrationFailure {
    return reader.workloads(check(namespace));
  }

  @Override
  public Workload workload(String namespace, String name) throws IntegrationFailure {
    return reader.workload(check(namespace), name);
  }

  @Override
  public List<ClusterService> services(String namespace) throws IntegrationFailure {
    return reader.services(check(namespace));
  }

  @Override
  public List<ReplicaSet> replicaSets(String namespace, String deployment) throws IntegrationFailure {
    return reader.replicaSets(check(namespace), deployment);
  }

  @Override
  public List<Pod> pods(String namespace, Map<String, String> labelSelector) throws IntegrationFailure {
    return reader.pods(check(namespace), labelSelector);
  }

  @Override
  public List<ClusterEvent> events(String namespace, String involvedName) throws IntegrationFailure {
    return reader.events(check(namespace), involvedName);
  }

  private String check(String namespace) throws IntegrationFailure {
    if (namespace == null || namespace.isBlank()) {
      throw new IntegrationFailure(IntegrationFailure.Kind.DENIED, "cluster-wide reads are not allowed through '" + integration()
          + "'; name one namespace");
    }
    try {
      NamespaceScope.requireNamespace(namespace);
    } catch (IllegalArgumentException e) {
      throw new IntegrationFailure(IntegrationFailure.Kind.INVALID, e.getMessage(), e);
    }
    if (!scope.permits(namespace)) {
      throw new IntegrationFailure(IntegrationFailure.Kind.DENIED, "namespace '" + namespace + "' is outside the k8s:read scope "
          + scope + " on '" + integration() + "'");
    }
    return namespace;
  }
}
