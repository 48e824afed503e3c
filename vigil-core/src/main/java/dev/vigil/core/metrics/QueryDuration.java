package dev.vigil.core.metrics;

import java.time.Duration;

/**
 * A duration as metric queries write it ({@code 2m}, {@code 90s}, {@code 1h}). One spelling for everything
 * that renders a signal's {@code $window}, so that the same template at the same window gives the same query
 * text wherever it is rendered: a stored baseline is matched to a check by that text.
 */
public final class QueryDuration {
  private QueryDuration() {
  }

  /** Whole seconds, in the largest unit that divides them. */
  public static String format(Duration d) {
    if (d == null || d.toSeconds() < 1) {
      throw new IllegalArgumentException("a query duration is at least one second, was " + d);
    }
    long s = d.toSeconds();
    return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
  }
}
