package dev.vigil.analysis.anomaly;

import dev.vigil.analysis.internal.SlidingRank;
import java.time.Instant;
import java.util.Objects;

/**
 * Vigil's streaming anomaly scorer: how unusual the point is among the recent past, by rank, on up to four
 * features, weighed by how new its shape is for the series, then damped after an alarm.
 *
 * <p>Features of point t, each compared with its own last {@code history} values:
 * <ol>
 *   <li>the value itself (two-sided: a new high or a new low),
 *   <li>the absolute step from the previous value (a sudden jump, even inside the usual range),
 *   <li>the mean of the last {@code shortWindow} values (a sustained shift that single points hide in noise),
 *   <li>with {@code shiftWindow} > 0, the mean of the last {@code shiftWindow} values minus the mean of the
 *       {@code shiftWindow} before them (a level shift or ramp as one clear step; {@link MeanShift}).
 * </ol>
 * Each gives a surprise −ln(empirical tail probability) (rank among the history, ties counted against the
 * point, so flat series do not alarm on repeats), plus ln(1 + exceedance / spread) beyond the history's extreme;
 * the largest counts, and the score is 1 − exp(−surprise / 8).
 * Ranks instead of z-scores because operational metrics are skewed and heavy-tailed and a rank needs no
 * distributional assumption.
 *
 * <p>With a season ({@code seasonPoints} > 0), a fourth view: the absolute change from the value one season
 * earlier, ranked against its own history (one-sided: only unusually large changes count). The surprise is
 * then the mean of the largest of the surprises above and this seasonal one. Why a mean and not a
 * second alarm: most false alarms of the rank features are daily peaks and bursts that are new for the last
 * {@code history} points but ordinary for the hour of day; a real incident is unusual on both counts. On the
 * NAB tuning half the mean beat taking the smaller of the two (a hard gate), a geometric mean and gating all
 * but the step feature (docs/analysis.md). Until a season and the warm-up have passed, the other features
 * decide alone.
 *
 * <p>With a contextual view ({@code contextLevels} > 0), the surprise is then weighed by how new the point's
 * recent shape is for the whole life of the series ({@link ContextNovelty}): multiplied by
 * {@code knownContextWeight} when every context of the last {@code contextOrder} levels is known, by 1 when
 * all are new, linearly in between. Why: a sliding history of {@code history} points forgets, so a series
 * that bursts every few days produces a "new extreme of the last {@code history} points" at about the same
 * rate however long it runs; a memory of shapes that does not forget says which of those bursts the series
 * has made before. On NAB this halved the false alarms of the long tweet-volume series (docs/analysis.md). The same
 * memory also watches a coarser copy of the series, the mean of each block of {@code shortWindow} points, and
 * the novelty is the larger of the two: a day whose shape changed (a missing peak, a holiday) can be made of
 * points that are each known at the fine scale.
 *
 * <p>With a rise rule ({@code riseWindow} > 0), a score that does not rise above the highest score of the last
 * {@code riseWindow} points by more than {@code riseMargin} is multiplied by {@code notRisingWeight}. Why: on
 * noisy series the score hovers near the alarm level and crosses it now and then with nothing new happening;
 * an incident makes the score jump from where it was. On NAB this removed a tenth of the false alarms and found
 * one more window (docs/benchmarks.md).
 *
 * <p>With a contextual detector ({@code predictionResolutions} > 0), the score is at least
 * {@code predictionWeight} times the score of {@link ContextPrediction}: how badly the series' own past, read as
 * sequences of quantised levels at several resolutions, failed to predict this point. An ensemble of two
 * detector families: the ranks see what is extreme among the last {@code history} points, the contextual
 * detector what is a new sequence for the series' life. A maximum and not a mean because the two rarely agree
 * (a mean lowered the ranks' true alarms) and a weight of 0.6 leaves the contextual detector only its most
 * certain points (above 0.78 at the alarm level 0.47); on NAB it found two more windows for five more false
 * alarms (docs/benchmarks.md). It is applied after the rise rule, which it would otherwise raise the bar of, and
 * only once a season ({@code seasonPoints}, or the warm-up if longer) has been seen: before the memory has seen
 * a whole day, every shape of the day is new to it, and a fresh series would alarm on its first ordinary peaks
 * (on Gaussian noise, the first 1,000 points of a series raise 3.2 alarms with the floor on from the warm-up,
 * 2.1 from a season on and 1.8 without the detector).
 *
 * <p>After a score reaches {@code alarmLevel}, scores are multiplied by
 * {@code damping} for {@code suppressPoints} points: a benchmark (and an on-call engineer) counts one incident,
 * not one alarm per point.
 *
 * <p>Cost per point is O(history) in the worst case (array shifts) and under two microseconds at the
 * defaults; see {@code ./vigil bench scorer}. Not thread-safe.
 */
