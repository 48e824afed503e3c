package dev.vigil.server.config;

import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.graph.alertrules.AlertRuleSource;
import dev.vigil.integrations.prometheus.PrometheusAlertRuleReader;
import java.time.Instant;

/** Alerting rules read through a configured prometheus integration (see {@link IntegrationGraphSource}). */
final class IntegrationAlertRuleSource extends IntegrationGraphSource {
  IntegrationAlertRuleSource(String name, String integration, IntegrationStore integrations, SecretResolver secrets) {
    super(name, integration, integrations, secrets);
  }

  @Override
  public GraphContribution read(Instant now) throws Unavailable {
    return new AlertRuleSource(name(), new PrometheusAlertRuleReader(integration, prometheusClient("alert rules")))
        .read(now);
  }
}
