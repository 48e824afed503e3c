package dev.vigil.server.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.integrations.testing.MapIntegrationStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kubernetes integration's namespace list bounds what the graph's cluster source asks the API server. */
class IntegrationClusterSourceTest {
  static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

  @Test
  void a_namespace_outside_the_integrations_list_is_refused_before_any_request() {
    MapIntegrationStore integrations = new MapIntegrationStore();
    // Nothing listens on port 1: a request would fail as "API server unavailable", not as outside the scope.
    integrations.save(new IntegrationConfig("k8s-main", IntegrationType.KUBERNETES, List.of(),
        Map.of("url", "http://127.0.0.1:1", "namespace", "payments,search"), Map.of()), T);
    SecretResolver secrets = new SecretResolver(name -> null);

    assertThatThrownBy(() -> new IntegrationClusterSource("cluster", "k8s-main", List.of("kube-system"), integrations,
        secrets).read(T)).isInstanceOf(GraphSource.Unavailable.class)
        .hasMessageContaining("namespace 'kube-system' is outside the k8s:read scope");
    assertThatThrownBy(() -> new IntegrationClusterSource("cluster", "k8s-main", List.of("payments"), integrations,
        secrets).read(T)).isInstanceOf(GraphSource.Unavailable.class)
        .hasMessageContaining("API server unavailable");
  }
}
