package dev.vigil.core.alert;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An alert as the alert manager holds it now (Alertmanager's {@code GET /api/v2/alerts}).
 *
 * @param state {@code active}, {@code suppressed} (silenced or inhibited) or {@code unprocessed}
 * @param silencedBy ids of the silences muting it
 * @param inhibitedBy fingerprints of the alerts inhibiting it
 * @param receivers the receivers its route sends it to
 */
public record Alert(SortedMap<String, String> labels, Map<String, String> annotations, Instant startsAt,
    Optional<Instant> endsAt, String fingerprint, String state, List<String> silencedBy, List<String> inhibitedBy,
    List<String> receivers, Optional<URI> generatorUrl) {
  public Alert {
    if (labels == null || startsAt == null || fingerprint == null || state == null) {
      throw new IllegalArgumentException("alert needs labels, startsAt, a fingerprint and a state");
    }
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    endsAt = endsAt == null ? Optional.empty() : endsAt;
    silencedBy = silencedBy == null ? List.of() : List.copyOf(silencedBy);
    inhibitedBy = inhibitedBy == null ? List.of() : List.copyOf(inhibitedBy);
    receivers = receivers == null ? List.of() : List.copyOf(receivers);
    generatorUrl = generatorUrl == null ? Optional.empty() : generatorUrl;
  }

  public boolean silenced() {
    return !silencedBy.isEmpty();
  }
}