public final class RankAnomalyScorer implements AnomalyScorer {
  /** Nats of surprise that map to a score of 1 − 1/e; a history of 2000 points gives at most ~7.6 by rank. */
  private static final double SURPRISE_SCALE = 8.0;

  private final ScorerSettings settings;
  private final SlidingRank values;
  private final SlidingRank steps;
  private final SlidingRank shortMeans;
  private final MeanShift shift;
  private final SlidingRank shifts;
  private final SlidingRank seasonalChanges;
  private final ContextNovelty contexts;
  private final ContextNovelty blockContexts;
  private final ContextPrediction prediction;
  private double blockNovelty;
  private final double[] season;
  private final double[] recent;
  private int recentHead;
  private double recentSum;
  private long seen;
  private long skipped;
  private double previous = Double.NaN;
  private Instant lastTimestamp;
  private int suppressLeft;
  private final double[] recentScores;
  private int recentScoresHead;

  /** A scorer with the given settings. */
  public RankAnomalyScorer(ScorerSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    values = new SlidingRank(settings.history());
    steps = new SlidingRank(settings.history());
    shortMeans = new SlidingRank(settings.history());
    shift = settings.shiftWindow() > 0 ? new MeanShift(settings.shiftWindow()) : null;
    shifts = shift != null ? new SlidingRank(settings.history()) : null;
    seasonalChanges = new SlidingRank(settings.history());
    season = new double[settings.seasonPoints()];
    contexts = settings.contextLevels() > 0
        ? new ContextNovelty(settings.contextLevels(), settings.contextOrder()) : null;
    blockContexts = settings.contextLevels() > 0
        ? new ContextNovelty(settings.contextLevels(), settings.contextOrder()) : null;
    prediction = settings.predictionResolutions() > 0
        ? new ContextPrediction(settings.predictionResolutions(), settings.predictionOrder()) : null;
    recent = new double[settings.shortWindow()];
    recentScores = new double[settings.riseWindow()];
  }

  /** A scorer with {@link ScorerSettings#DEFAULT}. */
  public RankAnomalyScorer() {
    this(ScorerSettings.DEFAULT);
  }

