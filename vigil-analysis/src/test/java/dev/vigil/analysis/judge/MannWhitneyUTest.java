package dev.vigil.analysis.judge;

import static dev.vigil.analysis.TestSeries.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MannWhitneyUTest {
  @Test
  void exact_p_value_without_ties_matches_the_combinatorial_answer() {
    MannWhitneyU.Result r = MannWhitneyU.test(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10});
    assertThat(r.exact()).isTrue();
    assertThat(r.u()).isEqualTo(25);
    // Only one of C(10,5) = 252 arrangements is this extreme.
    assertThat(r.pGreater()).isCloseTo(1.0 / 252, within(1e-12));
    assertThat(r.pLess()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void exact_p_value_with_a_tied_flat_reference_counts_arrangements_of_mid_ranks() {
    double[] before = repeat(100, 12);
    double[] after = {100, 100, 400, 420, 450, 480};
    MannWhitneyU.Result r = MannWhitneyU.test(before, after);
    // As extreme: all four high values plus any 2 of the 14 tied values, out of C(18,6).
    assertThat(r.pGreater()).isCloseTo(91.0 / 18564, within(1e-12));
  }

  @Test
  void normal_approximation_with_ties_matches_a_reference_implementation() {
    // Values checked against SciPy 1.17 mannwhitneyu(method='asymptotic', use_continuity=True).
    double[] a = new double[40];
    double[] b = new double[40];
    double[] pa = {1, 2, 2, 3, 3, 3, 4, 5, 5, 6};
    double[] pb = {2, 3, 3, 4, 5, 5, 6, 6, 7, 8};
    for (int i = 0; i < 40; i++) {
      a[i] = pa[i % 10];
      b[i] = pb[i % 10];
    }
    MannWhitneyU.Result r = MannWhitneyU.test(a, b);
    assertThat(r.exact()).isFalse();
    assertThat(r.u()).isEqualTo(1160);
    assertThat(r.pGreater()).isCloseTo(0.00021964923764833128, within(1e-9));
    assertThat(r.pTwoSided()).isCloseTo(0.00043929847529666256, within(1e-9));
  }

  @Test
  void all_values_equal_gives_no_evidence() {
    MannWhitneyU.Result r = MannWhitneyU.test(repeat(0, 10), repeat(0, 10));
    assertThat(r.pGreater()).isEqualTo(1);
    assertThat(r.pTwoSided()).isEqualTo(1);
  }

  @Test
  void smallest_attainable_p_is_one_over_the_number_of_arrangements() {
    assertThat(MannWhitneyU.smallestAttainableP(3, 3)).isCloseTo(1.0 / 20, within(1e-12));
    assertThat(MannWhitneyU.smallestAttainableP(12, 6)).isCloseTo(1.0 / 18564, within(1e-15));
  }
}
