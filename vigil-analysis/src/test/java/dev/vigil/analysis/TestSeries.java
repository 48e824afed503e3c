package dev.vigil.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds series for tests: values one interval apart from a fixed start. */
public final class TestSeries {
  public static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");

  private TestSeries() {}

  public static Series of(Instant start, Duration step, double... values) {
    List<Sample> out = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      out.add(new Sample(start.plus(step.multipliedBy(i)), values[i]));
    }
    return Series.of(out);
  }

  public static Series minutes(double... values) {
    return of(T0, Duration.ofMinutes(1), values);
  }

  public static double[] repeat(double value, int n) {
    double[] out = new double[n];
    java.util.Arrays.fill(out, value);
    return out;
  }
}
