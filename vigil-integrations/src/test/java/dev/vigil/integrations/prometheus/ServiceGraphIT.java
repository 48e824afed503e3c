package dev.vigil.integrations.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.Provenance;
import dev.vigil.graph.LiveContextGraph;
import dev.vigil.graph.NoisePolicy;
import dev.vigil.graph.servicegraph.ServiceGraphSource;
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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Observed dependencies from service-graph metrics in a real Prometheus (scripts/prometheus.sh, two
 * hours of {@code traces_service_graph_request_total} backfilled with promtool), merged with declared
 * ones into a live graph.
 */
class ServiceGraphIT {
  private static ScriptedServer prometheus;
  private static Instant end;
  private static Path workDir;

  /** Requests per minute per client/server pair; legacy's counter stands still. */
  static final List<String[]> PAIRS = List.of(
      new String[] {"web", "checkout", "", "100"},
      new String[] {"checkout", "payments", "", "50"},
      new String[] {"payments", "payments-db", "database", "30"},
      new String[] {"checkout", "events", "messaging_system", "20"},
      new String[] {"checkout", "recommendations", "", "5"},
      new String[] {"legacy", "checkout", "", "0"});

  /** Istio's labels: source workload, destination workload, response code, requests per minute. */
  static final List<String[]> ISTIO = List.of(
      new String[] {"unknown", "productpage-v1", "200", "60"},
      new String[] {"productpage-v1", "reviews-v2", "200", "40"},
      new String[] {"productpage-v1", "reviews-v2", "503", "2"},
      new String[] {"reviews-v2", "ratings-v1", "200", "30"});

  @BeforeAll
  static void startPrometheus() throws IOException {
    workDir = Files.createTempDirectory("vigil-servicegraph-it");
    end = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
    StringBuilder om = new StringBuilder("# TYPE traces_service_graph_request counter\n");
    for (String[] pair : PAIRS) {
      String labels = "client=\"" + pair[0] + "\",server=\"" + pair[1] + "\""
          + (pair[2].isEmpty() ? "" : ",connection_type=\"" + pair[2] + "\"");
      for (long i = 0; i <= 120; i++) {
        om.append("traces_service_graph_request_total{").append(labels).append("} ")
            .append(i * Long.parseLong(pair[3]) + 7).append(' ')
            .append(end.minus(Duration.ofMinutes(120 - i)).getEpochSecond()).append('\n');
      }
    }
    // A mesh's request counter: one series per response code, and callers outside the mesh as "unknown".
    om.append("# TYPE istio_requests counter\n");
    for (String[] series : ISTIO) {
      for (long i = 0; i <= 120; i++) {
        om.append("istio_requests_total{source_workload=\"").append(series[0]).append("\",destination_workload=\"")
            .append(series[1]).append("\",response_code=\"").append(series[2]).append("\"} ")
            .append(i * Long.parseLong(series[3])).append(' ')
            .append(end.minus(Duration.ofMinutes(120 - i)).getEpochSecond()).append('\n');
      }
    }
    Path fixture = Files.writeString(workDir.resolve("servicegraph.om.txt"), om.append("# EOF\n"));
    prometheus = ScriptedServer.start("prometheus", "--openmetrics", fixture.toString());
  }

  @AfterAll
  static void stopPrometheus() throws IOException {
    if (prometheus != null) {
      prometheus.close();
    }
    TempDirs.delete(workDir);
  }

  static PrometheusMetricSource metrics() {
    PrometheusClient client = new PrometheusClient(PrometheusConfig.of(URI.create(prometheus.get("VIGIL_PROM_URL"))),
        HttpClient.newHttpClient(), Clock.systemUTC(), d -> { });
    return new PrometheusMetricSource("prom-it", client);
  }

  static ServiceGraphSource source() {
    return new ServiceGraphSource("traces", metrics(), Duration.ofHours(1));
  }

  static NodeId id(String text) {
    return NodeId.parse(text);
  }

