package dev.vigil.graph;

import dev.vigil.core.graph.AlertHistory;
import dev.vigil.core.graph.AlertNoise;
import dev.vigil.core.graph.ContextGraph;
import dev.vigil.core.graph.Deploy;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.OwnershipRule;
import dev.vigil.core.graph.SourceProblem;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One immutable, merged state of the graph with the indexes its queries need: nodes by id and by
 * kind, edges by key and by either end, repository paths to services, deploys per service sorted by
 * time, and alert histories by name. Built once per refresh (O(nodes + edges + deploys log deploys));
 * every query then touches only the part of the graph it answers about. Thread-safe.
 */
public final class GraphSnapshot implements ContextGraph {
  private static final Comparator<Edge> BY_KIND_THEN_ENDS = Comparator.comparing(Edge::kind)
      .thenComparing(Edge::to).thenComparing(Edge::from);
  private static final Comparator<Deploy> NEWEST_FIRST = Comparator.comparing(Deploy::at).reversed();

  private final Instant builtAt;
  private final NoisePolicy noisePolicy;
  private final Map<NodeId, Node> nodes;
  private final Map<NodeKind, List<Node>> nodesByKind;
  private final Map<Edge.Key, Edge> edges;
  private final Map<NodeId, List<Edge>> outgoing;
  private final Map<NodeId, List<Edge>> incoming;
  private final Map<String, NodeId> serviceByPath;
  private final DeployIndex deploys;
  private final Map<String, List<AlertHistory>> alertsByName;
  private final OwnershipIndex ownership;
  private final List<SourceProblem> problems;
  private final DependencyConflicts conflicts;
  /** Other names of merged nodes (a team's GitHub name), to their canonical id. */
  private final Map<NodeId, NodeId> aliases;

