package dev.vigil.analysis.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HodgesLehmannTest {
  @Test
  void shift_of_a_translated_sample_is_the_translation() {
    double[] ref = {3, 1, 4, 1.5, 9, 2.6, 5, 3.5, 8, 9.7};
    double[] cand = new double[ref.length];
    for (int i = 0; i < ref.length; i++) {
      cand[i] = ref[i] + 7;
    }
    HodgesLehmann.Estimate e = HodgesLehmann.estimate(ref, cand, 0.95);
    assertThat(e.shift()).isEqualTo(7.0);
    assertThat(e.lower()).isLessThan(7).isGreaterThan(0);
    assertThat(e.upper()).isGreaterThan(7);
  }

  @Test
  void interval_uses_the_tabulated_mann_whitney_critical_values() {
    // Two-sided 5 % critical values of U from standard tables: n=m=10 -> 23, n=m=30 -> 317.
    assertThat(HodgesLehmann.droppedPerSide(10, 10, 0.025)).isEqualTo(23);
    assertThat(HodgesLehmann.droppedPerSide(30, 30, 0.025)).isEqualTo(317);
    // Normal approximation (n+m > 60) stays within one of the exact count at the boundary.
    assertThat(HodgesLehmann.droppedPerSide(31, 30, 0.025)).isBetween(325, 331);
  }

  @Test
  void tiny_samples_give_an_unbounded_interval() {
    HodgesLehmann.Estimate e = HodgesLehmann.estimate(new double[] {1, 2}, new double[] {3}, 0.95);
    assertThat(e.lower()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(e.upper()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(e.shift()).isCloseTo(1.5, within(1e-12));
  }
}
