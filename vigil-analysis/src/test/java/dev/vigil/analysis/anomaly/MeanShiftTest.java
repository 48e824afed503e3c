package dev.vigil.analysis.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MeanShiftTest {
  @Test
  void is_not_ready_before_two_windows_and_then_compares_the_two_means() {
    MeanShift shift = new MeanShift(3);
    double[] x = {1, 2, 3, 10, 20, 30, 5, 5};
    for (int i = 0; i < 5; i++) {
      assertThat(shift.next(x[i])).as("value " + i).isNaN();
    }
    assertThat(shift.next(x[5])).isCloseTo((10 + 20 + 30) / 3.0 - (1 + 2 + 3) / 3.0, within(1e-12));
    assertThat(shift.next(x[6])).isCloseTo((20 + 30 + 5) / 3.0 - (2 + 3 + 10) / 3.0, within(1e-12));
    assertThat(shift.next(x[7])).isCloseTo((30 + 5 + 5) / 3.0 - (3 + 10 + 20) / 3.0, within(1e-12));
  }

  @Test
  void a_constant_series_has_no_shift_however_long_it_runs() {
    MeanShift shift = new MeanShift(32);
    double last = Double.NaN;
    for (int i = 0; i < 100_000; i++) {
      last = shift.next(7.25);
    }
    assertThat(last).isCloseTo(0, within(1e-9));
  }
}
