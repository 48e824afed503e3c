package dev.vigil.graph;

import static dev.vigil.core.graph.EdgeKind.ALERTS_ON;
import static dev.vigil.core.graph.EdgeKind.CONSUMES_API;
import static dev.vigil.core.graph.EdgeKind.DEPENDS_ON;
import static dev.vigil.core.graph.EdgeKind.DEPLOYED_FROM;
import static dev.vigil.core.graph.EdgeKind.DOCUMENTED_BY;
import static dev.vigil.core.graph.EdgeKind.ON_CALL_FOR;
import static dev.vigil.core.graph.EdgeKind.OWNED_BY;
import static dev.vigil.core.graph.EdgeKind.PROVIDES_API;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.graph.AlertHistory;
import dev.vigil.core.graph.AlertNoise;
import dev.vigil.core.graph.ContextGraph.Direction;
import dev.vigil.core.graph.ContextGraph.Owner;
import dev.vigil.core.graph.ContextGraph.Reached;
import dev.vigil.core.graph.Deploy;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.OwnershipRule;
import dev.vigil.core.graph.Provenance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphSnapshotTest {
  static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
  static final Provenance CATALOG = Provenance.declared("catalog", T, "catalog-info.yaml:1");
  static final Provenance TRAFFIC = Provenance.observed("traces", T, 0.9, "traces_service_graph_request_total");

  static final NodeId WEB = NodeId.service("web");
  static final NodeId CHECKOUT = NodeId.service("checkout");
  static final NodeId PAYMENTS = NodeId.service("payments");
  static final NodeId LEDGER = NodeId.service("ledger");
  static final NodeId PAYMENTS_API = NodeId.of(NodeKind.API, "payments-api");
  static final NodeId DB = NodeId.of(NodeKind.RESOURCE, "payments-db");
  static final NodeId TEAM = NodeId.of(NodeKind.TEAM, "payments-team");
  static final NodeId ALICE = NodeId.of(NodeKind.PERSON, "alice");
  static final NodeId RUNBOOK = NodeId.of(NodeKind.RUNBOOK, "https://runbooks.example/payments");
  static final NodeId ALERT = NodeId.of(NodeKind.ALERT_RULE, "PaymentsLatencyHigh");

  final List<Node> nodes = new ArrayList<>();
  final List<Edge> edges = new ArrayList<>();
  final List<Deploy> deploys = new ArrayList<>();
  final List<AlertHistory> alerts = new ArrayList<>();
  final List<OwnershipRule> rules = new ArrayList<>();

  GraphSnapshotTest() {
    for (NodeId id : List.of(WEB, CHECKOUT, PAYMENTS, LEDGER, PAYMENTS_API, DB, TEAM, ALICE, RUNBOOK, ALERT)) {
      nodes.add(Node.of(id, Map.of(), CATALOG));
    }
    edge(WEB, DEPENDS_ON, CHECKOUT);
    edge(CHECKOUT, CONSUMES_API, PAYMENTS_API);
    edge(PAYMENTS, PROVIDES_API, PAYMENTS_API);
    edge(PAYMENTS, DEPENDS_ON, LEDGER);
    edge(PAYMENTS, DEPENDS_ON, DB);
    edge(PAYMENTS, OWNED_BY, TEAM);
    edge(ALICE, ON_CALL_FOR, TEAM);
    edge(PAYMENTS, DOCUMENTED_BY, RUNBOOK);
    edge(ALERT, ALERTS_ON, PAYMENTS);
    edge(PAYMENTS, DEPLOYED_FROM, NodeId.of(NodeKind.REPOSITORY_PATH, "services/payments/"));
    edge(LEDGER, DEPLOYED_FROM, NodeId.of(NodeKind.REPOSITORY_PATH, "services/payments/ledger"));
    edge(CHECKOUT, DEPLOYED_FROM, NodeId.of(NodeKind.REPOSITORY_PATH, "acme/shop:services/checkout"));
  }

  void edge(NodeId from, EdgeKind kind, NodeId to) {
    edges.add(Edge.of(from, kind, to, CATALOG));
  }

  GraphSnapshot snapshot() {
    return GraphSnapshot.of(T, NoisePolicy.DEFAULT, nodes, edges, deploys, alerts, rules, List.of());
  }

  @Test
  void a_path_belongs_to_the_service_with_the_longest_declared_prefix() {
    GraphSnapshot graph = snapshot();
    assertThat(graph.serviceForPath("services/payments/src/Main.java")).contains(PAYMENTS);
    assertThat(graph.serviceForPath("services/payments/ledger/src/Book.java")).contains(LEDGER);
    assertThat(graph.serviceForPath("/services/payments/ledger")).contains(LEDGER);
    assertThat(graph.serviceForPath("services/payments-old/x")).isEmpty();
    assertThat(graph.serviceForPath("acme/shop:services/checkout/pom.xml")).contains(CHECKOUT);
    assertThat(graph.serviceForPath("acme/shop:services/payments/pom.xml")).contains(PAYMENTS);
    assertThat(graph.serviceForPath("README.md")).isEmpty();
  }

  @Test
  void owners_of_a_service_are_its_catalog_owner_its_codeowners_and_who_is_on_call_for_its_team() {
    Provenance codeowners = Provenance.declared("codeowners", T, ".github/CODEOWNERS:3");
    rules.add(new OwnershipRule("*", List.of(NodeId.of(NodeKind.TEAM, "acme/everyone")), 1, codeowners));
    rules.add(new OwnershipRule("/services/payments/", List.of(NodeId.of(NodeKind.PERSON, "bob")), 3, codeowners));
    List<Owner> owners = snapshot().owners(PAYMENTS);
    assertThat(owners).extracting(Owner::who, Owner::role).containsExactly(
        org.assertj.core.groups.Tuple.tuple(TEAM, "owner"),
        org.assertj.core.groups.Tuple.tuple(NodeId.of(NodeKind.PERSON, "bob"), "codeowner"),
        org.assertj.core.groups.Tuple.tuple(ALICE, "on-call"));
    assertThat(owners.get(1).provenance().detail()).isEqualTo(".github/CODEOWNERS:3");
    // ledger's path is declared without a trailing slash; a folder rule still covers it.
    assertThat(snapshot().owners(LEDGER)).extracting(Owner::who).containsExactly(NodeId.of(NodeKind.PERSON, "bob"));
    assertThat(snapshot().owners(NodeId.service("unknown"))).isEmpty();
  }

  @Test
  void the_last_matching_codeowners_rule_decides_and_an_empty_one_disowns() {
    Provenance codeowners = Provenance.declared("codeowners", T, "CODEOWNERS");
    rules.add(new OwnershipRule("*", List.of(NodeId.of(NodeKind.TEAM, "acme/all")), 1, codeowners));
    rules.add(new OwnershipRule("docs/", List.of(NodeId.of(NodeKind.TEAM, "acme/docs")), 2, codeowners));
    rules.add(new OwnershipRule("docs/generated/", List.of(), 3, codeowners));
    GraphSnapshot graph = snapshot();
    assertThat(graph.ownersOfPath("src/a.go")).extracting(Owner::who).containsExactly(NodeId.of(NodeKind.TEAM, "acme/all"));
    assertThat(graph.ownersOfPath("docs/guide.md")).extracting(Owner::who).containsExactly(NodeId.of(NodeKind.TEAM, "acme/docs"));
    assertThat(graph.ownersOfPath("docs/generated/api.md")).isEmpty();
  }

  @Test
  void dependencies_follow_depends_on_and_consumed_apis_to_their_providers_hop_by_hop() {
    GraphSnapshot graph = snapshot();
    assertThat(graph.neighbours(WEB, Direction.DEPENDENCIES, 1)).containsExactly(new Reached(CHECKOUT, 1));
    assertThat(graph.neighbours(WEB, Direction.DEPENDENCIES, 3)).containsExactly(
        new Reached(CHECKOUT, 1), new Reached(PAYMENTS, 2), new Reached(LEDGER, 3), new Reached(DB, 3));
    assertThat(graph.neighbours(LEDGER, Direction.DEPENDENTS, 2)).containsExactly(
        new Reached(PAYMENTS, 1), new Reached(CHECKOUT, 2));
    assertThat(graph.neighbours(WEB, Direction.DEPENDENCIES, 0)).isEmpty();
  }

  @Test
  void recent_changes_are_the_deploys_of_the_service_and_its_neighbours_within_the_range_newest_first() {
    Provenance github = Provenance.observed("github", T, 1, "deployment 1");
    deploys.add(new Deploy(PAYMENTS, T.minus(Duration.ofHours(5)), "production", "v1", github));
    deploys.add(new Deploy(PAYMENTS, T.minus(Duration.ofHours(1)), "production", "v2", github));
    deploys.add(new Deploy(LEDGER, T.minus(Duration.ofMinutes(30)), "production", "l7", github));
    deploys.add(new Deploy(WEB, T.minus(Duration.ofMinutes(10)), "production", "w3", github));
    deploys.add(new Deploy(CHECKOUT, T.minus(Duration.ofMinutes(20)), "production", "c9", github));
    List<Deploy> changes = snapshot().recentChanges(PAYMENTS, 1, T.minus(Duration.ofHours(2)), T);
    assertThat(changes).extracting(Deploy::version).containsExactly("c9", "l7", "v2");
    assertThat(snapshot().recentChanges(PAYMENTS, 0, T.minus(Duration.ofDays(1)), T))
        .extracting(Deploy::version).containsExactly("v2", "v1");
  }

  @Test
  void an_alert_without_its_own_runbook_gets_the_runbook_of_the_service_it_alerts_on() {
    assertThat(snapshot().runbookFor("PaymentsLatencyHigh")).contains(RUNBOOK);
    NodeId own = NodeId.of(NodeKind.RUNBOOK, "https://runbooks.example/latency");
    edge(ALERT, DOCUMENTED_BY, own);
    assertThat(snapshot().runbookFor("PaymentsLatencyHigh")).contains(own);
    assertThat(snapshot().runbookFor("Unknown")).isEmpty();
  }

  @Test
  void an_alert_rarely_acted_on_or_flapping_is_noisy_and_one_that_fired_too_rarely_has_not_enough_data() {
    Provenance am = Provenance.observed("alertmanager", T, 1, "");
    Instant weekAgo = T.minus(Duration.ofDays(7));
    alerts.add(new AlertHistory("DiskFull", weekAgo, T, 40, 1, 3, am));
    alerts.add(new AlertHistory("Flappy", weekAgo, T, 20, 10, 12, am));
    alerts.add(new AlertHistory("PaymentsLatencyHigh", weekAgo, T, 8, 6, 0, am));
    alerts.add(new AlertHistory("Rare", weekAgo, T, 2, 0, 0, am));
    GraphSnapshot graph = snapshot();
    assertThat(graph.noise("DiskFull").verdict()).isEqualTo(AlertNoise.Verdict.NOISY);
    assertThat(graph.noise("DiskFull").actedOnRatio()).hasValue(1.0 / 40);
    assertThat(graph.noise("DiskFull").reason()).contains("fired 40 times", "acted on 1 (3%)");
    assertThat(graph.noise("Flappy").verdict()).isEqualTo(AlertNoise.Verdict.NOISY);
    assertThat(graph.noise("PaymentsLatencyHigh").verdict()).isEqualTo(AlertNoise.Verdict.SIGNAL);
    assertThat(graph.noise("Rare").verdict()).isEqualTo(AlertNoise.Verdict.NOT_ENOUGH_DATA);
    assertThat(graph.noise("Never").verdict()).isEqualTo(AlertNoise.Verdict.NOT_ENOUGH_DATA);
  }

  @Test
  void without_acted_on_counts_only_flapping_makes_an_alert_noisy_and_the_rest_is_not_judged() {
    Provenance am = Provenance.observed("alertmanager-events", T, 1, "");
    Instant weekAgo = T.minus(Duration.ofDays(7));
    alerts.add(new AlertHistory("Flappy", weekAgo, T, 12, java.util.OptionalInt.empty(), 9, am));
    alerts.add(new AlertHistory("Steady", weekAgo, T, 12, java.util.OptionalInt.empty(), 1, am));
    GraphSnapshot graph = snapshot();
    assertThat(graph.noise("Flappy").verdict()).isEqualTo(AlertNoise.Verdict.NOISY);
    assertThat(graph.noise("Flappy").actedOnRatio()).isEmpty();
    assertThat(graph.noise("Flappy").reason()).contains("acted on: unknown to alertmanager-events", "flapped 9 (75%)");
    assertThat(graph.noise("Steady").verdict()).isEqualTo(AlertNoise.Verdict.NOT_ENOUGH_DATA);
    assertThat(graph.noise("Steady").reason()).contains("whether anyone acts on it is unknown");
  }

  @Test
  void declared_dependencies_unseen_in_traffic_and_observed_ones_never_declared_are_reported() {
    edges.removeIf(e -> e.from().equals(WEB) && e.provenance().equals(List.of(CATALOG)));
    edges.add(new Edge(WEB, DEPENDS_ON, CHECKOUT, List.of(CATALOG, TRAFFIC), false));
    edges.add(Edge.of(WEB, DEPENDS_ON, NodeId.service("recommendations"), TRAFFIC));
    edges.add(Edge.of(WEB, DEPENDS_ON, NodeId.service("legacy-search"), CATALOG));
    var conflicts = snapshot().conflicts();
    assertThat(conflicts.observedNotDeclared()).extracting(Edge::to).containsExactly(NodeId.service("recommendations"));
    // payments' declared dependencies are not reported: no traffic source sees payments as a client.
    assertThat(conflicts.declaredNotObserved()).extracting(Edge::to).containsExactly(NodeId.service("legacy-search"));
  }

  @Test
  void an_edge_explains_itself_with_the_provenance_of_every_source() {
    edges.add(new Edge(CHECKOUT, DEPENDS_ON, PAYMENTS, List.of(CATALOG, TRAFFIC), false));
    Edge edge = snapshot().edge(new Edge.Key(CHECKOUT, DEPENDS_ON, PAYMENTS)).orElseThrow();
    assertThat(edge.provenance()).extracting(Provenance::source).containsExactly("catalog", "traces");
    assertThat(edge.declared()).isTrue();
    assertThat(edge.observed()).isTrue();
    assertThat(snapshot().edge(new Edge.Key(PAYMENTS, DEPENDS_ON, CHECKOUT))).isEmpty();
  }
}
