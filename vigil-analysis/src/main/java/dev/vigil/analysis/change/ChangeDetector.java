package dev.vigil.analysis.change;

import dev.vigil.analysis.Series;
import dev.vigil.analysis.internal.Robust;
import java.util.Arrays;

/**
 * Finds the single most likely change in a window and says what kind it is and when it began.
 *
 * <p>Three models compete with "no change" for every candidate change point k (at least {@code minSegment}
 * points from either end), each fitted by least squares in O(n) over all k with prefix sums:
 * <ul>
 *   <li>level shift: one mean before k, another after;
 *   <li>drift: flat before k, then a straight line starting at k (a hinge);
 *   <li>variance change: one variance of the first differences before k, another after (first differences,
 *       because they ignore the level, so a shift or a drift does not masquerade as a variance change).
 * </ul>
 * Each model's gain is a Gaussian log-likelihood ratio minus a BIC penalty of 2·ln n for its two extra
 * parameters (the change point and one coefficient). The model with the largest gain wins if the gain exceeds
 * {@code minEvidence}. Assumes the window is otherwise stationary (no daily cycle inside it: compare residuals
 * of a {@link dev.vigil.analysis.baseline.SeasonalBaseline} for long windows) and reports only the strongest
 * change. Stateless and thread-safe.
 */
public final class ChangeDetector {
  /** Evidence below this is reported as no change: chosen so that pure noise stays quiet (see the tests). */
  public static final double DEFAULT_MIN_EVIDENCE = 10.0;

  private final int minSegment;
  private final double minEvidence;

  /**
   * A detector.
   *
   * @param minSegment fewest points on either side of a change, ≥ 3
   * @param minEvidence smallest BIC gain reported as a change, ≥ 0
   */
  public ChangeDetector(int minSegment, double minEvidence) {
    if (minSegment < 3) {
      throw new IllegalArgumentException("minSegment must be >= 3, got " + minSegment);
    }
    if (!(minEvidence >= 0)) {
      throw new IllegalArgumentException("minEvidence must be >= 0, got " + minEvidence);
    }
    this.minSegment = minSegment;
    this.minEvidence = minEvidence;
  }

  /** Segments of at least 8 points, {@link #DEFAULT_MIN_EVIDENCE}. */
  public ChangeDetector() {
    this(8, DEFAULT_MIN_EVIDENCE);
  }

