package dev.vigil.tasks.deploywatch;

import dev.vigil.core.graph.AlertNoise;
import dev.vigil.core.graph.ContextGraph;
import dev.vigil.core.graph.Deploy;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.graph.SourceProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small context graph of a shop, answering the questions a health plan asks: services by catalog path,
 * who calls whom, which team owns what (catalog and CODEOWNERS). The rest is empty, as for an unknown node.
 */
final class ShopGraph implements ContextGraph {
  private static final Provenance CATALOG = Provenance.declared("test", Instant.EPOCH, "test catalog");
  private final ContextGraph empty = ContextGraph.empty();
  /** service -> the services and resources it calls. */
  private final Map<String, List<NodeId>> calls = Map.of(
      "frontend", List.of(NodeId.service("checkout"), NodeId.service("cart")),
      "checkout", List.of(NodeId.service("shipping"), NodeId.of(NodeKind.RESOURCE, "postgres")),
      "cart", List.of(NodeId.of(NodeKind.RESOURCE, "postgres")),
      "shipping", List.of(),
      "billing", List.of());
  private final Map<String, String> teams = Map.of("frontend", "storefront", "checkout", "payments-team",
      "cart", "storefront", "shipping", "fulfilment-team", "billing", "billing-team");

  @Override
  public Instant builtAt() {
    return empty.builtAt();
  }

  @Override
  public Optional<Node> node(NodeId id) {
    return nodes(id.kind()).stream().filter(n -> n.id().equals(id)).findFirst();
  }

  @Override
  public List<Node> nodes(NodeKind kind) {
    return kind != NodeKind.SERVICE ? List.of() : calls.keySet().stream().sorted()
        .map(s -> Node.of(NodeId.service(s), Map.of(), CATALOG)).toList();
  }

  @Override
  public List<Edge> edgesFrom(NodeId id) {
    return empty.edgesFrom(id);
  }

  @Override
  public List<Edge> edgesTo(NodeId id) {
    return empty.edgesTo(id);
  }

  /** Catalog paths {@code services/<name>/} for every service but billing, which CODEOWNERS alone knows. */
  @Override
  public Optional<NodeId> serviceForPath(String path) {
    String p = path.substring(path.indexOf(':') + 1);
    return calls.keySet().stream().filter(s -> !s.equals("billing") && p.startsWith("services/" + s + "/"))
        .findFirst().map(NodeId::service);
  }

  @Override
  public List<Owner> owners(NodeId service) {
    String team = teams.get(service.name());
    return team == null ? List.of() : List.of(new Owner(NodeId.of(NodeKind.TEAM, team), "owner", CATALOG));
  }

  @Override
  public List<Owner> ownersOfPath(String path) {
    if (path.startsWith("billing/")) {
      return List.of(new Owner(NodeId.of(NodeKind.TEAM, "billing-team"), "codeowner", CATALOG));
    }
    if (path.startsWith("docs/")) {
      return List.of(new Owner(NodeId.of(NodeKind.TEAM, "storefront"), "codeowner", CATALOG));
    }
    return List.of();
  }

  @Override
  public List<Reached> neighbours(NodeId service, Direction direction, int maxHops) {
    List<Reached> out = new ArrayList<>();
    if (direction == Direction.DEPENDENCIES) {
      calls.getOrDefault(service.name(), List.of()).forEach(n -> out.add(new Reached(n, 1)));
    } else {
      calls.entrySet().stream().filter(e -> e.getValue().contains(service)).map(Map.Entry::getKey).sorted()
          .forEach(s -> out.add(new Reached(NodeId.service(s), 1)));
    }
    return out;
  }

  @Override
  public List<Deploy> recentChanges(NodeId service, int maxHops, Instant from, Instant to) {
    return empty.recentChanges(service, maxHops, from, to);
  }

  @Override
  public Optional<NodeId> runbookFor(String alert) {
    return empty.runbookFor(alert);
  }

  @Override
  public AlertNoise noise(String alert) {
    return empty.noise(alert);
  }

  @Override
  public Optional<Edge> edge(Edge.Key key) {
    return empty.edge(key);
  }

  @Override
  public DependencyConflicts conflicts() {
    return empty.conflicts();
  }

  @Override
  public List<SourceProblem> problems() {
    return empty.problems();
  }
}
