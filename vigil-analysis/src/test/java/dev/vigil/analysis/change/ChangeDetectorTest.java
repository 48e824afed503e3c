package dev.vigil.analysis.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.analysis.TestSeries;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {
  private final ChangeDetector detector = new ChangeDetector();

  private static double[] noise(long seed, int n, double sigma) {
    Random r = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 100 + sigma * r.nextGaussian();
    }
    return x;
  }

  private ChangeResult.Change change(double[] x) {
    ChangeResult r = detector.detect(TestSeries.minutes(x));
    assertThat(r).isInstanceOf(ChangeResult.Change.class);
    return (ChangeResult.Change) r;
  }

  @Test
  void level_shift_is_found_with_its_start() {
    double[] x = noise(1, 400, 2);
    for (int i = 250; i < x.length; i++) {
      x[i] += 8;
    }
    ChangeResult.Change c = change(x);
    assertThat(c.kind()).isEqualTo(ChangeKind.LEVEL_SHIFT);
    assertThat(c.startIndex()).isBetween(247, 253);
    assertThat(c.start()).isEqualTo(TestSeries.T0.plus(Duration.ofMinutes(c.startIndex())));
    assertThat(c.after() - c.before()).isBetween(7.0, 9.0);
  }

  @Test
  void slow_drift_is_found_with_its_start() {
    double[] x = noise(2, 400, 2);
    for (int i = 200; i < x.length; i++) {
      x[i] += 0.1 * (i - 200);
    }
    ChangeResult.Change c = change(x);
    assertThat(c.kind()).isEqualTo(ChangeKind.DRIFT);
    assertThat(c.startIndex()).isBetween(175, 225);
    assertThat(c.after()).isBetween(115.0, 125.0);
  }

  @Test
  void variance_change_is_found_with_its_start() {
    double[] x = noise(3, 400, 1);
    Random r = new Random(33);
    for (int i = 300; i < x.length; i++) {
      x[i] = 100 + 5 * r.nextGaussian();
    }
    ChangeResult.Change c = change(x);
    assertThat(c.kind()).isEqualTo(ChangeKind.VARIANCE_CHANGE);
    assertThat(c.startIndex()).isBetween(290, 310);
    assertThat(c.after() / c.before()).isBetween(3.0, 7.0);
  }

  @Test
  void pure_noise_reports_no_change() {
    for (long seed = 10; seed < 30; seed++) {
      assertThat(detector.detect(TestSeries.minutes(noise(seed, 300, 3)))).as("seed " + seed)
          .isInstanceOf(ChangeResult.NoChange.class);
    }
  }

  @Test
  void a_short_window_is_not_enough_data() {
    ChangeResult r = detector.detect(TestSeries.minutes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    assertThat(r).isInstanceOf(ChangeResult.NotEnoughData.class);
    assertThat(((ChangeResult.NotEnoughData) r).reason()).contains("has 10 finite values");
  }

  @Test
  void a_flat_window_is_no_change_not_a_division_by_zero() {
    assertThat(detector.detect(TestSeries.minutes(TestSeries.repeat(5, 50))))
        .isInstanceOf(ChangeResult.NoChange.class);
  }
}
