package dev.vigil.analysis.anomaly;

/**
 * Parameters of {@link RankAnomalyScorer}. One set for every series (never tuned per series): the defaults
 * were chosen on one declared half of the NAB corpus and are reported on both halves (see
 * {@code docs/benchmarks.md}).
 *
 * @param history how many past points each feature's distribution remembers, ≥ 10
 * @param shortWindow points averaged for the short-term level feature, ≥ 2
 * @param warmup points before any score other than 0 is given, ≥ 2 and ≤ history
 * @param suppressPoints after an alarm-level score, later scores are damped for this many points, ≥ 0: an
 *     incident is one finding, not one per point
 * @param alarmLevel the score at which suppression starts, in (0, 1]
 * @param damping factor applied to scores during suppression, in [0, 1]
 * @param seasonPoints points in one season (288 = a day of 5-minute points, 1440 = a day of 1-minute points);
 *     the scorer also asks how unusual the change from one season earlier is and averages that with the other
 *     surprises, so that a daily peak the series reaches every day is not an alarm; 0 turns the seasonal view off
 * @param contextLevels slices of the range seen so far that the contextual view cuts values into, 0 (view
 *     off) or 2..64; with the view on, a point whose recent shape the series has produced before weighs less
 * @param contextOrder the longest context, in previous points, that the contextual view remembers, 1..32
 * @param knownContextWeight the weight, in (0, 1], of the surprise of a point whose contexts are all known
 *     (a point whose contexts are all new keeps its full surprise; in between, linearly)
 * @param shiftWindow points in each of the two adjacent windows whose means the level-shift feature compares,
 *     0 (feature off) or ≥ 2
 * @param riseWindow how many previous scores the rise rule looks back over, 0 (rule off) or ≥ 1: a score that
 *     does not rise above the highest of them by {@code riseMargin} is multiplied by {@code notRisingWeight}
 * @param riseMargin how far, in score, a point must rise above the recent highest score to keep its full score,
 *     ≥ 0
 * @param notRisingWeight the factor, in (0, 1], of a score that does not rise (1 = the rule has no effect)
 * @param predictionResolutions the second, contextual detector's finest resolution, 0 (detector off) or 1..8:
 *     values are read at 2, 4, ..., 2^this slices of the range seen so far ({@code ContextPrediction})
 * @param predictionOrder the longest situation, in previous points, the contextual detector remembers, 1..16
 * @param predictionWeight the contextual detector's score times this is a floor under the score, in [0, 1]:
 *     with 0.6 and the alarm level 0.47 it alarms on its own only above 0.78, when most of what the series'
 *     past predicted failed and most contexts are new
 */
