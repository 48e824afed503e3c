package dev.vigil.integrations.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.alert.AlertRule;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.Provenance;
import dev.vigil.graph.LiveContextGraph;
import dev.vigil.graph.NoisePolicy;
import dev.vigil.graph.alertrules.AlertRuleSource;
import dev.vigil.integrations.testing.BenchPayloads;
import dev.vigil.integrations.testing.ScriptedServer;
import dev.vigil.integrations.testing.TempDirs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alerting rules read from a real Prometheus (scripts/prometheus.sh) that loads kube-prometheus' own
 * rules: the eight PrometheusRule manifests of the shared bench payloads, whose {@code spec} is a plain
 * rule file, served by Prometheus' {@code /api/v1/rules} and turned into graph nodes and edges.
 */
class PrometheusAlertRulesIT {
  private static final Pattern ALERT = Pattern.compile("^\\s*- alert: (\\S+)\\s*$", Pattern.MULTILINE);
  private static ScriptedServer prometheus;
  private static Path workDir;
  /** The alert names as the manifests declare them, one per rule, read from the files' text. */
  private static final List<String> declared = new ArrayList<>();

  @BeforeAll
  static void startPrometheus() throws IOException {
    workDir = Files.createTempDirectory("vigil-alert-rules-it");
    Path manifests = BenchPayloads.benchData().resolve("payloads/prometheus-rules/kube-prometheus/manifests");
    try (var files = Files.list(manifests)) {
      for (Path manifest : files.filter(f -> f.toString().endsWith("-prometheusRule.yaml")).sorted().toList()) {
        String ruleFile = ruleFileOf(Files.readString(manifest));
        Matcher m = ALERT.matcher(ruleFile);
        while (m.find()) {
          declared.add(m.group(1));
        }
        Files.writeString(workDir.resolve(manifest.getFileName().toString().replace(".yaml", ".rules.yml")), ruleFile);
      }
    }
    Path config = Files.writeString(workDir.resolve("prometheus.yml"), "global:\n  evaluation_interval: 15s\n"
        + "rule_files:\n  - " + workDir.resolve("*.rules.yml") + "\n");
    prometheus = ScriptedServer.start("prometheus", "--config", config.toString());
  }

  /** A PrometheusRule's {@code spec}, un-indented: the plain rule file format the operator hands Prometheus. */
  static String ruleFileOf(String manifest) {
    int spec = manifest.indexOf("\nspec:\n");
    assertThat(spec).as("PrometheusRule has a spec").isPositive();
    StringBuilder out = new StringBuilder();
    for (String line : manifest.substring(spec + "\nspec:\n".length()).split("\n", -1)) {
      out.append(line.startsWith("  ") ? line.substring(2) : line).append('\n');
    }
    return out.toString();
  }

  @AfterAll
  static void stopPrometheus() throws IOException {
    if (prometheus != null) {
      prometheus.close();
    }
    TempDirs.delete(workDir);
  }

  static PrometheusAlertRuleReader reader(String url) {
    return new PrometheusAlertRuleReader("prom-it", new PrometheusClient(PrometheusConfig.of(URI.create(url)),
        HttpClient.newHttpClient(), Clock.systemUTC(), d -> { }));
  }

  static PrometheusAlertRuleReader reader() {
    return reader(prometheus.get("VIGIL_PROM_URL"));
  }

  @Test
  void every_alerting_rule_of_the_manifests_is_read_with_its_labels_annotations_group_and_file() throws Exception {
    List<AlertRule> rules = reader().alertRules();
    assertThat(declared).hasSize(139);
    assertThat(rules).extracting(AlertRule::name).containsExactlyInAnyOrderElementsOf(declared);
    AlertRule grafana = rules.stream().filter(r -> r.name().equals("GrafanaRequestsFailing")).findFirst().orElseThrow();
    assertThat(grafana.group()).isEqualTo("GrafanaAlerts");
    assertThat(grafana.file()).isEqualTo(workDir.resolve("grafana-prometheusRule.rules.yml").toString());
    assertThat(grafana.labels()).containsEntry("severity", "warning");
    assertThat(grafana.runbookUrl())
        .contains("https://runbooks.prometheus-operator.dev/runbooks/grafana/grafanarequestsfailing");
  }

  @Test
  void rules_become_alert_nodes_whose_runbook_the_graph_answers_before_they_fire() throws Exception {
    Instant now = Instant.now();
    GraphContribution c = new AlertRuleSource("rules", reader()).read(now);
    assertThat(c.problems()).isEmpty();
    List<Node> alerts = c.nodes().stream().filter(n -> n.id().kind() == NodeKind.ALERT_RULE).toList();
    assertThat(alerts).hasSize((int) declared.stream().distinct().count()).hasSize(125);
    // Every kube-prometheus rule names its runbook; four rules of one name are one node with one runbook.
    assertThat(c.edges()).filteredOn(e -> e.kind() == EdgeKind.DOCUMENTED_BY).hasSize(125);
    Node burn = alerts.stream().filter(n -> n.id().name().equals("KubeAPIErrorBudgetBurn")).findFirst().orElseThrow();
    assertThat(burn.attributes()).containsEntry("severity", "critical,warning");
    Provenance p = burn.provenance().get(0);
    assertThat(p.evidence()).isEqualTo(Provenance.Evidence.DECLARED);
    assertThat(p.detail()).isEqualTo("alerting rule KubeAPIErrorBudgetBurn in group kube-apiserver-slos ("
        + workDir.resolve("kubernetesControlPlane-prometheusRule.rules.yml") + ") of prom-it");

    LiveContextGraph graph = new LiveContextGraph(List.of(new AlertRuleSource("rules", reader())),
        Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(1), NoisePolicy.DEFAULT, Optional.empty());
    graph.refresh();
    assertThat(graph.runbookFor("Watchdog")).contains(
        NodeId.of(NodeKind.RUNBOOK, "https://runbooks.prometheus-operator.dev/runbooks/general/watchdog"));
    assertThat(graph.runbookFor("NoSuchAlert")).isEmpty();
    Edge documented = graph.edge(new Edge.Key(NodeId.of(NodeKind.ALERT_RULE, "Watchdog"), EdgeKind.DOCUMENTED_BY,
        NodeId.of(NodeKind.RUNBOOK, "https://runbooks.prometheus-operator.dev/runbooks/general/watchdog")))
        .orElseThrow();
    assertThat(documented.provenance()).extracting(Provenance::source).containsExactly("rules");
  }

  @Test
  void an_unreachable_prometheus_makes_the_source_unavailable() {
    assertThatThrownBy(() -> new AlertRuleSource("rules", reader("http://127.0.0.1:9/")).read(Instant.now()))
        .isInstanceOf(GraphSource.Unavailable.class).hasMessageContaining("alert rules of prom-it cannot be read");
  }
}
