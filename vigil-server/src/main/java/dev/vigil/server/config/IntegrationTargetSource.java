package dev.vigil.server.config;

import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.graph.targets.TargetSource;
import dev.vigil.integrations.prometheus.PrometheusMetricSource;
import java.time.Instant;

/** Scraped targets read through a configured prometheus integration (see {@link IntegrationGraphSource}). */
final class IntegrationTargetSource extends IntegrationGraphSource {
  private final String label;

  IntegrationTargetSource(String name, String integration, String label, IntegrationStore integrations,
      SecretResolver secrets) {
    super(name, integration, integrations, secrets);
    this.label = label;
  }

  @Override
  public GraphContribution read(Instant now) throws Unavailable {
    return new TargetSource(name(), new PrometheusMetricSource(integration, prometheusClient("scraped targets")), label)
        .read(now);
  }
}
