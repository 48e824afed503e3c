package dev.vigil.analysis.judge;

import java.util.Objects;

/**
 * The after-window against the range of a longer history before the change (e.g. the last week): how many
 * after-values lie strictly beyond everything the history holds, in the bad direction.
 *
 * <p>Why a range and not a level: many incidents are short spikes, a few points in an otherwise normal hour,
 * which a rank-sum test on an hour of points cannot see, while a value the metric has not reached all week is
 * exactly what an on-call engineer would call out. If history and after-values were exchangeable (nothing
 * changed), the chance that at least one after-value is a new maximum is at most n / (h + n) for h history and
 * n after values (the largest of h + n exchangeable values is one of the n with that probability; ties only
 * lower it, since a tie is not beyond), and twice that for both directions. That bound is {@link #p()}.
 *
 * @param historySize finite values in the history, ≥ 0
 * @param afterSize finite values in the after-window, ≥ 0
 * @param low the history's smallest value (NaN when the history is empty)
 * @param high the history's largest value (NaN when the history is empty)
 * @param above after-values above {@code high} by more than the tolerance's absolute and relative parts, counted
 *     only when higher is worse (or both)
 * @param below after-values below {@code low} by more than the tolerance's absolute and relative parts, counted
 *     only when lower is worse (or both)
 * @param p the bound on the chance of {@code above + below > 0} with nothing changed; NaN when not judged
 * @param verdict FAIL when a value lies beyond the range and the check is judged, PASS when none does, NOT_ENOUGH_DATA
 *     when the history is too short for {@code p} to fall below the judge's α (then a new extreme proves nothing)
 * @param reason one sentence saying what was found
 */
public record RangeCheck(int historySize, int afterSize, double low, double high, int above, int below, double p,
    Verdict verdict, String reason) {
  public RangeCheck {
    if (historySize < 0 || afterSize < 0 || above < 0 || below < 0) {
      throw new IllegalArgumentException("sizes and counts must be >= 0");
    }
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    if (verdict == Verdict.MARGINAL) {
      throw new IllegalArgumentException("a range check is fail, pass or not enough data, never marginal");
    }
  }

  /** After-values beyond the history's range in a bad direction. */
  public int beyond() {
    return above + below;
  }
}
