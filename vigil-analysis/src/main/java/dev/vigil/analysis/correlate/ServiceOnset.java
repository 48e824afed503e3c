package dev.vigil.analysis.correlate;

import java.time.Instant;
import java.util.Objects;

/**
 * When and how strongly a service's metric went abnormal.
 *
 * @param service the service's name
 * @param onset when the anomaly began
 * @param strength how strong it is, ≥ 0, in any unit shared by the services compared (e.g. the change
 *     detector's evidence or a baseline deviation)
 */
public record ServiceOnset(String service, Instant onset, double strength) {
  public ServiceOnset {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(onset, "onset");
    if (!(strength >= 0)) {
      throw new IllegalArgumentException("strength must be >= 0, got " + strength);
    }
  }
}
