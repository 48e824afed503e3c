package dev.vigil.server.config;

import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.integrations.ConfiguredIntegrations;
import dev.vigil.integrations.prometheus.PrometheusClient;
import java.util.function.BiFunction;

/**
 * A graph source that reads through a configured integration, looked up at each read so that an
 * integration added or changed after start, or a rotated credential, is used as it is now. These are
 * the graph's own reads, not an agent's: no grant applies.
 */
abstract class IntegrationGraphSource implements GraphSource {
  private final String name;
  protected final String integration;
  private final IntegrationStore integrations;
  private final SecretResolver secrets;

  IntegrationGraphSource(String name, String integration, IntegrationStore integrations, SecretResolver secrets) {
    this.name = name;
    this.integration = integration;
    this.integrations = integrations;
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * The integration's client settings, built by {@code settings} with its credentials resolved now.
   *
   * @param reads what the source reads through it, for the message when the type is wrong
   */
  protected <T> T clientSettings(IntegrationType type, String reads,
      BiFunction<IntegrationConfig, SecretResolver, T> settings) throws Unavailable {
    IntegrationConfig config = integrations.find(integration).orElseThrow(() ->
        new Unavailable("no integration named '" + integration + "' (configure a " + type.text() + " integration)"));
    if (config.type() != type) {
      throw new Unavailable("integration '" + integration + "' is a " + config.type().text() + " integration; "
          + reads + " are read through a " + type.text() + " integration");
    }
    try {
      return settings.apply(config, secrets);
    } catch (RuntimeException e) {
      throw new Unavailable("integration '" + integration + "' cannot be used: " + e.getMessage(), e);
    }
  }

  /** A client of the prometheus integration, with its credentials resolved now; {@code reads} as for clientSettings. */
  protected PrometheusClient prometheusClient(String reads) throws Unavailable {
    return PrometheusClient.create(clientSettings(IntegrationType.PROMETHEUS, reads,
        ConfiguredIntegrations::prometheusConfig));
  }
}
