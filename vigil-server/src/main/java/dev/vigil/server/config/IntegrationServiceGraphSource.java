package dev.vigil.server.config;

import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.integration.IntegrationConfig;
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

/**
 * Service-graph metrics read through a configured prometheus integration, looked up at each read so
 * that an integration added, changed or with a rotated credential after start is used as it is now.
 * This is the graph's own read, not an agent's: no grant applies, and it reads every client/server
 * pair the store holds.
 */
final class IntegrationServiceGraphSource implements GraphSource {
  private final String name;
  private final String integration;
  private final Duration window;
  private final IntegrationStore integrations;
  private final SecretResolver secrets;

  IntegrationServiceGraphSource(String name, String integration, Duration window, IntegrationStore integrations,
      SecretResolver secrets) {
    this.name = name;
    this.integration = integration;
    this.window = window;
    this.integrations = integrations;
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public GraphContribution read(Instant now) throws Unavailable {
    IntegrationConfig config = integrations.find(integration).orElseThrow(() ->
        new Unavailable("no integration named '" + integration + "' (configure a prometheus integration)"));
    if (config.type() != IntegrationType.PROMETHEUS) {
      throw new Unavailable("integration '" + integration + "' is a " + config.type().text()
          + " integration; service-graph metrics are read through a prometheus integration");
    }
    PrometheusConfig client;
    try {
      client = ConfiguredIntegrations.prometheusConfig(config, secrets);
    } catch (RuntimeException e) {
      throw new Unavailable("integration '" + integration + "' cannot be used: " + e.getMessage(), e);
    }
    return new ServiceGraphSource(name, new PrometheusMetricSource(integration, PrometheusClient.create(client)), window)
        .read(now);
  }
}
