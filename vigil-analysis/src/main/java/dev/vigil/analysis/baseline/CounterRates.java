package dev.vigil.analysis.baseline;

import dev.vigil.analysis.Sample;
import dev.vigil.analysis.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a cumulative counter into per-second rates, treating a decrease as a reset (the process restarted and
 * the counter began again from zero), as Prometheus' {@code rate()} does. Without this, every deploy (which
 * restarts processes) would look like a huge negative rate.
 */
public final class CounterRates {
  private CounterRates() {}

  /**
   * Per-second rates between consecutive samples, stamped at the later sample. After a reset the increase is
   * taken to be the new value itself.
   *
   * @throws IllegalArgumentException when a counter value is negative (counters never are)
   */
  public static Series rates(Series counter) {
    Objects.requireNonNull(counter, "counter");
    List<Sample> s = counter.samples();
    List<Sample> out = new ArrayList<>(Math.max(0, s.size() - 1));
    for (int i = 0; i < s.size(); i++) {
      if (s.get(i).value() < 0) {
        throw new IllegalArgumentException("counter samples[" + i + "] is negative: " + s.get(i).value());
      }
      if (i == 0) {
        continue;
      }
      double prev = s.get(i - 1).value();
      double cur = s.get(i).value();
      double increase = cur >= prev ? cur - prev : cur;
      double seconds = (s.get(i).timestamp().toEpochMilli() - s.get(i - 1).timestamp().toEpochMilli()) / 1000.0;
      out.add(new Sample(s.get(i).timestamp(), increase / seconds));
    }
    return new Series(out, counter.skippedNaN());
  }

  /** How many resets the counter went through. */
  public static int resets(Series counter) {
    int n = 0;
    List<Sample> s = counter.samples();
    for (int i = 1; i < s.size(); i++) {
      if (s.get(i).value() < s.get(i - 1).value()) {
        n++;
      }
    }
    return n;
  }
}
