package dev.vigil.graph.people;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.GraphFact;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.port.GraphFactStore;
import dev.vigil.core.testing.GraphFactStoreContract;
import dev.vigil.core.testing.MutableClock;
import dev.vigil.graph.GraphExport;
import dev.vigil.graph.LiveContextGraph;
import dev.vigil.graph.NoisePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PeopleSourceTest {
  static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
  static final NodeId CHECKOUT = NodeId.service("checkout");
  static final NodeId FRAUD = NodeId.service("fraud-check");

  /** An in-memory fact store, held to the same contract as the JDBC one. */
  static final class MemoryGraphFactStore implements GraphFactStore {
    final List<GraphFact> facts = new CopyOnWriteArrayList<>();

    @Override
    public void add(GraphFact fact) {
      if (facts.stream().anyMatch(f -> f.id().equals(fact.id()))) {
        throw new IllegalStateException("fact " + fact.id() + " exists");
      }
      facts.add(fact);
    }

    @Override
    public List<GraphFact> list() {
      List<GraphFact> sorted = new ArrayList<>(facts);
      sorted.sort(Comparator.comparing(GraphFact::toldAt).thenComparing(GraphFact::id));
      return sorted;
    }

    @Override
    public boolean delete(String id) {
      return facts.removeIf(f -> f.id().equals(id));
    }
  }

  @Nested
  class MemoryStore extends GraphFactStoreContract {
    MemoryGraphFactStore last;

    @Override
    protected GraphFactStore newStore() {
      last = new MemoryGraphFactStore();
      return last;
    }

    @Override
    protected GraphFactStore sameStorageAgain() {
      return last;
    }
  }

  @Test
  void a_told_relation_joins_what_the_catalog_declared_and_its_explanation_names_who_and_when() {
    MemoryGraphFactStore store = new MemoryGraphFactStore();
    MutableClock clock = new MutableClock(T);
    LiveContextGraph graph = new LiveContextGraph(List.of(new PeopleSource(store)), clock, Duration.ofHours(1),
        NoisePolicy.DEFAULT, Optional.empty());
    store.add(new GraphFact("f-1", CHECKOUT, Optional.of(EdgeKind.DEPENDS_ON), Optional.of(FRAUD),
        "calls it since 3.2", "alice", T.minusSeconds(3600)));
    store.add(new GraphFact("f-2", CHECKOUT, Optional.of(EdgeKind.DEPENDS_ON), Optional.of(FRAUD), "",
        "bob", T.minusSeconds(60)));
    store.add(new GraphFact("f-3", NodeId.of(NodeKind.RESOURCE, "legacy-db"), Optional.empty(), Optional.empty(),
        "read-only since March", "carol", T.minusSeconds(30)));
    graph.refresh();

    Edge edge = graph.edge(new Edge.Key(CHECKOUT, EdgeKind.DEPENDS_ON, FRAUD)).orElseThrow();
    assertThat(edge.provenance()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo("people");
      assertThat(p.evidence()).isEqualTo(Provenance.Evidence.DECLARED);
      assertThat(p.detail()).isEqualTo("told by alice at 2026-11-20T09:00:00Z: calls it since 3.2 (fact f-1);"
          + " told by bob at 2026-11-20T09:59:00Z (fact f-2)");
    });
    assertThat(GraphExport.explain(edge, T)).contains("people", "told by alice at 2026-11-20T09:00:00Z");
    assertThat(graph.node(NodeId.of(NodeKind.RESOURCE, "legacy-db")).orElseThrow().attributes())
        .containsEntry("note", "read-only since March");

    store.delete("f-1");
    store.delete("f-2");
    clock.advance(Duration.ofMinutes(2));
    graph.refreshSource("people");
    assertThat(graph.edge(new Edge.Key(CHECKOUT, EdgeKind.DEPENDS_ON, FRAUD)))
        .as("withdrawn by people: gone at once, not kept to turn stale").isEmpty();
    assertThat(graph.node(FRAUD)).isEmpty();
    assertThat(graph.node(NodeId.of(NodeKind.RESOURCE, "legacy-db"))).isPresent();
  }
}
