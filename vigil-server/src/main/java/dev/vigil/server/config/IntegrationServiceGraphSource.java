package dev.vigil.server.config;

import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.graph.servicegraph.ServiceGraphSource;
import dev.vigil.integrations.prometheus.PrometheusMetricSource;
import java.time.Duration;
import java.time.Instant;

/**
 * Service-graph metrics, or another counter of requests by client and server, read through a configured
 * prometheus integration (see {@link IntegrationGraphSource}).
 */
final class IntegrationServiceGraphSource extends IntegrationGraphSource {
  private final ServiceGraphSource.RequestMetric requests;
  private final Duration window;

  IntegrationServiceGraphSource(String name, String integration, ServiceGraphSource.RequestMetric requests,
      Duration window, IntegrationStore integrations, SecretResolver secrets) {
    super(name, integration, integrations, secrets);
    this.requests = requests;
    this.window = window;
  }

  @Override
  public GraphContribution read(Instant now) throws Unavailable {
    return new ServiceGraphSource(name(),
        new PrometheusMetricSource(integration, prometheusClient("request metrics")), requests, window).read(now);
  }
}
