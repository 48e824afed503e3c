package dev.vigil.core.graph;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The questions task kinds ask the context graph. An implementation answers from one immutable
 * snapshot, so answers within one call are consistent; it is thread-safe and answers from memory.
 * Unknown nodes give empty answers, not errors: the graph is never complete.
 */
public interface ContextGraph {
  /** A graph without sources: empty answers everywhere (engines and tests that need no graph). */
  static ContextGraph empty() {
    return EmptyContextGraph.INSTANCE;
  }

  /** When the snapshot was built. */
  Instant builtAt();

  Optional<Node> node(NodeId id);

  /** All nodes of a kind, sorted by name. */
  List<Node> nodes(NodeKind kind);

  /** All edges leaving {@code id}, sorted by kind then target. */
  List<Edge> edgesFrom(NodeId id);

  /** All edges arriving at {@code id}, sorted by kind then origin. */
  List<Edge> edgesTo(NodeId id);

  /**
   * The service a repository path belongs to: the service whose declared repository path is the
   * longest prefix of {@code path}.
   *
   * @param path a path relative to the repository root, e.g. {@code services/checkout/Main.java};
   *     may be prefixed with the repository as {@code owner/repo:path}
   */
  Optional<NodeId> serviceForPath(String path);

  /**
   * Who owns a service and who is on call for it: catalog owners, CODEOWNERS owners of its
   * repository paths, and people on call for it or for its owning teams. Empty when nobody is known.
   */
  List<Owner> owners(NodeId service);

  /** The owners of a file path from the ownership rules (last matching CODEOWNERS line wins). */
  List<Owner> ownersOfPath(String path);

  /**
   * The services reachable from {@code service} in {@code direction} within {@code maxHops}, nearest
   * first. Dependencies follow depends-on edges and consumed APIs to the services that provide them.
   */
  List<Reached> neighbours(NodeId service, Direction direction, int maxHops);

  /** Deploys to the service and its neighbours (both directions) within {@code maxHops}, newest first. */
  List<Deploy> recentChanges(NodeId service, int maxHops, Instant from, Instant to);

  /** The runbook for an alert: the alert rule's own, else the runbook of the service it alerts on. */
  Optional<NodeId> runbookFor(String alert);

  /** A node's own runbook (a service's, an alert rule's): where its documented-by edge to a runbook points. */
  default Optional<NodeId> runbookOf(NodeId node) {
    return edgesFrom(node).stream()
        .filter(e -> e.kind() == EdgeKind.DOCUMENTED_BY && e.to().kind() == NodeKind.RUNBOOK)
        .map(Edge::to).findFirst();
  }

  /** Where a runbook is: its {@code url} attribute, else its name (runbooks are named by their address). */
  default String runbookUrl(NodeId runbook) {
    return node(runbook).map(n -> n.attributes().getOrDefault("url", n.id().name())).orElse(runbook.name());
  }

  /** Whether an alert is noise, from its history, with the numbers behind the verdict. */
  AlertNoise noise(String alert);

  /** An edge with every source's provenance, if any source reported it. */
  Optional<Edge> edge(Edge.Key key);

  /** Dependencies declared in a catalog that no observing source has seen, and the reverse. */
  DependencyConflicts conflicts();

  /**
   * What normal looks like for a signal of a service, learned from its history and refreshed on a
   * schedule; {@code baseline.at(now)} is normal now. Empty when none was learned (no baselines
   * configured, or the signal has no data for the service).
   */
  default Optional<LearnedBaseline> baseline(NodeId service, String signal) {
    return Optional.empty();
  }

  /** What sources could not read at their last refresh. */
  List<SourceProblem> problems();

  /** Which way to walk dependencies. */
  enum Direction {
    /** What the service needs (downstream in call order). */
    DEPENDENCIES,
    /** What needs the service (upstream in call order). */
    DEPENDENTS
  }

  /** A node reached in {@code hops} steps. */
  record Reached(NodeId node, int hops) {}

  /**
   * An owner of a service or a path.
   *
   * @param role {@code owner} (catalog), {@code codeowner} (CODEOWNERS) or {@code on-call}
   */
  record Owner(NodeId who, String role, Provenance provenance) {}

  /** Declared-but-never-observed and observed-but-undeclared depends-on edges. */
  record DependencyConflicts(List<Edge> declaredNotObserved, List<Edge> observedNotDeclared) {
    public DependencyConflicts {
      declaredNotObserved = List.copyOf(declaredNotObserved);
      observedNotDeclared = List.copyOf(observedNotDeclared);
    }
  }
}
