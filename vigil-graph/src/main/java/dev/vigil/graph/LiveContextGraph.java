package dev.vigil.graph;

import dev.vigil.core.graph.AlertHistory;
import dev.vigil.core.graph.AlertNoise;
import dev.vigil.core.graph.ContextGraph;
import dev.vigil.core.graph.Deploy;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.GraphState;
import dev.vigil.core.graph.LearnedBaseline;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.graph.SourceProblem;
import dev.vigil.core.port.GraphStore;
import dev.vigil.graph.baseline.BaselineLearner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The context graph kept live: refreshes its sources, merges their contributions into one {@link
 * GraphSnapshot} and swaps it in atomically, so queries never wait for a refresh and never see half
 * of one.
 *
 * <p>Merging keeps every source's provenance on each node and edge. A source that cannot be read keeps
 * its last good contribution (its facts age, they do not vanish). A node or edge that no source
 * reports any more is kept with the provenance of its last sighting, and once nothing has seen it
 * for {@code staleAfter} it is marked stale: removing a catalog entry by mistake must not erase who
 * owned the service. The state is saved to the {@link GraphStore} after each refresh and restored at
 * start. Refreshes are serialised; queries are lock-free.
 */
public final class LiveContextGraph implements ContextGraph {
  private static final Logger log = LoggerFactory.getLogger(LiveContextGraph.class);

  private final Map<String, GraphSource> sources = new LinkedHashMap<>();
  private final Clock clock;
  private final Duration staleAfter;
  private final NoisePolicy noisePolicy;
  private final Optional<GraphStore> store;
  private final Map<String, GraphContribution> lastGood = new LinkedHashMap<>();
  private final Map<String, SourceProblem> unavailable = new LinkedHashMap<>();
  private Map<NodeId, Node> seenNodes = new HashMap<>();
  private Map<Edge.Key, Edge> seenEdges = new HashMap<>();
  private Map<NodeId, Node> unreportedNodes = Map.of();
  private Map<Edge.Key, Edge> unreportedEdges = Map.of();
  private volatile GraphSnapshot current;
  private volatile BaselineLearner baselines;
  /** The contributions the cached indexes were built from, compared by identity: a re-read source is a new object. */
  private List<GraphContribution> deploysFrom = List.of();
  private DeployIndex deployIndex = DeployIndex.EMPTY;
  private List<GraphContribution> ownershipFrom = List.of();
  private OwnershipIndex ownershipIndex = OwnershipIndex.EMPTY;

  /**
   * @param staleAfter how long no source may have seen a node or edge before it is marked stale
   * @param store where the state survives restarts; empty keeps it in memory only
   */
  public LiveContextGraph(List<GraphSource> sources, Clock clock, Duration staleAfter, NoisePolicy noisePolicy,
      Optional<GraphStore> store) {
    for (GraphSource source : sources) {
      if (this.sources.putIfAbsent(source.name(), source) != null) {
        throw new IllegalArgumentException("two graph sources are named '" + source.name() + "': names must be unique");
      }
    }
    if (staleAfter == null || staleAfter.isNegative() || staleAfter.isZero()) {
      throw new IllegalArgumentException("graph staleAfter must be positive, was " + staleAfter);
    }
    this.clock = clock;
    this.staleAfter = staleAfter;
    this.noisePolicy = noisePolicy;
    this.store = store;
    this.current = GraphSnapshot.empty(clock.instant());
  }

  /** Loads the saved state, if any, so the graph answers before the first refresh completes. */
  public synchronized void restore() {
    store.flatMap(GraphStore::load).ifPresent(state -> {
      state.contributions().forEach(c -> lastGood.put(c.source(), c));
      state.unreportedNodes().forEach(n -> seenNodes.put(n.id(), n));
      state.unreportedEdges().forEach(e -> seenEdges.put(e.key(), e));
      rebuild(clock.instant());
      log.info("graph restored saved_at={} sources={} nodes={} edges={}", state.savedAt(),
          state.contributions().size(), current.nodeCount(), current.edgeCount());
    });
  }

  /** Reads every source, then merges and publishes a new snapshot. */
  public synchronized RefreshReport refresh() {
    return refresh(List.copyOf(sources.keySet()));
  }

