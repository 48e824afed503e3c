package dev.vigil.core.cluster;

import dev.vigil.core.Validation;
import java.util.Map;

/**
 * A Kubernetes Service as last observed.
 *
 * @param namespace where it lives
 * @param name its name
 * @param selector the pod labels it selects; empty for a Service without selector (its endpoints are
 *     managed by hand or point outside the cluster)
 * @param labels its labels
 * @param annotations its annotations
 */
public record ClusterService(String namespace, String name, Map<String, String> selector, Map<String, String> labels,
    Map<String, String> annotations) {
  public ClusterService {
    Validation.requireText(namespace, "service namespace");
    Validation.requireText(name, "service name");
    selector = selector == null ? Map.of() : Map.copyOf(selector);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /** Whether this Service sends traffic to pods carrying {@code podLabels}: it has a selector and they match all of it. */
  public boolean selects(Map<String, String> podLabels) {
    return !selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet());
  }
}
