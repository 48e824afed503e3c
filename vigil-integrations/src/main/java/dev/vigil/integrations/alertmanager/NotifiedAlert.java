package dev.vigil.integrations.alertmanager;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One alert inside a webhook notification.
 *
 * @param labels identify the alert; sorted by name
 * @param startsAt when it started firing
 * @param endsAt when it resolved; empty while firing (Alertmanager sends the zero time then)
 * @param generatorUrl the link back to the rule's expression in Prometheus, if sent
 * @param fingerprint Alertmanager's hash of the labels, stable across notifications
 */
public record NotifiedAlert(AlertStatus status, SortedMap<String, String> labels, Map<String, String> annotations,
    Instant startsAt, Optional<Instant> endsAt, Optional<URI> generatorUrl, String fingerprint) {
  public NotifiedAlert {
    if (status == null || labels == null || startsAt == null || fingerprint == null) {
      throw new IllegalArgumentException("notified alert needs a status, labels, startsAt and a fingerprint");
    }
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    endsAt = endsAt == null ? Optional.empty() : endsAt;
    generatorUrl = generatorUrl == null ? Optional.empty() : generatorUrl;
  }
}
