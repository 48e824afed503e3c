package dev.vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacktestsApiTest {
  @Test
  void a_password_in_the_integrations_address_is_never_answered() {
    IntegrationConfig config = new IntegrationConfig("prom", IntegrationType.PROMETHEUS, List.of(),
        Map.of("url", "https://vigil:s3cret@prometheus.example.com"), Map.of());

    assertThat(BacktestsApi.withoutCredentials("prometheus https://vigil:s3cret@prometheus.example.com query_range:"
        + " timed out", config)).isEqualTo("prometheus https://***@prometheus.example.com query_range: timed out");
  }
}
