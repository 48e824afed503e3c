package dev.vigil.core.port;

import dev.vigil.core.alert.AlertRule;
import dev.vigil.core.integration.IntegrationFailure;
import java.util.List;

/**
 * Reads the alerting rules a rule evaluator holds now (Prometheus' {@code /api/v1/rules}). Recording
 * rules are not returned. Thread-safe.
 */
public interface AlertRuleReader {
  /** The integration the rules are read through, e.g. {@code prom-main}. */
  String integration();

  /** Every alerting rule, in the evaluator's order of groups and rules. */
  List<AlertRule> alertRules() throws IntegrationFailure;
}
