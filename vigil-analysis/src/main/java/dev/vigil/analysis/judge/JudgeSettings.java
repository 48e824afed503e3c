package dev.vigil.analysis.judge;

/**
 * Parameters of the before/after judge.
 *
 * @param alpha significance level of the rank test, in (0, 0.5); 0.05 by default. A deploy gate runs many
 *     metrics, but a Bonferroni-style correction would make small windows unjudgeable; the tolerance, not
 *     the p-value, is what keeps the false failure rate down.
 * @param minSamples fewest finite values a window must hold to be judged at all, ≥ 2
 * @param confidence coverage of the shift's confidence interval, in (0, 1)
 * @param anomalyScore the anomaly scorer's score, in (0, 1], at which an after-value worse beyond the tolerance
 *     fails the metric on its own ({@link AnomalyCheck}); 0.52
 * @param marginalAnomalyScore the score, in (0, anomalyScore], at which such a value turns a marginal verdict into
 *     a failure (two weak signs that agree); 0.42. Both were chosen together on the judge benchmark's tuning half
 *     as the pair with the highest recall at a false failure rate of at most 2 % (docs/benchmarks.md)
 * @param usualShiftShare a failure of the level test whose shift the history made at least this often, as a share
 *     of its positions ({@link ShiftRarity}), becomes marginal; in [0, 1], 1 turns the rule off; 0.01 by default
 *     ({@link #USUAL_SHIFT_SHARE}), chosen on the judge benchmark's tuning half (docs/benchmarks.md)
 */
public record JudgeSettings(double alpha, int minSamples, double confidence, double anomalyScore,
    double marginalAnomalyScore, double usualShiftShare) {
  /** See {@link #usualShiftShare()}. */
  public static final double USUAL_SHIFT_SHARE = 0.01;

  /** alpha 0.05, at least 3 values per window, 95 % intervals, anomaly scores 0.52 and 0.42, usual shifts 1 %. */
  public static final JudgeSettings DEFAULT = new JudgeSettings(0.05, 3, 0.95);

  /** Settings with the default anomaly scores. */
  public JudgeSettings(double alpha, int minSamples, double confidence) {
    this(alpha, minSamples, confidence, 0.52, 0.42, USUAL_SHIFT_SHARE);
  }

  /** Settings with the default share of usual shifts. */
  public JudgeSettings(double alpha, int minSamples, double confidence, double anomalyScore,
      double marginalAnomalyScore) {
    this(alpha, minSamples, confidence, anomalyScore, marginalAnomalyScore, USUAL_SHIFT_SHARE);
  }

  public JudgeSettings {
    if (!(anomalyScore > 0 && anomalyScore <= 1)) {
      throw new IllegalArgumentException("anomalyScore must be in (0, 1], got " + anomalyScore);
    }
    if (!(marginalAnomalyScore > 0 && marginalAnomalyScore <= anomalyScore)) {
      throw new IllegalArgumentException("marginalAnomalyScore must be in (0, anomalyScore=" + anomalyScore
          + "], got " + marginalAnomalyScore);
    }
    if (!(usualShiftShare >= 0 && usualShiftShare <= 1)) {
      throw new IllegalArgumentException("usualShiftShare must be in [0, 1], got " + usualShiftShare);
    }
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
