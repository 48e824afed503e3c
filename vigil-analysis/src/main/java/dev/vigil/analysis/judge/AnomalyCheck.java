package dev.vigil.analysis.judge;

import java.time.Instant;
import java.util.Objects;

/**
 * The after-window as the streaming anomaly scorer sees it after a longer history: the scorer is run over the
 * history, the before-window and then the after-window, in time order, and the highest score of an after-value
 * that is worse than the before-window beyond the tolerance is kept.
 *
 * <p>Why a detector as well as the tests: the level test asks whether the hour after moved, the range check
 * whether it left the week's range; neither sees a shape the series has not made before inside its usual range
 * (a step that does not reach the week's high, a burst in the wrong hour of the day). The scorer ranks each point
 * against the recent past, the same hour a day earlier and the shapes the series has made (docs/analysis.md).
 * Why only worse values count: the scorer does not know which way is bad, and a latency that drops after a
 * deploy is not a regression.
 *
 * @param historySize finite history values the scorer learned from (the before-window's later values included)
 * @param scoredAfter after-values the scorer saw (after-windows at a finer step than the history are thinned to
 *     the history's step)
 * @param seasonPoints the scorer's season, in points: a day at the history's step, 0 when the history's step is a
 *     day or more
 * @param highestScore the highest score of an after-value worse than the before-window beyond the tolerance, in
 *     [0, 1]; 0 when there is none; NaN when not judged
 * @param worstValue that after-value (NaN when none)
 * @param worstAt its timestamp (null when none)
 * @param failScore the score at which the check fails
 * @param verdict FAIL when {@code highestScore >= failScore}, PASS when judged and below it, NOT_ENOUGH_DATA when
 *     the history is shorter than the scorer's own history or the after-window too small
 * @param reason one sentence saying what was found
 */
public record AnomalyCheck(int historySize, int scoredAfter, int seasonPoints, double highestScore,
    double worstValue, Instant worstAt, double failScore, Verdict verdict, String reason) {
  public AnomalyCheck {
    if (historySize < 0 || scoredAfter < 0 || seasonPoints < 0) {
      throw new IllegalArgumentException("sizes must be >= 0");
    }
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    if (verdict == Verdict.MARGINAL) {
      throw new IllegalArgumentException("an anomaly check is fail, pass or not enough data, never marginal");
    }
  }
}
