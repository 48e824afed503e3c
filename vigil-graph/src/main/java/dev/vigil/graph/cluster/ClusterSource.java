package dev.vigil.graph.cluster;

import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.cluster.Workload;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.graph.SourceProblem;
import dev.vigil.core.port.ClusterReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each deployment of the configured namespaces becomes an observed {@code service} node named after
 * the deployment, with its namespace, images, replicas and revision as attributes; a service deployed
 * in several namespaces is one node whose provenance names every one of its deployments. A namespace that cannot be read
 * (denied, missing) is a problem and the others are still read; only when none can be read is the
 * source unavailable, so the graph keeps what it saw last. A deleted deployment is simply not reported
 * any more, and the graph marks it stale after the configured time.
 */
public final class ClusterSource implements GraphSource {
  private final String name;
  private final ClusterReader cluster;
  private final List<String> namespaces;

  public ClusterSource(String name, ClusterReader cluster, List<String> namespaces) {
    if (name == null || name.isBlank() || cluster == null) {
      throw new IllegalArgumentException("a cluster source needs a name and a cluster reader");
    }
    if (namespaces == null || namespaces.isEmpty() || namespaces.stream().anyMatch(n -> n == null || n.isBlank())) {
      throw new IllegalArgumentException("cluster source '" + name + "' needs at least one namespace");
    }
    this.name = name;
    this.cluster = cluster;
    this.namespaces = List.copyOf(namespaces);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public GraphContribution read(Instant now) throws Unavailable {
    Map<NodeId, List<String>> deployments = new LinkedHashMap<>();
    Map<NodeId, Map<String, String>> attributes = new LinkedHashMap<>();
    List<SourceProblem> problems = new ArrayList<>();
    int read = 0;
    IntegrationFailure last = null;
    for (String namespace : namespaces) {
      List<Workload> workloads;
      try {
        workloads = cluster.workloads(namespace);
        read++;
      } catch (IntegrationFailure e) {
        last = e;
        problems.add(new SourceProblem(name, "namespace " + namespace, "cannot list deployments: " + e.getMessage()));
        continue;
      }
      for (Workload w : workloads) {
        NodeId id = NodeId.service(w.name());
        deployments.computeIfAbsent(id, k -> new ArrayList<>()).add(w.namespace() + "/" + w.name());
        Map<String, String> attrs = attributes.computeIfAbsent(id, k -> new LinkedHashMap<>());
        // The first namespace in configuration order describes the service; the others add provenance.
        attrs.putIfAbsent("namespace", w.namespace());
        attrs.putIfAbsent("images", String.join(",", w.images()));
        attrs.putIfAbsent("replicas", w.readyReplicas() + "/" + w.desiredReplicas() + " ready");
        w.revision().ifPresent(r -> attrs.putIfAbsent("revision", r));
      }
    }
    if (read == 0) {
      throw new Unavailable("no namespace of " + cluster.integration() + " could be read: " + last.getMessage(), last);
    }
    List<Node> nodes = new ArrayList<>();
    deployments.forEach((id, where) -> nodes.add(Node.of(id, attributes.get(id), Provenance.observed(name, now, 1.0,
        "deployment " + String.join(", ", where) + " in " + cluster.integration()))));
    return new GraphContribution(name, now, nodes, List.of(), List.of(), List.of(), List.of(), problems);
  }
}
