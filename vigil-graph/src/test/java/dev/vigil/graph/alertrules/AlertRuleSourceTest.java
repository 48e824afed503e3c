package dev.vigil.graph.alertrules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.vigil.core.alert.AlertRule;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.SourceProblem;
import dev.vigil.core.port.AlertRuleReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rules as a reader hands them over; the real Prometheus path is PrometheusAlertRulesIT and ShopContextGraphIT. */
class AlertRuleSourceTest {
  private static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");

  static AlertRuleReader holding(AlertRule... rules) {
    return new AlertRuleReader() {
      @Override
      public String integration() {
        return "prom-test";
      }

      @Override
      public List<AlertRule> alertRules() {
        return List.of(rules);
      }
    };
  }

  @Test
  void one_alert_name_on_two_services_is_one_node_alerting_on_both() throws Exception {
    GraphContribution c = new AlertRuleSource("rules", holding(
        new AlertRule("HighErrorRatio", Map.of("service", "Checkout", "severity", "page"), Map.of(), "golden", "a.yml"),
        new AlertRule("HighErrorRatio", Map.of("service", "payments", "severity", "ticket"), Map.of(), "golden", "b.yml")))
        .read(NOW);
    assertThat(c.edges()).extracting(Edge::kind, Edge::to).containsExactly(
        tuple(EdgeKind.ALERTS_ON, NodeId.service("checkout")), tuple(EdgeKind.ALERTS_ON, NodeId.service("payments")));
    assertThat(c.nodes()).as("a rule's label does not declare a service").extracting(n -> n.id().kind())
        .containsOnly(NodeKind.ALERT_RULE);
    assertThat(c.nodes()).filteredOn(n -> n.id().equals(NodeId.parse("alert:HighErrorRatio"))).singleElement()
        .satisfies(n -> {
          assertThat(n.attributes()).containsEntry("severity", "page,ticket");
          assertThat(n.provenance().get(0).detail())
              .isEqualTo("alerting rule HighErrorRatio in group golden (a.yml); group golden (b.yml) of prom-test");
        });
  }

  @Test
  void a_templated_runbook_url_is_a_problem_not_a_runbook() throws Exception {
    GraphContribution c = new AlertRuleSource("rules", holding(new AlertRule("TargetDown", Map.of(),
        Map.of("runbook_url", "https://runbooks.example/{{ $labels.job }}"), "targets", "")))
        .read(NOW);
    assertThat(c.edges()).isEmpty();
    assertThat(c.problems()).extracting(SourceProblem::location, SourceProblem::message).containsExactly(tuple(
        "group targets", "runbook_url of TargetDown is a template (https://runbooks.example/{{ $labels.job }});"
            + " it cannot be linked before an alert expands it"));
  }
}