  private GraphSnapshot(Instant builtAt, NoisePolicy noisePolicy, Collection<Node> nodeList, Collection<Edge> edgeList,
      DeployIndex deploys, Collection<AlertHistory> alertList, OwnershipIndex ownership, List<SourceProblem> problems,
      Map<NodeId, NodeId> aliases) {
    this.builtAt = builtAt;
    this.aliases = Map.copyOf(aliases);
    this.noisePolicy = noisePolicy;
    this.nodes = new HashMap<>(nodeList.size() * 2);
    Map<NodeKind, List<Node>> byKind = new EnumMap<>(NodeKind.class);
    for (Node node : nodeList) {
      nodes.put(node.id(), node);
      byKind.computeIfAbsent(node.id().kind(), k -> new ArrayList<>()).add(node);
    }
    byKind.values().forEach(list -> list.sort(Comparator.comparing(Node::id)));
    byKind.replaceAll((k, list) -> List.copyOf(list));
    this.nodesByKind = byKind;

    this.edges = new HashMap<>(edgeList.size() * 2);
    Map<NodeId, List<Edge>> out = new HashMap<>();
    Map<NodeId, List<Edge>> in = new HashMap<>();
    Map<String, NodeId> byPath = new HashMap<>();
    for (Edge edge : edgeList) {
      edges.put(edge.key(), edge);
      out.computeIfAbsent(edge.from(), k -> new ArrayList<>()).add(edge);
      in.computeIfAbsent(edge.to(), k -> new ArrayList<>()).add(edge);
      if (edge.kind() == EdgeKind.DEPLOYED_FROM && edge.to().kind() == NodeKind.REPOSITORY_PATH) {
        byPath.merge(normalisePrefix(edge.to().name()), edge.from(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    out.values().forEach(list -> list.sort(BY_KIND_THEN_ENDS));
    in.values().forEach(list -> list.sort(BY_KIND_THEN_ENDS));
    this.outgoing = out;
    this.incoming = in;
    this.serviceByPath = byPath;

    this.deploys = deploys;

    Map<String, List<AlertHistory>> alerts = new HashMap<>();
    for (AlertHistory history : alertList) {
      alerts.computeIfAbsent(history.alert(), k -> new ArrayList<>()).add(history);
    }
    this.alertsByName = alerts;

    this.ownership = ownership;
    this.problems = List.copyOf(problems);
    this.conflicts = findConflicts(edges.values());
  }

  /** A snapshot of already merged facts. */
  public static GraphSnapshot of(Instant builtAt, NoisePolicy noisePolicy, Collection<Node> nodes,
      Collection<Edge> edges, Collection<Deploy> deploys, Collection<AlertHistory> alerts,
      List<OwnershipRule> ownership, List<SourceProblem> problems) {
    return new GraphSnapshot(builtAt, noisePolicy, nodes, edges, DeployIndex.of(deploys), alerts,
        OwnershipIndex.of(ownership), problems, Map.of());
  }

  /** A snapshot reusing deploy and ownership indexes built for an earlier one (they are immutable). */
  static GraphSnapshot of(Instant builtAt, NoisePolicy noisePolicy, Collection<Node> nodes,
      Collection<Edge> edges, DeployIndex deploys, Collection<AlertHistory> alerts, OwnershipIndex ownership,
      List<SourceProblem> problems, Map<NodeId, NodeId> aliases) {
    return new GraphSnapshot(builtAt, noisePolicy, nodes, edges, deploys, alerts, ownership, problems, aliases);
  }

  public static GraphSnapshot empty(Instant at) {
    return of(at, NoisePolicy.DEFAULT, List.of(), List.of(), DeployIndex.EMPTY, List.of(), OwnershipIndex.EMPTY, List.of(),
        Map.of());
  }

  @Override
  public Instant builtAt() {
    return builtAt;
  }

  @Override
  public Optional<Node> node(NodeId id) {
    return Optional.ofNullable(nodes.get(canonical(id)));
  }

  /** The id a node is kept under: itself, or the node it is another name of (a team's GitHub name). */
  public NodeId canonical(NodeId id) {
    return TeamAliases.canonical(id, aliases);
  }

  @Override
  public List<Node> nodes(NodeKind kind) {
    return nodesByKind.getOrDefault(kind, List.of());
  }

  /** Every node, grouped by kind and sorted by name within each. */
  public List<Node> allNodes() {
    List<Node> all = new ArrayList<>(nodes.size());
    nodesByKind.values().forEach(all::addAll);
    return all;
  }

  /** Every edge, sorted by origin, kind and target. */
  public List<Edge> allEdges() {
    List<Edge> all = new ArrayList<>(edges.values());
    all.sort(Comparator.comparing(Edge::from).thenComparing(Edge::kind).thenComparing(Edge::to));
    return all;
  }

  public int nodeCount() {
    return nodes.size();
  }

  public int edgeCount() {
    return edges.size();
  }

  public int deployCount() {
    return deploys.size();
  }

  @Override
  public List<Edge> edgesFrom(NodeId id) {
    return List.copyOf(outgoing.getOrDefault(canonical(id), List.of()));
  }

  @Override
  public List<Edge> edgesTo(NodeId id) {
    return List.copyOf(incoming.getOrDefault(canonical(id), List.of()));
  }

  @Override
  public Optional<NodeId> serviceForPath(String path) {
    if (path == null || path.isBlank()) {
      return Optional.empty();
    }
    String full = path.strip();
    Optional<NodeId> found = longestPrefix(full);
    int colon = full.indexOf(':');
    if (found.isEmpty() && colon > 0) {
      // A path qualified by its repository also matches prefixes declared without one.
      found = longestPrefix(full.substring(colon + 1));
    }
    return found;
  }

  private Optional<NodeId> longestPrefix(String path) {
    String p = normalisePrefix(path);
    NodeId exact = serviceByPath.get(p);
    if (exact != null) {
      return Optional.of(exact);
    }
    for (int i = p.lastIndexOf('/'); i >= 0; i = i == 0 ? -1 : p.lastIndexOf('/', i - 1)) {
      NodeId service = serviceByPath.get(p.substring(0, i));
      if (service != null) {
        return Optional.of(service);
      }
    }
    return Optional.ofNullable(serviceByPath.get(""));
  }

  @Override
  public List<Owner> owners(NodeId service) {
    Map<String, Owner> found = new LinkedHashMap<>();
    List<NodeId> owningTeams = new ArrayList<>();
    for (Edge edge : outgoing.getOrDefault(service, List.of())) {
      if (edge.kind() == EdgeKind.OWNED_BY) {
        found.putIfAbsent("owner " + edge.to(), new Owner(edge.to(), "owner", edge.provenance().get(0)));
        owningTeams.add(edge.to());
      } else if (edge.kind() == EdgeKind.DEPLOYED_FROM && edge.to().kind() == NodeKind.REPOSITORY_PATH) {
        // A declared path is a folder: ask who owns what is inside it, so "/services/payments/" applies.
        for (Owner owner : ownersOfPath(normalisePrefix(edge.to().name()) + "/")) {
          found.putIfAbsent("codeowner " + owner.who(), owner);
        }
      }
    }
    List<NodeId> onCallTargets = new ArrayList<>();
    onCallTargets.add(service);
    onCallTargets.addAll(owningTeams);
    for (NodeId target : onCallTargets) {
      for (Edge edge : incoming.getOrDefault(target, List.of())) {
        if (edge.kind() == EdgeKind.ON_CALL_FOR) {
          found.putIfAbsent("on-call " + edge.from(), new Owner(edge.from(), "on-call", edge.provenance().get(0)));
        }
      }
    }
    return List.copyOf(found.values());
  }

  @Override
  public List<Owner> ownersOfPath(String path) {
    if (path == null || path.isBlank() || ownership.isEmpty()) {
      return List.of();
    }
    String p = path.strip();
    int colon = p.indexOf(':');
    List<Owner> owners = ownership.owners(colon > 0 ? p.substring(colon + 1) : p);
    return aliases.isEmpty() ? List.copyOf(owners) : owners.stream()
        .map(o -> new Owner(canonical(o.who()), o.role(), o.provenance())).toList();
  }

  @Override
  public List<Reached> neighbours(NodeId service, Direction direction, int maxHops) {
    if (maxHops < 1 || !nodes.containsKey(service)) {
      return List.of();
    }
    Map<NodeId, Integer> seen = new LinkedHashMap<>();
    seen.put(service, 0);
    ArrayDeque<NodeId> queue = new ArrayDeque<>();
    queue.add(service);
    List<Reached> reached = new ArrayList<>();
    while (!queue.isEmpty()) {
      NodeId current = queue.poll();
      int hops = seen.get(current);
      if (hops >= maxHops) {
        continue;
      }
      for (NodeId next : step(current, direction)) {
        if (!seen.containsKey(next)) {
          seen.put(next, hops + 1);
          reached.add(new Reached(next, hops + 1));
          queue.add(next);
        }
      }
    }
    return reached;
  }

  /** One hop: depends-on edges, and a consumed API counts as a dependency on whoever provides it. */
  private Set<NodeId> step(NodeId from, Direction direction) {
    Set<NodeId> next = new LinkedHashSet<>();
    boolean forward = direction == Direction.DEPENDENCIES;
    for (Edge edge : (forward ? outgoing : incoming).getOrDefault(from, List.of())) {
      if (edge.kind() == EdgeKind.DEPENDS_ON) {
        next.add(forward ? edge.to() : edge.from());
      }
    }
    EdgeKind toApi = forward ? EdgeKind.CONSUMES_API : EdgeKind.PROVIDES_API;
    EdgeKind fromApi = forward ? EdgeKind.PROVIDES_API : EdgeKind.CONSUMES_API;
    for (Edge edge : outgoing.getOrDefault(from, List.of())) {
      if (edge.kind() == toApi) {
        for (Edge other : incoming.getOrDefault(edge.to(), List.of())) {
          if (other.kind() == fromApi && !other.from().equals(from)) {
            next.add(other.from());
          }
        }
      }
    }
    return next;
  }

  @Override
  public List<Deploy> recentChanges(NodeId service, int maxHops, Instant from, Instant to) {
    if (from == null || to == null || to.isBefore(from)) {
      throw new IllegalArgumentException("recent changes need a time range with from <= to");
    }
    Set<NodeId> services = new LinkedHashSet<>();
    services.add(service);
    if (maxHops > 0) {
      neighbours(service, Direction.DEPENDENCIES, maxHops).forEach(r -> services.add(r.node()));
      neighbours(service, Direction.DEPENDENTS, maxHops).forEach(r -> services.add(r.node()));
    }
    List<Deploy> found = new ArrayList<>();
    for (NodeId id : services) {
      deploys.collect(id, from, to, found);
    }
    found.sort(NEWEST_FIRST);
    return found;
  }

  @Override
  public Optional<NodeId> runbookFor(String alert) {
    if (alert == null || alert.isBlank()) {
      return Optional.empty();
    }
    NodeId rule = NodeId.of(NodeKind.ALERT_RULE, alert.strip());
    Optional<NodeId> own = runbookOf(rule);
    if (own.isPresent()) {
      return own;
    }
    for (Edge edge : outgoing.getOrDefault(rule, List.of())) {
      if (edge.kind() == EdgeKind.ALERTS_ON) {
        Optional<NodeId> ofService = runbookOf(edge.to());
        if (ofService.isPresent()) {
          return ofService;
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<NodeId> runbookOf(NodeId id) {
    return outgoing.getOrDefault(id, List.of()).stream()
        .filter(e -> e.kind() == EdgeKind.DOCUMENTED_BY && e.to().kind() == NodeKind.RUNBOOK)
        .map(Edge::to).findFirst();
  }

  @Override
  public AlertNoise noise(String alert) {
    List<AlertHistory> histories = alertsByName.getOrDefault(alert == null ? "" : alert.strip(), List.of());
    // Alertmanager and PagerDuty may both report one alert; adding them would count firings twice, so
    // the source that saw the most firings (on a tie, the one that saw flaps) gives the firings and
    // flaps, and the source that knows whether people acted and saw the most firings gives the
    // acted-on ratio, over its own firings (a flapping alert may be folded into fewer incidents).
    Comparator<AlertHistory> most = Comparator.comparingInt(AlertHistory::fired).thenComparingInt(AlertHistory::flaps);
    Optional<AlertHistory> best = histories.stream().max(most);
    if (best.isEmpty() || best.get().fired() < noisePolicy.minFired()) {
      int fired = best.map(AlertHistory::fired).orElse(0);
      return new AlertNoise(String.valueOf(alert), AlertNoise.Verdict.NOT_ENOUGH_DATA, fired, OptionalDouble.empty(), 0,
          "not enough data: fired " + fired + " times, at least " + noisePolicy.minFired() + " needed");
    }
    AlertHistory h = best.get();
    Optional<AlertHistory> acting = histories.stream().filter(a -> a.actedOn().isPresent() && a.fired() > 0).max(most);
    double flaps = (double) h.flaps() / h.fired();
    OptionalDouble actedOn = acting.isPresent()
        ? OptionalDouble.of((double) acting.get().actedOn().getAsInt() / acting.get().fired()) : OptionalDouble.empty();
    String acted = acting.isEmpty() ? "acted on: unknown to " + h.provenance().source()
        : String.format(Locale.ROOT, "acted on %d (%.0f%%)%s", acting.get().actedOn().getAsInt(),
            actedOn.getAsDouble() * 100, acting.get() == h ? ""
                : " of " + acting.get().fired() + " per " + acting.get().provenance().source());
    String numbers = String.format(Locale.ROOT, "fired %d times from %s to %s, %s, flapped %d (%.0f%%), per %s",
        h.fired(), h.from(), h.to(), acted, h.flaps(), flaps * 100, h.provenance().source());
    if (flaps >= noisePolicy.minFlapRate()
        || actedOn.isPresent() && actedOn.getAsDouble() <= noisePolicy.maxActedOnRatio()) {
      return new AlertNoise(alert, AlertNoise.Verdict.NOISY, h.fired(), actedOn, flaps, "noisy: " + numbers);
    }
    if (actedOn.isEmpty()) {
      // Not flapping says little on its own: without knowing whether people act on it, stay silent.
      return new AlertNoise(alert, AlertNoise.Verdict.NOT_ENOUGH_DATA, h.fired(), actedOn, flaps,
          "not enough data: not flapping, but whether anyone acts on it is unknown; " + numbers);
    }
    return new AlertNoise(alert, AlertNoise.Verdict.SIGNAL, h.fired(), actedOn, flaps, "signal: " + numbers);
  }

  @Override
  public Optional<Edge> edge(Edge.Key key) {
    return Optional.ofNullable(edges.get(key));
  }

  @Override
  public DependencyConflicts conflicts() {
    return conflicts;
  }

  /**
   * A declared dependency counts as never observed only when the observing sources see its client at
   * all; otherwise every dependency of a service without traffic data would be reported.
   */
  private static DependencyConflicts findConflicts(Collection<Edge> edgeList) {
    Set<NodeId> observedClients = new HashSet<>();
    for (Edge edge : edgeList) {
      if (edge.kind() == EdgeKind.DEPENDS_ON && edge.observed()) {
        observedClients.add(edge.from());
      }
    }
    List<Edge> declaredOnly = new ArrayList<>();
    List<Edge> observedOnly = new ArrayList<>();
    for (Edge edge : edgeList) {
      if (edge.kind() != EdgeKind.DEPENDS_ON) {
        continue;
      }
      if (edge.declared() && !edge.observed() && observedClients.contains(edge.from())) {
        declaredOnly.add(edge);
      } else if (edge.observed() && !edge.declared()) {
        observedOnly.add(edge);
      }
    }
    Comparator<Edge> order = Comparator.comparing(Edge::from).thenComparing(Edge::to);
    declaredOnly.sort(order);
    observedOnly.sort(order);
    return new DependencyConflicts(declaredOnly, observedOnly);
  }

  @Override
  public List<SourceProblem> problems() {
    return problems;
  }

  /** A path as the path index keys it: no leading or trailing slash; the repository root is empty. */
  static String normalisePrefix(String name) {
    String p = name.strip();
    int colon = p.indexOf(':');
    String repo = colon > 0 ? p.substring(0, colon + 1) : "";
    String path = colon > 0 ? p.substring(colon + 1) : p;
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.equals(".")) {
      path = "";
    }
    return repo + path;
  }

}
