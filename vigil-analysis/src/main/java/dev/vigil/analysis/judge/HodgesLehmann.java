package dev.vigil.analysis.judge;

import dev.vigil.analysis.internal.Robust;
import java.util.Arrays;
import java.util.Objects;

/**
 * Hodges-Lehmann estimate of the shift between two samples (median of all candidate − reference differences)
 * with the distribution-free confidence interval that inverts the Mann-Whitney test (Moses' interval).
 *
 * <p>The shift is in the metric's own unit ("p99 is 38 ms higher"), which is what a tolerance can be compared
 * with; a p-value alone says nothing about size. Stateless and thread-safe.
 */
public final class HodgesLehmann {
  /**
   * Above this many pairwise differences both samples are thinned to evenly spaced order statistics, which
   * keeps memory bounded (4 M doubles) while changing the estimate by far less than the sampling error.
   */
  static final long MAX_PAIRS = 4_000_000L;

  private HodgesLehmann() {}

  /**
   * Shift estimate with its confidence interval.
   *
   * @param shift median of candidate − reference differences, in the metric's unit
   * @param lower lower bound of the interval; -Infinity when the samples are too small to bound it
   * @param upper upper bound of the interval; +Infinity when the samples are too small to bound it
   * @param confidence the nominal two-sided coverage of the interval, in (0, 1)
   */
  public record Estimate(double shift, double lower, double upper, double confidence) {
    public Estimate {
      if (Double.isNaN(shift)) {
        throw new IllegalArgumentException("shift must not be NaN");
      }
      if (!(lower <= upper)) {
        throw new IllegalArgumentException("lower " + lower + " must be <= upper " + upper);
      }
      if (!(confidence > 0 && confidence < 1)) {
        throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
      }
    }
  }

  /**
   * Estimates the shift of {@code candidate} relative to {@code reference}.
   *
   * @param confidence two-sided coverage of the interval, e.g. 0.95
   */
  public static Estimate estimate(double[] reference, double[] candidate, double confidence) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(candidate, "candidate");
    if (reference.length == 0 || candidate.length == 0) {
      throw new IllegalArgumentException("reference and candidate need at least one value each, got "
          + reference.length + " and " + candidate.length);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
    }
    double[] ref = reference.clone();
    double[] cand = candidate.clone();
    Arrays.sort(ref);
    Arrays.sort(cand);
    while ((long) ref.length * cand.length > MAX_PAIRS) {
      if (ref.length >= cand.length) {
        ref = thin(ref);
      } else {
        cand = thin(cand);
      }
    }
    int m = ref.length;
    int n = cand.length;
    double[] diffs = new double[m * n];
    int k = 0;
    for (double c : cand) {
      for (double r : ref) {
        diffs[k++] = c - r;
      }
    }
    Arrays.sort(diffs);
    double shift = Robust.medianOfSorted(diffs, 0, diffs.length);
    int drop = droppedPerSide(m, n, (1 - confidence) / 2);
    if (drop < 0 || drop > diffs.length - 1 - drop) {
      return new Estimate(shift, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, confidence);
    }
    return new Estimate(shift, diffs[drop], diffs[diffs.length - 1 - drop], confidence);
  }

  /**
   * How many sorted differences to drop at each end: the largest u with P(U ≤ u) ≤ tail under the no-ties
   * null, so that the interval [d(u+1), d(mn−u)] (1-based) covers with at least 1 − 2·tail; −1 when even
   * P(U = 0) exceeds the tail, i.e. the samples are too small to bound the shift.
   */
  static int droppedPerSide(int m, int n, double tail) {
    int total = m + n;
    if (total <= MannWhitneyU.EXACT_MAX_TOTAL) {
      int[] doubledRanks = new int[total];
      for (int i = 0; i < total; i++) {
        doubledRanks[i] = 2 * (i + 1);
      }
      double[] dist = MannWhitneyU.rankSumDistribution(doubledRanks, n);
      double all = 0;
      for (double w : dist) {
        all += w;
      }
      // Doubled rank sum of the smallest possible arrangement; U = (S - minS) / 2.
      int minS = n * (n + 1);
      double cumulative = 0;
      int qualifying = 0;
      for (int s = minS; s < dist.length; s += 2) {
        cumulative += dist[s] / all;
        if (cumulative > tail) {
          break;
        }
        qualifying++;
      }
      return qualifying - 1;
    }
    double mean = m * (double) n / 2.0;
    double sd = Math.sqrt(m * (double) n * (total + 1) / 12.0);
    double z = MannWhitneyU.normalQuantile(1 - tail);
    return Math.max(-1, (int) Math.floor(mean - z * sd - 0.5));
  }

  private static double[] thin(double[] sorted) {
    double[] out = new double[(sorted.length + 1) / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = Robust.quantileOfSorted(sorted, out.length == 1 ? 0.5 : i / (double) (out.length - 1));
    }
    return out;
  }
}
