package dev.vigil.server.config;

import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.graph.servicegraph.ServiceGraphSource;
import dev.vigil.integrations.ConfiguredIntegrations;
import dev.vigil.integrations.prometheus.PrometheusClient;
import dev.vigil.integrations.prometheus.PrometheusConfig;
import dev.vigil.integrations.prometheus.PrometheusMetricSource;
import java.time.Duration;
import java.time.Instant;

/** Service-graph metrics read through a configured prometheus integration (see {@link IntegrationGraphSource}). */
final class IntegrationServiceGraphSource extends IntegrationGraphSource {
  private final Duration window;

  IntegrationServiceGraphSource(String name, String integration, Duration window, IntegrationStore integrations,
      SecretResolver secrets) {
    super(name, integration, integrations, secrets);
    this.window = window;
  }

  @Override
  public GraphContribution read(Instant now) throws Unavailable {
    PrometheusConfig client = clientSettings(IntegrationType.PROMETHEUS, "service-graph metrics",
        ConfiguredIntegrations::prometheusConfig);
    return new ServiceGraphSource(name(), new PrometheusMetricSource(integration, PrometheusClient.create(client)),
        window).read(now);
  }
}
