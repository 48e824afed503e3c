package dev.vigil.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.graph.AlertHistory;
import dev.vigil.core.graph.Deploy;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphState;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.OwnershipRule;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.graph.SourceProblem;
import dev.vigil.core.port.GraphStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GraphStore} must do: give back exactly the state it was given (instants at
 * microsecond precision, the finest both databases keep), and replace it as a whole on each save.
 * A subclass returns a fresh, empty store per test.
 */
public abstract class GraphStoreContract {
  protected static final Instant T = Instant.parse("2031-03-04T05:06:07.123456Z");

  protected abstract GraphStore newStore();

  protected static GraphState sampleState() {
    Provenance declared = Provenance.declared("catalog", T, "services/checkout/catalog-info.yaml:3");
    Provenance observed = Provenance.observed("traces", T.plusSeconds(60), 0.75, "traces_service_graph_request_total");
    NodeId checkout = NodeId.service("checkout");
    NodeId payments = NodeId.service("payments");
    NodeId runbook = NodeId.of(NodeKind.RUNBOOK, "https://runbooks.example/checkout?x=1&y=ü");
    GraphContribution catalog = new GraphContribution("catalog", T,
        List.of(Node.of(checkout, Map.of("description", "Checkout, \"quoted\"\nand a new line", "type", "service"), declared),
            Node.of(runbook, Map.of(), declared)),
        List.of(Edge.of(checkout, EdgeKind.DEPENDS_ON, payments, declared),
            Edge.of(checkout, EdgeKind.DOCUMENTED_BY, runbook, declared)),
        List.of(new Deploy(checkout, T.minusSeconds(3600), "production", "abc123", declared)),
        List.of(new AlertHistory("CheckoutErrors", T.minusSeconds(86400), T, 12, 3, 1, declared),
            new AlertHistory("DiskFull", T.minusSeconds(86400), T, 7, java.util.OptionalInt.empty(), 4, declared)),
        List.of(new OwnershipRule("/services/checkout/", List.of(NodeId.of(NodeKind.TEAM, "acme/checkout"),
            NodeId.of(NodeKind.PERSON, "alice@example.com")), 7, declared)),
        List.of(new SourceProblem("catalog", "bad.yaml:4", "not valid YAML")));
    GraphContribution traces = new GraphContribution("traces", T.plusSeconds(60), List.of(),
        List.of(Edge.of(checkout, EdgeKind.DEPENDS_ON, payments, observed)), List.of(), List.of(), List.of(), List.of());
    Node gone = new Node(NodeId.service("legacy"), Map.of("title", "Legacy"),
        List.of(Provenance.declared("catalog", T.minusSeconds(7200), "old.yaml:1")), true);
    Edge goneEdge = new Edge(NodeId.service("legacy"), EdgeKind.OWNED_BY, NodeId.of(NodeKind.TEAM, "core"),
        List.of(Provenance.declared("catalog", T.minusSeconds(7200), "old.yaml:5"),
            Provenance.observed("traces", T.minusSeconds(7000), 0.5, "")), true);
    return new GraphState(T.plusSeconds(61), List.of(catalog, traces), List.of(gone), List.of(goneEdge));
  }

  @Test
  void an_empty_store_has_no_state() {
    assertThat(newStore().load()).isEmpty();
  }

  @Test
  void a_saved_state_comes_back_exactly() {
    GraphStore store = newStore();
    GraphState state = sampleState();
    store.save(state);
    GraphState loaded = store.load().orElseThrow();
    assertThat(loaded.savedAt()).isEqualTo(state.savedAt());
    assertThat(loaded.contributions()).containsExactlyInAnyOrderElementsOf(state.contributions());
    // Stale flags are recomputed from provenance on every rebuild; the store need not keep them.
    assertThat(loaded.unreportedNodes()).singleElement().satisfies(n -> {
      assertThat(n.id()).isEqualTo(state.unreportedNodes().get(0).id());
      assertThat(n.attributes()).isEqualTo(state.unreportedNodes().get(0).attributes());
      assertThat(n.provenance()).isEqualTo(state.unreportedNodes().get(0).provenance());
    });
    assertThat(loaded.unreportedEdges()).singleElement().satisfies(e -> {
      assertThat(e.key()).isEqualTo(state.unreportedEdges().get(0).key());
      assertThat(e.provenance()).isEqualTo(state.unreportedEdges().get(0).provenance());
    });
  }

  @Test
  void a_save_of_changed_sources_keeps_the_others_and_drops_sources_no_longer_there() {
    GraphStore store = newStore();
    GraphState first = sampleState();
    store.save(first);
    GraphContribution catalog = new GraphContribution("catalog", T.plusSeconds(300),
        List.of(Node.of(NodeId.service("search"), Map.of(), Provenance.declared("catalog", T.plusSeconds(300), "s.yaml:1"))),
        List.of(), List.of(), List.of(), List.of(), List.of());
    GraphContribution traces = first.contributions().get(1);
    GraphState second = new GraphState(T.plusSeconds(301), List.of(catalog, traces), List.of(), List.of());
    store.save(second, java.util.Set.of("catalog"));
    assertThat(store.load()).contains(second);
    GraphState third = new GraphState(T.plusSeconds(302), List.of(catalog), List.of(), List.of());
    store.save(third, java.util.Set.of());
    assertThat(store.load()).contains(third);
  }

  @Test
  void a_large_contribution_comes_back_row_for_row() {
    // More rows than a store sends in one statement, and not a multiple of it: both paths are taken.
    Provenance shared = Provenance.observed("deploys", T, 1, "deploy-events");
    List<Deploy> deploys = new java.util.ArrayList<>();
    List<Node> nodes = new java.util.ArrayList<>();
    for (int i = 0; i < 2_345; i++) {
      Provenance own = i % 7 == 0 ? Provenance.observed("deploys", T.plusSeconds(i), 0.5, "event " + i) : shared;
      deploys.add(new Deploy(NodeId.service("svc-" + (i % 40)), T.minusSeconds(i), "production", "v" + i, own));
    }
    for (int i = 0; i < 1_001; i++) {
      nodes.add(Node.of(NodeId.service("svc-" + i), Map.of("n", Integer.toString(i)), shared));
    }
    GraphState state = new GraphState(T, List.of(new GraphContribution("deploys", T, nodes, List.of(), deploys,
        List.of(), List.of(), List.of())), List.of(), List.of());
    GraphStore store = newStore();
    store.save(state);
    GraphContribution loaded = store.load().orElseThrow().contributions().get(0);
    assertThat(loaded.deploys()).containsExactlyInAnyOrderElementsOf(deploys);
    assertThat(loaded.nodes()).containsExactlyInAnyOrderElementsOf(nodes);
  }

  @Test
  void a_save_replaces_the_whole_previous_state() {
    GraphStore store = newStore();
    store.save(sampleState());
    GraphState smaller = new GraphState(T.plusSeconds(120), List.of(GraphContribution.empty("catalog", T.plusSeconds(120))),
        List.of(), List.of());
    store.save(smaller);
    assertThat(store.load()).contains(smaller);
  }
}
