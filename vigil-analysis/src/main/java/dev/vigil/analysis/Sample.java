package dev.vigil.analysis;

import java.time.Instant;
import java.util.Objects;

/**
 * One observation of a metric.
 *
 * @param timestamp when the value was observed; never null
 * @param value the observed value; may be NaN (Prometheus answers NaN for 0/0), which {@link Series#of}
 *     skips and counts rather than rejecting, because a NaN is a normal answer, not broken input
 */
public record Sample(Instant timestamp, double value) {
  public Sample {
    Objects.requireNonNull(timestamp, "timestamp");
  }
}
