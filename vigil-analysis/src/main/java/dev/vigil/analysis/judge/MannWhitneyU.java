package dev.vigil.analysis.judge;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Mann-Whitney U (Wilcoxon rank-sum) test of a candidate sample against a reference sample.
 *
 * <p>Small samples (at most {@value #EXACT_MAX_TOTAL} values in all) get the exact permutation distribution of
 * the rank sum, computed over the observed mid-ranks, so it stays exact with ties. This matters for the case
 * canary judges get wrong: a flat before-window is one big tie, and the normal approximation is poor there.
 * Larger samples use the normal approximation with tie-corrected variance and a continuity correction.
 * Stateless and thread-safe.
 */
public final class MannWhitneyU {
  /** Largest combined sample size for which the exact distribution is computed. */
  public static final int EXACT_MAX_TOTAL = 60;

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  private MannWhitneyU() {}

  /**
   * Result of the test.
   *
   * @param u the U statistic of the candidate sample: how many (reference, candidate) pairs have the candidate
   *     larger, counting ties as one half; ranges over [0, nReference × nCandidate]
   * @param pGreater one-sided p-value for "the candidate tends to be larger"
   * @param pLess one-sided p-value for "the candidate tends to be smaller"
   * @param pTwoSided two-sided p-value
   * @param exact true when the p-values come from the exact permutation distribution
   */
  public record Result(double u, double pGreater, double pLess, double pTwoSided, boolean exact) {
    public Result {
      checkP("pGreater", pGreater);
      checkP("pLess", pLess);
      checkP("pTwoSided", pTwoSided);
    }

    private static void checkP(String name, double p) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException(name + " must be in [0, 1], got " + p);
      }
    }
  }

  /**
   * Tests {@code candidate} against {@code reference}.
   *
   * @param reference finite values, at least one
   * @param candidate finite values, at least one
   */
  public static Result test(double[] reference, double[] candidate) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(candidate, "candidate");
    if (reference.length == 0 || candidate.length == 0) {
      throw new IllegalArgumentException("reference and candidate need at least one value each, got "
          + reference.length + " and " + candidate.length);
    }
    int n1 = reference.length;
    int n2 = candidate.length;
    int total = n1 + n2;
    double[] all = new double[total];
    boolean[] isCandidate = new boolean[total];
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) {
      all[i] = i < n1 ? reference[i] : candidate[i - n1];
      if (!Double.isFinite(all[i])) {
        throw new IllegalArgumentException((i < n1 ? "reference[" + i : "candidate[" + (i - n1)) + "] is not finite: " + all[i]);
      }
      isCandidate[i] = i >= n1;
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
    // Doubled mid-ranks are integers, which lets the exact distribution be counted in integer sums.
    int[] doubledRank = new int[total];
    double tieTerm = 0;
    int i = 0;
    while (i < total) {
      int j = i;
      while (j + 1 < total && all[order[j + 1]] == all[order[i]]) {
        j++;
      }
      int doubledMid = (i + 1) + (j + 1);
      for (int k = i; k <= j; k++) {
        doubledRank[k] = doubledMid;
      }
      double t = j - i + 1;
      tieTerm += t * t * t - t;
      i = j + 1;
    }
    long observedDoubledSum = 0;
    for (int k = 0; k < total; k++) {
      if (isCandidate[order[k]]) {
        observedDoubledSum += doubledRank[k];
      }
    }
    double rankSum = observedDoubledSum / 2.0;
    double u = rankSum - n2 * (n2 + 1) / 2.0;

    if (tieTerm == (double) total * total * total - total) {
      // Every value is the same: no evidence of any difference.
      return new Result(u, 1, 1, 1, total <= EXACT_MAX_TOTAL);
    }
    if (total <= EXACT_MAX_TOTAL) {
      double[] dist = rankSumDistribution(doubledRank, n2);
      double all2 = 0;
      double ge = 0;
      double le = 0;
      for (int s = 0; s < dist.length; s++) {
        all2 += dist[s];
        if (s >= observedDoubledSum) {
          ge += dist[s];
        }
        if (s <= observedDoubledSum) {
          le += dist[s];
        }
      }
      double pg = Math.min(1, ge / all2);
      double pl = Math.min(1, le / all2);
      return new Result(u, pg, pl, Math.min(1, 2 * Math.min(pg, pl)), true);
    }
    double mean = n1 * (double) n2 / 2.0;
    double variance = n1 * (double) n2 / 12.0 * ((total + 1) - tieTerm / ((double) total * (total - 1)));
    double sd = Math.sqrt(variance);
    double pg = 1 - STANDARD_NORMAL.cumulativeProbability((u - mean - 0.5) / sd);
    double pl = STANDARD_NORMAL.cumulativeProbability((u - mean + 0.5) / sd);
    pg = clamp(pg);
    pl = clamp(pl);
    return new Result(u, pg, pl, Math.min(1, 2 * Math.min(pg, pl)), false);
  }

  /**
   * Smallest one-sided p-value any data could give with these sample sizes: all candidate values beyond all
   * reference values, 1 / C(n1 + n2, n2). When it is above the significance level the test can never fire, and
   * a judge that passed in that case would be passing on no evidence.
   */
  public static double smallestAttainableP(int referenceSize, int candidateSize) {
    if (referenceSize < 1 || candidateSize < 1) {
      return 1;
    }
    // log C(n, k) summed term by term to stay finite for large samples.
    int n = referenceSize + candidateSize;
    int k = Math.min(candidateSize, referenceSize);
    double logC = 0;
    for (int j = 1; j <= k; j++) {
      logC += Math.log(n - k + j) - Math.log(j);
    }
    return Math.exp(-logC);
  }

  /**
   * Number of ways (as a double) each doubled rank sum arises when {@code choose} of the given doubled ranks
   * are picked: the exact null distribution, index = doubled rank sum.
   */
  static double[] rankSumDistribution(int[] doubledRanks, int choose) {
    int[] sortedDesc = doubledRanks.clone();
    Arrays.sort(sortedDesc);
    int maxSum = 0;
    for (int k = 0; k < choose; k++) {
      maxSum += sortedDesc[sortedDesc.length - 1 - k];
    }
    double[][] ways = new double[choose + 1][maxSum + 1];
    ways[0][0] = 1;
    int seen = 0;
    for (int r : doubledRanks) {
      seen++;
      for (int k = Math.min(seen, choose); k >= 1; k--) {
        double[] into = ways[k];
        double[] from = ways[k - 1];
        for (int s = maxSum; s >= r; s--) {
          if (from[s - r] != 0) {
            into[s] += from[s - r];
          }
        }
      }
    }
    return ways[choose];
  }

  /** Standard normal quantile, for callers that need critical values. */
  static double normalQuantile(double p) {
    return STANDARD_NORMAL.inverseCumulativeProbability(p);
  }

  private static double clamp(double p) {
    return Math.max(0, Math.min(1, p));
  }
}
