package dev.vigil.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.graph.ContextGraph;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.graph.SourceFiles;
import dev.vigil.core.testing.MutableClock;
import dev.vigil.graph.codeowners.CodeownersSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A team named by the catalog's owner shorthand and by its GitHub name is one node. */
class TeamAliasesTest {
  static final NodeId CHECKOUT = NodeId.service("checkout");
  static final NodeId SHORT = NodeId.of(NodeKind.TEAM, "payments-team");
  static final NodeId GITHUB = NodeId.of(NodeKind.TEAM, "acme/payments-team");
  static final NodeId NAMESPACED = NodeId.of(NodeKind.TEAM, "ops/payments-team");
  final MutableClock clock = MutableClock.at("2026-11-20T10:00:00Z");
  final LiveContextGraphTest.MemoryGraphStore store = new LiveContextGraphTest.MemoryGraphStore();

  /** What a catalog says: checkout at services/checkout, owned by group:payments-team, a team in namespace ops. */
  static final GraphSource CATALOG = new GraphSource() {
    @Override
    public String name() {
      return "catalog";
    }

    @Override
    public GraphContribution read(Instant now) {
      Provenance p = Provenance.declared("catalog", now, "services/checkout/catalog-info.yaml:1");
      return new GraphContribution("catalog", now,
          List.of(Node.of(CHECKOUT, Map.of(), p), Node.of(SHORT, Map.of("description", "Payments"), p),
              Node.of(NAMESPACED, Map.of(), p)),
          List.of(Edge.of(CHECKOUT, EdgeKind.OWNED_BY, SHORT, p),
              Edge.of(CHECKOUT, EdgeKind.DEPLOYED_FROM, NodeId.of(NodeKind.REPOSITORY_PATH, "services/checkout"), p)),
          List.of(), List.of(), List.of(), List.of());
    }
  };

  /** The real CODEOWNERS parser on a file naming the team by its GitHub name. */
  static final GraphSource CODEOWNERS = new GraphSource() {
    @Override
    public String name() {
      return "codeowners";
    }

    @Override
    public GraphContribution read(Instant now) {
      return CodeownersSource.parse("codeowners", new SourceFiles.SourceFile(".github/CODEOWNERS",
          "/services/checkout/ @acme/payments-team\n"), now);
    }
  };

  LiveContextGraph graph() {
    return new LiveContextGraph(List.of(CATALOG, CODEOWNERS), clock, Duration.ofHours(1), NoisePolicy.DEFAULT,
        Optional.of(store));
  }

  @Test
  void the_github_name_and_the_catalog_shorthand_are_one_team_with_both_names_and_both_provenances() {
    LiveContextGraph graph = graph();
    graph.refresh();

    assertThat(graph.nodes(NodeKind.TEAM)).extracting(Node::id).containsExactly(NAMESPACED, SHORT)
        .as("a team in a catalog namespace is not a GitHub name: it stays apart")
        .doesNotContain(GITHUB);
    Node team = graph.node(SHORT).orElseThrow();
    assertThat(team.attributes()).containsEntry("aliases", "payments-team,acme/payments-team")
        .containsEntry("description", "Payments");
    assertThat(team.provenance()).extracting(Provenance::source, Provenance::detail).containsExactly(
        org.assertj.core.groups.Tuple.tuple("catalog", "services/checkout/catalog-info.yaml:1"),
        org.assertj.core.groups.Tuple.tuple("codeowners", ".github/CODEOWNERS:1"));
    assertThat(graph.node(GITHUB)).as("asked by its other name").contains(team);
    assertThat(graph.edgesTo(GITHUB)).extracting(Edge::from).containsExactly(CHECKOUT);

    List<ContextGraph.Owner> owners = graph.owners(CHECKOUT);
    assertThat(owners).extracting(ContextGraph.Owner::role, ContextGraph.Owner::who).containsExactly(
        org.assertj.core.groups.Tuple.tuple("owner", SHORT), org.assertj.core.groups.Tuple.tuple("codeowner", SHORT));
    assertThat(graph.ownersOfPath("services/checkout/Main.java")).extracting(ContextGraph.Owner::who)
        .containsExactly(SHORT);
  }

  @Test
  void the_merge_survives_a_restart_and_a_later_refresh_does_not_bring_back_the_alias_as_a_stale_team() {
    graph().refresh();
    LiveContextGraph restarted = graph();
    restarted.restore();
    assertThat(restarted.nodes(NodeKind.TEAM)).extracting(Node::id).containsExactly(NAMESPACED, SHORT);
    clock.advance(Duration.ofHours(2));
    restarted.refresh();
    assertThat(restarted.nodes(NodeKind.TEAM)).extracting(Node::id, Node::stale).containsExactly(
        org.assertj.core.groups.Tuple.tuple(NAMESPACED, false), org.assertj.core.groups.Tuple.tuple(SHORT, false));
  }

  @Test
  void without_a_catalog_team_of_that_name_the_github_team_stays_as_it_is() {
    LiveContextGraph graph = new LiveContextGraph(List.of(CODEOWNERS), clock, Duration.ofHours(1), NoisePolicy.DEFAULT,
        Optional.empty());
    graph.refresh();
    assertThat(graph.nodes(NodeKind.TEAM)).extracting(Node::id).containsExactly(GITHUB);
    assertThat(graph.node(GITHUB).orElseThrow().attributes()).doesNotContainKey("aliases");
  }
}
