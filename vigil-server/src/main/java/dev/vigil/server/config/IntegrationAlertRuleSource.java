package dev.vigil.server.config;

import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.graph.alertrules.AlertRuleSource;
import dev.vigil.integrations.ConfiguredIntegrations;
import dev.vigil.integrations.prometheus.PrometheusAlertRuleReader;
import dev.vigil.integrations.prometheus.PrometheusClient;
import dev.vigil.integrations.prometheus.PrometheusConfig;
import java.time.Instant;

/** Alerting rules read through a configured prometheus integration (see {@link IntegrationGraphSource}). */
final class IntegrationAlertRuleSource extends IntegrationGraphSource {
  IntegrationAlertRuleSource(String name, String integration, IntegrationStore integrations, SecretResolver secrets) {
    super(name, integration, integrations, secrets);
  }

  @Override
  public GraphContribution read(Instant now) throws Unavailable {
    PrometheusConfig client = clientSettings(IntegrationType.PROMETHEUS, "alert rules",
        ConfiguredIntegrations::prometheusConfig);
    return new AlertRuleSource(name(), new PrometheusAlertRuleReader(integration, PrometheusClient.create(client)))
        .read(now);
  }
}
