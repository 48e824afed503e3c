package dev.vigil.core.graph;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A graph no source has filled: every question has an empty answer, none a made-up one. */
final class EmptyContextGraph implements ContextGraph {
  static final EmptyContextGraph INSTANCE = new EmptyContextGraph();

  private EmptyContextGraph() {
  }

  @Override
  public Instant builtAt() {
    return Instant.EPOCH;
  }

  @Override
  public Optional<Node> node(NodeId id) {
    return Optional.empty();
  }

  @Override
  public List<Node> nodes(NodeKind kind) {
    return List.of();
  }

  @Override
  public List<Edge> edgesFrom(NodeId id) {
    return List.of();
  }

  @Override
  public List<Edge> edgesTo(NodeId id) {
    return List.of();
  }

  @Override
  public Optional<NodeId> serviceForPath(String path) {
    return Optional.empty();
  }

  @Override
  public List<Owner> owners(NodeId service) {
    return List.of();
  }

  @Override
  public List<Owner> ownersOfPath(String path) {
    return List.of();
  }

  @Override
  public List<Reached> neighbours(NodeId service, Direction direction, int maxHops) {
    return List.of();
  }

  @Override
  public List<Deploy> recentChanges(NodeId service, int maxHops, Instant from, Instant to) {
    return List.of();
  }

  @Override
  public Optional<NodeId> runbookFor(String alert) {
    return Optional.empty();
  }

  @Override
  public AlertNoise noise(String alert) {
    return new AlertNoise(alert, AlertNoise.Verdict.NOT_ENOUGH_DATA, 0, java.util.OptionalDouble.empty(), Double.NaN,
        "no context graph sources are configured, so there is no alert history");
  }

  @Override
  public Optional<Edge> edge(Edge.Key key) {
    return Optional.empty();
  }

  @Override
  public DependencyConflicts conflicts() {
    return new DependencyConflicts(List.of(), List.of());
  }

  @Override
  public List<SourceProblem> problems() {
    return List.of();
  }
}