  /** Reads one source (a changed catalog file, an event), then merges and publishes a new snapshot. */
  public synchronized RefreshReport refreshSource(String name) {
    if (!sources.containsKey(name)) {
      throw new IllegalArgumentException("no graph source named '" + name + "' (configured: " + sources.keySet() + ")");
    }
    return refresh(List.of(name));
  }

  private RefreshReport refresh(List<String> names) {
    Instant now = clock.instant();
    Map<String, String> failed = new LinkedHashMap<>();
    for (String name : names) {
      GraphSource source = sources.get(name);
      try {
        GraphContribution contribution = source.read(now);
        if (!contribution.source().equals(name)) {
          throw new IllegalStateException("source '" + name + "' returned a contribution named '"
              + contribution.source() + "'");
        }
        lastGood.put(name, contribution);
        unavailable.remove(name);
      } catch (GraphSource.Unavailable | RuntimeException e) {
        // A failing source keeps its last good contribution; its facts age toward stale.
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        failed.put(name, reason);
        boolean firstTime = !unavailable.containsKey(name);
        String kept = lastGood.containsKey(name) ? "of " + lastGood.get(name).readAt() : "(none yet)";
        unavailable.put(name, new SourceProblem(name, "",
            "unavailable, keeping its last good contribution " + kept + ": " + reason));
        if (firstTime) {
          log.warn("graph source unavailable source={} reason=\"{}\"", name, reason, e instanceof RuntimeException ? e : null);
        } else {
          log.debug("graph source still unavailable source={} reason=\"{}\"", name, reason);
        }
      }
    }
    rebuild(now);
    Set<String> changed = new HashSet<>(names);
    changed.removeAll(failed.keySet());
    store.ifPresent(s -> s.save(state(now), changed));
    Duration took = Duration.between(now, clock.instant());
    log.info("graph refreshed sources={} failed={} nodes={} edges={} stale_nodes={} took_ms={}", names.size(),
        failed.size(), current.nodeCount(), current.edgeCount(),
        current.allNodes().stream().filter(Node::stale).count(), took.toMillis());
    return new RefreshReport(now, names, failed, current.nodeCount(), current.edgeCount(), took);
  }

  private GraphState state(Instant now) {
    return new GraphState(now, List.copyOf(lastGood.values()), List.copyOf(unreportedNodes.values()),
        List.copyOf(unreportedEdges.values()));
  }

