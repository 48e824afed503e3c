package dev.vigil.core.metrics;

import java.time.Duration;
import java.time.Instant;

/**
 * A closed interval of time, both ends included (as in Prometheus range queries).
 *
 * @param start first instant
 * @param end last instant, not before start
 */
public record TimeRange(Instant start, Instant end) {
  public TimeRange {
    if (start == null || end == null) {
      throw new IllegalArgumentException("time range needs a start and an end");
    }
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("time range ends (" + end + ") before it starts (" + start + ")");
    }
  }

  /** The {@code length} up to and including {@code end}. */
  public static TimeRange ending(Instant end, Duration length) {
    return new TimeRange(end.minus(length), end);
  }

  public Duration length() {
    return Duration.between(start, end);
  }
}
