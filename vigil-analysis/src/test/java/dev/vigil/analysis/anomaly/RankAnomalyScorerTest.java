package dev.vigil.analysis.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
