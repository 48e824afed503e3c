package dev.vigil.analysis.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankAnomalyScorerTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private static double[] series(long seed, int n) {
    Random r = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 50 + 10 * Math.sin(i / 20.0) + r.nextGaussian();
    }
    return x;
  }

  private static double[] scoreAll(double[] x) {
    RankAnomalyScorer s = new RankAnomalyScorer();
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = s.score(T0.plusSeconds(60L * i), x[i]);
    }
    return out;
  }

  @Test
  void a_spike_scores_above_the_alarm_level_and_ordinary_points_do_not() {
    double[] x = series(1, 1200);
    x[1000] = 200;
    double[] s = scoreAll(x);
    assertThat(s[1000]).isGreaterThanOrEqualTo(ScorerSettings.DEFAULT.alarmLevel());
    long alarms = 0;
    for (int i = 100; i < 1000; i++) {
      alarms += s[i] >= ScorerSettings.DEFAULT.alarmLevel() ? 1 : 0;
    }
    assertThat(alarms).isLessThanOrEqualTo(3);
    for (double v : s) {
      assertThat(v).isBetween(0.0, 1.0);
    }
  }

  @Test
  void scores_do_not_depend_on_later_points() {
    double[] full = series(2, 800);
    double[] prefix = java.util.Arrays.copyOf(full, 500);
    full[600] = 1e6; // whatever comes later must not change earlier scores
    double[] a = scoreAll(full);
    double[] b = scoreAll(prefix);
    for (int i = 0; i < prefix.length; i++) {
      assertThat(a[i]).as("row " + i).isEqualTo(b[i]);
    }
  }

  @Test
  void nan_is_skipped_and_counted_and_time_may_not_go_back() {
    RankAnomalyScorer s = new RankAnomalyScorer();
    assertThat(s.score(T0, Double.NaN)).isZero();
    assertThat(s.skippedNaN()).isEqualTo(1);
    s.score(T0.plusSeconds(60), 1);
    assertThatThrownBy(() -> s.score(T0, 1)).hasMessageContaining("before the previous");
  }

  @Test
  void a_flat_series_does_not_alarm_on_repeats() {
    RankAnomalyScorer s = new RankAnomalyScorer();
    double max = 0;
    for (int i = 0; i < 1000; i++) {
      max = Math.max(max, s.score(T0.plusSeconds(i), 7));
    }
    assertThat(max).isLessThan(ScorerSettings.DEFAULT.alarmLevel());
  }

  /** Noise around 10 with a peak of 30 at the same 6 points of every 288-point day. */
  private static double[] dailyPeaks(long seed, int days) {
    Random r = new Random(seed);
    double[] x = new double[288 * days];
    for (int i = 0; i < x.length; i++) {
      x[i] = 10 + r.nextGaussian() + (i % 288 >= 200 && i % 288 < 206 ? 20 : 0);
    }
    return x;
  }

  private static double maxScore(ScorerSettings settings, double[] x, int from, int to) {
    RankAnomalyScorer s = new RankAnomalyScorer(settings);
    double max = 0;
    for (int i = 0; i < x.length; i++) {
      double v = s.score(T0.plusSeconds(300L * i), x[i]);
      if (i >= from && i < to) {
        max = Math.max(max, v);
      }
    }
    return max;
  }

  @Test
  void a_peak_the_series_reaches_every_day_scores_lower_with_a_season() {
    // Day 3's peak: after two days the history of 750 points still holds only two earlier peaks, so
    // the peak is rare for the history but not for the hour of day.
    double[] x = dailyPeaks(3, 4);
    ScorerSettings d = ScorerSettings.DEFAULT;
    ScorerSettings noSeason = new ScorerSettings(d.history(), d.shortWindow(), d.warmup(), d.suppressPoints(),
        d.alarmLevel(), d.damping(), 0, d.contextLevels(), d.contextOrder(), d.knownContextWeight(), d.shiftWindow());
    double with = maxScore(ScorerSettings.DEFAULT, x, 3 * 288 + 200, 3 * 288 + 206);
    double without = maxScore(noSeason, x, 3 * 288 + 200, 3 * 288 + 206);
    assertThat(with).isLessThan(without);
  }

  @Test
  void a_peak_at_an_unusual_hour_still_alarms_with_a_season() {
    double[] x = dailyPeaks(4, 4);
    for (int i = 3 * 288 + 50; i < 3 * 288 + 56; i++) {
      x[i] += 40;
    }
    assertThat(maxScore(ScorerSettings.DEFAULT, x, 3 * 288 + 50, 3 * 288 + 56))
        .isGreaterThanOrEqualTo(ScorerSettings.DEFAULT.alarmLevel());
  }

  /**
   * Small noise around 10 with the same burst (up to 40 and back over 9 points) every 900 points: each burst is
   * older than the 750-point history, so the ranks see every one as a new extreme.
   */
  private static double[] recurringBursts(long seed, int n) {
    Random r = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      int at = i % 900 - 800;
      x[i] = 10 + 0.3 * r.nextGaussian() + (at >= 0 && at < 9 ? 30 - 7 * Math.abs(at - 4) : 0);
    }
    return x;
  }

  @Test
  void a_burst_the_series_has_made_before_scores_lower_with_the_contextual_view() {
    double[] x = recurringBursts(5, 900 * 12);
    ScorerSettings d = ScorerSettings.DEFAULT;
    // No suppression: an earlier alarm must not hide the burst's own score.
    ScorerSettings noContext = new ScorerSettings(d.history(), d.shortWindow(), d.warmup(), 0, d.alarmLevel(),
        d.damping(), 0, 0, 1, 1.0, d.shiftWindow());
    ScorerSettings withContext = new ScorerSettings(d.history(), d.shortWindow(), d.warmup(), 0, d.alarmLevel(),
        d.damping(), 0, d.contextLevels(), d.contextOrder(), d.knownContextWeight(), d.shiftWindow());
    int lastBurst = 11 * 900 + 800;
    double without = maxScore(noContext, x, lastBurst, lastBurst + 9);
    double with = maxScore(withContext, x, lastBurst, lastBurst + 9);
    assertThat(without).isGreaterThanOrEqualTo(d.alarmLevel());
    // Every context of the twelfth burst is known, so its surprise (−ln(1 − score) in units of the scale)
    // is weighed by exactly knownContextWeight.
    assertThat(-Math.log1p(-with)).isCloseTo(d.knownContextWeight() * -Math.log1p(-without), within(1e-9));
  }

  @Test
  void a_burst_of_a_new_height_still_alarms_with_the_contextual_view() {
    double[] x = recurringBursts(6, 900 * 12);
    int lastBurst = 11 * 900 + 800;
    for (int i = lastBurst; i < lastBurst + 9; i++) {
      x[i] = 10 + 3 * (x[i] - 10);
    }
    assertThat(maxScore(ScorerSettings.DEFAULT, x, lastBurst, lastBurst + 9))
        .isGreaterThanOrEqualTo(ScorerSettings.DEFAULT.alarmLevel());
  }

  @Test
  void the_contextual_view_only_ever_lowers_a_score() {
    // Bursts of random heights on noise: some shapes repeat, some are new, at the point and the block scale.
    Random r = new Random(8);
    double[] x = new double[6000];
    for (int i = 0; i < x.length; i++) {
      x[i] = 10 + r.nextGaussian() + (i % 300 < 5 ? r.nextInt(4) * 15 : 0);
    }
    ScorerSettings d = ScorerSettings.DEFAULT;
    // Without suppression, so that each point's score stands alone.
    RankAnomalyScorer plain = new RankAnomalyScorer(new ScorerSettings(d.history(), d.shortWindow(), d.warmup(),
        0, d.alarmLevel(), d.damping(), d.seasonPoints(), 0, 1, 1.0, d.shiftWindow()));
    RankAnomalyScorer contextual = new RankAnomalyScorer(new ScorerSettings(d.history(), d.shortWindow(),
        d.warmup(), 0, d.alarmLevel(), d.damping(), d.seasonPoints(), d.contextLevels(), d.contextOrder(),
        d.knownContextWeight(), d.shiftWindow()));
    int lowered = 0;
    for (int i = 0; i < x.length; i++) {
      double without = plain.score(T0.plusSeconds(300L * i), x[i]);
      double with = contextual.score(T0.plusSeconds(300L * i), x[i]);
      assertThat(with).as("point " + i).isLessThanOrEqualTo(without);
      lowered += with < without ? 1 : 0;
    }
    assertThat(lowered).isGreaterThan(x.length / 2);
  }

  @Test
  void contextual_settings_out_of_range_are_rejected() {
    assertThatThrownBy(() -> new ScorerSettings(500, 8, 60, 100, 0.47, 0.0, 288, 1, 4, 0.6, 32))
        .hasMessageContaining("contextLevels");
    assertThatThrownBy(() -> new ScorerSettings(500, 8, 60, 100, 0.47, 0.0, 288, 10, 0, 0.6, 32))
        .hasMessageContaining("contextOrder");
    assertThatThrownBy(() -> new ScorerSettings(500, 8, 60, 100, 0.47, 0.0, 288, 10, 4, 0, 32))
        .hasMessageContaining("knownContextWeight");
  }

  @Test
  void the_level_shift_feature_raises_scores_after_a_shift_and_never_lowers_any() {
    // Noise with sd 1 around 10, then from point 3000 around 11.5: each point stays inside the usual range.
    Random r = new Random(9);
    double[] x = new double[4000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i < 3000 ? 10 : 11.5) + r.nextGaussian();
    }
    // Only the rank features, without suppression, so that each point's score stands alone.
    RankAnomalyScorer plain = new RankAnomalyScorer(new ScorerSettings(500, 8, 60, 0, 0.47, 0.0, 0, 0, 1, 1.0, 0));
    RankAnomalyScorer shifted = new RankAnomalyScorer(new ScorerSettings(500, 8, 60, 0, 0.47, 0.0, 0, 0, 1, 1.0,
        ScorerSettings.DEFAULT.shiftWindow()));
    int raisedAfterShift = 0;
    for (int i = 0; i < x.length; i++) {
      double without = plain.score(T0.plusSeconds(300L * i), x[i]);
      double with = shifted.score(T0.plusSeconds(300L * i), x[i]);
      assertThat(with).as("point " + i).isGreaterThanOrEqualTo(without);
      raisedAfterShift += i >= 3000 && i < 3064 && with > without + 0.05 ? 1 : 0;
    }
    assertThat(raisedAfterShift).isGreaterThan(10);
  }

  /** The defaults without suppression, with the contextual detector at {@code weight} (0 = off). */
  private static ScorerSettings unsuppressedWithPrediction(double weight) {
    ScorerSettings d = ScorerSettings.DEFAULT;
    return new ScorerSettings(d.history(), d.shortWindow(), d.warmup(), 0, d.alarmLevel(), d.damping(),
        d.seasonPoints(), d.contextLevels(), d.contextOrder(), d.knownContextWeight(), d.shiftWindow(),
        d.riseWindow(), d.riseMargin(), d.notRisingWeight(), weight > 0 ? d.predictionResolutions() : 0,
        d.predictionOrder(), weight);
  }

  /** A square wave between 0 and 10, 50 points each, with a little noise. */
  private static double[] squareWave(long seed, int n) {
    Random r = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = (i / 50 % 2 == 0 ? 0 : 10) + 0.3 * r.nextGaussian();
    }
    return x;
  }

  @Test
  void the_contextual_detector_only_ever_raises_a_score_and_raises_some_past_the_alarm_level() {
    double[] x = squareWave(12, 6000);
    // Where the wave was due to drop from high to low, one point just above every value so far, then the low:
    // barely a new high for the ranks, but "a new high, then straight down" is a sequence it never made.
    double highest = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < 5000; i++) {
      highest = Math.max(highest, x[i]);
    }
    x[5000] = highest + 0.01;
    RankAnomalyScorer plain = new RankAnomalyScorer(unsuppressedWithPrediction(0));
    RankAnomalyScorer ensemble = new RankAnomalyScorer(unsuppressedWithPrediction(
        ScorerSettings.DEFAULT.predictionWeight()));
    double alarm = ScorerSettings.DEFAULT.alarmLevel();
    boolean raisedPastAlarm = false;
    for (int i = 0; i < x.length; i++) {
      double without = plain.score(T0.plusSeconds(300L * i), x[i]);
      double with = ensemble.score(T0.plusSeconds(300L * i), x[i]);
      assertThat(with).as("point " + i).isGreaterThanOrEqualTo(without);
      raisedPastAlarm |= i >= 5000 && i < 5005 && without < alarm && with >= alarm;
    }
    assertThat(raisedPastAlarm).isTrue();
  }

  @Test
  void nan_points_change_no_view_of_the_series() {
    double[] x = squareWave(13, 3000);
    RankAnomalyScorer clean = new RankAnomalyScorer();
    RankAnomalyScorer gappy = new RankAnomalyScorer();
    for (int i = 0; i < x.length; i++) {
      double expected = clean.score(T0.plusSeconds(600L * i), x[i]);
      if (i % 7 == 3) {
        assertThat(gappy.score(T0.plusSeconds(600L * i - 300), Double.NaN)).isZero();
      }
      assertThat(gappy.score(T0.plusSeconds(600L * i), x[i])).as("point " + i).isEqualTo(expected);
    }
    assertThat(gappy.skippedNaN()).isEqualTo(x.length / 7 + (x.length % 7 > 3 ? 1 : 0));
  }

  @Test
  void contextual_detector_settings_out_of_range_are_rejected() {
    ScorerSettings d = ScorerSettings.DEFAULT;
    assertThatThrownBy(() -> new ScorerSettings(750, 8, 60, 80, 0.47, 0.0, 288, 10, 4, 0.6, 32, 100, 0.03, 0.85,
        9, 3, 0.6)).hasMessageContaining("predictionResolutions");
    assertThatThrownBy(() -> new ScorerSettings(750, 8, 60, 80, 0.47, 0.0, 288, 10, 4, 0.6, 32, 100, 0.03, 0.85,
        4, 0, 0.6)).hasMessageContaining("predictionOrder");
    assertThatThrownBy(() -> new ScorerSettings(750, 8, 60, 80, 0.47, 0.0, 288, 10, 4, 0.6, 32, 100, 0.03, 0.85,
        4, 3, 1.5)).hasMessageContaining("predictionWeight");
    assertThat(d.predictionResolutions()).isEqualTo(4);
  }

  /** The defaults without suppression, with or without the rise rule: each point's score stands alone. */
  private static ScorerSettings unsuppressed(boolean riseRule) {
    ScorerSettings d = ScorerSettings.DEFAULT;
    return new ScorerSettings(d.history(), d.shortWindow(), d.warmup(), 0, d.alarmLevel(), d.damping(),
        d.seasonPoints(), d.contextLevels(), d.contextOrder(), d.knownContextWeight(), d.shiftWindow(),
        riseRule ? d.riseWindow() : 0, d.riseMargin(), d.notRisingWeight());
  }

  @Test
  void the_rise_rule_lowers_exactly_the_scores_that_do_not_rise_above_the_recent_highest() {
    // Heavy-tailed noise: the score keeps hovering and now and then jumps.
    Random r = new Random(11);
    double[] x = new double[3000];
    for (int i = 0; i < x.length; i++) {
      x[i] = 10 + r.nextGaussian() * (r.nextInt(20) == 0 ? 4 : 1);
    }
    ScorerSettings d = ScorerSettings.DEFAULT;
    RankAnomalyScorer plain = new RankAnomalyScorer(unsuppressed(false));
    RankAnomalyScorer rising = new RankAnomalyScorer(unsuppressed(true));
    double[] before = new double[x.length];
    int kept = 0;
    int lowered = 0;
    for (int i = 0; i < x.length; i++) {
      before[i] = plain.score(T0.plusSeconds(300L * i), x[i]);
      double with = rising.score(T0.plusSeconds(300L * i), x[i]);
      double highest = 0;
      for (int j = Math.max(0, i - d.riseWindow()); j < i; j++) {
        highest = Math.max(highest, before[j]);
      }
      boolean rises = before[i] - highest > d.riseMargin();
      assertThat(with).as("point " + i).isCloseTo(rises ? before[i] : before[i] * d.notRisingWeight(), within(1e-12));
      kept += rises && before[i] > 0 ? 1 : 0;
      lowered += rises ? 0 : 1;
    }
    assertThat(kept).isGreaterThan(0);
    assertThat(lowered).isGreaterThan(x.length / 2);
  }

  @Test
  void a_sudden_spike_after_a_calm_stretch_keeps_its_full_score_under_the_rise_rule() {
    Random r = new Random(12);
    double[] x = new double[2000];
    for (int i = 0; i < x.length; i++) {
      x[i] = 10 + r.nextGaussian() + (i == 1800 ? 30 : 0);
    }
    RankAnomalyScorer plain = new RankAnomalyScorer(unsuppressed(false));
    RankAnomalyScorer rising = new RankAnomalyScorer(unsuppressed(true));
    double without = 0;
    double with = 0;
    for (int i = 0; i <= 1800; i++) {
      without = plain.score(T0.plusSeconds(300L * i), x[i]);
      with = rising.score(T0.plusSeconds(300L * i), x[i]);
    }
    assertThat(with).isEqualTo(without).isGreaterThanOrEqualTo(ScorerSettings.DEFAULT.alarmLevel());
  }

  @Test
  void rise_rule_settings_out_of_range_are_rejected() {
    assertThatThrownBy(() -> new ScorerSettings(500, 8, 60, 100, 0.47, 0.0, 288, 10, 4, 0.6, 32, -1, 0.03, 0.85))
        .hasMessageContaining("riseWindow");
    assertThatThrownBy(() -> new ScorerSettings(500, 8, 60, 100, 0.47, 0.0, 288, 10, 4, 0.6, 32, 100, -0.1, 0.85))
        .hasMessageContaining("riseMargin");
    assertThatThrownBy(() -> new ScorerSettings(500, 8, 60, 100, 0.47, 0.0, 288, 10, 4, 0.6, 32, 100, 0.03, 0))
        .hasMessageContaining("notRisingWeight");
  }

  @Test
  void a_negative_season_is_rejected() {
    assertThatThrownBy(() -> new ScorerSettings(500, 8, 60, 100, 0.55, 0.0, -1)).hasMessageContaining("seasonPoints");
  }
}
