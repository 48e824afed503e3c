package dev.vigil.graph.cluster;

import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.cluster.ClusterService;
import dev.vigil.core.cluster.Workload;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.graph.SourceProblem;
import dev.vigil.core.port.ClusterReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Each deployment of the configured namespaces becomes an observed {@code service} node named after
 * the deployment, with its namespace, images, replicas and revision as attributes; a service deployed
 * in several namespaces is one node whose provenance names every one of its deployments. A namespace that cannot be read
 * (denied, missing) is a problem and the others are still read; only when none can be read is the
 * source unavailable, so the graph keeps what it saw last. A deleted deployment is simply not reported
 * any more, and the graph marks it stale after the configured time.
 *
 * <p>The Services of each namespace are matched to deployments by selector: a Service selecting a
 * deployment's pod template labels adds its name to the service node's {@link #SERVICES} attribute (the
 * node keeps the deployment's name, so a Service named otherwise is known as an alias, not as a second
 * service). Well-known labels and annotations of the deployment and of the Services selecting it become
 * declared facts: {@code app.kubernetes.io/part-of} a {@code part-of} edge to a system, the
 * {@code app.kubernetes.io} name, component and version labels attributes, {@code vigil.dev/owner} or
 * {@code a8r.io/owner} {@code owned-by} edges, {@code vigil.dev/runbook} or {@code a8r.io/runbook} and
 * {@code vigil.dev/dashboard} {@code documented-by} edges.
 */
public final class ClusterSource implements GraphSource {
  /** The attribute listing the Kubernetes Services whose selector picks the deployment's pods. */
  public static final String SERVICES = "k8s.services";
  static final String PART_OF = "app.kubernetes.io/part-of";
  static final List<String> DESCRIBING_LABELS =
      List.of("app.kubernetes.io/name", "app.kubernetes.io/component", "app.kubernetes.io/version");
  static final List<String> OWNER = List.of("vigil.dev/owner", "a8r.io/owner");
  static final List<String> RUNBOOK = List.of("vigil.dev/runbook", "a8r.io/runbook");
  static final List<String> DASHBOARD = List.of("vigil.dev/dashboard");

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
    Map<NodeId, Set<String>> serviceNames = new LinkedHashMap<>();
    Map<Edge.Key, Edge> edges = new LinkedHashMap<>();
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
      List<ClusterService> services;
      try {
        services = cluster.services(namespace);
      } catch (IntegrationFailure e) {
        // The deployments are still worth having; only what Services add is missing.
        services = List.of();
        problems.add(new SourceProblem(name, "namespace " + namespace, "cannot list services: " + e.getMessage()));
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
        Set<String> names = serviceNames.computeIfAbsent(id, k -> new TreeSet<>());
        facts(id, w.labels(), w.annotations(), "deployment " + w.namespace() + "/" + w.name(), now, attrs, edges, problems);
        for (ClusterService service : services) {
          if (service.selects(w.podLabels())) {
            names.add(service.name());
            facts(id, service.labels(), service.annotations(), "service " + service.namespace() + "/" + service.name()
                + " (selects deployment " + w.name() + ")", now, attrs, edges, problems);
          }
        }
      }
    }
    if (read == 0) {
      throw new Unavailable("no namespace of " + cluster.integration() + " could be read: " + last.getMessage(), last);
    }
    List<Node> nodes = new ArrayList<>();
    deployments.forEach((id, where) -> {
      Map<String, String> attrs = attributes.get(id);
      if (!serviceNames.get(id).isEmpty()) {
        attrs.put(SERVICES, String.join(",", serviceNames.get(id)));
      }
      nodes.add(Node.of(id, attrs, Provenance.observed(name, now, 1.0,
          "deployment " + String.join(", ", where) + " in " + cluster.integration())));
    });
    return new GraphContribution(name, now, nodes, List.copyOf(edges.values()), List.of(), List.of(), List.of(), problems);
  }

  /**
   * What the well-known labels and annotations of one object (the deployment, or a Service selecting its
   * pods) say about {@code service}. People wrote them into the manifests, so they are declarations, with
   * the object and key as the detail.
   */
  private void facts(NodeId service, Map<String, String> labels, Map<String, String> annotations, String object,
      Instant now, Map<String, String> attrs, Map<Edge.Key, Edge> edges, List<SourceProblem> problems) {
    String where = object + " in " + cluster.integration();
    for (String key : DESCRIBING_LABELS) {
      String value = labels.getOrDefault(key, "").strip();
      if (!value.isEmpty()) {
        attrs.putIfAbsent(key, value);
      }
    }
    String system = labels.getOrDefault(PART_OF, "").strip();
    if (!system.isEmpty()) {
      add(edges, service, EdgeKind.PART_OF, NodeId.of(NodeKind.SYSTEM, system), "label " + PART_OF + " on " + where, now);
    }
    for (String key : OWNER) {
      for (String owner : annotations.getOrDefault(key, "").split(",")) {
        if (!owner.isBlank()) {
          add(edges, service, EdgeKind.OWNED_BY, owner(owner.strip()), "annotation " + key + " on " + where, now);
        }
      }
    }
    link(service, annotations, RUNBOOK, NodeKind.RUNBOOK, where, now, edges, problems);
    link(service, annotations, DASHBOARD, NodeKind.DASHBOARD, where, now, edges, problems);
  }

  private void link(NodeId service, Map<String, String> annotations, List<String> keys, NodeKind kind, String where,
      Instant now, Map<Edge.Key, Edge> edges, List<SourceProblem> problems) {
    for (String key : keys) {
      String url = annotations.getOrDefault(key, "").strip();
      if (url.startsWith("https://") || url.startsWith("http://")) {
        add(edges, service, EdgeKind.DOCUMENTED_BY, NodeId.of(kind, url), "annotation " + key + " on " + where, now);
      } else if (!url.isEmpty()) {
        problems.add(new SourceProblem(name, where, "annotation " + key + " must be an http(s) URL, got '"
            + (url.length() > 80 ? url.substring(0, 80) + "..." : url) + "'"));
      }
    }
  }

  /**
   * A team unless written as a person: {@code user:alice} or an e-mail address; {@code group:} and
   * {@code team:} prefixes and a leading {@code @} (GitHub's way of naming teams) are dropped.
   */
  static NodeId owner(String reference) {
    String ref = reference.startsWith("@") ? reference.substring(1) : reference;
    String lower = ref.toLowerCase(Locale.ROOT);
    if (lower.startsWith("user:")) {
      return NodeId.of(NodeKind.PERSON, ref.substring(5));
    }
    if (ref.indexOf('@') > 0) {
      return NodeId.of(NodeKind.PERSON, ref);
    }
    if (lower.startsWith("group:") || lower.startsWith("team:")) {
      return NodeId.of(NodeKind.TEAM, ref.substring(ref.indexOf(':') + 1));
    }
    return NodeId.of(NodeKind.TEAM, ref);
  }

  private void add(Map<Edge.Key, Edge> edges, NodeId from, EdgeKind kind, NodeId to, String detail, Instant now) {
    Edge edge = Edge.of(from, kind, to, Provenance.declared(name, now, detail));
    // The first object that says it (the deployment before its Services, the first namespace) is the detail.
    edges.putIfAbsent(edge.key(), edge);
  }
}
