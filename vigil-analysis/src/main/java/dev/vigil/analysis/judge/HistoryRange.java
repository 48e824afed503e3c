package dev.vigil.analysis.judge;

import dev.vigil.analysis.Series;
import dev.vigil.analysis.internal.Robust;
import java.util.Arrays;

/**
 * What the judge needs of a longer history before a change: how many values it holds, its extremes (for the
 * range check of {@link RangeCheck}) and its 10th, 50th and 90th percentiles (for the usual level). A summary
 * rather than the values, so that it can be learned once and kept (a week at one point a minute is 10,000
 * values per signal) and a check judges against it without reading the week again.
 *
 * @param values finite values the history holds, ≥ 0
 * @param low the smallest (NaN when empty)
 * @param high the largest (NaN when empty)
 * @param skippedNaN NaN values left out when it was summarised, ≥ 0
 */
public record HistoryRange(int values, double low, double high, double p10, double median, double p90,
    int skippedNaN) {
  public HistoryRange {
    if (values < 0 || skippedNaN < 0) {
      throw new IllegalArgumentException("history range counts must be >= 0");
    }
    if (values > 0 && !(low <= p10 && p10 <= median && median <= p90 && p90 <= high)) {
      throw new IllegalArgumentException("history range needs low <= p10 <= median <= p90 <= high, was " + low + ", "
          + p10 + ", " + median + ", " + p90 + ", " + high);
    }
  }

  /** The summary of a history's values. */
  public static HistoryRange of(Series history) {
    return of(history.values(), history.skippedNaN());
  }

  /** The summary of finite values (in any order; the array is not changed). */
  public static HistoryRange of(double[] values, int skippedNaN) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    if (sorted.length == 0) {
      return new HistoryRange(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, skippedNaN);
    }
    if (!Double.isFinite(sorted[0]) || !Double.isFinite(sorted[sorted.length - 1])) {
      throw new IllegalArgumentException("a history range is of finite values");
    }
    return new HistoryRange(sorted.length, sorted[0], sorted[sorted.length - 1], Robust.quantileOfSorted(sorted, 0.1),
        Robust.medianOfSorted(sorted, 0, sorted.length), Robust.quantileOfSorted(sorted, 0.9), skippedNaN);
  }

  /** The 10–90 % spread. */
  public double spread() {
    return p90 - p10;
  }
}
