package dev.vigil.integrations.prometheus;

import dev.vigil.core.alert.AlertRule;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.port.AlertRuleReader;
import java.util.ArrayList;
import java.util.List;

/** Core's {@link AlertRuleReader} on Prometheus' {@code /api/v1/rules}: the alerting rules of every group. */
public final class PrometheusAlertRuleReader implements AlertRuleReader {
  private final String integration;
  private final PrometheusClient client;

  public PrometheusAlertRuleReader(String integration, PrometheusClient client) {
    if (integration == null || integration.isBlank() || client == null) {
      throw new IllegalArgumentException("a Prometheus alert rule reader needs an integration name and a client");
    }
    this.integration = integration;
    this.client = client;
  }

  @Override
  public String integration() {
    return integration;
  }

  @Override
  public List<AlertRule> alertRules() throws IntegrationFailure {
    List<AlertRule> rules = new ArrayList<>();
    for (RuleGroup group : client.rules()) {
      for (Rule rule : group.rules()) {
        if (rule.type() == Rule.Type.ALERTING && !rule.name().isBlank()) {
          rules.add(new AlertRule(rule.name(), rule.labels().values(), rule.annotations(), group.name(), group.file()));
        }
      }
    }
    return rules;
  }
}
