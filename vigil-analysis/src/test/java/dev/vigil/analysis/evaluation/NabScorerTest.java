package dev.vigil.analysis.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed cases of NAB's rules; parity with the published results is tested in vigil-bench. */
class NabScorerTest {
  /** 100 rows (probation 15), one window over rows 50..59. */
  private static final NabLabels LABELS = new NabLabels("f.csv", 100, List.of(new NabWindow(50, 59)));

  private static double sigma(double x) {
    return 2 / (1 + Math.exp(5 * x)) - 1;
  }

  private static double[] detectAt(int... rows) {
    double[] s = new double[100];
    for (int r : rows) {
      s[r] = 1;
    }
    return s;
  }

  private static double raw(double[] scores, NabProfile p) {
    return NabScorer.score(List.of(new NabRun(LABELS, scores)), p, 0.5).raw();
  }

  @Test
  void probation_is_fifteen_percent_capped_at_750_rows() {
    assertThat(NabScorer.probationRows(100)).isEqualTo(15);
    assertThat(NabScorer.probationRows(4032)).isEqualTo(604);
    assertThat(NabScorer.probationRows(22695)).isEqualTo(750);
  }

  @Test
  void earliest_detection_in_a_window_earns_nearly_a_full_point_and_later_ones_add_nothing() {
    double first = raw(detectAt(50, 55, 58), NabProfile.STANDARD);
    assertThat(first).isCloseTo(sigma(-1.0) / sigma(-1.0), within(1e-12));
    double middle = raw(detectAt(55), NabProfile.STANDARD);
    assertThat(middle).isCloseTo(sigma(-5 / 10.0) / sigma(-1.0), within(1e-12));
  }

  @Test
  void missing_a_window_costs_the_false_negative_weight() {
    assertThat(raw(new double[100], NabProfile.STANDARD)).isEqualTo(-1.0);
    assertThat(raw(new double[100], NabProfile.REWARD_LOW_FN)).isEqualTo(-2.0);
  }

  @Test
  void false_positives_cost_full_weight_before_the_window_and_less_just_after_it() {
    double before = raw(detectAt(20), NabProfile.STANDARD) + 1.0;
    assertThat(before).isCloseTo(-0.11, within(1e-12));
    double justAfter = raw(detectAt(60), NabProfile.STANDARD) + 1.0;
    assertThat(justAfter).isCloseTo(0.11 * sigma(1 / 9.0), within(1e-12));
    double probation = raw(detectAt(3), NabProfile.STANDARD) + 1.0;
    assertThat(probation).isEqualTo(0.0);
  }

  @Test
  void normalised_score_runs_from_null_to_perfect() {
    NabRun perfect = new NabRun(LABELS, detectAt(50));
    assertThat(NabScorer.score(List.of(perfect), NabProfile.STANDARD, 0.5).normalised())
        .isCloseTo(100, within(1e-9));
    NabRun none = new NabRun(LABELS, new double[100]);
    assertThat(NabScorer.score(List.of(none), NabProfile.STANDARD, 0.5).normalised()).isCloseTo(0, within(1e-9));
  }

  @Test
  void optimiser_picks_the_threshold_that_keeps_the_early_hit_and_drops_false_alarms() {
    double[] s = new double[100];
    s[20] = 0.6; // a false alarm before the window
    s[52] = 0.8; // an early hit
    s[70] = 0.3; // a false alarm after it
    NabScorer.Score best = NabScorer.optimise(List.of(new NabRun(LABELS, s)), NabProfile.STANDARD);
    assertThat(best.threshold()).isEqualTo(0.8);
    assertThat(best.detectedWindows()).isEqualTo(1);
    assertThat(best.falsePositives()).isZero();
  }
}
