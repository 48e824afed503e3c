package dev.vigil.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.GraphState;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.port.GraphStore;
import dev.vigil.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LiveContextGraphTest {
  static final NodeId CHECKOUT = NodeId.service("checkout");
  static final NodeId PAYMENTS = NodeId.service("payments");
  static final NodeId LEGACY = NodeId.service("legacy");
  final MutableClock clock = MutableClock.at("2026-11-20T10:00:00Z");

  /** A source whose answer the test sets: a list of services and depends-on pairs, or a failure. */
  static final class ScriptedSource implements GraphSource {
    final String name;
    final Provenance.Evidence evidence;
    List<NodeId> services = List.of();
    List<NodeId[]> dependencies = List.of();
    String failure;
    int reads;

    ScriptedSource(String name, Provenance.Evidence evidence) {
      this.name = name;
      this.evidence = evidence;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public GraphContribution read(Instant now) throws Unavailable {
      reads++;
      if (failure != null) {
        throw new Unavailable(failure);
      }
      Provenance p = new Provenance(name, evidence, now, evidence == Provenance.Evidence.DECLARED ? 1 : 0.8, name + "-detail");
      List<Node> nodes = services.stream().map(s -> Node.of(s, Map.of("from", name), p)).toList();
      List<Edge> edges = new ArrayList<>();
      for (NodeId[] d : dependencies) {
        edges.add(Edge.of(d[0], EdgeKind.DEPENDS_ON, d[1], p));
      }
      return new GraphContribution(name, now, nodes, edges, List.of(), List.of(), List.of(), List.of());
    }
  }

  /** The in-memory store these tests use; {@link MemoryGraphStoreTest} holds it to the contract. */
  static final class MemoryGraphStore implements GraphStore {
    final AtomicReference<GraphState> saved = new AtomicReference<>();

    @Override
    public void save(GraphState state) {
      saved.set(state);
    }

    @Override
    public Optional<GraphState> load() {
      return Optional.ofNullable(saved.get());
    }
  }

  final ScriptedSource catalog = new ScriptedSource("catalog", Provenance.Evidence.DECLARED);
  final ScriptedSource traces = new ScriptedSource("traces", Provenance.Evidence.OBSERVED);
  final MemoryGraphStore store = new MemoryGraphStore();

  LiveContextGraph graph() {
    return new LiveContextGraph(List.of(catalog, traces), clock, Duration.ofHours(1), NoisePolicy.DEFAULT, Optional.of(store));
  }

  @Test
  void a_fact_reported_by_two_sources_keeps_the_provenance_of_both() {
    catalog.services = List.of(CHECKOUT, PAYMENTS);
    catalog.dependencies = List.<NodeId[]>of(new NodeId[] {CHECKOUT, PAYMENTS});
    traces.dependencies = List.<NodeId[]>of(new NodeId[] {CHECKOUT, PAYMENTS}, new NodeId[] {CHECKOUT, LEGACY});
    LiveContextGraph graph = graph();
    graph.refresh();
    Edge edge = graph.edge(new Edge.Key(CHECKOUT, EdgeKind.DEPENDS_ON, PAYMENTS)).orElseThrow();
    assertThat(edge.provenance()).extracting(Provenance::source, Provenance::evidence).containsExactly(
        org.assertj.core.groups.Tuple.tuple("catalog", Provenance.Evidence.DECLARED),
        org.assertj.core.groups.Tuple.tuple("traces", Provenance.Evidence.OBSERVED));
    // legacy is only named by an edge: it exists, with the edge's provenance.
    assertThat(graph.node(LEGACY).orElseThrow().provenance()).extracting(Provenance::source).containsExactly("traces");
    assertThat(graph.conflicts().observedNotDeclared()).extracting(Edge::to).containsExactly(LEGACY);
  }

  @Test
  void a_failing_source_keeps_its_last_good_contribution_and_says_so() {
    catalog.services = List.of(CHECKOUT, PAYMENTS);
    LiveContextGraph graph = graph();
    graph.refresh();
    catalog.failure = "clone of git@example.com:acme/catalog timed out";
    clock.advance(Duration.ofMinutes(5));
    LiveContextGraph.RefreshReport report = graph.refresh();
    assertThat(report.failed()).containsOnlyKeys("catalog");
    assertThat(graph.nodes(NodeKind.SERVICE)).extracting(Node::id).containsExactly(CHECKOUT, PAYMENTS);
    assertThat(graph.node(CHECKOUT).orElseThrow().stale()).isFalse();
    assertThat(graph.sourceStatus()).extracting(LiveContextGraph.SourceStatus::name,
        LiveContextGraph.SourceStatus::lastGoodRead, LiveContextGraph.SourceStatus::nodes).containsExactly(
        org.assertj.core.groups.Tuple.tuple("catalog", Optional.of(Instant.parse("2026-11-20T10:00:00Z")), 2),
        org.assertj.core.groups.Tuple.tuple("traces", Optional.of(Instant.parse("2026-11-20T10:05:00Z")), 0));
    assertThat(graph.sourceStatus().get(0).failing()).hasValueSatisfying(m -> assertThat(m).contains("timed out"));
    assertThat(graph.sourceStatus().get(1).failing()).isEmpty();
    assertThat(graph.problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo("catalog");
      assertThat(p.message()).contains("keeping its last good contribution of 2026-11-20T10:00:00Z", "timed out");
    });
    // An hour after the last good read nobody has seen them: stale, still there.
    clock.advance(Duration.ofMinutes(56));
    graph.refresh();
    assertThat(graph.node(CHECKOUT).orElseThrow().stale()).isTrue();
    catalog.failure = null;
    graph.refresh();
    assertThat(graph.node(CHECKOUT).orElseThrow().stale()).isFalse();
    assertThat(graph.problems()).isEmpty();
  }

  @Test
  void a_removed_entry_stays_with_its_last_sighting_and_turns_stale_after_the_configured_time() {
    catalog.services = List.of(CHECKOUT, PAYMENTS);
    catalog.dependencies = List.<NodeId[]>of(new NodeId[] {CHECKOUT, PAYMENTS});
    LiveContextGraph graph = graph();
    graph.refresh();
    catalog.services = List.of(CHECKOUT);
    catalog.dependencies = List.of();
    clock.advance(Duration.ofMinutes(30));
    graph.refresh();
    Node payments = graph.node(PAYMENTS).orElseThrow();
    assertThat(payments.stale()).isFalse();
    assertThat(payments.lastSeen()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    clock.advance(Duration.ofMinutes(31));
    graph.refresh();
    assertThat(graph.node(PAYMENTS).orElseThrow().stale()).isTrue();
    assertThat(graph.edge(new Edge.Key(CHECKOUT, EdgeKind.DEPENDS_ON, PAYMENTS)).orElseThrow().stale()).isTrue();
    assertThat(graph.node(CHECKOUT).orElseThrow().stale()).isFalse();
  }

  @Test
  void a_restart_restores_the_saved_graph_before_any_source_is_read() {
    catalog.services = List.of(CHECKOUT, PAYMENTS);
    graph().refresh();
    catalog.services = List.of(CHECKOUT);
    LiveContextGraph first = graph();
    first.restore();
    clock.advance(Duration.ofMinutes(2));
    first.refresh();

    LiveContextGraph restarted = graph();
    int readsBefore = catalog.reads;
    restarted.restore();
    assertThat(catalog.reads).isEqualTo(readsBefore);
    assertThat(restarted.nodes(NodeKind.SERVICE)).extracting(Node::id).containsExactly(CHECKOUT, PAYMENTS);
    assertThat(restarted.node(PAYMENTS).orElseThrow().lastSeen()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    assertThat(restarted.node(CHECKOUT).orElseThrow().lastSeen()).isEqualTo(Instant.parse("2026-11-20T10:02:00Z"));
  }

  @Test
  void one_source_can_be_refreshed_alone_and_unknown_names_are_refused() {
    catalog.services = List.of(CHECKOUT);
    LiveContextGraph graph = graph();
    graph.refreshSource("catalog");
    assertThat(catalog.reads).isEqualTo(1);
    assertThat(traces.reads).isZero();
    assertThatThrownBy(() -> graph.refreshSource("nope")).hasMessageContaining("configured: [catalog, traces]");
    assertThatThrownBy(() -> new LiveContextGraph(List.of(catalog, catalog), clock, Duration.ofHours(1),
        NoisePolicy.DEFAULT, Optional.empty())).hasMessageContaining("two graph sources are named 'catalog'");
  }
}
