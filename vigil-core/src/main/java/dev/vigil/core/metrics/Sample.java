package dev.vigil.core.metrics;

import java.time.Instant;

/**
 * One value at one time. The value may be NaN (Prometheus answers {@code "NaN"}, e.g. for 0/0 or
 * a quantile over no observations) or infinite; callers decide what that means for them.
 *
 * @param time when the value was observed or evaluated, millisecond precision in Prometheus
 * @param value the value
 */
public record Sample(Instant time, double value) {
  public Sample {
    if (time == null) {
      throw new IllegalArgumentException("sample time is required");
    }
  }
}
