package dev.vigil.analysis.judge;

import dev.vigil.analysis.Series;
import java.util.Objects;

/**
 * The input of one metric's judgement.
 *
 * @param metric name shown in the verdict, e.g. {@code checkout p99 latency}
 * @param before the window just before the change
 * @param after the window after the change
 * @param lastWeek the same window as {@code after}, one week earlier; null when not available
 * @param direction which way is worse
 * @param tolerance how much worse is still acceptable
 */
public record MetricWindows(
    String metric, Series before, Series after, Series lastWeek, Direction direction, Tolerance tolerance) {
  public MetricWindows {
    Objects.requireNonNull(metric, "metric");
    if (metric.isBlank()) {
      throw new IllegalArgumentException("metric must not be blank");
    }
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(tolerance, "tolerance");
  }
}
