package dev.vigil.analysis.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.analysis.Sample;
import dev.vigil.analysis.Series;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalBaselineTest {
  /** A Monday 00:00 UTC. */
  private static final Instant MONDAY = Instant.parse("2024-01-01T00:00:00Z");

  /** Business-hours traffic: 1000 on weekdays 9-17, 100 otherwise, ±2 % noise. */
  private static double traffic(Instant t, Random r) {
    var z = t.atZone(ZoneId.of("UTC"));
    boolean busy = z.getDayOfWeek().getValue() <= 5 && z.getHour() >= 9 && z.getHour() < 17;
    double base = busy ? 1000 : 100;
    return base * (1 + 0.02 * r.nextGaussian());
  }

  @Test
  void learns_hour_of_week_levels_and_flags_departures() {
    SeasonalBaseline b = new SeasonalBaseline(BaselineSettings.DEFAULT);
    Random r = new Random(5);
    Instant t = MONDAY;
    for (int i = 0; i < 3 * 7 * 24 * 12; i++) { // three weeks of 5-minute points
      b.observe(t, traffic(t, r));
      t = t.plus(Duration.ofMinutes(5));
    }
    Instant wednesdayNoon = MONDAY.plus(Duration.ofDays(23)).plus(Duration.ofHours(12));
    Instant saturdayNoon = MONDAY.plus(Duration.ofDays(26)).plus(Duration.ofHours(12));
    var busy = (BaselineEstimate.Expected) b.expected(wednesdayNoon);
    var quiet = (BaselineEstimate.Expected) b.expected(saturdayNoon);
    assertThat(busy.basis()).isEqualTo(BaselineEstimate.Basis.HOUR_OF_WEEK);
    assertThat(busy.median()).isBetween(980.0, 1020.0);
    assertThat(quiet.median()).isBetween(98.0, 102.0);
    // 1000 on a Saturday is a huge departure; on a Wednesday it is normal.
    assertThat(quiet.deviation(1000)).isGreaterThan(50);
    assertThat(Math.abs(busy.deviation(1000))).isLessThan(2);
  }

  @Test
  void too_little_history_says_so_instead_of_guessing() {
    SeasonalBaseline b = new SeasonalBaseline(BaselineSettings.DEFAULT);
    b.observe(MONDAY, 5);
    b.observe(MONDAY.plusSeconds(60), 6);
    BaselineEstimate e = b.expected(MONDAY.plusSeconds(120));
    assertThat(e).isInstanceOf(BaselineEstimate.InsufficientHistory.class);
    assertThat(((BaselineEstimate.InsufficientHistory) e).reason()).contains("only 2 values");
    assertThat(b.expected(MONDAY.plus(Duration.ofHours(5)))).isInstanceOf(BaselineEstimate.InsufficientHistory.class);
  }

  @Test
  void a_thin_weekly_bucket_falls_back_to_the_hour_of_day() {
    SeasonalBaseline b = new SeasonalBaseline(BaselineSettings.DEFAULT);
    // One value at 10:00 on each of six days (a series with gaps): no weekly bucket reaches 5 values.
    for (int d = 0; d < 6; d++) {
      b.observe(MONDAY.plus(Duration.ofDays(d)).plus(Duration.ofHours(10)), 40 + d);
    }
    var e = (BaselineEstimate.Expected) b.expected(MONDAY.plus(Duration.ofDays(6)).plus(Duration.ofHours(10)));
    assertThat(e.basis()).isEqualTo(BaselineEstimate.Basis.HOUR_OF_DAY);
    assertThat(e.samples()).isEqualTo(6);
  }

  @Test
  void low_traffic_series_of_mostly_zeros_gets_a_positive_spread() {
    SeasonalBaseline b = new SeasonalBaseline(BaselineSettings.DEFAULT);
    for (int i = 0; i < 40; i++) {
      b.observe(MONDAY.plusSeconds(60L * i), i % 10 == 0 ? 1 : 0);
    }
    var e = (BaselineEstimate.Expected) b.expected(MONDAY.plusSeconds(60L * 41));
    assertThat(e.median()).isBetween(-0.05, 0.05);
    assertThat(e.spread()).isGreaterThan(0.1);
  }

  @Test
  void nan_is_skipped_and_counted_and_time_must_advance() {
    SeasonalBaseline b = new SeasonalBaseline(BaselineSettings.DEFAULT);
    b.observe(MONDAY, Double.NaN);
    assertThat(b.skippedNaN()).isEqualTo(1);
    assertThatThrownBy(() -> b.observe(MONDAY, 1)).hasMessageContaining("not after");
  }

  @Test
  void counter_resets_become_the_new_value_not_a_negative_rate() {
    List<Sample> c = new ArrayList<>();
    double[] values = {100, 160, 220, 10, 70}; // restart between the 3rd and 4th scrape
    for (int i = 0; i < values.length; i++) {
      c.add(new Sample(MONDAY.plusSeconds(60L * i), values[i]));
    }
    Series counter = Series.of(c);
    assertThat(CounterRates.rates(counter).values()).containsExactly(1.0, 1.0, 10.0 / 60, 1.0);
    assertThat(CounterRates.resets(counter)).isEqualTo(1);
  }
}
