package dev.vigil.server.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.config.GraphSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class GraphSettingsTest {
  @Test
  void sources_are_folders_or_git_repositories_with_an_optional_ref() {
    GraphSettings settings = GraphSettings.from(new MockEnvironment()
        .withProperty("VIGIL_GRAPH_SOURCES", " shop=backstage:/srv/shop , owners=codeowners:git+https://github.com/acme/shop.git#main,"
            + "all=backstage-yaml:git+file:///srv/catalog.git,traffic=servicegraph:prom-main#30m,"
            + "cluster=kubernetes:k8s-main#payments+search,deploys=deploy-events:5000,alerts=alert-events:20000")
        .withProperty("VIGIL_GRAPH_REFRESH", "1m"));
    assertThat(settings.sources()).hasSize(7);
    assertThat(settings.sources().get(6).eventLimit()).isEqualTo(20000);
    assertThat(settings.sources().get(5).eventLimit()).isEqualTo(5000);
    assertThat(settings.sources().get(4).integration()).isEqualTo("k8s-main");
    assertThat(settings.sources().get(4).namespaces()).containsExactly("payments", "search");
    assertThat(settings.sources().get(3).integration()).isEqualTo("prom-main");
    assertThat(settings.sources().get(3).window()).isEqualTo(Duration.ofMinutes(30));
    assertThat(settings.sources().get(0).isGit()).isFalse();
    assertThat(settings.sources().get(0).folder()).isEqualTo(Path.of("/srv/shop"));
    assertThat(settings.sources().get(1).gitUrl()).isEqualTo("https://github.com/acme/shop.git");
    assertThat(settings.sources().get(1).gitRef()).isEqualTo("main");
    assertThat(settings.sources().get(2).gitUrl()).isEqualTo("file:///srv/catalog.git");
    assertThat(settings.sources().get(2).gitRef()).isEqualTo("HEAD");
    assertThat(settings.refreshEvery()).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.staleAfter()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void malformed_entries_say_what_is_expected() {
    assertThatThrownBy(() -> GraphSettings.from(new MockEnvironment().withProperty("VIGIL_GRAPH_SOURCES", "shop")))
        .hasMessageContaining("must be name=type:location");
    assertThatThrownBy(() -> GraphSettings.from(new MockEnvironment().withProperty("VIGIL_GRAPH_SOURCES", "a=k8s:/x")))
        .hasMessageContaining("unknown type 'k8s'").hasMessageContaining("servicegraph, kubernetes");
    assertThatThrownBy(() -> GraphSettings.from(new MockEnvironment()
        .withProperty("VIGIL_GRAPH_SOURCES", "a=backstage:/x,a=codeowners:/x"))).hasMessageContaining("names 'a' twice");
    assertThatThrownBy(() -> GraphSettings.from(new MockEnvironment()
        .withProperty("VIGIL_GRAPH_SOURCES", "people=backstage:/x"))).hasMessageContaining("'people' is reserved");
    assertThatThrownBy(() -> GraphSettings.from(new MockEnvironment()
        .withProperty("VIGIL_GRAPH_SOURCES", "t=servicegraph:git+https://x/y.git"))).hasMessageContaining("names a prometheus integration");
    assertThatThrownBy(() -> GraphSettings.from(new MockEnvironment()
        .withProperty("VIGIL_GRAPH_SOURCES", "t=servicegraph:prom#10s"))).hasMessageContaining("at least 1m");
    assertThatThrownBy(() -> GraphSettings.from(new MockEnvironment()
        .withProperty("VIGIL_GRAPH_SOURCES", "d=deploy-events:lots"))).hasMessageContaining("how many recent events");
    assertThatThrownBy(() -> GraphSettings.from(new MockEnvironment().withProperty("VIGIL_GRAPH_BASELINES", "prom-main")))
        .hasMessageContaining("integration#signal-sets");
    assertThatThrownBy(() -> GraphSettings.from(new MockEnvironment()
        .withProperty("VIGIL_GRAPH_BASELINES", "prom-main#nosuch"))).hasMessageContaining("unknown signal set 'nosuch'");
    assertThatThrownBy(() -> GraphSettings.from(new MockEnvironment().withProperty("VIGIL_GRAPH_BASELINES", "p#process")
        .withProperty("VIGIL_GRAPH_BASELINES_HISTORY", "6h"))).hasMessageContaining("at least 1d");
    assertThat(GraphSettings.from(new MockEnvironment().withProperty("VIGIL_GRAPH_BASELINES", "prom-main#process+postgres"))
        .baselines()).hasValueSatisfying(b -> {
          assertThat(b.integration()).isEqualTo("prom-main");
          assertThat(b.signalSets()).containsExactly("process", "postgres");
          assertThat(b.history()).isEqualTo(java.time.Duration.ofDays(7));
          assertThat(b.refreshEvery()).isEqualTo(java.time.Duration.ofHours(1));
          assertThat(b.step()).as("the checks' history step").isEqualTo(java.time.Duration.ofMinutes(1));
          assertThat(b.window()).as("the checks' default rate window").isEqualTo(java.time.Duration.ofMinutes(2));
        });
    assertThatThrownBy(() -> GraphSettings.from(new MockEnvironment().withProperty("VIGIL_GRAPH_BASELINES", "p#process")
        .withProperty("VIGIL_GRAPH_BASELINES_STEP", "5m").withProperty("VIGIL_GRAPH_BASELINES_WINDOW", "2m")))
        .hasMessageContaining("VIGIL_GRAPH_BASELINES_WINDOW must be at least the step");
    assertThatThrownBy(() -> GraphSettings.from(new MockEnvironment().withProperty("VIGIL_GRAPH_REFRESH", "1s")))
        .hasMessageContaining("at least 10s");
  }

  @Test
  void pagerduty_events_sources_give_how_many_events_to_scan() {
    GraphSettings settings = GraphSettings.from(new MockEnvironment()
        .withProperty("VIGIL_GRAPH_SOURCES", "alerts=alert-events:20000,acks=pagerduty-events:5000"));
    assertThat(settings.sources().get(1).type()).isEqualTo("pagerduty-events");
    assertThat(settings.sources().get(1).eventLimit()).isEqualTo(5000);
    assertThatThrownBy(() -> GraphSettings.from(new MockEnvironment()
        .withProperty("VIGIL_GRAPH_SOURCES", "acks=pagerduty-events:all"))).hasMessageContaining("how many recent events")
        .hasMessageContaining("pagerduty-events:10000");
    assertThatThrownBy(() -> GraphSettings.from(new MockEnvironment().withProperty("VIGIL_GRAPH_SOURCES", "a=pager:1")))
        .hasMessageContaining("pagerduty-events");
  }

  @Test
  void prometheus_rules_sources_name_a_prometheus_integration() {
    assertThat(GraphSettings.from(new MockEnvironment()
        .withProperty("VIGIL_GRAPH_SOURCES", "rules=prometheus-rules:prom-main"))
        .sources()).singleElement().satisfies(s -> {
          assertThat(s.type()).isEqualTo("prometheus-rules");
          assertThat(s.integration()).isEqualTo("prom-main");
        });
    for (String location : new String[] {"git+https://x/y.git", "prom-main#1h"}) {
      assertThatThrownBy(() -> GraphSettings.from(new MockEnvironment()
          .withProperty("VIGIL_GRAPH_SOURCES", "rules=prometheus-rules:" + location)))
          .as(location).hasMessageContaining("a prometheus-rules source names a prometheus integration");
    }
  }

  @Test
  void prometheus_targets_sources_name_a_prometheus_integration_and_the_label_naming_services() {
    assertThat(GraphSettings.from(new MockEnvironment().withProperty("VIGIL_GRAPH_SOURCES",
        "targets=prometheus-targets:prom-main,apps=prometheus-targets:prom-main#app_name")).sources())
        .extracting(GraphSettings.SourceSpec::integration, GraphSettings.SourceSpec::targetLabel)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("prom-main", "service"),
            org.assertj.core.groups.Tuple.tuple("prom-main", "app_name"));
    for (String location : new String[] {"git+https://x/y.git", "prom-main#app-name", "prom-main#", "#service"}) {
      assertThatThrownBy(() -> GraphSettings.from(new MockEnvironment()
          .withProperty("VIGIL_GRAPH_SOURCES", "targets=prometheus-targets:" + location)))
          .as(location).hasMessageContaining("a prometheus-targets source names a prometheus integration");
    }
  }

  @Test
  void requests_sources_name_a_counter_its_client_and_server_labels_and_a_window() {
    GraphSettings.SourceSpec mesh = GraphSettings.from(new MockEnvironment().withProperty("VIGIL_GRAPH_SOURCES",
        "mesh=requests:prom-main#istio_requests_total/source_workload/destination_workload/30m")).sources().getFirst();
    assertThat(mesh.integration()).isEqualTo("prom-main");
    assertThat(mesh.requestMetric()).isEqualTo(dev.vigil.graph.servicegraph.ServiceGraphSource.RequestMetric.of(
        "istio_requests_total", "source_workload", "destination_workload"));
    assertThat(mesh.window()).isEqualTo(Duration.ofMinutes(30));
    assertThat(GraphSettings.from(new MockEnvironment().withProperty("VIGIL_GRAPH_SOURCES",
        "l=requests:prom#response_total/deployment/dst_deployment")).sources().getFirst().window())
        .isEqualTo(Duration.ofHours(1));
    String[][] bad = {{"prom-main", "expected metric/client-label/server-label"},
        {"prom-main#istio_requests_total/source_workload", "expected metric/client-label/server-label"},
        {"prom-main#istio-requests/a/b", "'istio-requests' is not a Prometheus metric name"},
        {"prom-main#m/a/a", "must differ"},
        {"prom-main#m/a/b/30s", "at least 1m"},
        {"#m/a/b", "no prometheus integration named"}};
    for (String[] b : bad) {
      assertThatThrownBy(() -> GraphSettings.from(new MockEnvironment()
          .withProperty("VIGIL_GRAPH_SOURCES", "mesh=requests:" + b[0])))
          .as(b[0]).hasMessageContaining(b[1]).hasMessageContaining("a requests source names a prometheus integration");
    }
  }
}
