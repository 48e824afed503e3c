package dev.vigil.analysis.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ContextPredictionTest {
  /** A saw tooth 0, 1, ..., 9, 0, 1, ...: every value falls in its own slice of the range at 16 slices. */
  private static double tooth(int i) {
    return i % 10;
  }

  /** The defaults' detector (resolutions 1..4, orders 1..3) after the first {@code points} of the saw tooth. */
  private static ContextPrediction afterTooth(int points) {
    ContextPrediction p = new ContextPrediction(4, 3);
    for (int i = 0; i < points; i++) {
      p.next(tooth(i));
    }
    return p;
  }

  @Test
  void a_young_memory_predicts_nothing_so_the_first_point_scores_one() {
    assertThat(new ContextPrediction(4, 3).next(5)).isEqualTo(1.0);
  }

  @Test
  void a_sequence_the_series_keeps_repeating_scores_zero() {
    ContextPrediction p = afterTooth(50);
    for (int i = 50; i < 80; i++) {
      assertThat(p.next(tooth(i))).as("point " + i).isZero();
    }
  }

  @Test
  void a_level_never_reached_from_here_scores_higher_than_the_usual_next_one() {
    double usual = afterTooth(59).next(9);
    // After 8 always came 9; 2 right after 8 fails the fine predictions, while coarse ones ("low after high",
    // as after 9) still come true.
    double jump = afterTooth(59).next(2);
    assertThat(usual).isZero();
    assertThat(jump).isGreaterThan(0.5).isLessThan(1.0);
  }

  @Test
  void a_value_beyond_the_range_seen_so_far_fails_every_prediction() {
    assertThat(afterTooth(60).next(50)).isEqualTo(1.0);
  }

  @Test
  void scores_do_not_depend_on_later_points() {
    Random r = new Random(3);
    double[] x = new double[3000];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian();
    }
    ContextPrediction a = new ContextPrediction(4, 3);
    double[] first = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      first[i] = a.next(x[i]);
    }
    x[2000] = 1e9; // a later extreme widens the range, but only from then on
    ContextPrediction b = new ContextPrediction(4, 3);
    for (int i = 0; i < 2000; i++) {
      assertThat(b.next(x[i])).as("point " + i).isEqualTo(first[i]);
    }
  }

  @Test
  void memory_stays_bounded_and_keeps_working_when_it_fills() {
    ContextPrediction p = new ContextPrediction(8, 16);
    Random r = new Random(7);
    // Random levels at 256 slices make almost every long context new: far more than a generation holds.
    for (int i = 0; i < 200_000; i++) {
      p.next(r.nextDouble());
    }
    for (int i = 0; i < 100; i++) {
      p.next(tooth(i) / 10.0);
    }
    assertThat(p.next(tooth(100) / 10.0)).isLessThan(0.5);
  }

  @Test
  void resolutions_and_order_out_of_range_are_rejected() {
    assertThatThrownBy(() -> new ContextPrediction(0, 3)).hasMessageContaining("resolutions");
    assertThatThrownBy(() -> new ContextPrediction(9, 3)).hasMessageContaining("resolutions");
    assertThatThrownBy(() -> new ContextPrediction(4, 0)).hasMessageContaining("order");
    assertThatThrownBy(() -> new ContextPrediction(4, 17)).hasMessageContaining("order");
  }
}
