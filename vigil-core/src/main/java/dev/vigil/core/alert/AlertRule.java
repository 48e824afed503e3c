package dev.vigil.core.alert;

import java.util.Map;
import java.util.Optional;

/**
 * An alerting rule as the system that evaluates it declares it (a Prometheus rule file, a Mimir or
 * Thanos ruler): what it is called, the labels it puts on its alerts and what its annotations say,
 * whether it has fired or not.
 *
 * @param name the alert name ({@code alertname} of the alerts it raises); never blank
 * @param labels the rule's own labels (e.g. {@code severity}, {@code service}); the alerts add the
 *     query's labels to them
 * @param annotations the rule's annotations as written, templates unexpanded (e.g. {@code summary},
 *     {@code runbook_url})
 * @param group the rule group it belongs to; may be empty
 * @param file the rule file the group was loaded from, as the evaluator reports it; may be empty
 */
public record AlertRule(String name, Map<String, String> labels, Map<String, String> annotations, String group,
    String file) {
  public AlertRule {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("alert rule needs a name");
    }
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    group = group == null ? "" : group;
    file = file == null ? "" : file;
  }

  /** The {@code runbook_url} annotation (the name Prometheus' and kube-prometheus' rules use), when set. */
  public Optional<String> runbookUrl() {
    String url = annotations.getOrDefault("runbook_url", "").strip();
    return url.isEmpty() ? Optional.empty() : Optional.of(url);
  }
}
