package dev.vigil.analysis.judge;

import java.util.Objects;

/**
 * The judge's verdict on one metric, with the comparisons it rests on.
 *
 * @param metric the metric's name
 * @param verdict the combined verdict
 * @param reason why, in one or two sentences
 * @param vsBefore after-window against the window before the change
 * @param vsLastWeek after-window against the same window a week earlier; null when no such window was given
 * @param skippedNaN NaN values dropped from the inputs (counted so a report can say how much was missing)
 * @param vsHistory after-window against the range of the longer history; null when no history was given
 * @param vsScorer after-window as the anomaly scorer sees it after the history; null when the history's values
 *     were not given
 * @param vsPastShifts how often the history moved as far as the after-window did; null when the history's values
 *     were not given
 */
public record MetricJudgement(String metric, Verdict verdict, String reason, Comparison vsBefore,
    Comparison vsLastWeek, int skippedNaN, RangeCheck vsHistory, AnomalyCheck vsScorer, ShiftRarity vsPastShifts) {
  /** A judgement made before the history's shifts were counted. */
  public MetricJudgement(String metric, Verdict verdict, String reason, Comparison vsBefore, Comparison vsLastWeek,
      int skippedNaN, RangeCheck vsHistory, AnomalyCheck vsScorer) {
    this(metric, verdict, reason, vsBefore, vsLastWeek, skippedNaN, vsHistory, vsScorer, null);
  }

  /** A judgement made with a history's summary only. */
  public MetricJudgement(String metric, Verdict verdict, String reason, Comparison vsBefore, Comparison vsLastWeek,
      int skippedNaN, RangeCheck vsHistory) {
    this(metric, verdict, reason, vsBefore, vsLastWeek, skippedNaN, vsHistory, null, null);
  }

  /** A judgement made without a longer history. */
  public MetricJudgement(String metric, Verdict verdict, String reason, Comparison vsBefore, Comparison vsLastWeek,
      int skippedNaN) {
    this(metric, verdict, reason, vsBefore, vsLastWeek, skippedNaN, null, null, null);
  }

  public MetricJudgement {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(vsBefore, "vsBefore");
    if (skippedNaN < 0) {
      throw new IllegalArgumentException("skippedNaN must be >= 0, got " + skippedNaN);
    }
  }

  /** Contribution to a plan score: 100 for pass, 50 for marginal, 0 for fail; NaN when not judged. */
  public double score() {
    return switch (verdict) {
      case PASS -> 100;
      case MARGINAL -> 50;
      case FAIL -> 0;
      case NOT_ENOUGH_DATA -> Double.NaN;
    };
  }
}
