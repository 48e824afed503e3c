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
 * @param history a longer stretch before the change (the last week is what the benchmark uses), summarised, for
 *     the range check of {@link RangeCheck}; it may include the before-window; null when not available
 * @param historyValues the same history's values, for the anomaly check of {@link AnomalyCheck}; null when only
 *     its summary is known (a stored baseline), and then that check is not made
 */
public record MetricWindows(String metric, Series before, Series after, Series lastWeek, Direction direction,
    Tolerance tolerance, HistoryRange history, Series historyValues) {
  /** Windows without a longer history: neither the range check nor the anomaly check is made. */
  public MetricWindows(String metric, Series before, Series after, Series lastWeek, Direction direction,
      Tolerance tolerance) {
    this(metric, before, after, lastWeek, direction, tolerance, null, null);
  }

  /** Windows with only a summary of the longer history: the range check is made, the anomaly check is not. */
  public MetricWindows(String metric, Series before, Series after, Series lastWeek, Direction direction,
      Tolerance tolerance, HistoryRange history) {
    this(metric, before, after, lastWeek, direction, tolerance, history, null);
  }

  /** Windows with the longer history's values: summarised for the range check, kept for the anomaly check. */
  public static MetricWindows withHistory(String metric, Series before, Series after, Series lastWeek,
      Direction direction, Tolerance tolerance, Series history) {
    return new MetricWindows(metric, before, after, lastWeek, direction, tolerance,
        history == null ? null : HistoryRange.of(history), history);
  }

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