  @Test
  void pairs_with_traffic_become_observed_dependencies_typed_by_connection_and_weighted_by_volume() throws Exception {
    GraphContribution c = source().read(end);
    assertThat(c.problems()).isEmpty();
    assertThat(c.edges()).extracting(Edge::from, Edge::to).containsExactlyInAnyOrder(
        tuple(id("service:web"), id("service:checkout")),
        tuple(id("service:checkout"), id("service:payments")),
        tuple(id("service:payments"), id("resource:payments-db")),
        tuple(id("service:checkout"), id("queue:events")),
        tuple(id("service:checkout"), id("service:recommendations")));
    Edge web = c.edges().stream().filter(e -> e.from().equals(id("service:web"))).findFirst().orElseThrow();
    Provenance p = web.provenance().get(0);
    assertThat(p.evidence()).isEqualTo(Provenance.Evidence.OBSERVED);
    assertThat(p.detail()).isEqualTo(
        "traces_service_graph_request_total{client=\"web\",server=\"checkout\"}: 6000 requests in PT1H");
    Edge recommendations = c.edges().stream().filter(e -> e.to().equals(id("service:recommendations"))).findFirst()
        .orElseThrow();
    assertThat(recommendations.provenance().get(0).confidence()).isLessThan(p.confidence()).isGreaterThan(0.9);
  }

  @Test
  void merged_with_a_catalog_the_graph_reports_what_was_declared_but_never_observed_and_the_reverse() {
    Instant declaredAt = end;
    Provenance declared = Provenance.declared("catalog", declaredAt, "services/checkout/catalog-info.yaml:9");
    GraphSource catalog = new GraphSource() {
      @Override
      public String name() {
        return "catalog";
      }

      @Override
      public GraphContribution read(Instant now) {
        return new GraphContribution("catalog", now,
            List.of(Node.of(id("service:checkout"), Map.of(), declared), Node.of(id("service:web"), Map.of(), declared)),
            List.of(Edge.of(id("service:web"), EdgeKind.DEPENDS_ON, id("service:checkout"), declared),
                Edge.of(id("service:checkout"), EdgeKind.DEPENDS_ON, id("service:payments"), declared),
                Edge.of(id("service:checkout"), EdgeKind.DEPENDS_ON, id("service:legacy-search"), declared),
                Edge.of(id("service:payments"), EdgeKind.DEPENDS_ON, id("resource:payments-db"), declared)),
            List.of(), List.of(), List.of(), List.of());
      }
    };
    LiveContextGraph graph = new LiveContextGraph(List.of(catalog, source()), Clock.fixed(end, ZoneOffset.UTC),
        Duration.ofHours(1), NoisePolicy.DEFAULT, Optional.empty());
    graph.refresh();
    Edge both = graph.edge(new Edge.Key(id("service:checkout"), EdgeKind.DEPENDS_ON, id("service:payments"))).orElseThrow();
    assertThat(both.provenance()).extracting(Provenance::source).containsExactly("catalog", "traces");
    assertThat(graph.conflicts().declaredNotObserved()).extracting(Edge::to).containsExactly(id("service:legacy-search"));
    assertThat(graph.conflicts().observedNotDeclared()).extracting(Edge::to)
        .containsExactlyInAnyOrder(id("queue:events"), id("service:recommendations"));
  }

  @Test
  void a_mesh_request_counter_with_its_own_client_and_server_labels_gives_the_same_observed_dependencies()
      throws Exception {
    ServiceGraphSource mesh = new ServiceGraphSource("mesh", metrics(),
        ServiceGraphSource.RequestMetric.of("istio_requests_total", "source_workload", "destination_workload"),
        Duration.ofHours(1));
    assertThat(mesh.query()).isEqualTo(
        "sum by (source_workload, destination_workload) (increase(istio_requests_total[3600s]))");
    GraphContribution c = mesh.read(end);
    assertThat(c.problems()).isEmpty();
    // Callers outside the mesh ("unknown") are no service; response codes of one pair add up.
    assertThat(c.edges()).extracting(Edge::from, Edge::to).containsExactlyInAnyOrder(
        tuple(id("service:productpage-v1"), id("service:reviews-v2")),
        tuple(id("service:reviews-v2"), id("service:ratings-v1")));
    Edge reviews = c.edges().stream().filter(e -> e.to().equals(id("service:reviews-v2"))).findFirst().orElseThrow();
    assertThat(reviews.provenance().getFirst().detail()).isEqualTo("istio_requests_total{"
        + "source_workload=\"productpage-v1\",destination_workload=\"reviews-v2\"}: 2520 requests in PT1H");
  }

  @Test
  void an_unreachable_store_makes_the_source_unavailable() {
    PrometheusClient client = new PrometheusClient(PrometheusConfig.of(URI.create("http://127.0.0.1:9/")),
        HttpClient.newHttpClient(), Clock.systemUTC(), d -> { });
    ServiceGraphSource down = new ServiceGraphSource("traces", new PrometheusMetricSource("prom-down", client),
        Duration.ofHours(1));
    assertThatThrownBy(() -> down.read(end)).isInstanceOf(GraphSource.Unavailable.class)
        .hasMessageContaining("service-graph query on prom-down failed");
  }
}
