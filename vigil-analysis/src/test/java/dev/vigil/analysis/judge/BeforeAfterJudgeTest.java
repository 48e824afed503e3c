package dev.vigil.analysis.judge;

import static dev.vigil.analysis.TestSeries.minutes;
import static dev.vigil.analysis.TestSeries.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.analysis.Series;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BeforeAfterJudgeTest {
  private final BeforeAfterJudge judge = new BeforeAfterJudge();

  private MetricJudgement judge(Series before, Series after, Direction direction) {
    return judge.judge(new MetricWindows("p99", before, after, null, direction, Tolerance.DEFAULT));
  }

  @Test
  void most_after_points_jumping_far_above_a_flat_before_window_fails() {
    // The known weakness of interval-based canary judges: 24 of the 72 pairwise differences are exactly 0,
    // so the shift's confidence interval starts at 0 and "interval excludes zero" would call this a pass.
    Series before = minutes(repeat(100, 12));
    Series after = minutes(100, 100, 400, 420, 450, 480);
    MetricJudgement j = judge(before, after, Direction.HIGHER_IS_WORSE);
    assertThat(j.vsBefore().shiftLower()).isEqualTo(0.0);
    assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(j.vsBefore().shift()).isGreaterThan(250);
    assertThat(j.reason()).contains("worse beyond tolerance");
  }

  @Test
  void a_large_jump_too_small_to_be_significant_is_marginal_not_a_pass() {
    Series before = minutes(10, 10, 10, 10, 10);
    Series after = minutes(10, 10, 50, 60, 70);
    MetricJudgement j = judge(before, after, Direction.HIGHER_IS_WORSE);
    assertThat(j.vsBefore().pValue()).isBetween(0.08, 0.09);
    assertThat(j.verdict()).isEqualTo(Verdict.MARGINAL);
  }

  @Test
  void two_points_are_not_enough_data() {
    MetricJudgement j = judge(minutes(1, 2, 3, 4), minutes(9, 9), Direction.HIGHER_IS_WORSE);
    assertThat(j.verdict()).isEqualTo(Verdict.NOT_ENOUGH_DATA);
    assertThat(j.reason()).contains("after has 2, need at least 3");
  }

  @Test
  void sizes_that_can_never_reach_significance_are_not_enough_data() {
    MetricJudgement j = judge(minutes(1, 2, 3), minutes(7, 8, 9), Direction.HIGHER_IS_WORSE);
    assertThat(j.verdict()).isEqualTo(Verdict.NOT_ENOUGH_DATA);
    assertThat(j.reason()).contains("smallest attainable p = 0.050");
  }

  @Test
  void an_empty_after_window_is_not_enough_data_not_a_crash() {
    MetricJudgement j = judge(minutes(1, 2, 3, 4), minutes(), Direction.HIGHER_IS_WORSE);
    assertThat(j.verdict()).isEqualTo(Verdict.NOT_ENOUGH_DATA);
  }

  @Test
  void zero_errors_before_and_after_pass() {
    MetricJudgement j = judge(minutes(repeat(0, 20)), minutes(repeat(0, 10)), Direction.HIGHER_IS_WORSE);
    assertThat(j.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void errors_appearing_where_there_were_none_fail_despite_a_zero_median() {
    Series before = minutes(repeat(0, 20));
    Series after = minutes(0, 3, 4, 2, 5, 6, 3, 0, 4, 7);
    assertThat(judge(before, after, Direction.HIGHER_IS_WORSE).verdict()).isEqualTo(Verdict.FAIL);
  }

  @Test
  void noise_without_a_shift_passes() {
    Random r = new Random(7);
    double[] a = new double[30];
    double[] b = new double[15];
    for (int i = 0; i < a.length; i++) {
      a[i] = 200 + r.nextGaussian() * 10;
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = 200 + r.nextGaussian() * 10;
    }
    assertThat(judge(minutes(a), minutes(b), Direction.HIGHER_IS_WORSE).verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void a_significant_shift_within_tolerance_passes() {
    double[] before = new double[20];
    double[] after = new double[20];
    for (int i = 0; i < 20; i++) {
      before[i] = 100 + (i % 5) * 0.1;
      after[i] = 103 + (i % 5) * 0.1;
    }
    MetricJudgement j = judge(minutes(before), minutes(after), Direction.HIGHER_IS_WORSE);
    assertThat(j.vsBefore().pValue()).isLessThan(0.001);
    assertThat(j.verdict()).isEqualTo(Verdict.PASS);
    assertThat(j.reason()).contains("within tolerance");
  }

  @Test
  void direction_decides_which_shift_is_bad() {
    Series before = minutes(100, 101, 99, 100, 102, 98, 100, 101);
    Series lower = minutes(50, 52, 49, 51, 50, 48);
    assertThat(judge(before, lower, Direction.LOWER_IS_WORSE).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(judge(before, lower, Direction.HIGHER_IS_WORSE).verdict()).isEqualTo(Verdict.PASS);
    assertThat(judge(before, lower, Direction.BOTH).verdict()).isEqualTo(Verdict.FAIL);
  }

  @Test
  void worse_than_before_but_like_last_week_is_marginal() {
    Series before = minutes(100, 101, 99, 100, 102, 98, 100, 101);
    Series after = minutes(150, 152, 149, 151, 150, 148);
    Series lastWeek = minutes(149, 151, 150, 152, 148, 150, 151);
    MetricJudgement j = judge.judge(new MetricWindows("rps", before, after, lastWeek,
        Direction.HIGHER_IS_WORSE, Tolerance.DEFAULT));
    assertThat(j.vsBefore().verdict()).isEqualTo(Verdict.FAIL);
    assertThat(j.vsLastWeek().verdict()).isEqualTo(Verdict.PASS);
    assertThat(j.verdict()).isEqualTo(Verdict.MARGINAL);
    assertThat(j.reason()).contains("last week");
  }

  @Test
  void nan_values_are_skipped_and_counted() {
    Series before = minutes(1, Double.NaN, 1, 1, 1, 1, Double.NaN);
    Series after = minutes(1, 1, 1, Double.NaN, 1);
    MetricJudgement j = judge(before, after, Direction.HIGHER_IS_WORSE);
    assertThat(j.skippedNaN()).isEqualTo(3);
    assertThat(j.vsBefore().referenceSize()).isEqualTo(5);
  }

  @Test
  void one_failing_metric_fails_the_plan_and_the_score_counts_judged_metrics() {
    Series flat = minutes(repeat(10, 12));
    MetricWindows ok = new MetricWindows("a", flat, minutes(repeat(10, 6)), null, Direction.HIGHER_IS_WORSE,
        Tolerance.DEFAULT);
    MetricWindows bad = new MetricWindows("b", flat, minutes(repeat(90, 6)), null, Direction.HIGHER_IS_WORSE,
        Tolerance.DEFAULT);
    MetricWindows tiny = new MetricWindows("c", flat, minutes(5), null, Direction.HIGHER_IS_WORSE,
        Tolerance.DEFAULT);
    PlanVerdict plan = judge.judgePlan(List.of(ok, bad, tiny));
    assertThat(plan.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(plan.score()).isEqualTo(50.0);
    assertThat(judge.judgePlan(List.of(ok, tiny)).verdict()).isEqualTo(Verdict.NOT_ENOUGH_DATA);
  }

  @Test
  void tolerance_parses_relative_absolute_and_both_and_names_bad_parts() {
    assertThat(Tolerance.parse("10%")).isEqualTo(new Tolerance(0, 0.10));
    assertThat(Tolerance.parse("25")).isEqualTo(new Tolerance(25, 0));
    assertThat(Tolerance.parse("5, 20%")).isEqualTo(new Tolerance(5, 0.20));
    assertThatThrownBy(() -> Tolerance.parse("ten%")).hasMessageContaining("'ten%'");
    assertThatThrownBy(() -> Tolerance.parse("-3")).hasMessageContaining("absolute tolerance");
    assertThatThrownBy(() -> Direction.parse("up")).hasMessageContaining("'up'");
    assertThat(Tolerance.parse("10%,3sd")).isEqualTo(new Tolerance(0, 0.10, 3));
    assertThat(Tolerance.parse("10%,3sd").toString()).isEqualTo("10%,3sd");
    assertThatThrownBy(() -> Tolerance.parse("-1sd")).hasMessageContaining("noise tolerance");
  }

  @Test
  void noise_of_a_mostly_flat_window_falls_back_to_the_mean_deviation_instead_of_zero() {
    // MAD is 0 here (7 of 8 values tie); mean |x - median| is 8/8 = 1, times sqrt(pi/2).
    assertThat(Tolerance.noiseOf(new double[] {5, 5, 5, 5, 5, 5, 5, 13})).isCloseTo(Math.sqrt(Math.PI / 2),
        org.assertj.core.api.Assertions.within(1e-12));
    assertThat(Tolerance.noiseOf(new double[] {1, 2, 3, 4, 5})).isCloseTo(1.4826,
        org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void a_bursty_metric_moving_within_its_own_noise_passes_with_the_noise_allowance_and_fails_without() {
    // Counts that swing by a third from window to window: a 25 % higher after-median is within 3 sd of noise.
    Series before = minutes(60, 100, 80, 140, 90, 120, 70, 110, 130, 75, 95, 105, 85, 125, 65, 115);
    Series after = minutes(110, 125, 120, 135, 115, 130, 118, 128, 122, 140, 112, 126);
    MetricJudgement relaxed = judge(before, after, Direction.HIGHER_IS_WORSE);
    MetricJudgement strict = judge.judge(new MetricWindows("count", before, after, null,
        Direction.HIGHER_IS_WORSE, new Tolerance(0, 0.10)));
    assertThat(strict.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(relaxed.verdict()).isEqualTo(Verdict.PASS);
    assertThat(relaxed.vsBefore().allowedShift()).isGreaterThan(relaxed.vsBefore().shift());
  }

  /** A noisy week: values 90..110 in a fixed pseudo-random order, the before-window its last 48. */
  private static double[] week(int n, long seed) {
    Random r = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 90 + r.nextInt(21);
    }
    return v;
  }

  private MetricJudgement judgeWithHistory(double[] history, double[] after, Direction direction) {
    Series before = minutes(java.util.Arrays.copyOfRange(history, history.length - 48, history.length));
    return judge.judge(MetricWindows.withHistory("p99", before, minutes(after), null, direction, Tolerance.DEFAULT,
        minutes(history)));
  }

  @Test
  void one_spike_beyond_the_whole_week_fails_although_the_level_is_unchanged() {
    double[] history = week(2016, 1);
    double[] after = {100, 95, 104, 99, 180, 101, 97, 103, 100, 98, 102, 96};
    MetricJudgement j = judgeWithHistory(history, after, Direction.HIGHER_IS_WORSE);
    assertThat(j.vsBefore().verdict()).isEqualTo(Verdict.PASS);
    assertThat(j.vsHistory().verdict()).isEqualTo(Verdict.FAIL);
    assertThat(j.vsHistory().above()).isEqualTo(1);
    assertThat(j.vsHistory().p()).isCloseTo(12.0 / 2028, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(j.reason()).startsWith("1 of 12 after values beyond the history's range 90..110");
  }

  @Test
  void a_spike_in_the_harmless_direction_passes() {
    double[] after = {100, 95, 104, 99, 10, 101, 97, 103, 100, 98, 102, 96};
    MetricJudgement j = judgeWithHistory(week(2016, 2), after, Direction.HIGHER_IS_WORSE);
    assertThat(j.vsHistory().verdict()).isEqualTo(Verdict.PASS);
    assertThat(j.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void a_value_equal_to_the_history_maximum_is_not_beyond_it() {
    double[] after = {100, 95, 110, 99, 110, 101, 97, 103, 100, 98, 102, 96};
    MetricJudgement j = judgeWithHistory(week(2016, 3), after, Direction.BOTH);
    assertThat(j.vsHistory().beyond()).isZero();
  }

  @Test
  void a_history_too_short_for_a_new_extreme_to_mean_anything_leaves_the_verdict_to_the_level_test() {
    // 12 after values against 100 history values: a new maximum happens by chance with p up to 12/112.
    double[] after = {100, 95, 104, 99, 180, 101, 97, 103, 100, 98, 102, 96};
    MetricJudgement j = judgeWithHistory(week(100, 4), after, Direction.HIGHER_IS_WORSE);
    assertThat(j.vsHistory().verdict()).isEqualTo(Verdict.NOT_ENOUGH_DATA);
    assertThat(j.vsHistory().reason()).contains("too short");
    assertThat(j.verdict()).isEqualTo(j.vsBefore().verdict());
  }

  @Test
  void a_shift_against_a_calm_hour_that_stays_inside_the_weeks_range_and_level_is_marginal() {
    // A week wandering between 90 and 110; the last hour was unusually calm at 90..92, the hour after sits at
    // 104..108: significant against the calm hour, ordinary for the week.
    double[] history = week(2016, 5);
    for (int i = 2016 - 48; i < 2016; i++) {
      history[i] = 90 + (i % 3);
    }
    double[] after = {104, 105, 106, 107, 108, 104, 105, 106, 107, 108, 104, 105};
    MetricJudgement j = judgeWithHistory(history, after, Direction.HIGHER_IS_WORSE);
    assertThat(j.vsBefore().verdict()).isEqualTo(Verdict.FAIL);
    assertThat(j.vsHistory().verdict()).isEqualTo(Verdict.PASS);
    assertThat(j.verdict()).isEqualTo(Verdict.MARGINAL);
    assertThat(j.reason()).contains("inside the history's range and usual level");
  }
}