  @Override
  public double score(Instant timestamp, double value) {
    Objects.requireNonNull(timestamp, "timestamp");
    if (lastTimestamp != null && timestamp.isBefore(lastTimestamp)) {
      throw new IllegalArgumentException("timestamp " + timestamp + " is before the previous point's "
          + lastTimestamp + " (points must arrive in time order)");
    }
    lastTimestamp = timestamp;
    if (Double.isNaN(value)) {
      skipped++;
      return 0;
    }
    if (Double.isInfinite(value)) {
      throw new IllegalArgumentException("value must be finite or NaN, got " + value);
    }
    double step = Double.isNaN(previous) ? 0 : Math.abs(value - previous);
    previous = value;
    int slot = recentHead;
    recentSum += value - recent[slot];
    recent[slot] = value;
    recentHead = (recentHead + 1) % recent.length;
    boolean shortReady = seen + 1 >= recent.length;
    double shortMean = recentSum / Math.min(seen + 1, recent.length);

    double novelty = 0;
    if (contexts != null) {
      if ((seen + 1) % recent.length == 0) {
        // The mean of each block of shortWindow points is a coarser copy of the series, whose contexts span
        // shortWindow × contextOrder points: a changed daily shape is new there while each point looks known.
        blockNovelty = blockContexts.next(shortMean);
      }
      novelty = Math.max(contexts.next(value), blockNovelty);
    }
    double predictionScore = prediction == null ? 0 : prediction.next(value);
    double levelShift = shift == null ? Double.NaN : shift.next(value);
    double score = 0;
    if (seen >= settings.warmup()) {
      double surprise = Math.max(twoSided(values, value), oneSidedHigh(steps, step));
      if (!Double.isNaN(levelShift) && shifts.size() >= settings.warmup()) {
        surprise = Math.max(surprise, twoSided(shifts, levelShift));
      }
      if (shortReady && shortMeans.size() >= settings.warmup() / 2) {
        surprise = Math.max(surprise, twoSided(shortMeans, shortMean));
      }
      if (season.length > 0 && seen >= season.length + settings.warmup()) {
        surprise = (surprise + oneSidedHigh(seasonalChanges, seasonalChange(value))) / 2;
      }
      if (contexts != null && seen >= settings.warmup() + settings.contextOrder()) {
        double known = settings.knownContextWeight();
        surprise *= known + (1 - known) * novelty;
      }
      score = 1 - Math.exp(-surprise / SURPRISE_SCALE);
    }
    score = riseRule(score);
    if (seen >= Math.max(settings.warmup(), settings.seasonPoints())) {
      score = Math.max(score, settings.predictionWeight() * predictionScore);
    }
    if (season.length > 0) {
      if (seen >= season.length) {
        seasonalChanges.add(seasonalChange(value));
      }
      season[(int) (seen % season.length)] = value;
    }
    if (!Double.isNaN(levelShift)) {
      shifts.add(levelShift);
    }
    values.add(value);
    if (seen > 0) {
      steps.add(step);
    }
    if (shortReady) {
      shortMeans.add(shortMean);
    }
    seen++;

    if (suppressLeft > 0) {
      suppressLeft--;
      return score * settings.damping();
    }
    if (score >= settings.alarmLevel()) {
      suppressLeft = settings.suppressPoints();
    }
    return score;
  }

  /**
   * The score, multiplied by {@code notRisingWeight} unless it rises above the highest of the last
   * {@code riseWindow} scores (as computed, before this rule and suppression) by more than {@code riseMargin}; then
   * remembers it.
   */
  private double riseRule(double score) {
    if (recentScores.length == 0) {
      return score;
    }
    double highest = 0;
    for (double s : recentScores) {
      highest = Math.max(highest, s);
    }
    recentScores[recentScoresHead] = score;
    recentScoresHead = (recentScoresHead + 1) % recentScores.length;
    return score - highest > settings.riseMargin() ? score : score * settings.notRisingWeight();
  }

  /** |value − the value one season earlier|; call only once a season has been seen. */
  private double seasonalChange(double value) {
    return Math.abs(value - season[(int) (seen % season.length)]);
  }

  @Override
  public long skippedNaN() {
    return skipped;
  }

  /**
   * Surprise of {@code v} against the window, in nats: −log of its empirical tail probability (ties count
   * against it), plus log(1 + exceedance) when it lies beyond everything seen, measured in the window's
   * 10–90 % spread, so that "far beyond the maximum" outranks "just a new maximum".
   */
  private static double twoSided(SlidingRank window, double v) {
    return Math.max(high(window, v), low(window, v));
  }

  private static double oneSidedHigh(SlidingRank window, double v) {
    return high(window, v);
  }

  private static double high(SlidingRank window, double v) {
    int n = window.size();
    int above = window.countAtLeast(v);
    double s = Math.log((n + 1.0) / (above + 1.0));
    if (above == 0) {
      s += Math.log1p((v - window.quantile(1)) / spread(window, v));
    }
    return s;
  }

  private static double low(SlidingRank window, double v) {
    int n = window.size();
    int below = window.countAtMost(v);
    double s = Math.log((n + 1.0) / (below + 1.0));
    if (below == 0) {
      s += Math.log1p((window.quantile(0) - v) / spread(window, v));
    }
    return s;
  }

  private static double spread(SlidingRank window, double v) {
    double spread = window.quantile(0.9) - window.quantile(0.1);
    if (spread > 0) {
      return spread;
    }
    spread = window.quantile(1) - window.quantile(0);
    // A flat history has no spread; fall back to the value's magnitude so any departure is large but finite.
    return spread > 0 ? spread : Math.max(Math.abs(v), 1e-9) * 0.01;
  }
}
