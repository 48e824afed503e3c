package dev.vigil.analysis.judge;

import java.util.Objects;

/**
 * How often the history, with no deploy in it, moved as far as the after-window did: at every position of the
 * history, the median of the next after-window's worth of values minus the median of the previous
 * before-window's worth, counted when it is at least as large as the observed shift in the bad direction.
 *
 * <p>Why: the level test asks whether the hour after differs from the hours before, and for a bursty metric
 * (tweet volumes, request counts of a busy endpoint) the answer is often yes with nothing having changed. The
 * series' own past is the fairest null distribution there is for "an hour that moved this much": a shift the
 * series makes in a few percent of its hours is the series' weather, not the deploy. This is an empirical
 * p-value over overlapping windows, so one past step counts at every position whose after-window straddles it;
 * the share that downgrades is set with that in mind ({@link JudgeSettings#usualShiftShare()}).
 *
 * @param positions history positions compared (0 when not judged)
 * @param beforePoints history values in a before-window's worth (its duration at the history's step)
 * @param afterPoints history values in an after-window's worth
 * @param shift the observed shift, after-median minus before-median, in the metric's unit
 * @param asLarge positions whose shift was at least as large in the bad direction
 * @param share {@code asLarge / positions}; NaN when not judged
 * @param judged false when the history is too short or its step too coarse for the windows
 * @param reason one sentence saying what was found
 */
public record ShiftRarity(int positions, int beforePoints, int afterPoints, double shift, int asLarge, double share,
    boolean judged, String reason) {
  public ShiftRarity {
    if (positions < 0 || beforePoints < 0 || afterPoints < 0 || asLarge < 0 || asLarge > positions) {
      throw new IllegalArgumentException("counts must be >= 0 and asLarge <= positions");
    }
    Objects.requireNonNull(reason, "reason");
  }
}
