package dev.vigil.analysis.anomaly;

import java.time.Instant;

/**
 * Scores the points of one metric as they arrive.
 *
 * <p>Contract: {@link #score} is called once per point in time order and returns a score
 * in [0, 1] (higher is more anomalous) computed only from this point and earlier ones. Implementations are
 * stateful and not thread-safe; use one per series.
 */
public interface AnomalyScorer {
  /**
   * Scores the next point.
   *
   * @param timestamp when the point was observed; must not be before the previous point's (equal is
   *     accepted: wall-clock series repeat an hour when daylight saving time ends, NAB's among them)
   * @param value the observed value; NaN is skipped (scored 0, counted) because Prometheus answers NaN for
   *     0/0 and that is not an anomaly
   * @return the anomaly score in [0, 1]
   * @throws IllegalArgumentException when the timestamp is before the previous one
   */
  double score(Instant timestamp, double value);

  /** Points that were skipped because their value was NaN. */
  long skippedNaN();
}