  private void rebuild(Instant now) {
    Map<NodeId, NodeMerge> nodes = new LinkedHashMap<>();
    Map<Edge.Key, List<Provenance>> edges = new LinkedHashMap<>();
    List<AlertHistory> alerts = new ArrayList<>();
    List<SourceProblem> problems = new ArrayList<>();
    for (GraphContribution contribution : lastGood.values()) {
      for (Node node : contribution.nodes()) {
        nodes.computeIfAbsent(node.id(), id -> new NodeMerge()).add(node);
      }
      for (Edge edge : contribution.edges()) {
        edges.computeIfAbsent(edge.key(), k -> new ArrayList<>()).addAll(edge.provenance());
      }
      alerts.addAll(contribution.alerts());
      problems.addAll(contribution.problems());
    }
    problems.addAll(unavailable.values());
    // An edge may name a node no source describes (catalogs are rarely closed): it still exists,
    // known only through the edge.
    edges.forEach((key, provenance) -> {
      nodes.computeIfAbsent(key.from(), id -> new NodeMerge()).addReference(provenance);
      nodes.computeIfAbsent(key.to(), id -> new NodeMerge()).addReference(provenance);
    });
    Map<NodeId, NodeId> aliases = TeamAliases.find(nodes.keySet(), id -> nodes.get(id).attributes);
    if (!aliases.isEmpty()) {
      aliases.forEach((alias, canonical) -> nodes.get(canonical).absorb(nodes.remove(alias)));
      aliases.values().stream().distinct().forEach(canonical -> nodes.get(canonical).attributes.put(
          TeamAliases.ATTRIBUTE, TeamAliases.names(canonical, aliases)));
      Map<Edge.Key, List<Provenance>> renamed = new LinkedHashMap<>();
      edges.forEach((key, provenance) -> renamed.computeIfAbsent(TeamAliases.canonical(key, aliases),
          k -> new ArrayList<>()).addAll(provenance));
      edges = renamed;
    }
    Instant staleBefore = now.minus(staleAfter);
    Map<NodeId, Node> mergedNodes = new HashMap<>(nodes.size() * 2);
    nodes.forEach((id, merge) -> mergedNodes.put(id, merge.node(id, staleBefore)));
    Map<NodeId, Node> goneNodes = new HashMap<>();
    seenNodes.forEach((id, last) -> {
      // A name that is now an alias lives on in its canonical node.
      if (!mergedNodes.containsKey(id) && !aliases.containsKey(id) && !withdrawn(last.provenance())) {
        Node kept = new Node(id, last.attributes(), last.provenance(), last.lastSeen().isBefore(staleBefore));
        mergedNodes.put(id, kept);
        goneNodes.put(id, kept);
      }
    });
    Map<Edge.Key, Edge> mergedEdges = new HashMap<>(edges.size() * 2);
    edges.forEach((key, provenance) -> {
      List<Provenance> latest = latestPerSource(provenance);
      Edge edge = new Edge(key.from(), key.kind(), key.to(), latest, false);
      mergedEdges.put(key, new Edge(key.from(), key.kind(), key.to(), latest, edge.lastSeen().isBefore(staleBefore)));
    });
    Map<Edge.Key, Edge> goneEdges = new HashMap<>();
    seenEdges.forEach((key, last) -> {
      if (!mergedEdges.containsKey(key) && !mergedEdges.containsKey(TeamAliases.canonical(key, aliases))
          && !withdrawn(last.provenance())) {
        Edge kept = new Edge(key.from(), key.kind(), key.to(), last.provenance(), last.lastSeen().isBefore(staleBefore));
        mergedEdges.put(key, kept);
        goneEdges.put(key, kept);
      }
    });
    seenNodes = mergedNodes;
    seenEdges = mergedEdges;
    unreportedNodes = goneNodes;
    unreportedEdges = goneEdges;
    List<GraphContribution> withDeploys = lastGood.values().stream().filter(c -> !c.deploys().isEmpty()).toList();
    if (!sameObjects(withDeploys, deploysFrom)) {
      deployIndex = DeployIndex.of(withDeploys.stream().flatMap(c -> c.deploys().stream()).toList());
      deploysFrom = withDeploys;
    }
    List<GraphContribution> withRules = lastGood.values().stream().filter(c -> !c.ownership().isEmpty()).toList();
    if (!sameObjects(withRules, ownershipFrom)) {
      ownershipIndex = OwnershipIndex.of(withRules.stream().flatMap(c -> c.ownership().stream()).toList());
      ownershipFrom = withRules;
    }
    current = GraphSnapshot.of(now, noisePolicy, mergedNodes.values(), mergedEdges.values(), deployIndex, alerts,
        ownershipIndex, problems, aliases);
  }

  /** Only sources whose facts go when they stop reporting them said it: it was withdrawn, not lost. */
  private boolean withdrawn(List<Provenance> lastSighting) {
    return lastSighting.stream().allMatch(p -> {
      GraphSource source = sources.get(p.source());
      return source != null && !source.keepsWhatItStopsReporting();
    });
  }

