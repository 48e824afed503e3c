package dev.vigil.integrations.prometheus;

import dev.vigil.core.metrics.Labels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A recording or alerting rule as Prometheus evaluates it ({@code /api/v1/rules}).
 *
 * @param query the PromQL expression
 * @param holdFor an alerting rule's {@code for}; zero for recording rules
 * @param health {@code ok}, {@code err} or {@code unknown}
 * @param lastError the last evaluation error, if any
 * @param state an alerting rule's {@code inactive}, {@code pending} or {@code firing}; empty for recording rules
 * @param alerts an alerting rule's current alerts
 */
public record Rule(Type type, String name, String query, Labels labels, Map<String, String> annotations,
    Duration holdFor, String health, Optional<String> lastError, Optional<String> state, List<ActiveAlert> alerts) {

  /** Whether a rule records a series or raises alerts. */
  public enum Type {
    RECORDING,
    ALERTING
  }

  public Rule {
    if (type == null || name == null || query == null || labels == null) {
      throw new IllegalArgumentException("rule needs a type, a name, a query and labels");
    }
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    holdFor = holdFor == null ? Duration.ZERO : holdFor;
    health = health == null ? "unknown" : health;
    lastError = lastError == null ? Optional.empty() : lastError;
    state = state == null ? Optional.empty() : state;
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
  }
}