public record ScorerSettings(int history, int shortWindow, int warmup, int suppressPoints, double alarmLevel,
    double damping, int seasonPoints, int contextLevels, int contextOrder, double knownContextWeight,
    int shiftWindow, int riseWindow, double riseMargin, double notRisingWeight, int predictionResolutions,
    int predictionOrder, double predictionWeight) {
  /** The benchmarked defaults (a day of NAB's usual 5-minute points as the season). */
  public static final ScorerSettings DEFAULT =
      new ScorerSettings(750, 8, 60, 80, 0.47, 0.0, 288, 10, 4, 0.6, 32, 100, 0.03, 0.85, 4, 3, 0.6);

  /** Settings without the contextual detector. */
  public ScorerSettings(int history, int shortWindow, int warmup, int suppressPoints, double alarmLevel,
      double damping, int seasonPoints, int contextLevels, int contextOrder, double knownContextWeight,
      int shiftWindow, int riseWindow, double riseMargin, double notRisingWeight) {
    this(history, shortWindow, warmup, suppressPoints, alarmLevel, damping, seasonPoints, contextLevels,
        contextOrder, knownContextWeight, shiftWindow, riseWindow, riseMargin, notRisingWeight, 0, 1, 0.0);
  }

  /** Settings without the rise rule. */
  public ScorerSettings(int history, int shortWindow, int warmup, int suppressPoints, double alarmLevel,
      double damping, int seasonPoints, int contextLevels, int contextOrder, double knownContextWeight,
      int shiftWindow) {
    this(history, shortWindow, warmup, suppressPoints, alarmLevel, damping, seasonPoints, contextLevels,
        contextOrder, knownContextWeight, shiftWindow, 0, 0, 1.0);
  }

  /** Settings without the seasonal and contextual views and the level-shift feature. */
  public ScorerSettings(int history, int shortWindow, int warmup, int suppressPoints, double alarmLevel,
      double damping) {
    this(history, shortWindow, warmup, suppressPoints, alarmLevel, damping, 0);
  }

  /** Settings without the contextual view and the level-shift feature. */
  public ScorerSettings(int history, int shortWindow, int warmup, int suppressPoints, double alarmLevel,
      double damping, int seasonPoints) {
    this(history, shortWindow, warmup, suppressPoints, alarmLevel, damping, seasonPoints, 0, 1, 1.0, 0);
  }

  /** These settings with another season ({@code seasonPoints}). */
  public ScorerSettings withSeason(int seasonPoints) {
    return new ScorerSettings(history, shortWindow, warmup, suppressPoints, alarmLevel, damping, seasonPoints,
        contextLevels, contextOrder, knownContextWeight, shiftWindow, riseWindow, riseMargin, notRisingWeight,
        predictionResolutions, predictionOrder, predictionWeight);
  }

  /**
   * These settings without the two rules that lower a score because of earlier alarms: the suppression after
   * an alarm and the rise rule. For a caller that asks how unusual a few points are after a replayed history,
   * not for one alarm per incident in a stream.
   */
  public ScorerSettings withoutAlarmDamping() {
    return new ScorerSettings(history, shortWindow, warmup, 0, alarmLevel, damping, seasonPoints, contextLevels,
        contextOrder, knownContextWeight, shiftWindow, 0, riseMargin, notRisingWeight, predictionResolutions,
        predictionOrder, predictionWeight);
  }

  public ScorerSettings {
    if (predictionResolutions < 0 || predictionResolutions > 8) {
      throw new IllegalArgumentException("predictionResolutions must be 0 (no contextual detector) or in [1, 8], got "
          + predictionResolutions);
    }
    if (predictionOrder < 1 || predictionOrder > 16) {
      throw new IllegalArgumentException("predictionOrder must be in [1, 16], got " + predictionOrder);
    }
    if (!(predictionWeight >= 0 && predictionWeight <= 1)) {
      throw new IllegalArgumentException("predictionWeight must be in [0, 1], got " + predictionWeight);
    }
    if (riseWindow < 0) {
      throw new IllegalArgumentException("riseWindow must be >= 0 (0 = no rise rule), got " + riseWindow);
    }
    if (!(riseMargin >= 0 && riseMargin < 1)) {
      throw new IllegalArgumentException("riseMargin must be in [0, 1), got " + riseMargin);
    }
    if (!(notRisingWeight > 0 && notRisingWeight <= 1)) {
      throw new IllegalArgumentException("notRisingWeight must be in (0, 1], got " + notRisingWeight);
    }
    if (shiftWindow != 0 && shiftWindow < 2) {
      throw new IllegalArgumentException("shiftWindow must be 0 (no level-shift feature) or >= 2, got "
          + shiftWindow);
    }
    if (contextLevels != 0 && (contextLevels < 2 || contextLevels > 64)) {
      throw new IllegalArgumentException("contextLevels must be 0 (no contextual view) or in [2, 64], got "
          + contextLevels);
    }
    if (contextOrder < 1 || contextOrder > 32) {
      throw new IllegalArgumentException("contextOrder must be in [1, 32], got " + contextOrder);
    }
    if (!(knownContextWeight > 0 && knownContextWeight <= 1)) {
      throw new IllegalArgumentException("knownContextWeight must be in (0, 1], got " + knownContextWeight);
    }
    if (seasonPoints < 0) {
      throw new IllegalArgumentException("seasonPoints must be >= 0 (0 = no seasonal view), got " + seasonPoints);
    }
    if (history < 10) {
      throw new IllegalArgumentException("history must be >= 10, got " + history);
    }
    if (shortWindow < 2) {
      throw new IllegalArgumentException("shortWindow must be >= 2, got " + shortWindow);
    }
    if (warmup < 2 || warmup > history) {
      throw new IllegalArgumentException("warmup must be in [2, history=" + history + "], got " + warmup);
    }
    if (suppressPoints < 0) {
      throw new IllegalArgumentException("suppressPoints must be >= 0, got " + suppressPoints);
    }
    if (!(alarmLevel > 0 && alarmLevel <= 1)) {
      throw new IllegalArgumentException("alarmLevel must be in (0, 1], got " + alarmLevel);
    }
    if (!(damping >= 0 && damping <= 1)) {
      throw new IllegalArgumentException("damping must be in [0, 1], got " + damping);
    }
  }
}