  private static boolean sameObjects(List<GraphContribution> a, List<GraphContribution> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) != b.get(i)) {
        return false;
      }
    }
    return true;
  }

  /** One provenance per source and evidence (a source may list a fact twice, in two files). */
  private static List<Provenance> latestPerSource(List<Provenance> all) {
    Map<String, Provenance> bySource = new LinkedHashMap<>();
    for (Provenance p : all) {
      bySource.merge(p.source() + " " + p.evidence(), p, (a, b) -> b.observedAt().isAfter(a.observedAt()) ? b : a);
    }
    return List.copyOf(bySource.values());
  }

  /** Attributes: the first source (in configuration order) to set a key wins; provenance from all. */
  private static final class NodeMerge {
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<Provenance> provenance = new ArrayList<>();
    private final List<Provenance> references = new ArrayList<>();

    void add(Node node) {
      node.attributes().forEach(attributes::putIfAbsent);
      provenance.addAll(node.provenance());
    }

    /** Takes in what another name of the same node collected (a team known under two names). */
    void absorb(NodeMerge other) {
      other.attributes.forEach(attributes::putIfAbsent);
      provenance.addAll(other.provenance);
      references.addAll(other.references);
    }

    void addReference(List<Provenance> edgeProvenance) {
      references.addAll(edgeProvenance);
    }

    Node node(NodeId id, Instant staleBefore) {
      List<Provenance> all = latestPerSource(provenance.isEmpty() ? references : provenance);
      Node node = new Node(id, attributes, all, false);
      return node.lastSeen().isBefore(staleBefore) ? new Node(id, attributes, all, true) : node;
    }
  }

  /** The published snapshot; hold it to ask several questions of one consistent state. */
  public GraphSnapshot snapshot() {
    return current;
  }

  public List<String> sourceNames() {
    return List.copyOf(sources.keySet());
  }

  /** Each configured source: when its last good contribution was read and why its last read failed, if it did. */
  public synchronized List<SourceStatus> sourceStatus() {
    List<SourceStatus> status = new ArrayList<>();
    for (String name : sources.keySet()) {
      GraphContribution good = lastGood.get(name);
      SourceProblem failure = unavailable.get(name);
      status.add(new SourceStatus(name, Optional.ofNullable(good).map(GraphContribution::readAt),
          Optional.ofNullable(failure).map(SourceProblem::message),
          good == null ? 0 : good.nodes().size(), good == null ? 0 : good.edges().size(),
          good == null ? 0 : good.problems().size()));
    }
    return status;
  }

  /** What one source last contributed, and whether it is failing now. */
  public record SourceStatus(String name, Optional<Instant> lastGoodRead, Optional<String> failing, int nodes,
      int edges, int problems) {}

  /** What one refresh did. */
  public record RefreshReport(Instant at, List<String> sources, Map<String, String> failed, int nodes, int edges,
      Duration took) {
    public RefreshReport {
      sources = List.copyOf(sources);
      failed = Map.copyOf(failed);
    }
  }

  @Override
  public Instant builtAt() {
    return current.builtAt();
  }

  @Override
  public Optional<Node> node(NodeId id) {
    return current.node(id);
  }

  @Override
  public List<Node> nodes(NodeKind kind) {
    return current.nodes(kind);
  }

  @Override
  public List<Edge> edgesFrom(NodeId id) {
    return current.edgesFrom(id);
  }

  @Override
  public List<Edge> edgesTo(NodeId id) {
    return current.edgesTo(id);
  }

  @Override
  public Optional<NodeId> serviceForPath(String path) {
    return current.serviceForPath(path);
  }

  @Override
  public List<Owner> owners(NodeId service) {
    return current.owners(service);
  }

  @Override
  public List<Owner> ownersOfPath(String path) {
    return current.ownersOfPath(path);
  }

  @Override
  public List<Reached> neighbours(NodeId service, Direction direction, int maxHops) {
    return current.neighbours(service, direction, maxHops);
  }

  @Override
  public List<Deploy> recentChanges(NodeId service, int maxHops, Instant from, Instant to) {
    return current.recentChanges(service, maxHops, from, to);
  }

  @Override
  public Optional<NodeId> runbookFor(String alert) {
    return current.runbookFor(alert);
  }

  @Override
  public AlertNoise noise(String alert) {
    return current.noise(alert);
  }

  @Override
  public Optional<Edge> edge(Edge.Key key) {
    return current.edge(key);
  }

  @Override
  public DependencyConflicts conflicts() {
    return current.conflicts();
  }

  @Override
  public List<SourceProblem> problems() {
    return current.problems();
  }

  /** Answers {@link #baseline} from {@code learner} (learned baselines are refreshed apart from the sources). */
  public void useBaselines(BaselineLearner learner) {
    this.baselines = learner;
  }

  /** The learner answering {@link #baseline}, if baselines are configured. */
  public Optional<BaselineLearner> baselines() {
    return Optional.ofNullable(baselines);
  }

  @Override
  public Optional<LearnedBaseline> baseline(NodeId service, String signal) {
    BaselineLearner learner = baselines;
    return learner == null ? Optional.empty() : learner.find(service, signal);
  }
}
