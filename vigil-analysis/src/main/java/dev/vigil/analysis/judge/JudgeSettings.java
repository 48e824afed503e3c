package dev.vigil.analysis.judge;

/**
 * Parameters of the before/after judge.
 *
 * @param alpha significance level of the rank test, in (0, 0.5); 0.05 by default. A deploy gate runs many
 *     metrics, but a Bonferroni-style correction would make small windows unjudgeable; the tolerance, not
 *     the p-value, is what keeps the false failure rate down.
 * @param minSamples fewest finite values a window must hold to be judged at all, ≥ 2
 * @param confidence coverage of the shift's confidence interval, in (0, 1)
 */
public record JudgeSettings(double alpha, int minSamples, double confidence) {
  /** alpha 0.05, at least 3 values per window, 95 % intervals. */
  public static final JudgeSettings DEFAULT = new JudgeSettings(0.05, 3, 0.95);

  public JudgeSettings {
    if (!(alpha > 0 && alpha < 0.5)) {
      throw new IllegalArgumentException("alpha must be in (0, 0.5), got " + alpha);
    }
    if (minSamples < 2) {
      throw new IllegalArgumentException("minSamples must be >= 2, got " + minSamples);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
    }
  }
}
