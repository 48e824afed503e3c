package dev.vigil.integrations.prometheus;

import dev.vigil.core.metrics.Labels;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An alert a Prometheus alerting rule holds right now ({@code /api/v1/alerts} or inside a rule).
 *
 * @param state {@code pending} (waiting out its {@code for}) or {@code firing}
 * @param activeAt when the rule's condition first held, if reported
 * @param value the expression's value when last evaluated; may be NaN
 */
public record ActiveAlert(Labels labels, Map<String, String> annotations, String state, Optional<Instant> activeAt,
    double value) {
  public ActiveAlert {
    if (labels == null || state == null) {
      throw new IllegalArgumentException("alert needs labels and a state");
    }
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    activeAt = activeAt == null ? Optional.empty() : activeAt;
  }
}