  /** Looks for a change in the window. */
  public ChangeResult detect(Series window) {
    double[] x = window.values();
    int n = x.length;
    if (n < 2 * minSegment + 1) {
      return new ChangeResult.NotEnoughData("the window has " + n + " finite values, need at least "
          + (2 * minSegment + 1) + " to place a change with " + minSegment + " points on either side");
    }
    double penalty = 2 * Math.log(n);
    // Prefix sums over t = 0..n-1 of x, x², t, t², t·x.
    double[] sx = new double[n + 1];
    double[] sxx = new double[n + 1];
    double[] stx = new double[n + 1];
    for (int t = 0; t < n; t++) {
      sx[t + 1] = sx[t] + x[t];
      sxx[t + 1] = sxx[t] + x[t] * x[t];
      stx[t + 1] = stx[t] + t * x[t];
    }
    double sse0 = sse(sx, sxx, 0, n);
    double floor = noiseFloor(x);
    sse0 = Math.max(sse0, floor);

    double bestShift = Double.NEGATIVE_INFINITY;
    int shiftAt = -1;
    double bestDrift = Double.NEGATIVE_INFINITY;
    int driftAt = -1;
    for (int k = minSegment; k <= n - minSegment; k++) {
      double sseShift = Math.max(floor, sse(sx, sxx, 0, k) + sse(sx, sxx, k, n));
      double gainShift = n * Math.log(sse0 / sseShift) - penalty;
      if (gainShift > bestShift) {
        bestShift = gainShift;
        shiftAt = k;
      }
      double sseHinge = Math.max(floor, hingeSse(x, sx, sxx, stx, k));
      double gainDrift = n * Math.log(sse0 / sseHinge) - penalty;
      if (gainDrift > bestDrift) {
        bestDrift = gainDrift;
        driftAt = k;
      }
    }

    // Variance change on first differences d[i] = x[i+1] - x[i]; a change at d-index j means point j+1.
    int m = n - 1;
    double[] d = new double[m];
    for (int i = 0; i < m; i++) {
      d[i] = x[i + 1] - x[i];
    }
    double[] sd = new double[m + 1];
    double[] sdd = new double[m + 1];
    // Winsorising the differences at 5 robust sigmas keeps a single step (a level shift shows up as one
    // huge difference) from looking like a burst of noise.
    double cap = 5 * robustSigma(d);
    for (int i = 0; i < m; i++) {
      double v = Math.max(-cap, Math.min(cap, d[i]));
      sd[i + 1] = sd[i] + v;
      sdd[i + 1] = sdd[i] + v * v;
    }
    double varAll = Math.max(sse(sd, sdd, 0, m) / m, 1e-300);
    double bestVar = Double.NEGATIVE_INFINITY;
    int varAt = -1;
    for (int j = minSegment; j <= m - minSegment; j++) {
      double v1 = Math.max(sse(sd, sdd, 0, j) / j, 1e-300);
      double v2 = Math.max(sse(sd, sdd, j, m) / (m - j), 1e-300);
      double gain = m * Math.log(varAll) - j * Math.log(v1) - (m - j) * Math.log(v2) - penalty;
      if (gain > bestVar) {
        bestVar = gain;
        varAt = j + 1;
      }
    }

    double best = Math.max(bestShift, Math.max(bestDrift, bestVar));
    if (!(best > minEvidence)) {
      return new ChangeResult.NoChange(best);
    }
    var samples = window.samples();
    if (best == bestVar && bestVar > bestShift && bestVar > bestDrift) {
      double before = robustSigma(Arrays.copyOfRange(d, 0, varAt - 1)) / Math.sqrt(2);
      double after = robustSigma(Arrays.copyOfRange(d, varAt - 1, m)) / Math.sqrt(2);
      return new ChangeResult.Change(ChangeKind.VARIANCE_CHANGE, samples.get(varAt).timestamp(), varAt, before,
          after, bestVar);
    }
    if (bestDrift > bestShift) {
      int k = driftAt;
      double before = (sx[k]) / k;
      double[] coef = hingeFit(x, sx, sxx, stx, k);
      double after = coef[0] + coef[1] * (n - 1 - k);
      return new ChangeResult.Change(ChangeKind.DRIFT, samples.get(k).timestamp(), k, before, after, bestDrift);
    }
    int k = shiftAt;
    return new ChangeResult.Change(ChangeKind.LEVEL_SHIFT, samples.get(k).timestamp(), k, sx[k] / k,
        (sx[n] - sx[k]) / (n - k), bestShift);
  }

  private static double sse(double[] s, double[] ss, int from, int to) {
    int len = to - from;
    double sum = s[to] - s[from];
    return Math.max(0, (ss[to] - ss[from]) - sum * sum / len);
  }

  /**
   * SSE of the hinge model: x = a for t &lt; k, x = a + b·(t − k) for t ≥ k. With u = max(0, t − k) this is a
   * regression of x on [1, u].
   */
  private static double hingeSse(double[] x, double[] sx, double[] sxx, double[] stx, int k) {
    double[] c = hingeFit(x, sx, sxx, stx, k);
    int n = x.length;
    double su = 0.5 * (n - k - 1.0) * (n - k);
    double suu = (n - k - 1.0) * (n - k) * (2.0 * (n - k) - 1) / 6.0;
    double sux = (stx[n] - stx[k]) - k * (sx[n] - sx[k]);
    double a = c[0];
    double b = c[1];
    // Σ(x − a − b u)² expanded with the sums above.
    return Math.max(0, sxx[n] - 2 * a * sx[n] - 2 * b * sux + n * a * a + 2 * a * b * su + b * b * suu);
  }

  private static double[] hingeFit(double[] x, double[] sx, double[] sxx, double[] stx, int k) {
    int n = x.length;
    double su = 0.5 * (n - k - 1.0) * (n - k);
    double suu = (n - k - 1.0) * (n - k) * (2.0 * (n - k) - 1) / 6.0;
    double sux = (stx[n] - stx[k]) - k * (sx[n] - sx[k]);
    double det = n * suu - su * su;
    if (det <= 0) {
      return new double[] {sx[n] / n, 0};
    }
    double a = (suu * sx[n] - su * sux) / det;
    double b = (n * sux - su * sx[n]) / det;
    return new double[] {a, b};
  }

  /**
   * A floor for residual sums of squares: a window that is nearly flat would otherwise give an infinite
   * likelihood ratio for any fit that happens to be exact.
   */
  private static double noiseFloor(double[] x) {
    double scale = 0;
    for (double v : x) {
      scale = Math.max(scale, Math.abs(v));
    }
    return Math.max(1e-12, 1e-12 * scale * scale * x.length);
  }

  private static double robustSigma(double[] v) {
    return Math.max(1e-300, Robust.mad(v) * Robust.MAD_TO_SIGMA);
  }
}
