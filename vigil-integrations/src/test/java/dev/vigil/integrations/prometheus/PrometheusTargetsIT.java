package dev.vigil.integrations.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.graph.SourceProblem;
import dev.vigil.core.metrics.QueryResult;
import dev.vigil.graph.targets.TargetSource;
import dev.vigil.integrations.testing.ScriptedServer;
import dev.vigil.integrations.testing.TempDirs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which services exist where, from the {@code up} series of a real Prometheus (scripts/prometheus.sh)
 * scraping real endpoints every second: two exporters answering and one address nobody listens on,
 * in three jobs, with and without a {@code service} target label.
 */
class PrometheusTargetsIT {
  private static HttpServer checkout;
  private static HttpServer payments;
  private static int closedPort;
  private static ScriptedServer prometheus;
  private static Path workDir;
  private static PrometheusMetricSource metrics;

  @BeforeAll
  static void start() throws Exception {
    checkout = exporter();
    payments = exporter();
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    workDir = Files.createTempDirectory("vigil-targets-it");
    Path config = Files.writeString(workDir.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: shop-api
            static_configs:
              - targets: ['127.0.0.1:%d']
                labels: {service: checkout}
              - targets: ['127.0.0.1:%d']
                labels: {service: Payments}
          - job_name: shop-workers
            static_configs:
              - targets: ['127.0.0.1:%d']
                labels: {service: checkout}
          - job_name: node
            static_configs:
              - targets: ['127.0.0.1:%d']
        """.formatted(checkout.getAddress().getPort(), payments.getAddress().getPort(), closedPort,
        checkout.getAddress().getPort()));
    prometheus = ScriptedServer.start("prometheus", "--config", config.toString());
    metrics = new PrometheusMetricSource("prom-it", new PrometheusClient(PrometheusConfig.of(
        URI.create(prometheus.get("VIGIL_PROM_URL"))), HttpClient.newHttpClient(), Clock.systemUTC(), d -> { }));
    // Until every target has been scraped once (the closed one too: its up is 0).
    for (int i = 0; i < 300 && upSeries() < 4; i++) {
      Thread.sleep(100);
    }
    assertThat(upSeries()).as("up series after 30 s").isEqualTo(4);
  }

  private static int upSeries() throws Exception {
    return ((QueryResult.Vector) metrics.query("up", Instant.now())).series().size();
  }

  private static HttpServer exporter() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/metrics", exchange -> {
      byte[] body = "# TYPE process_start_time_seconds gauge\nprocess_start_time_seconds 1.7e9\n"
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return server;
  }

  @AfterAll
  static void stop() throws IOException {
    if (prometheus != null) {
      prometheus.close();
    }
    for (HttpServer server : new HttpServer[] {checkout, payments}) {
      if (server != null) {
        server.stop(0);
      }
    }
    TempDirs.delete(workDir);
  }

  private static Node node(GraphContribution c, String service) {
    return c.nodes().stream().filter(n -> n.id().equals(NodeId.service(service))).findFirst().orElseThrow();
  }

  @Test
  void each_service_label_value_is_a_service_with_its_jobs_and_instances_up_and_down() throws Exception {
    GraphContribution c = new TargetSource("targets", metrics, "service").read(Instant.now());
    assertThat(c.problems()).isEmpty();
    assertThat(c.edges()).isEmpty();
    assertThat(c.nodes()).extracting(Node::id)
        .containsExactlyInAnyOrder(NodeId.service("checkout"), NodeId.service("payments"));
    assertThat(node(c, "checkout").attributes()).isEqualTo(Map.of("jobs", "shop-api,shop-workers",
        "instancesUp", "1", "instancesDown", "1"));
    Provenance p = node(c, "payments").provenance().getFirst();
    assertThat(p.evidence()).isEqualTo(Provenance.Evidence.OBSERVED);
    assertThat(p.detail()).isEqualTo("up{service=\"Payments\"} of job shop-api in prom-it: 1 of 1 instances up");
  }

  @Test
  void another_label_names_the_services_and_a_label_no_target_carries_is_a_problem() throws Exception {
    GraphContribution byJob = new TargetSource("targets", metrics, "job").read(Instant.now());
    assertThat(byJob.nodes()).extracting(Node::id).containsExactlyInAnyOrder(NodeId.service("shop-api"),
        NodeId.service("shop-workers"), NodeId.service("node"));
    assertThat(node(byJob, "shop-workers").attributes()).containsEntry("instancesUp", "0")
        .containsEntry("instancesDown", "1");

    GraphContribution byTeam = new TargetSource("targets", metrics, "team").read(Instant.now());
    assertThat(byTeam.nodes()).isEmpty();
    assertThat(byTeam.problems()).extracting(SourceProblem::message).containsExactly(
        "no up series of the last 10 minutes carries the label 'team' (labels seen: instance, job, service)");
  }

  @Test
  void an_unreachable_prometheus_makes_the_source_unavailable_and_a_bad_label_is_refused() {
    PrometheusMetricSource down = new PrometheusMetricSource("prom-down", new PrometheusClient(
        PrometheusConfig.of(URI.create("http://127.0.0.1:" + closedPort + "/")), HttpClient.newHttpClient(),
        Clock.systemUTC(), d -> { }));
    assertThatThrownBy(() -> new TargetSource("targets", down, "service").read(Instant.now()))
        .isInstanceOf(GraphSource.Unavailable.class).hasMessageContaining("up series of prom-down cannot be read");
    assertThatThrownBy(() -> new TargetSource("targets", down, "app-name"))
        .hasMessageContaining("'app-name' is not a Prometheus label name");
  }
}
